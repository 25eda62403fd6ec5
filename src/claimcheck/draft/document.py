"""One document's draft claims: every figure `extract` finds, with its cells decided from the text.

The cells come from the figure's own sentence first. What it leaves open is
taken, in this order and each time said in the note with a lower confidence:

1. from the nearest earlier sentence (at most `LOOKBACK` back) when the
   sentence points back (`diese Lieferungen`, `these shipments`), or names no
   one and its metric has a direction (a delivery, not a death toll): who
   and to whom, and with a pointer also the period;
2. from the document's main pair of states (`entities.document_dyad`) when
   one side of a directed figure is known and belongs to the pair: the
   other side is the pair's other state;
3. from the document's other figures of the same metric, when they agree on
   one subject and object and this figure names neither;
4. otherwise a placeholder `unresolved-<digest>` that matches no other claim,
   so an unresolved figure is never compared until a person names it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

from claimcheck.draft import entities as en
from claimcheck.draft import lexicon as lx
from claimcheck.draft.attribution import Attribution, attribution
from claimcheck.draft.furniture import not_a_claim
from claimcheck.draft.ids import claim_ids, digest
from claimcheck.draft.metrics import Metric, count_metric, find_value_noun, find_verb_class
from claimcheck.draft.modality import modality
from claimcheck.draft.periods import DocDate, TimeSpan, nearest, time_expressions
from claimcheck.extract import Candidate, extract_text, plain
from claimcheck.extract.sentences import split_sentences

LOOKBACK = 6
"""How many sentences back a figure's missing who, to whom and what may come from."""

SCALE_NAMES = {
    Decimal(10) ** 3: "thousand",
    Decimal(10) ** 6: "million",
    Decimal(10) ** 9: "billion",
    Decimal(10) ** 12: "trillion",
}
"""Scale factors to the registry's short-scale words (`5,5 Milliarden` -> 5.5 billion)."""

_DIRECTED = frozenset({"directional", "flip", "symmetric", "target"})
_TARGET_PREPOSITIONS = frozenset({"at", "on", "against", "gegen", "auf"})
"""What an attack or launch is aimed at (`missiles at Ukraine`, `Drohnen gegen die Ukraine`)."""
_PLACE_PREPOSITIONS = frozenset({"in", "im"})
"""Where an economy's figure is measured (`Inflation in Russland`)."""


@dataclass
class Row:
    """One drafted claim's cells, and how sure each inference is."""

    cells: dict[str, str]
    notes: list[str] = field(default_factory=list)
    confidence: float = 1.0
    metric_known: bool = True
    role: str = "none"

    def infer(self, column: str, value: str, confidence: float, why: str) -> None:
        self.cells[column] = value
        self.confidence = min(self.confidence, confidence)
        if why:
            self.notes.append(
                f"{column} {value or '(empty)'}: {why}" if value else f"{column}: {why}"
            )


@dataclass
class _Sentence:
    """What one sentence says, computed once and reused by later sentences that look back."""

    start: int
    end: int
    words: en.Words
    mentions: list[en.Mention]
    _times: list[TimeSpan] | None = None


@dataclass
class _Sides:
    subject: str = ""
    object: str = ""
    subject_why: str = ""
    object_why: str = ""
    subject_confidence: float = 0.0
    object_confidence: float = 0.0
    pair: tuple[str, str] | None = None


