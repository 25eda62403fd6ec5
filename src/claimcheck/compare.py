"""Grouping claims into quantities and the finding rules (contract section 4).

One implementation for every table size, written as polars expressions:

1. every claim becomes an interval in base units (quantities.py);
2. claims with equal normalized subject, metric, object and period form a
   quantity;
3. only quantities that can hold a finding are paired: those with two
   dimensions, or whose largest lower bound exceeds their smallest upper
   bound. A table where most quantities agree costs one pass, not n² pairs;
4. each pair is classified by dimension, overlap and time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import UsageError
from claimcheck.models import DEFAULT_FAIL_ON, Kind, Report, Severity
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE, Modality, with_intervals

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.relations import Relation
    from claimcheck.table import ClaimsTable

OVERLAP_EPSILON = 1e-9
"""Relative slack in the overlap test, so that touching intervals such as 5.45-5.55
and 5.35-5.45 billion are not split apart by floating-point rounding."""

SEVERITY_MEDIUM_GAP = 0.10
SEVERITY_HIGH_GAP = 0.50

_KEYS = ("subject_key", "metric_key", "object_key", "period_key")
_FINDING_KEY = ("subject", "metric", "object", "period")
FINDING_ORDER = (*_FINDING_KEY, "kind", "claim_a", "claim_b")
"""How findings are sorted in every output, whichever rule produced them."""
_PAIR_COLUMNS = (
    "quantity", "idx", "dimension_code", "low", "high", "base_value",
    "time_code", "time_first", "time_last", "period_state",
)  # fmt: skip
"""Only numbers cross the self-join: strings would be copied into every pair."""
_PERIOD_NONE, _PERIOD_CLOSED, _PERIOD_OPEN = 0, 1, 2
_SIDE_COLUMNS = {
    "claim_id": "claim", "source_id": "source", "value": "value", "unit": "unit",
    "quote": "quote", "qualifier": "qualifier", "value_high": "value_high", "low": "low",
    "high": "high", "base_unit": "base_unit", "time_text": "time", "modality": "modality",
    "attributed_to": "attributed_to", "_line": "line",
}  # fmt: skip
_PROVENANCE = ("title", "publisher", "published")
"""sources.csv columns, which findings carry as title_a, title_b, ...: looked up once findings
are known."""


@dataclass(frozen=True)
class CompareOptions:
    """What a caller may choose about a comparison."""

    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE
    fail_on: frozenset[Kind] = DEFAULT_FAIL_ON
    known: frozenset[str] = field(default_factory=frozenset)
    """Fingerprints already reviewed (a baseline): they never fail."""
    relations: tuple[Relation, ...] = ()
    """Declared relations between quantities (relations.py), checked after the pairs."""

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


def compare(table: ClaimsTable, options: CompareOptions | None = None) -> Report:
    """Find every finding in a validated table."""
    import polars as pl

    options = options or CompareOptions()
    claims = with_intervals(table.claims.with_row_index("idx"), options.approx_tolerance)
    # Codes only need to be equal for equal text: a Categorical's dictionary gives
    # them without sorting a million strings as a rank would.
    def code(text: pl.Expr) -> pl.Expr:
        return text.cast(pl.Categorical).to_physical()

    claims = claims.with_columns(
        code(pl.concat_str(_KEYS, separator="\x1f")).alias("quantity"),
        code(pl.col("dimension")).alias("dimension_code"),
        # 0 is "no time": equal codes then mean "written alike", as the contract asks.
        pl.when(pl.col("time_text") == "")
        .then(0)
        .otherwise(code(pl.col("time_text")).cast(pl.Int64) + 1)
        .alias("time_code"),
        pl.when(pl.col("period_key") == "")
        .then(_PERIOD_NONE)
        .when(pl.col("period_open"))
        .then(_PERIOD_OPEN)
        .otherwise(_PERIOD_CLOSED)
        .cast(pl.Int8)
        .alias("period_state"),
    )
    quantities = claims.get_column("quantity").n_unique()
    pairs = _classify(_pairs(_candidates(claims))).collect()
    findings = _describe(claims, pairs, options)
    outcome = None
    if options.relations:
        from claimcheck.relations import evaluate

        outcome = evaluate(options.relations, claims, options)
        findings = pl.concat([findings, outcome.violated], how="diagonal_relaxed")
        findings = findings.sort(FINDING_ORDER)
    from claimcheck.near_duplicates import with_near_duplicates

    findings = _with_provenance(with_near_duplicates(claims, findings, options), table.sources)
    return Report(table, claims, findings, options.fail_on, quantities, outcome)


def _with_provenance(findings: pl.DataFrame, sources: pl.DataFrame | None) -> pl.DataFrame:
    """Both claims' source title, publisher and date, looked up for the findings alone.

    Looking them up per claim would add three string columns the length of
    the table (48 MB of views for a million claims) that few rows ever show.
    """
    import polars as pl

    columns = []
    for side in ("a", "b"):
        for name in _PROVENANCE:
            if sources is None:
                value = pl.lit("")
            else:
                value = pl.col(f"source_{side}").replace_strict(
                    sources.get_column("source_id"), sources.get_column(name),
                    default="", return_dtype=pl.String,
                )  # fmt: skip
            columns.append(value.alias(f"{name}_{side}"))
    return findings.with_columns(columns)


def compare_files(
    claims: str | Path,
    options: CompareOptions | None = None,
    *,
    sources: str | Path | None = None,
    aliases: str | Path | None = None,
    relations: str | Path | None = None,
) -> Report:
    """Load a claims table with its companions and compare it: what every command runs.

    `sources.csv`, `aliases.csv` and `relations.csv` beside the claims file
    are used when no path is given, so `compare` and `baseline` always see
    the same findings (and the same fingerprints).
    """
    from claimcheck.relations import load_relations
    from claimcheck.table import default_beside, load_table

    options = options or CompareOptions()
    table = load_table(claims, sources_path=sources, aliases_path=aliases)
    relations = relations or default_beside(table.path, "relations.csv")
    if relations is not None:
        options = replace(options, relations=load_relations(relations))
    return compare(table, options)


def _candidates(claims: pl.DataFrame) -> pl.DataFrame:
    """Claims of the quantities that may hold a finding; the rest cannot."""
    import polars as pl

    scale = pl.max_horizontal(pl.col("low").abs(), pl.col("high").abs())
    # Aggregates per (quantity, dimension) instead of window expressions: a
    # group-by on two integers is the cheapest way polars has to ask this.
    groups = claims.group_by("quantity", "dimension_code").agg(
        (pl.col("low").max() - pl.col("high").min() > OVERLAP_EPSILON * scale.min()).alias("apart")
    )
    suspect = groups.group_by("quantity").agg(
        (pl.col("apart").any() | (pl.len() > 1)).alias("suspect")
    )
    quantities = suspect.filter(pl.col("suspect")).get_column("quantity")
    return claims.select(_PAIR_COLUMNS).filter(pl.col("quantity").is_in(quantities.implode()))


def _pairs(candidates: pl.DataFrame) -> pl.LazyFrame:
    """Every pair of claims within a quantity, once, with the facts the rules need."""
    import polars as pl

    lazy = candidates.lazy()
    pairs = lazy.join(lazy, on="quantity", suffix="_b").filter(pl.col("idx") < pl.col("idx_b"))
    gap = pl.max_horizontal(pl.col("low_b") - pl.col("high"), pl.col("low") - pl.col("high_b"))
    magnitude = pl.max_horizontal(pl.col("base_value").abs(), pl.col("base_value_b").abs())
    same_text = (pl.col("time_code") == pl.col("time_code_b")) & (pl.col("time_code") != 0)
    unknown = pl.col("time_first").is_null() | pl.col("time_first_b").is_null()
    a_first = pl.col("time_last") < pl.col("time_first_b")
    b_first = pl.col("time_last_b") < pl.col("time_first")
    return pairs.with_columns(
        (pl.col("dimension_code") != pl.col("dimension_code_b")).alias("mixed"),
        gap.alias("gap"),
        magnitude.alias("magnitude"),
        (~same_text & ~unknown & (a_first | b_first)).alias("ordered"),
        a_first.fill_null(value=False).alias("a_first"),
    )


def _classify(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Apply the rules of contract section 4; keep only pairs that are findings."""
    import polars as pl

    apart = pl.col("gap") > OVERLAP_EPSILON * pl.col("magnitude")
    state = pl.col("period_state")
    later_below = (
        pl.when(pl.col("a_first"))
        .then(pl.col("high_b") < pl.col("low"))
        .otherwise(pl.col("high") < pl.col("low_b"))
    )
    kind = (
        pl.when(pl.col("mixed"))
        .then(pl.lit(Kind.UNIT_MISMATCH.value))
        .when(~apart)
        .then(None)
        .when((state == _PERIOD_CLOSED) | ~pl.col("ordered"))
        .then(pl.lit(Kind.CONTRADICTION.value))
        .when((state == _PERIOD_OPEN) & later_below)
        .then(pl.lit(Kind.DECREASING_CUMULATIVE.value))
        .when(state == _PERIOD_NONE)
        .then(pl.lit(Kind.CHANGED.value))
        .otherwise(None)
    )
    return pairs.with_columns(kind.alias("kind")).filter(pl.col("kind").is_not_null())


