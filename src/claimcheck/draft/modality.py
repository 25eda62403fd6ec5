"""How firmly a sentence states its figure: `asserted`, `estimated` or `hedged`.

A modal verb or adverb (`könnte`, `dürfte`, `could`, `may`, `possibly`)
hedges the figure; an estimate verb (`schätzt`, `estimated`, `believed`,
`erwartet`) makes it an estimate; otherwise it is asserted. Hedged wins over
estimated, because "could be estimated at" is no firmer than "could be".
"""

from __future__ import annotations

HEDGES = frozenset(
    {
        "könnte", "könnten", "dürfte", "dürften", "möglicherweise", "vielleicht",
        "eventuell", "vermutlich", "angeblich", "mutmaßlich", "wahrscheinlich",
        "could", "may", "might", "possibly", "perhaps", "probably", "reportedly",
        "allegedly", "likely", "purportedly",
    }
)  # fmt: skip
"""Words that hedge a figure."""

ESTIMATES = frozenset(
    {
        "schätzt", "schätzen", "schätzte", "schätzten", "geschätzt", "geschätzte",
        "geschätzten", "schätzung", "schätzungen", "schätzungsweise", "erwartet",
        "erwarten", "erwartete", "vermutet", "hochgerechnet",
        "estimated", "estimates", "estimate", "estimating", "believed", "believes",
        "believe", "expected", "expects", "projected", "assumed", "thought",
    }
)  # fmt: skip
"""Words that make a figure an estimate."""


def modality(folded_words: list[str]) -> tuple[str, str]:
    """The modality of a clause's words (casefolded), and the word that decided it."""
    estimate = ""
    for word in folded_words:
        if word in HEDGES:
            return "hedged", word
        if not estimate and word in ESTIMATES:
            estimate = word
    if estimate:
        return "estimated", estimate
    return "asserted", ""
