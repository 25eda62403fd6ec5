"""Baselines: the findings a team has reviewed and accepted, kept in a JSON file.

A CI job should fail on *new* contradictions only, so the findings already
known are recorded once, by fingerprint (contract sections 4 and 7), and
`compare --baseline` lets them pass. The file is meant to be read in a code
review: one entry per fingerprint with the finding's kind, key, claims and
figures, and a `reason` a reviewer fills in. It is written deterministically
(entries sorted by fingerprint, keys in a fixed order, two-space indent, a
final newline) so that re-running on an unchanged table rewrites it byte for
byte and a diff shows only what changed. It is written atomically, so an
interrupted run never leaves half a baseline behind for the next CI job to
misread. A missing or unreadable baseline is an input error, never an empty
baseline: reading it as empty would let every accepted finding fail, or,
worse, a typo in the path go unnoticed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import InputError, Location
from claimcheck.files import locked, read_input, write_atomic, write_target

if TYPE_CHECKING:
    from claimcheck.models import Finding, Report

FORMAT_VERSION = 1
"""Bumped only with a migration note: CI repositories commit this file."""

_FINGERPRINT = re.compile(r"[0-9a-f]{16}")
_ENTRY_KEYS = ("fingerprint", "kind", "key", "claims", "figures", "reason")


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding: what a reviewer needs to recognise it, and why it is accepted."""

    fingerprint: str
    kind: str
    key: tuple[str, str, str, str]
    """subject, metric, object and period, normalized as in the findings."""
    claims: tuple[str, str]
    figures: tuple[str, str]
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        subject, metric, object_, period = self.key
        return {
            "fingerprint": self.fingerprint,
            "kind": self.kind,
            "key": {"subject": subject, "metric": metric, "object": object_, "period": period},
            "claims": list(self.claims),
            "figures": list(self.figures),
            "reason": self.reason,
        }

    def describe(self) -> str:
        """One line for messages: `36f0… contradiction kr-containers vs us-containers`."""
        return f"{self.fingerprint} {self.kind} {self.claims[0]} vs {self.claims[1]}"


@dataclass(frozen=True)
class Baseline:
    """The accepted findings, keyed by fingerprint."""

    entries: Mapping[str, Entry]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(self.entries)

    def stale(self, report: Report) -> list[Entry]:
        """Entries whose finding no longer occurs (fixed, or a figure changed): prune candidates."""
        return self.stale_among(self._found(report))

    def stale_among(self, found: set[str]) -> list[Entry]:
        """Entries whose fingerprint is not in `found` (a streamed comparison's totals)."""
        return [entry for fp, entry in sorted(self.entries.items()) if fp not in found]

    def _found(self, report: Report) -> set[str]:
        """The accepted fingerprints the report still finds, asked of polars, not a Python
        set of every finding (227,773 on the bench table)."""
        import polars as pl

        if not self.entries:
            return set()
        accepted = pl.Series(list(self.entries), dtype=pl.String)
        return set(accepted.filter(accepted.is_in(report.findings.get_column("fingerprint"))))

    def merged(self, report: Report) -> Baseline:
        """This baseline plus every finding of the report; reviewers' reasons are kept."""
        entries = dict(self.entries)
        for entry in entries_of(report):
            old = entries.get(entry.fingerprint)
            entries[entry.fingerprint] = _with_reason(entry, old.reason if old else "")
        return Baseline(entries)

    def pruned(self, report: Report) -> Baseline:
        """This baseline without the entries that no longer occur; nothing new is accepted."""
        found = self._found(report)
        return Baseline({fp: e for fp, e in self.entries.items() if fp in found})


def _with_reason(entry: Entry, reason: str) -> Entry:
    return Entry(entry.fingerprint, entry.kind, entry.key, entry.claims, entry.figures, reason)


def figure_text(value: str, value_high: str, unit: str, qualifier: str) -> str:
    """A claim's figure as the table writes it: `11000 container (approx)`."""
    number = f"{value} to {value_high}" if value_high else value
    return f"{number} {unit} ({qualifier or 'exact'})"


def entry_of(finding: Finding) -> Entry:
    """The baseline entry that records a finding."""
    return Entry(
        fingerprint=finding.fingerprint,
        kind=finding.kind,
        key=(finding.subject, finding.metric, finding.object, finding.period),
        claims=(finding.claim_a, finding.claim_b),
        figures=(
            figure_text(finding.value_a, finding.value_high_a, finding.unit_a, finding.qualifier_a),
            figure_text(finding.value_b, finding.value_high_b, finding.unit_b, finding.qualifier_b),
        ),
    )


def entries_of(report: Report) -> Iterator[Entry]:
    """Every finding of a report as a baseline entry."""
    for finding in report:
        yield entry_of(finding)


