"""The finding rules of contract section 4, and the properties they must keep."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.errors import UsageError
from claimcheck.findings import Kind
from claimcheck.models import CompareOptions, Finding, Report, parse_fail_on
from claimcheck.pipeline import compare
from claimcheck.table import load_table
from conftest import DATA, compare_rows

run = compare_rows


def only(report: Report) -> Finding:
    findings = list(report)
    assert len(findings) == 1, findings
    return findings[0]


class TestKinds:
    def test_contradiction_same_closed_period(self) -> None:
        finding = only(
            run(
                [
                    "a,s1,North Korea,containers,russia,2023,11000,,container,approx,,2024-01,",
                    "b,s2,north_korea,Containers,Russia,2023,7000,,container,exact,,2025-06,",
                ]
            )
        )
        assert finding.kind == Kind.CONTRADICTION.value
        assert (finding.claim_a, finding.claim_b) == ("a", "b")
        assert finding.fails

    def test_agreeing_claims_are_no_finding(self) -> None:
        report = run(
            [
                "a,s1,x,m,,,5.5,,billion USD,at_most,hedged,,",
                "b,s2,x,m,,,5.5,,billion USD,exact,,,",
                "c,s3,x,m,,,5500,,million USD,approx,,,",
            ]
        )
        assert len(report) == 0

    def test_units_convert_before_comparing(self) -> None:
        """5.5 billion USD and 5500 million USD are one figure; 5.6 billion is not."""
        assert len(run(["a,s,x,m,,,5.5,,billion USD,,,,", "b,s,x,m,,,5500,,million USD,,,,"])) == 0
        assert len(run(["a,s,x,m,,,5.5,,billion USD,,,,", "b,s,x,m,,,5600,,million USD,,,,"])) == 1

    def test_unit_mismatch(self) -> None:
        finding = only(run(["a,s,x,m,,,5,,USD,,,,", "b,s,x,m,,,5,,EUR,,,,"]))
        assert finding.kind == Kind.UNIT_MISMATCH.value
        assert finding.relative_gap == 0.0

    def test_changed_between_dates(self) -> None:
        finding = only(
            run(
                [
                    "new,s,x,gdp,,,30,,billion USD,,,2024,",
                    "old,s,x,gdp,,,23.7,,billion USD,,,2022,",
                ]
            )
        )
        assert finding.kind == Kind.CHANGED.value
        assert (finding.claim_a, finding.claim_b) == ("old", "new"), "claim_a is the earlier"
        assert not finding.fails

    def test_same_time_is_a_contradiction(self) -> None:
        finding = only(run(["a,s,x,m,,,30,,USD,,,2024-05,", "b,s,x,m,,,20,,USD,,,2024-05,"]))
        assert finding.kind == Kind.CONTRADICTION.value

    def test_unknown_time_is_a_contradiction(self) -> None:
        finding = only(run(["a,s,x,m,,,30,,USD,,,2024,", "b,s,x,m,,,20,,USD,,,,"]))
        assert finding.kind == Kind.CONTRADICTION.value

    def test_unordered_times_compare_as_equal(self) -> None:
        """2024 and 2024-06 overlap: their order is unknown, so no `changed`."""
        finding = only(run(["a,s,x,m,,,30,,USD,,,2024,", "b,s,x,m,,,20,,USD,,,2024-06,"]))
        assert finding.kind == Kind.CONTRADICTION.value

    def test_decreasing_cumulative(self) -> None:
        finding = only(
            run(
                [
                    "jun,s,x,shells,,2023-09/..,1.5,,million artillery_shell,,,2024-06,",
                    "jan,s,x,shells,,2023-09/..,3,,million artillery_shell,,,2024-01,",
                ]
            )
        )
        assert finding.kind == Kind.DECREASING_CUMULATIVE.value
        assert (finding.claim_a, finding.claim_b) == ("jan", "jun")

    def test_growing_running_total_is_fine(self) -> None:
        report = run(
            [
                "jan,s,x,shells,,2023-09/..,1.5,,million artillery_shell,,,2024-01,",
                "jun,s,x,shells,,2023-09/..,3,,million artillery_shell,,,2024-06,",
            ]
        )
        assert len(report) == 0

    def test_different_periods_are_different_quantities(self) -> None:
        assert len(run(["a,s,x,m,,2023,30,,USD,,,,", "b,s,x,m,,2024,20,,USD,,,,"])) == 0

    def test_direction_lives_in_object(self) -> None:
        report = run(
            [
                "to_ru,s,north_korea,containers,russia,,11000,,container,approx,,,",
                "to_nk,s,russia,containers,north_korea,,9000,,container,exact,,,",
            ]
        )
        assert len(report) == 0
        assert report.quantities == 2


class TestFigures:
    def test_relative_gap(self) -> None:
        finding = only(run(["a,s,x,m,,,100,,USD,,,,", "b,s,x,m,,,200,,USD,,,,"]))
        # intervals 99.5-100.5 and 199.5-200.5: distance 99, larger magnitude 200
        assert finding.relative_gap == pytest.approx(99 / 200)

    def test_touching_intervals_do_not_conflict(self) -> None:
        """5.45 is where 5.4 ends and 5.5 begins: rounding must not split them."""
        assert len(run(["a,s,x,m,,,5.5,,billion USD,,,,", "b,s,x,m,,,5.4,,billion USD,,,,"])) == 0

    @pytest.mark.parametrize(
        ("values", "modality", "severity"),
        [
            (("100", "105"), "asserted", "low"),
            (("100", "130"), "asserted", "medium"),
            (("100", "300"), "asserted", "high"),
            (("100", "300"), "hedged", "medium"),
        ],
    )
    def test_severity(self, values: tuple[str, str], modality: str, severity: str) -> None:
        finding = only(
            run(
                [
                    f"a,s,x,m,,,{values[0]},,USD,,{modality},,",
                    f"b,s,x,m,,,{values[1]},,USD,,,,",
                ]
            )
        )
        assert finding.severity == severity

    def test_approx_tolerance_option(self) -> None:
        rows = ["a,s,x,m,,,100,,USD,approx,,,", "b,s,x,m,,,125,,USD,approx,,,"]
        assert len(run(rows)) == 1
        assert len(run(rows, CompareOptions(approx_tolerance=0.2))) == 0

    def test_bad_tolerance(self) -> None:
        with pytest.raises(UsageError):
            CompareOptions(approx_tolerance=1.5)


class TestFailOn:
    def test_choices(self) -> None:
        assert parse_fail_on("any") == frozenset(Kind)
        assert parse_fail_on("none") == frozenset()
        assert parse_fail_on("changed, contradiction") == {Kind.CHANGED, Kind.CONTRADICTION}

    def test_unknown_kind(self) -> None:
        with pytest.raises(UsageError, match="contradictions"):
            parse_fail_on("contradictions")

    def test_changed_can_fail(self) -> None:
        rows = ["old,s,x,m,,,1,,USD,,,2022,", "new,s,x,m,,,3,,USD,,,2024,"]
        assert run(rows).failing == 0
        assert run(rows, CompareOptions(fail_on=frozenset({Kind.CHANGED}))).failing == 1

    def test_known_fingerprints_do_not_fail(self) -> None:
        rows = ["a,s,x,m,,,1,,USD,,,,", "b,s,x,m,,,3,,USD,,,,"]
        fingerprint = only(run(rows)).fingerprint
        assert run(rows, CompareOptions(known=frozenset({fingerprint}))).failing == 0


CONFLICTS = (DATA / "conflicts" / "claims.csv").read_text(encoding="utf-8").splitlines()


def _findings(lines: list[str]) -> set[tuple[str, str, str, str]]:
    data = ("\n".join(lines) + "\n").encode()
    report = compare(load_table("-", stdin=io.BytesIO(data), discover=False))
    return {(f.kind, f.claim_a, f.claim_b, f.fingerprint) for f in report}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_row_order(rng: random.Random) -> None:
    body = CONFLICTS[1:]
    shuffled = body[:]
    rng.shuffle(shuffled)
    assert _findings([CONFLICTS[0], *shuffled]) == _findings(CONFLICTS)


@settings(max_examples=25, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_characters='"\r\n', blacklist_categories=["Cs", "Cc"]),
        max_size=40,
    )
)
def test_fingerprints_ignore_quotes(quote: str) -> None:
    """Editing a quote (or note, or speaker) keeps every finding's fingerprint."""
    edited = [CONFLICTS[0]] + [
        line.replace('"Südkorea schätzt 7.000 Container."', '"' + quote + '"')
        for line in CONFLICTS[1:]
    ]
    assert {f[3] for f in _findings(edited)} == {f[3] for f in _findings(CONFLICTS)}


def test_fingerprint_changes_with_the_figure() -> None:
    edited = [line.replace(",7000,", ",7001,") for line in CONFLICTS]
    before = {f[3] for f in _findings(CONFLICTS)}
    after = {f[3] for f in _findings(edited)}
    assert len(before - after) == 1


def test_column_fingerprints_equal_fingerprint_text() -> None:
    """The column-wise digests are exactly `fingerprint_text` of each finding."""
    from claimcheck.findings import fingerprint_text

    report = compare(load_table(DATA / "conflicts" / "claims.csv"))
    assert len(report) == 4
    for f in report:
        sides = [
            (f.claim_a, f.value_a, f.value_high_a, f.unit_a, f.qualifier_a),
            (f.claim_b, f.value_b, f.value_high_b, f.unit_b, f.qualifier_b),
        ]
        key = (f.subject, f.metric, f.object, f.period)
        assert f.fingerprint == fingerprint_text(f.kind, key, sides)
