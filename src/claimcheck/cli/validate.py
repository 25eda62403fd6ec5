"""`claimcheck validate`: check a claims table without comparing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail, say
from claimcheck.cli._common import AliasesOpt, ClaimsArg, SourcesOpt, claims_path
from claimcheck.errors import ClaimcheckError
from claimcheck.status import ExitStatus


@app.command()
def validate(
    claims: ClaimsArg = None,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    relations: Annotated[
        Path | None,
        typer.Option(
            "--relations",
            help="relations.csv, checked as compare reads it. "
            "Default: relations.csv beside CLAIMS.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check the claims table (and its sources, aliases and relations) and list every problem.

    Each problem is one line on standard error, PATH:LINE: COLUMN: message.
    Exit status: 0 valid, 2 problems found.

    Example: claimcheck validate data/claims.csv
    """
    from claimcheck.validate import validate_files

    try:
        checked = validate_files(
            claims_path(claims), sources=sources, aliases=aliases, relations=relations
        )
    except ClaimcheckError as error:
        fail(error)
    table = checked.table
    sources_note = f", {table.sources.height} sources" if table.sources is not None else ""
    count = checked.relations
    relations_note = f"; {count} relations, valid" if count is not None else ""
    say(f"{table.path}: {table.claims.height} claims{sources_note}, valid{relations_note}\n")
    raise typer.Exit(ExitStatus.OK)
