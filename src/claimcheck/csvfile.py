"""Reading one CSV file into a frame of strings, with the line of every record.

The fast path: polars parses the file in parallel while Python counts its
bytes (newlines, the empty fields ending each line, quotes, CRs, NULs). When
the counts prove that polars read what the csv module would (one line per
record, no short row, no oversized cell, every quote mark where RFC 4180
puts one: `_simple`), a record's line is its
row number + 2. Anything else goes through the exact pass: the standard
library's csv module walks the bytes, notes the line on which every record
starts and reports every structural error (ragged rows, unterminated quotes,
invalid UTF-8, oversized fields) as `PATH:LINE`. When the two readings
disagree about the rows (a dialect corner polars reads differently), the
frame is built from the csv module's rows: slower, never wrong.
"""

from __future__ import annotations

import csv
import io
import os
import re
from array import array
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from claimcheck.deferred import DeferredColumns
from claimcheck.errors import InputError, InputErrors, Location
from claimcheck.files import check_input, open_input, read_input, read_stdin

if TYPE_CHECKING:
    import numpy as np
    import polars as pl

FIELD_LIMIT = 131_072
"""No cell may be longer: a quote is a sentence or two, never a book."""

MAX_COLUMNS = 1_000
"""No header may be wider: a claims table has 15 columns. 100,000 columns would make
polars build 100,000 series per row batch before any check could refuse them."""

LINE_COLUMN = "_line"
"""Name of the column that carries each record's first line number."""

DEFER_FROM = 1 << 30
"""Files from this size on may leave the columns `read_csv` is asked to defer in the file
(deferred.py): below it, holding the cells costs less than reading them again."""

CODE_WHILE_PARSING_FROM = DEFER_FROM
"""Inputs from this size on have even their `open_vocabulary` columns coded by polars' parser.

Smaller ones have those parsed as text and cast once parsed (`_parse`): in a
wide file, polars' parser builds a Categorical of many distinct values slowly.
The 20,000 source ids of the varied bench table's million claims took its
parse from 0.58 to 0.77 s (1.06 to 1.43 s of CPU), where casting the parsed
text takes 0.02 s. A column of a few values is coded as fast while parsing,
and never held as text. Until its cast, a column is held as 16-byte views: at
10M claims, 160 MB more at the read's end, the run's peak, which a large
file cannot spare."""

SCAN_BELOW = 256 << 10
"""Inputs smaller than this are read by the csv module's exact pass alone, never by polars:
below it that pass costs less than polars' parse and the proof that the two agree
(`_simple`). On the varied bench shape, 20 claims (9 KB) took 1.7 ms against 7.6 ms,
300 claims (128 KB) 4.3 against 10.1 ms, and the two met at about 1 MB."""

STDIN = "-"
_BLANK = re.compile(rb"\s*\Z")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CsvFile:
    """A CSV file read as strings: `frame` holds one row per record, plus `_line`."""

    path: str
    header: tuple[str, ...]
    frame: pl.DataFrame
    deferred: DeferredColumns | None = None
    """The columns left in the file, not in `frame`; None when every column is held."""


def display_path(path: str | Path) -> str:
    """How a path appears in messages: as the user typed it, `<stdin>` for `-`."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_bytes(path: str | Path, *, stdin: IO[bytes] | None = None) -> bytes:
    """Read a whole input, `-` meaning standard input; missing files are input errors."""
    if str(path) == STDIN:
        return read_stdin(stdin)
    return read_input(path, display_path(path), "a CSV file")


def _unreadable(exc: OSError, shown: str) -> InputError:
    """A file that fails while polars or the counter reads it, in the user's words."""
    return InputError(f"cannot read: {exc.strerror or exc}", Location(shown))


