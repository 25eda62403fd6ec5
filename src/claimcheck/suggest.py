"""Near-duplicate names: the table's vocabulary and candidate aliases for a person to accept.

Two spellings of one thing (`north_korea`, `nordkorea`) split one quantity
in two, and the contradiction between them is never compared. This module
lists every key (`key_summary`) and finds pairs of names within a field that
are probably one thing (`suggest_aliases`).

Similarity is rapidfuzz's normalized Indel ratio (0-100), taken as the best
of two forms of each name: with separators dropped (`northkorea`, so a
compound matches its spaced form) and with its words sorted
(`shells artillery` = `artillery shells`). A pair is never suggested when
the names differ by a number (`shells_152mm`/`shells_122mm`) or by a
direction word (`exports`/`imports`, `to`/`from`): those differences are
meaning, not spelling.

Comparing all pairs of 100,000 names is 5·10⁹ comparisons. Instead each form
is blocked with a lossless q-gram prefix filter: two strings whose ratio
reaches the threshold are within a bounded Indel distance, so they share a
computable least number of bigrams (the q-gram count lemma); with bigrams
ordered rarest first, two such strings must share one of their first few
bigrams. Only names sharing an indexed bigram, within the admissible length
window, are scored. Names too short for the lemma to bound anything are
compared with every name in their length window. The result equals the
brute-force comparison (`similar_pairs_brute_force`, used by the property test).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Indel

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.table import ClaimsTable

DEFAULT_THRESHOLD = 80.0
"""Least similarity (0-100) for a suggestion: `nordkorea`/`north_korea` scores 84."""

Q = 2
"""Bigrams: short names still have enough of them for the count filter to bite."""

SUGGEST_COLUMNS = (
    "field", "alias", "canonical", "score", "alias_claims", "canonical_claims", "claim_ids",
)  # fmt: skip
"""`keys --suggest` output: the first three columns are an aliases.csv row."""

KEY_COLUMNS = ("subject", "metric", "object", "period", "claims", "sources", "units")

_DIRECTIONS = {
    "export": "export", "exports": "export", "exported": "export", "exporte": "export",
    "ausfuhr": "export", "ausfuhren": "export",
    "import": "import", "imports": "import", "imported": "import", "importe": "import",
    "einfuhr": "import", "einfuhren": "import",
    "to": "to", "nach": "to", "into": "to", "from": "from", "von": "from", "aus": "from",
    "in": "in", "inbound": "in", "incoming": "in",
    "out": "out", "outbound": "out", "outgoing": "out",
    "sent": "sent", "send": "sent", "received": "received", "receive": "received",
    "buy": "buy", "bought": "buy", "purchases": "buy", "sell": "sell", "sold": "sell",
    "sales": "sell", "north": "north", "nord": "north", "south": "south", "sud": "south",
    "süd": "south", "east": "east", "ost": "east", "west": "west",
    "min": "min", "minimum": "min", "max": "max", "maximum": "max",
    "increase": "up", "decrease": "down", "up": "up", "down": "down",
    "before": "before", "after": "after", "pre": "before", "post": "after",
}  # fmt: skip
"""Words whose change flips meaning, mapped to one class per direction."""

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True, order=True)
class Suggestion:
    """Two names of one field that are probably one thing; `alias` -> `canonical`."""

    field: str
    alias: str
    canonical: str
    score: float


def score(left: str, right: str) -> float:
    """The token-aware similarity of two normalized names, 0-100."""
    return max(
        Indel.normalized_similarity(a, b) * 100
        for a, b in zip(forms(left), forms(right), strict=True)
    )


def forms(name: str) -> tuple[str, str]:
    """The two spellings scored: separators dropped, and words sorted."""
    words = [word for word in name.split("_") if word]
    return "".join(words), " ".join(sorted(words))


def meaning_differs(left: str, right: str) -> bool:
    """Whether the names differ by a number or by a direction word (never suggested)."""
    if sorted(_NUMBER.findall(left)) != sorted(_NUMBER.findall(right)):
        return True
    # Only when both name a direction: `containers_to_russia` may be a spelling of
    # `containers_russia`, and `nordkorea` holds no separate word `nord`.
    mine, theirs = _directions(left), _directions(right)
    return bool(mine) and bool(theirs) and mine != theirs


def _directions(name: str) -> Counter[str]:
    return Counter(
        _DIRECTIONS[word] for word in _WORD.findall(name.replace("_", " ")) if word in _DIRECTIONS
    )


def similar_pairs(
    names: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> set[tuple[str, str]]:
    """Every unordered pair (sorted) of distinct names scoring at least `threshold`.

    Blocked: each form is searched with the prefix filter, candidates are
    scored, meaning-changing pairs dropped.
    """
    unique = sorted(set(names))
    found: set[tuple[str, str]] = set()
    for index in range(2):
        strings = [forms(name)[index] for name in unique]
        for i, partners in _candidates(strings, threshold):
            # One C++ call per string scores all its candidates on this form; its
            # cutoff is loosened by a point because rapidfuzz rounds it to an edit
            # distance, and the exact score below decides.
            choices = [strings[j] for j in partners]
            hits = process.extract(strings[i], choices, scorer=Indel.normalized_similarity,
                                   score_cutoff=threshold / 100 - 0.01, limit=None)  # fmt: skip
            for _, _, position in hits:
                left, right = sorted((unique[i], unique[partners[position]]))
                if score(left, right) >= threshold and not meaning_differs(left, right):
                    found.add((left, right))
    return found


def similar_pairs_brute_force(
    names: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> set[tuple[str, str]]:
    """The same pairs as `similar_pairs`, by comparing all of them (for tests only)."""
    unique = sorted(set(names))
    return {
        (left, right)
        for i, left in enumerate(unique)
        for right in unique[i + 1 :]
        if score(left, right) >= threshold and not meaning_differs(left, right)
    }


def _max_distance(la: int, lb: int, threshold: float) -> int:
    """The largest Indel distance at which two lengths can still reach the threshold.

    ratio = 1 - d/(la+lb), so d <= (1 - t)(la+lb); rounded up by a hair so that
    floating point never makes the filter lose a pair.
    """
    return math.floor((1 - threshold / 100) * (la + lb) + 1e-6)


def _length_window(length: int, threshold: float) -> tuple[int, int]:
    """Partner lengths that can reach the threshold: ratio <= 2·min/(la+lb)."""
    t = threshold / 100
    if t <= 0:
        return 0, 1 << 30
    low = math.ceil(length * t / (2 - t) - 1e-6)
    high = math.floor(length * (2 - t) / t + 1e-6)
    return low, high


def _least_shared(length: int, threshold: float) -> int:
    """The fewest bigrams a string of `length` shares with any partner that can match it.

    Within Levenshtein distance k, strings share at least
    max(la, lb) - q + 1 - k·q q-grams (counted with multiplicity); an Indel
    distance d is at most d Levenshtein edits. The bound is minimized over
    the admissible partner lengths.
    """
    low, high = _length_window(length, threshold)
    least = 1 << 30
    for other in range(max(low, 0), high + 1):
        k = _max_distance(length, other, threshold)
        least = min(least, max(length, other) - Q + 1 - k * Q)
    return least


def _grams(text: str) -> list[tuple[str, int]]:
    """The string's bigrams as a set: the i-th repeat of a bigram is its own element."""
    seen: Counter[str] = Counter()
    grams = []
    for i in range(len(text) - Q + 1):
        gram = text[i : i + Q]
        grams.append((gram, seen[gram]))
        seen[gram] += 1
    return grams


