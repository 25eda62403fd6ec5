"""Figures that are no claims: page furniture, ages, phone numbers, list numbers, references.

`extract` finds every figure; a claims table wants only those that state a
quantity about the world. Left out, each with the reason `--all` writes into
the note instead:

- a label line such as `Lesezeit: 3 Minuten`, `Reading time: 4 min` or a
  counter such as `Kommentare (0)`, `Comments (12)`: a short line with no verb;
- a number with no unit and no counted noun (nothing is counted);
- an age: `Ernst Müller, 45,`, `Jane Doe (52)`, `45-jährige`, `aged 45`,
  `45 years old`;
- a phone number (`Tel.`, `phone`, `+49 30 ...`);
- list numbering: a number opening a line, followed by `.` or `)`;
- a number after a demonstrative (`diese drei Länder`, `these two
  countries`), or a spelled-out one after a definite article before a noun
  the lexicon lacks (`the two countries`), which points back at things
  already named.
"""

from __future__ import annotations

import re

from claimcheck.draft import lexicon as lx
from claimcheck.extract import Candidate

_LABEL = re.compile(r"^[\W_]*[^\W\d_][\w .-]{0,30}:\s*[-\d.,]+\s*[^\W\d_]{0,12}\.?\s*$")
_COUNTER = re.compile(r"^[\W_]*[^\W\d_][\w .-]{0,30}\s*[(\[]\s*\d+\s*[)\]]\s*$")
_PHONE = re.compile(
    r"\b(?:tel|telefon|fax|phone|call|mobil|hotline)\b\.?|☎|\+\d{1,3}[ \d/-]{6,}", re.I
)
_AGE_AFTER = re.compile(r"^\s*(?:-?jährige\w*|years? old|-year-old\w*|jahre alt)", re.I)
_AGE_BEFORE = re.compile(r"(?:\baged|\balter von|\bim alter von)\s*$", re.I)
_NAME_AGE = re.compile(r"[A-ZÄÖÜ][\w-]+\s*(?:,\s*|\(\s*)$")
_LIST_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]\s")
_SHORT_LINE_CHARS = 120
"""Longer lines are prose, never a label or counter line."""
_VERBISH = re.compile(r"\b(?:ist|sind|war|hat|haben|wird|is|are|was|has|have|were)\b", re.I)


def not_a_claim(
    candidate: Candidate, content: str, line_start: int, line_end: int, unknown_unit: bool
) -> str:
    """Why the candidate states no claim (empty: it does).

    `unknown_unit` says the counted noun is not in the lexicon (`the two
    countries`): after a definite article such a spelled-out number refers back.
    """
    line = content[line_start:line_end] if line_end - line_start <= _SHORT_LINE_CHARS else ""
    before = content[max(line_start, candidate.start - 40) : candidate.start]
    after = content[candidate.end : min(line_end, candidate.end + 20)]
    short_line = bool(line) and len(line.split()) <= 6 and not _VERBISH.search(line)
    if short_line and (_LABEL.match(line) or _COUNTER.match(line)):
        return "page furniture (a label or counter line)"
    if _PHONE.search(content[max(line_start, candidate.start - 25) : candidate.end]):
        return "a phone number"
    if (
        _LIST_NUMBER.match(content[line_start : candidate.end + 2])
        and candidate.start - line_start < 4
    ):
        return "list numbering"
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "an age"
    if not candidate.unit and candidate.value == candidate.value.to_integral_value():
        if (
            _NAME_AGE.search(before)
            and re.match(r"\s*[,)]", after)
            and 10 <= candidate.value <= 110
        ):
            return "an age after a name"
        return "a bare number: nothing is counted"
    words = lx.WORD.findall(before)
    if words and words[-1].casefold() in lx.DEMONSTRATIVES | lx.BOTH:
        return f"'{words[-1]} {candidate.text}' points back at things already named"
    spelled = not any(ch.isdigit() for ch in candidate.text)
    if spelled and unknown_unit and words and words[-1].casefold() in lx.DEFINITE_ARTICLES:
        return f"'{words[-1]} {candidate.text}' points back at things already named"
    return ""
