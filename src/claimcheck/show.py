"""`claimcheck show QUERY`: every claim of the quantities a query names, and their neighbours.

An analyst explaining a disagreement to an editor needs three things on one
screen: the claims of the quantity in time order, the findings between them,
and the figures that look alike but are *not* the same quantity (GDP beside
arms deliveries, containers sent one way beside containers sent the other).
Compare never sets those side by side, because they are different
quantities; this view does, with the ratio between them and the reason they
stay apart.

Matching is exact first: every word of the query, normalized as table names
are (aliases included), must equal a part of the quantity's key. Only when no
key matches exactly is the query compared fuzzily with the key text, so a
typed key never drags in look-alikes.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.errors import UsageError
from claimcheck.fx import readable
from claimcheck.keys import normalize_name

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.models import Report

FUZZY_CUTOFF = 75.0
"""Least rapidfuzz WRatio (0-100) for a fuzzy match: `north korea gdp` reaches the GDP key."""

FUZZY_SPREAD = 5.0
"""Fuzzy matches within this many points of the best one are kept; the rest are look-alikes."""

MAX_TERMS = 8
"""Longer queries are not tried as exact key parts (their word groupings grow as 2^n)."""

CLOSE_KEYS = 5
"""How many close keys an unmatched query lists."""

KEY_PARTS = ("subject_key", "metric_key", "object_key", "period_key")

_TERMS = re.compile(r"[\s,;·]+")


class NoMatchError(UsageError):
    """No quantity matches the query; `close` holds the nearest key texts, best first."""

    def __init__(self, query: str, close: tuple[str, ...]) -> None:
        self.query = query
        self.close = close
        hint = f"; close keys: {', '.join(close)}" if close else ""
        super().__init__(f"no quantity matches {query!r}{hint}")


@dataclass(frozen=True)
class Quantity:
    """One quantity of the report: its key and its claims, ordered by time."""

    number: int
    """The `quantity` group number of `Report.claims`."""
    subject: str
    metric: str
    object: str
    period: str
    claims: pl.DataFrame

    @property
    def label(self) -> str:
        """`subject · metric → object · period`, empty parts left out."""
        parts = (
            self.subject,
            self.metric,
            f"→ {self.object}" if self.object else "",
            self.period,
        )
        return " · ".join(part for part in parts if part)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.claims.get_column("dimension").to_list())))

    @property
    def converted_dimensions(self) -> tuple[str, ...]:
        """Its dimensions, with money converted to euros (docs/currencies.md) as well."""
        if "fx_dimension" not in self.claims.columns:
            return self.dimensions
        euros = self.claims.get_column("fx_dimension").drop_nulls().to_list()
        return tuple(sorted({*self.dimensions, *euros}))

    def _in(self, dimension: str, own: str, converted: str) -> pl.Series:
        """A column's values in `dimension`: the claim's own, else its converted one."""
        import polars as pl

        value: pl.Expr = pl.when(pl.col("dimension") == dimension).then(pl.col(own))
        if "fx_dimension" in self.claims.columns:
            value = (
                pl.when(pl.col("dimension") == dimension)
                .then(pl.col(own))
                .when(pl.col("fx_dimension") == dimension)
                .then(pl.col(converted))
            )
        return self.claims.select(value.alias("in")).get_column("in").drop_nulls()

    def figure(self, dimension: str) -> float:
        """The quantity's typical value in base units: the median of its claims' values.

        A median, not a mean, so one outlying claim does not move the ratio
        a reader compares with another quantity.
        """
        values = self._in(dimension, "base_value", "fx_base_value")
        return float(statistics.median(values.to_list()))

    def base_unit(self, dimension: str) -> str:
        return str(self._in(dimension, "base_unit", "fx_base_unit")[0])


@dataclass(frozen=True)
class Related:
    """Two quantities that look comparable but are not one: their ratio and why."""

    left: Quantity
    right: Quantity
    dimension: str
    ratio: float | None
    """left / right in base units; None when the right figure is 0."""
    reason: str
    converted: bool = False
    """The two are money in different currencies, compared in euros at the reference
    rates of each claim's time (docs/currencies.md)."""


@dataclass(frozen=True)
class Shown:
    """What `show` prints: matched quantities, findings between their claims, related ones."""

    query: str
    fuzzy: bool
    """Whether the quantities were found by fuzzy text rather than exact key parts."""
    quantities: tuple[Quantity, ...]
    findings: pl.DataFrame
    related: tuple[Related, ...]
    report: Report


def show(report: Report, query: str, cutoff: float = FUZZY_CUTOFF) -> Shown:
    """Select the quantities matching `query` and gather what the view needs.

    Raises `NoMatchError` (a usage error, exit 2) listing close keys when nothing
    matches.
    """
    import polars as pl

    everything = _quantities(report)
    numbers = _exact(report, query)
    fuzzy = not numbers
    if fuzzy:
        numbers = _fuzzy(everything, query, cutoff)
    if not numbers:
        raise NoMatchError(query, _close(everything, query))
    matched = tuple(q for q in everything if q.number in numbers)
    ids = pl.concat([q.claims.get_column("claim_id") for q in matched]).to_list()
    findings = report.findings.filter(pl.col("claim_a").is_in(ids) | pl.col("claim_b").is_in(ids))
    return Shown(query, fuzzy, matched, findings, related(matched, everything), report)


def _quantities(report: Report) -> list[Quantity]:
    """Every quantity of the report, sorted by key, its claims by time then claim id."""
    import polars as pl

    claims = readable(report.claims, report.conversion)
    claims = claims.sort("time_first", "claim_id", nulls_last=True)
    keyed = claims.group_by("quantity", maintain_order=True).agg(pl.col(KEY_PARTS).first())
    found = [
        Quantity(
            number,
            subject,
            metric,
            obj,
            period,
            claims.filter(pl.col("quantity") == number),
        )
        for number, subject, metric, obj, period in keyed.iter_rows()
    ]
    found.sort(key=lambda q: (q.subject, q.metric, q.object, q.period))
    return found


