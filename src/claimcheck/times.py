"""ISO 8601 dates and periods as the contract reads them (section 4).

A time written to the year or month covers the whole year or month, so each
time becomes a closed range of days. Two times are equal when written alike;
one is earlier when it ends before the other begins; otherwise their order is
unknown. Parsing happens once per distinct string, never per row.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claimcheck.terminal import odd_characters

_DATE = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")
"""ASCII digits only: `２０２４` would be read as 2024 while its key stays `２０２４`, one
quantity split in two."""
OPEN_END = ".."


@dataclass(frozen=True)
class Span:
    """A date to the day, month or year, as the first and last day it covers (ordinals)."""

    text: str
    first: int
    last: int


@dataclass(frozen=True)
class Period:
    """A claim's `period`: one date, a closed interval, or an open running total `START/..`."""

    text: str
    start: Span
    end: Span | None

    @property
    def is_open(self) -> bool:
        return self.end is None


def parse_date(text: str) -> Span:
    """Read `2024`, `2024-06` or `2024-06-19`; raise ValueError with a user-facing message."""
    return _parse_date(text.strip())


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> Span:
    match = _DATE.fullmatch(text)
    if match is None:
        odd = odd_characters(text)
        hint = f"; it holds {odd}: write ASCII digits 0-9" if odd else ""
        raise ValueError(
            f"{text!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD){hint}"
        )
    year = int(match["y"])
    if year < 1:
        raise ValueError(f"{text!r}: year 0000 is not a calendar year")
    if match["m"] is None:
        return Span(text, date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal())
    month = int(match["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month} does not exist")
    last_day = calendar.monthrange(year, month)[1]
    if match["d"] is None:
        first = date(year, month, 1).toordinal()
        return Span(text, first, date(year, month, last_day).toordinal())
    day = int(match["d"])
    if not 1 <= day <= last_day:
        raise ValueError(f"{text!r}: day {day} does not exist in that month")
    ordinal = date(year, month, day).toordinal()
    return Span(text, ordinal, ordinal)


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period: a date, `START/END`, or `START/..` (open: a running total since START)."""
    stripped = text.strip()
    if "/" not in stripped:
        span = parse_date(stripped)
        return Period(stripped, span, span)
    head, _, tail = stripped.partition("/")
    try:
        start = parse_date(head)
        if tail.strip() == OPEN_END:
            return Period(stripped, start, None)
        end = parse_date(tail)
    except ValueError as exc:
        raise ValueError(
            f"{stripped!r} is not a period (START/END or START/.. with ISO 8601 dates): {exc}"
        ) from None
    if end.last < start.first:
        raise ValueError(f"{stripped!r}: the period ends before it starts")
    return Period(stripped, start, end)
