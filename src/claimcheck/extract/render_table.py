"""The human-readable table of `claimcheck extract --format table` (the one rich user here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from claimcheck.extract.model import Candidate
from claimcheck.extract.numbers import plain
from claimcheck.terminal import printable_cell


def render(candidates: Sequence[Candidate], out: TextIO) -> None:
    """Write one row per figure: where, what was written, and how it was read."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(candidates)} figures", title_justify="left")
    for name, justify in (
        ("source", "left"), ("span", "right"), ("text", "left"), ("value", "right"),
        ("unit", "left"), ("qualifier", "left"), ("note", "left"),
    ):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for c in candidates:
        value = plain(c.value)
        if c.value_high is not None:
            value += f"–{plain(c.value_high)}"
        cells = (c.source_id, f"{c.start}-{c.end}", c.text, value, c.unit, c.qualifier, c.note)
        table.add_row(*map(printable_cell, cells))
    Console(file=out, width=120, highlight=False, soft_wrap=False, markup=False).print(table)
