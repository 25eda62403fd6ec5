"""The relations section of the table view: every declared relation and how it came out.

Violated relations are findings and fail; relations that hold (a ratio such as
arms deliveries against GDP) and relations that cannot be evaluated are context
a reader needs beside them, so all three are listed together, in the order of
relations.csv, each with the claims it used and the figure it derived.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimcheck.findings import Kind
from claimcheck.render.view import relation_rows
from claimcheck.terminal import printable_row

if TYPE_CHECKING:
    from claimcheck.models import Report

_VERDICTS = {
    Kind.RELATION_VIOLATED.value: ("violated", "bold red"),
    "relation_holds": ("holds", "green"),
    "relation_unevaluable": ("not evaluated", "yellow"),
}


def section(report: Report) -> Panel:
    """A panel listing each relation's outcomes; the border is red when one is violated."""
    rows = [printable_row(row) for row in relation_rows(report)]
    violated = any(row["kind"] == Kind.RELATION_VIOLATED.value for row in rows)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    for header, ratio in (("relation", 3), ("claims", 3), ("derived", 4), ("result", 3)):
        table.add_column(header, ratio=ratio, overflow="fold")
    for row in rows:
        name = Text(row["relation"], style="bold")
        name.append(f"\n{row['relation_kind']}", style="dim")
        table.add_row(name, _claims(row), Text(row["relation_detail"]), _verdict(row))
    if not rows:
        table.add_row("—", "", "relations.csv declares no relations", "")
    return Panel(
        table,
        title=Text("relations", style="bold"),
        title_align="left",
        border_style="bold red" if violated else "green",
    )


def _claims(row: dict[str, Any]) -> Text:
    if not row["claim_a"]:
        return Text("—", style="dim")
    text = Text(row["claim_a"])
    text.append("\nvs ", style="dim")
    text.append(row["claim_b"].replace("+", " + ").replace(";", " ; "))
    return text


def _verdict(row: dict[str, Any]) -> Text:
    label, style = _VERDICTS.get(row["kind"], (row["kind"], ""))
    text = Text(label, style=style)
    if row["kind"] == Kind.RELATION_VIOLATED.value:
        text.append(f"\n{row['severity']}, gap {row['relative_gap']:.1%}")
        text.append(f"\n{row['fingerprint']}", style="dim")
    return text
