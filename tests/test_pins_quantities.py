"""Behaviour of quantities.py that mutation testing (`make mutation`) found unpinned: how an
exponent is read, and which columns the intervals add."""

from __future__ import annotations

import math
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.quantities import VALUE_PATTERN, half_unit, with_intervals
from conftest import compare_rows


def interval(value: str, qualifier: str = "exact") -> tuple[float, float]:
    claims = compare_rows([f"c1,s,x,m,,,{value},,container,{qualifier},,,"]).claims
    return claims.get_column("low")[0], claims.get_column("high")[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2E3", (1150.0, 1250.0)),
        ("1.2e+3", (1150.0, 1250.0)),
        ("1.2E+3", (1150.0, 1250.0)),
        ("5E-1", (0.45, 0.55)),
        ("12E2", (1150.0, 1250.0)),
    ],
)
def test_an_exponent_in_either_case_sets_the_last_place(
    value: str, expected: tuple[float, float]
) -> None:
    assert interval(value) == pytest.approx(expected)


def test_an_exponent_of_any_length_is_read() -> None:
    """`1e-99999999999` is a figure near 0, not 0 give or take 0.5 (nor a traceback)."""
    low, high = interval("1e-99999999999")
    assert 0.0 <= low <= high < 1e-300
    assert interval("1e-99999999999", "approx") == (low, high)


def test_the_intervals_add_three_columns_and_keep_the_others() -> None:
    """`base_value`, `low` and `high`; the working columns do not leak into the claims frame."""
    frame = pl.DataFrame(
        {
            "value": ["5.5", "100"],
            "value_high": ["", "300"],
            "qualifier": ["exact", "range"],
            "factor": [1e9, 1.0],
            "note": ["kept", ""],
        }
    )
    result = with_intervals(frame, 0.1)
    assert result.columns == [*frame.columns, "base_value", "low", "high"]
    assert result.get_column("note").to_list() == ["kept", ""]
    assert result.get_column("low").to_list() == pytest.approx([5.45e9, 100.0])
    assert result.get_column("high").to_list() == pytest.approx([5.55e9, 300.0])


def _half_by_reading(text: str) -> float:
    """Half a unit of the last written place, read in Python: the exponent less the
    digits after the point, as exact integers."""
    mantissa, _, exponent = text.lower().partition("e")
    place = int(exponent or 0) - len(mantissa.partition(".")[2])
    if place > 400:
        return math.inf
    return 0.0 if place < -400 else float(Decimal(5).scaleb(place - 1))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(VALUE_PATTERN, fullmatch=True).filter(lambda t: len(t) < 40),
                min_size=1, max_size=20))  # fmt: skip
def test_half_a_unit_is_that_of_the_last_written_place(texts: list[str]) -> None:
    """Any number the table may hold: decimals after the point, less the exponent."""
    frame = pl.DataFrame({"value": texts}, schema={"value": pl.String})
    halves = frame.select(half_unit(pl.col("value"))).to_series().to_list()
    assert halves == pytest.approx([_half_by_reading(text) for text in texts], rel=1e-12)


def test_the_intervals_of_many_morsels_stay_with_their_rows() -> None:
    """The streaming engine computes the intervals in parts across cores: every part
    comes back to its own rows, the columns one chunk each, as the frame's are."""
    rows = 250_000  # several of the streaming engine's morsels
    qualifiers = ["exact", "approx", "at_least", "at_most", "range"]
    frame = pl.DataFrame(
        {
            "value": [str(i) for i in range(rows)],
            "value_high": [str(2 * i) for i in range(rows)],
            "qualifier": [qualifiers[i % 5] for i in range(rows)],
            "factor": [float(1 + i % 3) for i in range(rows)],
        }
    )
    result = with_intervals(frame, 0.1)
    assert [result.get_column(name).n_chunks() for name in result.columns] == [1] * 7
    scaled = [i * float(1 + i % 3) for i in range(rows)]
    assert result.get_column("base_value").to_list() == scaled
    expected_low = [
        [v - 0.5 * (1 + i % 3), v - max(0.5 * (1 + i % 3), v * 0.1), v, -math.inf, v][i % 5]
        for i, v in enumerate(scaled)
    ]
    assert result.get_column("low").to_list() == expected_low
    expected_high = [
        [v + 0.5 * (1 + i % 3), v + max(0.5 * (1 + i % 3), v * 0.1), math.inf, v, 2 * v][i % 5]
        for i, v in enumerate(scaled)
    ]
    assert result.get_column("high").to_list() == expected_high
