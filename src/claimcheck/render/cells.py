"""Spreadsheet-safe text cells (`--excel-safe`), as OWASP's CSV-injection page recommends.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula,
and tab or carriage return can smuggle one past a naive check; a quote taken
from a hostile web page can therefore run code on an analyst's machine. The
cure is to start such a cell with an apostrophe, which spreadsheets read as
"this is text". Numbers (`-5`, `1e6`) are left alone: they are data, and an
apostrophe would turn them into text. Programs that read the CSV get the
apostrophe as part of the value, which is why this is an option and off by
default.
"""

from __future__ import annotations

import re

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf")


def excel_safe(cell: str) -> str:
    """The cell with a leading apostrophe when a spreadsheet would read it as a formula."""
    if cell.startswith(_TRIGGERS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
