"""`claimcheck draft`: from articles to a claims table that `compare` can use as it stands.

`extract` finds the figures; the draft decides the other cells of each from
the words around it, never inventing what the text does not say:

- `entities.py`: who and to whom (CLDR country names in German and English,
  derived adjectives, a shipped alias table), with the direction read from
  the prepositions and word order;
- `metrics.py`: what is counted, from the counted noun and a verb-class
  lexicon, or the value noun of a sum of money;
- `periods.py`: the period, relative times placed against the document date;
- `attribution.py`, `modality.py`: the speaker and how firmly it speaks;
- `furniture.py`: the figures that are no claims (page furniture, ages, ...);
- `ids.py`: claim ids that survive edits elsewhere in the document;
- `document.py`: one document, in the order of inference its docstring gives.

Every inferred cell is explained in `note`, and `confidence` (0 to 1) says
how sure the weakest inference of the row is, so a reviewer sees which cells
to check first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.draft.document import DocumentDrafter
from claimcheck.draft.periods import DocDate, stated_date
from claimcheck.extract import LANGUAGES, detect_language
from claimcheck.table import CLAIM_COLUMNS as TABLE_COLUMNS
from claimcheck.table import SOURCE_COLUMNS

if TYPE_CHECKING:
    import polars as pl

__all__ = ["CLAIM_COLUMNS", "SOURCE_COLUMNS", "Document", "Draft", "draft_documents", "draft_files"]

CLAIM_COLUMNS = (*TABLE_COLUMNS, "confidence")
"""The claims-table columns in the contract's order, then `confidence`."""


@dataclass(frozen=True)
class Document:
    """A text to draft from, and what a sources table (or the caller) says about it.

    `published` is an ISO date or empty (then the draft looks for one in the
    text); `lang` is `de`, `en` or `auto`; `path` is written to sources.csv.
    """

    source_id: str
    text: str
    path: str = ""
    published: str = ""
    lang: str = "auto"
    title: str = ""


@dataclass(frozen=True)
class Draft:
    """The drafted claims and one sources row per document, as polars frames."""

    claims: pl.DataFrame
    sources: pl.DataFrame


def draft_documents(documents: Sequence[Document], *, keep_all: bool = False) -> Draft:
    """Draft the claims of every document, in document and reading order.

    `keep_all` keeps the figures that are no claims (page furniture, ages,
    list numbers), with the reason in `note` and confidence 0.
    """
    import polars as pl

    columns: dict[str, list[str]] = {name: [] for name in CLAIM_COLUMNS}
    sources: dict[str, list[str]] = {name: [] for name in SOURCE_COLUMNS}
    for document in documents:
        lang = document.lang
        if lang == "auto":
            lang = detect_language(document.text)
        elif lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r} (expected de, en or auto)")
        published = document.published or stated_date(document.text)
        drafter = DocumentDrafter(document.text, document.source_id, lang, DocDate.parse(published))
        for row in drafter.draft(keep_all):
            cells = row.cells
            cells["note"] = "; ".join(row.notes)
            cells["confidence"] = f"{row.confidence:.2f}"
            for name in CLAIM_COLUMNS:
                columns[name].append(cells[name])
        title = document.title or _first_line(document.text)
        for name, value in zip(
            SOURCE_COLUMNS,
            (document.source_id, title, "", "", published, lang, document.path),
            strict=True,
        ):
            sources[name].append(value)
    schema = dict.fromkeys(CLAIM_COLUMNS, pl.String)
    return Draft(
        pl.DataFrame(columns, schema=schema),
        pl.DataFrame(sources, schema=dict.fromkeys(SOURCE_COLUMNS, pl.String)),
    )


def _first_line(text: str) -> str:
    """A document's title: its first non-empty line, at most 200 characters."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def draft_files(
    files: Sequence[str],
    *,
    sources: Path | None = None,
    lang: str = "auto",
    keep_all: bool = False,
    listed_relative_to: Path | None = None,
) -> Draft:
    """Draft the claims of text files (`-`: standard input) or of a sources table's documents.

    Raises InputError for an unreadable file or sources table (the CLI exits 2).
    `listed_relative_to` is where the sources table written for these files
    will be, so its `path` column points back at them.
    """
    from claimcheck.draft.files import documents

    return draft_documents(documents(files, sources, lang, listed_relative_to), keep_all=keep_all)
