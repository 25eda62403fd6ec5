"""What a finding is, whichever rule produced it: kinds, columns, key, fingerprint, severity.

Three rules write findings: the pairwise rules (pairs.py), declared relations
(relations.py) and near-duplicate keys (near_duplicates.py). They share this
vocabulary, so a finding means the same thing wherever it came from: one
column order, one key, one digest, one severity scale, one relative gap, one
`fails` policy. Where a rule works on polars columns and another on Python
rows, both forms are defined here side by side, and tests/test_findings.py
holds them equal for all inputs.

This module sits below the rules and above the claims table (load →
intervals → findings → rules → report): it imports neither.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from typing import TYPE_CHECKING, Any

from claimcheck.quantities import Modality

if TYPE_CHECKING:
    import polars as pl


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
    "outlier",
    "fx_rate_low_a", "fx_rate_high_a", "fx_rates_from_a", "fx_rates_to_a", "fx_source_a",
    "fx_rate_low_b", "fx_rate_high_b", "fx_rates_from_b", "fx_rates_to_b", "fx_source_b",
    "fx_detail",
)  # fmt: skip
"""claimcheck's additions, always after the contract's columns."""

FX_COLUMNS = EXTRA_COLUMNS[EXTRA_COLUMNS.index("fx_rate_low_a") :]
"""How a pair of two currencies was converted (fx.py, docs/currencies.md): each side's
lowest and highest rate, their dates and source, and `fx_detail`, which also says why a
pair could not be converted."""

FINDING_COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS

_FLOAT_COLUMNS = frozenset(
    {"relative_gap", "low_a", "high_a", "low_b", "high_b", "derived_low", "derived_high",
     "fx_rate_low_a", "fx_rate_high_a", "fx_rate_low_b", "fx_rate_high_b"}
)  # fmt: skip
_INT_COLUMNS = frozenset({"line_a", "line_b"})

CLAIM_KEY = ("subject_key", "metric_key", "object_key", "period_key")
"""The claims table's normalized key columns (table.py): equal keys, one quantity."""
FINDING_KEY = ("subject", "metric", "object", "period")
"""The same key as a finding writes it."""
FINDING_ORDER = (*FINDING_KEY, "kind", "claim_a", "claim_b")
"""How findings are sorted in every output, whichever rule produced them."""

SIDE_COLUMNS = {
    "claim_id": "claim", "source_id": "source", "value": "value", "unit": "unit",
    "quote": "quote", "qualifier": "qualifier", "value_high": "value_high", "low": "low",
    "high": "high", "base_unit": "base_unit", "time_text": "time", "modality": "modality",
    "attributed_to": "attributed_to", "_line": "line",
}  # fmt: skip
"""Claim column -> finding column stem: claim `a`'s `value` is the finding's `value_a`."""
_CLAIM_COLUMN = {side: claim for claim, side in SIDE_COLUMNS.items()}

FIGURE_COLUMNS = ("claim", "value", "value_high", "unit", "qualifier")
"""What of each side enters a fingerprint: the claim and its figure as written.
Quotes, notes, speakers and row order stay out, so editing them keeps a baseline valid."""

PROVENANCE_COLUMNS = ("title", "publisher", "published")
"""sources.csv columns, which findings carry as title_a, title_b, ..."""

SEVERITY_MEDIUM_GAP = 0.10
SEVERITY_HIGH_GAP = 0.50


def finding_schema() -> dict[str, Any]:
    """The polars types of the finding columns, for rules that build rows in Python."""
    import polars as pl

    schema: dict[str, Any] = {}
    for name in FINDING_COLUMNS:
        if name in _FLOAT_COLUMNS:
            schema[name] = pl.Float64
        elif name in _INT_COLUMNS:
            schema[name] = pl.Int64
        elif name == "fails":
            schema[name] = pl.Boolean
        else:
            schema[name] = pl.String
    return schema


# The fingerprint ------------------------------------------------------------------------


