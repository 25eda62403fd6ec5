"""`claimcheck consensus`: the figure each quantity's sources support, and who the outliers are."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail
from claimcheck.cli._common import (
    FORMAT_HELP,
    AliasesOpt,
    ApproxToleranceOpt,
    ClaimsArg,
    QuietOpt,
    SourcesOpt,
    WidthOpt,
    claims_path,
)
from claimcheck.consensus import Method
from claimcheck.errors import ClaimcheckError
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE
from claimcheck.status import ExitStatus


class ConsensusFormat(str, Enum):
    """The `--format` choices of `consensus`."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@app.command()
def consensus(
    claims: ClaimsArg = None,
    fmt: Annotated[
        ConsensusFormat | None,
        typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False),
    ] = None,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    by_source: Annotated[
        bool,
        typer.Option(
            "--by-source",
            help="One row per source: claims, how many agree, outliers, reliability (0 to 1).",
        ),
    ] = False,
    method: Annotated[
        Method,
        typer.Option(
            "--method",
            help="reliability: weigh claims by their source's reliability, learnt from the "
            "whole table, with copies sharing one vote; majority: one vote per claim.",
        ),
    ] = Method.RELIABILITY,
    approx_tolerance: ApproxToleranceOpt = DEFAULT_APPROX_TOLERANCE,
    width: WidthOpt = None,
    panels: Annotated[
        int,
        typer.Option(
            "--panels",
            help="Table view: draw at most N items with several claims, in key order (0: all).",
            min=0,
        ),
    ] = 20,
    quiet: QuietOpt = False,
) -> None:
    """Find the figure most sources support for each quantity, its outliers, and each source's
    reliability.

    Claims of one quantity and time fall into camps of figures that can all be
    true at once; the consensus is the camp with the most weight. A claim
    weighs its source's reliability, estimated over the whole table (a source
    that is often an outlier loses weight everywhere); hedged and estimated
    claims weigh less, and sources that copy each other share one vote
    (docs/consensus.md). Claims at different times are separate items: an
    update is not a camp.
    Exit status: 0 done, 2 bad input.

    Example: claimcheck consensus data/claims.csv --format csv > consensus.csv
    """
    from claimcheck.consensus import ConsensusOptions, consensus_files
    from claimcheck.render import consensus as view

    try:
        options = ConsensusOptions(approx_tolerance, method)
        result = consensus_files(claims_path(claims), options, sources=sources, aliases=aliases)
    except ClaimcheckError as error:
        fail(error)
    chosen = fmt or (ConsensusFormat.TABLE if sys.stdout.isatty() else ConsensusFormat.CSV)
    if chosen is ConsensusFormat.TABLE:
        view.render_table(result, sys.stdout, by_source=by_source, width=width, panels=panels)
    elif chosen is ConsensusFormat.JSON:
        view.render_json(result, sys.stdout, by_source=by_source)
    else:
        view.render_csv(result, sys.stdout, by_source=by_source)
    sys.stdout.flush()
    if chosen is not ConsensusFormat.TABLE and not quiet:
        sys.stderr.write(result.summary() + "\n")
    raise typer.Exit(ExitStatus.OK)
