"""CSV findings (contract section 5): RFC 4180, contract columns first.

Made into text a few MiB at a time (`_MORSEL_BYTES`), so memory stays flat
however many findings there are. The bytes are exactly those of Python's csv
module with its defaults (minimal quoting, CRLF); polars writes them because it
is several times faster on a large report.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from claimcheck.findings import FINDING_COLUMNS
from claimcheck.render.cells import excel_safe

_SLICE = 50_000
"""Rows made text at a time where Python writes them (a text stream, `--excel-safe`)."""

_MORSEL_BYTES = 4 << 20
"""About this much text is made at a time by each of polars' threads, as it writes to a
byte stream. polars cuts a frame into pieces of up to 100,000 rows: for the varied bench
table's findings, of 755 bytes of text a row, that held 56-75 MiB more at the peak than
pieces of 5,000 rows, which took the same time. The pieces are slices, sunk as one union:
polars' own piece size is a process-wide setting (an environment variable), which the
batch being made while one is written (`render_batches`) would read too."""

_MOST_PIECES = 256
"""Pieces in one sink at most: a union of 5,000 slices took polars 1.7 s to plan and
sink against 0.12 s for 1,000, so a report of more text is cut into larger pieces."""

_OTHER_BYTES = 256
"""Text a row is guessed to hold besides its String cells: numbers and Categoricals."""

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.models import Report
    from claimcheck.render import RenderOptions


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    import polars as pl

    if options.header:
        csv.writer(out).writerow(FINDING_COLUMNS)
    # Cells become text column-wise in polars (floats round-trip, `inf`, `true`/`false`),
    # a slice at a time: the whole report as text beside the report itself was the
    # peak of a compare (with fingerprints hashed in slices too, 985 against 1,027 MiB
    # for the 291,048 findings of the varied bench table).
    findings = report.findings.select(FINDING_COLUMNS)
    text = pl.col(FINDING_COLUMNS).cast(pl.String)
    if options.excel_safe:
        writer = csv.writer(out)
        for chunk in findings.iter_slices(_SLICE):
            rows = chunk.select(text.fill_null("")).iter_rows()
            writer.writerows([excel_safe(cell) for cell in row] for row in rows)
        return
    # polars writes RFC 4180 byte for byte as the csv module does (tests/test_csv_render.py
    # holds it to that) once empty cells are nulls, which it leaves unquoted.
    cells = [pl.when(pl.col(name) != "").then(pl.col(name)).alias(name) for name in FINDING_COLUMNS]
    binary = getattr(out, "buffer", None)
    if binary is None:
        for chunk in findings.iter_slices(_SLICE):
            lines = chunk.select(text).select(cells)
            out.write(lines.write_csv(include_header=False, line_terminator="\r\n"))
        return
    # Standard output has bytes beneath it: polars writes UTF-8 there directly, with
    # no Python string of the whole slice to build and encode again (0.21 s against
    # 0.14 s for 227,773 findings). Sunk rather than written, the cells are made text
    # and written out in pieces on polars' threads, one piece's bytes going out while
    # the next is made (0.26-0.28 s against 0.32-0.54 s for them). All of them in one
    # sink: one sink a slice of 50,000 waited at each slice's end for its last bytes to
    # be written, and a compare of the varied bench table to a file takes 0.879 the
    # time that way took (median of 7 alternating runs, at the same peak).
    out.flush()
    piece = morsel_rows(findings)
    pieces = [findings.slice(at, piece).lazy() for at in range(0, findings.height, piece)]
    pl.concat(pieces or [findings.lazy()]).select(text).select(cells).sink_csv(
        binary, include_header=False, line_terminator="\r\n"
    )


def morsel_rows(findings: pl.DataFrame) -> int:
    """Rows of about _MORSEL_BYTES of text, from the findings' mean row: at least one, and
    enough that the findings make at most _MOST_PIECES pieces."""
    import polars as pl

    strings = pl.sum_horizontal(pl.col(pl.String).str.len_bytes()).mean()
    width = float(findings.select(strings).item() or 0) + _OTHER_BYTES
    return max(1, int(_MORSEL_BYTES // width), -(-findings.height // _MOST_PIECES))
