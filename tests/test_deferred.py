"""Deferred columns: a large file's quotes are checked, dropped, and read back by line.

Whatever a file holds, a deferring read must give the cells the csv module
reads, line for line, or refuse the file as the csv module does; and a
compare that leaves its quotes in the file must write the findings of one
that holds them, byte for byte.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck import csvfile, pipeline
from claimcheck import deferred as deferred_module
from claimcheck.cli import app
from claimcheck.csvfile import CsvFile, read_csv
from claimcheck.deferred import DeferredColumns, with_deferred_quotes
from claimcheck.errors import InputError, InputErrors
from claimcheck.keys import KEY_FIELDS
from claimcheck.pipeline import load_files
from claimcheck.table import load_table
from conftest import REPO, SEED_CLAIMS, bench_generator
from test_csvfile import _exact

pytestmark = pytest.mark.usefixtures("parse_every_size")

RELATIONS = REPO / "tests" / "data" / "relations" / "claims.csv"
CONFLICTS = REPO / "tests" / "data" / "conflicts" / "claims.csv"


@pytest.fixture
def defer_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large: the deferring path runs on test-sized files."""
    monkeypatch.setattr(csvfile, "DEFER_FROM", 0)


def _deferring(path: Path, deferred: tuple[str, ...] = ("h2",)) -> CsvFile:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvfile, "DEFER_FROM", 0)
        return read_csv(path, required=(), what="t", deferred=deferred)


