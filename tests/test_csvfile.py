"""The fast reader and the exact reader must agree on every file.

claimcheck reads large, simple files with polars alone and sends anything
else through the csv module; these properties check that the choice never
changes what is read, which line a record is on, or whether a ragged row is
caught.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import IO, Literal
from unittest.mock import patch

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck import csvfile
from claimcheck.csvfile import CsvFile, read_csv
from claimcheck.errors import InputErrors

pytestmark = pytest.mark.usefixtures("parse_every_size")
SCAN_BELOW = csvfile.SCAN_BELOW
"""The threshold users get, kept before `parse_every_size` sets it to 0."""

CELL = st.text(alphabet=st.sampled_from(list('ab ,"\n\r1é')), max_size=6)
TABLE = st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=8)


def _written(rows: list[list[str]], terminator: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=terminator)
    writer.writerow(["a", "b", "c"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _expected(data: bytes) -> list[tuple[list[str], int]] | None:
    """The csv module's records and the line each starts on (blank ones left out).

    None when the csv module sees a ragged record: claimcheck must then refuse
    the file. (A bare CR in an unquoted cell, which csv.writer leaves unquoted
    with a "\\n" terminator, is such a case.)
    """
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(reader)
    records, start = [], reader.line_num + 1
    for row in reader:
        if row and len(row) != 3:
            return None
        if any(row):
            records.append((row, start))
        start = reader.line_num + 1
    return records


@settings(max_examples=150, deadline=None)
@given(TABLE, st.sampled_from(["\n", "\r\n"]))
def test_rows_and_lines_match_the_csv_module(rows: list[list[str]], terminator: str) -> None:
    data = _written(rows, terminator)
    expected = _expected(data)
    if expected is None:
        with pytest.raises(InputErrors, match="fields, the header has 3"):
            read_csv("t.csv", required=(), what="test", data=data)
        return
    frame = read_csv("t.csv", required=(), what="test", data=data).frame
    got = [
        ([a or "", b or "", c or ""], line)
        for a, b, c, line in frame.select("a", "b", "c", "_line").iter_rows()
    ]
    assert got == expected


@settings(max_examples=100, deadline=None)
@given(TABLE, st.data())
def test_a_short_row_is_always_caught(rows: list[list[str]], data: st.DataObject) -> None:
    """However the other cells are quoted, a row with a missing field is an error."""
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index] = rows[index][:2]
    with pytest.raises(InputErrors, match="row has 2 fields, the header has 3"):
        read_csv("t.csv", required=(), what="test", data=_written(rows, "\n"))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=60) | st.text(alphabet='a,\r\n"\x00 ', max_size=60).map(str.encode),
       st.integers(1, 9))  # fmt: skip
def test_counting_a_file_in_chunks_equals_counting_its_bytes(data: bytes, chunk: int) -> None:
    """Files on disk are counted in chunks; a CRLF split between chunks still counts once."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(data)
        with patch.object(csvfile, "_CHUNK", chunk), patch.object(csvfile, "_HEAD", chunk + 2):
            chunked, _, _ = csvfile._read_file(path)
    whole = csvfile._Counts.of(data)
    assert (chunked.newlines, chunked.bare_cr, chunked.ends_in_newline) == (
        whole.newlines, whole.bare_cr, whole.ends_in_newline)  # fmt: skip
    assert (list(chunked.ends), chunked.long_run, chunked.quotes) == (
        list(whole.ends), whole.long_run, whole.quotes)  # fmt: skip
    assert (chunked.blank, chunked.nul_line) == (whole.blank, whole.nul_line)


def _line_ends(data: bytes) -> tuple[int, list[int]]:
    """The newlines, and the empty fields ending each line after the first, line by line."""
    lines = [line.removesuffix(b"\r") for line in data.split(b"\n")][1:]
    if data.endswith(b"\n"):
        lines.pop()  # what follows the last newline is no line
    ends = [csvfile._line_end(line) if line else csvfile._EMPTY_LINE for line in lines]
    return data.count(b"\n"), ends


_BYTES = st.binary(max_size=80) | st.text(alphabet='a,\r\n" ', max_size=80).map(str.encode)


