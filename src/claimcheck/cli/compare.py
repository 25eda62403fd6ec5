"""`claimcheck compare`: find contradictions and render them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimcheck.cli._app import app, fail, say
from claimcheck.cli._common import (
    FORMAT_HELP,
    AliasesOpt,
    ApproxToleranceOpt,
    ClaimsArg,
    QuietOpt,
    SourcesOpt,
    TimestampOpt,
    WidthOpt,
    claims_path,
    now,
)
from claimcheck.cli._fx import FxChoice, FxOpt, FxRatesOpt, fx_options
from claimcheck.engines import Engine
from claimcheck.errors import ClaimcheckError, UsageError
from claimcheck.findings import DEFAULT_FAIL_ON, Kind
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE
from claimcheck.render import Format, RenderOptions
from claimcheck.status import ExitStatus
from claimcheck.terminal import printable

if TYPE_CHECKING:
    from claimcheck.models import Report

_DEFAULT_FAIL_ON = ",".join(sorted(kind.value for kind in DEFAULT_FAIL_ON))


@app.command()
def compare(
    claims: ClaimsArg = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help=FORMAT_HELP,
            show_default=False,
        ),
    ] = None,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Finding kinds that make the exit status 1: comma-separated kinds "
            f"({', '.join(kind.value for kind in Kind)}), 'any' or 'none'.",
        ),
    ] = _DEFAULT_FAIL_ON,
    approx_tolerance: ApproxToleranceOpt = DEFAULT_APPROX_TOLERANCE,
    width: WidthOpt = None,
    panels: Annotated[
        int,
        typer.Option(
            "--panels",
            help="Table view and html: draw at most N quantities in conflict, in key order "
            "(0: all). csv and json always list every finding.",
            min=0,
        ),
    ] = 20,
    rows: Annotated[
        int,
        typer.Option(
            "--rows",
            help="Table view: at most N claims and N findings in each panel, the most "
            "severe findings first (0: all). csv and json always list every finding.",
            min=0,
        ),
    ] = 25,
    quiet: QuietOpt = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Accepted findings (from `claimcheck baseline`): they never fail; "
            "entries that no longer occur are listed.",
            show_default=False,
        ),
    ] = None,
    relations: Annotated[
        Path | None,
        typer.Option(
            "--relations",
            help="relations.csv declaring checks between quantities (docs/relations.md). "
            "Default: relations.csv beside CLAIMS.",
            show_default=False,
        ),
    ] = None,
    show_relations: Annotated[
        bool,
        typer.Option(
            "--show-relations",
            help="csv/json: also write relations that hold or cannot be evaluated, as rows "
            "of kind relation_holds / relation_unevaluable (they never fail).",
        ),
    ] = False,
    fx: FxOpt = FxChoice.ECB,
    fx_rates: FxRatesOpt = None,
    excel_safe: Annotated[
        bool,
        typer.Option(
            "--excel-safe",
            help="CSV only: prefix text cells a spreadsheet would run as a formula "
            "(leading = + - @ tab CR) with an apostrophe. Changes data; off by default.",
        ),
    ] = False,
    timestamp: TimestampOpt = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="Where to compare: local (this process) or dask (a Dask cluster; "
            "pip install 'claimcheck[dask]'; CLAIMS may then be an s3:// or gs:// URL). "
            "Same findings either way (docs/scale.md).",
        ),
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="--engine dask: address of a running Dask scheduler (tcp://host:8786). "
            "Default: a local cluster on this machine.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", help="--engine dask, local cluster: worker processes.", min=1,
            show_default=False,
        ),
    ] = None,
    worker_memory: Annotated[
        str | None,
        typer.Option(
            "--worker-memory",
            help="--engine dask, local cluster: each worker's memory limit (e.g. 2GiB).",
            show_default=False,
        ),
    ] = None,
    with_consensus: Annotated[
        bool,
        typer.Option(
            "--consensus",
            help="Add to each finding which side (a or b) is the outlier against its "
            "quantity's consensus (column `outlier`; docs/consensus.md).",
        ),
    ] = False,
) -> None:
    """Compare every quantity's claims and report where sources contradict each other.

    Exit status: 0 nothing fails, 1 findings of a failing kind, 2 bad input.

    Example: claimcheck compare data/claims.csv --format csv > findings.csv
    """
    from claimcheck import baseline as baselines
    from claimcheck.models import CompareOptions, parse_fail_on
    from claimcheck.pipeline import Stream, compare, compare_or_stream, load_files, with_context
    from claimcheck.render import render_batches, renderer

    accepted = baselines.Baseline({})
    chosen = fmt or (Format.TABLE if sys.stdout.isatty() else Format.CSV)
    streamed = None
    report: Report | None = None
    try:
        if baseline is not None:
            accepted = baselines.read(baseline)
        if excel_safe and fmt is not Format.CSV and (fmt or sys.stdout.isatty()):
            raise UsageError("--excel-safe applies to --format csv only")
        convert, rates = fx_options(fx, fx_rates)
        options = CompareOptions(
            approx_tolerance, parse_fail_on(fail_on), known=accepted.fingerprints,
            convert_currencies=convert, fx_rates=rates, consensus=with_consensus,
        )  # fmt: skip
        if engine is Engine.DASK:
            from claimcheck.engines.dask import DaskOptions, compare_dask

            if chosen in (Format.TABLE, Format.HTML):
                # Those views list every claim of a quantity; the driver holds only some.
                raise UsageError("--engine dask writes data formats: choose one with --format")
            cluster = DaskOptions(scheduler, workers, worker_memory)
            report = compare_dask(claims_path(claims), options, sources=sources,
                                  aliases=aliases, relations=relations, dask=cluster)  # fmt: skip
        else:
            if scheduler or workers or worker_memory:
                raise UsageError("--scheduler, --workers and --worker-memory need --engine dask")
            findings_only = chosen in (Format.CSV, Format.JSONL) and not show_relations
            table, options = load_files(
                claims_path(claims), options, sources=sources, aliases=aliases,
                relations=relations, quotes_on_disk=findings_only,
            )  # fmt: skip
            if findings_only:
                outcome = compare_or_stream(table, options)
                if isinstance(outcome, Stream):
                    streamed = outcome
                else:
                    report = outcome
            else:
                report = compare(table, options)
    except ClaimcheckError as error:
        fail(error)
    drawing = RenderOptions(
        width=width,
        excel_safe=excel_safe,
        panels=panels,
        rows=rows,
        timestamp=now() if timestamp else None,
    )
    if streamed is not None:
        # Tables of millions of pairs: findings are written batch by batch, so the first
        # rows come at once and memory stays that of two batches (pipeline.Stream).
        try:
            report = render_batches(streamed.reports(), renderer(chosen), sys.stdout, drawing)
        except ClaimcheckError as error:  # a deferred quote's file changed meanwhile
            sys.stdout.flush()
            fail(error)
        stale = accepted.stale_among(streamed.found)
        summary, failing = streamed.summary(), streamed.failing
    else:
        assert report is not None
        shown = with_context(report) if show_relations and chosen is not Format.TABLE else report
        renderer(chosen)(shown, sys.stdout, drawing)
        stale = accepted.stale(report)
        summary, failing = report.summary(), report.failing
    assert report is not None
    if stale and chosen is Format.TABLE:
        sys.stdout.write(printable(baselines.stale_message(stale, baseline), keep="\n"))
    sys.stdout.flush()
    if stale and chosen is not Format.TABLE and not quiet:
        say(baselines.stale_message(stale, baseline))
    if not quiet:
        from claimcheck.near_duplicates import warnings

        for line in warnings(report.findings):
            say(line + "\n")
    if chosen is not Format.TABLE and not quiet:
        for message in report.relations.unevaluable_messages() if report.relations else ():
            say(message + "\n")
        say(summary + "\n")
    raise typer.Exit(ExitStatus.FINDINGS if failing else ExitStatus.OK)
