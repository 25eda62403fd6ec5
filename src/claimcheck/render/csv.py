"""CSV findings (contract section 5): RFC 4180 from the csv module, contract columns first.

Rows are written as findings are read from the report's frame, so memory
stays flat however many findings there are.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from claimcheck.models import FINDING_COLUMNS
from claimcheck.render.cells import excel_safe
from claimcheck.render.numbers import plain

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    writer = csv.writer(out)
    writer.writerow(FINDING_COLUMNS)
    text = excel_safe if options.excel_safe else str
    for finding in report:
        writer.writerow(
            plain(cell) if isinstance(cell, float) else "true" if cell is True
            else "false" if cell is False else text(cell) if isinstance(cell, str) else cell
            for cell in (getattr(finding, name) for name in FINDING_COLUMNS)
        )  # fmt: skip
