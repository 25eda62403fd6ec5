"""A claims table as CSV (contract section 1), the format `draft` writes and `compare` reads.

LF line ends and minimal quoting, as the bundled `data/claims.csv` is
written, so a drafted table diffs cleanly against a hand-made one.
`excel_safe` neutralizes cells a spreadsheet would run as formulas
(`render/cells.py`); numbers are left alone.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from claimcheck.render.cells import excel_safe

if TYPE_CHECKING:
    import polars as pl


def write_table(frame: pl.DataFrame, out: TextIO, *, safe: bool = False) -> None:
    """Every column of `frame` (all strings), header first."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.iter_rows():
        writer.writerow([excel_safe(cell or "") if safe else (cell or "") for cell in row])
