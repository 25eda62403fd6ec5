"""`claimcheck show QUERY`: the claims of the quantities a query names, and related figures."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail
from claimcheck.cli._common import (
    AliasesOpt,
    ClaimsArg,
    SourcesOpt,
    TimestampOpt,
    claims_path,
    now,
)
from claimcheck.cli._fx import FxChoice, FxOpt, FxRatesOpt, fx_options
from claimcheck.errors import ClaimcheckError
from claimcheck.render import RenderOptions, ShowFormat
from claimcheck.status import ExitStatus


@app.command()
def show(
    query: Annotated[
        str,
        typer.Argument(
            help="A key part (north_korea, gdp, 'north korea gdp') or text matched fuzzily.",
            show_default=False,
        ),
    ],
    claims: ClaimsArg = None,
    width: Annotated[
        int | None,
        typer.Option("--width", help="Width of the view (default: the terminal's).", min=40),
    ] = None,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format", "-f", help="table (the terminal view) or html (one self-contained page)."
        ),
    ] = ShowFormat.TABLE,
    panels: Annotated[
        int,
        typer.Option("--panels", help="html: draw at most N matched quantities (0: all).", min=0),
    ] = 20,
    timestamp: TimestampOpt = False,
    fx: FxOpt = FxChoice.ECB,
    fx_rates: FxRatesOpt = None,
) -> None:
    """Show every claim of the quantities matching QUERY, their findings and related quantities.

    Words of QUERY that equal parts of a quantity's key (subject, metric,
    object, period; aliases apply), or whole words of them (kim finds
    kim_jong_un), select it; when none does, the key text is matched fuzzily.
    Each quantity's claims are listed by time with source, speaker, date,
    figure, interval and quote, under a chart of the intervals.
    Related quantities (same subject, or the same metric in the other
    direction, in units of one dimension) follow with the ratio between them
    and why they are not one quantity.
    Exit status: 0 shown, 2 bad input or no quantity matches (close keys listed).

    Example: claimcheck show north_korea data/claims.csv --format html > north_korea.html
    """
    from claimcheck.models import CompareOptions
    from claimcheck.pipeline import compare_files
    from claimcheck.show import show as select

    try:
        convert, rates = fx_options(fx, fx_rates)
        compared = CompareOptions(convert_currencies=convert, fx_rates=rates)
        report = compare_files(claims_path(claims), compared, sources=sources, aliases=aliases)
        shown = select(report, query)
    except ClaimcheckError as error:
        fail(error)
    if fmt is ShowFormat.HTML:
        from claimcheck.render.html import render_show

        options = RenderOptions(panels=panels, timestamp=now() if timestamp else None)
        render_show(shown, sys.stdout, options)
    else:
        from claimcheck.render.show import render

        render(shown, sys.stdout, width)
    raise typer.Exit(ExitStatus.OK)
