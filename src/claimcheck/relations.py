"""Declared relations between quantities: part ≤ whole, sums, ratios and growth.

Two sources can contradict each other without ever stating the same
quantity: a total printed beside parts that add up to something else, or a
half-year figure above its full year. An analyst declares such relations in
`relations.csv` (docs/relations.md); this module reads them and checks them
against the claims, with interval arithmetic (intervals.py) on the contract's
intervals, so a relation fails only when no reading of the claims satisfies it.

Relations are few and the claims they select are few, so evaluation works on
Python rows after one polars filter per selector; it never touches the rest of
a large table. A relation that cannot be evaluated is kept with its reason:
a check that silently does nothing would read as a check that passed.
"""

from __future__ import annotations

import itertools
import math
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.csvfile import LINE_COLUMN, read_csv
from claimcheck.deferred import DeferredColumns
from claimcheck.errors import InputError, InputErrors, Location
from claimcheck.findings import (
    Kind,
    Severity,
    any_hedged,
    claim_figure,
    finding_schema,
    fingerprint_text,
    relative_gap,
    severity,
)
from claimcheck.fx import in_euros, readable, relation_columns
from claimcheck.intervals import Interval, apart
from claimcheck.numbers import human
from claimcheck.numbers import interval as shown
from claimcheck.times import parse_period

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.fx import Conversion

RELATION_COLUMNS = ("relation_id", "kind", "left", "right", "tolerance", "min", "max", "note")
REQUIRED_RELATION_COLUMNS = ("relation_id", "kind", "left", "right")
MAX_COMBINATIONS = 10_000
"""Per relation and time: beyond this many claim combinations the selectors are too
broad to check one by one, and the relation is reported as unevaluable."""

SUM_SEPARATOR = "+"
GROWTH_SEPARATOR = ";"
QUOTE_SEPARATOR = " | "


class RelationKind(str, Enum):
    """What a relation asserts about its sides (docs/relations.md)."""

    LE = "le"
    SUM = "sum"
    RATIO = "ratio"
    GROWTH = "growth"


class Status(str, Enum):
    """Context rows: relations that hold or cannot be evaluated. They never fail."""

    HOLDS = "relation_holds"
    UNEVALUABLE = "relation_unevaluable"


class Reason(str, Enum):
    """Why a relation could not be evaluated; the value starts every message."""

    NO_CLAIMS = "no matching claims"
    NO_SAME_TIME = "no claims of the same time"
    DIMENSIONS = "units of different dimensions"
    CURRENCIES = "currencies that differ"
    ZERO_DIVISOR = "the divisor may be zero"
    TOO_MANY = "too many combinations"


@dataclass(frozen=True)
class Selector:
    """A pattern over normalized keys, `subject/metric[/object][@period]`, `*` a wildcard.

    An omitted object means "no object", as in the claims table; `*` matches
    any object including none. `@period` pins the claims' period, written as
    in the claims table (`@2024-01/2024-06`).
    """

    text: str
    subject: str
    metric: str
    object: str
    period: str | None

    def expression(self) -> pl.Expr:
        import polars as pl

        condition = (
            pl.col("subject_key").str.contains(_regex(self.subject))
            & pl.col("metric_key").str.contains(_regex(self.metric))
            & pl.col("object_key").str.contains(_regex(self.object))
        )
        if self.period is not None:
            condition &= pl.col("period_key") == self.period
        return condition


@dataclass(frozen=True)
class Relation:
    """One row of relations.csv, validated."""

    relation_id: str
    kind: RelationKind
    left: Selector
    right: tuple[Selector, ...]
    tolerance: float
    minimum: float
    maximum: float
    note: str
    location: Location

    @property
    def right_text(self) -> str:
        separator = GROWTH_SEPARATOR if self.kind is RelationKind.GROWTH else SUM_SEPARATOR
        return f" {separator} ".join(selector.text for selector in self.right)