def _read_back(data: bytes) -> object:
    """A deferring read of `data` from disk, `h2` read back: the rows `_exact` gives, or errors."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(data)
        try:
            read = _deferring(path)
        except InputErrors as error:
            return [e.message for e in error.errors]
        frame = read.frame
        if read.deferred is not None:
            assert "h2" not in frame.columns
            back = read.deferred.cells("h2", frame.get_column("_line"))
            frame = frame.with_columns(back.alias("h2"))
    rows = frame.select("h1", "h2", "h3", "_line").rows()
    return [(a or "", b or "", c or "", line) for a, b, c, line in rows]


_SOUP = st.lists(
    st.sampled_from(["a", "b", ",", '"', "\n", "\r\n", " ", '""', ",,", '"a,b"', "é"]),
    max_size=30,
).map(lambda parts: ("h1,h2,h3\n" + "".join(parts)).encode())


@settings(max_examples=400, deadline=None)
@given(_SOUP)
@example(b'h1,h2,h3\n1,"a ""q"", b",3\r\n4,,6')  # an escaped quote, CRLF, no final newline
@example(b"\xef\xbb\xbfh1,h2,h3\n1,x,3\n")  # a byte order mark before the header
@example(b"h1,h2,h3\n1,,3\n,,\n\n4,y,\n")  # empty cells and blank records
@example(b'h1,h2,h3\n1,"two\nlines",3\n')  # a record over two lines: the exact scan
def test_deferred_cells_read_back_as_the_csv_module_reads_them(data: bytes) -> None:
    """The same records, lines and errors as the csv module, the deferred column included."""
    assert _read_back(data) == _exact(data)


def test_only_a_file_read_on_the_fast_path_defers(tmp_path: Path) -> None:
    simple = tmp_path / "simple.csv"
    simple.write_bytes(b"h1,h2,h3\n1,a,3\n4,b,6\n")
    spanning = tmp_path / "spanning.csv"
    spanning.write_bytes(b'h1,h2,h3\n1,"a\nb",3\n')
    read = _deferring(simple)
    assert read.deferred is not None
    assert read.frame.columns == ["h1", "h3", "_line"]
    held = _deferring(spanning)
    assert held.deferred is None
    assert held.frame.get_column("h2").to_list() == ["a\nb"]
    small = read_csv(simple, required=(), what="t", deferred=("h2",))  # under DEFER_FROM
    assert small.deferred is None
    assert small.frame.get_column("h2").to_list() == ["a", "b"]


def test_cells_come_back_in_the_order_asked_once_per_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"h1,h2,h3\r\n1,first,3\r\n4,,6\r\n7,third,9")
    deferred = _deferring(path).deferred
    assert deferred is not None
    lines = pl.Series([4, 2, None, 4, 3], dtype=pl.UInt32)
    assert deferred.cells("h2", lines).to_list() == ["third", "first", None, "third", ""]


def test_lines_far_apart_come_back_with_the_text_as_written(tmp_path: Path) -> None:
    """Lines asked for that are not next to each other are read apart, and every cell
    stays text: `007` is not a number, nor `1.50` a float, nor an empty cell null."""
    cells = ["007", "x", "1.50", "", "y", "z", "1e3", "w"]
    path = tmp_path / "t.csv"
    path.write_bytes(b"h1,h2,h3\n" + b"".join(b"%d,%s,0\n" % (n, c.encode())
                                              for n, c in enumerate(cells)))  # fmt: skip
    deferred = _deferring(path, ("h1", "h2")).deferred
    assert deferred is not None
    lines = pl.Series([9, 2, 4, 5, 8, 2], dtype=pl.UInt32)  # line n holds cells[n - 2]
    assert deferred.cells("h2", lines).to_list() == ["w", "007", "1.50", "", "1e3", "007"]
    assert deferred.cells("h1", lines).to_list() == ["7", "0", "2", "3", "6", "0"]


def test_many_lines_are_parsed_a_slice_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"h1,h2,h3\n" + b"".join(b"%d,c%d,0\n" % (n, n) for n in range(9)))
    deferred = _deferring(path).deferred
    assert deferred is not None
    monkeypatch.setattr(deferred_module, "_LINES", 2)
    lines = pl.Series([10, 2, 3, 4, 6, 7, 8], dtype=pl.UInt32)
    assert deferred.cells("h2", lines).to_list() == ["c8", "c0", "c1", "c2", "c4", "c5", "c6"]


def test_a_line_polars_cannot_parse_is_read_as_the_csv_module_reads_it(tmp_path: Path) -> None:
    """A quote inside a cell stops polars' parser on some lines; the csv module reads them,
    and a record short of the column gives an empty cell."""
    data = b'h1,h2,h3\n1,a"b,3\n2,"c"d,x"y\n3,plain,6\n4,q"r\n'
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    starts = np.array([0, *(i + 1 for i, byte in enumerate(data) if byte == ord("\n"))])
    deferred = DeferredColumns(
        path, "t.csv", {"h2": 1, "h3": 2}, b"h1,h2,h3\n", starts,
        (path.stat().st_size, path.stat().st_mtime_ns),
    )  # fmt: skip
    lines = pl.Series([3, 2, 4, 5], dtype=pl.UInt32)
    assert deferred.cells("h2", lines).to_list() == ["cd", 'a"b', "plain", 'q"r']
    assert deferred.cells("h3", lines).to_list() == ['x"y', "3", "6", ""]  # a short record


def test_findings_are_left_alone_when_no_quote_was_left_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"h1,h2,h3\n1,a,3\n")
    deferred = _deferring(path).deferred  # its `h2` is in the file, not a quote
    assert deferred is not None
    findings = pl.DataFrame({"quote_a": [""], "quote_b": [""], "line_a": [2], "line_b": [2]})
    assert with_deferred_quotes(findings, deferred).equals(findings)


def test_a_file_changed_after_the_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"h1,h2,h3\n1,a,3\n")
    deferred = _deferring(path).deferred
    assert deferred is not None
    path.write_bytes(b"h1,h2,h3\n1,b,3\n4,c,6\n")
    with pytest.raises(InputError) as refused:
        deferred.cells("h2", pl.Series([2], dtype=pl.UInt32))
    assert deferred.shown.endswith("t.csv")
    assert str(refused.value) == (
        f"{deferred.shown}: the file changed while claimcheck was reading it; "
        "run again once it is written"
    )


@pytest.mark.usefixtures("defer_all")
def test_a_table_leaves_its_quotes_in_the_file() -> None:
    held = load_table(SEED_CLAIMS)
    table = load_table(SEED_CLAIMS, deferred=("quote",))
    assert held.deferred is None
    assert table.deferred is not None
    assert "quote" not in table.claims.columns
    lines = table.claims.get_column("_line")
    assert table.deferred.cells("quote", lines).to_list() == held.claims.get_column(
        "quote"
    ).to_list()
    assert table.claims.equals(held.claims.drop("quote"))


@pytest.mark.usefixtures("defer_all")
def test_findings_get_their_quotes_back_but_keep_a_relations() -> None:
    table = load_table(SEED_CLAIMS, deferred=("quote",))
    held = load_table(SEED_CLAIMS)
    findings = pl.DataFrame(
        {
            "quote_a": ["", "joined | quotes"],
            "quote_b": ["", ""],
            "line_a": [2, 3],
            "line_b": [5, None],
        },
        schema={"quote_a": pl.String, "quote_b": pl.String,
                "line_a": pl.Int64, "line_b": pl.Int64},
    )  # fmt: skip
    quote = dict(zip(held.claims.get_column("_line"), held.claims.get_column("quote"),
                     strict=True))  # fmt: skip
    filled = with_deferred_quotes(findings, table.deferred)
    assert filled.get_column("quote_a").to_list() == [quote[2], "joined | quotes"]
    assert filled.get_column("quote_b").to_list() == [quote[5], ""]
    assert with_deferred_quotes(findings, None).equals(findings)


def _compare(path: Path, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(
        app, ["compare", str(path), "--fx", "none", "--quiet", *args], catch_exceptions=False
    )
    return done.exit_code, done.stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("claims", [CONFLICTS, RELATIONS], ids=["conflicts", "relations"])
def test_a_compare_with_quotes_left_on_disk_writes_the_same_findings(
    claims: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _compare(claims, "--format", fmt)
    monkeypatch.setattr(csvfile, "DEFER_FROM", 0)
    assert _compare(claims, "--format", fmt) == held
    assert "quote_a" in held[1]


def test_a_streamed_compare_reads_each_batchs_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of findings (pipeline.Stream) read their quotes one batch at a time."""
    path = tmp_path / "claims.csv"
    bench_generator().SHAPES["varied"](path, 3_000, 5)
    monkeypatch.setattr(pipeline, "STREAM_PAIRS", 10)
    monkeypatch.setattr(pipeline, "BATCH_PAIRS", 400)
    monkeypatch.setattr(pipeline, "BATCH_FINDINGS", 0)
    held = _compare(path, "--format", "csv")
    monkeypatch.setattr(csvfile, "DEFER_FROM", 0)
    deferred = _compare(path, "--format", "csv")
    assert deferred == held
    assert held[1].count("\n") > 100


