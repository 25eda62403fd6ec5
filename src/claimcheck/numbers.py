"""Numbers as people read them: the views show them, and relation details quote them."""

from __future__ import annotations

import math

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def human(value: float) -> str:
    """`5500000000.0` -> `5.5 billion`, `11000.0` -> `11,000`, `0.235` -> `0.235`."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    magnitude = abs(value)
    for scale, word in _SCALES:
        if magnitude >= scale:
            return f"{value / scale:,.4g} {word}"
    if magnitude >= 1000 or value == int(value):
        return f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"
    return f"{value:.4g}"


def interval(low: float, high: float, unit: str) -> str:
    """An interval in base units: `≥ 9,000 container`, `5.45 billion – 5.55 billion USD`."""
    unit = "" if unit == "dimensionless" else f" {unit}"
    if math.isinf(high) and not math.isinf(low):
        return f"≥ {human(low)}{unit}"
    if math.isinf(low) and not math.isinf(high):
        return f"≤ {human(high)}{unit}"
    if low == high:
        return f"{human(low)}{unit}"
    return f"{human(low)} – {human(high)}{unit}"
