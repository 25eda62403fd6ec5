"""Reading the texts to extract from: files or standard input, as UTF-8."""

from __future__ import annotations

import sys
from pathlib import Path

from claimcheck.errors import InputError, Location


def read_text(path: str) -> tuple[str, str]:
    """Return (source_id, text) for a path, or for `-` (standard input, source id `stdin`).

    The source id is the file name without its extension, as the claims
    table's `source_id` column expects. A missing or non-UTF-8 file raises an
    InputError naming the path, so the CLI prints one line and exits 2.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
        source_id = "stdin"
    else:
        file = Path(path)
        source_id = file.stem
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file", Location(path)) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a text file", Location(path)) from None
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read", Location(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {exc.start}); convert it, e.g. with iconv -t UTF-8"
        raise InputError(message, Location(path)) from None
    return source_id, text.replace("\r\n", "\n")