def read_csv(
    path: str | Path,
    *,
    required: Sequence[str],
    what: str,
    data: bytes | None = None,
    stdin: IO[bytes] | None = None,
    categorical: Collection[str] = (),
    open_vocabulary: Collection[str] = (),
    deferred: Collection[str] = (),
) -> CsvFile:
    """Read and structurally check one CSV file; raise InputErrors listing every problem.

    `required` names the columns that must be in the header; `what` names the
    kind of file in messages ("claims", "sources"). Columns named in
    `categorical` are read as polars Categoricals when the header spells them
    exactly: a code of 4 bytes a row where a string costs a 16-byte view,
    which is most of a column of few distinct values, and parsed that way
    they are never held as strings at all. Those also named in
    `open_vocabulary` (ids, names, free text: columns whose distinct values
    grow with the table) are parsed as text and coded after in an input of
    less than CODE_WHILE_PARSING_FROM bytes.

    Columns named in `deferred` are checked like every other and then left in
    the file (`CsvFile.deferred`), when the file is on disk, at least
    DEFER_FROM bytes, and read on the fast path; otherwise they are held.
    Inputs under SCAN_BELOW bytes skip polars' parse for the exact pass.
    """
    shown = display_path(path)
    on_disk = data is None and str(path) != STDIN
    raw: bytes | None = None
    defer: tuple[str, ...] = ()
    stamp = (0, 0)
    size = 0
    if on_disk:
        _check_readable(Path(path), shown)
        with open_input(path, shown, "a CSV file") as handle:
            head = handle.read(_HEAD)
            _check_width(head, shown)
            status = os.fstat(handle.fileno())
            stamp = (status.st_size, status.st_mtime_ns)
            size = status.st_size
            if deferred and status.st_size >= DEFER_FROM:
                defer = tuple(deferred)
            if status.st_size < SCAN_BELOW and len(head) < SCAN_BELOW:
                # Bounded, as the file may have grown since the fstat; a head longer than
                # the fstat's size means it shrank meanwhile. Either way it is parsed.
                whole = head + handle.read(SCAN_BELOW - len(head))
                raw = whole if len(whole) < SCAN_BELOW else None
    else:
        raw = read_bytes(path, stdin=stdin) if data is None else data
        _check_width(raw[:_HEAD], shown)
        size = len(raw)
    late = open_vocabulary if size < CODE_WHILE_PARSING_FROM else ()
    parsed: pl.DataFrame | None = None
    facts: _Facts | None = None
    if raw is None:
        counts, parsed, facts = _read_file(Path(path), categorical, defer, code_late=late)
    elif len(raw) < SCAN_BELOW:
        counts = _Counts.of(raw)
    else:
        # polars parses on its own threads without the GIL; the byte counts run meanwhile.
        with ThreadPoolExecutor(max_workers=1) as pool:
            parsing = pool.submit(_parse, raw, categorical, code_late=late)
            counts = _Counts.of(raw)
            done = parsing.result()
        parsed, facts = done if done is not None else (None, None)
    counts.refuse_unreadable(shown, what)
    header, errors = _header_only(counts.head, shown)
    lines: array[int] | None = None
    blanks = None if parsed is None or facts is None else _simple(counts, parsed, header, facts)
    simple = blanks is not None
    if defer and not simple:
        parsed = None  # its deferred columns are only what `_simple` reads of them
    if parsed is None or (not errors and not simple):
        raw = raw if raw is not None else Path(path).read_bytes()
        header, lines, errors = _scan(raw, shown)
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
    frame = _frame(parsed, raw, header, lines, categorical, blanks)
    if not defer or lines is not None:
        return CsvFile(shown, tuple(header), frame)
    kept = [name for name in defer if name in header]
    later = _deferred(Path(path), shown, header, kept, counts, stamp)
    return CsvFile(shown, tuple(header), frame.drop(kept), later)


def _deferred(
    path: Path,
    shown: str,
    header: list[str],
    names: list[str],
    counts: _Counts,
    stamp: tuple[int, int],
) -> DeferredColumns:
    """Where the lines of a file read on the fast path start, for reading `names` back.

    `stamp` is the file's size and modification time before it was parsed, so a
    change made while polars read it is caught when the cells are read back too.
    """
    assert counts.starts is not None, "a deferring read records where its lines start"
    with open_input(path, shown, "a CSV file") as handle:
        bom = len(_BOM) if handle.read(len(_BOM)) == _BOM else 0
        handle.seek(bom)
        first = handle.read(int(counts.starts[1]) if len(counts.starts) > 1 else _HEAD)
    positions = {name: header.index(name) for name in names}
    return DeferredColumns(path, shown, positions, first, counts.starts + bom, stamp)


_CHUNK = 2 << 20
"""Bytes counted at a time. The count makes about ten passes over each block (compares,
positions, look-backs): a block that stays in the core's cache is counted faster than
one read back from memory on every pass (the 259 MB bench table: 0.34 s against 0.39 s
alone, and 0.973x the whole compare's wall time against 8 MiB blocks)."""
_HEAD = 1 << 20
"""The first MiB holds the header; a header row longer than that is read whole."""


