"""Options and helpers shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimcheck.errors import UsageError

if TYPE_CHECKING:
    from claimcheck.table import ClaimsTable

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
ExcelSafeOpt = Annotated[
    bool,
    typer.Option(
        "--excel-safe",
        help="CSV only: prefix text cells a spreadsheet would run as a formula "
        "(leading = + - @ tab CR) with an apostrophe. Changes data; off by default.",
    ),
]


def claims_path(given: str | None) -> str:
    """The claims file to read: the argument, or data/claims.csv in the working directory."""
    if given:
        return given
    if DEFAULT_CLAIMS.is_file():
        return str(DEFAULT_CLAIMS)
    raise UsageError(f"no CLAIMS file given and {DEFAULT_CLAIMS} does not exist here")

ApproxToleranceOpt = Annotated[
    float,
    typer.Option(
        "--approx-tolerance",
        help="How far an 'approx' figure may stray, as a fraction of its value "
        "(baseline and compare must use the same, or fingerprints will not match).",
    ),
]
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


Inputs = list[tuple[str, "str | Path | None"]]


def read_by_compare(
    claims: str, sources: Path | None, aliases: Path | None, relations: Path | None = None
) -> Inputs:
    """The files a command that loads and compares a table reads, companions found beside it.

    Checked against an output path before any work, so `-o` naming an input
    fails at once (files.check_output).
    """
    from claimcheck.table import default_beside

    def beside(given: Path | None, name: str) -> str | Path | None:
        return given or default_beside(claims, name)

    return [
        ("claims", claims),
        ("sources", beside(sources, "sources.csv")),
        ("aliases", beside(aliases, "aliases.csv")),
        ("relations", beside(relations, "relations.csv")),
    ]


def inputs_of(table: ClaimsTable, relations: Path | None = None) -> Inputs:
    """Every file a loaded table came from, the source texts sources.csv names included."""
    from claimcheck.table import default_beside

    found: Inputs = [
        ("claims", table.path if table.path != "<stdin>" else None),
        ("sources", table.sources_path),
        ("aliases", table.aliases_path),
    ]
    if table.path != "<stdin>":
        found.append(("relations", relations or default_beside(table.path, "relations.csv")))
    folder = table.directory
    if table.sources is not None and folder is not None and "path" in table.sources.columns:
        found.extend(
            ("source text", folder / text)
            for text in table.sources.get_column("path").to_list()
            if text
        )
    return found
