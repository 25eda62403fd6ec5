"""`claimcheck draft`: write a whole claims table from articles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimcheck.cli._app import app, fail, say
from claimcheck.cli.extract import Lang
from claimcheck.errors import ClaimcheckError, UsageError
from claimcheck.status import ExitStatus

if TYPE_CHECKING:
    import polars as pl


@app.command()
def draft(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text files (UTF-8); `-` reads standard input. "
            "With --sources, optional: the table's documents are drafted.",
            show_default=False,
        ),
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            help="sources.csv whose `path` column names the documents; claims carry its "
            "source_id and its `published` date places relative times.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The claims table to write (default: standard output). Without --sources, "
            "a sources.csv is written beside it.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Document language; auto detects it per document.")
    ] = Lang.auto,
    keep_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Keep figures that are no claims (page furniture, ages, "
            "list numbers), with the reason in `note`.",
        ),
    ] = False,
    excel_safe: Annotated[
        bool,
        typer.Option("--excel-safe", help="Neutralize cells a spreadsheet would run as formulas."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line on standard error.")
    ] = False,
) -> None:
    """Draft a claims table from articles: who, what, to whom, when, who says so, and how firmly.

    Every figure that states a claim becomes a row that `claimcheck validate`
    accepts; `note` says what was inferred and `confidence` (0 to 1) how sure
    the weakest inference is. Claim ids are the source id plus a digest of the
    sentence and figure, so they survive re-runs and edits elsewhere. From
    articles to findings in two steps:

        claimcheck draft articles/*.txt --output draft/claims.csv
        claimcheck compare draft/claims.csv

    Exit status: 0 written, 2 unreadable input or an output that names an input.

    Example: claimcheck draft data/sources/*.txt --output draft/claims.csv
    """
    from claimcheck.draft import draft_files
    from claimcheck.draft.files import refuse_overwrite
    from claimcheck.files import check_output, write_atomic
    from claimcheck.render.claims import write_table

    names = files or []
    sources_out = output.parent / "sources.csv" if output is not None and sources is None else None
    try:
        if not names and sources is None:
            raise UsageError("give FILE... or --sources with a `path` column")
        inputs: list[str | Path] = [*names, *([sources] if sources else [])]
        refuse_overwrite([p for p in (output, sources_out) if p is not None], inputs)
        for written in (output, sources_out):
            if written is not None:  # also refuses a FIFO or a device as output
                check_output(written, [("input", path) for path in inputs])
        result = draft_files(
            names,
            sources=sources,
            lang=lang.value,
            keep_all=keep_all,
            listed_relative_to=sources_out.parent if sources_out else None,
        )
    except ClaimcheckError as error:
        fail(error)
    try:
        if output is None:
            write_table(result.claims, sys.stdout, safe=excel_safe)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(output, _table_text(result.claims, excel_safe=excel_safe))
            if sources_out is not None:
                write_atomic(sources_out, _table_text(result.sources, excel_safe=excel_safe))
    except OSError as error:
        fail(UsageError(f"cannot write {error.filename or output}: {error.strerror or error}"))
    if not quiet:
        where = f" to {output}" + (f" and {sources_out}" if sources_out else "") if output else ""
        say(
            f"{result.claims.height} claims drafted from {result.sources.height} documents{where}\n"
        )
    raise typer.Exit(ExitStatus.OK)


def _table_text(frame: pl.DataFrame, *, excel_safe: bool) -> str:
    """A table as the CSV text `write_table` writes, for an atomic write (files.py)."""
    import io

    from claimcheck.render.claims import write_table

    out = io.StringIO()
    write_table(frame, out, safe=excel_safe)
    return out.getvalue()
