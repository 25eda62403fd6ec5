"""JSON Lines findings: one object per line, for consumers that stream.

`jq -c`, DuckDB's `read_json_auto`, pandas' `read_json(lines=True)` and
`while read` loops can start on the first finding before the last is written,
and a truncated stream still parses line by line. Objects are the same as in
`--format json`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from claimcheck.render.json import ENCODER, objects

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions


def render(report: Report, out: TextIO, options: RenderOptions) -> None:  # noqa: ARG001
    for data in objects(report):
        out.write(ENCODER.encode(data))
        out.write("\n")
