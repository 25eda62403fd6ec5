"""The time a figure covers, from the words of its sentence.

`seit September 2023` / `since September 2023` is a running total
(`2023-09/..`); `im Jahr 2023` / `in 2023` a year; `in der ersten Hälfte
2024` / `in the first half of 2024` a half year (`2024-01/2024-06`), and
quarters likewise. A relative time (`seit September` with no year, `last
year`, `this year`) is placed against the document's date, and the reasoning
goes into the claim's note. Month and weekday names come from CLDR (Babel),
so both languages are read the same way. Each time expression belongs to the
figure nearest to it in the sentence, so `34,4 Millionen im Jahr 2023 ... in
der ersten Hälfte 2024 auf 52,9 Millionen` gives each figure its own period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_ORDINALS = {
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4,
}  # fmt: skip


@dataclass(frozen=True)
class DocDate:
    """A document's date to the year, month or day (`published`), for relative times."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> DocDate | None:
        """An ISO date (`2024`, `2024-03`, `2024-03-01`), or None."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if match is None:
            return None
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class TimeSpan:
    """A time expression in a sentence: where it stands, the period it gives, and why."""

    start: int
    end: int
    period: str
    note: str
    relative: bool


_ANY_TIME = re.compile(r"(?:19|20)\d\d|seit|since|jahr|year|vorjahr", re.IGNORECASE)
"""Every time expression below holds one of these: sentences without any skip the patterns."""


@cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations of German and English (CLDR), casefolded, to 1..12."""
    from babel import Locale

    names: dict[str, int] = {}
    for lang in ("de", "en"):
        locale = Locale(lang)
        for width in ("wide", "abbreviated"):
            for number, name in locale.months["format"][width].items():
                names[name.casefold().rstrip(".")] = number
    names.pop("mai", None)
    names["mai"] = 5
    return names


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    months = "|".join(sorted((re.escape(m) for m in _month_numbers()), key=len, reverse=True))
    month = rf"(?P<month>{months})\.?"
    year = r"(?P<year>(?:19|20)\d{2})"
    flags = re.IGNORECASE
    return [
        (
            "half",
            re.compile(
                r"\b(?:in der |im )?(?P<ord>ersten|zweiten) (?:Hälfte|Halbjahr)"
                rf"(?: des Jahres| von)? {year}\b"
                rf"|\b(?:in )?the (?P<ord2>first|second) half of {year.replace('year', 'year2')}\b"
                rf"|\bH(?P<h>[12]) {year.replace('year', 'year3')}\b",
                flags,
            ),
        ),
        (
            "quarter",
            re.compile(
                r"\b(?:im )?(?P<ord>ersten|zweiten|dritten|vierten) Quartal"
                rf"(?: des Jahres)? {year}\b"
                r"|\b(?:in )?the (?P<ord2>first|second|third|fourth) quarter of "
                rf"{year.replace('year', 'year2')}\b"
                rf"|\bQ(?P<h>[1-4]) {year.replace('year', 'year3')}\b",
                flags,
            ),
        ),
        (
            "between",
            re.compile(
                r"\b(?:zwischen|between|von|from) (?P<a>(?:19|20)\d{2}) (?:und|and|bis|to) "
                r"(?P<b>(?:19|20)\d{2})\b",
                flags,
            ),
        ),
        (
            "since",
            re.compile(
                rf"\b(?:seit|since) (?:dem Jahr |the year |(?:dem |the )?(?:{month} ))?{year}\b",
                flags,
            ),
        ),
        ("since_month", re.compile(rf"\b(?:seit|since) (?:dem |)(?:{month})\b(?! \d)", flags)),
        ("month_year", re.compile(rf"\b(?:im |in |für |for )?{month} {year}\b", flags)),
        (
            "year",
            re.compile(
                r"\b(?:im Jahr(?:e)? |des Jahres |in the year |im |in |für |for |during |während )"
                rf"{year}\b"
                r"(?![.,]\d)",
                flags,
            ),
        ),
        (
            "last_year",
            re.compile(
                r"\b(?:im )?(?:vergangenen|letzten|vorigen) Jahr\b|\bim Vorjahr\b|\blast year\b",
                flags,
            ),
        ),
        (
            "year_to_date",
            re.compile(
                r"\bseit (?:Jahresbeginn|Jahresanfang|Anfang des Jahres)\b"
                r"|\bsince the (?:start|beginning) of the year\b|\bso far this year\b",
                flags,
            ),
        ),
        ("this_year", re.compile(r"\b(?:in )?diesem Jahr\b|\bthis year\b", flags)),
    ]


