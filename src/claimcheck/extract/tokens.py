"""Tokens of one sentence, as parallel lists with absolute offsets.

Kept apart from the grammar so the English number reader (`english.py`) and
the grammar both read the same tokens without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_URL = r"(?P<url>(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]+\.[\w.]+)"
_OTHERS = r"""
     (?P<num>(?<![^\W\d_]-)(?<![\w.,])[-\u2212+]?
        (?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)*|[.]\d+)
        (?:[eE][-+]?\d{1,3}(?![^\W\d_]))?)
    |(?P<frac>[¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])
    |(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)
    |(?P<glued>(?<=[^\W\d_])\d+(?:[.,]\d+)*(?![^\W\d_]{2}))
    |(?P<other>\w+|\S)
    """
_TOKEN = re.compile(_URL + "|" + _OTHERS, re.VERBOSE)
"""An e-mail's local part is at most 64 characters (RFC 5321): unbounded, the scan for
`@` would run to the end of the sentence from every token, quadratic in its length."""
_NO_URL = re.compile(_OTHERS, re.VERBOSE)
"""`_TOKEN` without its first branch, for a sentence where no URL can match: one
without `@`, `www.` and `http` (the branch needs one of them), where the scan for
`@` from every word would only cost time."""
_MAY_LIST = re.compile(r"\d,\d{1,2},\d")
"""Every comma list `_LIST` matches (two commas or more) holds this."""
_LIST = re.compile(r"\d{1,2}(?:,\d{1,2})+")
"""`22,24,26,31`: numbers listed with commas and no spaces, which no grouping writes."""


@dataclass
class Tokens:
    """One sentence's tokens as parallel lists (cheaper than an object per token)."""

    kind: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.kind)

    def is_word(self, i: int, *words: str) -> bool:
        """Whether token i exists, is a word, and (if given) is one of `words`."""
        if i < 0 or i >= len(self.kind) or self.kind[i] != "word":
            return False
        return not words or self.folded[i] in words

    def is_sym(self, i: int, *syms: str) -> bool:
        """Whether token i exists and is one of the given symbols."""
        return 0 <= i < len(self.kind) and self.kind[i] == "other" and self.text[i] in syms

    def adjacent(self, i: int, j: int) -> bool:
        """Whether tokens i and j touch, with no space between them."""
        return 0 <= i < len(self.kind) and 0 <= j < len(self.kind) and self.end[i] == self.start[j]


def tokenize(content: str, start: int, end: int, prefixes: frozenset[str]) -> Tokens:
    """Split `content[start:end]` into tokens, keeping absolute offsets.

    Digits glued to a preceding word (`glued`) are part of a name (`A380`), so
    they become an `other` token; after one of `prefixes` (currency codes such
    as `USD`, `RM`) they are a number of their own (`USD115.5`, `EUR5m`).
    """
    url = any(content.find(needle, start, end) >= 0 for needle in ("@", "www.", "http"))
    matches = list((_TOKEN if url else _NO_URL).finditer(content, start, end))
    kinds = [match.lastgroup or "other" for match in matches]
    if "glued" not in kinds and _MAY_LIST.search(content, start, end) is None:
        # nothing to re-read: one list per column, built in C
        texts = [match.group() for match in matches]
        return Tokens(
            kinds,
            texts,
            [text.casefold() for text in texts],
            [match.start() for match in matches],
            [match.end() for match in matches],
        )
    tokens = Tokens()
    for match in matches:
        kind = match.lastgroup or "other"
        text = match.group()
        token_start = match.start()
        if kind == "glued":
            glued = bool(tokens.kind) and tokens.end[-1] == token_start
            kind = "num" if glued and tokens.text[-1] in prefixes else "other"
        elif kind == "num" and text.count(",") >= 2 and _LIST.fullmatch(text):
            _add_list(tokens, text, token_start)
            continue
        tokens.kind.append(kind)
        tokens.text.append(text)
        tokens.folded.append(text.casefold())
        tokens.start.append(token_start)
        tokens.end.append(match.end())
    return tokens


def _add_list(tokens: Tokens, text: str, start: int) -> None:
    """Add the numbers of a comma list as tokens of their own, commas between them."""
    offset = start
    for index, part in enumerate(text.split(",")):
        if index:
            tokens.kind.append("other")
            tokens.text.append(",")
            tokens.folded.append(",")
            tokens.start.append(offset)
            tokens.end.append(offset + 1)
            offset += 1
        tokens.kind.append("num")
        tokens.text.append(part)
        tokens.folded.append(part)
        tokens.start.append(offset)
        tokens.end.append(offset + len(part))
        offset += len(part)
