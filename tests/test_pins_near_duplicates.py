"""Behaviour of `near_duplicate_key` findings (near_duplicates.py) that no test pinned before.

They pin what a small change to near_duplicates.py (a flipped sign, a dropped
column, the sides swapped) could alter with no test noticing: which two claims
a finding sets side by side, its relative gap, and the columns it writes.
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from claimcheck.findings import PROVENANCE_COLUMNS, Kind
from claimcheck.models import Report
from claimcheck.near_duplicates import near_duplicate_findings
from claimcheck.pipeline import compare_files
from conftest import DATA, compare_rows, run_cli

FIXTURE = DATA / "trust" / "keys" / "claims.csv"
KIND = Kind.NEAR_DUPLICATE_KEY.value
SHIPPED = "n,artillery_shells_shipped,r"
SHIPMENTS = "n,artillery_shell_shipments,r"
"""Two spellings of one metric: `..._shell_shipments` sorts before `..._shells_shipped`."""
EXTRA_STAGES = ["fails", "outlier", *(f"{n}_{s}" for s in "ab" for n in PROVENANCE_COLUMNS)]
"""Columns the pipeline adds after the near-duplicate stage."""


def near(report: Report) -> list[dict[str, object]]:
    return report.findings.filter(pl.col("kind") == KIND).to_dicts()


def claim(claim_id: str, key: str, value: str) -> str:
    """A claims row (conftest.CLAIMS_HEADER) of `value` million shells, stated exactly."""
    return f"{claim_id},s,{key},2024,{value},,million artillery_shell,exact,,,"


class TestWhichClaims:
    @pytest.mark.parametrize(
        ("lower", "higher"), [(SHIPMENTS, SHIPPED), (SHIPPED, SHIPMENTS)], ids=["first", "second"]
    )
    def test_the_two_claims_that_disagree_most_whichever_spelling_is_lower(
        self, lower: str, higher: str
    ) -> None:
        """The largest lower bound of the higher spelling against the smallest upper bound
        of the lower one, whichever spelling sorts first."""
        rows = [
            claim("x1", lower, "3"),
            claim("x2", lower, "2"),
            claim("y1", higher, "5"),
            claim("y2", higher, "7"),
        ]
        (found,) = near(compare_rows(rows))
        assert (found["claim_a"], found["claim_b"]) == ("x2", "y2")
        assert (found["value_a"], found["value_b"]) == ("2", "7")
        assert (found["low_a"], found["high_b"]) == (1_500_000.0, 7_500_000.0)

    def test_claim_a_is_the_lower_id_even_when_its_figure_is_higher(self) -> None:
        rows = [claim("a", SHIPPED, "5"), claim("b", SHIPMENTS, "3")]
        (found,) = near(compare_rows(rows))
        assert (found["claim_a"], found["claim_b"]) == ("a", "b")
        assert (found["value_a"], found["value_b"]) == ("5", "3")
        assert found["metric"] == "artillery_shells_shipped"  # the key is claim_a's


class TestRelativeGap:
    def test_fixture_gap_is_between_the_closest_bounds(self) -> None:
        """[2.5, 3.5] million against [4.5, 5.5] million: 1 million apart, of 5 million."""
        (found,) = near(compare_rows([claim("a1", SHIPPED, "3"), claim("a2", SHIPMENTS, "5")]))
        assert found["relative_gap"] == pytest.approx(0.2)

    @pytest.mark.parametrize(
        ("first", "second"), [("3", "5"), ("5", "3"), ("2", "9"), ("-2", "-9"), ("-9", "-2")]
    )
    def test_gap_is_the_contradictions_gap_for_the_same_figures(
        self, first: str, second: str
    ) -> None:
        """docs/trust.md: `relative_gap` as for contradictions, whichever claim is higher."""
        split = [claim("a", SHIPPED, first), claim("b", SHIPMENTS, second)]
        (found,) = near(compare_rows(split))
        (contradiction,) = compare_rows([claim("a", SHIPPED, first), claim("b", SHIPPED, second)])
        assert contradiction.kind == Kind.CONTRADICTION.value
        assert found["relative_gap"] == pytest.approx(contradiction.relative_gap)
        assert found["severity"] == "low"


class TestColumns:
    def test_idx_columns_name_the_claims_rows(self) -> None:
        """For every finding, pairs and near-duplicates alike, `idx_a`/`idx_b` are the rows of
        `claim_a`/`claim_b` in `report.claims`."""
        rows = [
            claim("a1", SHIPPED, "3"),
            claim("a2", SHIPPED, "9"),
            claim("b1", SHIPMENTS, "5"),
        ]
        report = compare_rows(rows)
        kinds = set(report.findings.get_column("kind"))
        assert kinds == {KIND, Kind.CONTRADICTION.value}
        ids = report.claims.get_column("claim_id")
        for found in report.findings.iter_rows(named=True):
            assert (ids[found["idx_a"]], ids[found["idx_b"]]) == (
                found["claim_a"],
                found["claim_b"],
            )

    def test_json_writes_an_empty_relation_and_names_both_spellings(self) -> None:
        run = run_cli("compare", str(FIXTURE), "--format", "json", "--quiet")
        assert run.status == 0
        (found,) = json.loads(run.stdout)
        assert found["kind"] == KIND
        assert found["relation"] == ""
        assert found["relation_detail"] == (
            "metric 'artillery_shell_shipments' ~ 'artillery_shells_shipped' (score 85.7)"
        )
        assert (found["claim_a"], found["claim_b"], found["relative_gap"]) == ("a1", "a2", 0.2)


class TestLibrary:
    def test_rows_have_the_schema_of_the_findings_they_join(self) -> None:
        report = compare_files(FIXTURE)
        pairs = report.findings.filter(pl.col("kind") != KIND).drop(EXTRA_STAGES)
        found = near_duplicate_findings(report.claims, pairs)
        assert found.height == 1
        assert found.schema == pairs.schema

    def test_a_stricter_threshold_drops_a_pair_scoring_below_it(self) -> None:
        """The fixture's spellings score 85.7: a hint at 85, none at 86."""
        report = compare_files(FIXTURE)
        pairs = report.findings.filter(pl.col("kind") != KIND).drop(EXTRA_STAGES)
        assert near_duplicate_findings(report.claims, pairs, threshold=85).height == 1
        assert near_duplicate_findings(report.claims, pairs, threshold=86).height == 0


def test_warning_line_names_the_spellings_the_figures_and_the_remedy() -> None:
    run = run_cli("compare", str(FIXTURE), "--format", "csv")
    assert run.stderr.splitlines()[0] == (
        "claimcheck: near_duplicate_key: metric 'artillery_shell_shipments' ~ "
        "'artillery_shells_shipped' (score 85.7): a1 (3 million artillery_shell) and "
        "a2 (5 million artillery_shell) would conflict if merged; "
        "add an alias if they are one quantity"
    )
