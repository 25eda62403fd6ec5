"""`claimcheck keys`: the table's vocabulary, and near-duplicate names to merge."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail, say
from claimcheck.cli._common import (
    AliasesOpt,
    ClaimsArg,
    ExcelSafeOpt,
    SourcesOpt,
    claims_path,
    inputs_of,
    read_by_compare,
)
from claimcheck.errors import ClaimcheckError, InputError, Location, UsageError
from claimcheck.files import write_atomic
from claimcheck.status import ExitStatus


class KeysFormat(str, Enum):
    """Output formats of `keys`."""

    table = "table"
    csv = "csv"


@app.command()
def keys(
    claims: ClaimsArg = None,
    suggest: Annotated[
        bool,
        typer.Option("--suggest", help="Suggest aliases for near-duplicate names in each field."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="With --suggest: write the candidate alias rows to this CSV file "
            "(e.g. aliases-suggested.csv) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold", help="Least similarity (0-100) for a suggestion.", min=1, max=100
        ),
    ] = 80.0,
    fmt: Annotated[
        KeysFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: table on a terminal, csv when piped.",
            show_default=False,
        ),
    ] = None,
    sources: SourcesOpt = None,
    aliases: AliasesOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """List every normalized quantity key with its claim count, sources and units.

    With --suggest, list pairs of names within a field that are probably one
    thing (field,alias,canonical,score,... — the first three columns are an
    aliases.csv row to accept): they score at least --threshold and agree word
    by word at the words' starts or ends, or all words but one do, or they
    agree at both ends once separators are dropped (docs/trust.md). Names
    differing by a number or a direction word (exports/imports) are never
    suggested. Aliases already given apply.
    Exit status: 0 done, 2 bad input.

    Example: claimcheck keys data/claims.csv --suggest --output aliases-suggested.csv
    """
    from claimcheck.files import STDOUT_NAMES, check_output
    from claimcheck.suggest import KEY_COLUMNS, SUGGEST_COLUMNS, key_summary, suggest_aliases
    from claimcheck.table import load_table

    if output is not None and str(output) in STDOUT_NAMES:
        output = None
    try:
        path = claims_path(claims)
        if output is not None:
            check_output(output, read_by_compare(path, sources, aliases))
        table = load_table(path, sources_path=sources, aliases_path=aliases)
        if output is not None:
            check_output(output, inputs_of(table))
        chosen = fmt or (KeysFormat.table if sys.stdout.isatty() and not output else KeysFormat.csv)
        if excel_safe and output is None and chosen is not KeysFormat.csv:
            raise UsageError("--excel-safe applies to CSV output only")
    except ClaimcheckError as error:
        fail(error)
    if suggest:
        header: tuple[str, ...] = SUGGEST_COLUMNS
        rows: list[tuple[object, ...]] = [c.row() for c in suggest_aliases(table, threshold)]
        title = f"{len(rows)} alias suggestions"
    else:
        header = KEY_COLUMNS
        rows = list(key_summary(table).iter_rows())
        title = f"{len(rows)} quantity keys in {table.claims.height} claims"
    if output is not None:
        try:
            write_atomic(output, _csv_text(header, rows, excel_safe=excel_safe))
        except OSError as exc:
            fail(InputError(f"cannot write: {exc.strerror or exc}", Location(str(output))))
        say(f"{title} written to {output}\n")
    elif chosen is KeysFormat.csv:
        sys.stdout.write(_csv_text(header, rows, excel_safe=excel_safe))
    else:
        _print_table(header, rows, title)
    raise typer.Exit(ExitStatus.OK)


def _csv_text(
    header: tuple[str, ...], rows: Sequence[tuple[object, ...]], *, excel_safe: bool
) -> str:
    from claimcheck.render.cells import excel_safe_rows

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(excel_safe_rows(rows) if excel_safe else rows)
    return out.getvalue()


def _print_table(header: tuple[str, ...], rows: Sequence[tuple[object, ...]], title: str) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from claimcheck.terminal import printable_cell

    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left")
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(printable_cell(cell) for cell in row))
    Console(highlight=False, markup=False).print(table)
