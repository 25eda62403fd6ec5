"""Quote verification: each outcome, typography-insensitive matching, offsets, hashes, CLI."""

from __future__ import annotations

import hashlib
import json

import pytest

from claimcheck.table import load_table
from claimcheck.verify import Match, Outcome, Verification, find_figure, find_quote, fold, verify
from conftest import DATA, REPO, SEED_CLAIMS, run_cli

FIXTURE = DATA / "trust" / "verify"
TEXT = (FIXTURE / "texts" / "de.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def results() -> dict[str, Verification]:
    report = verify(load_table(FIXTURE / "claims.csv"))
    return {result.claim_id: result for result in report}


@pytest.mark.parametrize(
    ("claim_id", "outcome"),
    [
        ("exact", Outcome.VERIFIED),
        ("typography", Outcome.VERIFIED),
        ("words", Outcome.VERIFIED),
        ("english", Outcome.VERIFIED),
        ("wrong-figure", Outcome.FIGURE_NOT_IN_QUOTE),
        ("misquote", Outcome.QUOTE_NOT_FOUND),
        ("no-quote", Outcome.NO_QUOTE),
        ("no-path", Outcome.NO_SOURCE_TEXT),
        ("missing-file", Outcome.NO_SOURCE_TEXT),
    ],
)
def test_each_outcome(results: dict[str, Verification], claim_id: str, outcome: Outcome) -> None:
    """Every outcome is reached by the fixture claim named after it."""
    assert results[claim_id].outcome is outcome


def test_which_outcomes_fail(results: dict[str, Verification]) -> None:
    """Misquotes, wrong figures and unreadable texts fail; unverifiable claims do not."""
    failing = {claim_id for claim_id, r in results.items() if r.fails}
    assert failing == {"wrong-figure", "misquote", "missing-file"}


def test_offsets_slice_back_to_the_quote_and_figure(results: dict[str, Verification]) -> None:
    """An exact match's offsets are the quote; the figure's offsets are the figure."""
    exact = results["exact"]
    assert TEXT[exact.start : exact.end] == "etwa 11.000 Container mit Waffen"
    assert exact.match is Match.EXACT
    assert TEXT[exact.figure_start : exact.figure_end] == exact.figure
    assert "11.000" in exact.figure


def test_typography_match_reports_original_offsets(results: dict[str, Verification]) -> None:
    """Straight quotes and a hyphen match „“, – and NBSP; offsets point into the original."""
    found = results["typography"]
    assert found.match is Match.TYPOGRAPHY
    passage = TEXT[found.start : found.end]
    assert passage.startswith("seit\u00a0September")
    assert "\u201eRussland\u201c geschickt \u2013 so" in passage
    assert passage.endswith("Regierung.")


def test_soft_hyphen_is_ignored(results: dict[str, Verification]) -> None:
    """`un\\u00adbekannt` in the text matches `unbekannt` in the quote; elftausend reads 11000."""
    words = results["words"]
    assert words.match is Match.TYPOGRAPHY
    assert "\u00ad" in TEXT[words.start : words.end]
    assert words.figure == "elftausend"


def test_quote_not_found_names_the_closest_passage(results: dict[str, Verification]) -> None:
    """The closest passage is where the paraphrased sentence really is, with a score."""
    missed = results["misquote"]
    assert "11.000 Container" in missed.closest
    assert TEXT[missed.closest_start : missed.closest_end] == missed.closest
    assert missed.score is not None
    assert 50 < missed.score < 100


@pytest.mark.parametrize(
    ("document", "quote"),
    [
        ("er sagte \u201eja\u201c dazu", 'er sagte "ja" dazu'),
        ("er sagte \u00abja\u00bb dazu", 'er sagte "ja" dazu'),
        ("2019\u20132024 war", "2019-2024 war"),
        ("2019\u20142024 war", "2019-2024 war"),
        ("Waffen\u00adlieferungen", "Waffenlieferungen"),
        ("5,5\u00a0Milliarden", "5,5 Milliarden"),
        ("5,5\u202fMilliarden", "5,5 Milliarden"),
        ("zwei   Zeilen\nhier", "zwei Zeilen hier"),
        ("Kim\u2019s Besuch", "Kim's Besuch"),
    ],
)
def test_typography_insensitive_matching(document: str, quote: str) -> None:
    """Quote marks, dashes, soft hyphens, NBSP and space runs do not stop a match."""
    start, end, match = find_quote("Vorher. " + document + " Nachher.", quote)
    assert match is Match.TYPOGRAPHY
    assert ("Vorher. " + document)[start:end] == document


def test_fold_maps_every_character_back() -> None:
    """Each folded character comes from one original position, in order."""
    folded = fold("a\u00ad\u201eb\u201c \u00a0 c\u2013d")
    assert folded.text == 'a"b" c-d'
    assert list(folded.origin) == sorted(folded.origin)
    assert len(folded.origin) == len(folded.text)


@pytest.mark.parametrize(
    ("text", "targets", "expected"),
    [
        ("rund 11.000 Container", {11000.0}, "11.000 Container"),
        ("about 11,000 containers", {11000.0}, "11,000 containers"),
        ("es sind elftausend", {11000.0}, "elftausend"),
        ("bis zu 5,5 Milliarden US-Dollar", {5.5, 5.5e9}, "5,5 Milliarden US-Dollar"),
        ("Tausende von Arbeitern", {1000.0}, "Tausende von Arbeitern"),
        ("hat Russland zweimal besucht", {2.0}, "zweimal"),
        ("seinen siebten Atomtest", {7.0}, "siebten Atomtest"),
    ],
)
def test_figure_readings(text: str, targets: set[float], expected: str) -> None:
    """German and English digits, number words, scale words and ordinals are found."""
    span = find_figure(text, targets, "de")
    assert span is not None
    assert expected in text[span[0] : span[1]] or text[span[0] : span[1]] in expected


def test_figure_absent() -> None:
    """A quote that states another number does not verify."""
    assert find_figure("etwa 12.000 Container", {11000.0}, "de") is None


def test_seed_table_verifies_completely() -> None:
    """Every seed quote is in its document and every seed figure in its quote."""
    report = verify(load_table(SEED_CLAIMS))
    assert report.counts()["verified"] == len(report.results) == 12
    assert report.failing == 0


def test_report_records_sha256_of_each_text() -> None:
    """The hash is of the file's bytes, so any edit to a document changes it."""
    report = verify(load_table(FIXTURE / "claims.csv"))
    (source,) = report.sources
    expected = hashlib.sha256((FIXTURE / "texts" / "de.txt").read_bytes()).hexdigest()
    assert source.sha256 == expected
    assert {r.sha256 for r in report if r.source_id == "de"} == {expected}


def test_cli_exit_1_and_json_report() -> None:
    """A failing claim makes the exit status 1; JSON holds claims, sources and summary."""
    run = run_cli("verify", str(FIXTURE / "claims.csv"), "--format", "json")
    assert run.status == 1
    data = json.loads(run.stdout)
    assert {c["claim_id"]: c["outcome"] for c in data["claims"]}["misquote"] == "quote_not_found"
    assert data["sources"][0]["sha256"]
    assert data["summary"]["failing"] == 3
    assert "3 failing" in run.stderr


def test_cli_seed_exit_0_csv() -> None:
    """The seed table verifies: exit 0, one CSV row per claim, summary on stderr."""
    run = run_cli("verify", "data/claims.csv", "--format", "csv", cwd=REPO)
    assert run.status == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("claim_id,source_id,outcome,fails")
    assert len(lines) == 13
    assert "12 verified" in run.stderr


def test_cli_table_view() -> None:
    """The table view names outcomes, the closest passage and the hashes."""
    run = run_cli("verify", str(FIXTURE / "claims.csv"), "--format", "table", "--width", "120")
    assert run.status == 1
    assert "quote_not_found" in run.stdout
    assert "closest (" in run.stdout
    assert "sha256" in run.stdout


def test_cli_bad_input_exit_2() -> None:
    """A table that does not load is an input error, not a verification failure."""
    run = run_cli("verify", str(DATA / "trust" / "verify" / "nonexistent.csv"))
    assert run.status == 2
    assert run.stdout == ""
    assert run.stderr.strip().endswith("nonexistent.csv: no such file")
