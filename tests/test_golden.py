"""The table view, rendered at a fixed width, must match its reviewed golden file.

Set CLAIMCHECK_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate
change, then review the diff like code.
"""

from __future__ import annotations

import os

import pytest

from conftest import DATA, GOLDEN, SEED_CLAIMS, run_cli

CASES = {
    "compare_conflicts": (str(DATA / "conflicts" / "claims.csv"), 1),
    "compare_seed": (str(SEED_CLAIMS), 0),
    "compare_near_duplicates": (str(DATA / "trust" / "keys" / "claims.csv"), 0),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_table_view_matches_golden(name: str) -> None:
    path, status = CASES[name]
    result = run_cli("compare", path, "--format", "table", "--width", "100")
    assert result.status == status
    assert "\x1b[" not in result.stdout, "no colour codes when output is not a terminal"
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_colour_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run_cli("compare", str(DATA / "conflicts" / "claims.csv"), "-f", "table")
    assert "\x1b[" in result.stdout
