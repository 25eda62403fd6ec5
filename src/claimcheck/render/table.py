"""The table view for people: one panel per quantity in conflict.

Each panel shows a number line first (the claims' intervals on one axis, so
the disagreement is seen before it is read), then every claim of the quantity
with its source, speaker, date, figure as written, interval and quote (the
figure highlighted), then the findings between them. A summary line closes
the report. rich is imported here and in no library module.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimcheck.findings import Kind
from claimcheck.fx import readable
from claimcheck.numbers import human, interval
from claimcheck.render.view import (
    axis,
    figure,
    figure_spans,
    quantity_title,
    source_name,
    sources,
    worst,
)
from claimcheck.terminal import printable, printable_row

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions

TRACK = 36
_SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan"}
_SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    import polars as pl

    console = Console(
        file=out,
        width=options.width,
        force_terminal=options.color,
        no_color=options.color is False or None,
        highlight=False,
        soft_wrap=False,
        # Names, ids and quotes are the table writer's text: `[link=…]` or `[blink]`
        # in a cell must show as written, never as rich markup.
        markup=False,
    )
    findings = report.findings.filter(pl.col("quantity").is_not_null())
    known = {key: printable_row(row) for key, row in sources(report).items()}
    left_out = [0, 0]
    if findings.height:
        quantities = findings.get_column("quantity").unique(maintain_order=True).to_list()
        shown = quantities[: options.panels] if options.panels else quantities
        for quantity in shown:
            panel, hidden_claims, hidden_findings = _panel(report, quantity, known, options.rows)
            console.print(panel)
            left_out[0] += hidden_claims
            left_out[1] += hidden_findings
        if len(shown) < len(quantities):
            rest = len(quantities) - len(shown)
            console.print(Text(
                f"… and {rest:,} more quantities in conflict, not drawn "
                "(--panels 0 draws all; --format csv lists every finding).",
                style="yellow",
            ))  # fmt: skip
    else:
        console.print(Text("No contradictions: every quantity's claims agree.", style="green"))
    near = report.findings.filter(pl.col("kind") == Kind.NEAR_DUPLICATE_KEY.value)
    if near.height:
        console.print(_near_duplicates(near))
    if report.relations is not None:
        from claimcheck.render.relations import section

        console.print(section(report))
    console.print(summary(report))
    if any(left_out):
        console.print(Text(
            f"Not listed in the panels: {left_out[0]:,} claims and {left_out[1]:,} findings "
            f"(at most {options.rows} of each per panel; --rows 0 lists all, "
            "--format csv lists every finding).",
            style="yellow",
        ))  # fmt: skip


def summary(report: Report) -> Text:
    """The report's summary line, red when anything fails."""
    return Text(report.summary(), style="bold red" if report.failing else "green")


def _panel(
    report: Report, quantity: int, sources: dict[str, dict[str, str]], limit: int = 0
) -> tuple[Panel, int, int]:
    """A quantity's panel, and how many of its claims and findings it leaves out.

    With a `limit`, the most severe findings (then the widest gaps) are listed,
    and the claims they involve first, so what is drawn is what matters most.
    """
    import polars as pl

    findings = report.findings.filter(pl.col("quantity") == quantity)
    claims = report.claims.filter(pl.col("quantity") == quantity)
    hidden_claims = hidden_findings = 0
    if limit and findings.height > limit:
        rank = pl.col("severity").replace_strict(_SEVERITY_RANK, default=0, return_dtype=pl.Int8)
        findings = findings.sort(rank, pl.col("relative_gap"), descending=True, nulls_last=True)
        hidden_findings = findings.height - limit
        findings = findings.head(limit)
    if limit and claims.height > limit:
        involved = pl.concat([findings.get_column("claim_a"), findings.get_column("claim_b")])
        hidden_claims = claims.height - limit
        claims = claims.sort(~pl.col("claim_id").is_in(involved.implode()), "time_first",
                             "claim_id").head(limit)  # fmt: skip
    claims = claims.sort("time_first", "claim_id")
    rows = [printable_row(row) for row in readable(claims, report.conversion).iter_rows(named=True)]
    parts: list[Any] = [
        _number_line(rows),
        _claims_table(rows, sources),
        _findings_table(findings),
        *_conversions(findings),
    ]
    if hidden_claims or hidden_findings:
        parts.append(Text(
            f"… {hidden_claims:,} more claims and {hidden_findings:,} more findings of this "
            "quantity not listed (--rows 0 lists all)",
            style="yellow",
        ))  # fmt: skip
    panel = Panel(
        Group(*parts),
        title=Text(quantity_title(rows[0]), style="bold"),
        title_align="left",
        border_style=_SEVERITY_STYLES[worst(findings.get_column("severity").to_list())],
    )
    return panel, hidden_claims, hidden_findings


