"""Table and show views, rendered at a fixed width, must match their reviewed golden files.

The tests never write a golden file. After a deliberate change run `make golden`
(scripts/regen_golden.py), then review the diff like code.
"""

from __future__ import annotations

import pytest

from conftest import DATA, GOLDEN, REPO, run_cli
from golden_cases import CASES


@pytest.mark.parametrize("name", sorted(CASES))
def test_view_matches_golden(name: str) -> None:
    args, status = CASES[name]
    result = run_cli(*args, cwd=REPO)
    assert result.status == status, result.stderr
    assert "\x1b[" not in result.stdout, "no colour codes when output is not a terminal"
    assert result.stdout == (GOLDEN / name).read_bytes().decode("utf-8")


def test_every_golden_file_has_a_case() -> None:
    """A golden file no case renders would never be checked, nor regenerated.

    compare_seed.html is the exception: tests/test_html.py checks it byte for byte.
    """
    files = sorted(p.name for p in GOLDEN.iterdir() if p.suffix in (".txt", ".csv"))
    assert files == sorted(CASES)


def test_colour_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run_cli("compare", str(DATA / "conflicts" / "claims.csv"), "-f", "table")
    assert "\x1b[" in result.stdout
