"""Loading and validating a claims table with its sources and aliases (contract section 1).

`load_table` is the one way in: it reads the files, reports every problem at
once (each with file, line and column), and returns the claims as a polars
frame with normalized keys, resolved units and parsed times beside the
original columns. Checks run over whole columns; Python runs once per
distinct unit, period or name, never once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from claimcheck.csvfile import LINE_COLUMN, STDIN, CsvFile, read_csv
from claimcheck.deferred import DeferredColumns
from claimcheck.errors import InputError, InputErrors, Location, collect
from claimcheck.keys import ALIAS_FIELDS, KEY_FIELDS, normalize_columns, normalize_name
from claimcheck.quantities import VALUE_PATTERN, Modality, Qualifier
from claimcheck.terminal import odd_characters
from claimcheck.times import parse_date, parse_period

if TYPE_CHECKING:
    import polars as pl

CLAIM_COLUMNS = (
    "claim_id", "source_id", "subject", "metric", "object", "period", "value", "value_high",
    "unit", "qualifier", "modality", "attributed_to", "as_of", "quote", "note",
)  # fmt: skip
REQUIRED_CLAIM_COLUMNS = ("claim_id", "source_id", "subject", "metric", "value", "unit")
SOURCE_COLUMNS = ("source_id", "title", "publisher", "url", "published", "language", "path")
ALIAS_COLUMNS = ("field", "alias", "canonical")
MAX_VALUE_LENGTH = 64
CATEGORICAL_COLUMNS = (
    "source_id", "unit", "qualifier", "modality", "as_of", "attributed_to", "note",
    "dimension", "base_unit", "time_text",
)  # fmt: skip
"""Columns kept as polars Categoricals once validated: they have few distinct values, so
4 bytes a row instead of a 16-byte string view (115 MiB less for a million claims).
Names and keys stay strings: relations and show match them with string expressions."""
READ_AS_CATEGORICAL = tuple(name for name in CATEGORICAL_COLUMNS if name in CLAIM_COLUMNS)
"""The input columns parsed straight into Categoricals, never held as strings: a 10M-claim
compare peaked at 5,667 MiB this way against 6,367 MiB. Their checks run once per
distinct value."""

OPEN_VOCABULARY = ("source_id", "attributed_to", "note")
"""Of READ_AS_CATEGORICAL, the columns whose distinct values grow with the table: one id
per source, a name per speaker, free text. polars codes such a column slowly while it
parses a file (csvfile.CODE_WHILE_PARSING_FROM); units, qualifiers, modalities and dates
are a few values however long the table."""

_T = TypeVar("_T")
_LANGUAGE = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"


@dataclass(frozen=True)
class ClaimsTable:
    """A validated claims table.

    `claims` keeps every input column as written and adds: `subject_key`,
    `metric_key`, `object_key`, `period_key` (normalized), `factor`,
    `dimension`, `base_unit` (the unit resolved), `period_open`,
    `time_text`, `time_first`, `time_last` (the claim's time as day ordinals,
    null when unknown) and `_line` (the record's first line in the file).
    The CATEGORICAL_COLUMNS are Categoricals; every other column is a string.
    A large table read for findings only (`pipeline.load_files(quotes_on_disk=)`)
    lacks its `deferred` columns and the names as written (KEY_FIELDS).
    """

    path: str
    claims: pl.DataFrame
    sources: pl.DataFrame | None = None
    sources_path: str | None = None
    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    aliases_path: str | None = None
    deferred: DeferredColumns | None = None
    """Columns left in the file (deferred.py), absent from `claims`; None: all are held."""

    @property
    def directory(self) -> Path | None:
        """Where the sources' text paths are relative to."""
        return Path(self.sources_path).parent if self.sources_path else None


def default_beside(claims_path: str | Path, name: str) -> Path | None:
    """`sources.csv` or `aliases.csv` next to the claims file, when it exists."""
    if str(claims_path) == STDIN:
        return None
    candidate = Path(claims_path).parent / name
    return candidate if candidate.is_file() else None


def load_table(
    claims_path: str | Path,
    *,
    sources_path: str | Path | None = None,
    aliases_path: str | Path | None = None,
    stdin: IO[bytes] | None = None,
    discover: bool = True,
    deferred: Collection[str] = (),
) -> ClaimsTable:
    """Read, validate and normalize a claims table; raise InputErrors with every problem.

    With `discover`, `sources.csv` and `aliases.csv` beside the claims file are
    used when no path is given. `deferred` columns may be left in a large file
    (csvfile.read_csv): they are then absent from `claims`, and `deferred` reads them.
    """
    if discover:
        sources_path = sources_path or default_beside(claims_path, "sources.csv")
        aliases_path = aliases_path or default_beside(claims_path, "aliases.csv")
    errors: list[InputError] = []
    sources = collect(errors, lambda: load_sources(sources_path)) if sources_path else None
    aliases = collect(errors, lambda: load_aliases(aliases_path)) if aliases_path else {}
    raw = collect(errors, lambda: read_claims(claims_path, stdin=stdin, deferred=deferred))
    if raw is None or errors:
        raise InputErrors(errors)
    claims = _validate_claims(raw, sources, aliases or {}, errors)
    if errors:
        errors.sort(key=lambda e: (e.location.path, e.location.line or 0))
        raise InputErrors(errors)
    return ClaimsTable(
        path=raw.path,
        claims=claims,
        sources=sources,
        sources_path=str(sources_path) if sources_path else None,
        aliases=aliases or {},
        aliases_path=str(aliases_path) if aliases_path else None,
        deferred=raw.deferred,
    )


def read_claims(
    path: str | Path,
    *,
    data: bytes | None = None,
    stdin: IO[bytes] | None = None,
    deferred: Collection[str] = (),
) -> CsvFile:
    """A claims file read and structurally checked, `READ_AS_CATEGORICAL` as Categoricals."""
    return read_csv(path, required=REQUIRED_CLAIM_COLUMNS, what="claims", data=data,
                    stdin=stdin, categorical=READ_AS_CATEGORICAL,
                    open_vocabulary=OPEN_VOCABULARY, deferred=deferred)  # fmt: skip


def validate_claims(
    raw: CsvFile,
    sources: pl.DataFrame | None = None,
    aliases: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[pl.DataFrame, list[InputError]]:
    """What `load_table` does to claims once read: checked, normalized, every problem listed.

    The Dask engine runs it on each partition of a table (its `_line` already
    the record's line in the whole file), so partitions are checked as the
    local engine checks the table.
    """
    errors: list[InputError] = []
    return _validate_claims(raw, sources, aliases or {}, errors), errors


DUPLICATE_CLAIM_ID = "duplicate claim_id {}"
"""The message for a claim id seen before: `{}` is the id as quoted in messages."""


def quoted(value: str) -> str:
    """A cell's value as quoted in a message: long values are cut."""
    return _shown(value)



def _with_all(raw: CsvFile, columns: tuple[str, ...]) -> pl.DataFrame:
    """The frame with every contract column present (absent optional columns are empty)."""
    import polars as pl

    later = raw.deferred.positions if raw.deferred is not None else {}
    missing = [pl.lit("").alias(name) for name in columns
               if name not in raw.frame.columns and name not in later]  # fmt: skip
    frame = raw.frame.with_columns(missing) if missing else raw.frame
    # Only columns that hold nulls are rewritten: a copy of a million quotes is
    # memory the allocator keeps for the rest of the run.
    nulls = [name for name in columns if name in frame.columns
             and frame.get_column(name).null_count()]  # fmt: skip
    return frame.with_columns(pl.col(nulls).fill_null("")) if nulls else frame


def _stripped(frame: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
    """`columns` stripped of surrounding whitespace; only columns that have any are rewritten."""
    import polars as pl

    text = [name for name in columns if not _coded(frame, name)]
    padded = frame.select(_padded(pl.col(text)).any()).row(0) if text else ()
    names = [name for name, pad in zip(text, padded, strict=True) if pad]
    names += [name for name in columns if _coded(frame, name)
              and pl.select(_padded(pl.lit(_values(frame, name))).any()).item()]  # fmt: skip
    return frame.with_columns(_as_text(frame, name, _strip) for name in names)


def _strip(text: pl.Expr) -> pl.Expr:
    return text.str.strip_chars()


def _padded(text: pl.Expr) -> pl.Expr:
    """Whether `_strip` changes a cell: asked of the strip itself, whose views are not
    copied, rather than of a pattern for white space at either end, which a regular
    expression looks for in the whole cell (0.037 s against 0.049 s for four text
    columns of a million claims)."""
    return _strip(text).str.len_bytes() != text.str.len_bytes()


def _coded(frame: pl.DataFrame, name: str) -> bool:
    """Whether a column is a Categorical (`READ_AS_CATEGORICAL`), whose checks run per value."""
    import polars as pl

    return frame.schema[name] == pl.Categorical


def _values(frame: pl.DataFrame, name: str) -> pl.Series:
    """A Categorical column's distinct values, as strings: what its checks look at."""
    import polars as pl

    values: pl.Series = frame.get_column(name).unique().cast(pl.String)
    return values


def _as_text(frame: pl.DataFrame, name: str, change: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
    """`change` (a string expression) applied to a column, a Categorical staying one."""
    import polars as pl

    if not _coded(frame, name):
        return change(pl.col(name))
    return change(pl.col(name).cast(pl.String)).cast(pl.Categorical)


def _blank(frame: pl.DataFrame, name: str) -> pl.Expr:
    """Rows whose cell is empty or white space."""
    import polars as pl

    if not _coded(frame, name):
        return ~pl.col(name).str.contains(_FILLED)
    values = _values(frame, name)
    return pl.col(name).is_in(values.filter(~values.str.contains(_FILLED)).implode())


_FILLED = r"\S"
"""A character that is not white space: a cell without one is blank. What stripping to ""
finds, by Unicode's White_Space either way, without a stripped copy of every cell (0.018 s
against 0.029 s for the subjects and metrics of a million claims)."""


def _choice(frame: pl.DataFrame, name: str, default: str) -> pl.Expr:
    """A choice column lower-cased, an empty cell meaning `default`.

    A Categorical whose values are all lower case already (the usual table)
    is not rewritten: only its empty value is renamed.
    """
    import polars as pl

    if _coded(frame, name):
        values = _values(frame, name)
        if (values == values.str.to_lowercase()).all():
            return pl.col(name).replace("", default)
    return _as_text(frame, name, lambda t: t.str.to_lowercase().replace("", default))


@dataclass(frozen=True)
class _Check:
    """One row check of `_Checks`: which rows fail, and what each is told."""

    mask: pl.Expr
    """Where it holds, the row fails; a null is no failure."""
    column: str
    message: Callable[[str], str]
    raw: bool
    """The cell goes into the message as it is, not quoted and shortened (`_shown`)."""
    some: pl.Expr | None
    """A cheaper count that is 0 whenever no row fails (`_Checks.add`)."""

    def failing(self) -> pl.Expr:
        return self.mask.fill_null(value=False)

    def count(self) -> pl.Expr:
        """0 when no row fails; counted for every check in one pass."""
        return self.failing().sum() if self.some is None else self.some


class _Checks:
    """Row checks gathered first and evaluated together in one polars pass.

    Counting every check's failures in a single `select` lets polars share
    work and run checks in parallel; only checks that fail go back to the
    frame to find their rows, which is the rare path.
    """

    def __init__(self) -> None:
        self._checks: list[_Check] = []

    def add(
        self,
        mask: pl.Expr,
        column: str,
        message: Callable[[str], str],
        *,
        raw: bool = False,
        some: pl.Expr | None = None,
    ) -> None:
        """A check: rows where `mask` holds get `message(cell)`; the cell quoted unless `raw`.

        `some`: a cheaper count that is 0 whenever no row fails, counted in place
        of the mask's; the mask is then evaluated only where it is not 0.
        """
        self._checks.append(_Check(mask, column, message, raw, some))

    def run(self, frame: pl.DataFrame, path: str, errors: list[InputError]) -> None:
        import polars as pl

        if not self._checks or not frame.height:
            return
        counts = frame.select(
            check.count().alias(str(i)) for i, check in enumerate(self._checks)
        ).row(0)
        for count, check in zip(counts, self._checks, strict=True):
            if not count:
                continue
            bad = frame.filter(check.failing())
            cells = bad.select(LINE_COLUMN, pl.col(check.column).fill_null(""))
            for line, value in cells.iter_rows():
                text = check.message(value if check.raw else _shown(value))
                errors.append(InputError(text, Location(path, line, check.column)))


def _fixed(message: str) -> Callable[[str], str]:
    """A message that does not depend on the cell's value."""
    return lambda _value: message


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _validate_claims(
    raw: CsvFile,
    sources: pl.DataFrame | None,
    aliases: Mapping[str, Mapping[str, str]],
    errors: list[InputError],
) -> pl.DataFrame:
    import polars as pl

    frame = _checked(raw, sources, errors)
    frame = _resolve_units(frame, raw.path, aliases.get("unit", {}), errors)
    _check_scaled(frame, raw.path, errors)
    frame = _resolve_times(frame.drop(_NUMBER_FACTS), raw.path, sources, errors)
    normalized = normalize_columns(frame, KEY_FIELDS, aliases)
    keys = [key.alias(f"{name}_key") for name, key in zip(KEY_FIELDS, normalized, strict=True)]
    frame = frame.with_columns(*keys, pl.col("period").alias("period_key"))
    return frame.with_columns(pl.col(CATEGORICAL_COLUMNS).cast(pl.Categorical))


def _checked(
    raw: CsvFile, sources: pl.DataFrame | None, errors: list[InputError]
) -> pl.DataFrame:
    """The claims with choices normalized, and every row check's problems in `errors`.

    The frame keeps the `_NUMBER_FACTS` columns for `_check_scaled`, which reads them
    once units are resolved; `_validate_claims` drops them after it.
    """
    import polars as pl

    path = raw.path
    stripped = ("qualifier", "modality", "period", "as_of", "value", "value_high", "claim_id",
                "source_id")  # fmt: skip
    frame = _stripped(_with_all(raw, CLAIM_COLUMNS), stripped)
    frame = frame.with_columns(
        _choice(frame, "qualifier", Qualifier.EXACT.value),
        _choice(frame, "modality", Modality.ASSERTED.value),
        *_number_facts(),
    )
    checks = _Checks()
    for name in REQUIRED_CLAIM_COLUMNS:
        # A stripped text cell is blank only when empty: no second strip to find out.
        blank = pl.col(name) == "" if name in stripped and not _coded(frame, name) else None
        checks.add(_blank(frame, name) if blank is None else blank, name,
                   _fixed(f"{name} is required and empty"))  # fmt: skip
    # Rows are in file order, so a repeat is any row after its id's first one. Counting
    # the distinct ids first is half the cost of marking first ones (0.09 s against
    # 0.17 s for a million), and in a table without repeats the only cost; counted
    # with the other checks, on polars' threads beside them. The ids' 64-bit hashes
    # are counted, not the ids: a repeated id repeats its hash, so the count is never 0
    # when a row fails, and two ids whose hashes collide only send the table to the
    # exact mask, which finds no row (0.016 s against 0.060 s for a million ids).
    checks.add((pl.col("claim_id") != "") & ~pl.col("claim_id").is_first_distinct(),
               "claim_id", DUPLICATE_CLAIM_ID.format,
               some=pl.len() - pl.col("claim_id").hash().n_unique())  # fmt: skip
    _check_numbers(checks)
    _check_choices(checks)
    if sources is not None:
        known = sources.get_column("source_id")
        checks.add((pl.col("source_id") != "") & ~pl.col("source_id").is_in(known.implode()),
                "source_id", lambda v: f"source_id {v} is not in the sources file")  # fmt: skip
    checks.run(frame, path, errors)
    return frame


_NUMBER_FACTS = ("_value_ok", "_value_number", "_value_high_ok", "_value_high_number")
"""Columns `_number_facts` adds for the checks, dropped once they have run."""


def _number_facts() -> list[pl.Expr]:
    """Whether each number cell is written as VALUE_PATTERN says, and its float.

    Computed once as columns for the six checks and `_check_scaled`, which read
    them: as expressions inside each check, the pattern was matched three times
    a cell and the cast done three times (0.20 s of checks against 0.03 s for
    these columns, at a million claims).
    """
    import polars as pl

    return [
        expr
        for name in ("value", "value_high")
        for expr in (
            pl.col(name).str.contains(VALUE_PATTERN).alias(f"_{name}_ok"),
            pl.col(name).cast(pl.Float64, strict=False).alias(f"_{name}_number"),
        )
    ]


def _check_numbers(checks: _Checks) -> None:
    import polars as pl

    for name in ("value", "value_high"):
        column = pl.col(name)
        present = column != ""
        too_long = column.str.len_chars() > MAX_VALUE_LENGTH
        checks.add(present & too_long, name,
                lambda _v: f"value longer than {MAX_VALUE_LENGTH} characters")  # fmt: skip
        well_formed = pl.col(f"_{name}_ok")
        malformed = present & ~too_long & ~well_formed
        checks.add(malformed, name, _not_a_number, raw=True)
        readable = present & ~too_long & well_formed
        infinite = readable & ~pl.col(f"_{name}_number").is_finite()
        checks.add(infinite, name, lambda v: f"{v} is not a finite number")
    is_range = pl.col("qualifier") == Qualifier.RANGE.value
    checks.add(is_range & (pl.col("value_high") == ""), "value_high",
            lambda _v: "qualifier is range, so value_high is required")  # fmt: skip
    checks.add(~is_range & (pl.col("value_high") != "") & pl.col("qualifier").is_in(
                [q.value for q in Qualifier]),
            "value_high",
            lambda _v: "value_high is only read with qualifier range")  # fmt: skip
    low, high = pl.col("_value_number"), pl.col("_value_high_number")
    numeric = pl.col("_value_ok") & pl.col("_value_high_ok")
    checks.add(is_range & numeric & (high < low), "value_high",
            lambda v: f"range is inverted: value_high {v} is below value")  # fmt: skip


def _not_a_number(value: str) -> str:
    odd = odd_characters(value)
    holds = f" (it holds {odd})" if odd else ""
    return (f"{_shown(value)} is not a number{holds}: write ASCII digits with '.' as decimal "
            "point and no thousands separators (e.g. 11000 or 5.5)")  # fmt: skip


def _check_scaled(frame: pl.DataFrame, path: str, errors: list[InputError]) -> None:
    """Values that overflow once scaled (`1e308 billion`) would drop out of every comparison."""
    import polars as pl

    factor = pl.col("factor")
    for name in ("value", "value_high"):
        number = pl.col(f"_{name}_number")  # `_number_facts`: the cast the checks made
        # An infinite value is already "not a finite number": one message per cell.
        overflows = number.is_finite() & (number * factor).is_infinite()
        bad = frame.filter(overflows.fill_null(value=False))
        for line, value, unit in bad.select(LINE_COLUMN, name, "unit").iter_rows():
            message = (f"{_shown(value)} {_shown(unit)} is too large once scaled to base units "
                       "(beyond about 1.8e308)")  # fmt: skip
            errors.append(InputError(message, Location(path, line, name)))


def _check_choices(checks: _Checks) -> None:
    import polars as pl

    for name, enum in (("qualifier", Qualifier), ("modality", Modality)):
        allowed = [member.value for member in enum]
        choices = ", ".join(allowed)
        checks.add(~pl.col(name).is_in(allowed), name,
                lambda v, c=choices: f"{v} is not one of {c}")  # type: ignore[misc]  # fmt: skip


def _distinct_map(
    frame: pl.DataFrame,
    column: str,
    parse: Callable[[str], _T],
    path: str,
    errors: list[InputError],
) -> dict[str, _T]:
    """Parse each distinct non-empty value once; report every row holding a bad one."""
    import polars as pl

    parsed: dict[str, _T] = {}
    bad: dict[str, str] = {}
    for value in frame.get_column(column).unique().to_list():
        if not value.strip():  # a blank cell is the required-cell check's to report
            continue
        try:
            parsed[value] = parse(value)
        except ValueError as exc:
            bad[value] = str(exc)
    if bad:
        rows = frame.filter(pl.col(column).is_in(list(bad))).select(LINE_COLUMN, column)
        for line, value in rows.iter_rows():
            errors.append(InputError(bad[value], Location(path, line, column)))
    return parsed


def _resolve_units(
    frame: pl.DataFrame, path: str, unit_aliases: Mapping[str, str], errors: list[InputError]
) -> pl.DataFrame:
    import polars as pl

    from claimcheck.units import UnknownUnitError, resolve, save_cache

    def parse(text: str) -> tuple[float, str, str]:
        try:
            unit = resolve(unit_aliases.get(normalize_name(text), text))
        except UnknownUnitError as exc:
            raise ValueError(str(exc)) from None
        return unit.factor, unit.dimension, unit.base_unit

    units = _distinct_map(frame, "unit", parse, path, errors)
    save_cache()
    names = list(units)

    def coded(part: int) -> pl.Expr:
        # Made Categoricals from the distinct values, as CATEGORICAL_COLUMNS keeps them:
        # a column of strings cast after took 0.04 s, against 0.008 s this way.
        values = pl.Series([unit[part] for unit in units.values()], dtype=pl.Categorical)
        return pl.col("unit").replace_strict(names, values, default=None,
                                             return_dtype=pl.Categorical)  # fmt: skip

    return frame.with_columns(
        pl.col("unit").replace_strict(names, [u[0] for u in units.values()], default=None,
                                      return_dtype=pl.Float64).alias("factor"),
        coded(1).alias("dimension"),
        coded(2).alias("base_unit"),
    )  # fmt: skip


def _resolve_times(
    frame: pl.DataFrame, path: str, sources: pl.DataFrame | None, errors: list[InputError]
) -> pl.DataFrame:
    import polars as pl

    periods = _distinct_map(frame, "period", parse_period, path, errors)
    dates = _distinct_map(frame, "as_of", parse_date, path, errors)
    open_names = [text for text, period in periods.items() if period.is_open]
    frame = frame.with_columns(pl.col("period").is_in(open_names).alias("period_open"))
    time_text = pl.col("as_of")
    if sources is not None:
        published = dict(
            sources.select("source_id", "published").filter(pl.col("published") != "").iter_rows()
        )
        # A Categorical, as `as_of` is and CATEGORICAL_COLUMNS keeps it: looked up as text,
        # a million claims' times took 0.099 s to resolve and code, against 0.042 s.
        dated = pl.Series(list(published.values()), dtype=pl.Categorical)
        time_text = (
            pl.when(time_text != "")
            .then(time_text)
            .otherwise(
                pl.col("source_id").replace_strict(
                    list(published),
                    dated,
                    default=pl.lit("", pl.Categorical),
                    return_dtype=pl.Categorical,
                )
            )
        )
        for value in published.values():
            dates.setdefault(value, parse_date(value))
    frame = frame.with_columns(time_text.alias("time_text"))
    names = list(dates)
    return frame.with_columns(
        pl.col("time_text").replace_strict(names, [d.first for d in dates.values()],
                                           default=None, return_dtype=pl.Int64).alias("time_first"),
        pl.col("time_text").replace_strict(names, [d.last for d in dates.values()],
                                           default=None, return_dtype=pl.Int64).alias("time_last"),
    )  # fmt: skip


def load_sources(path: str | Path) -> pl.DataFrame:
    """Read sources.csv: unique `source_id`s, ISO `published` dates, BCP 47 languages."""
    import polars as pl

    raw = read_csv(path, required=("source_id",), what="sources")
    frame = _stripped(_with_all(raw, SOURCE_COLUMNS), SOURCE_COLUMNS)
    errors: list[InputError] = []
    checks = _Checks()
    checks.add(pl.col("source_id") == "", "source_id",
            lambda _v: "source_id is required and empty")  # fmt: skip
    checks.add((pl.col("source_id") != "") & ~pl.col("source_id").is_first_distinct(), "source_id",
            lambda v: f"duplicate source_id {v}")  # fmt: skip
    _distinct_map(frame, "published", parse_date, raw.path, errors)
    checks.add((pl.col("language") != "") & ~pl.col("language").str.contains(_LANGUAGE), "language",
            lambda v: f"{v} is not a BCP 47 language tag (e.g. de, en, de-AT)")  # fmt: skip
    checks.run(frame, raw.path, errors)
    if errors:
        raise InputErrors(errors)
    return frame


def load_aliases(path: str | Path) -> dict[str, dict[str, str]]:
    """Read aliases.csv into field -> normalized alias -> normalized canonical name.

    Names are stored normalized, so an alias matches every spelling that
    normalizes alike; a unit alias maps to a unit expression as written.
    """
    raw = read_csv(path, required=ALIAS_COLUMNS, what="aliases")
    frame = _with_all(raw, ALIAS_COLUMNS)
    errors: list[InputError] = []
    table: dict[str, dict[str, str]] = {name: {} for name in ALIAS_FIELDS}
    where: dict[tuple[str, str], int] = {}
    for line, written, alias, canonical in frame.select(LINE_COLUMN, *ALIAS_COLUMNS).iter_rows():
        field_name = written.strip().lower()
        if field_name not in table:
            message = f"{_shown(written)} is not one of {', '.join(ALIAS_FIELDS)}"
            errors.append(InputError(message, Location(raw.path, line, "field")))
            continue
        if not alias.strip() or not canonical.strip():
            column = "alias" if not alias.strip() else "canonical"
            errors.append(InputError(f"{column} is required and empty",
                                     Location(raw.path, line, column)))  # fmt: skip
            continue
        key = normalize_name(alias)
        target = canonical.strip() if field_name == "unit" else normalize_name(canonical)
        previous = table[field_name].get(key)
        if previous is not None and previous != target:
            errors.append(InputError(
                f"alias {_shown(alias)} already maps to {_shown(previous)} "
                f"(line {where[field_name, key]})", Location(raw.path, line, "alias")))  # fmt: skip
            continue
        table[field_name][key] = target
        where[field_name, key] = line
    for field_name, mapping in table.items():
        lines = {key: line for (name, key), line in where.items() if name == field_name}
        table[field_name] = _resolved_chains(field_name, mapping, lines, raw.path, errors)
    if errors:
        raise InputErrors(errors)
    return table


def _resolved_chains(
    field_name: str,
    mapping: dict[str, str],
    lines: Mapping[str, int],
    path: str,
    errors: list[InputError],
) -> dict[str, str]:
    """Each alias mapped to the end of its chain (`NK -> Nordkorea -> DPRK` gives `NK -> DPRK`).

    Applied once, a chain would resolve one step and split one quantity into
    several; a cycle (`A -> B`, `B -> A`) names no canonical name at all and
    is an error listing its lines, reported once at its first line.
    """
    key_of = normalize_name if field_name == "unit" else (lambda name: name)
    resolved: dict[str, str] = {}
    reported: set[str] = set()
    for alias, first_target in mapping.items():
        chain, target = [alias], first_target
        while (step := key_of(target)) in mapping and mapping[step] != target and step != chain[-1]:
            if step in chain:
                cycle = chain[chain.index(step):]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    first = min(cycle, key=lambda name: lines[name])
                    listed = ", ".join(f"line {lines[name]}" for name in
                                       sorted(cycle, key=lambda name: lines[name]))  # fmt: skip
                    errors.append(InputError(
                        f"{field_name} aliases form a cycle: "
                        f"{' -> '.join(_shown(name) for name in [*cycle, step])} ({listed}); "
                        "each chain of aliases must end in one canonical name",
                        Location(path, lines[first], "canonical"),
                    ))  # fmt: skip
                break
            chain.append(step)
            target = mapping[step]
        resolved[alias] = target
    return resolved
