"""The CSV renderer writes exactly what Python's csv module would, however hostile the cells."""

from __future__ import annotations

import csv
import io

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.findings import FINDING_COLUMNS, finding_schema
from claimcheck.render import RenderOptions
from claimcheck.render.csv import render


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