class DocumentDrafter:
    """Drafts the claims of one document (see the module docstring for the order of inference)."""

    def __init__(self, text: str, source_id: str, lang: str, published: DocDate | None) -> None:
        self.text = text
        self.source_id = source_id
        self.lang = lang
        self.published = published
        self.spans = split_sentences(text)
        self.starts = [start for start, _ in self.spans]
        self._sentences: dict[int, _Sentence] = {}
        self._dyad: tuple[str, str] | bool | None = False

    def sentence(self, index: int) -> _Sentence:
        if index not in self._sentences:
            start, end = self.spans[index]
            words = en.words_of(self.text, start, end)
            found = _with_actor_adjectives(words, en.mentions(self.text, words))
            self._sentences[index] = _Sentence(start, end, words, found)
        return self._sentences[index]

    def times(self, sentence: _Sentence) -> list[TimeSpan]:
        """The sentence's time expressions, found on first use (most sentences never need them)."""
        if sentence._times is None:
            sentence._times = time_expressions(
                self.text, sentence.start, sentence.end, self.published
            )
        return sentence._times

    def dyad(self) -> tuple[str, str] | None:
        if self._dyad is False:
            self._dyad = en.document_dyad(self.text)
        return self._dyad if isinstance(self._dyad, tuple) else None

    def draft(self, keep_all: bool) -> list[Row]:
        candidates = extract_text(self.text, self.source_id, self.lang, self.spans)
        by_sentence: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            index = bisect.bisect_right(self.starts, candidate.start) - 1
            by_sentence.setdefault(index, []).append(candidate)
        rows: list[Row] = []
        keys: list[tuple[str, str]] = []
        title_end = _title_end(self.text)
        body = {(c.value, c.unit) for c in candidates if c.start >= title_end}
        for index, found in by_sentence.items():
            sentence = self.sentence(index)
            spans = [(c.start, c.end) for c in found]
            assigned = nearest(self.times(sentence), spans)
            for position, candidate in enumerate(found):
                reason = self._furniture(candidate)
                if (
                    not reason
                    and candidate.end <= title_end
                    and (candidate.value, candidate.unit) in body
                ):
                    reason = "the headline repeats a figure the article states"
                if reason and not keep_all:
                    continue
                row = self._row(index, sentence, candidate, assigned.get(position), reason)
                rows.append(row)
                keys.append((candidate.sentence, candidate.text))
        for row, claim_id in zip(rows, claim_ids(self.source_id, keys), strict=True):
            row.cells["claim_id"] = claim_id
        _adopt_within_document(rows)
        for row in rows:
            _fill_placeholders(row)
        return rows

    def _furniture(self, candidate: Candidate) -> str:
        line_start = self.text.rfind("\n", 0, candidate.start) + 1
        line_end = self.text.find("\n", candidate.end)
        end = len(self.text) if line_end < 0 else line_end
        unknown = _unit_kind(candidate.unit) == "unknown"
        return not_a_claim(candidate, self.text, line_start, end, unknown)

    def _row(
        self,
        index: int,
        sentence: _Sentence,
        candidate: Candidate,
        time: TimeSpan | None,
        reason: str,
    ) -> Row:
        words = sentence.words
        first = bisect.bisect_left(words.start, candidate.start)
        last = max(first, bisect.bisect_left(words.end, candidate.end))
        last = min(last, len(words.text) - 1)
        speaker = attribution(self.text, words, first, last)
        value, value_high, unit = _scaled(candidate, self.lang)
        row = Row(
            {
                "claim_id": "", "source_id": self.source_id, "subject": "", "metric": "",
                "object": "", "period": "", "value": value, "value_high": value_high,
                "unit": unit, "qualifier": candidate.qualifier, "modality": "asserted",
                "attributed_to": "", "as_of": "", "quote": candidate.sentence, "note": "",
            }
        )  # fmt: skip
        if reason:
            row.notes.append(f"not a claim: {reason}")
            row.confidence = 0.0
        lo, hi = _claim_range(self.text, sentence, speaker)
        metric, antecedent = self._metric(index, sentence, candidate, first, last, lo, hi)
        if metric is None:
            row.metric_known = False
            row.infer("metric", "", 0.1, "no counted noun or value noun found")
        else:
            row.infer("metric", metric.key, metric.confidence, metric.why)
            if metric.unit and row.cells["unit"].endswith("dimensionless"):
                row.cells["unit"] = row.cells["unit"].replace("dimensionless", metric.unit)
        role = metric.role if metric else "none"
        if role == "directional":
            verb = find_verb_class(words, lo, hi, first)
            if verb is not None and verb[0].role == "flip":
                role = "flip"  # `Ukraine has received $100 billion in aid from ...`
        row.role = role
        self._sides(index, sentence, row, role, lo, hi, antecedent)
        self._period(index, sentence, row, time)
        if speaker is not None:
            row.infer("attributed_to", speaker.speaker, 0.8, speaker.why)
        mode, word = modality(words.folded)
        if mode != "asserted":
            row.infer("modality", mode, 0.9, f"'{word}'")
        else:
            row.cells["modality"] = mode
        if candidate.note:
            row.notes.append(candidate.note)
        return row

    def _metric(
        self,
        index: int,
        sentence: _Sentence,
        candidate: Candidate,
        first: int,
        last: int,
        lo: int,
        hi: int,
    ) -> tuple[Metric | None, int | None]:
        """The figure's metric, and the earlier sentence it came from (None: its own)."""
        words = sentence.words
        kind = _unit_kind(candidate.unit)
        if kind in ("money", "percent"):
            found = find_value_noun(words, 0, len(words.text), first, kind)
            if found is not None:
                value_noun, word = found
                return Metric(value_noun.key, value_noun.role, 0.85, f"value noun '{word}'"), None
            lookback = LOOKBACK if kind == "money" else 0  # a share needs its own noun
            for back in range(index - 1, max(-1, index - 1 - lookback), -1):
                earlier = self.sentence(back).words
                found = find_value_noun(earlier, 0, len(earlier.text), len(earlier.text), kind)
                if found is not None:
                    value_noun, word = found
                    why = f"value noun '{word}' of an earlier sentence"
                    return Metric(value_noun.key, value_noun.role, 0.5, why), back
            return None, None
        if kind == "count":
            noun = _counted_word(words.text[last], candidate.unit, self.lang)
            after = ""
            if last + 1 < len(words.text) and words.start[last + 1] - words.end[last] <= 1:
                nxt = last + 1
                if words.folded[nxt] in ("of", "an", "von") and nxt + 1 < len(words.text):
                    nxt += 1
                after = words.text[nxt]
            return count_metric(candidate.unit, noun, words, lo, hi, first, after), None
        if candidate.unit:
            return count_metric("", candidate.unit, words, lo, hi, first, ""), None
        return None, None

    def _sides(
        self,
        index: int,
        sentence: _Sentence,
        row: Row,
        role: str,
        lo: int,
        hi: int,
        antecedent: int | None,
    ) -> None:
        """Subject and object: the clause's own names, then the inferences of the module docstring.

        When the metric came from an earlier sentence, that sentence alone may
        give who and to whom: it is the one the figure continues.
        """
        own = [m for m in sentence.mentions if lo <= m.first and m.last < hi]
        sides = _choose(own, role)
        pointer = any(w in lx.DEMONSTRATIVES or w in lx.BOTH for w in sentence.words.folded[lo:hi])
        if pointer or (not own and role in _DIRECTED):
            earlier_range = (
                range(antecedent, antecedent - 1, -1)
                if antecedent is not None
                else range(index - 1, max(-1, index - 1 - LOOKBACK), -1)
            )
            for back in earlier_range:
                earlier = self.sentence(back)
                if not earlier.mentions:
                    continue
                inherited = _choose(earlier.mentions, role)
                why = "from an earlier sentence" + (
                    " (the sentence points back)" if pointer else ""
                )
                if not sides.subject and inherited.subject:
                    sides.subject, sides.subject_why, sides.subject_confidence = (
                        inherited.subject,
                        why,
                        0.6,
                    )
                if not sides.object and inherited.object and inherited.object != sides.subject:
                    sides.object, sides.object_why, sides.object_confidence = (
                        inherited.object,
                        why,
                        0.6,
                    )
                if sides.pair is None:
                    sides.pair = inherited.pair
                break
        if role == "symmetric" and not (sides.subject and sides.object) and sides.pair:
            sides.subject, sides.object = sides.pair
            sides.subject_why = sides.object_why = "the pair named"
            sides.subject_confidence = sides.object_confidence = 0.8
        if role in _DIRECTED and bool(sides.subject) != bool(sides.object):
            dyad = self.dyad()
            known = sides.subject or sides.object
            if dyad and known in dyad:
                other = dyad[1] if known == dyad[0] else dyad[0]
                why = f"the document's main pair is {dyad[0]} and {dyad[1]}"
                if sides.subject:
                    sides.object, sides.object_why, sides.object_confidence = other, why, 0.5
                else:
                    sides.subject, sides.subject_why, sides.subject_confidence = other, why, 0.5
        if role == "symmetric" and sides.subject and sides.object and sides.object < sides.subject:
            sides.subject, sides.object = sides.object, sides.subject
            sides.subject_why, sides.object_why = sides.object_why, sides.subject_why
            sides.subject_confidence, sides.object_confidence = (
                sides.object_confidence,
                sides.subject_confidence,
            )
            row.notes.append("the two sides of a trade in alphabetical order")
        if sides.subject:
            row.infer("subject", sides.subject, sides.subject_confidence, sides.subject_why)
        if sides.object:
            row.infer("object", sides.object, sides.object_confidence, sides.object_why)

    def _period(self, index: int, sentence: _Sentence, row: Row, time: TimeSpan | None) -> None:
        if time is not None:
            row.infer(
                "period", time.period, 0.6 if time.relative or not time.period else 0.9, time.note
            )
            return
        words = sentence.words.folded
        if not any(w in lx.DEMONSTRATIVES for w in words):
            return
        for back in range(index - 1, max(-1, index - 1 - LOOKBACK), -1):
            earlier = self.sentence(back)
            stated = [t for t in self.times(earlier) if t.period]
            if earlier.mentions or stated:
                if len(stated) == 1:
                    row.infer(
                        "period",
                        stated[0].period,
                        0.5,
                        f"{stated[0].note} in the earlier sentence this one points back to",
                    )
                return


