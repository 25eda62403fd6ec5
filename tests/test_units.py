"""The one pint registry and the whitelist road from table text to units."""

from __future__ import annotations

import time

import pytest

from claimcheck.units import MAX_UNIT_LENGTH, UnknownUnitError, registry, resolve


class TestResolve:
    """Unit strings become a factor to base units and a dimension key."""

    @pytest.mark.parametrize(
        ("text", "factor", "dimension"),
        [
            ("container", 1.0, "[container]"),
            ("containers", 1.0, "[container]"),
            ("thousand container", 1e3, "[container]"),
            ("billion USD", 1e9, "[currency_USD]"),
            ("million  usd", 1e6, "[currency_USD]"),
            ("million*USD", 1e6, "[currency_USD]"),
            ("casualties", 1.0, "[casualty]"),
            ("artillery_shells", 1.0, "[artillery_shell]"),
            ("percent", 0.01, "dimensionless"),
            ("%", 0.01, "dimensionless"),
            ("dimensionless", 1.0, "dimensionless"),
            ("trillion", 1e12, "dimensionless"),
        ],
    )
    def test_known_units(self, text: str, factor: float, dimension: str) -> None:
        unit = resolve(text)
        assert unit.factor == pytest.approx(factor)
        assert unit.dimension == dimension

    def test_rates_keep_time(self) -> None:
        """USD/year is its own dimension, not USD: a flow is not a stock."""
        assert resolve("USD/year").dimension != resolve("USD").dimension
        assert resolve("USD/month").factor == pytest.approx(12.0)

    @pytest.mark.parametrize(
        ("text", "minutes"),
        [("minute", 1), ("minutes", 1), ("min", 1), ("hours", 60), ("h", 60), ("day", 1440),
         ("seconds", 1 / 60), ("s", 1 / 60), ("week", 7 * 1440)],
    )
    def test_time_units_convert(self, text: str, minutes: float) -> None:
        """Delays and durations (a flight's minutes, a siege's days) convert into each other."""
        unit = resolve(text)
        assert unit.dimension == resolve("minute").dimension == resolve("year").dimension
        assert unit.factor / resolve("minute").factor == pytest.approx(minutes)

    def test_currencies_are_separate_dimensions(self) -> None:
        """No exchange rate lives in a claims table: USD and EUR never convert."""
        assert resolve("USD").dimension != resolve("EUR").dimension

    @pytest.mark.parametrize(
        "text",
        ["Soldaten", "10**10**10", "USD*", "/USD", "USD $", "container^99", "", "   ", "1e9 USD"],
    )
    def test_unknown_or_malformed(self, text: str) -> None:
        with pytest.raises(UnknownUnitError):
            resolve(text)

    def test_hostile_strings_answer_fast(self) -> None:
        """Long unknown names and exponent towers are refused without reaching pint's parser."""
        start = time.perf_counter()
        for text in ("x" * 150, "a" * (MAX_UNIT_LENGTH + 1), "9**9**9**9", "USD " * 49):
            with pytest.raises(UnknownUnitError):
                resolve(text)
        assert time.perf_counter() - start < 1.0

    def test_message_is_short_for_long_input(self) -> None:
        with pytest.raises(UnknownUnitError) as caught:
            resolve("q" * 190)
        assert len(str(caught.value)) < 120

    def test_one_registry(self) -> None:
        assert registry() is registry()