def dumps(baseline: Baseline) -> str:
    """The file's text: stable byte for byte for the same entries."""
    document = {
        "claimcheck_baseline": FORMAT_VERSION,
        "findings": [baseline.entries[fp].as_json() for fp in sorted(baseline.entries)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write(baseline: Baseline, path: str | Path) -> None:
    """Write the baseline atomically (files.write_atomic: temp file, fsync, rename).

    A crash before the rename leaves the old file untouched and no temporary
    file behind; a symlinked baseline stays a symlink to the new content.
    """
    write_atomic(path, dumps(baseline))


def update(path: str | Path, report: Report, *, prune: bool) -> tuple[Baseline, Baseline]:
    """Read, merge (or prune) and write the baseline at `path` under its lock file.

    Two `claimcheck baseline` runs at once on one file take turns, and the
    second reads what the first wrote, so neither run's entries are lost.
    Returns the baseline before and after.
    """
    target = write_target(path)
    with locked(target):
        existing = read(target) if prune or target.exists() else Baseline({})
        updated = existing.pruned(report) if prune else existing.merged(report)
        write(updated, path)
    return existing, updated


MAX_BYTES = 1 << 30
"""A baseline of every finding of the million-claim bench table is about 100 MB."""


def read(path: str | Path) -> Baseline:
    """Read and check a baseline file; any problem is an InputError naming the file."""
    shown = str(path)
    try:
        data = read_input(path, shown, "a baseline")
    except InputError as error:
        if error.message == "no such file":
            raise InputError("no such baseline file", Location(shown)) from None
        raise
    if len(data) > MAX_BYTES:
        raise InputError(f"baseline is larger than {MAX_BYTES:,} bytes", Location(shown))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("baseline is not UTF-8 text", Location(shown)) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not a JSON baseline: {error.msg}"
        raise InputError(message, Location(shown, error.lineno)) from None
    except RecursionError:
        # A baseline is four levels deep; thousands of `[` are an attack or a broken file.
        raise InputError(
            "not a claimcheck baseline: nested too deeply (a baseline has 4 levels)",
            Location(shown),
        ) from None
    return Baseline(dict(_entries(document, shown)))


def _entries(document: Any, shown: str) -> Iterable[tuple[str, Entry]]:
    def problem(message: str) -> InputError:
        return InputError(message, Location(shown))

    if not isinstance(document, dict) or "claimcheck_baseline" not in document:
        raise problem("not a claimcheck baseline (no 'claimcheck_baseline' version)")
    version = document["claimcheck_baseline"]
    # `true` and `1.0` equal 1 in Python, but no claimcheck ever wrote them.
    if type(version) is not int or version != FORMAT_VERSION:
        raise problem(
            f"baseline version {document['claimcheck_baseline']!r} is not {FORMAT_VERSION}"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise problem("'findings' must be a list")
    seen: set[str] = set()
    for index, item in enumerate(findings, start=1):
        entry = _entry(item)
        if entry is None:
            raise problem(
                f"finding {index} must be an object with {', '.join(_ENTRY_KEYS)} "
                "(a 16-digit lowercase hex fingerprint, text elsewhere)"
            )
        if entry.fingerprint in seen:
            raise problem(f"finding {index}: fingerprint {entry.fingerprint} appears twice")
        seen.add(entry.fingerprint)
        yield entry.fingerprint, entry


def _entry(item: Any) -> Entry | None:
    """An entry from its JSON form, or None when it is not well formed."""
    if not isinstance(item, dict):
        return None
    fingerprint, kind, key = item.get("fingerprint"), item.get("kind"), item.get("key")
    claims, figures, reason = item.get("claims"), item.get("figures"), item.get("reason", "")
    texts = (fingerprint, kind, reason)
    if not all(isinstance(value, str) for value in texts):
        return None
    if not _FINGERPRINT.fullmatch(str(fingerprint)) or not isinstance(key, dict):
        return None
    parts = tuple(key.get(name, "") for name in ("subject", "metric", "object", "period"))
    pairs = (claims, figures)
    if not all(isinstance(part, str) for part in parts) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        for pair in pairs
    ):
        return None
    assert isinstance(claims, list)
    assert isinstance(figures, list)
    return Entry(
        str(fingerprint),
        str(kind),
        (parts[0], parts[1], parts[2], parts[3]),
        (claims[0], claims[1]),
        (figures[0], figures[1]),
        str(reason),
    )


def stale_message(stale: Iterable[Entry], path: str | Path | None) -> str:
    """The lines that list baseline entries no longer occurring, with how to drop them."""
    entries = list(stale)
    lines = [
        f"{path}: {len(entries)} baseline entries no longer occur (fixed or changed); "
        "`claimcheck baseline --prune` drops them:"
    ]
    lines.extend(f"  {entry.describe()}" for entry in entries)
    return "\n".join(lines) + "\n"