def _counted_word(word: str, unit: str, lang: str) -> str:
    """The counted noun as written when it is the unit's noun, else the unit (`zweimal`: visit)."""
    from claimcheck.extract.lexicon import english_noun_unit, german_noun_unit

    found = german_noun_unit(word) if lang == "de" else english_noun_unit(word)
    return word if found == unit else unit


_DATELINE = re.compile(
    r"[A-ZÄÖÜ]{3,}[A-ZÄÖÜ .'’-]*(?:,[^—–()\n]{1,40}?)?(?:\s*\([^)]{1,40}\))?\s*[—–-]+\s+"
    r"|[^\W\d_][\w .,'’-]{0,40}?\([^)]{1,40}\)\s*[—–-]+\s+"
)
"""A wire dateline: `KYIV, Ukraine (AP) — `, `SEOUL (Reuters) - `, `Berlin (dpa) - `."""


def _claim_range(content: str, sentence: _Sentence, speaker: Attribution | None) -> tuple[int, int]:
    """The words that carry the claim: the sentence without dateline, speaker and speech verb."""
    words = sentence.words
    lo, hi = 0, len(words.text)
    dateline = _DATELINE.match(content, sentence.start, sentence.end)
    if dateline is not None:
        lo = bisect.bisect_left(words.start, dateline.end())
    if speaker is None:
        return lo, hi
    if speaker.first <= lo:
        return max(lo, speaker.last + 1), hi
    return lo, speaker.first