@dataclass(frozen=True)
class _Counts:
    """What the checks need to know about the bytes, gathered in one pass."""

    newlines: int
    ends: array[int]
    """For each line after the header: the empty fields ending it (`_line_end`), or
    _EMPTY_LINE for a line with nothing on it (a CR at most)."""
    long_run: bool
    """A line ends in more than _RUN_CAP empty fields, which are not all counted."""
    quotes: int
    """Quote marks: an odd number leaves a field open, or is one written inside a field."""
    stray_quote: bool
    """A quote mark the csv module does not read as quoting (`_Counter._quoting`): inside
    an unquoted cell (`a"b`), after a closing one (`"a"b`), or left open at a line's end."""
    bare_cr: bool
    ends_in_newline: bool
    blank: bool
    nul_line: int | None
    head: bytes
    longest: int
    """Bytes in the longest line, its newline not counted: no cell is longer."""
    starts: np.ndarray | None = None
    """Where each line starts (after a byte order mark), and the end: line n is
    `starts[n - 1]` to `starts[n]`. Recorded only when asked for (`_Counter(starts=True)`)."""

    @classmethod
    def of(cls, raw: bytes) -> _Counts:
        """The counts of bytes held whole (standard input, `data=`), fed a `_CHUNK` at a time
        as a file's are, so a vectorized count never compares more than a block at once."""
        counter = _Counter()
        body = memoryview(raw)[len(_BOM) if raw.startswith(_BOM) else 0 :]
        for start in range(0, len(body), _CHUNK):
            counter.feed(body[start : start + _CHUNK].tobytes())
        return counter.counts(raw[:_HEAD])

    def refuse_unreadable(self, shown: str, what: str) -> None:
        """Empty files and binary files get one clear message before any parsing."""
        if self.blank:
            raise InputError(f"the {what} file is empty: expected a header row", Location(shown, 1))
        if self.nul_line is not None:
            raise InputError(
                "contains NUL bytes: this looks like a binary file, not CSV",
                Location(shown, self.nul_line),
            )


_RUN_CAP = 64
"""Empty fields counted at the end of one line; a line with more sends its file to the
exact scan, so no hostile line of commas costs more than this many steps."""

_EMPTY_LINE = -1
"""`_Counts.ends` of a line with nothing on it: a record of no field, which the csv module
skips and polars reads as a blank record."""

_KEPT = _RUN_CAP * 3 + 4
"""Bytes of a line kept across blocks: _RUN_CAP + 1 fields of `,""` and a CR."""

_VECTOR_BLOCK = 1 << 20
"""Blocks from this size on have their lines and quotes counted by numpy
(`_lines_vectorized`, `_quoting`). Smaller ones are split in Python: importing
numpy (about 50 ms) would cost a seed table more than counting it."""


def _line_end(line: bytes) -> int:
    """How many empty fields end one line (its CR already dropped), up to _RUN_CAP + 1.

    An empty field is its separator, alone or before `""`. Read from the end,
    each step is decided by the last byte: a regular expression searched for
    the same suffix retries at every comma of a long run, which is quadratic.
    """
    run, end = 0, len(line)
    while run <= _RUN_CAP:
        if line.endswith(b",", 0, end):
            end -= 1
        elif line.endswith(b',""', 0, end):
            end -= 3
        else:
            break
        run += 1
    return run


