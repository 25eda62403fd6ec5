"""Behaviour of the pairwise rules (pairs.py) that no test pinned before.

They pin what a small change to pairs.py, intervals.py or models.py (a flipped
comparison, a shifted constant, a dropped check) could alter with no test noticing.
"""

from __future__ import annotations

import io

import polars as pl
import pytest

from claimcheck.errors import UsageError
from claimcheck.findings import FINDING_ORDER, Kind, Severity, finding_schema, fingerprint_text
from claimcheck.fx import convert
from claimcheck.models import CompareOptions, Finding, parse_fail_on
from claimcheck.pairs import (
    _FOUND_COLUMNS,
    _classified,
    _pairs,
    candidates,
    pair_batches,
    pair_count,
    pair_findings,
    with_quantities,
)
from claimcheck.pipeline import prepared
from claimcheck.quantities import with_intervals
from claimcheck.table import load_table
from conftest import CLAIMS_HEADER, DATA, compare_rows, run_cli


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

    def test_unknown_kinds_are_named_with_every_choice(self) -> None:
        """Only the words that are no kind are named, lower-cased, and then every word the
        option takes, so that the user can correct a typo from the message alone."""
        with pytest.raises(UsageError) as refused:
            parse_fail_on("contradiction, bogus,Typo")
        assert str(refused.value) == (
            "--fail-on: 'bogus, typo' is not one of contradiction, decreasing_cumulative, "
            "unit_mismatch, changed, relation_violated, near_duplicate_key, any, none"
        )

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


class TestUnitMismatch:
    def test_two_dimensions_disagree_even_where_the_numbers_agree(self) -> None:
        """5 USD and 5 kg overlap as numbers: only the dimension tells them apart."""
        finding = only(["b,s,x,m,,,5,,kg,,,,", "a,s,x,m,,,5,,USD,,,,"])
        assert finding.kind == Kind.UNIT_MISMATCH.value
        assert (finding.claim_a, finding.claim_b) == ("a", "b")
        assert (finding.base_unit_a, finding.base_unit_b) == ("USD", "kilogram")
        assert finding.severity == Severity.MEDIUM.value
        assert finding.fails

    def test_a_unit_mismatch_has_no_relative_gap(self) -> None:
        """Dollars against kilograms have no common scale: the gap is 0, not 9 against 5."""
        finding = only(["a,s,x,m,,,5,,USD,,,,", "b,s,x,m,,,900,,kg,,,,"])
        assert finding.kind == Kind.UNIT_MISMATCH.value
        assert finding.relative_gap == 0.0


class TestGapAndSeverity:
    """relative_gap = the distance between the intervals over the larger figure's size."""

    @pytest.mark.parametrize(
        ("high", "gap", "level"),
        [
            ("105", 4 / 105, Severity.LOW),
            ("120", 19 / 120, Severity.MEDIUM),
            ("300", 199 / 300, Severity.HIGH),
        ],
    )
    def test_gap_between_the_intervals_sets_the_severity(
        self, high: str, gap: float, level: Severity
    ) -> None:
        """100 is [99.5, 100.5] as written; 120 is [119.5, 120.5]: 19 apart, over 120."""
        finding = only(["a,s,x,m,,,100,,USD,,,,", f"b,s,x,m,,,{high},,USD,,,,"])
        assert finding.relative_gap == pytest.approx(gap)
        assert finding.severity == level.value

    def test_gap_is_the_same_whichever_claim_is_higher(self) -> None:
        finding = only(["a,s,x,m,,,300,,USD,,,,", "b,s,x,m,,,100,,USD,,,,"])
        assert finding.relative_gap == pytest.approx(199 / 300)
        assert (finding.value_a, finding.value_b) == ("300", "100")

    def test_negative_figures_are_scaled_by_their_size(self) -> None:
        finding = only(["a,s,x,m,,,-100,,USD,,,,", "b,s,x,m,,,-300,,USD,,,,"])
        assert finding.relative_gap == pytest.approx(199 / 300)
        assert finding.severity == Severity.HIGH.value

    def test_hedged_claim_lowers_the_severity_one_step(self) -> None:
        finding = only(["a,s,x,m,,,100,,USD,,hedged,,", "b,s,x,m,,,300,,USD,,,,"])
        assert finding.severity == Severity.MEDIUM.value
        finding = only(["a,s,x,m,,,100,,USD,,,,", "b,s,x,m,,,300,,USD,,hedged,,"])
        assert finding.severity == Severity.MEDIUM.value