def _describe(claims: pl.DataFrame, pairs: pl.DataFrame, options: CompareOptions) -> pl.DataFrame:
    """Order each pair, attach both claims' provenance, and derive gap, severity, fingerprint."""
    import polars as pl

    # `idx` is the claims frame's row index, so a claim's columns are gathered by
    # position rather than joined: far cheaper than hashing a million-row frame.
    ids = claims.get_column("claim_id")
    pairs = pairs.with_columns(
        ids.gather(pairs.get_column("idx")).alias("claim_id"),
        ids.gather(pairs.get_column("idx_b")).alias("claim_id_b"),
    )
    by_time = pl.col("kind").is_in([Kind.CHANGED.value, Kind.DECREASING_CUMULATIVE.value])
    a_is_first = (
        pl.when(by_time)
        .then(pl.col("a_first"))
        .otherwise(pl.col("claim_id") < pl.col("claim_id_b"))
    )
    ordered = pairs.select(
        "kind",
        "quantity",
        pl.when(a_is_first).then(pl.col("idx")).otherwise(pl.col("idx_b")).alias("idx_a"),
        pl.when(a_is_first).then(pl.col("idx_b")).otherwise(pl.col("idx")).alias("idx_b"),
        pl.when(a_is_first).then(pl.col("claim_id")).otherwise(pl.col("claim_id_b")).alias("claim_a"),
        pl.when(a_is_first).then(pl.col("claim_id_b")).otherwise(pl.col("claim_id")).alias("claim_b"),
        pl.when(pl.col("mixed") | (pl.col("magnitude") == 0))
        .then(0.0)
        .otherwise(pl.col("gap") / pl.col("magnitude"))
        .alias("relative_gap"),
    )
    keys = claims.select(
        pl.col("subject_key").alias("subject"), pl.col("metric_key").alias("metric"),
        pl.col("object_key").alias("object"), pl.col("period_key").alias("period"),
    )  # fmt: skip
    # Sorted while the rows are narrow (the sort key and two indices), so the wide
    # provenance columns are gathered once, already in order, and never re-sorted.
    ordered = pl.concat([ordered, keys[ordered.get_column("idx_a")]], how="horizontal").sort(
        FINDING_ORDER
    )
    parts = [ordered]
    for side in ("a", "b"):
        columns = claims.select(
            pl.col(src).alias(f"{dst}_{side}")
            for src, dst in _SIDE_COLUMNS.items()
            if src != "claim_id"
        )
        parts.append(columns[ordered.get_column(f"idx_{side}")])
    findings = pl.concat(parts, how="horizontal")
    findings = findings.with_columns(
        _severity().alias("severity"),
        _fingerprint(findings).alias("fingerprint"),
        pl.lit("").alias("relation"),
        pl.lit(None, pl.Float64).alias("derived_low"),
        pl.lit(None, pl.Float64).alias("derived_high"),
        pl.lit("").alias("relation_detail"),
    )
    fails = pl.col("kind").is_in([kind.value for kind in options.fail_on]) & ~pl.col(
        "fingerprint"
    ).is_in(list(options.known))
    return findings.with_columns(fails.alias("fails"))