def _with_actor_adjectives(words: en.Words, found: list[en.Mention]) -> list[en.Mention]:
    """An adjective right before an action or value noun names the actor, whatever precedes it.

    `Daten zu nordkoreanischen Munitionsverkäufen`: the sales are North Korea's.
    """
    _, verbs = lx.verb_classes()
    _, values = lx.value_nouns()
    result: list[en.Mention] = []
    for found_mention in found:
        mention = found_mention
        nxt = mention.last + 1
        if (
            mention.kind == "adjective"
            and mention.role not in ("owner", "object")
            and nxt < len(words.text)
        ):
            folded = words.folded[nxt]
            if (
                verbs.german(folded)
                or values.german(folded)
                or (folded,) in verbs.english
                or (folded,) in values.english
            ):
                mention = replace(mention, role="owner")
        result.append(mention)
    return result


def _choose(found: list[en.Mention], role: str) -> _Sides:
    """Subject and object from the names of one clause (see `entities` for the roles)."""
    sides = _Sides()
    by_role: dict[str, list[en.Mention]] = {}
    for mention in found:
        by_role.setdefault(mention.role, []).append(mention)
    pairs = by_role.get("pair", [])
    if len(pairs) >= 2 and pairs[0].key != pairs[1].key:
        sides.pair = (pairs[0].key, pairs[1].key)
    unmarked = by_role.get("unmarked", [])
    owners = by_role.get("owner", [])
    sources = by_role.get("source", [])
    objects = by_role.get("object", [])
    if role == "flip":
        subject_order = [(sources, "'von/from' names the origin"), (owners, "owner of the noun")]
        receivers = unmarked or objects
        if receivers:
            sides.object, sides.object_why, sides.object_confidence = (
                receivers[0].key,
                f"'{receivers[0].key}' receives",
                0.8,
            )
    else:
        subject_order = [
            (unmarked, "grammatical subject"),
            (owners, "adjective or genitive on the noun"),
            (sources, "'von/aus/from/by' names the actor"),
        ]
        if role == "place":
            places = [m for m in by_role.get("other", []) if m.prep in _PLACE_PREPOSITIONS]
            subject_order.append((places, "the country the figure is measured in"))
        if role == "target":
            objects = objects + [
                m for m in by_role.get("other", []) if m.prep in _TARGET_PREPOSITIONS
            ]
        if role == "directional" and not objects:
            objects = [m for m in by_role.get("other", []) if m.prep in ("for", "für")]
        if role in ("directional", "target") and not objects:
            objects = by_role.get("dative", [])
        if objects:
            sides.object, sides.object_why, sides.object_confidence = (
                objects[0].key,
                "a preposition marks the receiver or target",
                0.9,
            )
    for group, why in subject_order:
        if group:
            sides.subject, sides.subject_why = group[0].key, why
            sides.subject_confidence = 0.85 if group is unmarked else 0.75
            break
    if (
        not sides.object
        and role == "directional"
        and sides.subject
        and len(unmarked) >= 2
        and unmarked[1].key != sides.subject
        and unmarked[0].key == sides.subject
    ):
        sides.object, sides.object_why, sides.object_confidence = (
            unmarked[1].key,
            "the direct object",
            0.7,
        )
    if sides.object == sides.subject:
        sides.object = ""
    return sides


