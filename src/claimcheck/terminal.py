"""Text from input files, made safe to show on a terminal.

A quote, a name or an id in a table is written by whoever wrote the source
or the table. Sent raw, `ESC [2J` clears the screen, `ESC ]0;...BEL` sets the
window title, and a carriage return or backspace can hide text that is there
(the "Trojan Source" trick, with bidirectional overrides, hides code the same
way). So every input string bound for a terminal goes through `printable`:
C0 and C1 control characters, DEL, bidirectional controls and the other
invisible format characters (Unicode category Cc or Cf) are shown as
Python-style escapes (`\\x1b`, `\\u202e`); newline and tab stay where a view
wraps text itself. Machine formats (CSV, JSON) keep the data exact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_CANDIDATES = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                         r"\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")  # fmt: skip
"""Every character `_escape` may change; a fast pre-check before the per-character pass."""


def _escape(char: str, keep: str) -> str:
    if char in keep:
        return char
    if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


@lru_cache(maxsize=1 << 14)
def printable(text: str, keep: str = "") -> str:
    """`text` with control and invisible format characters escaped; `keep` lists exceptions."""
    if not _CANDIDATES.search(text):
        return text
    return _CANDIDATES.sub(lambda match: _escape(match.group(), keep), text)


def printable_cell(value: object, keep: str = "") -> str:
    """A table cell's text for a terminal: None is empty, everything else `printable`."""
    return "" if value is None else printable(str(value), keep)


def printable_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row (from polars' `iter_rows(named=True)`) with every text value `printable`."""
    return {name: printable(value) if isinstance(value, str) else value
            for name, value in row.items()}  # fmt: skip


def odd_characters(text: str) -> str:
    """The characters of `text` outside printable ASCII, named, for a message.

    A unit `ЕUR` with a Cyrillic `Е`, a zero-width space in `USD`, or a
    fullwidth `２０２４` look right and are refused; the message must say which
    character is wrong: `'Е' (U+0415 CYRILLIC CAPITAL LETTER IE)`.
    """
    seen: list[str] = []
    for char in text:
        if " " <= char <= "~" or char in seen:
            continue
        seen.append(char)
    return ", ".join(
        f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"
        for char in seen[:4]
    )
