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

A high score alone cannot be searched for cheaply, and does not make two
names confusable either. Comparing all pairs of 100,000 names is 5·10⁹
comparisons, and no lossless filter on the ratio can be selective: a ratio
of 80 between names of 25 letters still allows ten inserted or deleted
letters, which can touch 20 of their 24 bigrams, so too little is sure to be
shared. A bigram prefix filter admitted 52 % of all pairs of the bench's
generated names as candidates (10,000 names took 12.8 s, and the cost grew
with the square of the count). And the score ranks as similar names that
share one whole word and nothing else (`dussai_zitsai`, `nouszai_zitsai`:
81): half their words differ, so they are two things.

So two names are suggested only when they could be confused word by word,
which is what a shared block key (`block_keys`) says:

- every word agrees in its first four letters, in any order (`shells` /
  `shell`, `shipped` / `shipments`, word order, typos after the fourth letter);
- every word agrees in its last four letters (typos at the start of words);
- in names of three or more words, all words but one agree in either way (a
  word added, dropped or replaced in a long name);
- the spelling without separators agrees in its first and last three letters
  (compounds and translations such as `north_korea` / `nordkorea`, typos in
  the middle).

Words shorter than four letters are their own prefix and suffix. Names are
indexed by their keys and only names sharing a key are scored: 199,654 pairs
of the 5·10⁹ among the bench's 100,000 names, which take 17 times as long
as 10,000 names, not a hundred times (docs/trust.md). The shared key is
part of the definition, not an approximation of an all-pairs search:
`similar_pairs_brute_force` applies it to all pairs, and a property test
checks that the index finds the same pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    import polars as pl

    from claimcheck.table import ClaimsTable

DEFAULT_THRESHOLD = 80.0
"""Least similarity (0-100) for a suggestion: `nordkorea`/`north_korea` scores 84."""

P = 4
"""Letters of a word's start or end that block keys compare: `shells`/`shell` share `shel`."""

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
    return _best(forms(left), forms(right), _similarity())


def _similarity() -> Callable[[str, str], float]:
    """rapidfuzz's Indel ratio, imported at the first score (10 ms a run otherwise).

    `compare` looks for near-duplicate keys in every table, and a small table
    usually has no two names to score at all.
    """
    from rapidfuzz.distance import Indel

    similarity: Callable[[str, str], float] = Indel.normalized_similarity
    return similarity


def _best(
    left: tuple[str, str], right: tuple[str, str], similarity: Callable[[str, str], float]
) -> float:
    """`score` of two names' `forms`, for callers that compute the forms once.

    Spelled out rather than a generator over the forms: this runs once per
    candidate pair, and the generator took 1.6 times as long (0.334 s against
    0.208 s for the bench's 199,654 candidates). Scaling the larger ratio
    gives the same float as the larger of the scaled ratios.
    """
    return (
        max(
            similarity(left[0], right[0]),
            similarity(left[1], right[1]),
        )
        * 100
    )


def forms(name: str) -> tuple[str, str]:
    """The two spellings scored: separators dropped, and words sorted."""
    words = [word for word in name.split("_") if word]
    return "".join(words), " ".join(sorted(words))


def meaning_differs(left: str, right: str) -> bool:
    """Whether the names differ by a number or by a direction word (never suggested)."""
    if sorted(_NUMBER.findall(left)) != sorted(_NUMBER.findall(right)):
        return True
    return _directions_differ(left, right)


def _directions_differ(left: str, right: str) -> bool:
    """`meaning_differs` of two names holding the same numbers."""
    # Only when both name a direction: `containers_to_russia` may be a spelling of
    # `containers_russia`, and `nordkorea` holds no separate word `nord`.
    # Most names name none, so the second name is read only when the first names one.
    mine = _directions(left)
    if not mine:
        return False
    theirs = _directions(right)
    return bool(theirs) and sorted(mine) != sorted(theirs)


def _directions(name: str) -> list[str]:
    """The direction class of each direction word in a name: a multiset, compared sorted."""
    return [
        _DIRECTIONS[word] for word in _WORD.findall(name.replace("_", " ")) if word in _DIRECTIONS
    ]