class _Counter:
    """`_Counts` gathered block by block, so a file is counted as it is read."""

    def __init__(self, *, starts: bool = False) -> None:
        self.fed = 0
        self.starts: list[np.ndarray] | None = [] if starts else None
        """Each block's line starts: the byte after each of its newlines."""
        self.newlines = self.quotes = self.carriage = self.crlf = 0
        self.stray_quote = self.closing_at_end = False
        """`closing_at_end`: the last block ends in a quote that must close a field, so the
        next block must start with what may follow one."""
        self.ends: array[int] = array("b")
        self.long_run = False
        self.nul_line: int | None = None
        self.blank = True
        self.last = b""
        self.header = True
        """No line has ended yet: the next to end is the header, whose end is not counted."""
        self.partial = b""
        """The end of the line the blocks so far stop in: its last _KEPT bytes."""
        self.longest = 0
        """Bytes in the longest line ended so far (`_Counts.longest`)."""
        self.vectorized = False
        """numpy has counted a block, so it counts every block after it."""
        self.line_start = 0
        """Where the line the blocks so far stop in starts, counted in bytes fed."""

    def feed(self, block: bytes) -> None:
        if not block:
            return
        if self.blank and not _BLANK.match(block):
            self.blank = False
        if self.nul_line is None and (nul := block.find(b"\x00")) >= 0:
            self.nul_line = self.newlines + block.count(b"\n", 0, nul) + 1
        # A CRLF split between two blocks is still one CRLF. Most files hold no CR at
        # all, and one memchr answers that for far less than counting CRLFs.
        if b"\r" in block:
            self.crlf += block.count(b"\r\n")
            self.carriage += block.count(b"\r")
        self.crlf += self.last == b"\r" and block[:1] == b"\n"
        data = newlines = None
        # Once numpy counts one block it counts the rest, the short last one too: line by
        # line in Python, that one took 0.02 s of the simple bench table's count.
        self.vectorized |= len(block) >= _VECTOR_BLOCK or self.starts is not None
        if self.vectorized:
            import numpy as np

            data = np.frombuffer(block, dtype=np.uint8)
            newlines = np.flatnonzero(data == 10)
        if b'"' in block or self.closing_at_end:
            self._quoting(block, data, newlines)
        first = block.find(b"\n")
        if first < 0:
            self.partial = (self.partial + block)[-_KEPT:]
        else:
            # The first line of a block may have begun in the one before it.
            self._line((self.partial + block[max(0, first - _KEPT) : first])[-_KEPT:])
            self.longest = max(self.longest, self.fed + first - self.line_start)
            if data is None or newlines is None:
                lines = block[first + 1 :].split(b"\n")
                for line in lines[:-1]:
                    self._line(line)
                self.longest = max(self.longest, max(map(len, lines[:-1]), default=0))
                self.newlines += len(lines)
            else:
                self.newlines += 1 + self._lines_vectorized(data, newlines)
            last = block.rfind(b"\n")
            self.line_start = self.fed + last + 1
            self.partial = block[last + 1 :][-_KEPT:]
        self.last = block[-1:]
        self.fed += len(block)

    def _quoting(
        self, block: bytes, data: np.ndarray | None, newlines: np.ndarray | None
    ) -> None:
        """Count the quotes, and note one the csv module would not read as RFC 4180 quoting.

        Counted along its line, a quote at an even place must open a field: it
        follows a separator, the line's start, or the quote before it (the
        second of a doubled quote). One at an odd place is inside a quoted field:
        a quote, a separator or the line's end must follow it. A line ends with
        an even count. polars and the csv module read such a file alike; a quote
        elsewhere, which the csv module reads as a character of an unquoted cell
        (`a",`), can pair up with another and hide from the count's parity, so
        it sends the file to the exact scan.
        """
        if self.closing_at_end and block[:1] not in (b'"', b",", b"\r", b"\n"):
            self.stray_quote = True
        self.closing_at_end = False
        if data is None or newlines is None:
            self._quoting_python(block)
            return
        import numpy as np

        at = np.flatnonzero(data == 34)
        # Quotes before each newline, over the file: each line's count is even.
        stray = bool(((np.searchsorted(at, newlines) + self.quotes) & 1).any())
        if at.size:
            # Quotes alternate: those at an even place open, those at an odd place close.
            odd_first = self.quotes & 1
            opening, closing = at[odd_first::2], at[1 - odd_first :: 2]
            previous = data[np.maximum(opening - 1, 0)]
            if opening.size and opening[0] == 0:
                previous[0] = self.last[0] if self.last else 10
            inside = closing[closing < data.size - 1]
            following = data[inside + 1]
            stray |= not (
                ((previous == 44) | (previous == 10) | (previous == 34)).all()
                and ((following == 34) | (following == 44) | (following == 13)
                     | (following == 10)).all()
            )  # fmt: skip
            self.closing_at_end = bool(closing.size and closing[-1] == data.size - 1)
        self.stray_quote |= stray
        self.quotes += int(at.size)

    def _quoting_python(self, block: bytes) -> None:
        """`_quoting` for a small block, line by line, without numpy."""
        previous = self.last or b"\n"
        lines = block.split(b"\n")
        for number, line in enumerate(lines):
            at = line.find(b'"')
            while at >= 0:
                before = line[at - 1 : at] if at else previous
                after = line[at + 1 : at + 2] or (b"\n" if number < len(lines) - 1 else b"")
                if self.quotes % 2 == 0:
                    self.stray_quote |= before not in (b",", b"\n", b'"')
                    self.closing_at_end = False
                else:
                    self.stray_quote |= after not in (b'"', b",", b"\r", b"\n", b"")
                    self.closing_at_end = after == b""
                self.quotes += 1
                at = line.find(b'"', at + 1)
            if number < len(lines) - 1:
                self.stray_quote |= self.quotes % 2 == 1
                previous = b"\n"

    def _line(self, line: bytes) -> None:
        """Count one whole line's empty fields at its end; the header's (line 1) are not."""
        if self.header:
            self.header = False
            return
        line = line.removesuffix(b"\r")
        run = _line_end(line)
        self.long_run |= run > _RUN_CAP
        self.ends.append(run if line else _EMPTY_LINE)

    def _lines_vectorized(self, data: np.ndarray, ends: np.ndarray) -> int:
        """`_line` for every line that ends in `block` after its first newline, in numpy.

        Each step looks one field further back from the ends of the lines still
        in a run: a comma, or `,""`. A look back never passes the newline that
        ends the line before, so it stays inside the block. `ends` are the block's
        newlines. Returns their number less one.
        """
        import numpy as np

        if self.starts is not None:
            self.starts.append(ends + (self.fed + 1))
        if ends.size > 1:
            self.longest = max(self.longest, int(np.diff(ends).max()) - 1)
        at = ends[1:] - 1
        at = at - (data[at] == 13)
        empty = at == ends[:-1]
        runs = np.zeros(at.size, dtype=np.int8)
        line = np.arange(at.size)  # which line each look back belongs to
        for _ in range(_RUN_CAP + 1):
            byte = data[at]
            comma = byte == 44
            quoted = (byte == 34) & (data[at - 1] == 34) & (data[at - 2] == 44)
            going = comma | quoted
            if not going.any():
                break
            line = line[going]
            runs[line] += 1
            at = np.where(comma, at - 1, at - 3)[going]
        else:
            self.long_run = True
        runs[empty] = _EMPTY_LINE
        self.ends.frombytes(runs.tobytes())
        return int(ends.size) - 1

    def counts(self, head: bytes) -> _Counts:
        if self.last not in (b"", b"\n"):
            self._line(self.partial)  # the last line, with no newline after it
        longest = max(self.longest, self.fed - self.line_start)
        starts = None
        if self.starts is not None:
            import numpy as np

            end = [] if self.last == b"\n" else [np.array([self.fed], dtype=np.int64)]
            starts = np.concatenate([np.zeros(1, dtype=np.int64), *self.starts, *end])
        return _Counts(self.newlines, self.ends, self.long_run, self.quotes, self.stray_quote,
                       self.carriage != self.crlf, self.last == b"\n", self.blank,
                       self.nul_line, head, longest, starts)  # fmt: skip


