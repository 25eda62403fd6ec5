"""Digits and scale words, read with Babel's locale data instead of guesses.

`11.000` is eleven thousand in a German text and eleven in an English one.
Babel's strict parser knows each locale's separators and refuses misgrouped
input, so a string is parsed in the document's locale first and in the other
one second; when both succeed with different values the figure is marked
ambiguous rather than silently guessed. Scale words come from CLDR's compact
decimal formats (`0 Milliarden`, `0 Mrd.`), the same data Babel formats with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache, lru_cache

_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_MINUS = ("-", "\u2212", "\u2013")
_OTHER = {"de": "en", "en": "de"}
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
"""Indian digit grouping (`12,34,567.89`): pairs above the thousands, as in English news
from India."""

ATTACHED_SCALES: dict[str, Decimal] = {
    "k": Decimal(1000),
    "bn": Decimal(10) ** 9,
    "mn": Decimal(10) ** 6,
    "tsd": Decimal(1000),
}
"""Abbreviations read only when written right after the digits (`5k`, `3bn`)."""

CASED_SCALES: dict[str, Decimal] = {
    "K": Decimal(1000),
    "M": Decimal(10) ** 6,
    "MM": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "B": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "mln": Decimal(10) ** 6,
    "mil": Decimal(10) ** 6,
    "bln": Decimal(10) ** 9,
    "tln": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}
"""English abbreviations glued to digits, as written (`10M`, `1.2b`, `$1MM`; `mm` is millimetres).
Lower-case `m` is a million only before a counted plural (`20m users`); else it is metres."""

ENGLISH_ABBREVIATIONS: dict[str, Decimal] = {
    "mln": Decimal(10) ** 6,
    "bln": Decimal(10) ** 9,
    "tln": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
}
"""Scale abbreviations of English wire copy, also with a space (`10 bln`)."""

CURRENCY_ONLY_SCALES: dict[str, Decimal] = {
    "m": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
}
"""`m` and `b` mean million and billion only after a currency sign (`$5m`); else metres."""


@dataclass(frozen=True)
class ParsedNumber:
    """A digit string's value and, when the reading is not certain, why."""

    value: Decimal
    note: str


@lru_cache(maxsize=65536)
def parse_digits(raw: str, lang: str) -> ParsedNumber | None:
    """Read a digit string such as `1.234.567,89`, `11,000` or `1 234 567`, or None.

    Spaces (including narrow no-break spaces) are group separators in both
    languages and are removed first; the rest goes through Babel in strict
    mode, document locale first.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    text = raw
    sign = Decimal(1)
    if text[:1] in _MINUS:
        sign, text = Decimal(-1), text[1:]
    elif text[:1] == "+":
        text = text[1:]
    text = _SPACES.sub("", text)
    mantissa, marker, exponent = text.partition("e") if "e" in text else text.partition("E")
    if marker:
        base = parse_digits(mantissa, lang)
        if base is None or not exponent.lstrip("+-").isdigit() or len(exponent) > 6:
            return None  # an exponent of a million digits is no figure, and int() refuses it
        return ParsedNumber(_signed(sign, base.value.scaleb(int(exponent))), base.note)
    if text.startswith("."):
        text = "0" + text
    if text.isdigit():
        return ParsedNumber(_signed(sign, Decimal(text)), "")
    readings: dict[str, Decimal] = {}
    for locale in (lang, _OTHER[lang]):
        # Babel's strict check rounds in the current context: give it room for every digit
        with localcontext() as context:
            context.prec = max(context.prec, len(text) + 2)
            try:
                readings[locale] = parse_decimal(text, locale=locale, strict=True)
            except NumberFormatError:
                continue
    if lang in readings:
        value = readings[lang]
        other = readings.get(_OTHER[lang])
        note = ""
        if other is not None and other != value:
            note = f"ambiguous: {raw} is {plain(other)} in {_OTHER[lang]} convention"
        return ParsedNumber(_signed(sign, value), note)
    if _OTHER[lang] in readings:
        value = readings[_OTHER[lang]]
        return ParsedNumber(_signed(sign, value), f"read in {_OTHER[lang]} convention")
    if lang == "en" and _INDIAN.fullmatch(text):
        value = Decimal(text.replace(",", ""))
        return ParsedNumber(_signed(sign, value), "read in Indian grouping (lakh, crore)")
    return None


def _signed(sign: Decimal, value: Decimal) -> Decimal:
    """The value with its sign, without the context rounding a multiplication would do."""
    return value.copy_negate() if sign < 0 else value


def plain(value: Decimal) -> str:
    """Write a value the way a claims table wants it: `5500000000`, `0.5`, never `5.5E+9`."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in {"-0", ""} else "0"


def _compact_words(lang: str, min_length: int) -> dict[str, Decimal]:
    """CLDR's compact-format words of one locale (`Milliarden`, `Mrd`) and their scale."""
    from babel import Locale

    table: dict[str, Decimal] = {}
    for style in ("long", "short"):
        formats = Locale(lang).compact_decimal_formats[style]
        for plural in formats:
            for magnitude, pattern in formats[plural].items():
                text = pattern.pattern
                zeros = text.count("0")
                word = text.replace("0", "").replace("'", "").replace("\xa0", " ")
                word = word.strip().rstrip(".").casefold()
                if len(word) >= min_length:
                    scale = Decimal(int(magnitude)) / Decimal(10) ** (zeros - 1)
                    table.setdefault(word, scale)
    return table


@cache
def scale_words(lang: str) -> dict[str, Decimal]:
    """Scale words and abbreviations of a language, casefolded, from CLDR compact formats.

    German `Billion` is 10^12 and English `billion` 10^9, so the table is per
    document language; the dotted abbreviations (`Mio.`, `Mrd.`) are stored
    without their dot, which the grammar takes along when it is written.
    Single-letter short forms (`K`, `M`, `B`) are left out: in prose they are
    as often metres or grades as scales. Long words of the other language
    (`million` in a German text) are kept.
    """
    table = _compact_words(lang, 2)
    if lang == "en":
        table.update(ENGLISH_ABBREVIATIONS)
    for word, scale in _compact_words(_OTHER[lang], 4).items():
        table.setdefault(word, scale)
    table.setdefault("tsd", Decimal(1000))
    table.setdefault("bn", Decimal(10) ** 9)
    table.setdefault("mn", Decimal(10) ** 6)
    return table