@settings(max_examples=300, deadline=None)
@given(_BYTES, st.integers(1, 100), st.sampled_from([0, 1 << 30]))
@example(b'h\na,"",""\r\nb,,\r\nc,""\n,\n', 100, 0)
@example(b'h\na\n,""\n""\n"",\r\n', 100, 0)
def test_lines_are_counted_as_they_are_read_one_by_one(
    data: bytes, chunk: int, vector_block: int
) -> None:
    """numpy (blocks from _VECTOR_BLOCK on) and Python count the same, in any blocks."""
    with (
        patch.object(csvfile, "_CHUNK", chunk),
        patch.object(csvfile, "_VECTOR_BLOCK", vector_block),
    ):
        counts = csvfile._Counts.of(data)
    assert (counts.newlines, list(counts.ends)) == _line_ends(data)
    assert not counts.long_run


@pytest.mark.parametrize(
    ("line", "fields"),
    [(b"a,b,c", 0), (b"a,b,", 1), (b"a,,", 2), (b'a,"",', 2), (b'a,"","",""', 3),
     (b'"x,",', 1), (b'"x,"""', 0), (b'a""', 0), (b",", 1), (b"", 0), (b'""', 0)],
)  # fmt: skip
def test_the_empty_fields_ending_a_line(line: bytes, fields: int) -> None:
    assert csvfile._line_end(line) == fields


@pytest.mark.parametrize("vector_block", [0, 1 << 30])
def test_a_line_of_many_commas_takes_the_exact_scan(vector_block: int) -> None:
    """Past _RUN_CAP empty fields a line is not looked at further: the csv module reads it."""
    header = ",".join(f"c{i}" for i in range(100)).encode() + b"\n"
    row = b"x" + b"," * 99 + b"\n"
    with patch.object(csvfile, "_VECTOR_BLOCK", vector_block):
        counts = csvfile._Counts.of(header + row * 3)
        frame = read_csv("t.csv", required=(), what="test", data=header + row * 3).frame
    assert counts.long_run
    assert frame.height == 3
    assert frame.get_column("_line").to_list() == [2, 3, 4]


