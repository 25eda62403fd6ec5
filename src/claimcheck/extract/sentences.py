"""Sentence boundaries, so each figure can carry its sentence as a claim's quote.

A boundary is a line break, or `.`, `!`, `?` (with closing quotes) followed by
space and a capital, digit or opening quote, except after abbreviations that
never end a sentence in news text (`ca.`, `Mio.`, `Dr.`) and after a day
number before a month (`Am 26. Mai`). Figures never reach across a boundary,
which also keeps a headline's number away from the next paragraph's noun.
"""

from __future__ import annotations

import re

from claimcheck.extract.lexicon import MONTHS

_BOUNDARY = re.compile(r"\n+|(?<=[.!?])[\"”“»«)]*[ \t\u00a0]+(?=[\"„“«»(\[]?[A-ZÄÖÜ0-9])")
_ABBREVIATIONS = frozenset(
    {
        "ca", "bzw", "vgl", "evtl", "ggf", "inkl", "mio", "mrd", "bio", "tsd", "nr",
        "dr", "prof", "st", "hl", "abs", "art", "bsp", "usw", "etc", "z.b", "u.a",
        "d.h", "mr", "mrs", "ms", "jr", "sr", "vs", "no", "approx",
    }
)  # fmt: skip
_LAST_WORD = re.compile(r"([^\W_]+(?:\.[^\W\d_]+)*)\.[\"”“»«)]*\s*$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of each sentence, whitespace trimmed, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group() and not _is_boundary(text, match.start(), match.end()):
            continue
        _add(text, start, match.start(), spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _is_boundary(text: str, stop: int, resume: int) -> bool:
    """False after an abbreviation or a day number that a month follows."""
    last = _LAST_WORD.search(text, max(0, stop - 40), stop)
    if last is None:
        return True
    word = last.group(1).casefold()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    if word in MONTHS and text[resume : resume + 1].isdigit():
        return False  # Sept. 12
    if word.isdigit() and len(word) <= 2:
        following = _NEXT_WORD.match(text, resume)
        if following is not None and following.group(1).casefold() in MONTHS:
            return False
    return True


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