def _fold(text: str) -> str:
    """Section 2's normalization for one pattern piece, keeping `_` at a `*` boundary."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", "_", folded)


def _regex(pattern: str) -> str:
    return "^" + ".*".join(re.escape(piece) for piece in pattern.split("*")) + "$"


def parse_selector(text: str) -> Selector:
    """Read one selector; raise ValueError with a user-facing message."""
    written = text.strip()
    keys, at, period_text = written.partition("@")
    period = None
    if at:
        period = parse_period(period_text).text
    parts = [_fold(part).strip("_") for part in keys.split("/")]
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise ValueError(
            f"{written!r} is not a selector: write subject/metric or subject/metric/object, "
            "optionally @period (e.g. north_korea/trade_volume/russia@2023)"
        )
    return Selector(written, parts[0], parts[1], parts[2] if len(parts) == 3 else "", period)


def _fraction(text: str) -> float:
    """A tolerance or bound: `0.25` or `25%`."""
    stripped = text.strip()
    percent = stripped.endswith("%")
    number = float(stripped.removesuffix("%").strip())
    if not math.isfinite(number):
        raise ValueError(f"{stripped!r} is not a finite number")
    return number / 100 if percent else number


def load_relations(path: str | Path) -> tuple[Relation, ...]:
    """Read and validate relations.csv; raise InputErrors listing every problem."""
    raw = read_csv(path, required=REQUIRED_RELATION_COLUMNS, what="relations")
    names = [name for name in RELATION_COLUMNS if name in raw.header]
    errors: list[InputError] = []
    relations: list[Relation] = []
    seen: dict[str, int] = {}
    for row in raw.frame.select(LINE_COLUMN, *names).iter_rows(named=True):
        cells = {name: (row.get(name) or "").strip() for name in RELATION_COLUMNS}
        line = int(row[LINE_COLUMN])
        relation = _relation(cells, Location(raw.path, line), errors)
        if relation is None:
            continue
        if relation.relation_id in seen:
            first = seen[relation.relation_id]
            message = f"duplicate relation_id {relation.relation_id!r} (line {first})"
            errors.append(InputError(message, Location(raw.path, line, "relation_id")))
            continue
        seen[relation.relation_id] = line
        relations.append(relation)
    if errors:
        raise InputErrors(errors)
    return tuple(relations)


def _relation(cells: dict[str, str], where: Location, errors: list[InputError]) -> Relation | None:
    """One validated row, or None after appending its errors."""
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(InputError(message, Location(where.path, where.line, column)))

    for name in REQUIRED_RELATION_COLUMNS:
        if not cells[name]:
            error(name, f"{name} is required and empty")
    kind: RelationKind | None = None
    if cells["kind"]:
        try:
            kind = RelationKind(cells["kind"].lower())
        except ValueError:
            error(
                "kind",
                f"{cells['kind']!r} is not one of {', '.join(k.value for k in RelationKind)}",
            )
    # Split on `+` wherever one selector is expected too: `c/d + e/f` would otherwise
    # parse as one selector with metric `d_+_e` and only fail, unevaluable, at run time.
    left = _selectors(cells["left"], SUM_SEPARATOR, "left", error)
    if left is not None and len(left) != 1:
        error("left", f"left is one selector, not {len(left)} joined by {SUM_SEPARATOR!r}")
    separator = GROWTH_SEPARATOR if kind is RelationKind.GROWTH else SUM_SEPARATOR
    right = _selectors(cells["right"], separator, "right", error)
    if kind is RelationKind.GROWTH and right is not None and len(right) != 2:
        error("right", "growth needs two selectors, earlier;later")
    if kind in (RelationKind.LE, RelationKind.RATIO) and right is not None and len(right) != 1:
        error(
            "right",
            f"{kind.value} compares with one selector, not {len(right)} joined by "
            f"{SUM_SEPARATOR!r} (only sum adds)",
        )
    numbers: dict[str, float] = {}
    for name, default in (("tolerance", 0.0), ("min", -math.inf), ("max", math.inf)):
        numbers[name] = default
        if not cells[name]:
            continue
        try:
            numbers[name] = _fraction(cells[name])
        except ValueError:
            error(name, f"{cells[name]!r} is not a number (write 0.25 or 25%)")
    if numbers["tolerance"] < 0:
        error("tolerance", "tolerance must not be negative")
    if kind is not None and kind is not RelationKind.RATIO:
        for name in ("min", "max"):
            if cells[name]:
                error(name, f"{name} is read only for ratio relations")
    if numbers["min"] > numbers["max"]:
        error("max", "max is below min")
    if len(errors) > before or kind is None or left is None or right is None:
        return None
    return Relation(
        cells["relation_id"], kind, left[0], right, numbers["tolerance"],
        numbers["min"], numbers["max"], cells["note"], where,
    )  # fmt: skip


def _selectors(
    text: str, separator: str | None, column: str, error: Any
) -> tuple[Selector, ...] | None:
    if not text:
        return None
    pieces = text.split(separator) if separator else [text]
    try:
        return tuple(parse_selector(piece) for piece in pieces)
    except ValueError as exc:
        error(column, str(exc))
        return None


# Evaluation ---------------------------------------------------------------------------

Claim = dict[str, Any]

_CLAIM_FIELDS = (
    "idx", "claim_id", "source_id", "subject_key", "metric_key", "object_key", "period_key",
    "period_open", "value", "value_high", "unit", "qualifier", "modality", "attributed_to",
    "quote", "time_text", "time_first", "dimension", "base_unit", "low", "high", "base_value",
    LINE_COLUMN,
)  # fmt: skip
_FX_FIELDS = ("fx_low", "fx_high", "fx_base_value", "fx_code", "fx_unit", "fx_rate", "fx_reason")
"""A converted claim's figures in euros (fx.py), read when the table mixes currencies."""


