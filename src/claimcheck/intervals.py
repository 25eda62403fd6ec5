"""Interval arithmetic on the contract's intervals (section 3), and when two are apart.

Every rule asks one question first: do two intervals overlap, give or take
rounding? `apart` answers it, for Python numbers and (`apart_expr`) for
polars columns, with one epsilon.

A claim stands for every value in its interval, so a figure derived from
several claims (a sum, a ratio, a growth rate) stands for every value the
operation can produce from members of those intervals. Each operation here
returns an interval that contains all of them: the sum of intervals contains
every sum of members, and so on. That is what lets a relation fail only when
no reading of the claims can satisfy it.

Conventions, chosen so that containment holds for every finite member:

- ends may be infinite (`at_least` and `at_most` claims); `0 × ∞` counts as 0,
  because every member of an interval is finite and a member 0 times any
  finite number is 0;
- dividing by an interval that contains 0 but is not `[0, 0]` gives the hull
  of every quotient over the divisor's non-zero members: a half-line when 0 is
  one end, the whole line when 0 is inside;
- dividing by `[0, 0]` is undefined and raises `ZeroDivisionError`.

Rounding to nearest is monotone, so computing each end from the operands'
ends in floating point still bounds the floating-point results of members;
no outward rounding is needed for containment of computed members.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

_INF = math.inf
_LARGEST = sys.float_info.max

OVERLAP_EPSILON = 1e-9
"""Relative slack in the overlap test, so that touching intervals such as 5.45-5.55
and 5.35-5.45 billion are not split apart by floating-point rounding."""


def apart(distance: float, scale: float) -> bool:
    """Whether a distance between two intervals is more than rounding at this scale.

    `distance` is how far the lower bound of one lies above the upper bound of
    the other (zero or negative when they overlap); `scale` is the size of the
    figures compared, so the slack is relative.
    """
    return distance > OVERLAP_EPSILON * scale


def apart_expr(distance: pl.Expr, scale: pl.Expr) -> pl.Expr:
    """`apart` over columns (tests/test_intervals.py holds the two equal)."""
    return distance > OVERLAP_EPSILON * scale


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval `[low, high]` of reals; `low` may be -∞ and `high` +∞."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if (
            math.isnan(self.low)
            or math.isnan(self.high)
            or self.low > self.high
            or self.low == _INF
            or self.high == -_INF
        ):
            raise ValueError(f"not an interval: [{self.low}, {self.high}]")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def bounded(self) -> bool:
        """Both ends finite."""
        return math.isfinite(self.low) and math.isfinite(self.high)

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def contains_zero(self) -> bool:
        return self.low <= 0 <= self.high

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __add__(self, other: Interval) -> Interval:
        # Low ends are never +∞ and high ends never -∞, so no end is ever ∞ - ∞.
        return _hull(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        corners = [
            _times(a, b) for a in (self.low, self.high) for b in (other.low, other.high)
        ]
        return _hull(min(corners), max(corners))

    def __truediv__(self, other: Interval) -> Interval:
        return divide(self, other)

    def widened(self, slack: float) -> Interval:
        """The interval grown by `slack` (≥ 0) on each side: a tolerance."""
        return Interval(self.low - slack, self.high + slack)

    def distance(self, other: Interval) -> float:
        """How far apart two intervals are: 0 when they overlap."""
        return max(0.0, other.low - self.high, self.low - other.high)


def _hull(low: float, high: float) -> Interval:
    """Computed ends as an interval, an end that overflowed held at the largest float.

    Members are finite but their results may not be: `1e300 / 1e-300` rounds
    to ∞. A low end rounded up to +∞ still has every result above the largest
    float, so that float is a lower bound (and a high end at -∞ likewise);
    `[∞, ∞]` would be no interval at all.
    """
    return Interval(min(low, _LARGEST), max(high, -_LARGEST))


def _times(a: float, b: float) -> float:
    """A corner product with `0 × ∞ = 0` (members are finite, see the module docstring)."""
    if a == 0 or b == 0:
        return 0.0
    return a * b


def divide(dividend: Interval, divisor: Interval) -> Interval:
    """The hull of every `x / y` with x in the dividend and non-zero y in the divisor."""
    if divisor.low == 0 and divisor.high == 0:
        raise ZeroDivisionError("division by the interval [0, 0]")
    if dividend.low == 0 and dividend.high == 0:
        return Interval(0.0, 0.0)
    if divisor.low < 0 < divisor.high:
        return Interval(-_INF, _INF)
    if divisor.high == 0:
        return -divide(dividend, -divisor)
    if divisor.low == 0:
        return _over_positive_from_zero(dividend, divisor.high)
    corners = [
        q
        for a in (dividend.low, dividend.high)
        for b in (divisor.low, divisor.high)
        if not math.isnan(q := a / b)
    ]
    return _hull(min(corners), max(corners))


def _over_positive_from_zero(dividend: Interval, top: float) -> Interval:
    """x / y for y in (0, top]: small divisors send the quotient to ±∞."""
    if dividend.low >= 0:
        return _hull(_floor_quotient(dividend.low, top), _INF)
    if dividend.high <= 0:
        return _hull(-_INF, -_floor_quotient(-dividend.high, top))
    return Interval(-_INF, _INF)


def _floor_quotient(a: float, top: float) -> float:
    """The least of `a / y` over y in (0, top] for a ≥ 0 (0 when top is unbounded)."""
    return 0.0 if math.isinf(top) else a / top
