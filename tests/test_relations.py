"""Declared relations: reading relations.csv, each kind, each reason a relation cannot be
evaluated, the finding kind in every format, and golden table output."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from claimcheck.errors import InputErrors
from claimcheck.findings import DEFAULT_FAIL_ON, Kind
from claimcheck.models import CompareOptions, Report
from claimcheck.pipeline import compare
from claimcheck.relations import Reason, load_relations, parse_selector
from claimcheck.table import load_table
from conftest import SEED_CLAIMS, run_cli

HERE = Path(__file__).resolve().parent / "data" / "relations"
CLAIMS = HERE / "claims.csv"
RELATIONS = HERE / "relations.csv"


def _report(claims: Path = CLAIMS, relations: Path = RELATIONS, **options: object) -> Report:
    table = load_table(claims)
    return compare(table, CompareOptions(relations=load_relations(relations), **options))  # type: ignore[arg-type]


Outcomes = dict[str, list[dict[str, object]]]


@pytest.fixture
def outcomes() -> dict[str, list[dict[str, object]]]:
    """Every row (violated, holds, unevaluable) of the fixture, by relation_id.

    Built for each test, not once per module: mutation testing (`make mutation`) runs
    only the tests during which a function was called, and a module-scoped fixture
    calls the relations code during the first test alone.
    """
    report = _report()
    assert report.relations is not None
    rows: dict[str, list[dict[str, object]]] = {}
    violated = report.findings.filter(report.findings["kind"] == Kind.RELATION_VIOLATED.value)
    for frame in (violated, report.relations.context):
        for row in frame.iter_rows(named=True):
            rows.setdefault(str(row["relation"]), []).append(row)
    return rows


def _only(outcomes: Outcomes, relation: str) -> dict[str, object]:
    rows = outcomes[relation]
    assert len(rows) == 1, rows
    return rows[0]


class TestSelectors:
    def test_normalizes_like_the_claims_table(self) -> None:
        selector = parse_selector(" North Korea/Trade-Volume/Russia@2024-01/2024-06 ")
        assert (selector.subject, selector.metric, selector.object) == (
            "north_korea", "trade_volume", "russia",
        )  # fmt: skip
        assert selector.period == "2024-01/2024-06"

    def test_omitted_object_means_none(self) -> None:
        assert parse_selector("north_korea/gdp").object == ""

    def test_wildcard_keeps_separator(self) -> None:
        """`trade_*` must not lose its `_`: it matches trade_volume, not tradecraft."""
        assert parse_selector("north_korea/trade_*").metric == "trade_*"

    @pytest.mark.parametrize("text", ["gdp", "a/b/c/d", "/gdp", "a/b@2024-13"])
    def test_rejects(self, text: str) -> None:
        with pytest.raises(ValueError, match=r"selector|month"):
            parse_selector(text)


class TestKinds:
    def test_sum_violated_by_a_total_with_a_typo(self, outcomes: Outcomes) -> None:
        """Killed 120 + wounded 300 cannot be 500 casualties."""
        row = _only(outcomes, "casualties_sum")
        assert row["kind"] == Kind.RELATION_VIOLATED.value
        assert (row["claim_a"], row["claim_b"]) == ("casualties-1", "killed-1+wounded-1")
        assert (row["derived_low"], row["derived_high"]) == (419.0, 421.0)
        assert row["fails"] is True
        assert row["relative_gap"] == pytest.approx(78.5 / 500)

    def test_sum_holds_with_interval_arithmetic(self, outcomes: Outcomes) -> None:
        """10 + 15 is 24 to 26 million as written, which meets 24.5 to 25.5."""
        row = _only(outcomes, "trade_sum")
        assert row["kind"] == "relation_holds"
        assert row["claim_b"] == "exports-2023+imports-2023"

    def test_le_half_year_above_full_year(self, outcomes: Outcomes) -> None:
        row = _only(outcomes, "half_le_year")
        assert row["kind"] == Kind.RELATION_VIOLATED.value
        assert (row["claim_a"], row["claim_b"]) == ("trade-2024h1", "trade-2024")
        assert row["derived_low"] == pytest.approx(1e6)

    def test_ratio_is_context_without_bounds(self, outcomes: Outcomes) -> None:
        row = _only(outcomes, "arms_share")
        assert row["kind"] == "relation_holds"
        assert row["derived_low"] == pytest.approx(5.45 / 23.75)
        assert row["derived_high"] == pytest.approx(5.55 / 23.65)
        assert "23.21 %" in str(row["relation_detail"])

    def test_ratio_outside_bounds_fails(self, outcomes: Outcomes) -> None:
        row = _only(outcomes, "arms_share_bounded")
        assert row["kind"] == Kind.RELATION_VIOLATED.value
        assert "required 0 % – 10 %" in str(row["relation_detail"])

    def test_growth_that_does_not_match_its_figures(self, outcomes: Outcomes) -> None:
        """25 → 28 million is about 12 %, not the stated 74.6 %."""
        row = _only(outcomes, "trade_growth")
        assert row["kind"] == Kind.RELATION_VIOLATED.value
        assert row["claim_b"] == "trade-2023;trade-2024"
        assert row["derived_low"] == pytest.approx(27.5 / 25.5 - 1)

    def test_growth_that_matches(self, outcomes: Outcomes) -> None:
        assert _only(outcomes, "exports_growth")["kind"] == "relation_holds"

    def test_tolerance_admits_a_near_total(self, tmp_path: Path) -> None:
        relations = tmp_path / "relations.csv"
        relations.write_text(
            "relation_id,kind,left,right,tolerance\n"
            "casualties_sum,sum,region_a/casualties,region_a/killed + region_a/wounded,20%\n",
            encoding="utf-8",
        )
        report = _report(relations=relations)
        assert report.relations is not None
        assert report.failing == 0
        assert report.relations.context.get_column("kind").to_list() == ["relation_holds"]


class TestUnevaluable:
    """Each reason is reported as a row, never skipped."""

    @pytest.mark.parametrize(
        ("relation", "reason", "detail"),
        [
            ("no_claims", Reason.NO_CLAIMS, "land/nothing_here"),
            ("dimensions", Reason.DIMENSIONS, "container against gdp-1 in USD"),
            (
                "currencies",
                Reason.CURRENCIES,
                "USD against aid-kpw in KPW (no KPW rate in the ECB reference rates)",
            ),
            ("zero_divisor", Reason.ZERO_DIVISOR, "zero-1"),
            ("other_times", Reason.NO_SAME_TIME, "different times"),
        ],
    )
    def test_reason(self, outcomes: Outcomes, relation: str, reason: Reason, detail: str) -> None:
        row = _only(outcomes, relation)
        assert row["kind"] == "relation_unevaluable"
        assert str(row["relation_detail"]).startswith(reason.value)
        assert detail in str(row["relation_detail"])
        assert row["fails"] is False

    def test_every_relation_has_an_outcome(self, outcomes: Outcomes) -> None:
        assert set(outcomes) == {r.relation_id for r in load_relations(RELATIONS)}


class TestFindings:
    def test_relation_violated_fails_by_default(self) -> None:
        assert Kind.RELATION_VIOLATED in DEFAULT_FAIL_ON
        report = _report()
        assert report.failing == 4
        assert report.counts()[Kind.RELATION_VIOLATED.value] == 4

    def test_fingerprints_do_not_depend_on_row_order(self, tmp_path: Path) -> None:
        lines = CLAIMS.read_text(encoding="utf-8").splitlines()
        shuffled = tmp_path / "claims.csv"
        shuffled.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
        first = sorted(_report().findings.get_column("fingerprint").to_list())
        again = sorted(_report(claims=shuffled).findings.get_column("fingerprint").to_list())
        assert first == again

    def test_a_baseline_covers_relation_findings(self) -> None:
        known = frozenset(_report().findings.get_column("fingerprint").to_list())
        assert _report(known=known).failing == 0

    def test_relation_findings_sort_with_the_others(self) -> None:
        findings = _report().findings
        keys = findings.select("subject", "metric", "object", "period").rows()
        assert keys == sorted(keys)


class TestLoading:
    def test_every_error_with_its_line_and_column(self) -> None:
        with pytest.raises(InputErrors) as caught:
            load_relations(HERE / "bad_relations.csv")
        located = [(e.location.line, e.location.column) for e in caught.value.errors]
        assert located == [
            (2, "kind"), (3, "left"), (4, "right"), (5, "min"), (6, "tolerance"), (7, "right"),
            (8, "max"),
        ]  # fmt: skip

    def test_duplicate_relation_id(self, tmp_path: Path) -> None:
        path = tmp_path / "relations.csv"
        path.write_text("relation_id,kind,left,right\nr,le,a/b,c/d\nr,le,a/b,c/d\n", "utf-8")
        with pytest.raises(InputErrors, match="duplicate relation_id 'r' \\(line 2\\)"):
            load_relations(path)

    def test_cli_exits_2_on_a_bad_relations_file(self) -> None:
        run = run_cli(
            "compare", str(CLAIMS), "--relations", str(HERE / "bad_relations.csv"), "-f", "csv"
        )
        assert run.status == 2
        assert run.stdout == ""
        assert "bad_relations.csv:2: kind: 'between' is not one of" in run.stderr
        assert len(run.stderr.strip().splitlines()) == 7


class TestCli:
    def test_found_beside_the_claims(self) -> None:
        run = run_cli("compare", str(CLAIMS), "--format", "csv")
        assert run.status == 1
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert {row["kind"] for row in rows} == {Kind.RELATION_VIOLATED.value}
        assert {row["relation"] for row in rows} == {
            "casualties_sum", "half_le_year", "arms_share_bounded", "trade_growth",
        }  # fmt: skip

    def test_unevaluable_relations_are_named_on_stderr(self) -> None:
        run = run_cli("compare", str(CLAIMS), "--format", "csv")
        assert "relations.csv:9: relation no_claims cannot be evaluated: no matching claims" in (
            run.stderr
        )
        assert run.stderr.count("cannot be evaluated") == 5

    def test_show_relations_adds_context_rows_that_never_fail(self) -> None:
        run = run_cli("compare", str(CLAIMS), "--format", "json", "--show-relations")
        rows = json.loads(run.stdout)
        kinds = [row["kind"] for row in rows]
        assert kinds.count("relation_holds") == 3
        assert kinds.count("relation_unevaluable") == 5
        assert all(not row["fails"] for row in rows if row["kind"] != "relation_violated")
        assert run.status == 1
        assert "4 failing" in run.stderr

    def test_fail_on_can_leave_relations_out(self) -> None:
        run = run_cli("compare", str(CLAIMS), "-f", "csv", "--fail-on", "contradiction")
        assert run.status == 0
        assert "4 findings (4 relation_violated); 0 failing" in run.stderr
        assert run.stdout.count("relation_violated") == 4

    def test_no_relations_file_no_relations(self, tmp_path: Path) -> None:
        shutil.copy(CLAIMS, tmp_path / "claims.csv")
        run = run_cli("compare", str(tmp_path / "claims.csv"), "-f", "csv")
        assert run.status == 0
        assert "relation" not in run.stderr


class TestSeed:
    def test_seed_shows_the_arms_share_of_gdp_and_exits_0(self) -> None:
        """`make run`: arms deliveries come to about 23 % of GDP; nothing fails."""
        run = run_cli("compare", str(SEED_CLAIMS), "--format", "table", "--width", "100")
        assert run.status == 0
        assert "23.21 %" in run.stdout
        assert "not evaluated" in run.stdout
        assert "no matching claims" in run.stdout
