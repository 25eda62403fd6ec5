"""What is counted: the metric, from the counted noun and the verb class of the clause.

A count's metric is its unit's noun in the plural and the class of the verb
or action noun that does something with it: `11.000 Container ... geschickt`
and `11,000 containers ... delivered` are both `containers_shipped`;
`Soldaten entsandt` and `troops deployed` both `soldiers_deployed` (people
that are sent are deployed, not shipped). An offer or proposal outranks the
action it offers (`bot an, 100.000 Soldaten zu entsenden` is
`soldiers_offered`, a different quantity from a deployment). Event nouns
count themselves (`zweimal besucht` -> `visits`, `Atomtest` ->
`nuclear_tests`). A sum of money or a percentage is named by the value noun
nearest to it (`Bruttoinlandsprodukt` -> `gdp`, `Wert der
Waffenlieferungen` -> `arms_deliveries_value`, `trade` -> `trade_volume`).
The verb classes and value nouns are data (`data/draft_verbs.csv`,
`data/draft_values.csv`).
"""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.draft import lexicon as lx
from claimcheck.draft.entities import Words, canonical_key

EVENT_UNITS = frozenset(
    {"visit", "meeting", "nuclear_test", "missile_launch", "sanction", "death", "casualty"}
)
"""Units that name an event or outcome: the count is the metric, no verb class is added."""

PERSONNEL_UNITS = frozenset({"soldier", "worker", "person", "tourist", "refugee"})
"""People: sending them is deploying them."""

MEASURE_UNITS = frozenset({"tonne", "kilogram", "barrel", "liter", "meter", "kilometer"})
"""Units that measure a good named after them (`5.000 Tonnen Weizen`)."""

_PLURALS = {
    "person": "people",
    "aircraft": "aircraft",
    "casualty": "casualties",
    "ammunition_round": "ammunition_rounds",
}
_OVERRIDES = {("people", "killed"): "deaths", ("people", "wounded"): "people_wounded"}


@dataclass(frozen=True)
class Metric:
    """A metric key, which way its action points, how sure the reading is, and why."""

    key: str
    role: str
    confidence: float
    why: str
    unit: str = ""


def plural(unit: str) -> str:
    """The metric noun of a unit: `artillery_shell` -> `artillery_shells`."""
    if unit in _PLURALS:
        return _PLURALS[unit]
    if unit.endswith("y") and not unit.endswith(("ay", "ey", "oy")):
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    return unit + "s"


def find_verb_class(words: Words, lo: int, hi: int, near: int) -> tuple[lx.VerbClass, str] | None:
    """The verb class of the words lo..hi: an offer anywhere, else the class nearest to `near`."""
    classes, table = lx.verb_classes()
    best: tuple[int, lx.VerbClass, str] | None = None
    for i in range(lo, hi):
        folded = words.folded[i]
        name = table.english.get((folded,))
        hit = name
        if name is None:
            german = table.german(folded)
            hit = german[0] if german else None
        if hit is None:
            continue
        verb = classes[hit]
        distance = -1 if verb.name == "offer" else abs(i - near)
        if best is None or distance < best[0]:
            best = (distance, verb, words.text[i])
    return (best[1], best[2]) if best else None


def find_value_noun(
    words: Words, lo: int, hi: int, near: int, unit_kind: str
) -> tuple[lx.ValueNoun, str] | None:
    """The value noun of the given kind (money or percent) nearest to word `near` in lo..hi."""
    nouns, table = lx.value_nouns()
    best: tuple[int, int, lx.ValueNoun, str] | None = None
    for i in range(lo, hi):
        for size in range(min(table.longest_phrase, hi - i), 0, -1):
            key = table.english.get(tuple(words.folded[i : i + size]))
            if key is not None:
                break
        else:
            size = 1
            german = table.german(words.folded[i])
            key = german[0] if german else None
        if key is None or nouns[key].unit != unit_kind:
            continue
        distance = abs(i - near)
        if best is None or (distance, -size) < (best[0], best[1]):
            best = (distance, -size, nouns[key], " ".join(words.text[i : i + size]))
    return (best[2], best[3]) if best else None


def count_metric(
    unit: str, noun: str, words: Words, lo: int, hi: int, near: int, after: str
) -> Metric:
    """The metric of a count in `unit` (a registry unit, or `noun` as written when none)."""
    if not unit:
        own = find_verb_class(Words([noun], [noun.casefold()], [0], [0]), 0, 1, 0)
        if own is not None and own[0].name in ("kill", "wound"):
            key = "deaths" if own[0].name == "kill" else "people_wounded"
            return Metric(key, "none", 0.7, f"'{noun}' counts people ({own[0].name})", "person")
        base, confidence, why = canonical_key(noun), 0.4, f"noun '{noun}' (not in the lexicon)"
    elif unit in MEASURE_UNITS and after:
        base, confidence, why = (
            f"{canonical_key(after)}_{plural(unit)}",
            0.6,
            f"'{after}' measured in {unit}",
        )
    else:
        base, confidence, why = plural(unit), 0.9, f"counted noun '{noun}'"
    if unit in EVENT_UNITS:
        return Metric(base, "directional" if unit == "visit" else "none", confidence, why)
    found = find_verb_class(words, lo, hi, near)
    if found is None:
        return Metric(base, "none", confidence * 0.8, why + ", no verb class")
    verb, word = found
    suffix = verb.suffix
    if unit in PERSONNEL_UNITS and verb.name == "ship":
        suffix = "deployed"
    key = _OVERRIDES.get((base, suffix), f"{base}_{suffix}")
    return Metric(key, verb.role, confidence, f"{why} + '{word}' ({verb.name})")
