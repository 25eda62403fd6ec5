"""Who a figure is attributed to: the speaker a sentence names for it.

Three shapes cover most news prose, in both languages:

- a speaker before a speech verb at the sentence start: `Amerikanische
  Beamte behaupten, ...`, `The State Department said on Monday that ...`;
- a speaker after the figure, at the sentence end: `..., berichteten Medien.`,
  `..., the ministry said.`, `..., said Kim.`;
- a preposition: `laut WSJ`, `according to Yonhap`, `Experten zufolge`,
  `nach Angaben des Ministeriums`.

The speaker is kept as written. Its words are no candidate for the figure's
subject or object: in `Südkorea schätzt, dass ... nach Nordkorea geschickt
wurden`, South Korea speaks and is neither side of the shipment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.draft.entities import Words

SPEECH_VERBS = frozenset(
    {
        "sagte", "sagten", "sagt", "sagen", "erklärte", "erklärten", "erklärt", "erklären",
        "behauptet", "behaupten", "behauptete", "behaupteten", "berichtete", "berichteten",
        "berichtet", "berichten", "betonte", "betonten", "betont", "betonen", "schätzt",
        "schätzen", "schätzte", "schätzten", "meldete", "meldeten", "meldet", "melden",
        "warnte", "warnten", "warnt", "teilte", "teilten", "schrieb",
        "schreibt", "zitierte", "bestätigte", "bestätigten", "vermutet", "vermuten",
        "said", "says", "say", "told", "stated", "claimed", "claims",
        "estimated", "estimates", "reported", "reports",
        "announced", "added", "noted", "warned", "believes", "believe", "wrote",
        "confirmed", "assessed", "assesses", "calculated", "calculates",
    }
)  # fmt: skip
"""Verbs that introduce what someone says or estimates."""

AUXILIARIES = frozenset(
    {
        "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "sei",
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    }
)  # fmt: skip
"""Before an estimate verb these make it passive (`is estimated at`): no speaker then."""

PREPOSITIONS: dict[tuple[str, ...], int] = {
    ("laut",): 1,
    ("according", "to"): 2,
    ("citing",): 1,
    ("nach", "angaben"): 2,
}
"""Phrases followed by the speaker."""

POSTPOSITIONS = frozenset({"zufolge"})
"""Words preceded by the speaker (`Experten zufolge`)."""

_MAX_SPEAKER_WORDS = 8
_TAIL = re.compile(r"(?:\s+(?:am|on|at)\s+\w+)?(?:\s+(?:mit|an))?\s*$")
"""Not part of a speaker: a time (`am Dienstag`), a verb particle (`teilte ... mit`)."""
PRONOUNS = frozenset(
    {"es", "er", "sie", "wir", "ich", "man", "it", "he", "she", "they", "we", "i", "this", "dies"}
)
"""A pronoun names no speaker a reader could check."""
_LINKING = frozenset(
    {
        "der", "die", "das", "den", "dem", "des", "the", "of", "von", "vom", "für",
        "for", "and", "und", "in", "im",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Attribution:
    """The speaker as written, and the word range the speaker and verb occupy."""

    speaker: str
    first: int
    last: int
    why: str


def attribution(
    content: str, words: Words, figure_first: int, figure_last: int
) -> Attribution | None:
    """The speaker of the figure at words[figure_first..figure_last], or None.

    `figure_first`/`figure_last` are word indices of the figure; a speaker is
    only accepted on the other side of the speech verb, so the figure itself
    is never read as a speaker.
    """
    found = (
        _preposition(content, words, figure_first, figure_last)
        or _leading(content, words, figure_first)
        or _trailing(content, words, figure_last)
    )
    if found is None or found.speaker.casefold() in PRONOUNS:
        return None
    speaker = _TAIL.sub("", found.speaker)
    return Attribution(speaker, found.first, found.last, found.why) if speaker else None


def _text(content: str, words: Words, first: int, last: int) -> str:
    return content[words.start[first] : words.end[last]]


def _leading(content: str, words: Words, figure_first: int) -> Attribution | None:
    limit = min(figure_first, _MAX_SPEAKER_WORDS + 1, len(words.folded))
    for verb in range(1, limit):
        if words.folded[verb] not in SPEECH_VERBS:
            continue
        if words.folded[verb - 1] in AUXILIARIES:
            return None
        between = content[words.start[0] : words.start[verb]]
        if any(mark in between for mark in ",;:"):
            return None
        if not any(w[:1].isupper() for w in words.text[:verb]):
            return None
        return Attribution(
            _text(content, words, 0, verb - 1), 0, verb, f"speaker before '{words.text[verb]}'"
        )
    return None


def _trailing(content: str, words: Words, figure_last: int) -> Attribution | None:
    count = len(words.folded)
    for verb in range(count - 1, figure_last, -1):
        if words.folded[verb] not in SPEECH_VERBS:
            continue
        gap = content[words.end[verb - 1] : words.start[verb]]
        tail = content[words.end[verb] : words.end[-1]]
        if verb < count - 1 and "," in gap:
            # German inversion and English `said X`: `..., berichteten Medien.`
            if words.folded[verb + 1] in ("that", "dass"):
                continue
            last = verb + 1
            while last + 1 < count and "," not in content[words.end[last] : words.start[last + 1]]:
                last += 1
            if "," in tail and last - verb > _MAX_SPEAKER_WORDS // 2:
                continue
            return Attribution(
                _text(content, words, verb + 1, last),
                verb,
                last,
                f"speaker after '{words.text[verb]}'",
            )
        upto = verb + 1
        while upto < count and "," not in content[words.end[upto - 1] : words.start[upto]]:
            upto += 1
        if upto - verb - 1 <= 2 and words.folded[verb - 1] not in AUXILIARIES:
            # English `..., the ministry said.` and `..., Minister X told reporters.`
            first = verb - 1
            while (
                first > figure_last + 1
                and "," not in content[words.end[first - 1] : words.start[first]]
            ):
                first -= 1
            if first > figure_last and "," in content[words.end[first - 1] : words.start[first]]:
                return Attribution(
                    _text(content, words, first, verb - 1),
                    first,
                    count - 1,
                    f"speaker before '{words.text[verb]}'",
                )
    return None


def _preposition(
    content: str, words: Words, figure_first: int, figure_last: int
) -> Attribution | None:
    count = len(words.folded)
    for i in range(count):
        for phrase, size in PREPOSITIONS.items():
            if tuple(words.folded[i : i + size]) != phrase:
                continue
            first = i + size
            if first < count and words.folded[first] in ("von", "des", "der"):
                first += 1
            last = _speaker_end(content, words, first, count)
            if last < first or first <= figure_first <= last:
                continue
            return Attribution(_text(content, words, first, last), i, last, f"'{' '.join(phrase)}'")
        if words.folded[i] in POSTPOSITIONS and i > 0:
            last = i - 1
            first = last
            while (
                first > 0
                and first - 1 > figure_last
                and (words.text[first - 1][:1].isupper() or words.folded[first - 1] in _LINKING)
            ):
                first -= 1
            if words.folded[first] in _LINKING and first < last:
                first += 1
            return Attribution(_text(content, words, first, last), first, i, "'zufolge'")
    return None


def _speaker_end(content: str, words: Words, first: int, count: int) -> int:
    """The last word of a speaker that starts at `first`: up to a comma or the sentence end."""
    last = first
    while last + 1 < count and last - first + 1 < _MAX_SPEAKER_WORDS:
        if any(mark in content[words.end[last] : words.start[last + 1]] for mark in ",;:()"):
            break
        last += 1
    return last if first < count else first - 1
