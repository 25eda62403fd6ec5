"""What the CI formats (sarif, github, markdown) share: kind texts, levels, locations.

Code scanning, workflow annotations and step summaries all speak of a finding
the same way, so the words live here once: a rule text per finding kind, one
sentence per finding, the level a finding is shown at, and the claims file's
path as a repository-relative POSIX path (what GitHub resolves against the
checkout).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from claimcheck.csvfile import display_path

if TYPE_CHECKING:
    from claimcheck.models import Finding, Report


@dataclass(frozen=True)
class KindText:
    """How a finding kind is described to people who meet it in a CI tool."""

    title: str
    summary: str
    explanation: str
    remedy: str


KIND_TEXTS: dict[str, KindText] = {
    "contradiction": KindText(
        "Contradiction",
        "Two sources give figures for the same quantity that cannot both be true.",
        "Both claims speak of the same subject, metric, object and time, in units of one "
        "dimension, and their intervals (exact figures ± half their last digit, approximate "
        "ones ± the tolerance) do not overlap.",
        "Check both sources. Correct a mis-transcribed figure, unit or qualifier; mark a "
        "rough figure as `approx` or give a `range`; give the claims different periods if "
        "they speak of different times. If both sources really disagree, accept the finding "
        "into the baseline with a reason.",
    ),
    "decreasing_cumulative": KindText(
        "Decreasing running total",
        "A running total (period START/..) is lower at a later date than at an earlier one.",
        "A cumulative figure can only grow; the later claim's whole interval lies below the "
        "earlier claim's.",
        "Check the dates (`as_of` or the source's `published`) and the figures; if the later "
        "source counts something narrower, give it its own metric.",
    ),
    "unit_mismatch": KindText(
        "Unit mismatch",
        "Claims about the same quantity are in units of different dimensions.",
        "One claim counts, say, shells and the other dollars: they cannot be compared, and "
        "usually one of them belongs to another metric.",
        "Give one of the claims its own metric (for example `arms_deliveries_value`) or "
        "correct its unit.",
    ),
    "changed": KindText(
        "Figure changed",
        "A figure without a stated period moved between two dates.",
        "Both claims leave `period` empty and are dated differently; their intervals do not "
        "overlap. This is an update rather than a contradiction and fails only with "
        "--fail-on changed.",
        "Nothing, if the change is real; state a `period` on both claims to make the "
        "difference explicit.",
    ),
    "relation_violated": KindText(
        "Relation violated",
        "Figures linked by a declared relation do not satisfy it.",
        "A relation between quantities (a sum, ratio or bound) evaluates to an interval that "
        "the stated figure does not meet.",
        "Check the figures the relation combines and the relation itself.",
    ),
}


def kind_text(kind: str) -> KindText:
    """The texts of a kind; a kind added later still gets a readable rule."""
    name = kind.replace("_", " ")
    return KIND_TEXTS.get(
        kind,
        KindText(name.capitalize(), f"claimcheck finding: {name}.", f"A {name} finding.", ""),
    )


def level(finding: Finding, report: Report) -> str:
    """`error` when it fails, `warning` when only a baseline lets it pass, else `note`."""
    if finding.fails:
        return "error"
    return "warning" if finding.kind in {k.value for k in report.fail_on} else "note"


def figure(finding: Finding, side: str) -> str:
    """A claim's figure as the table writes it, with its qualifier: `≈ 11000 container`."""
    value, high = getattr(finding, f"value_{side}"), getattr(finding, f"value_high_{side}")
    unit, qualifier = getattr(finding, f"unit_{side}"), getattr(finding, f"qualifier_{side}")
    if high:
        return f"{value} to {high} {unit}"
    sign = {"approx": "≈ ", "at_least": "≥ ", "at_most": "≤ "}.get(qualifier, "")
    return f"{sign}{value} {unit}".strip()


def quantity(finding: Finding) -> str:
    """The quantity both claims speak of: `north_korea · containers_shipped · russia · 2023`."""
    parts = (finding.subject, finding.metric, finding.object, finding.period)
    return " · ".join(part for part in parts if part)


def sentence(finding: Finding) -> str:
    """One line for an annotation: what disagrees with what."""
    return (
        f"{kind_text(finding.kind).title} in {quantity(finding)}: "
        f"{finding.claim_b} ({finding.source_b}) says {figure(finding, 'b')}, "
        f"{finding.claim_a} ({finding.source_a}) says {figure(finding, 'a')}; "
        f"gap {finding.relative_gap:.1%} [{finding.fingerprint}]"
    )


def artifact_path(report: Report) -> str:
    """The claims file as CI tools want it: relative to the working directory, `/`-separated.

    GitHub resolves annotation and SARIF paths against the repository root,
    which is where a workflow runs claimcheck.
    """
    shown = display_path(report.path)
    path = Path(report.path)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return PurePath(shown).as_posix()


def line(finding: Finding, side: str = "b") -> int:
    """A claim's first line in the claims file; 1 when it has none (never 0, which CI rejects)."""
    value = getattr(finding, f"line_{side}")
    return value if isinstance(value, int) and value > 0 else 1
