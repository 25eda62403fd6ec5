"""Intervals as contract section 3 defines them, checked on the real pipeline."""

from __future__ import annotations

import io
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.models import CompareOptions
from claimcheck.pipeline import compare
from claimcheck.table import load_table

HEADER = "claim_id,source_id,subject,metric,value,value_high,unit,qualifier\n"


def interval(
    value: str, qualifier: str, unit: str = "container", high: str = "", tolerance: float = 0.1
) -> tuple[float, float]:
    data = HEADER + f"c1,s,x,m,{value},{high},{unit},{qualifier}\n"
    table = load_table("-", stdin=io.BytesIO(data.encode()), discover=False)
    claims = compare(table, CompareOptions(approx_tolerance=tolerance)).claims
    return claims.get_column("low")[0], claims.get_column("high")[0]


class TestExact:
    def test_half_a_unit_of_the_last_decimal(self) -> None:
        low, high = interval("5.5", "exact", "billion USD")
        assert low == pytest.approx(5.45e9)
        assert high == pytest.approx(5.55e9)

    def test_integer(self) -> None:
        assert interval("11000", "exact") == pytest.approx((10999.5, 11000.5))

    def test_trailing_zeros_are_precision(self) -> None:
        assert interval("5.50", "exact") == pytest.approx((5.495, 5.505))

    def test_exponent(self) -> None:
        assert interval("1.2e3", "exact") == pytest.approx((1150.0, 1250.0))


class TestOtherQualifiers:
    def test_approx_is_ten_percent(self) -> None:
        assert interval("11000", "approx") == pytest.approx((9900.0, 12100.0))

    def test_approx_tolerance_option(self) -> None:
        assert interval("100", "approx", tolerance=0.25) == pytest.approx((75.0, 125.0))

    def test_approx_never_narrower_than_exact(self) -> None:
        assert interval("0.1", "approx", tolerance=0.0) == pytest.approx((0.05, 0.15))

    def test_at_least(self) -> None:
        low, high = interval("9000", "at_least")
        assert low == 9000
        assert math.isinf(high)

    def test_at_most(self) -> None:
        low, high = interval("5", "at_most", "million artillery_shell")
        assert math.isinf(low)
        assert low < 0
        assert high == 5e6

    def test_range(self) -> None:
        assert interval("100", "range", "billion USD", high="300") == (1e11, 3e11)


@given(
    st.decimals(min_value=-1e9, max_value=1e9, allow_nan=False, places=3),
    st.sampled_from(["exact", "approx", "at_least", "at_most"]),
)
def test_every_interval_holds_its_value(number: object, qualifier: str) -> None:
    """Whatever the qualifier, the written value lies inside its own interval."""
    written = format(number, "f")
    low, high = interval(written, qualifier)
    assert low <= float(written) <= high
