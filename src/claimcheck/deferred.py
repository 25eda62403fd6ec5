"""Cells left in the file: a large table's quotes, read back for the claims findings name.

A quote is most of a claims table's bytes (1,430 MiB of the 10M-claim bench
table's frame) and no rule reads it: only the findings show it, and they
name a quarter of the claims. So when `csvfile.read_csv` has proven that a
large file on disk holds one record per line, it may drop such columns once
their cells are checked and keep instead where each line starts, 8 bytes a
line. `DeferredColumns.cells` parses the lines asked for again, with the same
reader, from the same bytes: the cells are those the whole read would have
held. A file that changed since it was read is refused, not read twice.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import InputError, Location

if TYPE_CHECKING:
    import numpy as np
    import polars as pl

DEFERRED_COLUMNS = ("quote",)
"""What a compare may leave in the file: read by no rule, shown only in findings."""

_LINES = 65_536
"""Lines parsed again at once: their bytes are held together while polars reads them."""


@dataclass(frozen=True, eq=False)
class DeferredColumns:
    """Columns of one file on disk whose cells were checked and not kept.

    `starts[n - 1]` is the byte at which line n begins, and its last entry the
    file's size, so line n is `starts[n - 1]` to `starts[n]`.
    """

    path: Path
    shown: str
    positions: dict[str, int]
    """Each deferred column's position in the header."""
    header: bytes
    """The header line as the file writes it, without a byte order mark."""
    starts: np.ndarray
    stamp: tuple[int, int]
    """The file's size and modification time when it was read."""

    def cells(self, column: str, lines: pl.Series) -> pl.Series:
        """`column`'s cells on the records of `lines` (line numbers), in their order.

        A null line gives a null cell. Each line is read once, however often it
        is asked for, and the lines are read in file order.
        """
        import polars as pl

        wanted = lines.drop_nulls().unique().sort()
        self._check_unchanged()
        parts = [self._read(column, wanted.slice(at, _LINES))
                 for at in range(0, wanted.len(), _LINES)]  # fmt: skip
        values = pl.concat(parts) if parts else pl.Series(column, [], dtype=pl.String)
        cells: pl.Series = lines.replace_strict(
            wanted, values, default=None, return_dtype=pl.String
        )
        return cells.alias(column)

    def _read(self, column: str, lines: pl.Series) -> pl.Series:
        """The cells of sorted, distinct `lines`, parsed as the whole file was."""
        import numpy as np
        import polars as pl

        index = lines.cast(pl.Int64).to_numpy() - 1
        begins, ends = self.starts[index], self.starts[index + 1]
        # One pread a run of adjacent lines (a quantity's claims are often written
        # together): a map of the file took twice the time for lines scattered over
        # 2.6 GB (its page faults), and counted every page it touched as ours.
        breaks = np.flatnonzero(begins[1:] != ends[:-1]) + 1
        firsts = np.concatenate([[0], breaks])
        lasts = np.concatenate([breaks, [len(index)]]) - 1
        runs = zip(begins[firsts].tolist(), ends[lasts].tolist(), strict=True)
        with self.path.open("rb") as handle:
            fd = handle.fileno()
            body = b"".join([os.pread(fd, end - begin, begin) for begin, end in runs])
        if not body.endswith(b"\n"):
            body += b"\n"  # the file's last line, when no newline ends it
        position = self.positions[column]
        try:
            read = pl.read_csv(
                self.header + body,
                columns=[position],
                infer_schema=False,
                has_header=True,
                empty_string_is_null=False,
            ).to_series()
        except pl.exceptions.PolarsError:
            read = None
        if read is None or read.len() != lines.len():
            # polars reads a quote inside an unquoted cell as the csv module does only
            # in some contexts; each line is one whole record, which the csv module reads.
            read = pl.Series(column, _cells_by_csv_module(body, position), dtype=pl.String)
        if read.len() != lines.len():
            raise self._changed()
        return read.fill_null("")

    def _check_unchanged(self) -> None:
        try:
            status = self.path.stat()
        except OSError:
            raise self._changed() from None
        if (status.st_size, status.st_mtime_ns) != self.stamp:
            raise self._changed()

    def _changed(self) -> InputError:
        return InputError(
            "the file changed while claimcheck was reading it; run again once it is written",
            Location(self.shown),
        )


def _cells_by_csv_module(body: bytes, position: int) -> list[str | None]:
    """The cell at `position` of each line of `body`, each line one record."""
    rows = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    return [row[position] if position < len(row) else None for row in rows]


def with_deferred_quotes(findings: pl.DataFrame, deferred: DeferredColumns | None) -> pl.DataFrame:
    """The findings with each side's quote read back from the file, by its line.

    A side whose quote is already there (a relation's, which joins the quotes
    of several claims) or that has no claim (no line) is left as it is.
    """
    import polars as pl

    if deferred is None or "quote" not in deferred.positions or not findings.height:
        return findings
    # Both sides' lines read in one pass: a claim is often on both sides of a batch.
    both = deferred.cells("quote", pl.concat([findings.get_column("line_a"),
                                              findings.get_column("line_b")]))  # fmt: skip
    filled = []
    halves = (both.head(findings.height), both.tail(findings.height))
    for side, read in zip("ab", halves, strict=True):
        quote, line = pl.col(f"quote_{side}"), f"line_{side}"
        filled.append(
            pl.when((quote == "") & pl.col(line).is_not_null())
            .then(pl.lit(read))
            .otherwise(quote)
            .alias(f"quote_{side}")
        )
    return findings.with_columns(filled)
