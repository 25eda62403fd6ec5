"""JSON and JSON Lines findings: contract keys in order, numbers as numbers, infinity as null."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.findings import FINDING_COLUMNS, finding_schema
from claimcheck.render import RenderOptions
from claimcheck.render import json as json_render
from claimcheck.render import jsonl as jsonl_render


class _Report:
    """Just what the renderers read: a findings frame, its rows and its length."""

    def __init__(self, findings: pl.DataFrame) -> None:
        self.findings = findings

    def rows(self) -> Iterator[tuple[Any, ...]]:
        yield from self.findings.select(FINDING_COLUMNS).iter_rows()

    def __len__(self) -> int:
        return self.findings.height


def _frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """Findings of `rows`' cells, every other cell empty text, a missing number null."""
    schema = finding_schema()
    blank = {name: "" if dtype == pl.String else None for name, dtype in schema.items()}
    return pl.DataFrame([{**blank, **row} for row in rows], schema=schema).with_columns(
        pl.col("source_a", "unit_b").cast(pl.Categorical)
    )


def _rendered(frame: pl.DataFrame) -> tuple[str, str]:
    array, lines = io.StringIO(), io.StringIO()
    json_render.render(_Report(frame), array, RenderOptions())  # type: ignore[arg-type]
    jsonl_render.render(_Report(frame), lines, RenderOptions())  # type: ignore[arg-type]
    return array.getvalue(), lines.getvalue()


def test_an_open_interval_end_is_null_and_figures_are_numbers() -> None:
    frame = _frame([
        {"claim_a": "a1", "value_a": "12", "value_b": "1.5", "low_a": float("-inf"),
         "high_a": 12.5, "low_b": 1.45, "high_b": float("inf"), "relative_gap": 0.25,
         "line_a": 7, "fails": True, "source_a": "ä-quelle", "unit_b": "t"},
        {"claim_a": "a2", "value_a": "10+15", "value_high_a": "123456789012345678901234567890",
         "value_b": "2e3", "derived_low": float("inf"), "derived_high": -0.0},
    ])  # fmt: skip
    array, lines = _rendered(frame)
    first, second = json.loads(array)
    assert list(first) == list(FINDING_COLUMNS)
    ends = (first["low_a"], first["high_a"], first["low_b"], first["high_b"])
    assert ends == (None, 12.5, 1.45, None)
    assert (first["value_a"], first["value_b"], first["value_high_a"]) == (12, 1.5, None)
    assert isinstance(first["value_a"], int)
    assert (first["line_a"], first["line_b"], first["fails"]) == (7, None, True)
    assert (first["source_a"], first["unit_b"], first["quote_a"]) == ("ä-quelle", "t", "")
    assert second["value_a"] == "10+15"  # a relation's joined values stay text
    assert second["value_high_a"] == 123456789012345678901234567890
    derived = (second["value_b"], second["derived_low"], second["derived_high"])
    assert derived == (2000.0, None, -0.0)
    assert "ä-quelle" in array  # not escaped
    assert [json.loads(line) for line in lines.splitlines()] == [first, second]


_CELLS = st.tuples(
    st.text(alphabet=st.sampled_from(list('a ,"\n\\\t\x00é€😀')), max_size=6),
    st.none() | st.floats(allow_nan=False),
    st.none() | st.integers(0, 2**31),
    st.sampled_from(["", "7", "-0", "1.25", "3e-05", "10+15", "99999999999999999999"]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_CELLS, max_size=6))
def test_each_row_is_written_as_json_dumps_writes_its_cells(
    rows: list[tuple[str, float | None, int | None, str]],
) -> None:
    """Row by row, in order: what `json.dumps(ensure_ascii=False)` writes of each row's
    cells, every text cell holding `text`, every float `number`, and so on."""
    schema = finding_schema()
    numeric = {"value_a", "value_b", "value_high_a", "value_high_b"}
    cells: list[dict[str, object]] = []
    for text, number, count, written in rows:
        cells.append({
            name: written if name in numeric
            else number if dtype == pl.Float64 else count if dtype == pl.Int64
            else count is not None if dtype == pl.Boolean else text
            for name, dtype in schema.items()
        })  # fmt: skip
    array, lines = _rendered(_frame(cells))

    def as_number(text: str) -> object:
        if not text or text == "10+15":
            return text or None
        return int(text) if text.lstrip("-").isdigit() else float(text)

    expected = []
    for row in cells:
        data = {name: as_number(str(value)) if name in numeric else value
                for name, value in row.items()}  # fmt: skip
        data = {name: None if isinstance(value, float) and abs(value) == float("inf") else value
                for name, value in data.items()}  # fmt: skip
        expected.append(json.dumps(data, ensure_ascii=False))
    assert lines == "".join(f"{line}\n" for line in expected)
    assert array == ("[\n" + ",\n".join(expected) + "\n]\n" if expected else "[]\n")


@pytest.mark.parametrize("renderer", [json_render, jsonl_render])
def test_no_finding_writes_an_empty_document(renderer: object) -> None:
    out = io.StringIO()
    renderer.render(_Report(_frame([])), out, RenderOptions())  # type: ignore[attr-defined]
    assert out.getvalue() == ("[]\n" if renderer is json_render else "")
