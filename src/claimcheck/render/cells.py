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

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf")


def excel_safe(cell: str) -> str:
    """The cell with a leading apostrophe when a spreadsheet would read it as a formula."""
    if cell.startswith(_TRIGGERS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def excel_safe_rows(rows: Iterable[Iterable[object]]) -> Iterator[list[object]]:
    """Rows for a csv writer with every text cell made spreadsheet-safe; numbers stay numbers."""
    for row in rows:
        yield [excel_safe(cell) if isinstance(cell, str) else cell for cell in row]


def excel_safe_csv(text: str) -> str:
    """A whole CSV document with every cell made spreadsheet-safe, quoting and line ends kept.

    For writers that produce CSV text themselves (extract, draft): the cells are
    read back with the csv module, made safe and written in the same dialect.
    """
    terminator = "\r\n" if "\r\n" in text else "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=terminator)
    writer.writerows(excel_safe_rows(csv.reader(io.StringIO(text, newline=""))))
    return out.getvalue()


def write_csv_cells(
    write: Callable[[TextIO], None], out: TextIO, *, excel_safe: bool = False
) -> None:
    """Run a CSV writer into `out`, its cells made spreadsheet-safe with `excel_safe`.

    The one way for a command with `--excel-safe` (extract, draft) to honour it
    around a writer that knows nothing of it.
    """
    if not excel_safe:
        write(out)
        return
    buffer = io.StringIO()
    write(buffer)
    out.write(excel_safe_csv(buffer.getvalue()))
