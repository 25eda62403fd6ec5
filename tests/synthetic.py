"""Claims tables with a known truth, for testing consensus against majority vote.

Each item has a true figure and a few false ones (errors cluster in real
reporting: a stale figure, a unit slip, a misread digit), so independent bad
sources often agree on the same wrong figure, which is what fools a majority
vote. A source has an error rate and a coverage; a copier repeats its
original's claim word for word at its copy rate and reports on its own
otherwise; a hedging source writes `hedged` mostly when it is wrong.
Deterministic for a seed.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

HEADER = ("claim_id", "source_id", "subject", "metric", "period", "value", "unit", "modality")


@dataclass(frozen=True)
class Source:
    name: str
    error: float
    """Share of its own claims that are wrong."""
    coverage: float = 1.0
    """Share of the items it reports on."""
    copies: str | None = None
    """The source it copies, if any."""
    copy_rate: float = 0.0
    hedges: float = 0.0
    """How often a wrong claim is written `hedged` (a right one: a quarter as often)."""


@dataclass(frozen=True)
class Table:
    path: Path
    truth: dict[str, float]
    """`subject` of each item -> its true value."""


def generate(path: Path, sources: list[Source], items: int, seed: int,
             false_values: int = 2) -> Table:  # fmt: skip
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    by_name = {s.name: s for s in sources}
    truth: dict[str, float] = {}
    rows: list[tuple[str, ...]] = []
    for item in range(items):
        subject = f"item_{item:05d}"
        true = rng.randint(100, 99_999)
        wrong = rng.sample([0.5, 0.7, 0.8, 1.25, 1.5, 2.0], false_values)
        truth[subject] = float(true)
        said: dict[str, tuple[int, str]] = {}
        # Originals speak before their copiers.
        for source in sorted(sources, key=lambda s: s.copies is not None):
            if rng.random() >= source.coverage:
                continue
            if source.copies and source.copies in said and rng.random() < source.copy_rate:
                said[source.name] = said[source.copies]
                continue
            right = rng.random() >= source.error
            value = true if right else round(true * rng.choice(wrong))
            hedge_rate = source.hedges / 4 if right else source.hedges
            modality = "hedged" if rng.random() < hedge_rate else "asserted"
            said[source.name] = (value, modality)
        for name, (value, modality) in sorted(said.items()):
            assert name in by_name
            rows.append((f"{subject}-{name}", name, subject, "count", "2024", str(value),
                         "container", modality))  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return Table(path, truth)


def accuracy(rows: list[dict[str, object]], truth: dict[str, float]) -> float:
    """Share of items whose consensus interval holds the true figure (items with no row:
    wrong)."""
    right = 0
    for row in rows:
        true = truth.get(str(row["subject"]))
        low, high = float(row["low"]), float(row["high"])  # type: ignore[arg-type]
        if true is not None and low <= true <= high:
            right += 1
    return right / len(truth)
