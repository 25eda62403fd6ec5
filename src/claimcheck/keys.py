"""Names: how `subject`, `metric` and `object` are made comparable (contract section 2).

`North Korea`, `north_korea` and `north-korea` are one name: NFKC, casefold,
trim, and every run of spaces, `_` and `-` read as one `_`. Then `aliases.csv`
maps spellings onto the canonical name of each field. Normalization runs once
per distinct name and the result is mapped onto the column, because a large
table repeats a few thousand names a million times.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

KEY_FIELDS = ("subject", "metric", "object")
"""The name fields that aliases may map; `unit` aliases are applied to unit strings."""

ALIAS_FIELDS = (*KEY_FIELDS, "unit")

_SEPARATORS = re.compile(r"[\s_\-]+")

Aliases = Mapping[str, Mapping[str, str]]
"""field -> normalized alias -> normalized canonical name."""


@lru_cache(maxsize=1 << 17)
def normalize_name(text: str) -> str:
    """The comparable form of a name (without aliases)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SEPARATORS.sub("_", folded).strip("_")


PRINTABLE_ASCII = r"^[ -~]*$"
"""Names polars may fold or read itself: in printable ASCII, its string functions and
regular expressions agree with Python's Unicode-aware ones."""


def normalize_columns(
    frame: pl.DataFrame, columns: tuple[str, ...], aliases: Aliases
) -> list[pl.Series]:
    """`normalize_name` of several name columns, aliases applied; a null is "".

    A column already in its folded form (lower case, single `_` between
    words: how most tables are written) is its own key, the same memory
    rather than a copy, and is not folded at all: the three name columns of
    the varied bench table take 0.20 s instead of 0.42 s. Every other column
    is folded once per distinct name (`_keys_of_names`).
    """
    import polars as pl

    # One pattern answers the usual table, where two (printable? unfolded?) were asked
    # of every column: 0.063 s against 0.150 s for the three name columns of the varied
    # bench table. A null is "", its own key, as `.all()` reads it. A column whose first
    # rows are not their own keys is not asked it at all: on the simple bench table,
    # written `Country 1`, it cost 0.04 s and answered nothing.
    def own_keys(rows: pl.DataFrame, names: list[str]) -> list[str]:
        if not names:
            return []
        written = pl.col(names)
        held = rows.select((written.str.contains(FOLDED) | (written == "")).all())
        return [name for name, own in held.row(0, named=True).items() if own]

    same = set(own_keys(frame, own_keys(frame.head(_FIRST_ROWS), list(columns))))
    keys = _keys_of_names(frame, [name for name in columns if name not in same], aliases)
    result = []
    for name in columns:
        if name not in same:
            result.append(keys[name])
            continue
        column = frame.get_column(name).fill_null("")
        if aliases.get(name):
            column = column.replace(dict(aliases[name]))
        result.append(column)
    return result


def normalize_column(frame: pl.DataFrame, column: str, aliases: Mapping[str, str]) -> pl.Series:
    """`normalize_columns` of one name column."""
    (key,) = normalize_columns(frame, (column,), {column: aliases})
    return key


def _keys_of_names(
    frame: pl.DataFrame, columns: list[str], aliases: Aliases
) -> dict[str, pl.Series]:
    """The key of each row's name, worked out once per distinct name and gathered back.

    A table repeats its names: the simple bench table's million claims hold
    20,000 distinct subjects and 320,445 distinct metrics. Each column is
    coded as a Categorical of categories of its own, so its codes are its
    names and no other column's; the columns are coded side by side on
    polars' threads, and their distinct names folded on the streaming engine.
    For the simple table's three name columns, 0.39 against 0.50 s and 0.59
    against 0.87 s of CPU (medians of five), where every row was folded and
    asked whether it is printable.

    Coding a name costs more than folding it: a column of a million distinct
    names took 0.91 s against 0.32 s. A column whose estimated distinct
    names are more than half its rows (`_MOSTLY_DISTINCT`: a 0.02 s
    estimate for both columns of the simple table, where counting them
    exactly took 0.10 s) is folded whole instead.

    Printable ASCII names are folded in polars: there NFKC changes nothing,
    lower-casing is casefolding and space is the only white space, so the
    result is exactly `normalize_name`'s. Every other name takes
    `normalize_name` itself, so no difference between polars' and Python's
    Unicode tables can leak in.
    """
    import polars as pl

    if not columns:
        return {}
    estimates = frame.select(pl.col(columns).approx_n_unique()).row(0, named=True)
    whole = {name for name in columns if estimates[name] > _MOSTLY_DISTINCT * frame.height}
    coded = frame.select(
        pl.col(name).fill_null("") if name in whole
        else pl.col(name).fill_null("").cast(pl.Categorical(pl.Categories.random()))
        for name in columns
    )  # fmt: skip
    names = [
        coded.get_column(name) if name in whole else coded.get_column(name).unique()
        for name in columns
    ]
    spelled = pl.col("name")
    folds = pl.collect_all(
        [
            pl.LazyFrame([values.cast(pl.String).alias("name")]).select(
                spelled,
                _fold(spelled).alias("key"),
                spelled.str.contains(PRINTABLE_ASCII).alias("plain"),
            )
            for values in names
        ],
        engine="streaming",
    )
    keys = {}
    for column, values, fold in zip(columns, names, folds, strict=True):
        key = fold.get_column("key")
        other = (~fold.get_column("plain")).arg_true()
        if other.len():
            texts = fold.get_column("name").gather(other).to_list()
            key = key.scatter(other, [normalize_name(text) for text in texts])
        if aliases.get(column):
            key = key.replace(dict(aliases[column]))
        if column in whole:
            keys[column] = key.alias(column).rechunk()
            continue
        codes = values.to_physical()
        # Indexed by code: a column's codes are its own, so there are about as many as names.
        by_code = pl.Series(column, [None], dtype=pl.String)
        top = codes.max()
        size = top if isinstance(top, int) else 0
        by_code = by_code.extend_constant(None, size).scatter(codes, key)
        keys[column] = by_code.gather(coded.get_column(column).to_physical())
    return keys


_MOSTLY_DISTINCT = 0.5
"""The share of a column's rows, in distinct names, past which it is folded whole."""


_FIRST_ROWS = 1024
"""Rows of a name column read first, to tell whether the whole column may be its own key."""

_PLAIN = r"[!-,.-@\[-^`-~]"
"""Printable ASCII that `_fold` keeps as it is: neither a capital, a space, `-` nor `_`."""
FOLDED = rf"^{_PLAIN}+(?:_{_PLAIN}+)*$"
"""A name in printable ASCII that is its own folded form, not empty: words of `_PLAIN`
joined by single `_`s. `_fold` changes every other printable name: a capital, a space
or `-`, a doubled `_`, or `_` at either end."""


def _fold(text: pl.Expr) -> pl.Expr:
    """`normalize_name` for printable ASCII, where NFKC changes nothing and lower-casing is
    casefolding."""
    return text.str.to_lowercase().str.replace_all(r"[ _\-]+", "_").str.strip_chars("_")