def block_keys(name: str) -> frozenset[str]:
    """The keys two names must share to be compared at all (module docstring).

    A key is a kind (`<` starts of words, `>` ends of words, `J` ends of the
    joined spelling) and its parts joined by `_`, which no part holds:
    `<arti_shel` for `shells_artillery`. A long name's keys with one word
    left out meet a shorter name's full keys. Strings rather than tuples:
    tuples cost more to build and the garbage collector walks them; with
    them the index of the bench's 100,000 names took 1.38-1.68 s against
    0.81-0.84 s.
    """
    starts, ends, joined = _key_parts(name)
    keys = {"<" + "_".join(starts), ">" + "_".join(ends), joined}
    if len(starts) >= 3:
        for i in range(len(starts)):
            keys.add("<" + "_".join(starts[:i] + starts[i + 1 :]))
            keys.add(">" + "_".join(ends[:i] + ends[i + 1 :]))
    return frozenset(keys)


def _key_parts(name: str) -> tuple[list[str], list[str], str]:
    """What a name's block keys are made of: its words' starts and ends, each sorted, and
    its joined spelling's key (`J` and its ends)."""
    words = [word for word in name.split("_") if word]
    joined = "".join(words)
    return (sorted(word[:P] for word in words), sorted(word[-P:] for word in words),
            f"J{joined[:3]}_{joined[-3:]}")  # fmt: skip


def shares_block_key(left: str, right: str) -> bool:
    """Whether `block_keys(left) & block_keys(right)` holds a key, its cheapest keys first.

    Two spellings of a name usually share the sorted starts or ends of all their
    words, or the joined spelling's ends: those three keys are compared before
    any with a word left out is made. The 7,219 pairs of spellings of the varied
    bench table all share one of them.
    """
    # Equal parts make equal keys: no part holds the `_` that joins them.
    parts = zip(_key_parts(left), _key_parts(right), strict=True)
    if any(mine == theirs for mine, theirs in parts):
        return True
    return bool(block_keys(left) & block_keys(right))


def similar_pairs(
    names: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> set[tuple[str, str]]:
    """Every unordered pair (sorted) of distinct names that is suggested.

    A pair is suggested when the names share a block key, score at least
    `threshold` and do not differ in meaning. Only pairs sharing a key
    (`candidate_pairs`) are scored.
    """
    return {(left, right) for left, right, _ in scored_pairs(names, threshold)}


def scored_pairs(
    names: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[str, str, float]]:
    """`similar_pairs`, each with its `score` (near-duplicate keys name it), in no set order."""
    unique = sorted(set(names))
    shapes = [forms(name) for name in unique]
    found: list[tuple[str, str, float]] = []
    candidates = candidate_pairs(unique)
    if not candidates:
        return found
    similarity = _similarity()
    # Candidates hold the same numbers (`candidate_pairs`): only their directions may differ.
    for i, j in candidates:
        left, right = unique[i], unique[j]
        points = _best(shapes[i], shapes[j], similarity)
        if points >= threshold and not _directions_differ(left, right):
            found.append((left, right, points))
    return found


def candidate_pairs(unique: Sequence[str]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of distinct names that share a block key and their numbers.

    Names holding different numbers are never suggested (`meaning_differs`),
    so the numbers are part of each indexed key: a vocabulary of `item_1` ...
    `item_100000` has no candidates at all, where its joined-spelling keys
    alone (`Jite_001`) would pair up a hundred names each. Most keys belong to
    one name only, so a key's first name is kept apart and a list is made
    only for a key's second name on.
    """
    if len(unique) == 2:
        # The usual group of near-duplicate keys: two spellings, one question, no index.
        left, right = unique
        shared = sorted(_NUMBER.findall(left)) == sorted(_NUMBER.findall(right))
        return {(0, 1)} if shared and shares_block_key(left, right) else set()
    first: dict[str, int] = {}
    more: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(unique):
        numbers = " ".join(sorted(_NUMBER.findall(name)))
        for key in block_keys(name):
            # Numbers start with a digit and keys with `<`, `>` or `J`: entries never collide.
            indexed = f"{numbers} {key}"
            if first.setdefault(indexed, i) != i:
                more[indexed].append(i)
    pairs: set[tuple[int, int]] = set()
    for indexed, rest in more.items():
        pairs.update(combinations([first[indexed], *rest], 2))
    return pairs


def similar_pairs_brute_force(
    names: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> set[tuple[str, str]]:
    """The same pairs as `similar_pairs`, by comparing all of them (for tests only)."""
    unique = sorted(set(names))
    return {
        (left, right)
        for i, left in enumerate(unique)
        for right in unique[i + 1 :]
        if score(left, right) >= threshold
        and not meaning_differs(left, right)
        and block_keys(left) & block_keys(right)
    }


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
