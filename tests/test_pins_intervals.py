"""Behaviour of intervals.py that mutation testing (`make mutation`) found unpinned."""

from __future__ import annotations

import math
import sys

import polars as pl
import pytest

from claimcheck.intervals import OVERLAP_EPSILON, Interval, apart, apart_expr, divide

INF = math.inf


class TestDivisorFromZero:
    """x / y for y in (0, top]: which half-line the quotients fill."""

    def test_dividend_from_zero_gives_the_upper_half_line(self) -> None:
        assert divide(Interval(0, 4), Interval(0, 2)) == Interval(0, INF)

    def test_dividend_up_to_zero_gives_the_lower_half_line(self) -> None:
        assert divide(Interval(-4, 0), Interval(0, 2)) == Interval(-INF, 0)

    def test_small_positive_dividend_keeps_its_floor(self) -> None:
        assert divide(Interval(0.5, 4), Interval(0, 2)) == Interval(0.25, INF)

    def test_small_negative_dividend_keeps_its_ceiling(self) -> None:
        assert divide(Interval(-4, -0.5), Interval(0, 2)) == Interval(-INF, -0.25)


def test_division_by_zero_point_says_why() -> None:
    with pytest.raises(ZeroDivisionError, match=r"^division by the interval \[0, 0\]$"):
        divide(Interval(1, 2), Interval(0, 0))


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (Interval(2, 3), 0.0),
        (Interval(-5, 20), 0.0),
        (Interval(12, 13), 2.0),
        (Interval(-3, -1), 1.0),
    ],
)
def test_distance_is_zero_when_one_holds_the_other(other: Interval, expected: float) -> None:
    assert Interval(0, 10).distance(other) == expected
    assert other.distance(Interval(0, 10)) == expected


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        (Interval(-1, 1), True),
        (Interval(0, 1), True),
        (Interval(-1, 0), True),
        (Interval(0, 0), True),
        (Interval(0.5, 1), False),
        (Interval(-1, -0.5), False),
    ],
)
def test_contains_zero(interval: Interval, expected: bool) -> None:
    assert interval.contains_zero() is expected


class TestEpsilon:
    """The overlap slack is relative and about 1e-9: rounding, not a tolerance."""

    @pytest.mark.parametrize(
        ("distance", "scale", "expected"),
        [
            (0.0, 0.0, False),  # at_least 0 against at_most 0: they touch, no conflict
            (0.5e-9, 1.0, False),
            (0.5, 1e9, False),
            (2e-9, 1.0, True),
            (2.0, 1e9, True),
            (1e-300, 0.0, True),
        ],
    )
    def test_apart(self, distance: float, scale: float, expected: bool) -> None:
        assert apart(distance, scale) is expected
        frame = pl.DataFrame({"d": [distance], "s": [scale]})
        assert frame.select(apart_expr(pl.col("d"), pl.col("s"))).item() is expected

    def test_epsilon_is_rounding_sized(self) -> None:
        assert 1e-12 < OVERLAP_EPSILON < 1e-6


class TestOverflow:
    """Finite members whose results round beyond the largest float still give an interval."""

    LARGEST = sys.float_info.max

    def test_quotient(self) -> None:
        assert divide(Interval(1e300, 2e300), Interval(1e-300, 2e-300)) == Interval(
            self.LARGEST, INF
        )
        assert divide(Interval(-2e300, -1e300), Interval(1e-300, 2e-300)) == Interval(
            -INF, -self.LARGEST
        )

    def test_quotient_over_a_divisor_from_zero(self) -> None:
        assert divide(Interval(1e300, 2e300), Interval(0, 1e-300)) == Interval(self.LARGEST, INF)
        assert divide(Interval(-2e300, -1e300), Interval(0, 1e-300)) == Interval(
            -INF, -self.LARGEST
        )

    def test_product_and_sum(self) -> None:
        assert Interval(1e300, 2e300) * Interval(1e300, 2e300) == Interval(self.LARGEST, INF)
        assert Interval(1e308, 1.5e308) + Interval(1e308, 1.5e308) == Interval(self.LARGEST, INF)
        assert Interval(-1.5e308, -1e308) - Interval(1e308, 1.5e308) == Interval(
            -INF, -self.LARGEST
        )


def test_a_dividend_across_zero_over_a_divisor_from_zero_is_the_whole_line() -> None:
    """[-1, 0.5] / (0, 2]: tiny divisors send the quotient to both infinities."""
    assert divide(Interval(-1, 0.5), Interval(0, 2)) == Interval(-INF, INF)
    assert divide(Interval(-0.5, 1), Interval(0, 2)) == Interval(-INF, INF)
