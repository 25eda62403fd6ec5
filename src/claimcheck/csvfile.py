"""Reading one CSV file into a frame of strings, with the line of every record.

Two passes, each doing what it is best at. The standard library's csv module
walks the file once to check its structure (ragged rows, unterminated quotes,
invalid UTF-8, oversized fields) and to note the line on which every record
starts, so every later message can name `PATH:LINE`. polars then reads the
same bytes into columns, which is what makes a million-row table cheap to
validate and compare. When the two passes disagree about the rows (a dialect
corner polars reads differently), the frame is built from the csv module's
rows instead: slower, never wrong.
"""

from __future__ import annotations

import csv
import io
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from claimcheck.errors import InputError, InputErrors, Location

if TYPE_CHECKING:
    import polars as pl

FIELD_LIMIT = 131_072
"""No cell may be longer: a quote is a sentence or two, never a book."""

LINE_COLUMN = "_line"
"""Name of the column that carries each record's first line number."""

STDIN = "-"


@dataclass(frozen=True)
class CsvFile:
    """A CSV file read as strings: `frame` holds one row per record, plus `_line`."""

    path: str
    header: tuple[str, ...]
    frame: pl.DataFrame


def display_path(path: str | Path) -> str:
    """How a path appears in messages: as the user typed it, `<stdin>` for `-`."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_bytes(path: str | Path, *, stdin: IO[bytes] | None = None) -> bytes:
    """Read a whole input, `-` meaning standard input; missing files are input errors."""
    shown = display_path(path)
    if str(path) == STDIN:
        return (stdin or sys.stdin.buffer).read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", Location(shown)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a CSV file", Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(shown)) from None


def read_csv(
    path: str | Path,
    *,
    required: Sequence[str],
    what: str,
    data: bytes | None = None,
    stdin: IO[bytes] | None = None,
) -> CsvFile:
    """Read and structurally check one CSV file; raise InputErrors listing every problem.

    `required` names the columns that must be in the header; `what` names the
    kind of file in messages ("claims", "sources").
    """
    shown = display_path(path)
    raw = read_bytes(path, stdin=stdin) if data is None else data
    text = _decode(raw, shown)
    header, lines, errors = _scan(text, shown, what)
    missing = [name for name in required if name not in header]
    if missing:
        errors.insert(
            0,
            InputError(
                f"missing required column(s): {', '.join(missing)}",
                Location(shown, 1, missing[0]),
            ),
        )
    if errors:
        raise InputErrors(errors)
    frame = _frame(raw, text, header, lines)
    return CsvFile(shown, tuple(header), frame)


def _decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM is allowed); name the line and byte of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte {column} of the line); "
            "save the file as UTF-8",
            Location(shown, line, "(encoding)"),
        ) from None


def _scan(text: str, shown: str, what: str) -> tuple[list[str], array[int], list[InputError]]:
    """Walk the records once: header, the first line of each record, structural errors."""
    errors: list[InputError] = []
    if not text.strip():
        raise InputError(f"the {what} file is empty: expected a header row", Location(shown, 1))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            "contains NUL bytes: this looks like a binary file, not CSV", Location(shown, line)
        )
    lines: array[int] = array("I")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    old_limit = csv.field_size_limit(FIELD_LIMIT)
    try:
        header = _read_header(reader, shown, errors)
        width = len(header)
        start = reader.line_num + 1
        for row in _records(reader, shown, errors):
            if row and len(row) != width:
                column = header[len(row)] if len(row) < width else "(row)"
                errors.append(
                    InputError(
                        f"row has {len(row)} fields, the header has {width}",
                        Location(shown, start, column),
                    )
                )
            lines.append(start)
            start = reader.line_num + 1
    finally:
        csv.field_size_limit(old_limit)
    return header, lines, errors


def _read_header(reader: Iterator[list[str]], shown: str, errors: list[InputError]) -> list[str]:
    try:
        header = [name.strip() for name in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise InputError(f"cannot read the header row: {exc}", Location(shown, 1)) from None
    seen: set[str] = set()
    for name in header:
        if not name:
            errors.append(InputError("empty column name in the header", Location(shown, 1)))
        elif name in seen:
            errors.append(
                InputError("column appears twice in the header", Location(shown, 1, name))
            )
        seen.add(name)
    return header


def _records(
    reader: Iterator[list[str]], shown: str, errors: list[InputError]
) -> Iterator[list[str]]:
    """Yield records; a csv error (unterminated quote, huge field) ends the scan with a message."""
    line_of = getattr(reader, "line_num", 0)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = getattr(reader, "line_num", line_of)
            message = str(exc)
            if "field larger than field limit" in message:
                message = f"a field is longer than {FIELD_LIMIT} characters"
            elif "EOF" in message or "end of data" in message:
                message = 'unterminated quoted field (a " is opened and never closed)'
            errors.append(InputError(message, Location(shown, line, "(row)")))
            return
        yield row


def _frame(raw: bytes, text: str, header: list[str], lines: array[int]) -> pl.DataFrame:
    import polars as pl

    schema = dict.fromkeys(header, pl.String)
    frame: pl.DataFrame | None
    try:
        frame = pl.read_csv(
            raw,
            schema=schema,
            has_header=True,
            empty_string_is_null=False,
            raise_if_empty=False,
        )
    except Exception:
        frame = None
    if frame is None or frame.height != len(lines) or list(frame.columns) != header:
        frame = _frame_from_csv_module(text, header)
    frame = frame.with_columns(pl.Series(LINE_COLUMN, lines, dtype=pl.UInt32))
    # Blank lines are records of nothing: drop them once their line numbers are aligned.
    return frame.filter(~pl.all_horizontal(pl.col(header).is_null() | (pl.col(header) == "")))


def _frame_from_csv_module(text: str, header: list[str]) -> pl.DataFrame:
    import polars as pl

    columns: list[list[str | None]] = [[] for _ in header]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader)
    for row in reader:
        for i, column in enumerate(columns):
            column.append(row[i] if i < len(row) else None)
    return pl.DataFrame(
        dict(zip(header, columns, strict=True)), schema=dict.fromkeys(header, pl.String)
    )
