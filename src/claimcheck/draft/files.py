"""The documents to draft from: files, standard input, or a sources table's `path` column.

With a sources table, each document is its row: the row's `source_id`,
`published` date and `language` are used, and the text is read from `path`
relative to the table. Without one, the source id is the file name without
its extension (`stdin` for `-`), made unique with `-2`, `-3` when two files
share a name. Nothing here ever writes: `refuse_overwrite` is the one check
that an output names none of the inputs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from claimcheck.draft import Document
from claimcheck.errors import InputError, Location, UsageError
from claimcheck.extract.sources import read_text


def documents(
    files: Sequence[str], sources: Path | None, lang: str, listed_relative_to: Path | None
) -> list[Document]:
    """The documents of the files, or of the rows of `sources` that have a path.

    `listed_relative_to` is the directory the written sources table will live
    in: each document's `path` is written relative to it.
    """
    if sources is not None:
        return _from_sources(files, sources, lang)
    result: list[Document] = []
    used: dict[str, int] = {}
    for path in files:
        source_id, text = read_text(path)
        used[source_id] = used.get(source_id, 0) + 1
        if used[source_id] > 1:
            source_id = f"{source_id}-{used[source_id]}"
        listed = ""
        if path != "-":
            base = listed_relative_to if listed_relative_to is not None else Path.cwd()
            listed = Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
        result.append(Document(source_id, text, listed, "", lang))
    return result


def _from_sources(files: Sequence[str], sources: Path, lang: str) -> list[Document]:
    from claimcheck.table import load_sources

    frame = load_sources(sources)
    wanted = {Path(f).resolve() for f in files if f != "-"}
    result: list[Document] = []
    for line, row in enumerate(frame.iter_rows(named=True), start=2):
        relative = row.get("path") or ""
        if not relative:
            continue
        location = sources.parent / relative
        if wanted and location.resolve() not in wanted:
            continue
        try:
            _, text = read_text(str(location))
        except InputError as error:
            raise InputError(
                f"path {relative}: {error.message}", Location(str(sources), line, "path")
            ) from None
        row_lang = row.get("language") or ""
        chosen = (
            lang if lang != "auto" else (row_lang[:2] if row_lang[:2] in ("de", "en") else "auto")
        )
        result.append(
            Document(
                row["source_id"],
                text,
                relative,
                row.get("published") or "",
                chosen,
                row.get("title") or "",
            )
        )
    if not result:
        raise UsageError(
            f"{sources}: no row has a path to a document"
            + (" among the FILEs given" if wanted else "")
        )
    return result


def refuse_overwrite(outputs: Sequence[Path], inputs: Sequence[str | Path]) -> None:
    """Raise UsageError naming both paths when an output would write over an input."""
    resolved = {Path(p).resolve(): str(p) for p in inputs if str(p) != "-"}
    for output in outputs:
        same = resolved.get(output.resolve())
        if same is not None:
            raise UsageError(
                f"{output} would write over the input {same}: commands never write inputs"
            )
