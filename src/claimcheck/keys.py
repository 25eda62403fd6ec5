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
    printable = distinct.str.contains(r"^[ -~]*$")
    plain = distinct.filter(printable)
    other = distinct.filter(~printable)
    folded = pl.concat([
        plain.str.to_lowercase().str.replace_all(r"[ _\-]+", "_").str.strip_chars("_"),
        pl.Series([normalize_name(name) for name in other.to_list()], dtype=pl.String),
    ])  # fmt: skip
    if aliases:
        folded = folded.replace(dict(aliases))
    distinct = pl.concat([plain, other])
    result: pl.Series = written.replace_strict(distinct, folded, return_dtype=pl.String)
    return result.alias(column)