def _severity() -> pl.Expr:
    """Low, medium or high from the relative gap, one step lower when a claim is hedged.

    A unit mismatch is always medium: it is a table error more than a
    disagreement. A `changed` figure is an update, so it is low.
    """
    import polars as pl

    level = (
        pl.when(pl.col("relative_gap") >= SEVERITY_HIGH_GAP)
        .then(2)
        .when(pl.col("relative_gap") >= SEVERITY_MEDIUM_GAP)
        .then(1)
        .otherwise(0)
    )
    hedged = (pl.col("modality_a") == Modality.HEDGED.value) | (
        pl.col("modality_b") == Modality.HEDGED.value
    )
    level = pl.when(hedged).then(pl.max_horizontal(level - 1, pl.lit(0))).otherwise(level)
    names = [Severity.LOW.value, Severity.MEDIUM.value, Severity.HIGH.value]
    return (
        pl.when(pl.col("kind") == Kind.UNIT_MISMATCH.value)
        .then(pl.lit(Severity.MEDIUM.value))
        .when(pl.col("kind") == Kind.CHANGED.value)
        .then(pl.lit(Severity.LOW.value))
        .otherwise(level.replace_strict([0, 1, 2], names, return_dtype=pl.String))
    )


def fingerprint_text(kind: str, key: Iterable[str], sides: Iterable[Iterable[str]]) -> str:
    """The digest of a finding: its kind, key, and each claim's id and figure.

    Sides are sorted, so the digest does not depend on which claim is `a`;
    quotes, notes, speakers and row order are not part of it.
    """
    parts = [kind, *key, *sorted("\x1e".join(side) for side in sides)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _fingerprint(findings: pl.DataFrame) -> pl.Series:
    """`fingerprint_text` for every finding, its input strings built column-wise.

    Only the hashing runs in Python; the result is the same digest, which
    tests/test_compare.py checks against `fingerprint_text` row by row.
    """
    import polars as pl

    figure = ("claim", "value", "value_high", "unit", "qualifier")
    # Each side's text is built once, as a column: inside the ordering expression
    # below polars would build it again for every use (0.24 s against 0.17 s).
    sides = findings.select(
        *(pl.col(name).fill_null("") for name in ("kind", *_FINDING_KEY)),
        *(
            pl.concat_str([pl.col(f"{name}_{side}").fill_null("") for name in figure],
                          separator="\x1e").alias(f"_{side}")
            for side in ("a", "b")
        ),
    )  # fmt: skip
    a, b = pl.col("_a"), pl.col("_b")
    text = pl.concat_str(
        [
            *(pl.col(name) for name in ("kind", *_FINDING_KEY)),
            pl.when(a <= b).then(a).otherwise(b),
            pl.when(a <= b).then(b).otherwise(a),
        ],
        separator="\x1f",
    )
    texts = sides.select(text.alias("text")).get_column("text").to_list()
    digests = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:16] for t in texts]
    return pl.Series("fingerprint", digests, dtype=pl.String)
