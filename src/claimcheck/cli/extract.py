"""`claimcheck extract`: propose candidate claims from German or English text."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from claimcheck.cli._app import app, fail
from claimcheck.cli._common import ExcelSafeOpt
from claimcheck.errors import ClaimcheckError, UsageError
from claimcheck.status import ExitStatus


class Lang(str, Enum):
    """Document language: decides how `11.000` and `Billion` are read."""

    de = "de"
    en = "en"
    auto = "auto"


class ExtractFormat(str, Enum):
    """Output formats of `extract`."""

    csv = "csv"
    json = "json"
    table = "table"


@app.command()
def extract(
    files: Annotated[
        list[str], typer.Argument(help="Text files (UTF-8); `-` reads standard input.")
    ],
    lang: Annotated[
        Lang, typer.Option("--lang", help="Document language; auto detects it per file.")
    ] = Lang.auto,
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", help="Output format.")
    ] = ExtractFormat.csv,
    to_claims: Annotated[
        bool,
        typer.Option(
            "--to-claims",
            help="Write the claims table `claimcheck draft` writes (CSV) instead.",
        ),
    ] = False,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Find every figure in the texts: span, scaled value, unit, qualifier and sentence.

    The source id is the file name without its extension (`stdin` for `-`).
    Exit status: 0 done (even when no figure was found), 2 unreadable input.

    Example: claimcheck extract data/sources/003_f582aa4241273fed.txt --format table
    """
    from claimcheck.extract import extract_text
    from claimcheck.extract.output import WRITERS
    from claimcheck.extract.sources import read_text
    from claimcheck.render.cells import write_csv_cells

    if to_claims:
        from claimcheck.draft import draft_files
        from claimcheck.render.claims import write_table

        try:
            drafted = draft_files(files, lang=lang.value)
        except ClaimcheckError as error:
            fail(error)
        write_csv_cells(lambda out: write_table(drafted.claims, out), sys.stdout,
                        excel_safe=excel_safe)  # fmt: skip
        raise typer.Exit(ExitStatus.OK)
    candidates = []
    writes_csv = to_claims or output_format is ExtractFormat.csv
    try:
        if excel_safe and not writes_csv:
            raise UsageError("--excel-safe applies to CSV output only")
        for path in files:
            source_id, text = read_text(path)
            candidates.extend(extract_text(text, source_id, lang.value))
    except ClaimcheckError as error:
        fail(error)
    write_csv_cells(lambda out: WRITERS[output_format.value](candidates, out), sys.stdout,
                    excel_safe=excel_safe)  # fmt: skip
    raise typer.Exit(ExitStatus.OK)
