"""Who and to whom: the countries, people and organisations a sentence names, with their roles.

Country and territory names come from CLDR through Babel, in German and
English (`Locale('de').territories`), never from a hand-written list; each
gets one canonical key, the snake-cased English name (`KP` -> `North Korea`
-> `north_korea`). Adjectives are derived from those names by the regular
endings of each language (`Nordkorea` -> `nordkoreanisch`, `Russia` ->
`Russian`); the shipped alias table (`data/draft_entities.csv`) adds the
irregular ones (`chinesisch`), other names (`DVRK`, `the North`), capitals
standing for their state (`Pjöngjang`, `Kreml`), leaders and organisations.

A name's role comes from the word before it: `nach`, `an`, `to`, `into`,
`in die` mark the receiver (`object`); `von`, `aus`, `from`, `by` the origin
(`source`); `zwischen ... und`, `between ... and` and `X und Y` a pair; other
prepositions (`in`, `gegen`, `against`) neither side. A name with no
preposition is `unmarked` (the grammatical subject, or a direct object), an
adjective before a noun (`nordkoreanische Truppen`) or a genitive
(`Nordkoreas`, `Russia's`, `of Russia`) is an `owner`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from claimcheck.draft import lexicon as lx

DYAD_CHARS = 2_000
"""The part of a document whose names decide its main pair (headline, lead and first paragraphs)."""

_STATE_KINDS = frozenset({"state", "capital", "adjective"})
_GERMAN_ENDINGS = ("", "e", "en", "er", "es", "em")


def canonical_key(name: str) -> str:
    """A name as a claims-table key: ASCII, lower case, words joined by `_`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "_".join(w.casefold() for w in lx.WORD.findall(ascii_name.replace("'", "")))


def _lookup_form(text: str) -> str:
    """The form a name is looked up by: its first letter in lower case, the rest as written."""
    return text[:1].lower() + text[1:]


def _german_adjectives(name: str) -> dict[str, int]:
    """Adjective stems a German country name may have, with a rank (0 = the regular ending)."""
    n = name.casefold()
    found: dict[str, int] = {}

    def add(stem: str, rank: int) -> None:
        if stem not in found or found[stem] > rank:
            found[stem] = rank

    if n.endswith("land"):
        add(n[:-4] + "isch", 0)
    if n.endswith("ei"):
        add(n[:-2] + "isch", 0)
    elif n.endswith("a"):
        add(n + "nisch", 0)
        add(n[:-1] + "isch", 1)
    elif n.endswith("e"):
        add(n[:-1] + "isch", 0)
    elif n.endswith("ien"):
        add(n[:-3] + "isch", 0)
        add(n + "isch", 1)
    elif n.endswith("en"):
        add(n[:-2] + "isch", 1)
    add(n + "isch", 1)
    return found


def _english_adjectives(name: str) -> dict[str, int]:
    """Adjectives an English country name may have, with a rank (0 = the regular ending)."""
    found: dict[str, int] = {}

    def add(form: str, rank: int) -> None:
        if form not in found or found[form] > rank:
            found[form] = rank

    if name.endswith("a"):
        add(name + "n", 0)
    elif name.endswith("e"):
        add(name[:-1] + "ian", 0)
    elif name.endswith("y"):
        add(name[:-1] + "ian", 1)
    elif name.endswith("n"):
        add(name + "ese", 1)
        add(name + "ian", 1)
    else:
        add(name + "ian", 1)
        add(name + "i", 1)
    return found


@dataclass(frozen=True)
class Gazetteer:
    """Lookup forms (first letter lower-cased) to (key, kind); the longest form in words.

    `sizes` gives, for each form's first word, the most words a form starting with it has,
    and `first_words` those first words as looked up and capitalised: a word that starts
    no name costs one set lookup, one that does tries only the lengths that exist.
    """

    forms: dict[str, tuple[str, str]]
    genitives: frozenset[str]
    longest: int
    first_words: frozenset[str]
    sizes: dict[str, int]


