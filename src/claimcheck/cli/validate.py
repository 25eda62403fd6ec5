"""`claimcheck validate`: check a claims table without comparing."""

from __future__ import annotations

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
) -> None:
    """Check the claims table (and its sources and aliases) and list every problem.

    Each problem is one line on standard error, PATH:LINE: COLUMN: message.
    Exit status: 0 valid, 2 problems found.

    Example: claimcheck validate data/claims.csv
    """
    from claimcheck.table import load_table

    try:
        table = load_table(claims_path(claims), sources_path=sources, aliases_path=aliases)
    except ClaimcheckError as error:
        fail(error)
    sources_note = f", {table.sources.height} sources" if table.sources is not None else ""
    say(f"{table.path}: {table.claims.height} claims{sources_note}, valid\n")
    raise typer.Exit(ExitStatus.OK)
