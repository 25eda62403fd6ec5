"""The informational finding `near_duplicate_key`: a contradiction hidden by a spelling.

Two spellings of one name (`artillery_shells_shipped`, `artillery_shell_shipments`)
split one quantity in two, and compare never sets their claims side by side.
When two quantities have equal keys but for one near-duplicate name (subject,
metric or object, scored and excluded as `keys --suggest` does: a number or a
direction word is meaning, not spelling) and their figures would conflict if
merged (a shared dimension, intervals that do not overlap), the author should
learn about it. The finding pairs the claim with the largest lower bound on
one side with the claim with the smallest upper bound on the other: the two
that disagree most. It never fails by default; it is a hint to add an alias.

Quantities are first grouped by the three key parts that must be equal, and
names are scored only within a group, so the cost follows the number of
quantities that could be confused, not the square of the vocabulary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.findings import FINDING_KEY, Kind, relative_gap_expr
from claimcheck.intervals import apart_expr
from claimcheck.keys import PRINTABLE_ASCII
from claimcheck.pairs import described, gap_expr, magnitude_expr, oriented

# _NUMBER is suggest.py's own reading of numbers in names, shared so the two never drift.
from claimcheck.suggest import _NUMBER, DEFAULT_THRESHOLD, scored_pairs

if TYPE_CHECKING:
    import polars as pl

FIELDS = ("subject", "metric", "object")


def near_duplicate_findings(
    claims: pl.DataFrame,
    findings: pl.DataFrame,
    names: pl.DataFrame | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> pl.DataFrame:
    """Finding rows (the schema of `findings`) for quantities split by a near-duplicate name.

    `claims` is the pipeline's claims frame (with `quantity`, `idx`, `low`,
    `high`, key columns); `names` its `similar_names`, when found already.
    Whether a row fails is the pipeline's policy, as for every other kind.
    """
    import polars as pl

    pairs = near_duplicate_pairs(claims, names, threshold)
    if pairs is None:
        return findings.clear()
    return pl.concat([findings.clear(), described(claims, pairs)], how="diagonal_relaxed")


def near_duplicate_pairs(
    claims: pl.DataFrame, names: pl.DataFrame | None = None, threshold: float = DEFAULT_THRESHOLD
) -> pl.DataFrame | None:
    """The near-duplicate findings as `pairs.described` takes them; None when there are none.

    So the local engine describes them with the pair findings, sorted together
    while the rows are narrow: sorting the wide findings again to merge them
    in took 0.29 s and 0.25 GB for the varied bench table. `names` is
    `similar_names` of these claims, when the caller found it already.
    """
    import polars as pl

    names = similar_names(claims, threshold) if names is None else names
    if not names.height:
        return None
    on = [*FINDING_KEY, "dimension"]
    extremes = _extremes(claims).with_columns(pl.col("dimension").cast(pl.String))
    both = names.join(extremes, on=on).join(
        extremes, left_on=[f"{name}_b" for name in on], right_on=on, suffix="_b"
    )
    # The claim with the largest lower bound on one side against the one with the least
    # upper bound on the other: the two that disagree most, if any do.
    a_above = _apart_expr("top_low", "bottom_high_b")
    b_above = _apart_expr("top_low_b", "bottom_high")
    conflicts = both.filter(a_above | b_above).select(
        pl.when(a_above).then(pl.col("top_idx")).otherwise(pl.col("top_idx_b")).alias("one"),
        pl.when(a_above).then(pl.col("bottom_idx_b")).otherwise(pl.col("bottom_idx")).alias("other"),
        "relation_detail",
    )
    if not conflicts.height:
        return None
    sides = claims.select("claim_id", "low", "high", "base_value")
    one, other = conflicts.get_column("one"), conflicts.get_column("other")
    a, b = sides[one], sides[other].rename(lambda name: f"{name}_b")
    pairs = pl.concat([a, b], how="horizontal").with_columns(
        one.alias("idx"), other.alias("idx_b"), conflicts.get_column("relation_detail")
    )
    return pairs.select(
        pl.lit(Kind.NEAR_DUPLICATE_KEY.value).alias("kind"),
        pl.lit(None, claims.schema["quantity"]).alias("quantity"),
        *oriented(pl.col("claim_id") < pl.col("claim_id_b")),
        relative_gap_expr(gap_expr(), magnitude_expr()).alias("relative_gap"),
        "relation_detail",
    )


def _apart_expr(low: str, high: str) -> pl.Expr:
    """Whether a lower bound lies above an upper bound, beyond rounding slack."""
    import polars as pl

    scale = pl.max_horizontal(pl.col(low).abs(), pl.col(high).abs())
    return apart_expr(pl.col(low) - pl.col(high), scale)


def _extremes(claims: pl.DataFrame) -> pl.DataFrame:
    """Per quantity and dimension: its key, and the claims with the largest low and least high."""
    import polars as pl

    return claims.group_by("quantity", "dimension").agg(
        *(pl.col(f"{part}_key").first().alias(part) for part in FINDING_KEY),
        pl.col("low").max().alias("top_low"),
        pl.col("idx").sort_by("low", descending=True).first().alias("top_idx"),
        pl.col("high").min().alias("bottom_high"),
        pl.col("idx").sort_by("high").first().alias("bottom_idx"),
    )


def similar_names(claims: pl.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pl.DataFrame:
    """Pairs of quantity keys, in one dimension, equal but for a near-duplicate name.

    Columns: the key parts and `dimension` of one side, the same suffixed
    `_b` for the other, and `relation_detail`, which names the two
    spellings. Only the key vocabulary is read (the `*_key` columns and
    `dimension`), not the figures: the pipeline scores names, which is mostly
    Python, in a thread while polars works out the intervals.
    """
    import polars as pl

    # The streaming engine finds the distinct keys a batch at a time: in memory, the
    # unique rows of 10M claims held 551 MiB more at the peak, and took 0.87 s, not 0.32 s.
    keys = (
        claims.lazy()
        .select(*(pl.col(f"{part}_key").alias(part) for part in FINDING_KEY), "dimension")
        .unique()
        .collect(engine="streaming")
        .with_columns(pl.col("dimension").cast(pl.String))
    )
    rows = [row for field in FIELDS for row in _split_keys(keys, field, threshold)]
    columns = [*FINDING_KEY, "dimension"]
    names = [*columns, *(f"{name}_b" for name in columns), "relation_detail"]
    return pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")


def _split_keys(keys: pl.DataFrame, field: str, threshold: float) -> list[tuple[str, ...]]:
    """Rows of `similar_names` for keys that differ only in a near-duplicate `field` name.

    Names holding different numbers are never near-duplicates (suggest.py's
    `meaning_differs`), so keys are grouped by the numbers in the name as
    well, and only groups with two or more names reach Python: a table of
    `subject 1` ... `subject 3000` costs no scoring at all.
    """
    import polars as pl

    rest = [part for part in FINDING_KEY if part != field]
    names = keys.get_column(field).unique()
    numbers = number_keys(names)
    group = [*rest, "dimension", "_numbers"]
    shared = (
        keys.filter(pl.col(field) != "")
        .with_columns(
            pl.col(field).replace_strict(names, numbers, return_dtype=pl.String).alias("_numbers")
        )
        .filter(pl.len().over(group) > 1)
        .group_by(group)
        .agg(pl.col(field))
    )
    position = FINDING_KEY.index(field)
    found = []
    for *values, spellings in shared.drop("_numbers").iter_rows():
        dimension = values[-1]
        for name_a, name_b, points in scored_pairs(spellings, threshold):
            detail = f"{field} {name_a!r} ~ {name_b!r} (score {points:.1f})"
            a, b = list(values[:-1]), list(values[:-1])
            a.insert(position, name_a)
            b.insert(position, name_b)
            found.append((*a, dimension, *b, dimension, detail))
    return found


def number_keys(names: pl.Series) -> pl.Series:
    """For each name, the numbers it holds, sorted and joined by spaces (`_NUMBER`).

    Printable ASCII names with at most one number are read in polars, where
    `[0-9]` is exactly what `_NUMBER`'s `\\d` matches in them. Every other name
    is read by `_NUMBER` itself: Unicode digit tables never differ between the
    two, and the few lists to sort are sorted in Python (polars 2.1 takes 1.8 s
    to sort 90,000 small lists).
    """
    import polars as pl

    extracted = names.str.extract_all(r"[0-9]+(?:[.,][0-9]+)*")
    fast = names.str.contains(PRINTABLE_ASCII) & (extracted.list.len() <= 1)
    keys = extracted.list.join(" ")
    slow = (~fast).arg_true()
    if slow.len():
        written = names.gather(slow).to_list()
        exact = [" ".join(sorted(_NUMBER.findall(name))) for name in written]
        keys = keys.scatter(slow, pl.Series(exact, dtype=pl.String))
    return keys


def warnings(findings: pl.DataFrame) -> list[str]:
    """One stderr line per near-duplicate finding: the names and the figures that clash.

    Printed in every format, so the hint reaches a CI log whatever the output;
    the table view also shows these findings in a panel of their own.
    """
    import polars as pl

    rows = findings.filter(pl.col("kind") == Kind.NEAR_DUPLICATE_KEY.value)
    return [
        f"claimcheck: near_duplicate_key: {row['relation_detail']}: "
        f"{row['claim_a']} ({row['value_a']} {row['unit_a']}) and "
        f"{row['claim_b']} ({row['value_b']} {row['unit_b']}) would conflict if merged; "
        "add an alias if they are one quantity"
        for row in rows.iter_rows(named=True)
    ]
