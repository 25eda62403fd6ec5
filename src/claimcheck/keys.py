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
    """`normalize_column` for several columns: those holding printable ASCII only in one query.

    A one-chunk string column is folded on one core; folding the columns in
    one query folds them side by side (0.18 s against 0.25 s for the three name
    columns of a million claims), and without the distinct-value round trip.
    A column already in its folded form (lower case, single `_` between
    words: how most tables are written) is its own key, the same memory
    rather than a copy, and is not folded at all: the three name columns of
    the varied bench table take 0.20 s instead of 0.42 s.
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
    # Any other column has a name that folding changes, or one that is not printable
    # ASCII: it is folded, in polars where every name is printable ASCII.
    rest = [name for name in columns if name not in same]
    printable: dict[str, bool] = {}
    if rest:
        text = pl.col(rest).fill_null("")
        printable = frame.select(text.str.contains(PRINTABLE_ASCII).all()).row(0, named=True)
    to_fold = [name for name in rest if printable[name]]
    # On the streaming engine, which folds each column on every core, where in memory
    # a one-chunk column is folded on one: 0.89x the time of a read and five folds of
    # the simple bench table's two unfolded columns.
    lazy = frame.lazy().select(_fold(pl.col(name).fill_null("")) for name in to_fold)
    folded = lazy.collect(engine="streaming").rechunk() if to_fold else frame.clear()
    result = []
    for name in columns:
        if name not in same and name not in to_fold:
            result.append(normalize_column(frame, name, aliases.get(name, {})))
            continue
        column = frame.get_column(name).fill_null("") if name in same else folded.get_column(name)
        if aliases.get(name):
            column = column.replace(dict(aliases[name]))
        result.append(column)
    return result


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


def normalize_column(frame: pl.DataFrame, column: str, aliases: Mapping[str, str]) -> pl.Series:
    """Normalize one name column (null stays empty), resolving aliases, per distinct value."""
    import polars as pl

    # Work on distinct spellings only (a large table repeats a few thousand names a
    # million times). Printable ASCII is folded in polars: there NFKC changes nothing,
    # lower-casing is casefolding and space is the only white space, so the result
    # is exactly `normalize_name`'s. Every other name takes `normalize_name` itself,
    # so no difference between polars' and Python's Unicode tables can leak in.
    written = frame.get_column(column).fill_null("")
    distinct = written.unique()
    printable = distinct.str.contains(PRINTABLE_ASCII)
    plain = distinct.filter(printable)
    other = distinct.filter(~printable)
    folded = pl.concat([
        plain.to_frame("name").select(_fold(pl.col("name"))).to_series(),
        pl.Series([normalize_name(name) for name in other.to_list()], dtype=pl.String),
    ])  # fmt: skip
    if aliases:
        folded = folded.replace(dict(aliases))
    distinct = pl.concat([plain, other])
    result: pl.Series = written.replace_strict(distinct, folded, return_dtype=pl.String)
    return result.alias(column)
