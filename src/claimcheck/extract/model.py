"""The one record extraction produces: a figure found in a text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
"""The qualifier vocabulary of the claims table (contract section 3)."""


@dataclass(frozen=True)
class Candidate:
    """A figure in a text, ready to become a draft claim.

    `start` and `end` are code-point offsets (end exclusive) into the text the
    candidate was extracted from, so `text == content[start:end]` always.
    `value` is fully scaled (`5,5 Milliarden` -> 5500000000); `unit` is a
    registry unit when the noun or currency is known, else the noun as
    written, else empty. `note` says what was uncertain (an ambiguous digit
    convention, a name-like number word) so a person can check it.
    """

    source_id: str
    start: int
    end: int
    text: str
    value: Decimal
    value_high: Decimal | None
    unit: str
    qualifier: str
    sentence: str
    lang: str
    note: str = ""