def test_a_stream_whose_file_changes_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(CONFLICTS.read_bytes())
    monkeypatch.setattr(csvfile, "DEFER_FROM", 0)
    monkeypatch.setattr(pipeline, "STREAM_PAIRS", -1)
    real = pipeline.Stream.reports

    def touched(self: pipeline.Stream) -> object:
        path.write_bytes(path.read_bytes() + b"\n")
        return real(self)

    monkeypatch.setattr(pipeline.Stream, "reports", touched)
    done = CliRunner().invoke(app, ["compare", str(path), "--format", "csv"])
    assert done.exit_code == 2
    assert "changed while claimcheck was reading it" in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_compare_that_converts_currencies_reads_its_quotes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Money in two currencies is compared whole, in euros: its findings get quotes too."""
    path = tmp_path / "claims.csv"
    bench_generator().generate(path, 1_500, 4, 0.3)
    held = CliRunner().invoke(app, ["compare", str(path), "--format", "csv", "--quiet"])
    monkeypatch.setattr(csvfile, "DEFER_FROM", 0)
    deferred = CliRunner().invoke(app, ["compare", str(path), "--format", "csv", "--quiet"])
    assert (deferred.exit_code, deferred.stdout) == (held.exit_code, held.stdout)
    assert "EUR" in held.stdout


def test_a_large_findings_only_table_keeps_its_keys_not_its_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Findings name keys: a table read for csv or jsonl lets go of the names as written."""
    whole, _ = load_files(CONFLICTS, quotes_on_disk=True)
    monkeypatch.setattr(csvfile, "DEFER_FROM", 0)
    lean, _ = load_files(CONFLICTS, quotes_on_disk=True)
    held, _ = load_files(CONFLICTS)
    assert set(KEY_FIELDS) <= set(whole.claims.columns)
    assert set(KEY_FIELDS) <= set(held.claims.columns)
    assert not set(KEY_FIELDS) & set(lean.claims.columns)
    assert lean.claims.equals(held.claims.drop(*KEY_FIELDS, "quote"))


def test_a_file_changed_while_it_is_parsed_is_refused_when_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's stamp is taken before polars parses it, not after."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"h1,h2,h3\n1,a,3\n")
    real = csvfile._read_file

    def rewritten(*args: object, **options: object) -> object:
        done = real(*args, **options)  # type: ignore[arg-type]
        path.write_bytes(b"h1,h2,h3\n1,b,3\n4,c,6\n")
        return done

    monkeypatch.setattr(csvfile, "_read_file", rewritten)
    deferred = _deferring(path).deferred
    assert deferred is not None
    with pytest.raises(InputError, match="changed while claimcheck was reading it"):
        deferred.cells("h2", pl.Series([2], dtype=pl.UInt32))