@cache
def gazetteer() -> Gazetteer:
    """Every name the draft recognises, built once from CLDR and the alias table."""
    from babel import Locale

    english = Locale("en").territories
    german = Locale("de").territories
    code_keys = {code: canonical_key(name) for code, name in english.items() if code.isalpha()}
    forms: dict[str, tuple[str, str]] = {}
    genitives: set[str] = set()
    derived: dict[str, tuple[str, int] | None] = {}

    def derive(form: str, key: str, rank: int) -> None:
        if form not in derived:
            derived[form] = (key, rank)
            return
        previous = derived[form]
        if previous is not None and previous[0] != key:
            if previous[1] == rank:
                derived[form] = None  # two countries, one form: trust neither
            elif rank < previous[1]:
                derived[form] = (key, rank)

    for code, key in code_keys.items():
        for names, language in ((english, "en"), (german, "de")):
            name = names.get(code)
            if not name:
                continue
            forms.setdefault(_lookup_form(name), (key, "state"))
            if language == "de" and name[-1] not in "sxzß":
                genitive = _lookup_form(name + "s")
                if genitive not in forms:
                    forms[genitive] = (key, "state")
                    genitives.add(genitive)
            if language == "de" and (" " in name or "-" in name):
                continue
            if language == "de":
                for stem, rank in _german_adjectives(name).items():
                    for ending in _GERMAN_ENDINGS:
                        derive(stem + ending, key, rank)
            else:
                for adjective, rank in _english_adjectives(name).items():
                    derive(_lookup_form(adjective), key, rank)
    for form, choice in derived.items():
        if choice is not None:
            forms.setdefault(form, (choice[0], "adjective"))
    for form, key, kind in lx.entity_aliases():
        resolved = code_keys.get(key, key) if len(key) == 2 and key.isupper() else key
        variants = [form]
        if kind == "adjective" and form[:1].islower():
            variants = [form + ending for ending in _GERMAN_ENDINGS]
        for variant in variants:
            forms[_lookup_form(" ".join(lx.WORD.findall(variant)))] = (resolved, kind)
    longest = max(len(form.split(" ")) for form in forms)
    state_genitives = frozenset(genitives - {f for f, (_, k) in forms.items() if k != "state"})
    sizes: dict[str, int] = {}
    for form in forms:
        parts = form.split(" ")
        sizes[parts[0]] = max(sizes.get(parts[0], 0), len(parts))
    first_words = frozenset(set(sizes) | {head[:1].upper() + head[1:] for head in sizes})
    return Gazetteer(forms, state_genitives, longest, first_words, sizes)


@dataclass(frozen=True)
class Mention:
    """A name in a sentence: its key, kind, role and where it stands (word indices, offsets)."""

    key: str
    kind: str
    role: str
    first: int
    last: int
    start: int
    end: int
    genitive: bool
    prep: str = ""


@dataclass
class Words:
    """A sentence's words as parallel lists, with absolute offsets."""

    text: list[str]
    folded: list[str]
    start: list[int]
    end: list[int]


def words_of(content: str, start: int, end: int) -> Words:
    """The words of `content[start:end]`."""
    matches = list(lx.WORD.finditer(content, start, end))
    texts = [m.group() for m in matches]
    return Words(
        texts,
        [t.casefold() for t in texts],
        [m.start() for m in matches],
        [m.end() for m in matches],
    )


def _possessive(text: str) -> str | None:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return None


def mentions(content: str, words: Words) -> list[Mention]:
    """Every name among the words, longest match first, each with its role."""
    table = gazetteer()
    first_words = table.first_words
    found: list[Mention] = []
    i = 0
    count = len(words.text)
    while i < count:
        text = words.text[i]
        if text not in first_words and not (text.endswith("s") and ("'" in text or "’" in text)):
            i += 1
            continue
        match = _match_at(table, words, i)
        if match is None:
            i += 1
            continue
        key, kind, last, genitive = match
        role, prep = _role(content, words, i, kind, genitive, found)
        found.append(
            Mention(key, kind, role, i, last, words.start[i], words.end[last], genitive, prep)
        )
        i = last + 1
    return found


