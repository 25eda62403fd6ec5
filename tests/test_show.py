"""`claimcheck show`: query matching, related-quantity rules, the view and its golden file."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.models import Report
from claimcheck.pipeline import compare_files
from claimcheck.render.show import ratio_text
from claimcheck.show import NoMatchError, show
from conftest import SEED_CLAIMS, run_cli

HEADER = "claim_id,source_id,subject,metric,object,period,value,unit,qualifier\n"


@pytest.fixture(scope="module")
def seed() -> Report:
    return compare_files(SEED_CLAIMS)


def _labels(report: Report, query: str) -> list[str]:
    return [q.label for q in show(report, query).quantities]


class TestMatching:
    def test_a_key_part_selects_every_quantity_holding_it(self, seed: Report) -> None:
        """`north_korea` is a subject of nine quantities and the object of one."""
        shown = show(seed, "north_korea")
        assert not shown.fuzzy
        assert len(shown.quantities) == 10
        assert "russia · containers_shipped · → north_korea" in [q.label for q in shown.quantities]

    def test_aliases_and_spaces_resolve_like_table_names(self, seed: Report) -> None:
        """`Nordkorea` is an alias in data/aliases.csv; `north korea gdp` groups to two parts."""
        assert _labels(seed, "Nordkorea") == _labels(seed, "north_korea")
        assert _labels(seed, "north korea gdp") == ["north_korea · gdp"]

    def test_every_word_must_match_a_part(self, seed: Report) -> None:
        """Several words narrow the selection rather than widen it."""
        assert _labels(seed, "trade_volume 2023") == [
            "north_korea · trade_volume · → russia · 2023"
        ]

    def test_fuzzy_only_when_nothing_matches_exactly(self, seed: Report) -> None:
        """A misspelling finds the nearest keys, not every look-alike."""
        shown = show(seed, "containers shiped")
        assert shown.fuzzy
        assert {q.metric for q in shown.quantities} == {"containers_shipped"}

    def test_no_match_lists_close_keys(self, seed: Report) -> None:
        with pytest.raises(NoMatchError) as caught:
            show(seed, "putin")
        assert len(caught.value.close) == 5
        assert "close keys" in str(caught.value)

    def test_a_word_of_a_name_matches_exactly(self, seed: Report) -> None:
        """`kim` is a whole word of `kim_jong_un`: an exact match, not a fuzzy one."""
        shown = show(seed, "kim")
        assert not shown.fuzzy
        assert [q.label for q in shown.quantities] == ["kim_jong_un · visits · → russia · 2019/.."]

    def test_part_of_a_word_is_not_a_word(self, seed: Report) -> None:
        """`ki` is in `kim_jong_un` but is no word of it, so it does not match exactly."""
        with pytest.raises(NoMatchError):
            show(seed, "ki", cutoff=100)

    def test_claims_are_ordered_by_time(self, tmp_path: Path) -> None:
        table = tmp_path / "claims.csv"
        table.write_text(
            "claim_id,source_id,subject,metric,object,period,value,unit,qualifier,as_of\n"
            "late,s1,x,m,,,2,worker,exact,2024-05\n"
            "early,s2,x,m,,,1,worker,exact,2021\n",
            encoding="utf-8",
        )
        quantity = show(compare_files(table), "x").quantities[0]
        assert quantity.claims.get_column("claim_id").to_list() == ["early", "late"]

    def test_findings_are_those_between_the_matched_claims(self, tmp_path: Path) -> None:
        table = tmp_path / "claims.csv"
        table.write_text(
            HEADER + "a,s1,x,m,,2024,1,worker,exact\nb,s2,x,m,,2024,5,worker,exact\n"
            "c,s1,y,m,,2024,1,worker,exact\nd,s2,y,m,,2024,5,worker,exact\n",
            encoding="utf-8",
        )
        shown = show(compare_files(table), "x")
        assert shown.findings.select("claim_a", "claim_b").rows() == [("a", "b")]


class TestRelated:
    def test_seed_arms_beside_gdp(self, seed: Report) -> None:
        """The issue's first example: 5.5 bn arms deliveries are about 23 % of 23.7 bn GDP."""
        pair = next(
            r for r in show(seed, "north_korea").related
            if {r.left.metric, r.right.metric} == {"arms_deliveries_value", "gdp"}
        )  # fmt: skip
        assert pair.left.metric == "arms_deliveries_value"
        assert pair.ratio == pytest.approx(5.5 / 23.7)
        assert "different metric" in pair.reason

    def test_seed_containers_other_direction(self, seed: Report) -> None:
        """11,000 containers to Russia beside 9,000 to North Korea: the other direction."""
        pair = next(
            r for r in show(seed, "north_korea").related if r.left.metric == "containers_shipped"
        )
        assert (pair.left.subject, pair.right.subject) == ("north_korea", "russia")
        assert pair.ratio == pytest.approx(11000 / 9000)
        assert pair.reason.startswith(
            "other direction (north_korea → russia vs russia → north_korea)"
        )

    def test_unrelated_dimensions_and_subjects_are_left_out(self, tmp_path: Path) -> None:
        """Another dimension, or another subject of the same metric: not related."""
        table = tmp_path / "claims.csv"
        table.write_text(
            HEADER + "a,s1,x,gdp,,,5,billion USD,exact\n"
            "b,s1,x,workers,,,7,worker,exact\n"
            "c,s1,y,gdp,,,9,billion USD,exact\n"
            "d,s1,x,exports,y,,2,billion USD,exact\n"
            "e,s1,y,exports,x,,4,billion USD,exact\n"
            "f,s1,z,exports,x,,4,billion USD,exact\n",
            encoding="utf-8",
        )
        shown = show(compare_files(table), "x gdp")
        assert [(r.left.label, r.right.label) for r in shown.related] == [
            ("x · gdp", "x · exports · → y")
        ], "matched quantity on the left; y's gdp and x's workers stay out"
        pairs = {
            (r.left.label, r.right.label) for r in show(compare_files(table), "exports").related
        }
        assert ("x · exports · → y", "y · exports · → x") in pairs
        assert not any("z" in left + right for left, right in pairs)

    def test_period_is_a_reason(self, seed: Report) -> None:
        pair = next(
            r for r in show(seed, "trade_volume").related if r.right.metric == "trade_volume"
        )
        assert pair.reason == "different period (2023 vs 2024-01/2024-06)"


def test_ratio_text() -> None:
    assert ratio_text(0.232) == "23.2 %"
    assert ratio_text(159.88) == "× 159.9"
    assert ratio_text(None) == "—"


def test_cli_no_match_exits_2_with_close_keys() -> None:
    run = run_cli("show", "zzzz", str(SEED_CLAIMS))
    assert run.status == 2
    assert run.stdout == ""
    assert "no quantity matches 'zzzz'; close keys:" in run.stderr


def test_show_north_korea_names_the_share_and_the_other_direction() -> None:
    """tests/test_golden.py pins the whole view; these are the parts that matter."""
    run = run_cli("show", "north_korea", str(SEED_CLAIMS), "--width", "100")
    assert run.status == 0
    assert "\x1b[" not in run.stdout
    assert "23.2 %" in run.stdout
    assert "other direction" in run.stdout