class TestFindingColumns:
    ROWS = (
        "b,s2,X,m,o,,300,,USD,,hedged,2024-02,quote b",
        "a,s1,X,m,o,,100,,USD,approx,,2024-02,quote a",
    )

    def test_each_side_carries_its_own_claim(self) -> None:
        """Claim `a` is the lower id, though it is the second row: every side column follows."""
        finding = only(list(self.ROWS))
        assert (finding.subject, finding.metric, finding.object, finding.period) == (
            "x", "m", "o", "",
        )  # fmt: skip
        a = (finding.claim_a, finding.source_a, finding.value_a, finding.unit_a, finding.quote_a,
             finding.qualifier_a, finding.value_high_a, finding.low_a, finding.high_a,
             finding.base_unit_a, finding.time_a, finding.modality_a, finding.line_a)  # fmt: skip
        b = (finding.claim_b, finding.source_b, finding.value_b, finding.unit_b, finding.quote_b,
             finding.qualifier_b, finding.value_high_b, finding.low_b, finding.high_b,
             finding.base_unit_b, finding.time_b, finding.modality_b, finding.line_b)  # fmt: skip
        assert a == ("a", "s1", "100", "USD", "quote a", "approx", "", 90.0, 110.0, "USD",
                     "2024-02", "asserted", 3)  # fmt: skip
        assert b == ("b", "s2", "300", "USD", "quote b", "exact", "", 299.5, 300.5, "USD",
                     "2024-02", "hedged", 2)  # fmt: skip
        assert finding.relative_gap == pytest.approx((299.5 - 110.0) / 300)

    def test_a_range_keeps_its_upper_end(self) -> None:
        finding = only(["a,s,x,m,,,10,20,USD,range,,,", "b,s,x,m,,,100,,USD,,,,"])
        assert (finding.value_a, finding.value_high_a, finding.qualifier_a) == ("10", "20", "range")
        assert (finding.low_a, finding.high_a) == (10.0, 20.0)
        assert finding.relative_gap == pytest.approx((99.5 - 20.0) / 100)

    def test_a_pair_finding_names_no_relation(self) -> None:
        finding = only(list(self.ROWS))
        assert (finding.relation, finding.relation_detail) == ("", "")
        assert (finding.derived_low, finding.derived_high) == (None, None)

    def test_fingerprint_is_the_digest_of_kind_key_and_both_figures(self) -> None:
        """The digest a baseline stores: the same whichever rule computes it (findings.py)."""
        finding = only(list(self.ROWS))
        expected = fingerprint_text(
            Kind.CONTRADICTION.value,
            ("x", "m", "o", ""),
            [("a", "100", "", "USD", "approx"), ("b", "300", "", "USD", "exact")],
        )
        assert finding.fingerprint == expected

    def test_findings_come_in_key_kind_and_claim_order(self) -> None:
        rows = [
            "z2,s,y,m,,,5,,USD,,,,", "z1,s,y,m,,,50,,USD,,,,",
            "c,s,x,m,,,5,,kg,,,,", "b,s,x,m,,,50,,USD,,,,", "a,s,x,m,,,5,,USD,,,,",
        ]  # fmt: skip
        found = [(f.subject, f.kind, f.claim_a, f.claim_b) for f in compare_rows(rows)]
        assert found == [
            ("x", Kind.CONTRADICTION.value, "a", "b"),
            ("x", Kind.UNIT_MISMATCH.value, "a", "c"),
            ("x", Kind.UNIT_MISMATCH.value, "b", "c"),
            ("y", Kind.CONTRADICTION.value, "z1", "z2"),
        ]