@dataclass(frozen=True)
class RelationsOutcome:
    """Every declared relation, evaluated.

    `violated` holds `relation_violated` findings in the findings' columns (they
    join the report's findings); `context` holds the combinations that hold and
    the relations that cannot be evaluated, in the same columns, in file order.
    """

    relations: tuple[Relation, ...]
    violated: pl.DataFrame
    context: pl.DataFrame

    def unevaluable_messages(self) -> list[str]:
        """One line per unevaluable relation, `PATH:LINE: relation ID: reason`."""
        import polars as pl

        where = {relation.relation_id: relation.location for relation in self.relations}
        rows = self.context.filter(pl.col("kind") == Status.UNEVALUABLE.value)
        return [
            f"{where[rid]}: relation {rid} cannot be evaluated: {detail}"
            for rid, detail in rows.select("relation", "relation_detail").iter_rows()
        ]


@dataclass(frozen=True)
class _Check:
    """The outcome of one combination: the derived interval and whether it holds."""

    derived: Interval
    holds: bool
    gap: float
    detail: str
    right: Interval | None


def evaluate(
    relations: Sequence[Relation],
    claims: pl.DataFrame,
    conversion: Conversion | None = None,
    deferred: DeferredColumns | None = None,
) -> RelationsOutcome:
    """Check each relation on every same-time combination of the claims it selects.

    `claims` is the pipeline's claims frame (with `idx`, `low`, `high`,
    `base_value`). Violations say `fails` False: whether they fail is the
    pipeline's policy, applied to every finding alike. With a `conversion`
    (fx.py), claims of two currencies are related in euros. With `deferred`,
    the quotes of the claims a relation selects are read back from the file.
    """
    violated: list[dict[str, Any]] = []
    context: list[dict[str, Any]] = []
    for relation in relations:
        for row in _evaluate_one(relation, claims, conversion, deferred):
            if row["kind"] == Kind.RELATION_VIOLATED.value:
                violated.append(row)
            else:
                context.append(row)
    return RelationsOutcome(tuple(relations), _frame(violated), _frame(context))


def _frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    import polars as pl

    schema = finding_schema()
    filled = [
        {name: row.get(name, "" if schema[name] == pl.String else None) for name in schema}
        for row in rows
    ]
    return pl.DataFrame(filled, schema=schema, orient="row")


def _matching(
    claims: pl.DataFrame,
    selector: Selector,
    conversion: Conversion | None,
    deferred: DeferredColumns | None,
) -> list[Claim]:
    fields = (*_CLAIM_FIELDS, *(_FX_FIELDS if conversion is not None else ()))
    later = deferred.positions if deferred is not None else {}
    matched = claims.filter(selector.expression()).select(
        name for name in fields if name not in later
    )
    if deferred is not None and later:
        lines = matched.get_column(LINE_COLUMN)
        matched = matched.with_columns(deferred.cells(name, lines) for name in later)
    return list(readable(matched, conversion).iter_rows(named=True))


