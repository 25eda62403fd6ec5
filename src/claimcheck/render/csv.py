"""CSV findings (contract section 5): RFC 4180 from the csv module, contract columns first.

Rows are written as findings are read from the report's frame, so memory
stays flat however many findings there are.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from claimcheck.models import FINDING_COLUMNS
from claimcheck.render.cells import excel_safe

_SLICE = 10_000

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    import polars as pl

    writer = csv.writer(out)
    writer.writerow(FINDING_COLUMNS)
    # Cells become text column-wise in polars (floats round-trip, `inf`, `true`/`false`);
    # Python only hands finished rows to the csv module, a slice at a time.
    cells = report.findings.select(pl.col(FINDING_COLUMNS).cast(pl.String).fill_null(""))
    for chunk in cells.iter_slices(_SLICE):
        rows = chunk.iter_rows()
        if options.excel_safe:
            writer.writerows([excel_safe(cell) for cell in row] for row in rows)
        else:
            writer.writerows(rows)