def _read_file(
    path: Path,
    categorical: Collection[str] = (),
    deferred: Collection[str] = (),
    *,
    code_late: Collection[str] = (),
) -> tuple[_Counts, pl.DataFrame | None, _Facts | None]:
    """Parse a file with polars on its own threads while Python counts its bytes.

    polars reads the file itself, mapped and parsed in parallel (0.22 s for
    the 259 MB bench table, against 0.78 s when it was fed 8 MiB pieces); the
    byte counts are taken meanwhile, a block at a time, so the file's bytes are
    never held in Python. The frame is then made one chunk per column: polars
    copies a frame of many chunks into one before every group-by or window
    query on a new frame, so one copy here (0.03 s) saves one per query.
    """
    counter = _Counter(starts=bool(deferred))
    head = b""
    with ThreadPoolExecutor(max_workers=1) as pool:
        parsing = pool.submit(_parse, path, categorical, deferred, code_late=code_late)
        try:
            with open_input(path, str(path), "a CSV file") as handle:
                block = handle.read(max(_CHUNK, len(_BOM)))  # the BOM whole, however small
                counter.feed(block.removeprefix(_BOM))
                head = block[:_HEAD]
                for block in iter(lambda: handle.read(_CHUNK), b""):
                    if len(head) < _HEAD:
                        head += block[: _HEAD - len(head)]
                    counter.feed(block)
        except OSError as exc:
            raise _unreadable(exc, str(path)) from None
        done = parsing.result()
    counts = counter.counts(head)
    return (counts, *done) if done is not None else (counts, None, None)


