"""Output formats: one module each, one signature, chosen by `--format`.

A renderer is `render(report, out, options)`; it writes data to `out`
(standard output) and nothing else. Modules load on demand, so the rich-based
table view costs nothing to a pipe that wants CSV.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from claimcheck.models import Report


class Format(str, Enum):
    """The `--format` choices of `compare`."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    GITHUB = "github"
    MARKDOWN = "markdown"
    HTML = "html"


class ShowFormat(str, Enum):
    """The `--format` choices of `show`: the terminal view or the HTML page."""

    TABLE = "table"
    HTML = "html"


@dataclass(frozen=True)
class RenderOptions:
    """Presentation choices that do not change what was found."""

    width: int | None = None
    """Terminal width for the table view; None lets rich measure the terminal."""
    color: bool | None = None
    """Force colour on or off; None follows the terminal, NO_COLOR and FORCE_COLOR."""
    excel_safe: bool = False
    """Neutralize text cells a spreadsheet would run as formulas (CSV; see render/cells.py)."""
    header: bool = True
    """CSV: write the header row. Off for every batch of a streamed report but the first."""
    rows: int = 25
    """Table view: at most this many claims and this many findings in one panel (0: all).
    One quantity with 300 conflicting claims holds 44,850 findings: 46,000 lines drawn in
    29 s. The worst findings are shown; the panel and the summary say what was left out."""
    panels: int = 20
    """Table view: at most this many quantity panels (0: all). A table of a million
    claims can hold tens of thousands of conflicts: pages nobody reads, and minutes
    to draw. CSV and JSON always list every finding."""
    timestamp: str | None = None
    """HTML page: when it was made, shown in its header. None (the default) keeps the
    page's bytes a function of the report alone."""


Renderer = Callable[["Report", TextIO, RenderOptions], None]

_MODULES = {
    Format.TABLE: "claimcheck.render.table",
    Format.CSV: "claimcheck.render.csv",
    Format.JSON: "claimcheck.render.json",
    Format.JSONL: "claimcheck.render.jsonl",
    Format.SARIF: "claimcheck.render.sarif",
    Format.GITHUB: "claimcheck.render.github",
    Format.MARKDOWN: "claimcheck.render.markdown",
    Format.HTML: "claimcheck.render.html",
}


def renderer(fmt: Format) -> Renderer:
    """The render function of a format."""
    module = importlib.import_module(_MODULES[fmt])
    return cast(Renderer, module.render)


def render_batches(
    reports: Iterable[Report], render: Renderer, out: TextIO, options: RenderOptions
) -> Report | None:
    """Write a streamed report's batches in order, each while the next is being made.

    Making a batch (classifying pairs, hashing fingerprints) and writing one
    (polars turning cells into CSV) each keep about one of two cores busy, and
    polars lets go of the GIL for its part. At most two batches are alive: the
    one being written and the one being made. A write that fails is raised
    here, once the batch after it is made. Returns the last batch.
    """
    from concurrent.futures import Future, ThreadPoolExecutor
    from dataclasses import replace

    last: Report | None = None
    writing: Future[None] | None = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        for index, part in enumerate(reports):
            if writing is not None:
                writing.result()
            writing = pool.submit(render, part, out, replace(options, header=index == 0))
            last = part
        if writing is not None:
            writing.result()
    return last