@settings(max_examples=60, deadline=None)
@given(TABLE)
def test_files_on_disk_read_like_bytes(rows: list[list[str]]) -> None:
    data = _written(rows, "\r\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(data)

        def outcome(source: Path | str, data: bytes | None) -> object:
            try:
                return read_csv(source, required=(), what="t", data=data).frame.rows()
            except InputErrors as error:
                return [e.message for e in error.errors]

        assert outcome(path, None) == outcome("t.csv", data)


@settings(max_examples=150, deadline=None)
@given(TABLE, st.sampled_from(["\n", "\r\n"]), st.integers(1, 12))
def test_a_file_counted_in_small_blocks_reads_like_the_csv_module(
    rows: list[list[str]], terminator: str, chunk: int
) -> None:
    """Blocks cut every few bytes, inside quoted cells too, never change what is read."""
    data = _written(rows, terminator)
    expected = _expected(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(data)
        with patch.object(csvfile, "_CHUNK", chunk):
            if expected is None:
                with pytest.raises(InputErrors, match="fields, the header has 3"):
                    read_csv(path, required=(), what="test")
                return
            frame = read_csv(path, required=(), what="test").frame
    got = [
        ([a or "", b or "", c or ""], line)
        for a, b, c, line in frame.select("a", "b", "c", "_line").iter_rows()
    ]
    assert got == expected


def test_a_large_simple_file_is_one_chunk_with_its_cells_facts(tmp_path: Path) -> None:
    """The fast path hands on one chunk per column, and counts the cells for `_simple`."""
    rows = [[f"id{i}", f"a,{i}", "x"] for i in range(200)]
    path = tmp_path / "t.csv"
    path.write_bytes(_written(rows, "\n"))
    with patch.object(csvfile, "_CHUNK", 256):  # counted in many blocks
        counts, parsed, facts = csvfile._read_file(path)
    assert parsed is not None
    assert parsed.n_chunks() == 1  # one copy here, not one per query later
    assert parsed.rows() == [tuple(row) for row in rows]
    assert counts.newlines == 201
    assert list(counts.ends) == [0] * 200
    assert counts.longest == max(len(line) for line in path.read_bytes().split(b"\n"))
    assert facts == csvfile._Facts(longest=0)  # no column is deferred


@settings(max_examples=150, deadline=None)
@given(TABLE, st.sampled_from(["\n", "\r\n"]))
def test_categorical_columns_read_as_text_does(rows: list[list[str]], terminator: str) -> None:
    """Columns read as Categoricals hold the same cells, lines and errors as text columns."""
    data = _written(rows, terminator)

    def outcome(categorical: tuple[str, ...], open_vocabulary: tuple[str, ...] = ()) -> object:
        try:
            frame = read_csv("t.csv", required=(), what="t", data=data, categorical=categorical,
                             open_vocabulary=open_vocabulary).frame  # fmt: skip
        except InputErrors as error:
            return [str(e) for e in error.errors]
        assert [frame.schema[name] == pl.Categorical for name in "abc"] == [
            name in categorical for name in "abc"
        ]
        return frame.with_columns(pl.col("a", "b", "c").cast(pl.String)).rows()

    text = outcome(())
    assert outcome(("b", "c")) == text
    # Coded after the parse (CODE_WHILE_PARSING_FROM), empty cells are "" as well.
    assert outcome(("b", "c"), open_vocabulary=("a", "c")) == text


@pytest.mark.parametrize(("beyond", "coded_by_parser"), [(1, ("b",)), (0, ("b", "c"))])
def test_open_vocabulary_columns_are_coded_by_the_parser_only_in_a_large_input(
    tmp_path: Path, beyond: int, coded_by_parser: tuple[str, ...]
) -> None:
    """Below CODE_WHILE_PARSING_FROM bytes an open vocabulary is parsed as text, then cast;
    from it on polars codes it while parsing, never holding its text."""
    data = _written([[f"id{i}", "u", f"src{i}"] for i in range(60)], "\n")
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    asked: list[tuple[str, ...]] = []
    real = csvfile._read_polars

    def spied(source: bytes | Path, categorical: Collection[str] = ()) -> pl.DataFrame | None:
        asked.append(tuple(categorical))
        return real(source, categorical)

    with patch.object(csvfile, "CODE_WHILE_PARSING_FROM", len(data) + beyond), patch.object(
        csvfile, "_read_polars", spied
    ):
        frame = read_csv(path, required=(), what="t", categorical=("b", "c"),
                         open_vocabulary=("c",)).frame  # fmt: skip
    assert asked == [coded_by_parser]
    assert frame.schema["b"] == frame.schema["c"] == pl.Categorical
    assert frame.get_column("c").cast(pl.String).to_list() == [f"src{i}" for i in range(60)]


@settings(max_examples=100, deadline=None)
@given(TABLE, st.data())
def test_a_short_row_is_caught_when_its_cells_are_categorical(
    rows: list[list[str]], data: st.DataObject
) -> None:
    """A Categorical's commas are counted once per row holding them, not once per value."""
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index] = rows[index][:2]
    rows.append(list(rows[0][:3]) if len(rows[0]) == 3 else ["a,b", "a,b", "a,b"])
    with pytest.raises(InputErrors, match="row has 2 fields, the header has 3"):
        read_csv("t.csv", required=(), what="test", data=_written(rows, "\n"),
                 categorical=("a", "b", "c"))  # fmt: skip


@pytest.mark.parametrize("categorical", [(), ("b", "c")])
def test_empty_cells_ending_records_keep_the_fast_path(
    tmp_path: Path, categorical: tuple[str, ...]
) -> None:
    """Empty cells at a record's end, Categorical (read as nulls) or not, match its line's
    separators, so a simple file is still read as simple, commas in its cells or not."""
    rows = [[f"id{i}", "a,b" if i % 2 else "c,d,e", "x" * (i % 7)] for i in range(200)]
    path = tmp_path / "t.csv"
    path.write_bytes(_written(rows, "\n"))
    counts, parsed, facts = csvfile._read_file(path, categorical)
    assert parsed is not None
    assert facts == csvfile._Facts(longest=0)
    assert counts.longest == max(len(line) for line in path.read_bytes().split(b"\n"))
    assert sum(counts.ends) == len(range(0, 200, 7))
    assert csvfile._simple(counts, parsed, ["a", "b", "c"], facts) == 0


@pytest.mark.parametrize("terminator", ["\n", "\r\n"])
def test_blank_lines_keep_the_fast_path(tmp_path: Path, terminator: str) -> None:
    """A blank line is a record of empty cells to polars, and has no separators to count."""
    path = tmp_path / "t.csv"
    path.write_bytes(terminator.join(["a,b,c", "1,2,", "", "4,,", "", ""]).encode())
    counts, parsed, facts = csvfile._read_file(path)
    assert parsed is not None
    assert facts == csvfile._Facts(longest=0)
    assert counts.longest == len("a,b,c" + terminator) - 1
    assert list(counts.ends) == [1, csvfile._EMPTY_LINE, 2, csvfile._EMPTY_LINE]
    assert csvfile._simple(counts, parsed, ["a", "b", "c"], facts) == 2
    frame = read_csv(path, required=(), what="t").frame
    assert frame.get_column("_line").to_list() == [2, 4]


def test_a_categorical_cell_over_the_limit_is_refused(tmp_path: Path) -> None:
    """The longest cell counts Categorical cells too: past the limit, the exact scan names it."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n1,x\n2," + b"y" * (csvfile.FIELD_LIMIT + 1) + b"\n")
    with pytest.raises(InputErrors, match=r"t\.csv:3: \(row\): a field is longer than"):
        read_csv(path, required=(), what="t", categorical=("b",))


@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])
def test_files_quoting_every_cell_keep_the_fast_path(
    tmp_path: Path, quoting: Literal[0, 1, 2, 3]
) -> None:
    """`""` is an empty field too: a spreadsheet's export quoting every cell is not slowed."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting)
    writer.writerow(["a", "b", "c"])
    writer.writerows([f"x{i}", "" if i % 3 else "y,z", ""] for i in range(50))
    path = tmp_path / "t.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    counts, parsed, facts = csvfile._read_file(path)
    assert parsed is not None
    assert facts is not None
    assert sum(counts.ends) == 50 + 33
    assert csvfile._simple(counts, parsed, ["a", "b", "c"], facts) == 0


def _exact(data: bytes) -> object:
    """What the csv module reads: its records (blank ones left out) and lines, or its errors."""
    header, lines, errors = csvfile._scan(data, "t.csv")
    if errors:
        return [error.message for error in errors]
    frame = csvfile._frame_from_csv_module(data, header, ())
    rows = [tuple(cell or "" for cell in row) for row in frame.rows()]
    return [(*row, line) for row, line in zip(rows, lines, strict=True) if any(row)]


def _fast(data: bytes) -> object:
    try:
        frame = read_csv("t.csv", required=(), what="t", data=data).frame
    except InputErrors as error:
        return [e.message for e in error.errors]
    return [tuple(cell or "" for cell in row) for row in frame.rows()]


@pytest.mark.parametrize(
    "data",
    [
        b"h1,h2,h3\nbbaa,\r\n\r\n,,\r\n,,b,",  # a short row and a long one
        b"h1,h2,h3\n  \r\n,,",  # a short row and a blank record of separators
        b'h1,h2,h3\nb,"aa "",b,\r\n a""b"',  # a record over two lines, no final newline
        b'h1,h2,h3\n"b,,b,,""',  # a field never closed
        b"h1,h2,h3\n,,\n1,2,3,\n",  # a long row whose extra field is empty
    ],
)
def test_rows_that_balance_each_other_are_still_read_as_the_csv_module_does(data: bytes) -> None:
    """Totals over the file could hide one error behind another; each line is held to its
    record instead, and a file whose quotes do not pair up goes to the exact scan."""
    exact = _exact(data)
    assert _fast(data) == exact
    assert isinstance(exact, list)
    assert all(isinstance(message, str) for message in exact)  # errors, not records


_SOUP = st.lists(
    st.sampled_from(["a", "b", ",", '"', "\n", "\r\n", " ", '""', ",,", '"a,b"']), max_size=30
).map(lambda parts: ("h1,h2,h3\n" + "".join(parts)).encode())


@settings(max_examples=400, deadline=None)
@given(_SOUP, st.sampled_from([1 << 20, 1]), st.sampled_from([8 << 20, 5]))
@example(b'h1,h2,h3\na",,"a""', 1 << 20, 8 << 20)  # a quote in a cell hides an open one
@example(b'h1,h2,h3\na",,"a""', 1, 8 << 20)
@example(b'h1,h2,h3\n"a"b,c,d\n', 1 << 20, 8 << 20)  # text after a closing quote
@example(b'h1,h2,h3\n"a"b,c,d\n', 1, 3)
@example(b'h1,h2,h3\n"a,""b""",c,d\n', 1, 4)  # doubled quotes, across blocks
def test_byte_soup_reads_as_the_csv_module_reads_it(
    data: bytes, vector_block: int, chunk: int
) -> None:
    """Any mix of separators, quotes and line ends, counted in Python or numpy, in blocks
    of any size: the fast path or the exact scan, the same records, lines and errors."""
    exact = _exact(data)
    with patch.object(csvfile, "_VECTOR_BLOCK", vector_block), patch.object(
        csvfile, "_CHUNK", chunk
    ):
        assert _fast(data) == exact


def _refuse_polars(source: object, categorical: object = ()) -> None:
    raise AssertionError("polars parsed an input under SCAN_BELOW")


@pytest.mark.parametrize("on_disk", [True, False])
def test_a_small_input_is_read_by_the_exact_pass_alone(tmp_path: Path, on_disk: bool) -> None:
    """The seed-sized read skips polars' parse and proof, and reads what the fast path reads."""
    data = _written([[f"id{i}", "a,b" if i % 2 else "", "x"] for i in range(40)], "\n")
    path = tmp_path / "t.csv"
    path.write_bytes(data)

    def read() -> CsvFile:
        if on_disk:
            return read_csv(path, required=(), what="t", categorical=("c",))
        return read_csv("t.csv", required=(), what="t", data=data, categorical=("c",))

    fast = read()
    with patch.object(csvfile, "SCAN_BELOW", SCAN_BELOW), patch.object(
        csvfile, "_read_polars", _refuse_polars
    ):
        small = read()
    assert small.frame.equals(fast.frame)
    assert small.frame.schema == fast.frame.schema
    assert small.header == fast.header


@pytest.mark.parametrize("on_disk", [True, False])
def test_polars_parses_an_input_from_scan_below_bytes_on(tmp_path: Path, on_disk: bool) -> None:
    data = b"a,b\n" + b"1,2\n" * 20  # 84 bytes
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    parsed: list[int] = []

    def counting(source: bytes | Path, categorical: object = ()) -> pl.DataFrame | None:
        parsed.append(len(source) if isinstance(source, bytes) else source.stat().st_size)
        return pl.read_csv(source, infer_schema=False)

    for threshold, expected in [(len(data) + 1, []), (len(data), [len(data)])]:
        parsed.clear()
        with patch.object(csvfile, "SCAN_BELOW", threshold), patch.object(
            csvfile, "_read_polars", counting
        ):
            frame = (
                read_csv(path, required=(), what="t")
                if on_disk
                else read_csv("t.csv", required=(), what="t", data=data)
            ).frame
        assert parsed == expected
        assert frame.get_column("_line").to_list() == list(range(2, 22))


def test_a_file_that_shrank_under_the_read_is_never_read_whole(tmp_path: Path) -> None:
    """The head was read long, then fstat saw a small file: the read of the rest is never
    asked for a negative size, which Python refuses with a ValueError (a crash, not an
    input error), and the file is parsed as the large one it is."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * (SCAN_BELOW // 2))  # twice SCAN_BELOW
    sizes: list[int] = []
    real_open = csvfile.open_input  # type: ignore[attr-defined]

    class Counting:
        def __init__(self, handle: IO[bytes]) -> None:
            self.handle = handle

        def read(self, size: int = -1) -> bytes:
            sizes.append(size)
            return self.handle.read(size)

        def fileno(self) -> int:
            return self.handle.fileno()

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

    real_fstat = os.fstat

    class Small:
        """The file's status, with a size smaller than the head already read."""

        def __init__(self, fd: int) -> None:
            self.status = real_fstat(fd)

        def __getattr__(self, name: str) -> object:
            return 10 if name == "st_size" else getattr(self.status, name)

    with patch.object(csvfile, "SCAN_BELOW", SCAN_BELOW), patch.object(
        csvfile, "open_input", lambda *a: Counting(real_open(*a))
    ), patch("os.fstat", Small), patch.object(csvfile, "_HEAD", SCAN_BELOW + 10):
        frame = read_csv(path, required=(), what="t").frame
    assert frame.height == SCAN_BELOW // 2
    assert all(size >= 0 for size in sizes), sizes


@pytest.mark.parametrize("blank_at", [(), (3,), (2, 5), (4, 5, 6)])
def test_the_fast_path_counts_its_blank_records_once(
    tmp_path: Path, blank_at: tuple[int, ...]
) -> None:
    """`_simple` counts the blank records it proves, and `_frame` drops exactly those; a
    record of empty cells (`,,`) is blank too, a line of its own separators."""
    lines = ["a,b,c"] + [
        (",," if number % 2 else "") if number in blank_at else f"{number},x,"
        for number in range(2, 8)
    ]
    path = tmp_path / "t.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode())
    counts, parsed, facts = csvfile._read_file(path)
    assert parsed is not None
    assert facts is not None
    assert csvfile._simple(counts, parsed, ["a", "b", "c"], facts) == len(blank_at)
    frame = read_csv(path, required=(), what="t").frame
    kept = [number for number in range(2, 8) if number not in blank_at]
    assert frame.get_column("_line").to_list() == kept
    assert frame.get_column("a").to_list() == [str(number) for number in kept]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=30),
    st.sampled_from([b"\n", b"\r\n"]),
    st.booleans(),
    st.integers(1, 64),
    st.booleans(),
)
def test_the_longest_line_is_counted_across_blocks(
    lengths: list[int], newline: bytes, ends_in_newline: bool, block: int, vectorized: bool
) -> None:
    """`_Counts.longest`, which spares `_simple` measuring every cell, is the longest
    line's bytes without its newline, however the blocks cut the lines and whichever way
    (numpy or Python) a block is counted."""
    lines = [b"x" * length for length in lengths]
    data = newline.join(lines) + (newline if ends_in_newline else b"")
    counter = csvfile._Counter()
    with patch.object(csvfile, "_VECTOR_BLOCK", 1 if vectorized else 1 << 30):
        for start in range(0, len(data), block):
            counter.feed(data[start : start + block])
    counts = counter.counts(data[: csvfile._HEAD])
    assert counts.longest == max(len(line) for line in data.split(b"\n"))


