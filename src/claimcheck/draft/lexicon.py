"""The draft's word lists, read once from the CSV files shipped in `claimcheck/data/`.

Everything the draft knows about words is data: entity aliases
(`draft_entities.csv`), verb classes (`draft_verbs.csv`) and the nouns that
name what a sum of money or a percentage measures (`draft_values.csv`).
Adding a word is a one-line change to a file, never to the code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

WORD = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
"""A word as the draft reads it: letters with inner hyphens and apostrophes, or `U.S.`."""

SHORT_STEM = 5
"""German stems shorter than this match whole words only (`bip` must not match inside `Bipolar`)."""


def _rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of a shipped CSV file, `#` comment lines skipped."""
    text = files("claimcheck").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines)


@dataclass(frozen=True)
class VerbClass:
    """What is done with the counted things, and which way the action points."""

    name: str
    suffix: str
    role: str


@dataclass(frozen=True)
class WordTable:
    """Forms to a meaning: German stems found inside words, English words and phrases."""

    german_stems: dict[str, str]
    german_words: dict[str, str]
    english: dict[tuple[str, ...], str]
    longest_phrase: int
    _seen: dict[str, tuple[str, str] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def german(self, folded: str) -> tuple[str, str] | None:
        """The meaning of a German word and the stem that decided it (the longest), or None.

        Answers are remembered: news repeats its words, and each lookup tries every stem.
        """
        if folded in self._seen:
            return self._seen[folded]
        best: tuple[str, str] | None = None
        if folded in self.german_words:
            best = (self.german_words[folded], folded)
        else:
            for stem, meaning in self.german_stems.items():
                if stem in folded and (best is None or len(stem) > len(best[1])):
                    best = (meaning, stem)
        if len(self._seen) < 100_000:
            self._seen[folded] = best
        return best


def _table(rows: list[tuple[str, str, str]]) -> WordTable:
    """Build a WordTable from (meaning, lang, forms) rows."""
    stems: dict[str, str] = {}
    words: dict[str, str] = {}
    english: dict[tuple[str, ...], str] = {}
    for meaning, lang, forms in rows:
        if lang == "de":
            for form in forms.split():
                target = stems if len(form) >= SHORT_STEM else words
                target.setdefault(form.casefold(), meaning)
        else:
            separator = "|" if "|" in forms else None
            for form in forms.split(separator):
                key = tuple(w.casefold() for w in WORD.findall(form))
                if key:
                    english.setdefault(key, meaning)
    longest = max((len(k) for k in english), default=1)
    return WordTable(stems, words, english, longest)


@cache
def verb_classes() -> tuple[dict[str, VerbClass], WordTable]:
    """The verb classes by name, and the word table that finds them."""
    classes: dict[str, VerbClass] = {}
    rows: list[tuple[str, str, str]] = []
    for row in _rows("draft_verbs.csv"):
        classes[row["class"]] = VerbClass(row["class"], row["suffix"], row["role"])
        rows.append((row["class"], row["lang"], row["forms"]))
    return classes, _table(rows)


@dataclass(frozen=True)
class ValueNoun:
    """A noun that says what a sum or a percentage measures (`Bruttoinlandsprodukt` -> gdp)."""

    key: str
    unit: str
    role: str


@cache
def value_nouns() -> tuple[dict[str, ValueNoun], WordTable]:
    """The value nouns by key, and the word table that finds them."""
    nouns: dict[str, ValueNoun] = {}
    rows: list[tuple[str, str, str]] = []
    for row in _rows("draft_values.csv"):
        nouns[row["key"]] = ValueNoun(row["key"], row["unit"], row["role"])
        rows.append((row["key"], row["lang"], row["forms"]))
    return nouns, _table(rows)


@cache
def entity_aliases() -> tuple[tuple[str, str, str], ...]:
    """(form, key or ISO code, kind) rows of the shipped alias table."""
    return tuple((row["form"], row["key"], row["kind"]) for row in _rows("draft_entities.csv"))


DETERMINERS = frozenset(
    {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "the", "a", "an",
    }
)  # fmt: skip
"""Articles skipped when looking for the preposition before a name."""

DEMONSTRATIVES = frozenset(
    {
        "diese", "dieser", "diesen", "diesem", "dieses", "jene", "jener", "jenen",
        "these", "those", "such", "solche", "solchen",
    }
)  # fmt: skip
"""Words that point back to something already named (`diese Lieferungen`, `these shipments`)."""

DEFINITE_ARTICLES = frozenset({"the", "die", "der", "den", "dem", "des", "das"})
"""`the two countries`, `die zwei Staaten`."""

BOTH = frozenset({"beiden", "beide", "both"})
"""`die beiden Länder`, `both countries`: the pair named before."""

PREPOSITION_ROLES: dict[str, str] = {
    # the receiver of what is done
    "nach": "object", "an": "object", "ans": "object", "ins": "object", "zu": "other",
    "to": "object", "into": "object", "towards": "object",
    # the origin or the agent of a passive
    "von": "source", "vom": "source", "aus": "source", "from": "source", "by": "source",
    # neither side of the figure
    "gegen": "other", "against": "other", "in": "other", "im": "other", "bei": "other",
    "beim": "other", "at": "other", "mit": "other", "with": "other", "über": "other",
    "about": "other", "on": "other", "für": "other", "for": "other", "um": "other",
    "am": "other", "seit": "other", "since": "other", "wie": "other", "like": "other",
    "als": "other", "as": "other", "ohne": "other", "without": "other", "unter": "other",
    "among": "other", "near": "other", "nahe": "other", "gegenüber": "other",
    "of": "owner", "laut": "other", "zwischen": "pair", "between": "pair",
}  # fmt: skip
"""What a preposition before a name makes of it. `in die` (into) is handled on its own."""

COORDINATORS = frozenset({"und", "and", "sowie", "&"})
"""Words that join two names into a pair (`Russland und Nordkorea`)."""
