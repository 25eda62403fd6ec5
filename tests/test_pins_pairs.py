"""Behaviour of the pairwise rules (pairs.py) that no test pinned before.

They pin what a small change to pairs.py, intervals.py or models.py (a flipped
comparison, a shifted constant, a dropped check) could alter with no test noticing.
"""

from __future__ import annotations

import pytest

from claimcheck.errors import UsageError
from claimcheck.findings import Kind
from claimcheck.models import Finding, parse_fail_on
from conftest import DATA, compare_rows, run_cli


def only(rows: list[str]) -> Finding:
    findings = list(compare_rows(rows))
    assert len(findings) == 1, findings
    return findings[0]


class TestTimeOrder:
    def test_month_and_its_last_day_overlap_so_they_contradict(self) -> None:
        """2024-03 ends on 2024-03-31: the two are not ordered, so the pair fails.

        `<=` in place of `<` would call 2024-03 earlier and make it a passing `changed`.
        """
        finding = only(["a,s,x,m,,,30,,USD,,,2024-03,", "b,s,x,m,,,20,,USD,,,2024-03-31,"])
        assert finding.kind == Kind.CONTRADICTION.value
        assert finding.fails

    def test_the_day_after_is_ordered(self) -> None:
        finding = only(["a,s,x,m,,,30,,USD,,,2024-03,", "b,s,x,m,,,20,,USD,,,2024-04-01,"])
        assert finding.kind == Kind.CHANGED.value
        assert (finding.claim_a, finding.claim_b) == ("a", "b")
        assert not finding.fails

    def test_earlier_claim_is_a_whichever_row_comes_first(self) -> None:
        finding = only(["b,s,x,m,,,20,,USD,,,2024-04-01,", "a,s,x,m,,,30,,USD,,,2024-03,"])
        assert (finding.kind, finding.claim_a, finding.claim_b) == (Kind.CHANGED.value, "a", "b")

    def test_closed_period_contradicts_even_when_ordered(self) -> None:
        finding = only(["a,s,x,m,,2023,30,,USD,,,2024-01,", "b,s,x,m,,2023,20,,USD,,,2025-01,"])
        assert finding.kind == Kind.CONTRADICTION.value

    @pytest.mark.parametrize("first", ["jan", "jun"])
    def test_running_total_falling_later_whichever_row_is_first(self, first: str) -> None:
        rows = {
            "jan": "jan,s,x,shells,,2023-09/..,3,,million artillery_shell,,,2024-01,",
            "jun": "jun,s,x,shells,,2023-09/..,1.5,,million artillery_shell,,,2024-06,",
        }
        other = "jun" if first == "jan" else "jan"
        finding = only([rows[first], rows[other]])
        assert finding.kind == Kind.DECREASING_CUMULATIVE.value
        assert (finding.claim_a, finding.claim_b) == ("jan", "jun")
        assert finding.fails

    def test_running_total_at_one_time_contradicts(self) -> None:
        finding = only(
            [
                "a,s,x,shells,,2023-09/..,3,,million artillery_shell,,,2024-01,",
                "b,s,x,shells,,2023-09/..,1.5,,million artillery_shell,,,2024-01,",
            ]
        )
        assert finding.kind == Kind.CONTRADICTION.value


class TestOverlap:
    def test_at_least_zero_and_at_most_zero_touch(self) -> None:
        """[0, ∞) and (-∞, 0] share 0: `>=` in the overlap test would make this a contradiction."""
        assert (
            len(compare_rows(["a,s,x,m,,,0,,USD,at_least,,,", "b,s,x,m,,,0,,USD,at_most,,,"])) == 0
        )

    def test_gap_below_the_epsilon_is_rounding(self) -> None:
        """Half a billionth apart at a scale of a billion: rounding, not a conflict."""
        rows = ["a,s,x,m,,,1000000000.0,,USD,,,,", "b,s,x,m,,,1000000000.6,,USD,,,,"]
        assert len(compare_rows(rows)) == 0

    def test_gap_above_the_epsilon_conflicts(self) -> None:
        finding = only(["a,s,x,m,,,1000000000.0,,USD,,,,", "b,s,x,m,,,1000000002.1,,USD,,,,"])
        assert finding.kind == Kind.CONTRADICTION.value
        assert finding.relative_gap == pytest.approx(2.0 / 1000000002.1)

    def test_quantity_of_one_dimension_that_agrees_has_no_finding(self) -> None:
        rows = ["a,s,x,m,,,5,,USD,,,,", "b,s,x,m,,,5,,USD,,,,", "c,s,y,m,,,9,,USD,,,,"]
        assert len(compare_rows(rows)) == 0

    def test_contradiction_orders_claims_by_id_not_row(self) -> None:
        finding = only(["b,s,x,m,,,30,,USD,,,,", "a,s,x,m,,,20,,USD,,,,"])
        assert (finding.claim_a, finding.claim_b) == ("a", "b")
        assert (finding.value_a, finding.value_b) == ("20", "30")


class TestFailOn:
    @pytest.mark.parametrize("text", ["", " ", " , "])
    def test_empty_fail_on_is_a_usage_error_not_none(self, text: str) -> None:
        with pytest.raises(UsageError, match="--fail-on"):
            parse_fail_on(text)

    def test_cli_empty_fail_on_exits_2_and_says_why(self) -> None:
        run = run_cli("compare", str(DATA / "conflicts" / "claims.csv"), "--fail-on", "")
        assert run.status == 2
        assert run.stdout == ""
        assert "--fail-on: '' is not one of" in run.stderr
        assert "none" in run.stderr


def test_key_parts_do_not_run_together() -> None:
    """Subject `ab` with metric `c` is not subject `a` with metric `bc`: separate quantities."""
    report = compare_rows(["p,s,ab,c,,,1,,USD,,,,", "q,s,a,bc,,,9,,USD,,,,"])
    assert len(report) == 0
    assert report.quantities == 2
