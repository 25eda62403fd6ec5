"""What the views for people share, whatever draws them: the terminal (rich) or a page (HTML).

A quantity must look the same in every view: the same axis (which claims sit
on it, linear or log scale, where each interval falls), the same figure as
written, the same digits highlighted in a quote, the same relations in the
same order. So the geometry and the words live here once, with no drawing
library, and render/table.py and render/html.py only draw them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimcheck.findings import Kind, Severity

if TYPE_CHECKING:
    from claimcheck.models import Report

LOG_SPAN = 100
"""An axis whose ends differ by more than this factor is drawn on a log scale."""

_QUALIFIER_SIGNS = {"approx": "≈ ", "at_least": "≥ ", "at_most": "≤ ", "exact": "", "range": ""}
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f]*\d)?")


def sources(report: Report) -> dict[str, dict[str, str]]:
    """sources.csv's rows by source_id (empty without a sources file)."""
    frame = report.table.sources
    if frame is None:
        return {}
    return {row["source_id"]: row for row in frame.iter_rows(named=True)}


def source_name(source: dict[str, str], source_id: str) -> str:
    """`Title (Publisher)`, the source_id when sources.csv has no title."""
    name = source.get("title") or source_id
    if source.get("publisher"):
        name = f"{name} ({source['publisher']})"
    return name


def quantity_title(row: dict[str, Any]) -> str:
    """`subject · metric · → object · period` of a claim's quantity, empty parts left out."""
    parts = (
        row["subject_key"],
        row["metric_key"],
        f"→ {row['object_key']}" if row["object_key"] else "",
        row["period_key"],
    )
    return " · ".join(part for part in parts if part)


_LEVELS = [severity.value for severity in Severity]


def worst(severities: Iterable[str]) -> str:
    """The highest of the severities given (Severity lists them from low to high)."""
    return max(severities, key=_LEVELS.index)


def figure(row: dict[str, Any]) -> str:
    """The figure as the table writes it, with its qualifier as a sign."""
    if row["qualifier"] == "range":
        return f"{row['value']} – {row['value_high']} {row['unit']}"
    return f"{_QUALIFIER_SIGNS.get(row['qualifier'], '')}{row['value']} {row['unit']}"


def figure_spans(quote: str, base_value: float, factor: float) -> list[tuple[int, int]]:
    """Where the claim's figure is written in its quote, read as German or English digits."""
    targets = {base_value, base_value / factor if factor else base_value}
    return [
        (match.start(), match.end())
        for match in _NUMBER.finditer(quote or "")
        if any(_matches(reading, targets) for reading in _readings(match.group()))
    ]


def _readings(token: str) -> Iterable[float]:
    """What a written number can mean: German (`11.000`, `5,5`) or English (`11,000`, `5.5`)."""
    compact = token.replace("\u00a0", "").replace("\u202f", "")
    for group, decimal in ((".", ","), (",", ".")):
        candidate = compact.replace(group, "").replace(decimal, ".")
        try:
            yield float(candidate)
        except ValueError:
            continue


def _matches(reading: float, targets: set[float]) -> bool:
    return any(
        math.isclose(reading * 10**power, target, rel_tol=1e-9)
        for target in targets
        for power in (0, 3, 6, 9, 12)
    )


@dataclass(frozen=True)
class Axis:
    """The shared axis of a quantity's number line."""

    dimension: str
    unit: str
    low: float
    high: float
    log: bool
    drawn: tuple[dict[str, Any], ...]
    """The claims on the axis: those in the axis's dimension, in the order given."""
    off: tuple[dict[str, Any], ...]
    """Claims in another dimension, which no axis can place beside the others."""

    def share(self, value: float) -> float:
        """Where a value falls between the axis's ends, 0 to 1 (infinite ends at the edges)."""
        if math.isinf(value):
            return 0.0 if value < 0 else 1.0
        if self.high == self.low:
            return 0.5
        if self.log:
            return (math.log10(value) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low)
            )
        return (value - self.low) / (self.high - self.low)

    @property
    def scale(self) -> str:
        return "log scale" if self.log else "linear scale"


def in_euros(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A quantity's claims for its chart: in euros when it holds money in two currencies,
    each claim that converted at its converted interval (docs/currencies.md)."""
    currencies = {r["dimension"] for r in rows if r.get("fx_dimension") is not None}
    if len(currencies) < 2:
        return list(rows)
    return [
        {**r, "dimension": r["fx_dimension"], "low": r["fx_low"], "high": r["fx_high"],
         "base_unit": r["fx_base_unit"]} if r.get("fx_dimension") is not None else r
        for r in rows
    ]  # fmt: skip


def axis(rows: Sequence[dict[str, Any]]) -> Axis:
    """The axis for a quantity's claims: its most common dimension, finite ends, the scale.

    A tie between dimensions goes to the first claim shown. Log scale when the
    ends span more than `LOG_SPAN`, so 7,000 and 5 million are both seen.
    Rows with their conversion (fx.readable) of a quantity in two currencies
    are drawn in euros.
    """
    rows = in_euros(rows)
    dimensions = [r["dimension"] for r in rows]
    dimension = max(dimensions, key=lambda d: (dimensions.count(d), -dimensions.index(d)))
    drawn = tuple(r for r in rows if r["dimension"] == dimension)
    ends = [v for r in drawn for v in (r["low"], r["high"]) if not math.isinf(v)]
    low, high = min(ends), max(ends)
    return Axis(
        dimension,
        drawn[0]["base_unit"],
        low,
        high,
        low > 0 and high / low > LOG_SPAN,
        drawn,
        tuple(r for r in rows if r["dimension"] != dimension),
    )


def relation_rows(report: Report) -> list[dict[str, Any]]:
    """Every declared relation's outcomes, in the order of relations.csv.

    Violated relations (findings) and those that hold or cannot be evaluated
    (context) are listed together, each row with `relation_kind` added.
    """
    import polars as pl

    outcome = report.relations
    if outcome is None:
        return []
    violated = report.findings.filter(pl.col("kind") == Kind.RELATION_VIOLATED.value)
    order = {relation.relation_id: i for i, relation in enumerate(outcome.relations)}
    kinds = {relation.relation_id: relation.kind.value for relation in outcome.relations}
    rows = [*violated.iter_rows(named=True), *outcome.context.iter_rows(named=True)]
    rows.sort(key=lambda row: (order.get(row["relation"], len(order)), row["claim_a"] or ""))
    return [{**row, "relation_kind": kinds.get(row["relation"], "")} for row in rows]
