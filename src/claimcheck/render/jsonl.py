"""JSON Lines findings: one object per line, for consumers that stream.

`jq -c`, DuckDB's `read_json_auto`, pandas' `read_json(lines=True)` and
`while read` loops can start on the first finding before the last is written,
and a truncated stream still parses line by line. Objects are the same as in
`--format json`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from claimcheck.render.json import as_object

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions


def render(report: Report, out: TextIO, options: RenderOptions) -> None:  # noqa: ARG001
    for finding in report:
        out.write(json.dumps(as_object(finding), ensure_ascii=False))
        out.write("\n")
