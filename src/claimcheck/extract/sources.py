"""Reading the texts to extract from: files or standard input, as UTF-8."""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import InputError, Location
from claimcheck.files import MAX_TEXT_BYTES, STDIO, read_input, read_stdin


def read_text(path: str) -> tuple[str, str]:
    """Return (source_id, text) for a path, or for `-` (standard input, source id `stdin`).

    The source id is the file name without its extension, as the claims
    table's `source_id` column expects. A missing, special (FIFO, device,
    directory) or non-UTF-8 file raises an InputError naming the path, so the
    CLI prints one line and exits 2. The text is kept as the file holds it,
    CRLF included, so every offset is into the file's own text.
    """
    if path == STDIO:
        data = read_stdin(limit=MAX_TEXT_BYTES)
        source_id = "stdin"
    else:
        source_id = Path(path).stem
        data = read_input(path, path, "a text file", MAX_TEXT_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {exc.start}); convert it, e.g. with iconv -t UTF-8"
        raise InputError(message, Location(path)) from None
    return source_id, text
