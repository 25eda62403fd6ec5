"""The CSV renderer writes exactly what Python's csv module would, however hostile the cells."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.findings import FINDING_COLUMNS, finding_schema
from claimcheck.render import RenderOptions, render_batches
from claimcheck.render import csv as csv_render
from claimcheck.render.csv import morsel_rows, render

if TYPE_CHECKING:
    from claimcheck.models import Report


class _Report:
    """Just what the renderer reads: a findings frame."""

    def __init__(self, findings: pl.DataFrame) -> None:
        self.findings = findings


CELL = st.text(alphabet=st.sampled_from(list("a ,\"\n\r\t=é'")), max_size=5)


ROWS = st.lists(st.lists(CELL, min_size=len(FINDING_COLUMNS), max_size=len(FINDING_COLUMNS)),
                max_size=5)  # fmt: skip


def _rendered(rows: list[list[str]], out: io.TextIOBase) -> str:
    """Render `rows` as findings into `out`; return what the csv module writes for them."""
    frame = pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String), orient="row")
    render(_Report(frame), out, RenderOptions())  # type: ignore[arg-type]
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(FINDING_COLUMNS)
    writer.writerows(rows)
    return expected.getvalue()


@settings(max_examples=100, deadline=None)
@given(ROWS)
def test_bytes_equal_the_csv_module(rows: list[list[str]]) -> None:
    got = io.StringIO()
    assert _rendered(rows, got) == got.getvalue()


@settings(max_examples=100, deadline=None)
@given(ROWS)
def test_bytes_written_beneath_a_text_stream_equal_the_csv_module(rows: list[list[str]]) -> None:
    """Standard output has a byte buffer beneath it; polars writes there, header first."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    expected = _rendered(rows, stream)
    stream.flush()
    assert raw.getvalue() == expected.encode("utf-8")


def test_rows_sunk_in_many_pieces_are_written_in_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """polars makes the text of a byte stream's rows on its threads, a piece at a time; the
    pieces of 600 rows of two to five come out in the rows' order, each row whole."""
    monkeypatch.setattr(csv_render, "_MORSEL_BYTES", 1_000)
    rows = [[f"{row}", f'say "{row}",\r\n' * (row % 3), *[""] * (len(FINDING_COLUMNS) - 2)]
            for row in range(600)]  # fmt: skip
    frame = pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String), orient="row")
    assert 2 <= morsel_rows(frame) <= 5
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    expected = _rendered(rows, stream)
    stream.flush()
    assert raw.getvalue() == expected.encode("utf-8")


def test_pieces_hold_about_the_morsel_bytes_of_text() -> None:
    """Long quotes make short pieces, so a report of 130 KB cells is not made text
    100,000 rows at once; a row of no text is guessed to hold 256 bytes."""

    def frame(quote: str, height: int = 10) -> pl.DataFrame:
        rows = [[quote, quote, *[""] * (len(FINDING_COLUMNS) - 2)]] * height
        return pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String),
                            orient="row")  # fmt: skip

    assert morsel_rows(frame("q" * (1 << 20))) == (4 << 20) // ((2 << 20) + 256)
    assert morsel_rows(frame("q" * (1 << 17))) == (4 << 20) // ((1 << 18) + 256)
    assert morsel_rows(frame("q" * (4 << 20))) == 1
    assert morsel_rows(frame("")) == (4 << 20) // 256 == morsel_rows(frame("q", 0))


def test_a_report_of_much_text_is_sunk_in_at_most_256_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """polars plans a union of many slices slowly (1.7 s for 5,000), so past 256 pieces
    each piece holds more rows than its bytes would give it."""
    monkeypatch.setattr(csv_render, "_MORSEL_BYTES", 1)
    rows = [[f"{row}", *[""] * (len(FINDING_COLUMNS) - 1)] for row in range(1_000)]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String), orient="row")
    assert morsel_rows(frame) == 4  # 250 pieces
    assert morsel_rows(frame.head(256)) == 1
    assert morsel_rows(frame.head(257)) == 2
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    expected = _rendered(rows, stream)
    stream.flush()
    assert raw.getvalue() == expected.encode("utf-8")