def _evaluate_one(
    relation: Relation,
    claims: pl.DataFrame,
    conversion: Conversion | None,
    deferred: DeferredColumns | None,
) -> list[dict[str, Any]]:
    """Rows for one relation: violated and holding combinations, or unevaluable reasons."""
    slots: list[list[Claim]] = []
    pinned: list[bool] = []
    growth = relation.kind is RelationKind.GROWTH
    for position, selector in enumerate((relation.left, *relation.right)):
        matched = _matching(claims, selector, conversion, deferred)
        if not matched:
            return [_unevaluable(relation, Reason.NO_CLAIMS, f"no claim matches {selector.text}")]
        if relation.kind is RelationKind.SUM and position > 0:
            terms: dict[tuple[str, str, str], list[Claim]] = {}
            for claim in matched:
                key = (claim["subject_key"], claim["metric_key"], claim["object_key"])
                terms.setdefault(key, []).append(claim)
            slots.extend(terms.values())
            pinned.extend([selector.period is not None] * len(terms))
        else:
            slots.append(matched)
            pinned.append(growth or selector.period is not None)
    combinations = _combinations(slots, pinned)
    if combinations is None:
        return [
            _unevaluable(
                relation, Reason.TOO_MANY, f"more than {MAX_COMBINATIONS}; narrow the selectors"
            )
        ]
    if not combinations:
        return [
            _unevaluable(
                relation,
                Reason.NO_SAME_TIME,
                "the claims matched on each side speak of different times "
                "(pin each side with @period to relate different times)",
            )
        ]
    rows: list[dict[str, Any]] = []
    problems: dict[Reason, str] = {}
    for combination in combinations:
        left, right = combination[0], list(combination[1:])
        euros = in_euros(right if growth else [left, *right])
        if euros is not None:
            left, right = (left, euros) if growth else (euros[0], euros[1:])
        problem = _units_problem(relation.kind, left, right)
        if problem is None and relation.kind in (RelationKind.RATIO, RelationKind.GROWTH):
            divisor = right[0]
            if divisor["low"] <= 0 <= divisor["high"]:
                problem = (
                    Reason.ZERO_DIVISOR,
                    f"{divisor['claim_id']} stands for an interval that contains 0",
                )
        if problem is not None:
            problems.setdefault(problem[0], problem[1])
            continue
        check = _check(relation, left, right)
        rows.append({**_row(relation, left, right, check), **relation_columns(left, right)})
    rows.extend(_unevaluable(relation, reason, detail) for reason, detail in problems.items())
    return rows


def _time_key(claim: Claim) -> str | None:
    """The claim's time as contract section 4 compares it; None when unknown (matches any)."""
    if claim["period_key"] and not claim["period_open"]:
        return f"period {claim['period_key']}"
    if claim["time_first"] is None:
        return None
    return f"{claim['period_key']} as of {claim['time_text']}"


def _combinations(slots: list[list[Claim]], pinned: list[bool]) -> list[tuple[Claim, ...]] | None:
    """One claim per slot, all of the same time (pinned slots take any time), distinct claims.

    None when a time has more combinations than MAX_COMBINATIONS.
    """
    keys = sorted(
        {
            key
            for slot, fixed in zip(slots, pinned, strict=True)
            if not fixed
            for claim in slot
            if (key := _time_key(claim)) is not None
        }
    )
    seen: set[tuple[int, ...]] = set()
    found: list[tuple[Claim, ...]] = []
    groups: list[str | None] = [*keys] or [None]
    for key in groups:
        choices = [
            slot if fixed or key is None else [c for c in slot if _time_key(c) in (key, None)]
            for slot, fixed in zip(slots, pinned, strict=True)
        ]
        if math.prod(len(choice) for choice in choices) > MAX_COMBINATIONS:
            return None
        for combination in itertools.product(*choices):
            ids = tuple(claim["idx"] for claim in combination)
            if len(set(ids)) == len(ids) and ids not in seen:
                seen.add(ids)
                found.append(combination)
    return found


