"""GitHub Actions workflow commands: one annotation per finding at claim_b's row.

A workflow step that runs `claimcheck compare --format github` turns each
finding into an annotation on the claims file in the pull request's diff:
`::error` for findings that fail, `::warning` for findings a baseline lets
pass, `::notice` for kinds that never fail. The escaping is the one of
GitHub's own toolkit (`@actions/core`, command.ts): `%`, CR and LF in the
message; additionally `:` and `,` in properties, which would otherwise end a
property early. Anything less lets a quote with a newline forge a second
command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from claimcheck.render.ci import artifact_path, kind_text, level, line, sentence

if TYPE_CHECKING:
    from claimcheck.models import Report
    from claimcheck.render import RenderOptions

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (`file=`, `title=`): as data, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, out: TextIO, options: RenderOptions) -> None:  # noqa: ARG001
    path = escape_property(artifact_path(report))
    for finding in report:
        command = _COMMANDS[level(finding, report)]
        title = escape_property(f"claimcheck: {kind_text(finding.kind).title}")
        out.write(
            f"::{command} file={path},line={line(finding)},title={title}"
            f"::{escape_data(sentence(finding))}\n"
        )