def _candidates(strings: Sequence[str], threshold: float) -> Iterator[tuple[int, list[int]]]:
    """Each string with the strings it may reach the threshold with (a superset).

    Candidates are yielded per string rather than collected, so memory stays
    at the index's size however many candidates there are.
    """
    grams = [_grams(text) for text in strings]
    frequency: Counter[tuple[str, int]] = Counter(g for row in grams for g in row)
    lengths = [len(text) for text in strings]
    order = sorted(range(len(strings)), key=lambda i: lengths[i])
    sorted_lengths = [lengths[i] for i in order]
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    prefixes: list[list[tuple[str, int]]] = []
    short: list[int] = []
    least_cache: dict[int, int] = {}
    for i, row in enumerate(grams):
        length = lengths[i]
        if length not in least_cache:
            least_cache[length] = _least_shared(length, threshold)
        least = least_cache[length]
        if least <= 0:
            short.append(i)
            prefixes.append([])
            continue
        row.sort(key=lambda g: (frequency[g], g))
        prefix = row[: len(row) - least + 1]
        prefixes.append(prefix)
        for gram in prefix:
            index[gram].append(i)
    for i, prefix in enumerate(prefixes):
        low, high = _length_window(lengths[i], threshold)
        partners = {
            j for gram in prefix for j in index[gram] if j > i and low <= lengths[j] <= high
        }
        if partners:
            yield i, sorted(partners)
    for i in short:
        low, high = _length_window(lengths[i], threshold)
        start = bisect.bisect_left(sorted_lengths, low)
        stop = bisect.bisect_right(sorted_lengths, high)
        yield i, [j for j in order[start:stop] if j != i]