def _terms(report: Report, query: str) -> list[str]:
    """The query's words normalized as table names are, each alias resolved."""
    terms = []
    for word in _TERMS.split(query):
        name = normalize_name(word)
        if not name:
            continue
        for field in ("subject", "metric", "object"):
            name = report.table.aliases.get(field, {}).get(name, name)
        terms.append(name)
    return terms


def _exact(report: Report, query: str) -> set[int]:
    """Quantities whose key parts include every word of the query.

    A word is found when it is a whole name (`north_korea`) or a whole word of
    one: `kim` finds `kim_jong_un`, `containers` finds `containers_shipped`.
    """
    import polars as pl

    terms = _terms(report, query)
    if not terms or len(terms) > MAX_TERMS:
        return set()

    def found(part: str, word: str) -> pl.Expr:
        name = pl.col(part)
        return (name == word) | name.str.split("_").list.contains(word)

    numbers: set[int] = set()
    for words in _groupings(terms):
        mask = pl.all_horizontal(
            pl.any_horizontal(found(part, word) for part in KEY_PARTS) for word in words
        )
        hits = report.claims.filter(mask).get_column("quantity").unique().to_list()
        numbers.update(int(n) for n in hits)
    return numbers


def _groupings(terms: list[str]) -> list[list[str]]:
    """Every way to join neighbouring words into names: `north korea gdp` may be `north_korea gdp`.

    A table name holds `_` where a person types a space, so each gap between
    words is tried both ways (2^(n-1) groupings for n words, n <= MAX_TERMS).
    """
    found = []
    for mask in range(1 << (len(terms) - 1)):
        words = [terms[0]]
        for i, term in enumerate(terms[1:]):
            if mask >> i & 1:
                words[-1] = f"{words[-1]}_{term}"
            else:
                words.append(term)
        found.append(words)
    return found


def _key_text(quantity: Quantity) -> str:
    parts = (quantity.subject, quantity.metric, quantity.object, quantity.period)
    return " ".join(part.replace("_", " ") for part in parts if part)


def _fuzzy(everything: list[Quantity], query: str, cutoff: float) -> set[int]:
    """Quantities whose key text resembles the query (rapidfuzz WRatio, case folded)."""
    from rapidfuzz import fuzz, process, utils

    texts = [_key_text(q) for q in everything]
    needle = query.replace("_", " ")
    hits = process.extract(
        needle,
        texts,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=None,
    )
    if not hits:
        return set()
    best = max(score for _, score, _ in hits)
    return {everything[index].number for _, score, index in hits if score >= best - FUZZY_SPREAD}


def _close(everything: list[Quantity], query: str) -> tuple[str, ...]:
    """The key texts nearest the query, best first, for the no-match message."""
    from rapidfuzz import fuzz, process, utils

    labels = [q.label for q in everything]
    hits = process.extract(
        query.replace("_", " "),
        [_key_text(q) for q in everything],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=CLOSE_KEYS,
    )
    return tuple(labels[index] for _, _, index in hits)


def related(matched: tuple[Quantity, ...], everything: list[Quantity]) -> tuple[Related, ...]:
    """Pairs of a matched quantity and another one a reader may mistake for it.

    Another quantity is related when it has the same subject, or the same
    metric in the other direction (subject and object swapped), and its
    units share a dimension with the matched one's, so a ratio means
    something. Each unordered pair is listed once, the matched (or first
    sorted) quantity on the left.
    """
    position = {q.number: i for i, q in enumerate(everything)}
    mine = {q.number for q in matched}
    seen: set[tuple[int, int]] = set()
    found: list[Related] = []
    for left in matched:
        for right in everything:
            if right.number == left.number:
                continue
            pair = (min(left.number, right.number), max(left.number, right.number))
            if pair in seen or not _neighbours(left, right):
                continue
            shared = sorted(set(left.dimensions) & set(right.dimensions))
            converted = not shared
            if converted:
                shared = sorted(set(left.converted_dimensions) & set(right.converted_dimensions))
            if not shared:
                continue
            seen.add(pair)
            a, b = left, right
            if right.number in mine and position[right.number] < position[left.number]:
                a, b = right, left
            dimension = shared[0]
            denominator = b.figure(dimension)
            ratio = a.figure(dimension) / denominator if denominator else None
            found.append(Related(a, b, dimension, ratio, reason(a, b), converted))
    found.sort(key=lambda r: (position[r.left.number], position[r.right.number]))
    return tuple(found)


def _other_direction(a: Quantity, b: Quantity) -> bool:
    return bool(a.object) and a.subject == b.object and a.object == b.subject


def _neighbours(a: Quantity, b: Quantity) -> bool:
    return a.subject == b.subject or (a.metric == b.metric and _other_direction(a, b))


def reason(a: Quantity, b: Quantity) -> str:
    """One line saying why two quantities are not one: what differs in their keys."""
    parts = []
    if a.metric != b.metric:
        parts.append(f"different metric ({a.metric} vs {b.metric})")
    if _other_direction(a, b):
        parts.append(f"other direction ({a.subject} → {a.object} vs {b.subject} → {b.object})")
    else:
        if a.subject != b.subject:
            parts.append(f"different subject ({a.subject} vs {b.subject})")
        if a.object != b.object:
            parts.append(f"different object ({a.object or 'none'} vs {b.object or 'none'})")
    if a.period != b.period:
        parts.append(f"different period ({a.period or 'none'} vs {b.period or 'none'})")
    return "; ".join(parts)
