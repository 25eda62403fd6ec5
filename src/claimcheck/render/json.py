"""JSON findings (contract section 5): one array of objects, numbers as numbers.

Written element by element rather than built as one list, so a large report
streams. Infinite interval ends, which JSON cannot spell, are written as null.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from claimcheck.models import Finding, Report
    from claimcheck.render import RenderOptions

_INTEGER = re.compile(r"[+-]?\d+")
_NUMERIC_TEXT = ("value_a", "value_b", "value_high_a", "value_high_b")


def _number(text: str) -> int | float | str | None:
    """A value as a JSON number; a relation's joined values (`10+15`) stay text."""
    if not text:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text


def as_object(finding: Finding) -> dict[str, Any]:
    """A finding as a JSON-ready dict with the contract's keys first."""
    data = asdict(finding)
    for name in _NUMERIC_TEXT:
        data[name] = _number(data[name])
    for name, value in data.items():
        if isinstance(value, float) and math.isinf(value):
            data[name] = None
    return data


def render(report: Report, out: TextIO, options: RenderOptions) -> None:  # noqa: ARG001
    out.write("[")
    for index, finding in enumerate(report):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(as_object(finding), ensure_ascii=False))
    out.write("\n]\n" if len(report) else "]\n")
