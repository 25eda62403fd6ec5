"""The `consensus` outputs: CSV and JSON rows for scripts, a number line per item for people.

CSV and JSON write the library's frames as they are (contract section 11:
its columns first, in its order). The table view draws each item's claims on
one axis in the item's unit, the consensus band above them, every claim of
the heaviest camp in one style and each outlier marked, and ends with the
least reliable sources. rich is imported only when the table view is drawn,
so a pipe that wants CSV does not pay for it.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, TextIO

from claimcheck.consensus import (
    EXTRA_ROW_COLUMNS,
    EXTRA_SOURCE_COLUMNS,
    ROW_COLUMNS,
    SOURCE_COLUMNS,
)
from claimcheck.numbers import human
from claimcheck.terminal import printable_cell as safe

if TYPE_CHECKING:
    import polars as pl
    from rich.console import RenderableType

    from claimcheck.consensus import Consensus

TRACK = 30
LEAST_RELIABLE = 10
"""How many sources the table view lists at its end."""


def columns(by_source: bool) -> tuple[str, ...]:
    """The output columns: the contract's first, then claimcheck's additions."""
    if by_source:
        return (*SOURCE_COLUMNS, *EXTRA_SOURCE_COLUMNS)
    return (*ROW_COLUMNS, *EXTRA_ROW_COLUMNS)


def _frame(result: Consensus, by_source: bool) -> pl.DataFrame:
    frame = result.sources if by_source else result.quantities
    return frame.select(columns(by_source))


def render_csv(result: Consensus, out: TextIO, *, by_source: bool = False) -> None:
    """RFC 4180 with CRLF line ends, as compare's CSV; infinite ends are written `inf`.

    Empty text cells are written as nulls, which polars leaves unquoted: the bytes
    are then those of Python's csv module, as compare's CSV is.
    """
    import polars as pl

    frame = _frame(result, by_source)
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    frame = frame.with_columns(pl.when(pl.col(name) != "").then(pl.col(name)).alias(name)
                               for name in text)  # fmt: skip
    out.write(frame.write_csv(line_terminator="\r\n"))


def render_json(result: Consensus, out: TextIO, *, by_source: bool = False) -> None:
    """One JSON array of objects; infinite ends, which JSON cannot spell, are null."""
    rows = _frame(result, by_source).to_dicts()
    for row in rows:
        for name, value in row.items():
            if isinstance(value, float) and math.isinf(value):
                row[name] = None
    out.write(json.dumps(rows, ensure_ascii=False, indent=1))
    out.write("\n")


def render_table(
    result: Consensus,
    out: TextIO,
    *,
    by_source: bool = False,
    width: int | None = None,
    panels: int = 20,
) -> None:
    """Write the view for people; colour follows the terminal, NO_COLOR and FORCE_COLOR."""
    import polars as pl
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    if by_source:
        console.print(_sources_table(result.sources.sort("reliability", "source_id")))
        console.print(Text(result.summary(), style="green"))
        return
    contested = result.quantities.filter(pl.col("claims") > 1)
    shown = contested.head(panels) if panels else contested
    for row in shown.iter_rows(named=True):
        claims = result.claims.filter(pl.col("item") == row["item"])
        console.print(_panel(row, claims))
    if shown.height < contested.height:
        console.print(Text(
            f"… and {contested.height - shown.height:,} more items with several claims, not "
            "drawn (--panels 0 draws all; --format csv lists every item).", style="yellow",
        ))  # fmt: skip
    single = result.quantities.height - contested.height
    if single:
        console.print(Text(f"{single:,} items with a single claim (see --format csv).",
                           style="dim"))  # fmt: skip
    least = result.sources.sort("reliability", "source_id").head(LEAST_RELIABLE)
    if least.height:
        console.print(Text("Least reliable sources", style="bold"))
        console.print(_sources_table(least))
    console.print(Text(result.summary(), style="green"))


def _title(row: dict[str, Any]) -> str:
    parts = (
        row["subject"],
        row["metric"],
        f"→ {row['object']}" if row["object"] else "",
        row["period"],
        f"at {row['time']}" if row["time"] else "",
    )
    return " · ".join(safe(part) for part in parts if part)


def _panel(row: dict[str, Any], claims: pl.DataFrame) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    factor = float(claims.filter(claims.get_column("unit").cast(str) == row["unit"])
                   .get_column("factor")[0])  # fmt: skip
    rows = sorted(
        claims.iter_rows(named=True), key=lambda r: (not r["agrees"], r["low"], r["claim_id"])
    )
    ends = [row["low"], row["high"]] + [v / factor for r in rows for v in (r["low"], r["high"])]
    finite = [v for v in ends if not math.isinf(v)]
    axis = _Axis(min(finite), max(finite))
    label = max(len("consensus"), *(len(safe(r["claim_id"])) for r in rows))
    unit = safe(row["unit"])
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    band = Text(f"{human(row['value'])} {unit}", style="bold green")
    band.append(f" ({_interval(row['low'], row['high'])})", style="green")
    grid.add_row(Text("consensus", style="bold green"),
                 Text("│" + axis.draw(row["low"], row["high"], "█") + "│", style="green"), band)
    for claim in rows:
        low, high = claim["low"] / factor, claim["high"] / factor
        agrees = claim["agrees"]
        what = Text(f"{_interval(low, high)} {unit}")
        what.append(f" · {safe(claim['source_id'])}", style="dim")
        if claim["modality"] != "asserted":
            what.append(f" · {claim['modality']}", style="italic")
        if not agrees:
            what.append(" ✗", style="bold red")
        track = "│" + axis.draw(low, high, "━" if agrees else "╌") + "│"
        grid.add_row(Text(safe(claim["claim_id"]), style="bold"),
                     Text(track, style="cyan" if agrees else "red"), what)  # fmt: skip
    key = " · ✗ outlier" if row["agree"] < row["claims"] else ""
    legend = Text(f"{'':<{label}}  {axis.legend()} {unit}{key}", style="dim")
    verdict = Text(
        f"{row['agree']} of {row['claims']} claims agree · {row['camps']} "
        f"camp{'s' if row['camps'] != 1 else ''} · weight share {row['confidence']:.0%}",
        style="bold",
    )
    if row["sources_outliers"]:
        verdict.append(f" · outlying sources: {safe(row['sources_outliers'])}", style="red")
    return Panel(
        Group(grid, legend, verdict),
        title=Text(_title(row), style="bold"),
        title_align="left",
        border_style="green" if row["agree"] == row["claims"] else "yellow",
    )


def _interval(low: float, high: float) -> str:
    if math.isinf(high) and not math.isinf(low):
        return f"≥ {human(low)}"
    if math.isinf(low) and not math.isinf(high):
        return f"≤ {human(high)}"
    if low == high:
        return human(low)
    return f"{human(low)} – {human(high)}"


class _Axis:
    """Positions on a shared track: linear, or log when the ends span over two decades."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high
        self.log = low > 0 and high / low > 100

    def position(self, value: float) -> int:
        if math.isinf(value):
            return 0 if value < 0 else TRACK - 1
        if self.high == self.low:
            return TRACK // 2
        if self.log:
            share = (math.log10(value) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low)
            )
        else:
            share = (value - self.low) / (self.high - self.low)
        return min(TRACK - 1, max(0, round(share * (TRACK - 1))))

    def draw(self, low: float, high: float, mark: str) -> str:
        start, end = self.position(low), self.position(high)
        track = [" "] * TRACK
        for i in range(start, end + 1):
            track[i] = mark
        if start == end:
            track[start] = "●"
        if math.isinf(low):
            track[0] = "◀"
        if math.isinf(high):
            track[-1] = "▶"
        return "".join(track)

    def legend(self) -> str:
        scale = "log scale" if self.log else "linear scale"
        return f"{human(self.low)} … {human(self.high)} ({scale})"


def _sources_table(sources: pl.DataFrame) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("source", "reliability", "claims", "agree", "outliers", "copies with"):
        table.add_column(name, no_wrap=name != "copies with",
                         justify="right" if name in ("reliability", "claims", "agree",
                                                     "outliers") else "left")  # fmt: skip
    for row in sources.iter_rows(named=True):
        table.add_row(
            safe(row["source_id"]), f"{row['reliability']:.2f}", str(row["claims"]),
            str(row["agree"]), str(row["outliers"]), safe(row["copies"]).replace(";", ", "),
        )  # fmt: skip
    return table