@cache
def _lexicon_units() -> frozenset[str]:
    from claimcheck.extract.lexicon import lexicon_units

    return lexicon_units()


def _unit_kind(unit: str) -> str:
    """money, percent, count (a registry unit), or unknown (a noun the lexicon lacks)."""
    if not unit:
        return ""
    if unit in ("percent", "permille"):
        return "percent"
    if len(unit) == 3 and unit.isupper():
        return "money"
    return "count" if unit in _lexicon_units() else "unknown"


def _scaled(candidate: Candidate, lang: str) -> tuple[str, str, str]:
    """value, value_high and unit as written: `5,5 Milliarden US-Dollar` -> 5.5, billion USD."""
    from claimcheck.extract.numbers import scale_words

    unit = candidate.unit if _unit_kind(candidate.unit) in ("money", "percent", "count") else ""
    unit = unit or "dimensionless"
    if not any(ch.isdigit() for ch in candidate.text):
        return plain(candidate.value), _plain(candidate.value_high), unit
    scales = scale_words(lang)
    for word in lx.WORD.findall(candidate.text):
        factor = scales.get(word.casefold().rstrip("."))
        name = SCALE_NAMES.get(factor) if factor is not None else None
        if factor is not None and name is not None:
            high = None if candidate.value_high is None else candidate.value_high / factor
            return plain(candidate.value / factor), _plain(high), f"{name} {unit}"
    return plain(candidate.value), _plain(candidate.value_high), unit


def _plain(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


HEADLINE_WORDS = 20
"""A first line longer than this is a paragraph, not a headline."""


def _title_end(text: str) -> int:
    """Where a document's headline (a short first line) ends; 0 when it has none."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if end - start > HEADLINE_WORDS * 20:
        return 0
    return end if len(text[start:end].split()) <= HEADLINE_WORDS else 0


def _adopt_within_document(rows: list[Row]) -> None:
    """A figure naming neither side takes them from the document's other figures of its metric."""
    known: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        if row.cells["subject"] and row.metric_known:
            known.setdefault(row.cells["metric"], set()).add(
                (row.cells["subject"], row.cells["object"])
            )
    for row in rows:
        if row.cells["subject"] or row.cells["object"] or not row.metric_known:
            continue
        if row.role not in _DIRECTED:
            continue  # a death toll or a GDP naming no one is not another's
        choices = known.get(row.cells["metric"], set())
        if len(choices) == 1:
            subject, obj = next(iter(choices))
            why = "the document's other figure(s) of this metric"
            row.infer("subject", subject, 0.4, why)
            if obj:
                row.infer("object", obj, 0.4, why)


def _fill_placeholders(row: Row) -> None:
    """A placeholder for a required cell the text does not decide: it matches no other claim."""
    placeholder = f"unresolved-{digest(row.cells['quote'], row.cells['claim_id'])}"
    for column in ("subject", "metric"):
        if not row.cells[column]:
            row.cells[column] = placeholder
            row.confidence = min(row.confidence, 0.1)
            if column == "subject":
                row.notes.append("subject: not named; a placeholder so it is never compared")