def _check_readable(path: Path, shown: str) -> None:
    """The errors `read_bytes` gives, for a file that polars will read itself.

    A FIFO, a device or a directory is refused here, before polars could block
    on it or read `/dev/zero` until memory runs out.
    """
    check_input(path, shown, "a CSV file")


def _check_width(head: bytes, shown: str) -> None:
    """Refuse a header wider than MAX_COLUMNS before polars parses a byte of the file."""
    if head.count(b",") < MAX_COLUMNS:
        return
    reader = csv.reader(io.StringIO(head.decode("utf-8", errors="replace"), newline=""))
    old_limit = csv.field_size_limit(FIELD_LIMIT)
    try:
        width = len(next(reader, []))
    except csv.Error:
        return  # the exact scan reports it
    finally:
        csv.field_size_limit(old_limit)
    if width > MAX_COLUMNS:
        raise InputError(
            f"the header has {width:,}{'+' if len(head) == _HEAD else ''} columns; "
            f"at most {MAX_COLUMNS:,} are read",
            Location(shown, 1),
        )


@dataclass(frozen=True)
class _Facts:
    """What `_simple` needs to know about cells no longer held, counted by the worker that
    parsed them: a deferred column's (`_parse`). Held columns are measured by `_simple`
    itself, and only when some line is longer than FIELD_LIMIT (`_Counts.longest`)."""

    longest: int
    """Bytes in the longest cell."""

    @classmethod
    def of(cls, frame: pl.DataFrame) -> _Facts:
        """The facts, a Categorical column's widths taken once per distinct value."""
        import polars as pl

        columns = frame.columns
        if not frame.height or not columns:
            return cls(0)
        text = [name for name in columns if frame.schema[name] == pl.String]
        coded = [name for name in columns if frame.schema[name] == pl.Categorical]
        if not text and not coded:
            return cls(0)
        widths = [pl.col(name).str.len_bytes().max() for name in text] + [
            pl.col(name).unique().cast(pl.String).str.len_bytes().max() for name in coded
        ]
        return cls(frame.select(pl.max_horizontal(widths)).item() or 0)


def _simple(
    counts: _Counts, frame: pl.DataFrame, header: list[str], facts: _Facts
) -> int | None:
    """Whether polars' reading is provably the csv module's, so the exact scan can be skipped:
    then how many of its records are blank (which `_frame` drops), else None.

    Counts over the bytes decide it. One newline per record (plus the
    header's) means no record spans lines, so a record's line is its row
    number + 2 and the record of each line is known. polars refuses most
    rows with too many fields but reads a short row's missing fields as
    empty cells, and drops an empty field past the last. So each line must
    end in as many empty fields (a separator, alone or before `""`) as its
    record has empty cells at its end: a short line ends in fewer, a long one
    in more. A blank record is a line with nothing on it, which the csv
    module skips, or one of exactly a separator fewer than the header has
    columns. Every quote mark must open, double or close a quoted field
    (`_Counter._quoting`). Anything else, including oversized fields, goes to
    the exact scan, which also names the line. The blank records are counted
    from the same last cells, so `_frame` looks for them only when there are
    some (0.03 s of a million-claim read).
    """
    import polars as pl

    if [name.strip() for name in frame.columns] != header:
        return None
    rows = frame.height
    if counts.bare_cr or counts.long_run:
        return None  # a bare CR ends a record for the csv module, not for polars
    # One newline after the header and after each record but the last, and after the
    # last too when the file ends in one: any other newline is inside a quoted field.
    if counts.newlines != rows + counts.ends_in_newline or counts.quotes % 2:
        return None
    if counts.stray_quote:
        return None
    if len(counts.ends) != rows:
        return None
    # No record spans lines (above), so no cell is longer than the longest line: the
    # cells are measured only when that line is (0.03 s of a million-claim read).
    if counts.longest > FIELD_LIMIT and max(facts.longest, _Facts.of(frame).longest) > FIELD_LIMIT:
        return None
    if not rows:
        return 0
    width = len(header)
    trailing = _trailing_empty(frame)
    ends = pl.Series("ends", counts.ends, dtype=pl.Int8).cast(pl.Int16)
    blank = trailing == width
    # A record of nothing but empty cells is a line with nothing on it, or a line of
    # a separator fewer than the header has columns.
    agree = (blank & ((ends == _EMPTY_LINE) | (ends == width - 1))) | (~blank & (trailing == ends))
    return int(blank.sum()) if agree.all() else None


