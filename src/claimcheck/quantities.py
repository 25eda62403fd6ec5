"""What a figure stands for: value + unit + qualifier -> an interval in base units.

Contract section 3. `exact` means the value give or take half a unit of its
last written decimal place, so `5.5 billion` is 5.45 to 5.55 billion and a
rounder figure admits more; `approx` widens that to a relative tolerance;
`at_least` and `at_most` are unbounded on one side; `range` is `value` to
`value_high`. Everything is computed as polars expressions over whole columns,
with one unit factor per distinct unit string.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

DEFAULT_APPROX_TOLERANCE = 0.10

VALUE_PATTERN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"
"""A number as the table writes it: no thousands separators, `.` as decimal point."""


class Qualifier(str, Enum):
    """How the written value bounds the quantity."""

    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


class Modality(str, Enum):
    """How firmly the source states the figure; it lowers a finding's severity."""

    ASSERTED = "asserted"
    ESTIMATED = "estimated"
    HEDGED = "hedged"


def half_unit(value: pl.Expr) -> pl.Expr:
    """Half a unit of the last written decimal place of a value string (`5.5` -> 0.05)."""
    import polars as pl

    decimals = value.str.extract(r"\.(\d*)", 1).str.len_chars().fill_null(0).cast(pl.Int32)
    exponent = value.str.extract(r"[eE]([+-]?\d+)", 1).cast(pl.Int32, strict=False).fill_null(0)
    return 0.5 * pl.lit(10.0).pow((exponent - decimals).cast(pl.Float64))


def interval_columns(tolerance: float) -> list[pl.Expr]:
    """Expressions for `low` and `high` in base units.

    Needs columns `value` and `value_high` (strings, already validated),
    `qualifier` (normalized), `factor` (unit to base).
    """
    import polars as pl

    value = pl.col("value").str.strip_chars()
    scaled = value.cast(pl.Float64) * pl.col("factor")
    scaled_high = pl.col("value_high").str.strip_chars().cast(pl.Float64, strict=False) * pl.col(
        "factor"
    )
    exact_half = half_unit(value) * pl.col("factor")
    approx_half = pl.max_horizontal(exact_half, scaled.abs() * tolerance)
    qualifier = pl.col("qualifier")
    inf = float("inf")
    low = (
        pl.when(qualifier == Qualifier.EXACT.value)
        .then(scaled - exact_half)
        .when(qualifier == Qualifier.APPROX.value)
        .then(scaled - approx_half)
        .when(qualifier == Qualifier.AT_LEAST.value)
        .then(scaled)
        .when(qualifier == Qualifier.AT_MOST.value)
        .then(pl.lit(-inf))
        .otherwise(scaled)
    )
    high = (
        pl.when(qualifier == Qualifier.EXACT.value)
        .then(scaled + exact_half)
        .when(qualifier == Qualifier.APPROX.value)
        .then(scaled + approx_half)
        .when(qualifier == Qualifier.AT_LEAST.value)
        .then(pl.lit(inf))
        .when(qualifier == Qualifier.AT_MOST.value)
        .then(scaled)
        .otherwise(scaled_high)
    )
    return [scaled.alias("base_value"), low.alias("low"), high.alias("high")]
