"""What a caller chooses and what people read: options, findings, the report.

Claims in bulk stay in a polars frame; a `Finding` is built only when a
renderer asks for it, so a million-row table with a hundred thousand findings
never holds a hundred thousand Python objects at once. The rules (pairs.py,
relations.py, near_duplicates.py) sit below this module; the pipeline that
runs them sits above it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from claimcheck.errors import UsageError
from claimcheck.findings import DEFAULT_FAIL_ON, FINDING_COLUMNS, Kind
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.fx import Conversion
    from claimcheck.relations import Relation, RelationsOutcome
    from claimcheck.table import ClaimsTable


@dataclass(frozen=True)
class CompareOptions:
    """What a caller may choose about a comparison."""

    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE
    fail_on: frozenset[Kind] = DEFAULT_FAIL_ON
    known: frozenset[str] = field(default_factory=frozenset)
    """Fingerprints already reviewed (a baseline): they never fail."""
    relations: tuple[Relation, ...] = ()
    """Declared relations between quantities (relations.py), checked after the pairs."""
    convert_currencies: bool = True
    """Compare money across currencies at the rates of each claim's time (fx.py)."""
    fx_rates: str | None = None
    """A rates file in the ECB's CSV layout; None: the ECB history shipped with the package."""
    consensus: bool = False
    """Mark which side of each finding is the outlier against its item's consensus."""

    def __post_init__(self) -> None:
        if not 0 <= self.approx_tolerance < 1:
            raise UsageError(
                "approx tolerance must be a fraction from 0 to below 1, "
                f"not {self.approx_tolerance}"
            )


def parse_fail_on(text: str) -> frozenset[Kind]:
    """Read `--fail-on`: `any`, `none`, or comma-separated kinds."""
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    if words == ["any"]:
        return frozenset(Kind)
    if words == ["none"]:
        return frozenset()
    kinds = {kind.value: kind for kind in Kind}
    unknown = [word for word in words if word not in kinds]
    if unknown or not words:
        choices = ", ".join([*kinds, "any", "none"])
        raise UsageError(f"--fail-on: {', '.join(unknown) or text!r} is not one of {choices}")
    return frozenset(kinds[word] for word in words)



@dataclass(frozen=True, slots=True)
class Finding:
    """Two claims about one quantity that do not agree, with their provenance."""

    fingerprint: str
    kind: str
    severity: str
    subject: str
    metric: str
    object: str
    period: str
    claim_a: str
    claim_b: str
    source_a: str
    source_b: str
    value_a: str
    value_b: str
    unit_a: str
    unit_b: str
    relative_gap: float
    quote_a: str
    quote_b: str
    fails: bool
    qualifier_a: str
    qualifier_b: str
    value_high_a: str
    value_high_b: str
    low_a: float
    high_a: float
    low_b: float
    high_b: float
    base_unit_a: str
    base_unit_b: str
    time_a: str
    time_b: str
    modality_a: str
    modality_b: str
    attributed_to_a: str
    attributed_to_b: str
    line_a: int
    line_b: int
    relation: str
    """The relation_id of a relation finding (docs/relations.md); empty otherwise."""
    derived_low: float | None
    derived_high: float | None
    relation_detail: str
    title_a: str
    """The source's title, publisher and publication date (sources.csv), for provenance."""
    title_b: str
    publisher_a: str
    publisher_b: str
    published_a: str
    published_b: str
    outlier: str
    """With `compare --consensus`: `a` or `b` when that claim is outside its item's consensus
    and the other inside it (docs/consensus.md); empty otherwise."""
    fx_rate_low_a: float | None
    """The reference rates a money claim was converted at (docs/currencies.md): the
    lowest and highest, units of its currency per euro, and the dates of the first
    and last rate used; None (rates) or empty (dates, source) when the pair was
    compared without converting that side."""
    fx_rate_high_a: float | None
    fx_rates_from_a: str
    fx_rates_to_a: str
    fx_source_a: str
    fx_rate_low_b: float | None
    fx_rate_high_b: float | None
    fx_rates_from_b: str
    fx_rates_to_b: str
    fx_source_b: str
    fx_detail: str
    """How a pair of two currencies was compared, or why it could not be converted."""


assert tuple(f.name for f in fields(Finding)) == FINDING_COLUMNS


def summary_line(
    claims: int, quantities: int, total: int, counts: dict[str, int], failing: int
) -> str:
    """The summary of a comparison, from its totals (a streamed one has no single frame)."""
    listed = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    detail = f" ({listed})" if listed else ""
    return (
        f"{claims} claims read, {quantities} quantities, "
        f"{total} findings{detail}; {failing} failing"
    )


@dataclass(frozen=True)
class Report:
    """The outcome of `compare`: the findings (columnar) and what they were found in.

    `claims` is the table's claims frame with `quantity` (a group number per
    quantity), `low`, `high` and `base_value` added, for views that show every
    claim of a quantity in conflict.
    """

    table: ClaimsTable
    claims: pl.DataFrame
    findings: pl.DataFrame
    fail_on: frozenset[Kind]
    quantities: int
    relations: RelationsOutcome | None = None
    """Declared relations as evaluated, with the ones that hold or cannot be evaluated."""
    conversion: Conversion | None = None
    """The currency conversion `claims` went through (fx.py); None when the table holds
    money in one currency at most, or conversion was turned off."""
    claims_read: int | None = None
    """How many claims the table holds, when `claims` holds only some of them (the Dask
    engine keeps on the driver only the claims that relations and near-duplicates read)."""

    @property
    def path(self) -> str:
        return self.table.path

    def __iter__(self) -> Iterator[Finding]:
        for row in self.rows():
            yield Finding(*row)

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """The findings' cells, a tuple a finding in `FINDING_COLUMNS` order, read as they
        are written: what a `Finding` is made of, for a format that needs no more."""
        yield from self.findings.select(FINDING_COLUMNS).iter_rows()

    def __len__(self) -> int:
        return self.findings.height

    @property
    def failing(self) -> int:
        """How many findings fail under the chosen policy (exit status 1 when any)."""
        return int(self.findings.get_column("fails").sum())

    def summary(self) -> str:
        """One line for people: claims read, quantities, findings by kind, failing."""
        return summary_line(
            self.claims_read if self.claims_read is not None else self.claims.height,
            self.quantities, len(self), self.counts(), self.failing,
        )

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind listed (zero included), in Kind order."""
        counted = dict(self.findings.get_column("kind").value_counts().iter_rows())
        return {kind.value: int(counted.get(kind.value, 0)) for kind in Kind}