class TestTimeRules:
    def test_changed_puts_the_earlier_claim_first_whatever_its_id(self) -> None:
        finding = only(["a,s,x,m,,,100,,USD,,,2024-05,", "b,s,x,m,,,300,,USD,,,2024-01,"])
        assert (finding.kind, finding.claim_a, finding.claim_b) == (Kind.CHANGED.value, "b", "a")
        assert (finding.time_a, finding.time_b) == ("2024-01", "2024-05")
        assert (finding.value_a, finding.value_b) == ("300", "100")
        assert finding.severity == Severity.LOW.value

    @pytest.mark.parametrize(("first", "second"), [("2024-05", ""), ("", "2024-05")])
    def test_a_claim_without_a_time_cannot_be_ordered(self, first: str, second: str) -> None:
        finding = only([f"a,s,x,m,,,100,,USD,,,{first},", f"b,s,x,m,,,300,,USD,,,{second},"])
        assert finding.kind == Kind.CONTRADICTION.value

    def test_same_time_written_alike_contradicts(self) -> None:
        finding = only(["a,s,x,m,,,100,,USD,,,2024-05,", "b,s,x,m,,,300,,USD,,,2024-05,"])
        assert finding.kind == Kind.CONTRADICTION.value

    def test_running_total_that_rises_later_is_no_finding(self) -> None:
        rows = [
            "a,s,x,m,,2023-09/..,300,,USD,,,2024-05,",
            "b,s,x,m,,2023-09/..,100,,USD,,,2024-01,",
        ]
        assert len(compare_rows(rows)) == 0

    def test_running_total_that_falls_later_puts_the_earlier_first(self) -> None:
        rows = [
            "a,s,x,m,,2023-09/..,100,,USD,,,2024-05,",
            "b,s,x,m,,2023-09/..,300,,USD,,,2024-01,",
        ]
        finding = only(rows)
        assert (finding.kind, finding.claim_a, finding.claim_b) == (
            Kind.DECREASING_CUMULATIVE.value, "b", "a",
        )  # fmt: skip
        assert finding.severity == Severity.HIGH.value

    def test_running_total_without_a_time_contradicts(self) -> None:
        rows = ["a,s,x,m,,2023-09/..,300,,USD,,,,", "b,s,x,m,,2023-09/..,100,,USD,,,2024-01,"]
        assert only(rows).kind == Kind.CONTRADICTION.value


def prepared_rows(rows: list[str]) -> pl.DataFrame:
    """The claims frame the pair rules read (with intervals and quantity codes)."""
    data = (CLAIMS_HEADER + "".join(row + "\n" for row in rows)).encode()
    table = load_table("-", stdin=io.BytesIO(data), discover=False)
    return prepared(table, CompareOptions())


def disagreeing(subject: str, count: int) -> list[str]:
    """`count` claims of one quantity, each far from every other: every pair is a finding."""
    return [f"{subject}{i},s,{subject},m,,,{100 * (i + 1)},,USD,,,," for i in range(count)]


class TestPairCount:
    def test_only_quantities_that_may_disagree_are_paired(self) -> None:
        """Agreeing claims cost nothing; a quantity with an outlier or two units costs n(n-1)/2."""
        rows = [
            *(f"a{i},s,agree,m,,,5,,USD,,,," for i in range(3)),
            *disagreeing("two", 2),
            "u1,s,units,m,,,5,,USD,,,,", "u2,s,units,m,,,5,,kg,,,,", "u3,s,units,m,,,5,,USD,,,,",
            "o1,s,outlier,m,,,5,,USD,,,,", "o2,s,outlier,m,,,5,,USD,,,,",
            "o3,s,outlier,m,,,5,,USD,,,,", "o4,s,outlier,m,,,50,,USD,,,,",
        ]  # fmt: skip
        claims = prepared_rows(rows)
        assert pair_count(claims) == 1 + 3 + 6
        assert len(pair_findings(claims)) == 1 + 2 + 3

    @pytest.mark.parametrize(
        "rows",
        [
            ["a,s,x,m,,,500000000,1000000000,USD,range,,,", "b,s,x,m,,,1000000000.6,,USD,,,,"],
            ["a,s,x,m,,,-1000000000,-500000000,USD,range,,,", "b,s,x,m,,,-1000000000.6,,USD,,,,"],
        ],
    )
    def test_figures_a_rounding_apart_cost_no_pairs_whatever_their_sign(
        self, rows: list[str]
    ) -> None:
        """0.55 apart at a scale of a billion: the epsilon is relative to each claim's size."""
        claims = prepared_rows(rows)
        assert pair_count(claims) == 0
        assert pair_findings(claims).height == 0

    def test_a_table_that_agrees_has_no_pairs(self) -> None:
        claims = prepared_rows([f"a{i},s,x,m,,,5,,USD,,,," for i in range(4)])
        assert pair_count(claims) == 0
        assert list(pair_batches(claims, 10)) == []


