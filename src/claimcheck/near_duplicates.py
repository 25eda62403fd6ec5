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

from typing import TYPE_CHECKING, Any

from claimcheck.findings import FINDING_KEY, Kind, relative_gap_expr
from claimcheck.intervals import apart
from claimcheck.keys import PRINTABLE_ASCII
from claimcheck.pairs import described, gap_expr, magnitude_expr, oriented

# _NUMBER is suggest.py's own reading of numbers in names, shared so the two never drift.
from claimcheck.suggest import _NUMBER, DEFAULT_THRESHOLD, score, similar_pairs

if TYPE_CHECKING:
    import polars as pl

FIELDS = ("subject", "metric", "object")


def near_duplicate_findings(
    claims: pl.DataFrame, findings: pl.DataFrame, threshold: float = DEFAULT_THRESHOLD
) -> pl.DataFrame:
    """Finding rows (the schema of `findings`) for quantities split by a near-duplicate name.

    `claims` is the pipeline's claims frame (with `quantity`, `idx`, `low`,
    `high`, key columns). Whether a row fails is the pipeline's policy, as
    for every other kind.
    """
    import polars as pl

    pairs = near_duplicate_pairs(claims, threshold)
    if pairs is None:
        return findings.clear()
    return pl.concat([findings.clear(), described(claims, pairs)], how="diagonal_relaxed")


def near_duplicate_pairs(
    claims: pl.DataFrame, threshold: float = DEFAULT_THRESHOLD
) -> pl.DataFrame | None:
    """The near-duplicate findings as `pairs.described` takes them; None when there are none.

    So the local engine describes them with the pair findings, sorted together
    while the rows are narrow: sorting the wide findings again to merge them
    in took 0.29 s and 0.25 GB for the varied bench table.
    """
    import polars as pl

    extremes = _extremes(claims)
    conflicts: list[tuple[int, int, str]] = []
    for field in FIELDS:
        for left, right, name_a, name_b in _split_pairs(extremes, field, threshold):
            pair = _conflicting(left, right)
            if pair is not None:
                detail = f"{field} {name_a!r} ~ {name_b!r} (score {score(name_a, name_b):.1f})"
                conflicts.append((*pair, detail))
    if not conflicts:
        return None
    # Both claims' columns are gathered and the two told apart in one query, where a
    # row a conflict cost 0.3 s of Python for the 7,219 of the varied bench table.
    first, second, details = zip(*conflicts, strict=True)
    one = pl.Series(first, dtype=pl.UInt32)
    other = pl.Series(second, dtype=pl.UInt32)
    sides = claims.select("claim_id", "low", "high", "base_value")
    a, b = sides[one], sides[other].rename(lambda name: f"{name}_b")
    pairs = pl.concat([a, b], how="horizontal").with_columns(
        pl.Series("idx", one), pl.Series("idx_b", other), pl.Series("relation_detail", details)
    )
    return pairs.select(
        pl.lit(Kind.NEAR_DUPLICATE_KEY.value).alias("kind"),
        pl.lit(None, claims.schema["quantity"]).alias("quantity"),
        *oriented(pl.col("claim_id") < pl.col("claim_id_b")),
        relative_gap_expr(gap_expr(), magnitude_expr()).alias("relative_gap"),
        "relation_detail",
    )


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


def _split_pairs(
    extremes: pl.DataFrame, field: str, threshold: float
) -> list[tuple[dict[str, Any], dict[str, Any], str, str]]:
    """Pairs of quantity rows (one dimension) equal but for a near-duplicate `field` name.

    Names holding different numbers are never near-duplicates (suggest.py's
    `meaning_differs`), so rows are grouped by the numbers in the name as
    well, and only groups with two or more names reach Python: a table of
    `subject 1` ... `subject 3000` costs no scoring at all.
    """
    import polars as pl

    rest = [part for part in FINDING_KEY if part != field]
    names = extremes.get_column(field).unique()
    numbers = number_keys(names)
    group = [*rest, "dimension", "_numbers"]
    shared = (
        extremes.filter(pl.col(field) != "")
        .with_columns(
            pl.col(field).replace_strict(names, numbers, return_dtype=pl.String).alias("_numbers")
        )
        .filter(pl.col(field).n_unique().over(group) > 1)
        .sort(field, "quantity")
    )
    # Grouped in one pass over the rows, in the order partition_by(maintain_order) gives:
    # a frame per group cost more than the scoring when there are thousands of groups.
    groups: dict[tuple[Any, ...], dict[str, list[dict[str, Any]]]] = {}
    for row in shared.iter_rows(named=True):
        members = groups.setdefault(tuple(row[name] for name in group), {})
        members.setdefault(row[field], []).append(row)
    found = []
    for by_name in groups.values():
        for name_a, name_b in sorted(similar_pairs(list(by_name), threshold)):
            for left in by_name[name_a]:
                for right in by_name[name_b]:
                    found.append((left, right, name_a, name_b))
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


def _conflicting(left: dict[str, Any], right: dict[str, Any]) -> tuple[int, int] | None:
    """The claims (`idx`) that clash when two quantity rows' intervals do not overlap."""
    if _apart(left["top_low"], right["bottom_high"]):
        return left["top_idx"], right["bottom_idx"]
    if _apart(right["top_low"], left["bottom_high"]):
        return right["top_idx"], left["bottom_idx"]
    return None


def _apart(low: float, high: float) -> bool:
    """Whether a lower bound lies above an upper bound, beyond rounding slack."""
    return apart(low - high, max(abs(low), abs(high)))


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
