"""`claimcheck verify`: check every quote against its document and its figure against the quote."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail, say
from claimcheck.cli._common import (
    FORMAT_HELP,
    AliasesOpt,
    ClaimsArg,
    ExcelSafeOpt,
    QuietOpt,
    SourcesOpt,
    WidthOpt,
    claims_path,
)
from claimcheck.errors import ClaimcheckError, UsageError
from claimcheck.status import ExitStatus


class VerifyFormat(str, Enum):
    """Output formats of `verify`."""

    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def verify(
    claims: ClaimsArg = None,
    fmt: Annotated[
        VerifyFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=FORMAT_HELP,
            show_default=False,
        ),
    ] = None,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    width: WidthOpt = None,
    quiet: QuietOpt = False,
    allow_root: Annotated[
        list[Path] | None,
        typer.Option(
            "--allow-root",
            help="A folder source texts may also lie in (repeatable). By default a text "
            "must resolve, symlinks followed, inside the folder of sources.csv.",
            show_default=False,
        ),
    ] = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Find each claim's quote in its source text (sources.csv `path`) and its figure in the quote.

    Outcomes: verified, figure_not_in_quote, quote_not_found (with the closest
    passage and its score), no_quote, no_source_text. Each document's SHA-256
    is reported so a later run can tell that a text changed.
    Exit status: 0 every checkable claim verified, 1 a quote or figure failed, 2 bad input.

    Example: claimcheck verify data/claims.csv --format json > verification.json
    """
    from claimcheck.render.verify import render_csv, render_json, render_table
    from claimcheck.table import load_table
    from claimcheck.verify import verify as run_verify

    chosen = fmt or (VerifyFormat.table if sys.stdout.isatty() else VerifyFormat.csv)
    try:
        if excel_safe and chosen is not VerifyFormat.csv:
            raise UsageError("--excel-safe applies to --format csv only")
        table = load_table(claims_path(claims), sources_path=sources, aliases_path=aliases)
        report = run_verify(table, tuple(allow_root or ()))
    except ClaimcheckError as error:
        fail(error)
    if chosen is VerifyFormat.table:
        render_table(report, sys.stdout, width)
    elif chosen is VerifyFormat.csv:
        render_csv(report, sys.stdout, excel_safe=excel_safe)
    else:
        render_json(report, sys.stdout)
    sys.stdout.flush()
    if chosen is not VerifyFormat.table and not quiet:
        say(report.summary() + "\n")
    raise typer.Exit(ExitStatus.FINDINGS if report.failing else ExitStatus.OK)
