"""What people read: findings and the report that holds them.

Claims in bulk stay in a polars frame; a `Finding` is built only when a
renderer asks for it, so a million-row table with a hundred thousand findings
never holds a hundred thousand Python objects at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.relations import RelationsOutcome
    from claimcheck.table import ClaimsTable


class Kind(str, Enum):
    """Finding kinds (contract section 4); the value is what every output writes."""

    CONTRADICTION = "contradiction"
    DECREASING_CUMULATIVE = "decreasing_cumulative"
    UNIT_MISMATCH = "unit_mismatch"
    CHANGED = "changed"
    RELATION_VIOLATED = "relation_violated"
    NEAR_DUPLICATE_KEY = "near_duplicate_key"
    """Informational: two quantities split by a near-duplicate name would conflict if merged."""


DEFAULT_FAIL_ON = frozenset(
    {Kind.CONTRADICTION, Kind.DECREASING_CUMULATIVE, Kind.UNIT_MISMATCH, Kind.RELATION_VIOLATED}
)


class Severity(str, Enum):
    """How much a finding deserves a reader's attention (see docs/findings.md)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


CONTRACT_COLUMNS = (
    "fingerprint", "kind", "severity", "subject", "metric", "object", "period",
    "claim_a", "claim_b", "source_a", "source_b", "value_a", "value_b", "unit_a", "unit_b",
    "relative_gap", "quote_a", "quote_b",
)  # fmt: skip
"""The columns of contract section 5, in its order."""

EXTRA_COLUMNS = (
    "fails", "qualifier_a", "qualifier_b", "value_high_a", "value_high_b",
    "low_a", "high_a", "low_b", "high_b", "base_unit_a", "base_unit_b",
    "time_a", "time_b", "modality_a", "modality_b", "attributed_to_a", "attributed_to_b",
    "line_a", "line_b",
    "relation", "derived_low", "derived_high", "relation_detail",
    "title_a", "title_b", "publisher_a", "publisher_b", "published_a", "published_b",
)  # fmt: skip
"""claimcheck's additions, always after the contract's columns."""

FINDING_COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS


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


assert tuple(f.name for f in fields(Finding)) == FINDING_COLUMNS


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

    @property
    def path(self) -> str:
        return self.table.path

    def __iter__(self) -> Iterator[Finding]:
        for row in self.findings.select(FINDING_COLUMNS).iter_rows():
            yield Finding(*row)

    def __len__(self) -> int:
        return self.findings.height

    @property
    def failing(self) -> int:
        """How many findings fail under the chosen policy (exit status 1 when any)."""
        return int(self.findings.get_column("fails").sum())

    def summary(self) -> str:
        """One line for people: claims read, quantities, findings by kind, failing."""
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items() if n)
        detail = f" ({counts})" if counts else ""
        return (
            f"{self.claims.height} claims read, {self.quantities} quantities, "
            f"{len(self)} findings{detail}; {self.failing} failing"
        )

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind listed (zero included), in Kind order."""
        counted = dict(self.findings.get_column("kind").value_counts().iter_rows())
        return {kind.value: int(counted.get(kind.value, 0)) for kind in Kind}