def _match_at(table: Gazetteer, words: Words, i: int) -> tuple[str, str, int, bool] | None:
    """The longest name starting at word i: (key, kind, last word, genitive), or None."""
    first = words.text[i]
    head = _lookup_form(first)
    bare_head = _possessive(first)
    most = max(table.sizes.get(head, 0), table.sizes.get(_lookup_form(bare_head or ""), 0))
    if not most:
        return None
    for size in range(min(most, len(words.text) - i), 0, -1):
        parts = words.text[i : i + size]
        if size > 1 and any(words.start[i + k + 1] - words.end[i + k] > 1 for k in range(size - 1)):
            continue
        candidate = _lookup_form(" ".join(parts))
        hit = table.forms.get(candidate)
        genitive = False
        if hit is None:
            bare = _possessive(parts[-1])
            if bare is None:
                continue
            hit = table.forms.get(_lookup_form(" ".join([*parts[:-1], bare])))
            genitive = True
        if hit is None:
            continue
        key, kind = hit
        if kind != "adjective" and not parts[0][:1].isupper():
            continue  # names are capitalised; only German adjectives may be lower case
        genitive = genitive or candidate in table.genitives
        return key, kind, i + size - 1, genitive
    return None


def _role(
    content: str,
    words: Words,
    first: int,
    kind: str,
    genitive: bool,
    before: list[Mention],
) -> tuple[str, str]:
    """The role of the name at words[first] (module docstring), and the preposition before it."""
    j = first - 1
    skipped_article = ""
    while j >= 0 and (words.folded[j] in lx.DETERMINERS or _is_adjective_word(words, j)):
        if words.folded[j] in lx.DETERMINERS and not skipped_article:
            skipped_article = words.folded[j]
        j -= 1
    if j >= 0 and _gap_is_space(content, words.end[j], words.start[j + 1]):
        word = words.folded[j]
        if word in lx.COORDINATORS and before and before[-1].last == j - 1:
            previous = before[-1]
            if previous.role in ("pair", "unmarked"):
                return "pair", ""
            return previous.role, previous.prep
        if word == "in" and skipped_article == "die":
            return "object", "in die"
        if word in lx.PREPOSITION_ROLES:
            return lx.PREPOSITION_ROLES[word], word
    if kind == "adjective" or genitive:
        return "owner", ""
    if skipped_article in ("dem", "der") and j == first - 2:
        return "dative", ""  # `hat der Ukraine ... zugesagt`: the receiver, or a genitive
    return "unmarked", ""


def _gap_is_space(content: str, end: int, start: int) -> bool:
    """Whether only spaces separate two words (a comma or colon ends a preposition's reach)."""
    return not content[end:start].strip()


def _is_adjective_word(words: Words, j: int) -> bool:
    """A lower-case word ending like a German or English attributive adjective."""
    word = words.text[j]
    if word in lx.PREPOSITION_ROLES:
        return False  # `zwischen` ends like an adjective
    return word.islower() and word.endswith(("ische", "ischen", "ischer", "isches", "ischem"))


def pair_partner(mentions_: list[Mention], index: int) -> Mention | None:
    """The other name of the pair the mention at `index` belongs to, if any."""
    mention = mentions_[index]
    if mention.role != "pair":
        return None
    for other in (*mentions_[index + 1 :], *reversed(mentions_[:index])):
        if other.role == "pair" and other.key != mention.key:
            return other
    return None


def document_dyad(content: str) -> tuple[str, str] | None:
    """The two states a document names most often in its first part, each at least twice.

    News on relations between two countries names both all the time; their
    pair lets a figure whose sentence names one side find the other.
    """
    counts: Counter[str] = Counter()
    head = content[:DYAD_CHARS]
    words = words_of(head, 0, len(head))
    for mention in mentions(head, words):
        if mention.kind in _STATE_KINDS:
            counts[mention.key] += 1
    top = [key for key, count in counts.most_common(2) if count >= 2]
    if len(top) < 2:
        return None
    return top[0], top[1]


def key_of(name: str) -> str | None:
    """The canonical key of a name as it would be written in a text, or None."""
    hit = gazetteer().forms.get(_lookup_form(" ".join(lx.WORD.findall(name))))
    return hit[0] if hit else None