def _trailing_empty(frame: pl.DataFrame) -> pl.Series:
    """How many empty cells end each record (the frame's width for a record of nothing).

    Counted from the last column back, a column at a time, only while some
    record is still empty there: most tables stop after a column or two, where
    finding each record's last filled cell read every cell of the frame (0.012 s
    against 0.072 s for the simple bench table's million claims of 15 columns).
    """
    import polars as pl

    # Int16: a count up to MAX_COLUMNS, in 2 MiB for a million records.
    trailing = pl.zeros(frame.height, pl.Int16, eager=True)
    still = None
    for name in reversed(frame.columns):
        empty = frame.select(~_filled(frame, name)).to_series()
        still = empty if still is None else still & empty
        if not still.any():
            break
        trailing = trailing + still.cast(pl.Int16)
    return trailing.alias("trailing")


def _header_only(raw: bytes, shown: str) -> tuple[list[str], list[InputError]]:
    errors: list[InputError] = []
    old_limit = csv.field_size_limit(FIELD_LIMIT)
    try:
        return _read_header(csv.reader(_text(raw), strict=True), shown, errors), errors
    except UnicodeDecodeError:
        raise _decode_error(raw, shown) from None
    finally:
        csv.field_size_limit(old_limit)


def _text(raw: bytes) -> io.TextIOWrapper:
    """The bytes as a decoding text stream: decoded as read, never copied whole."""
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")


def _decode_error(raw: bytes, shown: str) -> InputError:
    """Name the line and byte of the first byte that is not UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte {column} of the line); "
            "save the file as UTF-8",
            Location(shown, line, "(encoding)"),
        )
    return InputError("not valid UTF-8", Location(shown))


def _scan(raw: bytes, shown: str) -> tuple[list[str], array[int], list[InputError]]:
    """The exact pass: header, the first line of each record, every structural error."""
    errors: list[InputError] = []
    lines: array[int] = array("I")
    reader = csv.reader(_text(raw), strict=True)
    old_limit = csv.field_size_limit(FIELD_LIMIT)
    try:
        header = _read_header(reader, shown, errors)
        width = len(header)
        first = reader.line_num + 1
        append = lines.append
        for row in reader:
            if len(row) != width and row:
                column = header[len(row)] if len(row) < width else "(row)"
                errors.append(
                    InputError(
                        f"row has {len(row)} fields, the header has {width}",
                        Location(shown, first, column),
                    )
                )
            append(first)
            first = reader.line_num + 1
    except csv.Error as exc:
        errors.append(_csv_error(exc, shown, reader.line_num))
    except UnicodeDecodeError:
        raise _decode_error(raw, shown) from None
    finally:
        csv.field_size_limit(old_limit)
    return header, lines, errors


def _csv_error(exc: csv.Error, shown: str, line: int) -> InputError:
    """A csv module error (unterminated quote, huge field) in the user's words."""
    message = str(exc)
    if "field larger than field limit" in message:
        message = f"a field is longer than {FIELD_LIMIT} characters"
    elif "EOF" in message or "end of data" in message:
        message = 'unterminated quoted field (a " is opened and never closed)'
    return InputError(message, Location(shown, line, "(row)"))


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


