"""`claimcheck baseline`: record the current findings as accepted, or prune stale ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail, say
from claimcheck.cli._common import (
    AliasesOpt,
    ApproxToleranceOpt,
    ClaimsArg,
    QuietOpt,
    SourcesOpt,
    claims_path,
    inputs_of,
    read_by_compare,
)
from claimcheck.cli._fx import FxChoice, FxOpt, FxRatesOpt, fx_options
from claimcheck.errors import ClaimcheckError, UsageError
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE
from claimcheck.status import ExitStatus


@app.command()
def baseline(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The baseline file (JSON) to create or update.",
            show_default=False,
        ),
    ],
    claims: ClaimsArg = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Only drop entries whose finding no longer occurs; add nothing new.",
        ),
    ] = False,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    relations: Annotated[
        Path | None,
        typer.Option(
            "--relations",
            help="relations.csv, as for compare, so relation findings can be accepted too. "
            "Default: relations.csv beside CLAIMS.",
            show_default=False,
        ),
    ] = None,
    approx_tolerance: ApproxToleranceOpt = DEFAULT_APPROX_TOLERANCE,
    fx: FxOpt = FxChoice.ECB,
    fx_rates: FxRatesOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Accept every current finding into a baseline, so CI fails only on new ones.

    An existing baseline is updated: its entries and their 'reason' text are
    kept, current findings are added. With --prune, entries whose finding no
    longer occurs are dropped instead and nothing is added. The file is sorted
    and stable (an unchanged table rewrites it byte for byte) and written
    atomically. Exit status: 0 written, 2 bad input or unreadable baseline.

    Example: claimcheck baseline data/claims.csv --output claimcheck-baseline.json
    """
    from claimcheck import baseline as baselines
    from claimcheck.files import STDOUT_NAMES, check_output
    from claimcheck.models import CompareOptions
    from claimcheck.pipeline import compare_files

    try:
        path = claims_path(claims)
        if str(output) in STDOUT_NAMES:
            raise UsageError("--output must be a file: a baseline is read and updated in place")
        read = [*read_by_compare(path, sources, aliases, relations), ("rates", fx_rates)]
        check_output(output, read)
        convert, rates = fx_options(fx, fx_rates)
        report = compare_files(
            path,
            CompareOptions(approx_tolerance, convert_currencies=convert, fx_rates=rates),
            sources=sources,
            aliases=aliases,
            relations=relations,
        )
        check_output(output, [*inputs_of(report.table, relations), ("rates", fx_rates)])
        existing, updated = baselines.update(output, report, prune=prune)
    except ClaimcheckError as error:
        fail(error)
    except OSError as error:
        fail(UsageError(f"cannot write {output}: {error.strerror or error}"))
    if prune:
        note = f"{len(existing.entries) - len(updated.entries)} stale entries dropped"
    else:
        added = len(updated.entries) - len(existing.entries)
        stale = len(existing.stale(report))
        note = f"{added} new entries"
        if stale:
            note += f", {stale} no longer occurring (--prune drops them)"
    if not quiet:
        say(f"{output}: {len(updated.entries)} findings accepted; {note}\n")
    raise typer.Exit(ExitStatus.OK)
