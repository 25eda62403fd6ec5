"""Options and helpers shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimcheck.errors import UsageError

DEFAULT_CLAIMS = Path("data/claims.csv")

ClaimsArg = Annotated[
    str | None,
    typer.Argument(
        help="The claims table (CSV); '-' reads standard input. "
        "Default: data/claims.csv when it exists.",
        show_default=False,
    ),
]
SourcesOpt = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        help="sources.csv with titles, publishers and dates. Default: sources.csv beside CLAIMS.",
        show_default=False,
    ),
]
AliasesOpt = Annotated[
    Path | None,
    typer.Option(
        "--aliases",
        help="aliases.csv mapping spellings to canonical names. "
        "Default: aliases.csv beside CLAIMS.",
        show_default=False,
    ),
]


FORMAT_HELP = "Output format. Default: table on a terminal, csv when output is piped."

WidthOpt = Annotated[
    int | None,
    typer.Option("--width", help="Width of the table view (default: the terminal's).", min=40),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary line on standard error.")]


def claims_path(given: str | None) -> str:
    """The claims file to read: the argument, or data/claims.csv in the working directory."""
    if given:
        return given
    if DEFAULT_CLAIMS.is_file():
        return str(DEFAULT_CLAIMS)
    raise UsageError(f"no CLAIMS file given and {DEFAULT_CLAIMS} does not exist here")

TimestampOpt = Annotated[
    bool,
    typer.Option(
        "--timestamp",
        help="html: write the time of the run (UTC) into the page. Off by default, so the "
        "same table gives the same bytes.",
    ),
]


def now() -> str:
    """The time of the run for `--timestamp`, UTC to the second."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
