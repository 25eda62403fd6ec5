"""A markdown summary for people reading a CI run (`$GITHUB_STEP_SUMMARY`, merge-request notes).

The verdict first (what fails, how many findings a baseline accepts), then
findings per kind, then one table row per finding. Cell text from the claims
table is escaped so that a quote or an id can neither break the table nor
inject HTML into the job page. GitHub refuses step summaries above 1 MiB, so
the rows stop at `MAX_ROWS` with a note of how many were left out; the
machine formats carry them all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from claimcheck.render.ci import figure, kind_text, level, quantity

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions

MAX_ROWS = 1000
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~!])")
_MARKS = {"error": "❌ fails", "warning": "☑️ in baseline", "note": "ℹ️ note"}


def cell(text: str) -> str:
    """Text safe inside a table cell: markdown and HTML specials escaped, lines joined."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render(report: Report, out: TextIO, options: RenderOptions) -> None:  # noqa: ARG001
    failing = report.failing
    verdict = (
        f"❌ {failing} failing finding{'s' if failing != 1 else ''}"
        if failing
        else "✅ nothing fails"
    )
    out.write(f"## claimcheck: {verdict}\n\n")
    out.write(f"`{cell(report.path)}`: {cell(report.summary())}\n\n")
    counts = {kind: n for kind, n in report.counts().items() if n}
    if not counts:
        out.write("No contradictions: every quantity's claims agree.\n")
        return
    out.write("| kind | findings |\n|---|---:|\n")
    for kind, number in counts.items():
        out.write(f"| {cell(kind_text(kind).title)} | {number} |\n")
    out.write(
        "\n| status | kind | quantity | claim b | claim a | gap | fingerprint |\n"
        "|---|---|---|---|---|---:|---|\n"
    )
    for position, finding in enumerate(report):
        if position == MAX_ROWS:
            out.write(
                f"\n{len(report) - MAX_ROWS} more findings are not shown here; "
                "`--format csv` or `--format sarif` lists them all.\n"
            )
            break
        out.write(
            f"| {_MARKS[level(finding, report)]} | {cell(kind_text(finding.kind).title)} "
            f"| {cell(quantity(finding))} "
            f"| {cell(finding.claim_b)} ({cell(finding.source_b)}): {cell(figure(finding, 'b'))} "
            f"| {cell(finding.claim_a)} ({cell(finding.source_a)}): {cell(figure(finding, 'a'))} "
            f"| {finding.relative_gap:.1%} | `{finding.fingerprint}` |\n"
        )
