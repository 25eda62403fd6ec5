"""Behaviour of relations.py that no test pinned before: tolerance on every kind,
open periods, distinct claims per slot, the combination limit, and a sum written
where one selector belongs (a load error with its line, not an unevaluable relation).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from claimcheck.errors import InputErrors
from claimcheck.findings import Kind, finding_schema
from claimcheck.models import CompareOptions
from claimcheck.pipeline import compare
from claimcheck.relations import MAX_COMBINATIONS, Reason, Status, load_relations
from claimcheck.table import load_table
from conftest import CLAIMS_HEADER, run_cli

RELATIONS_HEADER = "relation_id,kind,left,right,tolerance,min,max,note\n"


def outcome(tmp_path: Path, claims: list[str], relation: str) -> list[tuple[str, str]]:
    """(kind, relation_detail) of every row the one relation produced."""
    (tmp_path / "claims.csv").write_text(CLAIMS_HEADER + "\n".join(claims) + "\n", "utf-8")
    (tmp_path / "relations.csv").write_text(RELATIONS_HEADER + relation + "\n", "utf-8")
    options = CompareOptions(relations=load_relations(tmp_path / "relations.csv"))
    report = compare(load_table(tmp_path / "claims.csv", discover=False), options)
    assert report.relations is not None
    rows = [*report.relations.violated.iter_rows(named=True)]
    rows += [*report.relations.context.iter_rows(named=True)]
    return sorted((row["kind"], row["relation_detail"]) for row in rows)


def kinds(rows: list[tuple[str, str]]) -> list[str]:
    return [kind for kind, _ in rows]


VIOLATED = Kind.RELATION_VIOLATED.value
HOLDS = Status.HOLDS.value


class TestTolerance:
    """A tolerance admits a relative slack on le, ratio and growth too, not only on sum."""

    LE = ("big,s,x,part,,,105.0,,USD,,,,", "whole,s,x,whole,,,100.0,,USD,,,,")

    @pytest.mark.parametrize(("tolerance", "holds"), [("", False), ("4%", False), ("10%", True)])
    def test_le(self, tmp_path: Path, tolerance: str, holds: bool) -> None:
        rows = outcome(tmp_path, [*self.LE], f"r,le,x/part,x/whole,{tolerance},,,")
        assert kinds(rows) == ([HOLDS] if holds else [VIOLATED])

    RATIO = ("arms,s,x,arms,,,12.0,,USD,,,,", "gdp,s,x,gdp,,,100.0,,USD,,,,")

    @pytest.mark.parametrize(("tolerance", "holds"), [("", False), ("10%", False), ("50%", True)])
    def test_ratio(self, tmp_path: Path, tolerance: str, holds: bool) -> None:
        rows = outcome(tmp_path, [*self.RATIO], f"r,ratio,x/arms,x/gdp,{tolerance},0%,10%,")
        assert kinds(rows) == ([HOLDS] if holds else [VIOLATED])

    GROWTH = (
        "g,s,x,growth,,,10.0,,percent,,,,",
        "y23,s,x,volume,,2023,100.0,,USD,,,,",
        "y24,s,x,volume,,2024,120.0,,USD,,,,",
    )

    @pytest.mark.parametrize(("tolerance", "holds"), [("", False), ("50%", False), ("100%", True)])
    def test_growth(self, tmp_path: Path, tolerance: str, holds: bool) -> None:
        relation = f"r,growth,x/growth,x/volume@2023;x/volume@2024,{tolerance},,,"
        assert kinds(outcome(tmp_path, [*self.GROWTH], relation)) == (
            [HOLDS] if holds else [VIOLATED]
        )


def test_open_period_claims_of_different_dates_are_not_combined(tmp_path: Path) -> None:
    """A running total as of January and one as of June speak of different times."""
    claims = [
        "a,s,x,part,,2023-09/..,5,,USD,,,2024-01,",
        "b,s,x,whole,,2023-09/..,10,,USD,,,2024-06,",
    ]
    rows = outcome(tmp_path, claims, "r,le,x/part,x/whole,,,,")
    assert len(rows) == 1
    assert rows[0][1].startswith(Reason.NO_SAME_TIME.value)


def test_closed_period_claims_of_different_dates_are_combined(tmp_path: Path) -> None:
    claims = ["a,s,x,part,,2023,5,,USD,,,2024-01,", "b,s,x,whole,,2023,10,,USD,,,2024-06,"]
    assert kinds(outcome(tmp_path, claims, "r,le,x/part,x/whole,,,,")) == [HOLDS]


def test_one_claim_never_fills_two_slots(tmp_path: Path) -> None:
    """x/m ≤ x/m with one claim has no combination: a claim is not compared with itself."""
    rows = outcome(tmp_path, ["a,s,x,m,,,5,,USD,,,,"], "r,le,x/m,x/m,,,,")
    assert len(rows) == 1
    assert rows[0][1].startswith(Reason.NO_SAME_TIME.value)


def test_two_claims_of_one_selector_meet_both_ways(tmp_path: Path) -> None:
    rows = outcome(tmp_path, ["a,s,x,m,,,5,,USD,,,,", "b,s,x,m,,,10,,USD,,,,"], "r,le,x/m,x/m,,,,")
    assert kinds(rows) == [HOLDS, VIOLATED]


def test_too_many_combinations_is_unevaluable(tmp_path: Path) -> None:
    """101 × 100 claims of one time exceed MAX_COMBINATIONS: say so rather than run for hours."""
    assert MAX_COMBINATIONS == 10_000
    claims = [f"p{i},s,x,part,,,{i},,USD,,,," for i in range(101)]
    claims += [f"w{i},s,x,whole,,,{1000 + i},,USD,,,," for i in range(100)]
    rows = outcome(tmp_path, claims, "r,le,x/part,x/whole,,,,")
    assert rows == [
        (
            Status.UNEVALUABLE.value,
            f"{Reason.TOO_MANY.value}: more than 10000; narrow the selectors",
        )
    ]


def test_just_under_the_limit_is_evaluated(tmp_path: Path) -> None:
    claims = [f"p{i},s,x,part,,,{i},,USD,,,," for i in range(100)]
    claims += [f"w{i},s,x,whole,,,{1000 + i},,USD,,,," for i in range(100)]
    rows = outcome(tmp_path, claims, "r,le,x/part,x/whole,,,,")
    assert kinds(rows) == [HOLDS] * 10_000


class TestSumWhereOneSelectorBelongs:
    """`c/d + e/f` used to load as one selector with metric `d_+_e`, unevaluable at run time."""

    @pytest.mark.parametrize(
        ("row", "column", "message"),
        [
            ("r1,le,a/b,c/d + e/f", "right", "le compares with one selector, not 2"),
            ("r1,ratio,a/b,c/d+e/f", "right", "ratio compares with one selector, not 2"),
            ("r1,sum,a/b + x/y,c/d + e/f", "left", "left is one selector, not 2"),
        ],
    )
    def test_load_error_with_line(
        self, tmp_path: Path, row: str, column: str, message: str
    ) -> None:
        path = tmp_path / "relations.csv"
        path.write_text("relation_id,kind,left,right\n" + row + "\n", "utf-8")
        with pytest.raises(InputErrors) as caught:
            load_relations(path)
        (error,) = caught.value.errors
        assert error.location.line == 2
        assert error.location.column == column
        assert message in error.message

    def test_cli_exits_2_naming_the_line(self, tmp_path: Path) -> None:
        (tmp_path / "claims.csv").write_text(CLAIMS_HEADER + "a,s,a,b,,,1,,USD,,,,\n", "utf-8")
        (tmp_path / "relations.csv").write_text(
            "relation_id,kind,left,right\nr1,le,a/b,c/d + e/f\n", "utf-8"
        )
        run = run_cli("compare", str(tmp_path / "claims.csv"), "-f", "csv")
        assert run.status == 2
        assert run.stdout == ""
        assert "relations.csv:2:" in run.stderr
        assert "le compares with one selector, not 2" in run.stderr


def rows_of(
    tmp_path: Path, claims: list[str], relations: list[str], header: str = CLAIMS_HEADER
) -> list[dict[str, object]]:
    """Every row the relations produced (violated first, then context), in full."""
    (tmp_path / "claims.csv").write_text(header + "\n".join(claims) + "\n", "utf-8")
    (tmp_path / "relations.csv").write_text(RELATIONS_HEADER + "\n".join(relations) + "\n", "utf-8")
    options = CompareOptions(relations=load_relations(tmp_path / "relations.csv"))
    report = compare(load_table(tmp_path / "claims.csv", discover=False), options)
    assert report.relations is not None
    return [
        *report.relations.violated.iter_rows(named=True),
        *report.relations.context.iter_rows(named=True),
    ]


class TestUnevaluableRow:
    """An unevaluable relation is a row a reader sorts, filters and baselines like a finding."""

    CLAIMS = ("a,s,x,part,,2023,5,,USD,,,,",)

    def test_names_the_left_selector_and_never_fails(self, tmp_path: Path) -> None:
        (row,) = rows_of(tmp_path, [*self.CLAIMS], ["r,le,X/Part/Obj@2023,x/nothing,,,,"])
        assert row["kind"] == Status.UNEVALUABLE.value
        assert (row["subject"], row["metric"], row["object"], row["period"]) == (
            "x", "part", "obj", "2023",
        )  # fmt: skip
        assert row["severity"] == "low"
        assert row["relative_gap"] == 0.0
        assert row["fails"] is False
        assert row["relation"] == "r"

    def test_without_a_pinned_period_the_period_is_empty(self, tmp_path: Path) -> None:
        (row,) = rows_of(tmp_path, [*self.CLAIMS], ["r,le,x/part,x/nothing,,,,"])
        assert (row["object"], row["period"]) == ("", "")

    def test_fingerprint_names_the_relation_and_the_reason(self, tmp_path: Path) -> None:
        """A baseline can hold an unevaluable relation: its digest is stable, and its own."""
        relations = ["r,le,x/part,x/nothing,,,,", "q,le,x/part,x/nothing,,,,"]
        first = {
            str(row["relation"]): row["fingerprint"]
            for row in rows_of(tmp_path, [*self.CLAIMS], relations)
        }
        assert all(re.fullmatch(r"[0-9a-f]{16}", str(value)) for value in first.values())
        assert first["r"] != first["q"]
        other = [*self.CLAIMS, "b,s,y,other,,,7,,USD,,,,"]
        again = {
            str(row["relation"]): row["fingerprint"] for row in rows_of(tmp_path, other, relations)
        }
        assert again == first


class TestBeyondTheLargestFloat:
    """Finite claims whose quotient rounds to ∞ are still checked, never a traceback."""

    @pytest.mark.parametrize(("left", "shown"), [("1e300", "∞ %"), ("-1e300", "-∞ %")])
    def test_a_ratio_shows_infinity(self, tmp_path: Path, left: str, shown: str) -> None:
        claims = [f"a,s,x,arms,,,{left},,USD,,,,", "b,s,x,gdp,,,1e-300,,USD,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,ratio,x/arms,x/gdp,,,,"])
        assert row["kind"] == HOLDS
        assert str(row["relation_detail"]).startswith(f"left / right = {shown} (")

    def test_a_ratio_of_any_sign_is_unbounded(self, tmp_path: Path) -> None:
        claims = ["a,s,x,arms,,,1e300,,USD,at_most,,,", "b,s,x,gdp,,,1e-300,,USD,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,ratio,x/arms,x/gdp,,,,"])
        assert row["relation_detail"] == "left / right = ∞ % (unbounded)"

    def test_a_ratio_above_its_bound_is_violated(self, tmp_path: Path) -> None:
        claims = ["a,s,x,arms,,,1e300,,USD,,,,", "b,s,x,gdp,,,1e-300,,USD,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,ratio,x/arms,x/gdp,,0%,10%,"])
        assert row["kind"] == VIOLATED

    def test_a_growth_that_overflows_is_not_the_stated_one(self, tmp_path: Path) -> None:
        claims = [
            "g,s,x,growth,,,10,,percent,,,,",
            "y23,s,x,volume,,2023,1e-300,,USD,,,,",
            "y24,s,x,volume,,2024,1e300,,USD,,,,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/volume@2023;x/volume@2024,,,,"])
        assert row["kind"] == VIOLATED
        assert str(row["relation_detail"]).startswith("later / earlier − 1 = ∞ % (")


@pytest.mark.parametrize("tolerance", ["0.1", "10%", "10 %"])
def test_a_tolerance_is_a_fraction_or_a_percentage(tmp_path: Path, tolerance: str) -> None:
    """105 ≤ 100 holds with 10 % slack however it is written; 0.1 is not 0.1 %."""
    (row,) = rows_of(tmp_path, [*TestTolerance.LE], [f"r,le,x/part,x/whole,{tolerance},,,"])
    assert row["kind"] == HOLDS


class TestViolatedRow:
    """A relation's row carries both sides as a finding does: the left claim as `a`, the right
    claims joined as `b`, their intervals, lines and times, a gap and a severity."""

    LE = (
        "big,s1,X,Part,o,2023,300,,USD,,asserted,2024-05,big quote",
        "whole,s2,x,whole,o,2023,100,,USD,,,2024-05,whole quote",
    )

    def test_le(self, tmp_path: Path) -> None:
        (row,) = rows_of(tmp_path, [*self.LE], ["r,le,x/part/o,x/whole/o,,,,"])
        expected = {
            "kind": VIOLATED, "subject": "x", "metric": "part", "object": "o", "period": "2023",
            "claim_a": "big", "claim_b": "whole", "source_a": "s1", "source_b": "s2",
            "value_a": "300", "value_b": "100", "unit_a": "USD", "unit_b": "USD",
            "qualifier_a": "exact", "qualifier_b": "exact", "value_high_a": "", "value_high_b": "",
            "modality_a": "asserted", "modality_b": "asserted",
            "attributed_to_a": "", "attributed_to_b": "",
            "base_unit_a": "USD", "base_unit_b": "USD",
            "quote_a": "big quote", "quote_b": "whole quote",
            "low_a": 299.5, "high_a": 300.5, "low_b": 99.5, "high_b": 100.5,
            "derived_low": 299.5 - 100.5, "derived_high": 300.5 - 99.5,
            "line_a": 2, "line_b": 3, "time_a": "2024-05", "time_b": "2024-05",
            "relation": "r", "fails": False, "severity": "high",
            "relation_detail": "left − right = 199 – 201 USD; must be ≤ 0 USD",
        }  # fmt: skip
        assert {name: row[name] for name in expected} == expected
        assert row["relative_gap"] == pytest.approx((299.5 - 100.5) / 300)

    def test_a_hedged_claim_lowers_the_severity(self, tmp_path: Path) -> None:
        hedged = [self.LE[0].replace("asserted", "hedged"), self.LE[1]]
        (row,) = rows_of(tmp_path, hedged, ["r,le,x/part/o,x/whole/o,,,,"])
        assert (row["kind"], row["severity"]) == (VIOLATED, "medium")

    def test_le_slack_is_shown_in_the_unit(self, tmp_path: Path) -> None:
        (row,) = rows_of(tmp_path, [*self.LE], ["r,le,x/part/o,x/whole/o,10%,,,"])
        assert str(row["relation_detail"]).endswith("; must be ≤ 10 USD")

    def test_le_of_percentages_has_no_unit(self, tmp_path: Path) -> None:
        claims = ["a,s,x,share,,,30,,percent,,,,", "b,s,x,cap,,,10,,percent,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,le,x/share,x/cap,,,,"])
        assert str(row["relation_detail"]).endswith("; must be ≤ 0")

    def test_a_holding_le_has_no_gap(self, tmp_path: Path) -> None:
        (row,) = rows_of(tmp_path, [*reversed(self.LE)], ["r,le,x/whole/o,x/part/o,,,,"])
        assert (row["kind"], row["relative_gap"], row["severity"]) == (HOLDS, 0.0, "low")

    def test_sum(self, tmp_path: Path) -> None:
        claims = [
            "a,s,x,p1,,,10,,USD,,,2024-05,",
            "b,s,x,p2,,,20,,USD,,,2024-05,",
            "t,s,x,total,,,40,,USD,,,2024-05,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,sum,x/total,x/p1 + x/p2,,,,"])
        expected = {
            "kind": VIOLATED, "claim_a": "t", "claim_b": "a+b", "value_b": "10+20",
            "low_b": 29.0, "high_b": 31.0, "derived_low": 29.0, "derived_high": 31.0,
            "line_a": 4, "line_b": 2, "time_b": "2024-05+2024-05",
        }  # fmt: skip
        assert {name: row[name] for name in expected} == expected
        assert row["relative_gap"] == pytest.approx((39.5 - 31.0) / 40)

    RATIO = ("a,s,x,arms,,,10,,USD,,,,", "b,s,x,gdp,,,100,,USD,,,,")

    def test_ratio_below_its_minimum(self, tmp_path: Path) -> None:
        """The gap is measured against the bound it misses, the larger figure here."""
        (row,) = rows_of(tmp_path, [*self.RATIO], ["r,ratio,x/arms,x/gdp,,50%,,"])
        assert (row["kind"], row["low_b"], row["high_b"]) == (VIOLATED, 99.5, 100.5)
        assert row["relative_gap"] == pytest.approx((0.5 - 10.5 / 99.5) / 0.5)
        assert str(row["relation_detail"]).endswith("; required ≥ 50 %")

    def test_a_negative_ratio_above_its_maximum(self, tmp_path: Path) -> None:
        claims = ["a,s,x,loss,,,-30,,USD,,,,", "b,s,x,gdp,,,100,,USD,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,ratio,x/loss,x/gdp,,-100%,-50%,"])
        assert row["kind"] == VIOLATED
        assert row["relative_gap"] == pytest.approx((-30.5 / 99.5 + 0.5) / 0.5)
        assert str(row["relation_detail"]).endswith("; required -100 % – -50 %")

    def test_ratio_of_an_at_least_claim(self, tmp_path: Path) -> None:
        claims = ["c,s,x,aid,,,250,,USD,at_least,,,", self.RATIO[1]]
        (row,) = rows_of(tmp_path, claims, ["r,ratio,x/aid,x/gdp,,,,"])
        assert row["relation_detail"] == "left / right = 250 % (≥ 248.8 %)"

    def test_growth(self, tmp_path: Path) -> None:
        """25 % stated, 50 % computed: the gap is against the larger, computed figure."""
        claims = [
            "g,s,x,growth,,,25,,percent,,,,",
            "y23,s,x,v,,2023,100,,USD,,,,",
            "y24,s,x,v,,2024,150,,USD,,,,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/v@2023;x/v@2024,,,,"])
        expected = {
            "kind": VIOLATED, "claim_a": "g", "claim_b": "y23;y24", "value_b": "100;150",
            "low_b": None, "high_b": None, "line_b": 3,
        }  # fmt: skip
        assert {name: row[name] for name in expected} == expected
        assert row["relative_gap"] == pytest.approx((149.5 / 100.5 - 1 - 0.255) / 0.5)


class TestGrowthSlack:
    """Growth rates are compared with a slack of about 1e-9 (a growth rate of 1 or less
    is held to the absolute slack): rounding, never a tolerance."""

    CLAIMS = (
        "y23,s,x,v,,2023,1.00000000000000,,USD,,,,",
        "y24,s,x,v,,2024,1.50000000000000,,USD,,,,",
    )

    @pytest.mark.parametrize(
        ("stated", "kind"), [("49.99999985", VIOLATED), ("49.99999995", HOLDS)]
    )
    def test_at_most_just_below_the_computed_growth(
        self, tmp_path: Path, stated: str, kind: str
    ) -> None:
        claims = [f"g,s,x,growth,,,{stated},,percent,at_most,,,", *self.CLAIMS]
        (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/v@2023;x/v@2024,,,,"])
        assert row["kind"] == kind


class TestUnevaluableDetail:
    """The reason names the claims at fault, so the analyst knows which row to fix."""

    def test_a_growth_stated_in_money(self, tmp_path: Path) -> None:
        claims = [
            "g,s,x,growth,,,10,,USD,,,,",
            "y23,s,x,v,,2023,100,,USD,,,,",
            "y24,s,x,v,,2024,150,,USD,,,,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/v@2023;x/v@2024,,,,"])
        assert row["relation_detail"] == (
            f"{Reason.DIMENSIONS.value}: g states USD, not a percentage or fraction"
        )

    def test_every_currency_without_a_rate_is_named(self, tmp_path: Path) -> None:
        claims = [
            "t,s,x,total,,,10,,USD,,,2024-06,",
            "a,s,x,p1,,,2,,trillion KPW,,,2024-06,",
            "b,s,x,p2,,,3,,RUB,,,2024-06,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,sum,x/total,x/p1 + x/p2,,,,"])
        assert row["relation_detail"] == (
            f"{Reason.CURRENCIES.value}: t in USD against a in KPW (no KPW rate in the ECB "
            "reference rates; no RUB rate after 2022-03-01)"
        )


def test_a_sum_row_joins_the_quotes_of_its_terms(tmp_path: Path) -> None:
    claims = [
        "a,s,x,p1,,,10,,USD,,,,ten",
        "b,s,x,p2,,,20,,USD,,,,twenty",
        "t,s,x,total,,,40,,USD,,,,forty in all",
    ]
    (row,) = rows_of(tmp_path, claims, ["r,sum,x/total,x/p1 + x/p2,,,,"])
    assert (row["quote_a"], row["quote_b"]) == ("forty in all", "ten | twenty")


def test_a_row_carries_the_range_and_the_speaker_of_each_side(tmp_path: Path) -> None:
    header = CLAIMS_HEADER.replace(",quote\n", ",quote,attributed_to\n")
    claims = [
        "a,s,x,part,,,300,,USD,,,,,the minister",
        "b,s,x,whole,,,90,110,USD,range,,,,the bank",
    ]
    (row,) = rows_of(tmp_path, claims, ["r,le,x/part,x/whole,,,,"], header)
    assert (row["value_high_a"], row["value_high_b"]) == ("", "110")
    assert (row["attributed_to_a"], row["attributed_to_b"]) == ("the minister", "the bank")


def load_errors(tmp_path: Path, rows: list[str]) -> list[tuple[int | None, str | None, str]]:
    path = tmp_path / "relations.csv"
    path.write_text(RELATIONS_HEADER + "\n".join(rows) + "\n", "utf-8")
    with pytest.raises(InputErrors) as caught:
        load_relations(path)
    return [(e.location.line, e.location.column, e.message) for e in caught.value.errors]


class TestLoadMessages:
    """Each problem of relations.csv is told in words the analyst can act on."""

    def test_every_message(self, tmp_path: Path) -> None:
        rows = [
            "r1,between,a/b,c/d,,,,",
            "r2,le,a,c/d,,,,",
            "r3,growth,a/b,c/d;e/f;g/h,,,2,",
            "r4,le,a/b,c/d,,1,,",
            "r5,sum,a/b,c/d + e/f,many,,,",
            "r6,le,a/b,c/d@2024-13,-5%,,,",
            "r7,ratio,a/b,c/d,,5,1,",
            "r8,sum,a/b,c/d,inf,nan,,",
            "r9,,a/b,,,,,",
        ]
        assert load_errors(tmp_path, rows) == [
            (2, "kind", "'between' is not one of le, sum, ratio, growth"),
            (3, "left", "'a' is not a selector: write subject/metric or subject/metric/object, "
             "optionally @period (e.g. north_korea/trade_volume/russia@2023)"),
            (4, "right", "growth needs two selectors, earlier;later"),
            (4, "max", "max is read only for ratio relations"),
            (5, "min", "min is read only for ratio relations"),
            (6, "tolerance", "'many' is not a number (write 0.25 or 25%)"),
            (7, "right", "'2024-13': month 13 does not exist"),
            (7, "tolerance", "tolerance must not be negative"),
            (8, "max", "max is below min"),
            (9, "tolerance", "'inf' is not a number (write 0.25 or 25%)"),
            (9, "min", "'nan' is not a number (write 0.25 or 25%)"),
            (9, "min", "min is read only for ratio relations"),
            (10, "kind", "kind is required and empty"),
            (10, "right", "right is required and empty"),
        ]  # fmt: skip

    def test_a_later_row_keeps_its_own_errors_after_a_duplicate(self, tmp_path: Path) -> None:
        rows = ["r,le,a/b,c/d,,,,", "r,le,a/b,c/d,,,,", "s,le,a,c/d,,,,", "s,le,a/b,c/d,,,,"]
        assert [(line, column) for line, column, _ in load_errors(tmp_path, rows)] == [
            (3, "relation_id"), (4, "left"),
        ]  # fmt: skip


def test_a_valid_file_reads_every_field(tmp_path: Path) -> None:
    path = tmp_path / "relations.csv"
    path.write_text(
        RELATIONS_HEADER + "r1,Ratio, A Land/Arms-Value ,land/gdp,5%,10%,20 %,a note\n"
        "r2,growth,land/g,land/v@2023; land/v@2024,0.5,,,\n"
        "r3,sum,land/t,land/a + land/b/*,,,,\n",
        "utf-8",
    )
    r1, r2, r3 = load_relations(path)
    assert (r1.relation_id, r1.kind, r1.note, r1.location.line) == ("r1", "ratio", "a note", 2)
    assert (r1.left.text, r1.left.subject, r1.left.metric, r1.left.object, r1.left.period) == (
        "A Land/Arms-Value", "a_land", "arms_value", "", None,
    )  # fmt: skip
    assert (r1.tolerance, r1.minimum, r1.maximum) == pytest.approx((0.05, 0.1, 0.2))
    assert (r2.kind, r2.tolerance, r2.minimum, r2.maximum) == ("growth", 0.5, -math.inf, math.inf)
    assert [s.period for s in r2.right] == ["2023", "2024"]
    assert r2.right_text == "land/v@2023 ; land/v@2024"
    assert (r3.tolerance, r3.right_text) == (0.0, "land/a + land/b/*")
    assert [(s.metric, s.object) for s in r3.right] == [("a", ""), ("b", "*")]


class TestCombinations:
    """Which claims are checked together."""

    def test_a_wildcard_term_adds_each_quantity_it_matches(self, tmp_path: Path) -> None:
        claims = [
            "t,s,x,total,,,40,,USD,,,,",
            "a,s,x,part_a,,,10,,USD,,,,",
            "b,s,x,part_b,,,30,,USD,,,,",
            "c,s,x,other,,,30,,USD,,,,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,sum,x/total,x/part_*,,,,"])
        assert (row["kind"], row["claim_b"], row["derived_low"]) == (HOLDS, "a+b", 39.0)

    def test_a_claim_of_unknown_time_meets_every_time_once(self, tmp_path: Path) -> None:
        """Left has no date: it meets the January and the June claim, and the other undated
        one only once although it belongs to both times."""
        claims = [
            "a,s,x,l,,,10,,USD,,,,",
            "b,s,x,r,,,20,,USD,,,2024-01,",
            "c,s,x,r,,,30,,USD,,,2024-06,",
            "d,s,x,r,,,40,,USD,,,,",
        ]
        rows = rows_of(tmp_path, claims, ["r,le,x/l,x/r,,,,"])
        assert sorted(str(row["claim_b"]) for row in rows) == ["b", "c", "d"]
        assert {row["kind"] for row in rows} == {HOLDS}

    def test_claims_without_any_time_all_meet(self, tmp_path: Path) -> None:
        claims = ["a,s,x,l,,,10,,USD,,,,", "b,s,x,l,,,20,,USD,,,,", "c,s,x,r,,,15,,USD,,,,"]
        rows = rows_of(tmp_path, claims, ["r,le,x/l,x/r,,,,"])
        assert sorted((str(row["claim_a"]), str(row["kind"])) for row in rows) == [
            ("a", HOLDS), ("b", VIOLATED),
        ]  # fmt: skip

    @pytest.mark.parametrize("tonne_first", [False, True])
    def test_a_combination_in_other_units_is_reported_beside_the_checked_ones(
        self, tmp_path: Path, tonne_first: bool
    ) -> None:
        """Whichever comes first, the other combinations are still checked."""
        lefts = ["a,s,x,l,,,10,,USD,,,,", "b,s,x,l,,,10,,tonne,,,,"]
        claims = [*(reversed(lefts) if tonne_first else lefts), "c,s,x,r,,,15,,USD,,,,"]
        rows = rows_of(tmp_path, claims, ["r,le,x/l,x/r,,,,"])
        assert sorted((str(row["kind"]), str(row["claim_a"])) for row in rows) == [
            (HOLDS, "a"), (Status.UNEVALUABLE.value, ""),
        ]  # fmt: skip
        (detail,) = [row["relation_detail"] for row in rows if row["kind"] != HOLDS]
        assert detail == f"{Reason.DIMENSIONS.value}: b in kilogram against c in USD"


class TestReasonDetail:
    def test_no_claim_for_a_right_selector(self, tmp_path: Path) -> None:
        (row,) = rows_of(tmp_path, ["a,s,x,l,,,1,,USD,,,,"], ["q,le,x/l,x/nothing@2023,,,,"])
        assert row["relation_detail"] == "no matching claims: no claim matches x/nothing@2023"

    def test_a_growth_from_zero(self, tmp_path: Path) -> None:
        claims = [
            "g,s,x,growth,,,10,,percent,,,,",
            "y23,s,x,v,,2023,0,,USD,,,,",
            "y24,s,x,v,,2024,5,,USD,,,,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/v@2023;x/v@2024,,,,"])
        assert row["relation_detail"] == (
            "the divisor may be zero: y23 stands for an interval that contains 0"
        )

    def test_different_times(self, tmp_path: Path) -> None:
        claims = ["a,s,x,l,,2023,1,,USD,,,,", "b,s,x,r,,2024,2,,USD,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,le,x/l,x/r,,,,"])
        assert row["relation_detail"] == (
            "no claims of the same time: the claims matched on each side speak of different "
            "times (pin each side with @period to relate different times)"
        )


class TestSlots:
    """Only the right side of a sum is split into terms; growth and pinned sides take any time."""

    def test_a_wildcard_left_side_of_a_sum_is_one_claim_at_a_time(self, tmp_path: Path) -> None:
        claims = [
            "a,s,x,total_a,,,40,,USD,,,,",
            "b,s,x,total_b,,,30,,USD,,,,",
            "p,s,x,p,,,40,,USD,,,,",
        ]
        rows = rows_of(tmp_path, claims, ["r,sum,x/total_*,x/p,,,,"])
        assert sorted((str(row["claim_a"]), str(row["claim_b"])) for row in rows) == [
            ("a", "p"), ("b", "p"),
        ]  # fmt: skip

    def test_growth_relates_two_times_without_periods_pinned(self, tmp_path: Path) -> None:
        claims = [
            "g,s,x,growth,,,50,,percent,,,,",
            "o,s,x,old,,2023,100,,USD,,,,",
            "n,s,x,new,,2024,150,,USD,,,,",
        ]
        (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/old;x/new,,,,"])
        assert (row["kind"], row["claim_b"]) == (HOLDS, "o;n")

    def test_a_pinned_side_meets_a_claim_of_another_time(self, tmp_path: Path) -> None:
        claims = ["a,s,x,l,,2023,10,,USD,,,,", "b,s,x,r,,2024,20,,USD,,,,"]
        (row,) = rows_of(tmp_path, claims, ["r,le,x/l@2023,x/r,,,,"])
        assert (row["kind"], row["claim_a"], row["claim_b"]) == (HOLDS, "a", "b")


@pytest.mark.parametrize("qualifier", ["at_least", "at_most"])
def test_a_divisor_with_zero_at_one_end_may_be_zero(tmp_path: Path, qualifier: str) -> None:
    claims = ["a,s,x,arms,,,10,,USD,,,,", f"b,s,x,gdp,,,0,,USD,{qualifier},,,"]
    (row,) = rows_of(tmp_path, claims, ["r,ratio,x/arms,x/gdp,,,,"])
    assert row["relation_detail"] == (
        "the divisor may be zero: b stands for an interval that contains 0"
    )


def test_empty_outcomes_keep_the_findings_columns(tmp_path: Path) -> None:
    """With nothing violated or nothing to add as context, the frames still join the report."""
    (tmp_path / "claims.csv").write_text(CLAIMS_HEADER + "a,s,x,l,,,1,,USD,,,,\n", "utf-8")
    (tmp_path / "relations.csv").write_text(RELATIONS_HEADER + "r,le,x/l,x/none,,,,\n", "utf-8")
    options = CompareOptions(relations=load_relations(tmp_path / "relations.csv"))
    report = compare(load_table(tmp_path / "claims.csv", discover=False), options)
    assert report.relations is not None
    assert report.relations.violated.height == 0
    assert report.relations.violated.schema == finding_schema()
    assert report.relations.context.schema == finding_schema()


def test_a_holding_relation_is_low_even_when_its_figures_are_near_zero(tmp_path: Path) -> None:
    """A growth of 1e-11 against a stated 0 % holds within the absolute slack; the gap
    relative to such tiny figures is large, but a relation that holds is never a warning."""
    claims = [
        "g,s,x,growth,,,0,,percent,at_most,,,",
        "y23,s,x,v,,2023,1.00000000000000,,USD,,,,",
        "y24,s,x,v,,2024,1.00000000001000,,USD,,,,",
    ]
    (row,) = rows_of(tmp_path, claims, ["r,growth,x/growth,x/v@2023;x/v@2024,,,,"])
    assert (row["kind"], row["severity"]) == (HOLDS, "low")
    assert row["relative_gap"] >= 0.5  # type: ignore[operator]
