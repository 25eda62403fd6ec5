"""Writers for extraction results: CSV, JSON and a table (claims rows are `claimcheck draft`'s).

All writers take the candidates and a text stream, and write data only; they
never print messages. Values are written as plain decimals (`5500000000`),
never with exponents or thousands separators, so the output can go straight
into a claims table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TextIO

from claimcheck.extract.model import Candidate
from claimcheck.extract.numbers import plain

COLUMNS = (
    "source_id", "start", "end", "text", "value", "value_high", "unit",
    "qualifier", "sentence", "lang", "note",
)  # fmt: skip
"""Contract section 8's columns first, then the language and the uncertainty note."""

def candidate_row(candidate: Candidate) -> dict[str, str | int]:
    """One candidate as a flat row of the extract columns."""
    return {
        "source_id": candidate.source_id,
        "start": candidate.start,
        "end": candidate.end,
        "text": candidate.text,
        "value": plain(candidate.value),
        "value_high": "" if candidate.value_high is None else plain(candidate.value_high),
        "unit": candidate.unit,
        "qualifier": candidate.qualifier,
        "sentence": candidate.sentence,
        "lang": candidate.lang,
        "note": candidate.note,
    }


def write_csv(candidates: Sequence[Candidate], out: TextIO) -> None:
    """The extract columns as CSV with a header row."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for candidate in candidates:
        writer.writerow(candidate_row(candidate))


def _json_number(value: Decimal | None) -> int | float | None:
    """Integral values as JSON integers (exact at any size), others as floats."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def write_json(candidates: Sequence[Candidate], out: TextIO) -> None:
    """A JSON array of objects with the CSV's keys; numbers as numbers, as `compare` writes."""
    rows: list[dict[str, object]] = []
    for candidate in candidates:
        row: dict[str, object] = dict(candidate_row(candidate))
        row["value"] = _json_number(candidate.value)
        row["value_high"] = _json_number(candidate.value_high)
        rows.append(row)
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_table(candidates: Sequence[Candidate], out: TextIO) -> None:
    """A rich table for people; rich is imported only in `render_table`."""
    from claimcheck.extract.render_table import render

    render(candidates, out)


WRITERS: dict[str, Callable[[Sequence[Candidate], TextIO], None]] = {
    "csv": write_csv,
    "json": write_json,
    "table": write_table,
}
"""`--format` values to writers."""
