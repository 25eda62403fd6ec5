"""`claimcheck keys`: the vocabulary listing and `--suggest` alias rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from claimcheck.suggest import suggest_aliases
from claimcheck.table import load_table
from conftest import DATA, SEED_CLAIMS, run_cli

FIXTURE = DATA / "trust" / "keys" / "claims.csv"


def test_keys_lists_every_quantity_key() -> None:
    """One row per normalized key with claim count, sources and units."""
    run = run_cli("keys", str(SEED_CLAIMS), "--format", "csv")
    assert run.status == 0
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert len(rows) == 11
    arms = next(r for r in rows if r["metric"] == "arms_deliveries_value")
    assert arms["claims"] == "2"
    assert arms["units"] == "billion USD"
    assert arms["sources"] == "002_03c013192d4d0047"


def test_suggest_writes_alias_rows(tmp_path: Path) -> None:
    """Suggestions go to --output with scores and the claims behind each name."""
    target = tmp_path / "aliases-suggested.csv"
    run = run_cli("keys", str(FIXTURE), "--suggest", "--output", str(target))
    assert run.status == 0
    assert run.stdout == ""
    assert "2 alias suggestions" in run.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    found = {(r["field"], r["alias"], r["canonical"]) for r in rows}
    assert found == {
        ("metric", "artillery_shell_shipments", "artillery_shells_shipped"),
        ("subject", "nordkorea", "north_korea"),
    }
    metric = next(r for r in rows if r["field"] == "metric")
    assert metric["alias_claims"] == "1"
    assert metric["canonical_claims"] == "2"
    assert metric["claim_ids"] == "a1 a2 a3"
    assert float(metric["score"]) >= 80


def test_suggested_rows_are_a_valid_aliases_file(tmp_path: Path) -> None:
    """Accepting every suggestion as aliases.csv loads and merges the names."""
    target = tmp_path / "aliases.csv"
    run_cli("keys", str(FIXTURE), "--suggest", "--output", str(target))
    table = load_table(FIXTURE, aliases_path=target)
    assert suggest_aliases(table) == []
    assert set(table.claims.get_column("subject_key")) == {"north_korea", "russia"}


def test_directions_and_calibres_stay_apart() -> None:
    """exports/imports and 152mm/122mm are not suggested."""
    names = {c.suggestion.alias for c in suggest_aliases(load_table(FIXTURE))}
    assert not names & {"arms_exports", "arms_imports", "shells_152mm", "shells_122mm"}


def test_keys_table_view() -> None:
    """The table view names the count in its title."""
    run = run_cli("keys", str(SEED_CLAIMS), "--format", "table")
    assert run.status == 0
    assert "11 quantity keys in 12 claims" in run.stdout
