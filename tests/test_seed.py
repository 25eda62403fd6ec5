"""The bundled seed table: every quote is the source's own words, and it compares cleanly."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from conftest import REPO, SEED_CLAIMS, run_cli

DATA = REPO / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


CLAIMS = _rows(SEED_CLAIMS)
SOURCES = {row["source_id"]: row for row in _rows(DATA / "sources.csv")}


@pytest.mark.parametrize("claim", CLAIMS, ids=[c["claim_id"] for c in CLAIMS])
def test_quote_is_in_its_source(claim: dict[str, str]) -> None:
    """Quotes are verbatim: only whitespace may differ from the article."""
    text = (DATA / SOURCES[claim["source_id"]]["path"]).read_text(encoding="utf-8")
    assert claim["quote"]
    assert _squash(claim["quote"]) in _squash(text)


def test_every_source_has_its_text() -> None:
    assert len(SOURCES) == 5
    for source in SOURCES.values():
        assert (DATA / source["path"]).is_file()
        assert source["language"] == "de"


def test_twelve_figures() -> None:
    assert len(CLAIMS) == 12


def test_make_run_job_exits_zero() -> None:
    result = run_cli("compare", str(SEED_CLAIMS), "--format", "table", "--width", "120")
    assert result.status == 0, result.stdout + result.stderr
    assert "12 claims read" in result.stdout
