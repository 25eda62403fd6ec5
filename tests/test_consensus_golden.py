"""The consensus of the seed and fixture tables, as reviewed by reading them.

The conflicts fixture: the US officials' approximate 11,000 containers
(asserted) against Seoul's estimate of 7,000 is one against one, and the
estimate weighs less, so Seoul's figure is the outlier; the running total of
shells at two dates, the GDP of 2022 and 2024, and the arms deliveries in
dollars and in shells are each separate items (an update, a later year,
another dimension), never camps; the half-year trade figures agree (52.9
exact inside the hedged 50-60 range). The seed table has no disagreement:
its two arms-delivery values (at most 5.5 billion, hedged; 5.5 billion) agree.

Set CLAIMCHECK_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change,
then review the diff like code.
"""

from __future__ import annotations

import os

import pytest

from conftest import DATA, GOLDEN, SEED_CLAIMS, run_cli

CASES = {
    "consensus_conflicts.txt": (str(DATA / "conflicts" / "claims.csv"), "table"),
    "consensus_conflicts.csv": (str(DATA / "conflicts" / "claims.csv"), "csv"),
    "consensus_seed.csv": (str(SEED_CLAIMS), "csv"),
    "consensus_seed_sources.csv": (str(SEED_CLAIMS), "csv", "--by-source"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str) -> None:
    path, fmt, *extra = CASES[name]
    result = run_cli("consensus", path, "--format", fmt, "--width", "100", "--quiet", *extra)
    assert result.status == 0
    golden = GOLDEN / name
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN"):
        golden.write_bytes(result.stdout.encode("utf-8"))
    assert result.stdout == golden.read_bytes().decode("utf-8")
