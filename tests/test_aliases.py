"""Aliases: the shipped seed aliases load, and compare sees one quantity through them."""

from __future__ import annotations

from claimcheck.pipeline import compare
from claimcheck.table import load_aliases, load_table
from conftest import DATA, REPO, SEED_CLAIMS, run_cli

FIXTURE = DATA / "trust" / "aliases"
SEED_ALIASES = REPO / "data" / "aliases.csv"


def test_seed_aliases_map_german_and_english_names() -> None:
    """Nordkorea, DVRK and DPRK are north_korea; Russland is russia; per field."""
    aliases = load_aliases(SEED_ALIASES)
    for name in ("nordkorea", "dvrk", "dprk", "democratic_people's_republic_of_korea"):
        assert aliases["subject"][name] == "north_korea"
        assert aliases["object"][name] == "north_korea"
    assert aliases["subject"]["russland"] == "russia"
    assert aliases["metric"]["artillery_shell_shipments"] == "artillery_shells_shipped"
    assert aliases["unit"]["us_dollar"] == "USD"


def test_pyongyang_is_not_an_alias_of_the_country() -> None:
    """A capital used as a metonym is the table author's call, so it is not shipped."""
    aliases = load_aliases(SEED_ALIASES)
    assert not any("pj" in alias for field in aliases.values() for alias in field)


def test_conflict_appears_only_when_aliases_apply() -> None:
    """`Nordkorea`/`Russland` and `north_korea`/`russia` are one quantity only with aliases."""
    without = compare(load_table(FIXTURE / "claims.csv", discover=False))
    pairs = {(f.claim_a, f.claim_b) for f in without}
    assert ("de-1", "en-1") not in pairs
    with_aliases = compare(load_table(FIXTURE / "claims.csv"))
    found = {(f.claim_a, f.claim_b): f for f in with_aliases}
    assert found["de-1", "en-1"].kind == "contradiction"
    assert found["de-1", "en-1"].subject == "north_korea"
    assert found["de-1", "de-2"].kind == "contradiction"


def test_metonym_stays_its_own_subject() -> None:
    """Pjöngjang's 3,000 containers are not compared with North Korea's figures."""
    report = compare(load_table(FIXTURE / "claims.csv"))
    assert all("pj-1" not in (f.claim_a, f.claim_b) for f in report)


def test_seed_table_with_aliases_still_compares_clean() -> None:
    """Shipping aliases.csv beside the seeds keeps `make run` at exit 0."""
    run = run_cli("compare", str(SEED_CLAIMS), "--format", "csv")
    assert run.status == 0
    assert "0 findings; 0 failing" in run.stderr
    assert run.stdout.splitlines()[0].startswith("fingerprint,kind,severity,")
