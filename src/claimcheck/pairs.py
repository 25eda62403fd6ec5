"""The pairwise rules of contract section 4: claims of one quantity that disagree.

One implementation for every table size, written as polars expressions:

1. claims with equal normalized subject, metric, object and period form a
   quantity (`with_quantities`, on claims that already carry their intervals);
2. only quantities that can hold a finding are paired: those with two
   dimensions, or whose largest lower bound exceeds their smallest upper
   bound. A table where most quantities agree costs one pass, not n² pairs;
3. each pair is classified by dimension, overlap and time.

Whether a finding fails is the pipeline's policy (pipeline.py), not a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from claimcheck.deferred import DEFERRED_COLUMNS
from claimcheck.findings import (
    CLAIM_KEY,
    FIGURE_COLUMNS,
    FINDING_KEY,
    FINDING_ORDER,
    SIDE_COLUMNS,
    Kind,
    fingerprint_column,
    relative_gap_expr,
    severity_expr,
)
from claimcheck.fx import FX_PAIR_COLUMNS, across_currencies, suspect_dimension
from claimcheck.intervals import apart_expr

if TYPE_CHECKING:
    import polars as pl

_PAIR_COLUMNS = (
    "quantity", "idx", "dimension_code", "low", "high", "base_value",
    "time_first", "time_last", "period_state",
)  # fmt: skip
"""Only numbers cross the self-join: strings would be copied into every pair."""
_PERIOD_NONE, _PERIOD_CLOSED, _PERIOD_OPEN = 0, 1, 2


def with_quantities(claims: pl.DataFrame) -> pl.DataFrame:
    """Claims (with `idx` and intervals) numbered by quantity, with the codes pairs compare.

    `quantity` is what other rules and views group by; the other codes only
    serve the self-join, which compares integers rather than strings.
    """
    import polars as pl

    # Codes only need to be equal for equal text. A quantity's is the position of its
    # first claim, found by hashing the key columns in parallel: no million joined
    # strings, and none added to polars' global Categorical dictionary, which a
    # process keeps (0.043 s against 0.070 s for a million claims). A dimension's is
    # its Categorical code: the column is one already.
    return claims.with_columns(
        pl.col("idx").min().over(CLAIM_KEY).alias("quantity"),
        pl.col("dimension").cast(pl.Categorical).to_physical().alias("dimension_code"),
        pl.when(pl.col("period_key") == "")
        .then(_PERIOD_NONE)
        .when(pl.col("period_open"))
        .then(_PERIOD_OPEN)
        .otherwise(_PERIOD_CLOSED)
        .cast(pl.Int8)
        .alias("period_state"),
    )


def pair_findings(
    claims: pl.DataFrame,
    also: pl.DataFrame | Callable[[], pl.DataFrame | None] | None = None,
    chosen: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every pairwise finding of a `with_quantities` frame, in FINDING_ORDER, without `fails`.

    `also`: more findings as `described` takes them (near-duplicate keys'),
    described and sorted with these; or a function that gives them, called
    once the pairs are classified, so that names scored in a thread are waited
    for as late as they can be. `chosen`: the claims' `suspects`, when the
    caller has them already (`pair_count` read them).
    """
    found = _classified(_pairs(candidates(claims, chosen)))
    return _describe(claims, found, also() if callable(also) else also)