def _units_problem(
    kind: RelationKind, left: Claim, right: list[Claim]
) -> tuple[Reason, str] | None:
    """Why the claims' units cannot be related, or None when they can."""
    if kind is RelationKind.GROWTH:
        if left["dimension"] != "dimensionless":
            return (
                Reason.DIMENSIONS,
                f"{left['claim_id']} states {left['unit']}, not a percentage or fraction",
            )
        group = right
    else:
        group = [left, *right]
    first = group[0]
    for other in group[1:]:
        if other["dimension"] != first["dimension"]:
            currencies = all(c["dimension"].startswith("[currency_") for c in (first, other))
            reason = Reason.CURRENCIES if currencies else Reason.DIMENSIONS
            why = "; ".join(dict.fromkeys(c["fx_reason"] for c in group if c.get("fx_reason")))
            return (
                reason,
                f"{first['claim_id']} in {first['base_unit']} against "
                f"{other['claim_id']} in {other['base_unit']}" + (f" ({why})" if why else ""),
            )
    return None


def _interval(claim: Claim) -> Interval:
    return Interval(claim["low"], claim["high"])


def _relative(distance: float, *magnitudes: float) -> float:
    """The relative gap, against the largest finite magnitude (a ratio bound may be ∞)."""
    finite = [abs(m) for m in magnitudes if math.isfinite(m)]
    return relative_gap(distance, max(finite, default=0.0))


def _magnitude(value: float) -> float:
    """|value| as the scale of the overlap slack, held at the largest float.

    A quotient of finite claims can round to ∞, and at an infinite scale no
    distance would be more than rounding: `1e300 / 1e-300` would meet any bound.
    """
    return min(abs(value), sys.float_info.max)


def _check(relation: Relation, left: Claim, right: list[Claim]) -> _Check:
    """Evaluate one combination: derived interval, holds, relative gap, a readable line."""
    unit = left["base_unit"]
    tol = relation.tolerance
    if relation.kind is RelationKind.LE:
        whole = _interval(right[0])
        derived = _interval(left) - whole
        slack = tol * abs(right[0]["base_value"])
        excess = derived.low - slack
        scale = max(abs(left["base_value"]), abs(right[0]["base_value"]))
        holds = not apart(excess, scale)
        detail = f"left − right = {_span(derived, unit)}; must be ≤ {human(slack)}" + (
            "" if unit == "dimensionless" else f" {unit}"
        )
        return _Check(derived, holds, _relative(max(excess, 0.0), scale), detail, whole)
    if relation.kind is RelationKind.SUM:
        derived = _interval(right[0])
        for term in right[1:]:
            derived = derived + _interval(term)
        point = sum(term["base_value"] for term in right)
        required = _interval(left).widened(tol * abs(left["base_value"]))
        distance = derived.distance(required)
        scale = max(abs(left["base_value"]), abs(point))
        detail = f"sum of right = {_span(derived, unit)}; left = {_span(_interval(left), unit)}"
        return _Check(
            derived,
            not apart(distance, scale),
            _relative(distance, scale),
            detail,
            derived,
        )
    if relation.kind is RelationKind.RATIO:
        derived = _interval(left) / _interval(right[0])
        # Finite claims can still have a quotient beyond the largest float (∞): no
        # tolerance then widens by 0 × ∞.
        point = left["base_value"] / right[0]["base_value"]
        slack = tol * abs(point) if tol else 0.0
        required = Interval(relation.minimum, relation.maximum).widened(slack)
        distance = derived.distance(required)
        nearest = relation.minimum if derived.high < required.low else relation.maximum
        holds = not apart(distance, _magnitude(point))
        detail = f"left / right = {_percent(point)} ({_percent_span(derived)})"
        if not math.isinf(relation.minimum) or not math.isinf(relation.maximum):
            detail += f"; required {_percent_span(Interval(relation.minimum, relation.maximum))}"
        return _Check(
            derived, holds, _relative(distance, point, nearest), detail, _interval(right[0])
        )
    earlier, later = right
    derived = _interval(later) / _interval(earlier) - Interval.point(1.0)
    point = later["base_value"] / earlier["base_value"] - 1
    required = _interval(left).widened(tol * abs(left["base_value"]))
    distance = derived.distance(required)
    holds = not apart(distance, max(_magnitude(point), 1.0))
    detail = (
        f"later / earlier − 1 = {_percent(point)} ({_percent_span(derived)}); "
        f"stated {_percent_span(_interval(left))}"
    )
    return _Check(derived, holds, _relative(distance, point, left["base_value"]), detail, None)