def test_a_line_longer_than_the_field_limit_of_short_cells_keeps_the_fast_path(
    tmp_path: Path,
) -> None:
    """Past FIELD_LIMIT a line's cells are measured: two cells of 70,000 bytes are within
    the limit, so the record is read as parsed; the next test's longer cell is refused."""
    half = "y" * 70_000
    path = tmp_path / "t.csv"
    path.write_bytes(f"a,b\n{half},{half}\n1,2\n".encode())
    counts, parsed, facts = csvfile._read_file(path)
    assert parsed is not None
    assert facts is not None
    assert counts.longest == 140_001 > csvfile.FIELD_LIMIT
    assert csvfile._simple(counts, parsed, ["a", "b"], facts) == 0


@settings(max_examples=150, deadline=None)
@given(TABLE, st.sampled_from(["\n", "\r\n"]), st.integers(1, 40), st.data())
def test_numpy_counts_every_block_after_a_large_one_as_python_counts_them(
    rows: list[list[str]], terminator: str, small: int, data: st.DataObject
) -> None:
    """A file's short last block is counted by numpy once numpy counted a large one: the
    counts equal the line-by-line Python count of the same blocks, wherever they are cut."""
    raw = _written(rows, terminator)
    large = data.draw(st.integers(1, len(raw)))
    blocks = [raw[:large]] + [raw[i : i + small] for i in range(large, len(raw), small)]

    def counted(vector_block: int) -> tuple[csvfile._Counts, bool]:
        counter = csvfile._Counter()
        with patch.object(csvfile, "_VECTOR_BLOCK", vector_block):
            for block in blocks:
                counter.feed(block)
        return counter.counts(raw[: csvfile._HEAD]), counter.vectorized

    by_numpy, vectorized = counted(large)
    by_python, in_python = counted(1 << 30)
    assert vectorized
    assert not in_python
    assert by_numpy == by_python
