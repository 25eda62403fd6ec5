"""Views of a verification report: a rich table for people, CSV and JSON for scripts.

The three views live together because they share one small record
(`Verification`) and one command; compare's renderers keep their own
registry. CSV has one row per claim with its document's SHA-256 on the row;
JSON adds the list of documents read, so a later run can compare hashes.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from claimcheck.verify import VerifyReport

_STYLES = {
    "verified": "green",
    "figure_not_in_quote": "bold red",
    "quote_not_found": "bold red",
    "no_quote": "yellow",
    "no_source_text": "yellow",
}


def render_csv(report: VerifyReport, out: TextIO, *, excel_safe: bool = False) -> None:
    """One row per claim, VERIFY_COLUMNS in order, empty cells for absent offsets."""
    from claimcheck.render.cells import excel_safe_rows
    from claimcheck.verify import VERIFY_COLUMNS

    writer = csv.writer(out)
    writer.writerow(VERIFY_COLUMNS)
    rows = (
        ["" if cell is None else "true" if cell is True else "false" if cell is False
         else cell for cell in result.row()]
        for result in report
    )  # fmt: skip
    writer.writerows(excel_safe_rows(rows) if excel_safe else rows)


def render_json(report: VerifyReport, out: TextIO) -> None:
    """An object: `claims` (one object per claim), `sources` (path, SHA-256), `summary`."""
    from claimcheck.verify import VERIFY_COLUMNS

    document = {
        "claims": [dict(zip(VERIFY_COLUMNS, r.row(), strict=True)) for r in report],
        "sources": [
            {
                "source_id": s.source_id,
                "path": s.path,
                "sha256": s.sha256,
                "characters": s.characters,
            }
            for s in report.sources
        ],
        "summary": {**report.counts(), "failing": report.failing},
    }
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")


def render_table(report: VerifyReport, out: TextIO, width: int | None = None) -> None:
    """A table of claims with outcome, offsets and the figure or closest passage."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from claimcheck.terminal import printable

    console = Console(file=out, width=width, highlight=False, soft_wrap=False, markup=False)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("claim · source", ratio=2)
    table.add_column("outcome", no_wrap=True)
    table.add_column("where · figure or closest passage", ratio=4)
    for result in report:
        who = Text(printable(result.claim_id), style="bold")
        who.append(f"\n{printable(result.source_id)}", style="dim")
        outcome = Text(result.outcome.value, style=_STYLES[result.outcome.value])
        if result.match.value:
            outcome.append(f"\n{result.match.value} match", style="dim")
        where = Text()
        if result.start is not None:
            where.append(f"chars {result.start}–{result.end}")
        if result.figure:
            where.append(f" · figure “{printable(result.figure)}” at {result.figure_start}")
        if result.closest:
            where.append(f"closest ({result.score:.0f}/100) at {result.closest_start}: ")
            where.append(_clip(result.closest), style="italic")
        if result.detail and not result.closest:
            where.append(("\n" if where else "") + printable(result.detail), style="dim")
        table.add_row(who, outcome, where)
    console.print(table)
    for source in report.sources:
        console.print(Text(f"{printable(source.source_id)}  sha256 {source.sha256}", style="dim"))
    style = "bold red" if report.failing else "green"
    console.print(Text(report.summary(), style=style))


def _clip(text: str, limit: int = 240) -> str:
    from claimcheck.terminal import printable

    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
