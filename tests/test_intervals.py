"""Interval arithmetic: every result contains every result of members (property tests),
plus the sign and infinity cases that the properties reach only rarely."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimcheck.intervals import OVERLAP_EPSILON, Interval, apart, apart_expr, divide

INF = math.inf
_finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_subnormal=False)


@st.composite
def interval_and_member(draw: st.DrawFn) -> tuple[Interval, float]:
    """An interval (ends sometimes infinite, sometimes 0) and one finite member of it."""
    # `+ 0.0` turns -0.0 into 0.0, so the member strategy never sees bounds 0.0 and -0.0.
    a, b = sorted((draw(_finite | st.just(0.0)) + 0.0, draw(_finite | st.just(0.0)) + 0.0))
    member = draw(st.floats(min_value=a, max_value=b, allow_nan=False, allow_subnormal=False))
    low = -INF if draw(st.booleans()) and draw(st.booleans()) else a
    high = INF if draw(st.booleans()) and draw(st.booleans()) else b
    return Interval(low, high), member


@given(interval_and_member(), interval_and_member())
def test_sum_contains_every_sum_of_members(
    x: tuple[Interval, float], y: tuple[Interval, float]
) -> None:
    """The sum of intervals contains every sum of members."""
    (ix, mx), (iy, my) = x, y
    assert (ix + iy).contains(mx + my)


@given(interval_and_member(), interval_and_member())
def test_difference_contains_every_difference(
    x: tuple[Interval, float], y: tuple[Interval, float]
) -> None:
    (ix, mx), (iy, my) = x, y
    assert (ix - iy).contains(mx - my)


@given(interval_and_member(), interval_and_member())
def test_product_contains_every_product(
    x: tuple[Interval, float], y: tuple[Interval, float]
) -> None:
    (ix, mx), (iy, my) = x, y
    assert (ix * iy).contains(mx * my)


@given(interval_and_member(), interval_and_member())
def test_ratio_contains_every_ratio(x: tuple[Interval, float], y: tuple[Interval, float]) -> None:
    """The ratio of intervals contains every ratio of members with a non-zero divisor."""
    (ix, mx), (iy, my) = x, y
    assume(my != 0)
    assume(not (iy.low == 0 and iy.high == 0))
    assert (ix / iy).contains(mx / my)


@given(interval_and_member(), interval_and_member(), interval_and_member())
def test_sums_of_three_members(
    x: tuple[Interval, float], y: tuple[Interval, float], z: tuple[Interval, float]
) -> None:
    """What `sum` relations do: a chain of additions still contains every member sum."""
    (ix, mx), (iy, my), (iz, mz) = x, y, z
    assert (ix + iy + iz).contains(mx + my + mz)


class TestCases:
    """Sign and infinity cases, stated exactly."""

    def test_sum_of_bounded(self) -> None:
        assert Interval(1, 2) + Interval(10, 20) == Interval(11, 22)

    def test_sum_with_unbounded_end(self) -> None:
        assert Interval(1, INF) + Interval(-5, 5) == Interval(-4, INF)

    def test_product_of_mixed_signs(self) -> None:
        assert Interval(-2, 3) * Interval(-5, 4) == Interval(-15, 12)

    def test_zero_times_infinity_is_zero(self) -> None:
        """A member 0 times any finite member is 0, so [0, 0] × [1, ∞] is [0, 0]."""
        assert Interval(0, 0) * Interval(1, INF) == Interval(0, 0)
        assert Interval(0, 2) * Interval(1, INF) == Interval(0, INF)

    def test_ratio_away_from_zero(self) -> None:
        assert Interval(5.45, 5.55) / Interval(23.65, 23.75) == Interval(5.45 / 23.75, 5.55 / 23.65)

    def test_ratio_of_negative_divisor(self) -> None:
        assert Interval(2, 4) / Interval(-2, -1) == Interval(-4, -1)

    def test_divisor_with_zero_inside_is_the_whole_line(self) -> None:
        assert Interval(1, 2) / Interval(-1, 1) == Interval(-INF, INF)

    def test_divisor_from_zero_is_a_half_line(self) -> None:
        assert Interval(1, 2) / Interval(0, 4) == Interval(0.25, INF)
        assert Interval(-2, -1) / Interval(0, 4) == Interval(-INF, -0.25)
        assert Interval(1, 2) / Interval(-4, 0) == Interval(-INF, -0.25)

    def test_unbounded_divisor_from_zero(self) -> None:
        assert Interval(1, 2) / Interval(0, INF) == Interval(0, INF)

    def test_unbounded_operands(self) -> None:
        """inf / inf corners are indeterminate; the other corners bound the quotient."""
        assert Interval(1, INF) / Interval(1, INF) == Interval(0, INF)

    def test_zero_dividend(self) -> None:
        assert Interval(0, 0) / Interval(-1, 1) == Interval(0, 0)

    def test_division_by_zero_point_is_undefined(self) -> None:
        with pytest.raises(ZeroDivisionError):
            divide(Interval(1, 2), Interval(0, 0))

    def test_distance_and_widening(self) -> None:
        assert Interval(1, 2).distance(Interval(5, 6)) == 3
        assert Interval(1, 2).distance(Interval(2, 6)) == 0
        assert Interval(1, 2).widened(0.5) == Interval(0.5, 2.5)

    @pytest.mark.parametrize(
        ("low", "high"), [(2.0, 1.0), (math.nan, 1.0), (INF, INF), (-INF, -INF)]
    )
    def test_rejects_non_intervals(self, low: float, high: float) -> None:
        with pytest.raises(ValueError, match="not an interval"):
            Interval(low, high)


_SPREAD = st.floats(allow_nan=False, min_value=-1e300, max_value=1e300) | st.sampled_from(
    [0.0, INF, -INF, 1e-9, -1e-9]
)


@given(st.lists(st.tuples(_SPREAD, st.floats(min_value=0, allow_nan=False, max_value=1e300))))
def test_apart_forms_agree(rows: list[tuple[float, float]]) -> None:
    """The pairwise rules test overlap on columns, relations on numbers: one answer."""
    frame = pl.DataFrame(rows, schema={"d": pl.Float64, "s": pl.Float64}, orient="row")
    columns = frame.select(apart_expr(pl.col("d"), pl.col("s"))).to_series().to_list()
    assert columns == [apart(distance, scale) for distance, scale in rows]


def test_touching_intervals_are_not_apart() -> None:
    """5.35-5.45 and 5.45-5.55 billion touch; rounding must not split them."""
    low, high = 5.45e9, 5.45e9 * (1 - 1e-15)
    assert low - high > 0
    assert not apart(low - high, 5.55e9)
    assert apart(1e-6 * 5.55e9, 5.55e9)
    assert not apart(0.0, 0.0)
    assert OVERLAP_EPSILON > 0