def _parse(
    source: bytes | Path,
    categorical: Collection[str] = (),
    deferred: Collection[str] = (),
    *,
    code_late: Collection[str] = (),
) -> tuple[pl.DataFrame, _Facts] | None:
    """`_read_polars`, made one chunk per column, with its deferred cells' facts: a worker's job.

    Columns are made one chunk a column at a time, each replacing its parsed
    chunks, which are freed then. `frame.rechunk()` copied every column before
    any was freed: on the 10M-claim bench table it took the read's peak from
    4.4 to 6.6 GiB, against 4.5 GiB this way, which is also faster. No other
    name may hold the parsed frame meanwhile, or nothing would be freed.
    Empty Categorical cells are made "" as empty string cells are, so a column
    reads the same either way. A `deferred` column is never made one chunk:
    its cells' widths are taken and it is replaced by whether each is filled,
    all that `_simple` and `_frame` read of it (`_filled`). The `categorical`
    columns also in `code_late` are parsed as text and cast together once the
    others are made one chunk (CODE_WHILE_PARSING_FROM).
    """
    import polars as pl

    late = {name for name in categorical if name in code_late}
    frame = _read_polars(source, [name for name in categorical if name not in late])
    if frame is None:
        return None
    longest = 0
    # Deferred columns first: their strings are freed before any other column is copied.
    first = [name for name in frame.columns if name.strip() in deferred]
    for name in first + [name for name in frame.columns if name not in first]:
        column = frame.get_column(name)
        if name.strip() in deferred and column.dtype == pl.String:
            longest = max(longest, int(column.str.len_bytes().max() or 0))  # type: ignore[arg-type]
            filled = (column.is_not_null() & (column != "")).rechunk()
            del column
            frame = frame.with_columns(filled.alias(name))
            continue
        if name in late:
            continue
        if column.n_chunks() > 1:
            frame = frame.with_columns(column.rechunk())
        # polars reads an empty cell of a Categorical as null, of a string as "".
        if column.dtype == pl.Categorical and column.null_count():
            frame = frame.with_columns(pl.col(name).fill_null(""))
        del column
    # Coded in one query, side by side on polars' threads: 0.08-0.09 s against
    # 0.13-0.16 s in turn for the varied bench table's three (their text is small).
    coded = [name for name in frame.columns if name in late]
    if coded:
        frame = frame.with_columns(pl.col(coded).cast(pl.Categorical))
        frame = frame.with_columns([frame.get_column(name).rechunk() for name in coded])
    return frame, _Facts(longest)


def _read_polars(source: bytes | Path, categorical: Collection[str] = ()) -> pl.DataFrame | None:
    """The fast reader: every column as text; None when polars cannot read the file.

    A name in `categorical` that the header does not hold is ignored by polars.
    """
    import polars as pl

    try:
        return pl.read_csv(
            source,
            infer_schema=False,
            schema_overrides=dict.fromkeys(categorical, pl.Categorical),
            has_header=True,
            empty_string_is_null=False,
            raise_if_empty=False,
        )
    except Exception:
        return None


def _frame(
    parsed: pl.DataFrame | None,
    raw: bytes | None,
    header: list[str],
    lines: array[int] | None,
    categorical: Collection[str],
    blanks: int | None = None,
) -> pl.DataFrame:
    """The records as a frame with their line numbers, blank ones dropped.

    `blanks`: how many records `_simple` counted blank in `parsed`; None
    when it has not counted them (the exact scan's frame).
    """
    import polars as pl

    frame = parsed
    if frame is not None and [name.strip() for name in frame.columns] == header:
        frame = frame.rename(dict(zip(frame.columns, header, strict=True)))
    if lines is None and frame is not None:
        frame = frame.with_columns(
            pl.int_range(2, frame.height + 2, dtype=pl.UInt32).alias(LINE_COLUMN)
        )
    else:
        assert raw is not None, "the exact scan reads the bytes it gives lines for"
        if lines is None or frame is None or frame.height != len(lines) or frame.columns != header:
            frame = _frame_from_csv_module(raw, header, categorical)
        frame = frame.with_columns(pl.Series(LINE_COLUMN, lines, dtype=pl.UInt32))
        blanks = None
    if blanks == 0:
        return frame
    # Blank lines are records of nothing: drop them once their line numbers are aligned.
    blank = ~pl.any_horizontal(_filled(frame, name) for name in frame.columns if name in header)
    return frame.filter(~blank) if frame.select(blank.any()).item() else frame


def _filled(frame: pl.DataFrame, name: str) -> pl.Expr:
    """Whether a cell holds anything; a deferred column (`_parse`) holds just that answer."""
    import polars as pl

    if frame.schema[name] == pl.Boolean:
        return pl.col(name)
    return pl.col(name).is_not_null() & (pl.col(name) != "")


def _frame_from_csv_module(
    raw: bytes, header: list[str], categorical: Collection[str]
) -> pl.DataFrame:
    import polars as pl

    columns: list[list[str | None]] = [[] for _ in header]
    reader = csv.reader(_text(raw), strict=True)
    next(reader)
    for row in reader:
        for i, column in enumerate(columns):
            column.append(row[i] if i < len(row) else None)
    schema = {name: pl.Categorical if name in categorical else pl.String for name in header}
    return pl.DataFrame(dict(zip(header, columns, strict=True)), schema=schema)
