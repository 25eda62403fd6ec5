"""Number words in German and English, one word at a time.

German writes numbers below a million as one word (`zweihundertsechsundfünfzig`),
so a word is split into known morphemes and summed; English writes them as
separate words (`two hundred fifty-six`), which `grammar.py` combines with the
same arithmetic. This module only classifies single words; combining words
into a figure is the grammar's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

Kind = Literal["cardinal", "hundred", "scale", "multiplier", "denominator", "article"]


@dataclass(frozen=True)
class WordNumber:
    """What one word contributes to a number.

    `cardinal` words add their value, `hundred` and `multiplier` (dutzend)
    multiply the running group, `scale` words close a group (`Millionen`),
    `denominator` turns the last cardinal into a fraction (`drei Viertel`),
    and an `article` counts as one only when a scale or fraction follows.
    """

    kind: Kind
    value: Decimal


_GERMAN_MORPHEMES: dict[str, int] = {
    "eins": 1, "ein": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90, "hundert": 100, "tausend": 1000, "und": 0,
}  # fmt: skip
_GERMAN_SPLIT = re.compile(
    "|".join(sorted(_GERMAN_MORPHEMES, key=len, reverse=True)),
)
_ORDINAL_STEMS = {"er": 1, "zwei": 2, "drit": 3, "sieb": 7, "ach": 8}
_GERMAN_ORDINAL = re.compile(r"^(?P<stem>.+?)(?:s?te)(?:n|r|s|m)?$")

_ENGLISH_SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ENGLISH_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip

_DENOMINATORS: dict[str, int] = {
    "halb": 2, "halbe": 2, "halbes": 2, "halben": 2, "halber": 2, "halbem": 2,
    "drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "siebtel": 7,
    "achtel": 8, "neuntel": 9, "zehntel": 10, "hundertstel": 100,
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
}  # fmt: skip
_MULTIPLIERS: dict[str, int] = {"dutzend": 12, "dozen": 12}
GERMAN_ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
ENGLISH_ARTICLES = frozenset({"a", "an"})
_MIXED_FRACTIONS: dict[str, Decimal] = {
    "anderthalb": Decimal("1.5"),
    "einundhalb": Decimal("1.5"),
    "eineinhalb": Decimal("1.5"),
}
_MULTIPLICATIVES_EN: dict[str, int] = {"twice": 2, "thrice": 3}


def _german_spelling(word: str) -> str:
    """Fold the ASCII spellings (`fuenf`, `zwoelf`, `dreissig`) into the standard ones."""
    return word.replace("ue", "ü").replace("oe", "ö").replace("ssig", "ßig")


@lru_cache(maxsize=8192)
def german_cardinal(word: str) -> Decimal | None:
    """Read one German number word (`zweihundertsechsundfünfzig` -> 256), or None.

    The word must split completely into morphemes; `und` may only join a unit
    to a ten (`sechsundfünfzig`), so ordinary words that happen to contain
    morphemes (`einander`, `Achtung`) are refused.
    """
    folded = _german_spelling(word.casefold())
    if folded == "null":
        return Decimal(0)
    if folded in _MIXED_FRACTIONS:
        return _MIXED_FRACTIONS[folded]
    if folded.endswith("einhalb") and len(folded) > len("einhalb"):
        whole = german_cardinal(folded[: -len("einhalb")])
        return None if whole is None else whole + Decimal("0.5")
    if folded.endswith(("viertel", "drittel")) and len(folded) > 7:
        numerator = german_cardinal(folded[:-7])
        if numerator is None or numerator >= 10:
            return None
        return numerator / (4 if folded.endswith("viertel") else 3)
    parts = _GERMAN_SPLIT.findall(folded)
    if not parts or "".join(parts) != folded:
        return None
    return _sum_german(parts)


def _sum_german(parts: list[str]) -> Decimal | None:
    """Add up morphemes: units add, `hundert` multiplies the group, `tausend` closes it."""
    total, current = 0, 0
    previous = ""
    for index, part in enumerate(parts):
        value = _GERMAN_MORPHEMES[part]
        if part == "und":
            following = parts[index + 1] if index + 1 < len(parts) else ""
            if not (1 <= _GERMAN_MORPHEMES.get(previous, 0) <= 9):
                return None
            if _GERMAN_MORPHEMES.get(following, 0) not in range(20, 100, 10):
                return None
        elif part == "hundert":
            current = (current or 1) * 100 if current < 100 else current + 100
        elif part == "tausend":
            if total:
                return None
            total, current = (current or 1) * 1000, 0
        elif part == "ein" and index == len(parts) - 1:
            return None  # `zweihundertein` is not written; a trailing `ein` is an article
        else:
            current += value
        previous = part
    return Decimal(total + current)


def german_ordinal(word: str) -> Decimal | None:
    """Read a German ordinal (`siebten` -> 7, `zwanzigsten` -> 20), or None."""
    match = _GERMAN_ORDINAL.match(_german_spelling(word.casefold()))
    if match is None:
        return None
    stem = match["stem"]
    if stem in _ORDINAL_STEMS:
        return Decimal(_ORDINAL_STEMS[stem])
    value = german_cardinal(stem)
    if value is None or value != value.to_integral_value() or value < 2:
        return None
    return value


def english_cardinal(word: str) -> Decimal | None:
    """Read one English number word, hyphenated tens included (`fifty-six`)."""
    folded = word.casefold()
    if folded in _ENGLISH_SMALL:
        return Decimal(_ENGLISH_SMALL[folded])
    if "-" in folded:
        tens, _, unit = folded.partition("-")
        ten, one = _ENGLISH_SMALL.get(tens), _ENGLISH_SMALL.get(unit)
        if ten is not None and one is not None and ten % 10 == 0 and ten >= 20 and 1 <= one <= 9:
            return Decimal(ten + one)
    return None


def english_ordinal(word: str) -> Decimal | None:
    """Read an English ordinal (`seventh`, `twenty-first`), or None."""
    folded = word.casefold()
    if folded in _ENGLISH_ORDINALS and folded != "second":
        return Decimal(_ENGLISH_ORDINALS[folded])
    if "-" in folded:
        tens, _, unit = folded.partition("-")
        ten, one = _ENGLISH_SMALL.get(tens), _ENGLISH_ORDINALS.get(unit)
        if ten is not None and one is not None and ten >= 20 and one <= 9:
            return Decimal(ten + one)
    return None


def multiplicative(word: str) -> Decimal | None:
    """Read `zweimal`, `dreimal`, `twice` as a count; `einmal` (also "once more") is refused."""
    folded = word.casefold()
    if folded in _MULTIPLICATIVES_EN:
        return Decimal(_MULTIPLICATIVES_EN[folded])
    if folded.endswith("mal") and len(folded) > 3:
        value = german_cardinal(folded[:-3])
        if value is not None and value >= 2:
            return value
    return None


def classify(word: str, lang: str, scales: dict[str, Decimal]) -> WordNumber | None:
    """What a single word contributes to a spelled-out number, in the document's language."""
    folded = word.casefold()
    if folded in scales and scales[folded] >= 1_000_000:
        return WordNumber("scale", scales[folded])
    if folded in GERMAN_ARTICLES or folded in ENGLISH_ARTICLES:
        return WordNumber("article", Decimal(1))
    if folded in _DENOMINATORS:
        return WordNumber("denominator", Decimal(_DENOMINATORS[folded]))
    if folded in _MULTIPLIERS:
        return WordNumber("multiplier", Decimal(_MULTIPLIERS[folded]))
    if folded == "hundred":
        return WordNumber("hundred", Decimal(100))
    if folded == "thousand":
        return WordNumber("scale", Decimal(1000))
    value = english_cardinal(word) if lang == "en" else german_cardinal(word)
    if value is None:
        value = german_cardinal(word) if lang == "en" else english_cardinal(word)
    if value is not None:
        return WordNumber("cardinal", value)
    return None