class TestBatches:
    """pair_batches: whole quantities in key order while they fit, a larger one split."""

    def test_quantities_fill_a_batch_up_to_max_pairs(self) -> None:
        # a..d: 3 pairs each, e: exactly 6, f: 10 (larger than a batch, split by first claim).
        rows = [*(row for s in "abcd" for row in disagreeing(s, 3)), *disagreeing("e", 4),
                *disagreeing("f", 5)]  # fmt: skip
        claims = prepared_rows(rows)
        batches = list(pair_batches(claims, 6))
        subjects = [sorted(set(batch.get_column("subject"))) for batch in batches]
        assert subjects == [["a", "b"], ["c", "d"], ["e"], ["f"], ["f"], ["f"], ["f"]]
        assert [batch.height for batch in batches] == [6, 6, 6, 4, 3, 2, 1]
        whole = pair_findings(claims)
        streamed = pl.concat(batches)
        assert streamed.sort(FINDING_ORDER).equals(whole)
        for batch in batches:
            assert batch.equals(batch.sort(FINDING_ORDER))

    def test_quantities_interleaved_in_the_file_come_whole_in_key_order(self) -> None:
        """Batches are slices of the candidates laid out in key order, not of the file."""
        quantities = [disagreeing(s, 3) for s in "dbca"]
        claims = prepared_rows([row for rows in zip(*quantities, strict=True) for row in rows])
        batches = list(pair_batches(claims, 6))
        subjects = [sorted(set(batch.get_column("subject"))) for batch in batches]
        assert subjects == [["a", "b"], ["c", "d"]]
        assert pl.concat(batches).sort(FINDING_ORDER).equals(pair_findings(claims))
        for batch in batches:
            assert batch.equals(batch.sort(FINDING_ORDER))

    def test_a_table_that_fits_comes_in_one_batch(self) -> None:
        claims = prepared_rows([*disagreeing("a", 3), *disagreeing("b", 4)])
        (batch,) = pair_batches(claims, 100)
        assert batch.equals(pair_findings(claims))
        assert batch.height == 3 + 6

    def test_batches_of_pairs_are_described_together_up_to_max_findings(self) -> None:
        """The batches of pairs of the first test, [6, 6, 6, 4, 3, 2, 1] findings, gathered
        while they hold at most 10: 6 + 6 would be 12, 6 + 4 is 10, 3 + 2 + 1 is 6."""
        rows = [*(row for s in "abcd" for row in disagreeing(s, 3)), *disagreeing("e", 4),
                *disagreeing("f", 5)]  # fmt: skip
        claims = prepared_rows(rows)
        batches = list(pair_batches(claims, 6, max_findings=10))
        assert [batch.height for batch in batches] == [6, 6, 10, 6]
        subjects = [sorted(set(batch.get_column("subject"))) for batch in batches]
        assert subjects == [["a", "b"], ["c", "d"], ["e", "f"], ["f"]]
        assert [batch.height for batch in pair_batches(claims, 6, max_findings=9)] == [
            6, 6, 6, 4 + 3 + 2, 1]  # fmt: skip
        # Whole quantities in key order, a split one by its first claims: in order already.
        assert pl.concat(batches).equals(pair_findings(claims))

    def test_quantities_with_no_finding_make_no_batch(self) -> None:
        """A running total that grows is apart, so it is paired, and no finding: its batch
        of pairs is classified and holds nothing, so nothing is described or yielded."""
        rows = ["a0,s,a,m,,2023-09/..,100,,USD,,,2024-01,",
                "a1,s,a,m,,2023-09/..,300,,USD,,,2024-06,", *disagreeing("b", 3)]  # fmt: skip
        claims = prepared_rows(rows)
        assert pair_count(claims) == 1 + 3
        assert pair_findings(claims).get_column("subject").to_list() == ["b"] * 3
        for max_findings in (0, 100):
            (batch,) = pair_batches(claims, 3, max_findings=max_findings)
            assert batch.equals(pair_findings(claims))

    def test_classified_pairs_keep_only_what_describing_them_reads(self) -> None:
        """Both claims' figures cross the self-join; the pairs that are findings keep their
        kind, indices and what the gap and order are worked out from, until described."""
        rows = [*disagreeing("a", 3), "u1,s,u,m,,,5,,USD,,,,", "u2,s,u,m,,,5,,t,,,,"]
        claims = prepared_rows(rows)
        found = _classified(_pairs(candidates(claims)))
        assert found.columns == list(_FOUND_COLUMNS)
        assert found.height == 3 + 1
        assert sorted(pair_findings(claims).get_column("kind")) == [
            *[Kind.CONTRADICTION.value] * 3, Kind.UNIT_MISMATCH.value]  # fmt: skip

    def test_a_large_quantity_is_split_by_several_first_claims(self) -> None:
        """15 pairs, at most 12 a batch: 12 // 6 claims = 2 first claims a batch."""
        claims = prepared_rows(disagreeing("x", 6))
        batches = list(pair_batches(claims, 12))
        assert [batch.height for batch in batches] == [5 + 4, 3 + 2, 1]
        firsts = [sorted(set(batch.get_column("claim_a"))) for batch in batches]
        assert firsts == [["x0", "x1"], ["x2", "x3"], ["x4"]]


