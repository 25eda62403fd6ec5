"""The benchmark's yardstick: the compare rules written directly as one polars query.

This is what a skilled analyst would write for the benchmark table alone: no
validation, no line numbers, units known in advance, names folded with
polars string functions. The goal is claimcheck within 1.2x of its time.

Usage: python bench/reference_polars.py CLAIMS.csv OUT.csv
"""

from __future__ import annotations

import sys

import polars as pl
from generate_claims import UNITS

# Every unit either bench table uses, known in advance (the generator lists them).
FACTORS = {unit: factor for unit, (factor, _) in UNITS.items()}
DIMENSIONS = {unit: dimension for unit, (_, dimension) in UNITS.items()}


def main(source: str, target: str) -> None:
    def name(column: str) -> pl.Expr:
        folded = pl.col(column).fill_null("").str.to_lowercase()
        return folded.str.replace_all(r"[\s_\-]+", "_").str.strip_chars("_")

    claims = pl.read_csv(source, infer_schema=False).with_row_index("idx")
    value = pl.col("value").cast(pl.Float64)
    factor = pl.col("unit").replace_strict(FACTORS, return_dtype=pl.Float64)
    decimals = pl.col("value").str.extract(r"\.(\d*)", 1).str.len_chars().fill_null(0)
    exponent = pl.col("value").str.extract(r"[eE]([+-]?\d+)", 1).cast(pl.Int32).fill_null(0)
    half = 0.5 * pl.lit(10.0).pow((exponent - decimals).cast(pl.Float64)) * factor
    scaled = value * factor
    wide = pl.max_horizontal(half, scaled.abs() * 0.1)
    q = pl.col("qualifier")
    low = (pl.when(q == "exact").then(scaled - half).when(q == "approx").then(scaled - wide)
           .when(q == "at_most").then(float("-inf")).otherwise(scaled))  # fmt: skip
    high = (pl.when(q == "exact").then(scaled + half).when(q == "approx").then(scaled + wide)
            .when(q == "at_least").then(float("inf"))
            .when(q == "range").then(pl.col("value_high").cast(pl.Float64) * factor)
            .otherwise(scaled))  # fmt: skip
    claims = claims.with_columns(
        name("subject").alias("s"), name("metric").alias("m"), name("object").alias("o"),
        pl.col("period").fill_null("").alias("p"),
        pl.col("unit").replace_strict(DIMENSIONS).alias("dim"),
        low.alias("low"), high.alias("high"), scaled.alias("v"),
        pl.col("as_of").fill_null("").alias("t"),
    )  # fmt: skip
    keys = ["s", "m", "o", "p"]
    slim = claims.select("idx", *keys, "dim", "low", "high", "v", "t").filter(
        ((pl.col("low").max() > pl.col("high").min()) | (pl.col("dim").n_unique() > 1))
        .over(keys)
    )
    pairs = (
        slim.join(slim, on=keys, suffix="_b")
        .filter(pl.col("idx") < pl.col("idx_b"))
        .with_columns(
            pl.max_horizontal(pl.col("low_b") - pl.col("high"), pl.col("low") - pl.col("high_b"))
            .alias("gap")
        )
        .filter((pl.col("dim") != pl.col("dim_b")) | (pl.col("gap") > 0))
        .with_columns(
            pl.when(pl.col("dim") != pl.col("dim_b")).then(pl.lit("unit_mismatch"))
            .when((pl.col("p") == "") & (pl.col("t") != "") & (pl.col("t_b") != "")
                  & (pl.col("t") != pl.col("t_b"))).then(pl.lit("changed"))
            .otherwise(pl.lit("contradiction")).alias("kind"),
            (pl.col("gap") / pl.max_horizontal(pl.col("v").abs(), pl.col("v_b").abs()))
            .alias("relative_gap"),
        )
    )  # fmt: skip
    side = claims.select("idx", "claim_id", "source_id", "value", "unit", "quote")
    out = pairs.join(side, on="idx").join(side, left_on="idx_b", right_on="idx", suffix="_b")
    out.select(
        "kind", "s", "m", "o", "p", "claim_id", "claim_id_b", "source_id", "source_id_b",
        "value", "value_b", "unit", "unit_b", "relative_gap", "quote", "quote_b",
    ).sort("s", "m", "o", "p", "claim_id").write_csv(target)  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