def pair_count(claims: pl.DataFrame, chosen: pl.DataFrame | None = None) -> int:
    """How many pairs `pair_findings` would classify: the cost of a table, known up front.

    `chosen`: the claims' `suspects`, found once for this count and the
    pairs that follow it (0.04 s of a million-claim compare each time).
    """
    import polars as pl

    sizes = (suspects(claims) if chosen is None else chosen).get_column("size").cast(pl.Int64)
    return int((sizes * (sizes - 1) // 2).sum())


def pair_batches(
    claims: pl.DataFrame,
    max_pairs: int,
    chosen: pl.DataFrame | None = None,
    max_findings: int = 0,
) -> Iterator[pl.DataFrame]:
    """`pair_findings` in batches: pairs classified at most about `max_pairs` at a time,
    quantities in key order.

    Memory stays that of one batch however many pairs there are: 5,000 claims
    of one quantity that all disagree are 12.5 million findings. Quantities
    are taken whole in key order while they fit; a larger one is split by its
    first claim, and each batch is in FINDING_ORDER, so within such a quantity
    the order is batch by batch. `chosen`: the claims' `suspects`, when found already.

    `max_findings`: the findings of consecutive batches of pairs are described
    together (both claims gathered, fingerprints hashed, sorted) while they
    number at most this many, so a batch yielded holds no more findings than
    `max_findings` or one batch of pairs; 0 describes each batch of pairs on
    its own.
    Most pairs are no finding, and each description has a cost of its own: the
    3M-claim bench table's 684k findings took 1.27 s described in 29 batches
    of 200,000 pairs, 1.03-1.08 s in 4 batches of 200,000 findings, and 0.83 s
    described whole.
    """
    import polars as pl

    chosen = suspects(claims) if chosen is None else chosen
    if not chosen.height:
        return
    # A quantity's number is its first claim's `idx`, which is that claim's row.
    ordered = chosen.with_columns(claims.select(CLAIM_KEY)[chosen.get_column("quantity")])
    ordered = ordered.sort(CLAIM_KEY)
    # The candidates laid out once in that order, so that every batch is a slice of
    # them: a filter for each batch read all the candidates each time, which grows
    # with the square of the table.
    rank = pl.col("quantity").replace_strict(
        ordered.get_column("quantity"), pl.Series(range(ordered.height), dtype=pl.UInt32)
    )
    laid = candidates(claims, chosen).sort(rank, "idx")
    pending: list[pl.DataFrame] = []  # classified, not yet described

    def flushed(found: pl.DataFrame | None) -> Iterator[pl.DataFrame]:
        """The pending findings described, when `found` would take them past `max_findings`
        or there are no more (None); then `found` pending."""
        waiting = sum(rows.height for rows in pending)
        if pending and (found is None or waiting + found.height > max_findings):
            yield _describe(claims, pl.concat(pending) if len(pending) > 1 else pending[0])
            pending.clear()
        if found is not None and found.height:
            pending.append(found)

    first = held = start = 0  # the pending batch: its first row, its pairs, the next row
    for size in ordered.get_column("size"):
        pairs = size * (size - 1) // 2
        if start > first and held + pairs > max_pairs:
            yield from flushed(_classified(_pairs(laid.slice(first, start - first))))
            first, held = start, 0
        if pairs <= max_pairs:
            held += pairs
            start += size
            continue
        part = laid.slice(start, size)
        step = max(1, max_pairs // size)
        for offset in range(0, size, step):
            left = part.slice(offset, step)
            right = part.filter(pl.col("idx") > left.get_column("idx").min())
            yield from flushed(_classified(_pairs(left, right)))
        first = start = start + size
    if start > first:
        yield from flushed(_classified(_pairs(laid.slice(first, start - first))))
    yield from flushed(None)


def suspects(claims: pl.DataFrame) -> pl.DataFrame:
    """The quantities that may hold a finding, each with its number of claims (`size`).

    The rest cannot hold one. Found once per compare, as a frame of two
    integers a quantity: the pairs are counted from it (`pair_count`) before
    they are made (`pair_findings`), and only the latter holds the claims.
    """
    import polars as pl

    scale = pl.max_horizontal(pl.col("low").abs(), pl.col("high").abs())
    # Aggregates per (quantity, dimension) instead of window expressions: a
    # group-by on two integers is the cheapest way polars has to ask this.
    groups = claims.group_by("quantity", "dimension_code").agg(
        apart_expr(pl.col("low").max() - pl.col("high").min(), scale.min()).alias("apart"),
        pl.len().alias("size"),
    )
    if "fx_code" in claims.columns:
        # Claims of two currencies meet in euros (fx.py): a quantity whose dollar
        # and euro claims overlap once converted holds no finding between them,
        # but may still hold one within a currency (the groups above).
        in_euros = pl.when(pl.col("fx_code").is_not_null())
        euro_scale = pl.max_horizontal(pl.col("fx_low").abs(), pl.col("fx_high").abs())
        groups = groups.select("quantity", "apart").vstack(
            claims.group_by("quantity", suspect_dimension().alias("dimension_code")).agg(
                apart_expr(
                    in_euros.then(pl.col("fx_low")).otherwise(pl.col("low")).max()
                    - in_euros.then(pl.col("fx_high")).otherwise(pl.col("high")).min(),
                    in_euros.then(euro_scale).otherwise(scale).min(),
                ).alias("apart")
            ).select("quantity", "apart")
        )  # fmt: skip
        many = claims.group_by("quantity").agg(
            (suspect_dimension().n_unique() > 1).alias("apart"), pl.len().alias("size")
        )
        suspect = (
            groups.vstack(many.select("quantity", "apart"))
            .group_by("quantity")
            .agg(pl.col("apart").any().alias("suspect"))
            .join(many.select("quantity", "size"), on="quantity")
        )
    else:
        suspect = groups.group_by("quantity").agg(
            (pl.col("apart").any() | (pl.len() > 1)).alias("suspect"),
            pl.col("size").sum().cast(pl.UInt32),
        )
    return suspect.filter(pl.col("suspect")).select("quantity", "size")


def candidates(claims: pl.DataFrame, chosen: pl.DataFrame | None = None) -> pl.DataFrame:
    """The claims of the `suspects` quantities (`chosen`), with the columns pairs read."""
    import polars as pl

    quantities = (suspects(claims) if chosen is None else chosen).get_column("quantity")
    columns = (*_PAIR_COLUMNS, *(FX_PAIR_COLUMNS if "fx_code" in claims.columns else ()))
    return claims.select(columns).filter(pl.col("quantity").is_in(quantities.implode()))


def _pairs(rows: pl.DataFrame, right: pl.DataFrame | None = None) -> pl.LazyFrame:
    """Every pair of claims within a quantity, once, with the facts the rules need.

    `rows` are `candidates`. With `right`, only the pairs of a `rows` claim with a
    `right` claim.
    """
    import polars as pl

    lazy = rows.lazy()
    other = lazy if right is None else right.lazy()
    pairs = lazy.join(other, on="quantity", suffix="_b").filter(pl.col("idx") < pl.col("idx_b"))
    if "fx_code" in rows.columns:
        pairs = across_currencies(pairs)
    # Times written alike are one time (contract section 4) with no test of their own:
    # a time is the days its text names, and an interval does not end before it starts.
    unknown = pl.col("time_first").is_null() | pl.col("time_first_b").is_null()
    a_first = pl.col("time_last") < pl.col("time_first_b")
    b_first = pl.col("time_last_b") < pl.col("time_first")
    return pairs.with_columns(
        (pl.col("dimension_code") != pl.col("dimension_code_b")).alias("mixed"),
        gap_expr().alias("gap"),
        magnitude_expr().alias("magnitude"),
        (~unknown & (a_first | b_first)).alias("ordered"),
        a_first.fill_null(value=False).alias("a_first"),
    )


def gap_expr() -> pl.Expr:
    """How far two claims' intervals are apart (negative where they overlap): a claim's
    columns beside the other's, suffixed `_b`."""
    import polars as pl

    return pl.max_horizontal(pl.col("low_b") - pl.col("high"), pl.col("low") - pl.col("high_b"))


def magnitude_expr() -> pl.Expr:
    """The larger of two claims' magnitudes: what `relative_gap` divides by."""
    import polars as pl

    return pl.max_horizontal(pl.col("base_value").abs(), pl.col("base_value_b").abs())


def oriented(a_is_first: pl.Expr) -> list[pl.Expr]:
    """`idx_a`, `idx_b`, `claim_a`, `claim_b` of a pair (`idx`, `claim_id` and their `_b`),
    the claim where `a_is_first` holds first."""
    import polars as pl

    def pick(mine: str, theirs: str) -> pl.Expr:
        return pl.when(a_is_first).then(pl.col(mine)).otherwise(pl.col(theirs))

    return [pick("idx", "idx_b").alias("idx_a"), pick("idx_b", "idx").alias("idx_b"),
            pick("claim_id", "claim_id_b").alias("claim_a"),
            pick("claim_id_b", "claim_id").alias("claim_b")]  # fmt: skip


def _classified(pairs: pl.LazyFrame) -> pl.DataFrame:
    """`_classify`'s findings, run on polars' streaming engine whatever polars' default.

    polars 2 made streaming the default for lazy queries; polars 1 ran them in
    memory, where the self-join held every pair before the filter: the 1M-claim
    bench table peaked at 1,291 MiB that way on polars 1.44, against 823 MiB
    streamed, in the same time. Row order does not matter: `described` sorts.
    """
    return _classify(pairs).select(_FOUND_COLUMNS).collect(engine="streaming")


_FOUND_COLUMNS = ("kind", "quantity", "idx", "idx_b", "a_first", "mixed", "gap", "magnitude")
"""What `_describe` reads of a classified pair. The pair frame has both claims' figures
besides, which the findings held until described: the varied 1M bench table peaked at
1,014,836-1,034,508 KB against 1,050,612-1,076,288 KB with currencies converted (12
alternating runs), at 894,728-910,136 against 920,264-945,312 KB without."""


def _classify(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Apply the rules of contract section 4; keep only pairs that are findings."""
    import polars as pl

    apart = apart_expr(pl.col("gap"), pl.col("magnitude"))
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


def _describe(
    claims: pl.DataFrame, pairs: pl.DataFrame, also: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Order each pair, attach both claims' columns, and derive gap, severity, fingerprint."""
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
        *oriented(a_is_first),
        pl.when(pl.col("mixed"))
        .then(0.0)
        .otherwise(relative_gap_expr(pl.col("gap"), pl.col("magnitude")))
        .alias("relative_gap"),
    )
    if also is not None:
        ordered = pl.concat([ordered, also], how="diagonal_relaxed")
    return described(claims, ordered)


def described(claims: pl.DataFrame, ordered: pl.DataFrame) -> pl.DataFrame:
    """Finding rows for pairs of claims already told apart, in FINDING_ORDER.

    `ordered` holds `kind`, `quantity`, `idx_a`, `idx_b` (positions in
    `claims`), `claim_a`, `claim_b` and `relative_gap`, and may hold
    `relation_detail`. Every rule that pairs two claims (here, and
    near-duplicate keys) gets its key, both sides, severity and fingerprint
    from this one place. A column left in the file (deferred.py) is empty
    here: the pipeline reads it back for the findings (`with_deferred_quotes`).
    """
    import polars as pl

    detail = "relation_detail" in ordered.columns
    later = {name for name in DEFERRED_COLUMNS if name not in claims.columns}
    keys = claims.select(
        pl.col(column).alias(name) for column, name in zip(CLAIM_KEY, FINDING_KEY, strict=True)
    )
    # Sorted while the rows are narrow (the sort key and two indices), so the wide
    # provenance columns are gathered once, already in order, and never re-sorted.
    ordered = pl.concat([ordered, keys[ordered.get_column("idx_a")]], how="horizontal").sort(
        FINDING_ORDER
    )
    # Hashing the fingerprints is Python's work, a core's worth: it runs in a thread
    # from the figures alone while polars gathers the other columns of both sides.
    def gathered(names: Collection[str]) -> list[pl.DataFrame]:
        return [
            claims.select(
                (pl.lit("") if src in later else pl.col(src)).alias(f"{dst}_{side}")
                for src, dst in SIDE_COLUMNS.items()
                if src != "claim_id" and dst in names
            )[ordered.get_column(f"idx_{side}")]
            for side in ("a", "b")
        ]

    figures = gathered(FIGURE_COLUMNS)
    with ThreadPoolExecutor(max_workers=1) as pool:
        hashing = pool.submit(fingerprint_column, pl.concat([ordered, *figures], how="horizontal"))
        rest = gathered([dst for dst in SIDE_COLUMNS.values() if dst not in FIGURE_COLUMNS])
        fingerprints = hashing.result()
    findings = pl.concat([ordered, *figures, *rest], how="horizontal")
    order = [f"{dst}_{side}" for side in ("a", "b") for src, dst in SIDE_COLUMNS.items()
             if src != "claim_id"]  # fmt: skip
    findings = findings.select(*ordered.columns, *order)
    return findings.with_columns(
        severity_expr().alias("severity"),
        fingerprints.alias("fingerprint"),
        pl.lit("").alias("relation"),
        pl.lit(None, pl.Float64).alias("derived_low"),
        pl.lit(None, pl.Float64).alias("derived_high"),
        pl.col("relation_detail").fill_null("") if detail else pl.lit("").alias("relation_detail"),
    )