def key_summary(table: ClaimsTable) -> pl.DataFrame:
    """Every distinct quantity key with its claim count, sources and units (KEY_COLUMNS)."""
    import polars as pl

    keys = ["subject_key", "metric_key", "object_key", "period_key"]
    return (
        table.claims.group_by(keys)
        .agg(
            pl.len().alias("claims"),
            pl.col("source_id").unique().sort().str.join(" ").alias("sources"),
            pl.col("unit").unique().sort().str.join(" ").alias("units"),
        )
        .rename(dict(zip(keys, KEY_COLUMNS[:4], strict=True)))
        .sort(list(KEY_COLUMNS[:4]))
        .select(KEY_COLUMNS)
    )


@dataclass(frozen=True)
class AliasCandidate:
    """A suggestion with the claims behind each name, ready to write as a CSV row."""

    suggestion: Suggestion
    alias_claims: int
    canonical_claims: int
    claim_ids: tuple[str, ...]

    def row(self) -> tuple[str, str, str, str, int, int, str]:
        s = self.suggestion
        return (s.field, s.alias, s.canonical, f"{s.score:.1f}", self.alias_claims,
                self.canonical_claims, " ".join(self.claim_ids))  # fmt: skip


def suggest_aliases(
    table: ClaimsTable,
    threshold: float = DEFAULT_THRESHOLD,
    fields: Iterable[str] = ("subject", "metric", "object"),
) -> list[AliasCandidate]:
    """Near-duplicate names per field; the name with fewer claims is proposed as the alias."""
    claims: dict[str, dict[str, list[str]]] = {}
    for field_name in fields:
        rows = table.claims.select(f"{field_name}_key", "claim_id").iter_rows()
        by_name: dict[str, list[str]] = defaultdict(list)
        for name, claim_id in rows:
            if name:
                by_name[name].append(claim_id)
        claims[field_name] = by_name
    return candidates_from(claims, threshold)


def candidates_from(
    claims: Mapping[str, Mapping[str, Sequence[str]]], threshold: float = DEFAULT_THRESHOLD
) -> list[AliasCandidate]:
    """Suggestions from field -> name -> claim ids, sorted by field, then score (best first)."""
    found: list[AliasCandidate] = []
    for field_name, by_name in claims.items():
        for left, right in similar_pairs(list(by_name), threshold):
            # The better attested name is canonical: more claims, then ASCII (the
            # table's own convention), then more words spelled out, then first.
            canonical, alias = sorted(
                (left, right),
                key=lambda n: (-len(by_name[n]), not n.isascii(), -n.count("_"), n),
            )
            found.append(
                AliasCandidate(
                    Suggestion(field_name, alias, canonical, round(score(left, right), 1)),
                    len(by_name[alias]),
                    len(by_name[canonical]),
                    tuple(sorted({*by_name[alias], *by_name[canonical]})),
                )
            )
    found.sort(key=lambda c: (c.suggestion.field, -c.suggestion.score, c.suggestion.alias))
    return found
