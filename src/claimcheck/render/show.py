"""The `show` view: each matched quantity's claims and chart, the findings, the related figures.

The claim table, number line and findings table are the compare table view's
own (render/table.py), so a quantity looks the same in both; this module adds
the layout for several quantities and the "related" table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimcheck.numbers import human
from claimcheck.render.table import _claims_table, _conversions, _findings_table, _number_line
from claimcheck.render.view import sources
from claimcheck.terminal import printable, printable_row

if TYPE_CHECKING:
    from claimcheck.show import Quantity, Related, Shown


MAX_FINDINGS = 100
"""Findings listed under the claims: 300 conflicting claims of one quantity hold 44,850."""


def render(shown: Shown, out: TextIO, width: int | None = None) -> None:
    """Write the view for people; colour follows the terminal, NO_COLOR and FORCE_COLOR."""
    console = Console(file=out, width=width, highlight=False, soft_wrap=False, markup=False)
    known = {key: printable_row(row) for key, row in sources(shown.report).items()}
    how = "fuzzy match" if shown.fuzzy else "matches"
    count = len(shown.quantities)
    console.print(
        Text(f"{shown.query!r} {how} {count} quantit{'y' if count == 1 else 'ies'}", style="bold")
    )
    for quantity in shown.quantities:
        rows = [printable_row(row) for row in quantity.claims.iter_rows(named=True)]
        console.print(
            Panel(
                Group(_number_line(rows), _claims_table(rows, known)),
                title=Text(printable(quantity.label), style="bold"),
                title_align="left",
            )
        )
    if shown.findings.height:
        console.print(Text("Findings between these claims", style="bold"))
        listed = shown.findings.head(MAX_FINDINGS)
        console.print(_findings_table(listed))
        for line in _conversions(listed):
            console.print(line)
        if shown.findings.height > MAX_FINDINGS:
            console.print(Text(
                f"… {shown.findings.height - MAX_FINDINGS:,} more findings not listed "
                "(claimcheck compare --format csv lists every finding)",
                style="yellow",
            ))  # fmt: skip
    else:
        console.print(Text("No findings between these claims.", style="green"))
    if shown.related:
        console.print(Text("Related quantities (not the same quantity)", style="bold"))
        console.print(_related_table(shown.related))


def quantity_figure(quantity: Quantity, dimension: str) -> str:
    """A quantity's typical figure in base units, as the related table shows it."""
    unit = printable(quantity.base_unit(dimension))
    unit = "" if unit == "dimensionless" else f" {unit}"
    return f"{human(quantity.figure(dimension))}{unit}"


def ratio_text(ratio: float | None) -> str:
    """`0.232` -> `23.2 %`, `159.9` -> `× 160`: percentages while they stay readable."""
    if ratio is None:
        return "—"
    if ratio < 10:
        return f"{ratio:.1%}".replace("%", " %")
    return f"× {human(round(ratio, 1))}"


def _related_table(related: tuple[Related, ...]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("quantity · figure", ratio=3)
    table.add_column("beside · figure", ratio=3)
    table.add_column("ratio", no_wrap=True, justify="right")
    table.add_column("why not one quantity", ratio=3)
    for pair in related:
        left = Text(printable(pair.left.label))
        left.append(f"\n{quantity_figure(pair.left, pair.dimension)}", style="bold")
        right = Text(printable(pair.right.label))
        right.append(f"\n{quantity_figure(pair.right, pair.dimension)}", style="bold")
        why = pair.reason + ("; in EUR at the rates of each claim's time" if pair.converted else "")
        table.add_row(left, right, ratio_text(pair.ratio), printable(why))
    return table