def time_expressions(
    content: str, start: int, end: int, published: DocDate | None
) -> list[TimeSpan]:
    """Every time expression in `content[start:end]`, resolved where the text allows."""
    found: list[TimeSpan] = []
    if _ANY_TIME.search(content, start, end) is None:
        return found
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(content, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            span = _resolve(kind, match, published)
            if span is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(span)
    found.sort(key=lambda s: s.start)
    return found


def _resolve(kind: str, match: re.Match[str], published: DocDate | None) -> TimeSpan | None:
    groups = match.groupdict()
    words = match.group()
    a, b = match.start(), match.end()
    if kind in ("half", "quarter"):
        year = int(groups.get("year") or groups.get("year2") or groups.get("year3") or 0)
        ordinal = groups.get("ord") or groups.get("ord2")
        number = _ORDINALS[ordinal.casefold()] if ordinal else int(groups["h"])
        size = 6 if kind == "half" else 3
        first = (number - 1) * size + 1
        return TimeSpan(
            a, b, f"{year}-{first:02d}/{year}-{first + size - 1:02d}", f"'{words}'", False
        )
    if kind == "between":
        return TimeSpan(a, b, f"{groups['a']}/{groups['b']}", f"'{words}'", False)
    if kind == "since":
        if groups.get("month"):
            number = _month_numbers()[groups["month"].casefold()]
            return TimeSpan(
                a, b, f"{groups['year']}-{number:02d}/..", f"'{words}' (running total)", False
            )
        return TimeSpan(a, b, f"{groups['year']}/..", f"'{words}' (running total)", False)
    if kind == "month_year":
        number = _month_numbers()[groups["month"].casefold()]
        return TimeSpan(a, b, f"{groups['year']}-{number:02d}", f"'{words}'", False)
    if kind == "year":
        return TimeSpan(a, b, groups["year"], f"'{words}'", False)
    if published is None:
        return TimeSpan(a, b, "", f"'{words}' not placed: the document has no date", True)
    if kind == "since_month":
        number = _month_numbers()[groups["month"].casefold()]
        year = published.year
        if published.month is None or number >= published.month:
            year -= 1
        return TimeSpan(
            a,
            b,
            f"{year}-{number:02d}/..",
            f"'{words}' read as {year}: the last such month before the document's date {published}",
            True,
        )
    if kind == "last_year":
        return TimeSpan(
            a,
            b,
            str(published.year - 1),
            f"'{words}' = {published.year - 1}, from the document's date {published}",
            True,
        )
    if kind == "year_to_date":
        return TimeSpan(
            a,
            b,
            f"{published.year}-01/..",
            f"'{words}' = since January {published.year} (document dated {published})",
            True,
        )
    return TimeSpan(
        a,
        b,
        str(published.year),
        f"'{words}' = {published.year}, from the document's date {published}",
        True,
    )


def nearest(spans: list[TimeSpan], figures: list[tuple[int, int]]) -> dict[int, TimeSpan]:
    """Give each time expression to the figure nearest to it; figure index -> its expression.

    A figure that several expressions choose keeps the closest one.
    """
    chosen: dict[int, tuple[int, TimeSpan]] = {}
    for span in spans:
        best = -1
        best_distance = 0
        for index, (a, b) in enumerate(figures):
            distance = max(0, a - span.end, span.start - b)
            if best < 0 or distance < best_distance:
                best, best_distance = index, distance
        if best >= 0 and (best not in chosen or best_distance < chosen[best][0]):
            chosen[best] = (best_distance, span)
    return {index: span for index, (_, span) in chosen.items()}


def stated_date(text: str, head: int = 3000) -> str:
    """The date a document states for itself, as ISO text, or empty.

    A full date in its first lines (`2024-03-01`, `1. März 2024`, `March 1,
    2024`) is taken as its publication date; failing that, a copyright year
    (`© 2024`) gives the year.
    """
    months = "|".join(sorted((re.escape(m) for m in _month_numbers()), key=len, reverse=True))
    part = text[:head]
    iso = re.search(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b", part)
    if iso:
        return iso.group()
    german = re.search(
        rf"\b(\d{{1,2}})\.\s?(?:({months})\.?|(\d{{1,2}})\.)\s?((?:19|20)\d{{2}})\b", part, re.I
    )
    if german:
        month = (
            _month_numbers()[german.group(2).casefold()]
            if german.group(2)
            else int(german.group(3))
        )
        if 1 <= month <= 12 and 1 <= int(german.group(1)) <= 31:
            return f"{german.group(4)}-{month:02d}-{int(german.group(1)):02d}"
    english = re.search(rf"\b({months})\.? (\d{{1,2}}),? ((?:19|20)\d{{2}})\b", part, re.I)
    if english and 1 <= int(english.group(2)) <= 31:
        month = _month_numbers()[english.group(1).casefold()]
        return f"{english.group(3)}-{month:02d}-{int(english.group(2)):02d}"
    copyright_year = re.search(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d{2})\b", text, re.I)
    return copyright_year.group(1) if copyright_year else ""