def fingerprint_text(kind: str, key: Iterable[str], sides: Iterable[Iterable[str]]) -> str:
    """The digest of a finding: its kind, key, and each claim's id and figure.

    Sides are sorted, so the digest does not depend on which claim is `a`;
    quotes, notes, speakers and row order are not part of it.
    """
    parts = [kind, *key, *sorted("\x1e".join(side) for side in sides)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def claim_figure(claim: Mapping[str, Any]) -> tuple[str, ...]:
    """One side of `fingerprint_text` read from a claims-frame row (FIGURE_COLUMNS)."""
    return tuple(str(claim[_CLAIM_COLUMN[name]] or "") for name in FIGURE_COLUMNS)


def fingerprint_column(findings: pl.DataFrame) -> pl.Series:
    """`fingerprint_text` for every finding, its input strings built column-wise.

    Only the hashing runs in Python; the result is the same digest, which
    tests/test_findings.py checks against `fingerprint_text` for any text.
    """
    import polars as pl

    # Each side's text and the key's are built once, as columns: inside the ordering
    # expression below polars would build them again for every use (0.24 s against
    # 0.17 s), and the key joined on its own before the sides costs less than joining
    # its five columns into every row's text (0.09 s against 0.12 s for 291,048 findings).
    key = pl.concat_str([pl.col(name).fill_null("") for name in ("kind", *FINDING_KEY)],
                        separator="\x1f").alias("_key")  # fmt: skip
    sides = [
        pl.concat_str(
            [pl.col(f"{name}_{side}").fill_null("") for name in FIGURE_COLUMNS], separator="\x1e"
        ).alias(f"_{side}")
        for side in ("a", "b")
    ]
    a, b = pl.col("_a"), pl.col("_b")
    swap = a > b
    text = pl.concat_str(
        [pl.col("_key"), pl.when(swap).then(b).otherwise(a), pl.when(swap).then(a).otherwise(b)],
        separator="\x1f",
    )
    # As UTF-8 bytes straight from polars: encoding each string in Python cost a fifth
    # of the loop. A slice at a time, texts and all: every finding's texts at once were
    # the peak of a whole compare, as the Python objects of every text and digest had
    # been (the varied bench table's 291,048 findings: 913 against 973 MiB).
    # Only the digest's first 8 bytes are taken in Python, and polars writes them in hex:
    # `hexdigest()[:16]`, the same text, made a 64-character string a finding (0.137 s
    # against 0.164 s for 227,773 findings).
    # Slices' texts are built by polars ahead of the one Python hashes, on another
    # thread: built in turn, they were 0.10 s of the hashing thread's 0.26 s for the
    # varied bench table, for which the compare's main thread waited 0.25 s. A slice is
    # built in one lazy query, so the builder waits for the GIL once, not once a step.
    def texts(start: int) -> list[bytes]:
        part = findings.lazy().slice(start, _HASHED).select(key, *sides)
        built: list[bytes] = part.select(text.cast(pl.Binary)).collect().to_series().to_list()
        return built

    def hashed(built: list[bytes]) -> pl.Series:
        sha256 = hashlib.sha256
        digests = pl.Series([sha256(t).digest()[:8] for t in built], dtype=pl.Binary)
        return digests.bin.encode("hex")

    digests = []
    starts = range(0, findings.height, _HASHED)
    with ThreadPoolExecutor(max_workers=1) as pool:
        upcoming = deque(pool.submit(texts, start) for start in starts[:_AHEAD])
        for later in starts[_AHEAD:]:
            current = upcoming.popleft().result()
            upcoming.append(pool.submit(texts, later))
            digests.append(hashed(current))
        digests.extend(hashed(built.result()) for built in upcoming)
    return pl.concat(digests).alias("fingerprint") if digests else pl.Series(
        "fingerprint", [], dtype=pl.String
    )


_HASHED = 32_768
"""Fingerprints hashed at once."""

_AHEAD = 2
"""Slices whose texts are built ahead of the one hashed."""


# Relative gap and severity --------------------------------------------------------------


def relative_gap(gap: float, magnitude: float) -> float:
    """How far apart two figures are, as a fraction of the larger one; 0 with no scale."""
    return gap / magnitude if magnitude else 0.0


def relative_gap_expr(gap: pl.Expr, magnitude: pl.Expr) -> pl.Expr:
    """`relative_gap` over columns."""
    import polars as pl

    return pl.when(magnitude == 0).then(0.0).otherwise(gap / magnitude)


_LEVELS = (Severity.LOW.value, Severity.MEDIUM.value, Severity.HIGH.value)
_FIXED = {
    Kind.UNIT_MISMATCH.value: Severity.MEDIUM.value,
    Kind.CHANGED.value: Severity.LOW.value,
    Kind.NEAR_DUPLICATE_KEY.value: Severity.LOW.value,
}
"""Kinds whose severity does not follow the gap.

A unit mismatch is a table error more than a disagreement; a `changed` figure
is an update; a near-duplicate key is a hint to add an alias."""


def severity(kind: str, gap: float, hedged: bool) -> str:
    """Low, medium or high from the relative gap, one step lower when a claim is hedged."""
    if kind in _FIXED:
        return _FIXED[kind]
    level = 2 if gap >= SEVERITY_HIGH_GAP else 1 if gap >= SEVERITY_MEDIUM_GAP else 0
    if hedged:
        level = max(level - 1, 0)
    return _LEVELS[level]


def any_hedged(modalities: Iterable[str | None]) -> bool:
    """Whether any claim of a finding is hedged (it lowers the severity)."""
    return any(modality == Modality.HEDGED.value for modality in modalities)


def severity_expr() -> pl.Expr:
    """`severity` over a findings frame (kind, relative_gap, modality_a, modality_b)."""
    import polars as pl

    level = (
        pl.when(pl.col("relative_gap") >= SEVERITY_HIGH_GAP)
        .then(2)
        .when(pl.col("relative_gap") >= SEVERITY_MEDIUM_GAP)
        .then(1)
        .otherwise(0)
    )
    is_hedged = (pl.col("modality_a") == Modality.HEDGED.value) | (
        pl.col("modality_b") == Modality.HEDGED.value
    )
    level = pl.when(is_hedged).then(pl.max_horizontal(level - 1, pl.lit(0))).otherwise(level)
    levels = level.replace_strict([0, 1, 2], list(_LEVELS), return_dtype=pl.String)
    return pl.col("kind").replace_strict(
        list(_FIXED), list(_FIXED.values()), default=levels, return_dtype=pl.String
    )


# The policy -----------------------------------------------------------------------------


def fails_expr(fail_on: Iterable[Kind], known: Iterable[str]) -> pl.Expr:
    """Whether a finding fails: its kind is in `fail_on` and no baseline accepted it."""
    import polars as pl

    return pl.col("kind").is_in([kind.value for kind in fail_on]) & ~pl.col(
        "fingerprint"
    ).is_in(list(known))