_TYPED = st.lists(
    st.tuples(CELL, st.none() | st.floats(allow_nan=False), st.none() | st.booleans(),
              st.none() | st.integers(0, 2**31)),
    max_size=5,
)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(_TYPED)
def test_cells_of_every_type_are_written_as_their_text(
    rows: list[tuple[str, float | None, bool | None, int | None]],
) -> None:
    """Categorical text (sources, units), numbers, booleans and nulls, as the report holds
    them: an empty or null cell is written bare, every other as polars casts it to text."""
    schema = finding_schema()
    coded = {"source_a", "unit_a", "attributed_to_b"}
    columns: dict[str, list[object]] = {}
    for name in FINDING_COLUMNS:
        position = (
            1 if schema[name] == pl.Float64 else 2 if schema[name] == pl.Boolean
            else 3 if schema[name] == pl.Int64 else 0
        )  # fmt: skip
        columns[name] = [row[position] for row in rows]
    frame = pl.DataFrame(columns, schema=schema).with_columns(
        pl.col(sorted(coded)).cast(pl.Categorical), pl.col("line_a").cast(pl.UInt32)
    )
    got = io.StringIO()
    render(_Report(frame), got, RenderOptions())  # type: ignore[arg-type]
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(FINDING_COLUMNS)
    writer.writerows(frame.select(pl.all().cast(pl.String).fill_null("")).iter_rows())
    assert got.getvalue() == expected.getvalue()


def _batches(count: int, produced: list[int]) -> Iterator[_Report]:
    for index in range(count):
        produced.append(index)
        rows = [[f"{index}-{row}", *[""] * (len(FINDING_COLUMNS) - 1)] for row in range(3)]
        yield _Report(pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String),
                                   orient="row"))  # fmt: skip


def test_batches_are_written_in_order_under_one_header() -> None:
    out = io.StringIO()
    last = render_batches(_batches(4, []), render, out, RenderOptions())  # type: ignore[arg-type]
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(FINDING_COLUMNS)
    assert [line.split(",")[0] for line in lines[1:]] == [
        f"{batch}-{row}" for batch in range(4) for row in range(3)
    ]
    assert last is not None
    assert last.findings.item(0, 0) == "3-0"


def test_the_next_batch_is_made_while_one_is_written_and_no_more() -> None:
    """Each write waits (2 s at most) for the batch after it: only a writer running beside
    the making of batches sees it come. None runs further ahead than that one batch."""
    produced: list[int] = []
    made = [threading.Event() for _ in range(4)]
    overlapped: list[bool] = []
    ahead: list[int] = []

    def batches() -> Iterator[_Report]:
        for index, report in enumerate(_batches(4, produced)):
            made[index].set()
            yield report

    def waiting(report: Report, out: TextIO, options: RenderOptions) -> None:
        index = int(str(report.findings.item(0, 0)).split("-")[0])
        if index + 1 < len(made):
            overlapped.append(made[index + 1].wait(timeout=2))
        time.sleep(0.02)  # time for a writer that reads further ahead to do so
        ahead.append(len(produced) - index)
        render(report, out, options)

    render_batches(batches(), waiting, io.StringIO(), RenderOptions())  # type: ignore[arg-type]
    assert overlapped == [True, True, True]
    assert ahead == [2, 2, 2, 1]


def test_a_failed_write_is_raised_and_no_batch_after_it_is_written() -> None:
    written: list[str] = []

    def failing(report: Report, out: TextIO, options: RenderOptions) -> None:
        first = str(report.findings.item(0, 0))
        if first.startswith("1-"):
            raise OSError(28, "No space left on device")
        written.append(first)

    with pytest.raises(OSError, match="No space left"):
        render_batches(_batches(5, []), failing, io.StringIO(), RenderOptions())  # type: ignore[arg-type]
    assert written == ["0-0"]


def test_no_batch_writes_nothing() -> None:
    out = io.StringIO()
    assert render_batches(iter([]), render, out, RenderOptions()) is None
    assert out.getvalue() == ""


def test_excel_safe_cells_are_the_csv_modules_with_formulas_defused() -> None:
    """`--excel-safe`: an empty cell stays empty, a formula gets its apostrophe, a number
    that starts with a sign stays a number, and the rest is what the csv module writes."""
    cells = ["=HYPERLINK(1)", None, "-5", "+a", "plain, with comma", "@x", "", "a\nb"]
    rows = [[cells[(n + at) % len(cells)] for n in range(len(FINDING_COLUMNS))]
            for at in range(3)]  # fmt: skip
    frame = pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String), orient="row")
    got = io.StringIO()
    render(_Report(frame), got, RenderOptions(excel_safe=True))  # type: ignore[arg-type]
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(FINDING_COLUMNS)
    safe = {"=HYPERLINK(1)": "'=HYPERLINK(1)", None: "", "+a": "'+a", "@x": "'@x"}
    writer.writerows([[safe.get(cell, cell) for cell in row] for row in rows])
    assert got.getvalue() == expected.getvalue()