def test_last_day_before_its_month_is_not_ordered_either() -> None:
    """The same pair as the first TimeOrder test with the rows the other way round."""
    finding = only(["a,s,x,m,,,30,,USD,,,2024-03-31,", "b,s,x,m,,,20,,USD,,,2024-03,"])
    assert finding.kind == Kind.CONTRADICTION.value


class TestCurrencies:
    """Money in two currencies meets in euros (docs/currencies.md): the pairs it leaves."""

    EU = "eu,s1,u,aid,,,5.00,,billion EUR,,,2022-09,"
    US = "us,s2,u,aid,,,4.87,,billion USD,,,2022-09,"

    def test_figures_that_agree_in_euros_are_no_finding(self) -> None:
        assert len(compare_rows([self.EU, self.US])) == 0

    def test_figures_apart_in_euros_contradict(self) -> None:
        rows = [self.EU, "us,s2,u,aid,,,5.60,,billion USD,,,2022-09-23,"]
        finding = only(rows)
        assert finding.kind == Kind.CONTRADICTION.value
        assert (finding.base_unit_a, finding.base_unit_b) == ("EUR", "EUR")

    def test_one_currency_disagreeing_with_itself_is_found_beside_another(self) -> None:
        """The dollars disagree with each other; the euros agree with the first dollars only."""
        rows = [self.EU, self.US, "us2,s2,u,aid,,,9.87,,billion USD,,,2022-09,"]
        found = [(f.claim_a, f.claim_b, f.base_unit_a, f.base_unit_b) for f in compare_rows(rows)]
        assert found == [("eu", "us2", "EUR", "EUR"), ("us", "us2", "USD", "USD")]

    def test_money_against_another_dimension_is_a_unit_mismatch(self) -> None:
        rows = [self.EU, self.US, "kg,s2,u,aid,,,4.87,,kg,,,2022-09,"]
        found = [(f.kind, f.claim_a, f.claim_b) for f in compare_rows(rows)]
        assert found == [
            (Kind.UNIT_MISMATCH.value, "eu", "kg"),
            (Kind.UNIT_MISMATCH.value, "kg", "us"),
        ]

    def test_agreeing_currencies_hide_no_disagreement_within_one(self) -> None:
        rows = [self.EU, "eu2,s2,u,aid,,,7.00,,billion EUR,,,2022-09,", self.US]
        found = [(f.kind, f.claim_a, f.claim_b) for f in compare_rows(rows)]
        assert found == [
            (Kind.CONTRADICTION.value, "eu", "eu2"),
            (Kind.CONTRADICTION.value, "eu2", "us"),
        ]

    def test_money_without_a_date_is_not_converted(self) -> None:
        finding = only([self.EU, "us,s2,u,aid,,,4.87,,billion USD,,,,"])
        assert finding.kind == Kind.UNIT_MISMATCH.value
        assert finding.fx_detail == "not converted: no date for us"