def _claims_table(rows: Sequence[dict[str, Any]], sources: dict[str, dict[str, str]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("claim · source · speaker · date", ratio=2)
    table.add_column("figure → interval", ratio=2)
    table.add_column("quote", ratio=3)
    for row in rows:
        source = sources.get(row["source_id"], {})
        who = Text(row["claim_id"], style="bold")
        who.append(f"\n{source_name(source, row['source_id'])}")
        if row["attributed_to"]:
            who.append(f"\n{row['attributed_to']}", style="italic")
        who.append(f"\n{row['time_text'] or 'date unknown'}", style="dim")
        what = Text(figure(row), style="bold")
        what.append(f"\n{interval(row['low'], row['high'], row['base_unit'])}")
        if row["modality"] != "asserted":
            what.append(f"\n{row['modality']}", style="italic")
        table.add_row(who, what, highlight(row["quote"], row["base_value"], row["factor"]))
    return table


def highlight(quote: str, base_value: float, factor: float) -> Text:
    """The quote with the figure in bold reverse (render/view.py finds it)."""
    text = Text(quote or "—")
    for start, end in figure_spans(quote, base_value, factor):
        text.stylize("bold reverse", start, end)
    return text


def _number_line(rows: Sequence[dict[str, Any]]) -> Text:
    """Each claim's interval drawn on a shared axis (render/view.py places them)."""
    shared = axis(rows)

    def position(value: float) -> int:
        return round(shared.share(value) * (TRACK - 1))

    label_width = max(len(r["claim_id"]) for r in rows)
    line = Text()
    for row in shared.drawn:
        start, end = position(row["low"]), position(row["high"])
        track = [" "] * TRACK
        for i in range(start, end + 1):
            track[i] = "━"
        if start == end:
            track[start] = "●"
        if math.isinf(row["low"]):
            track[0] = "◀"
        if math.isinf(row["high"]):
            track[-1] = "▶"
        line.append(f"{row['claim_id']:<{label_width}} ", style="bold")
        line.append("│" + "".join(track) + "│", style="magenta")
        line.append(f" {interval(row['low'], row['high'], row['base_unit'])}\n")
    axis_text = f"{human(shared.low)} … {human(shared.high)} {shared.unit} ({shared.scale})"
    line.append(f"{'':<{label_width}}  {axis_text}", style="dim")
    for row in shared.off:
        line.append(f"\n{row['claim_id']:<{label_width}} ", style="bold")
        line.append(f" not on this axis: {row['base_unit']} is another dimension", style="dim")
    return line


def _near_duplicates(findings: Any) -> Panel:
    """Quantities split by a near-duplicate name, whose figures would conflict if merged.

    They span two quantities, so no quantity's panel holds them; this one shows
    the two names and the two claims that disagree most.
    """
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("names", ratio=2)
    table.add_column("claims", ratio=3)
    table.add_column("fingerprint · fails", no_wrap=True)
    for row in map(printable_row, findings.iter_rows(named=True)):
        claims = Text("\n").join(
            Text.assemble(
                (row[f"claim_{side}"], "bold"),
                f" {row[f'value_{side}']} {row[f'unit_{side}']} ({row[f'source_{side}']})",
            )
            for side in ("a", "b")
        )
        fails = Text("yes", style="bold red") if row["fails"] else Text("no", style="green")
        verdict = Text.assemble(row["fingerprint"], "\n", fails)
        table.add_row(row["relation_detail"], claims, verdict)
    return Panel(
        Group(table, Text("Add an alias (aliases.csv) if they are one quantity.", style="dim")),
        title=Text("Near-duplicate keys: these would conflict if merged", style="bold"),
        title_align="left",
        border_style=_SEVERITY_STYLES["low"],
    )


def _conversions(findings: Any) -> list[Text]:
    """One line per finding whose pair of currencies was converted, or could not be."""
    if "fx_detail" not in findings.columns:
        return []
    rows = findings.select("claim_a", "claim_b", "fx_detail").iter_rows()
    return [Text(printable(f"{a} vs {b}: {detail}"), style="dim")
            for a, b, detail in rows if detail]  # fmt: skip


def _findings_table(findings: Any) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    # `compare --consensus` names the outlying claim; without it the column stays away.
    outliers = "outlier" in findings.columns and bool((findings.get_column("outlier") != "").any())
    names = ("finding", "severity", "claims", "gap", "fingerprint", "fails")
    for name in (*names, "outlier") if outliers else names:
        table.add_column(name, no_wrap=True)
    for row in map(printable_row, findings.iter_rows(named=True)):
        extra = [row[f"claim_{row['outlier']}"] if row["outlier"] else "—"] if outliers else []
        table.add_row(
            row["kind"],
            Text(row["severity"], style=_SEVERITY_STYLES[row["severity"]]),
            f"{row['claim_a']} vs {row['claim_b']}",
            f"{row['relative_gap']:.1%}",
            row["fingerprint"],
            Text("yes", style="bold red") if row["fails"] else Text("no", style="green"),
            *extra,
        )
    return table