def _span(interval: Interval, unit: str) -> str:
    return shown(interval.low, interval.high, unit)


def _percent(value: float) -> str:
    if math.isinf(value):
        return "∞ %" if value > 0 else "-∞ %"
    return f"{value * 100:.4g} %"


def _percent_span(interval: Interval) -> str:
    if math.isinf(interval.low) and math.isinf(interval.high):
        return "unbounded"
    if math.isinf(interval.low):
        return f"≤ {_percent(interval.high)}"
    if math.isinf(interval.high):
        return f"≥ {_percent(interval.low)}"
    return f"{_percent(interval.low)} – {_percent(interval.high)}"


def _row(relation: Relation, left: Claim, right: list[Claim], check: _Check) -> dict[str, Any]:
    """A combination as a row in the findings' columns: left side `a`, right side `b`."""
    kind = Kind.RELATION_VIOLATED.value if not check.holds else Status.HOLDS.value
    joiner = GROWTH_SEPARATOR if relation.kind is RelationKind.GROWTH else SUM_SEPARATOR

    def joined(name: str, separator: str = joiner) -> str:
        return separator.join(str(claim[name] or "") for claim in right)

    key = (relation.relation_id, relation.kind.value, relation.left.text, relation.right_text)
    row: dict[str, Any] = {
        "fingerprint": fingerprint_text(kind, key, [claim_figure(c) for c in (left, *right)]),
        "kind": kind,
        "severity": (
            severity(kind, check.gap, hedged=any_hedged(c["modality"] for c in (left, *right)))
            if not check.holds
            else Severity.LOW.value
        ),
        "subject": left["subject_key"],
        "metric": left["metric_key"],
        "object": left["object_key"],
        "period": left["period_key"],
        "relative_gap": check.gap,
        "fails": False,
        "low_a": left["low"],
        "high_a": left["high"],
        "low_b": check.right.low if check.right else None,
        "high_b": check.right.high if check.right else None,
        "line_a": left[LINE_COLUMN],
        "line_b": right[0][LINE_COLUMN],
        "time_a": left["time_text"],
        "time_b": joined("time_text"),
        "relation": relation.relation_id,
        "derived_low": check.derived.low,
        "derived_high": check.derived.high,
        "relation_detail": check.detail,
        "quote_a": left["quote"],
        "quote_b": joined("quote", QUOTE_SEPARATOR),
    }
    for field, column in (
        ("claim_id", "claim"), ("source_id", "source"), ("value", "value"), ("unit", "unit"),
        ("qualifier", "qualifier"), ("value_high", "value_high"), ("base_unit", "base_unit"),
        ("modality", "modality"), ("attributed_to", "attributed_to"),
    ):  # fmt: skip
        row[f"{column}_a"] = left[field] or ""
        row[f"{column}_b"] = joined(field)
    return row


def _unevaluable(relation: Relation, reason: Reason, detail: str) -> dict[str, Any]:
    """A row that says the relation could not be checked, and why."""
    key = (relation.relation_id, relation.kind.value, relation.left.text, relation.right_text)
    selector = relation.left
    return {
        "fingerprint": fingerprint_text(Status.UNEVALUABLE.value, key, [(reason.value,)]),
        "kind": Status.UNEVALUABLE.value,
        "severity": Severity.LOW.value,
        "subject": selector.subject,
        "metric": selector.metric,
        "object": selector.object,
        "period": selector.period or "",
        "relative_gap": 0.0,
        "fails": False,
        "relation": relation.relation_id,
        "relation_detail": f"{reason.value}: {detail}",
    }