def converted_rows(rows: list[str]) -> pl.DataFrame:
    """The claims frame `compare` pairs for a table in two currencies: money in euros too."""
    data = (CLAIMS_HEADER + "".join(row + "\n" for row in rows)).encode()
    table = load_table("-", stdin=io.BytesIO(data), discover=False)
    claims = with_intervals(table.claims.with_row_index("idx"), CompareOptions().approx_tolerance)
    return with_quantities(convert(claims).claims)


_EU, _US = TestCurrencies.EU, TestCurrencies.US


@pytest.mark.parametrize(
    ("rows", "pairs", "findings"),
    [
        ([_EU, _US], 0, 0),
        ([_EU, "eu2,s1,u,aid,,,5.00,,billion EUR,,,2022-09,", _US,
          "us2,s2,u,aid,,,4.87,,billion USD,,,2022-09,"], 0, 0),
        ([_EU, _US, "us2,s2,u,aid,,,9.87,,billion USD,,,2022-09,"], 3, 2),
        ([_EU, "eu2,s1,u,aid,,,7.00,,billion EUR,,,2022-09,", _US], 3, 2),
        ([_EU, _US, "kg,s2,u,aid,,,4.87,,kg,,,2022-09,"], 3, 2),
        ([_EU, "us,s2,u,aid,,,5.60,,billion USD,,,2022-09-23,"], 1, 1),
        ([_EU, "us,s2,u,aid,,,4.87,,billion USD,,,,"], 1, 1),
        ([_EU, _US, "x1,s,v,m,,,5,,USD,,,,", "x2,s,v,m,,,5,,USD,,,,"], 0, 0),
        # Euros a rounding apart at a billion, in a table that converts (the dollars).
        (["a,s,x,m,,,500000000,1000000000,EUR,range,,2022-09,",
          "b,s,x,m,,,1000000000.6,,EUR,,,2022-09,", _US], 0, 0),
        (["a,s,x,m,,,-1000000000,-500000000,EUR,range,,2022-09,",
          "b,s,x,m,,,-1000000000.6,,EUR,,,2022-09,", _US], 0, 0),
    ],
)  # fmt: skip
def test_currencies_that_agree_in_euros_cost_no_pairs(
    rows: list[str], pairs: int, findings: int
) -> None:
    """Paired: a quantity that disagrees within a currency, in euros or across dimensions."""
    claims = converted_rows(rows)
    assert pair_count(claims) == pairs
    assert pair_findings(claims).height == findings


@pytest.mark.parametrize("high", ["50", "5"])
def test_report_columns_keep_their_types_with_or_without_findings(high: str) -> None:
    """Numbers stay floats and digests text even when no row holds one (finding_schema)."""
    schema = compare_rows(["a,s,x,m,,,5,,USD,,,,", f"b,s,x,m,,,{high},,USD,,,,"]).findings.schema
    declared = finding_schema()
    for name in (*(n for n, t in declared.items() if t == pl.Float64), "fingerprint", "fails"):
        assert schema[name] == declared[name], name
