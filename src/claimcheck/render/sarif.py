"""SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).

One rule per finding kind, with a description and help text, so that an
alert in the Security tab explains itself. Each result sits at claim_b's row
of the claims file (column 1: a CSV row has no better anchor that survives a
re-quote); claim_a is a related location, linked from the message. The
finding's fingerprint goes into `partialFingerprints`, which is how code
scanning recognises the same alert across commits, so a reordered table does
not reopen alerts.

The document is written piece by piece: the run's header, then each result
as the report yields it, then the closing brackets, so a large report
streams like the other formats.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from claimcheck import __version__
from claimcheck.findings import Kind
from claimcheck.render.ci import (
    artifact_path,
    figure,
    kind_text,
    level,
    line,
    quantity,
)

if TYPE_CHECKING:
    from claimcheck.models import Finding, Report
    from claimcheck.render import RenderOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimcheckFingerprint/v1"
_PLACEHOLDER = "\x00results\x00"


def rules(report: Report) -> list[dict[str, Any]]:
    """One reporting descriptor per kind, every kind listed so rule indexes never shift."""
    failing = {kind.value for kind in report.fail_on}
    described = []
    for kind in Kind:
        text = kind_text(kind.value)
        help_text = f"{text.explanation}\n\nHow to resolve: {text.remedy}".strip()
        described.append(
            {
                "id": kind.value,
                "name": text.title.title().replace(" ", ""),
                "shortDescription": {"text": text.summary},
                "fullDescription": {"text": f"{text.summary} {text.explanation}"},
                "help": {
                    "text": help_text,
                    "markdown": f"**{text.title}.** {text.explanation}\n\n"
                    f"**How to resolve:** {text.remedy}",
                },
                "defaultConfiguration": {"level": "error" if kind.value in failing else "note"},
                "properties": {"tags": ["claims", "consistency", kind.value]},
            }
        )
    return described


def _escape(text: str) -> str:
    """Text for a SARIF message that also holds links: brackets and backslashes are escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _location(uri: str, row: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {"startLine": row, "startColumn": 1},
        }
    }


def result(finding: Finding, report: Report, uri: str, index: dict[str, int]) -> dict[str, Any]:
    """The SARIF result of one finding."""
    message = (
        f"{kind_text(finding.kind).title} in {_escape(quantity(finding))}: "
        f"{_escape(finding.claim_b)} ({_escape(finding.source_b)}) says "
        f"{_escape(figure(finding, 'b'))}, but [{_escape(finding.claim_a)}](1) "
        f"({_escape(finding.source_a)}) says {_escape(figure(finding, 'a'))}; "
        f"gap {finding.relative_gap:.1%}."
    )
    related = _location(uri, line(finding, "a"))
    related["id"] = 1
    related["message"] = {"text": f"{finding.claim_a}: {figure(finding, 'a')}"}
    return {
        "ruleId": finding.kind,
        "ruleIndex": index.get(finding.kind, 0),
        "level": level(finding, report),
        "message": {"text": message},
        "locations": [_location(uri, line(finding))],
        "relatedLocations": [related],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "fingerprint": finding.fingerprint,
            "severity": finding.severity,
            "claims": [finding.claim_a, finding.claim_b],
            "relativeGap": finding.relative_gap,
        },
    }


def render(report: Report, out: TextIO, options: RenderOptions) -> None:  # noqa: ARG001
    described = rules(report)
    index = {rule["id"]: position for position, rule in enumerate(described)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": described,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_PLACEHOLDER],
            }
        ],
    }
    head, tail = json.dumps(document, ensure_ascii=False, indent=2).split(
        json.dumps(_PLACEHOLDER)
    )
    uri = quote(artifact_path(report), safe="/")
    out.write(head.rstrip())
    for position, finding in enumerate(report):
        out.write("," if position else "")
        out.write("\n" + json.dumps(result(finding, report, uri, index), ensure_ascii=False))
    out.write("\n      " + tail.lstrip())
    out.write("\n")
