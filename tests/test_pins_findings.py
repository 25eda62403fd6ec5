"""Behaviour of findings.py that tests/test_findings.py did not pin with fixed examples.

test_findings.py holds the Python and polars forms equal for random inputs; these
pin what both forms must say: the digest a baseline stores, the severity at each
threshold, the gap without a scale, the `fails` policy and the column types.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from claimcheck.findings import (
    FIGURE_COLUMNS,
    FINDING_COLUMNS,
    FINDING_KEY,
    SEVERITY_HIGH_GAP,
    SEVERITY_MEDIUM_GAP,
    Kind,
    Severity,
    any_hedged,
    fails_expr,
    finding_schema,
    fingerprint_column,
    fingerprint_text,
    relative_gap,
    relative_gap_expr,
    severity,
    severity_expr,
)
from claimcheck.quantities import Modality

KEY = ("x", "m", "", "2023")
SIDE_A = ("c1", "5", "5.5", "USD", "range")
SIDE_B = ("c2", "6", "", "USD", "exact")
DIGEST = "6ab4b649adbd233c"
"""fingerprint_text of KIND, KEY and the two sides, as baselines written by earlier versions
store it: a change to the digest's text, separators or length would make every accepted
finding fail again."""


class TestFingerprint:
    def test_digest_is_stable_across_versions(self) -> None:
        assert fingerprint_text(Kind.CONTRADICTION.value, KEY, [SIDE_B, SIDE_A]) == DIGEST
        assert fingerprint_text(Kind.CONTRADICTION.value, KEY, [SIDE_A, SIDE_B]) == DIGEST

    def test_non_ascii_text_is_hashed_as_utf8(self) -> None:
        digest = fingerprint_text("changed", ("gdp", "", "é", ""), [("a", "1"), ("b", "2")])
        assert digest == "39147cf7734952a9"

    def test_the_column_form_gives_the_stored_digest(self) -> None:
        row = dict(zip(("kind", *FINDING_KEY), (Kind.CONTRADICTION.value, *KEY), strict=True))
        for side, figure in (("a", SIDE_B), ("b", SIDE_A)):
            row |= {f"{name}_{side}": value for name, value in zip(FIGURE_COLUMNS, figure,
                                                                   strict=True)}  # fmt: skip
        digests = fingerprint_column(pl.DataFrame([row]))
        assert digests.name == "fingerprint"
        assert digests.dtype == pl.String
        assert digests.to_list() == [DIGEST]

    def test_the_column_form_reads_a_missing_text_as_empty(self) -> None:
        """A null key part or figure hashes as "", as `fingerprint_text` of "" does."""
        names = [f"{name}_{side}" for side in ("a", "b") for name in FIGURE_COLUMNS]
        frame = pl.DataFrame(
            [(Kind.CHANGED.value, "x", "m", None, "", "c1", "5", None, "USD", "exact",
              "c2", "6", None, "USD", "exact")],
            schema=dict.fromkeys(("kind", *FINDING_KEY, *names), pl.String),
            orient="row",
        )  # fmt: skip
        expected = fingerprint_text(
            Kind.CHANGED.value,
            ("x", "m", "", ""),
            [("c1", "5", "", "USD", "exact"), ("c2", "6", "", "USD", "exact")],
        )
        assert fingerprint_column(frame).to_list() == [expected]

    def test_no_findings_still_have_a_text_fingerprint_column(self) -> None:
        """A report's schema does not depend on its rows: empty, the digests are still text."""
        names = [f"{name}_{side}" for side in ("a", "b") for name in FIGURE_COLUMNS]
        frame = pl.DataFrame(schema=dict.fromkeys(("kind", *FINDING_KEY, *names), pl.String))
        digests = fingerprint_column(frame)
        assert (digests.name, digests.len()) == ("fingerprint", 0)
        assert digests.dtype == pl.String


class TestRelativeGap:
    @pytest.mark.parametrize(
        ("gap", "magnitude", "expected"), [(5.0, 10.0, 0.5), (3.0, 1.0, 3.0), (5.0, 0.0, 0.0)]
    )
    def test_gap_over_magnitude_and_zero_without_a_scale(
        self, gap: float, magnitude: float, expected: float
    ) -> None:
        assert relative_gap(gap, magnitude) == expected
        frame = pl.DataFrame({"gap": [gap], "magnitude": [magnitude]})
        column = frame.select(relative_gap_expr(pl.col("gap"), pl.col("magnitude")))
        assert column.to_series().to_list() == [expected]


_LEVEL_AT = [
    (0.0, Severity.LOW),
    (SEVERITY_MEDIUM_GAP - 1e-9, Severity.LOW),
    (SEVERITY_MEDIUM_GAP, Severity.MEDIUM),
    (SEVERITY_HIGH_GAP - 1e-9, Severity.MEDIUM),
    (SEVERITY_HIGH_GAP, Severity.HIGH),
    (7.0, Severity.HIGH),
]
_ONE_LOWER = {Severity.LOW: Severity.LOW, Severity.MEDIUM: Severity.LOW,
              Severity.HIGH: Severity.MEDIUM}  # fmt: skip


def _severities(rows: Sequence[tuple[str, float, str | None, str | None]]) -> list[str]:
    frame = pl.DataFrame(
        rows,
        schema={"kind": pl.String, "relative_gap": pl.Float64,
                "modality_a": pl.String, "modality_b": pl.String},
        orient="row",
    )  # fmt: skip
    column = frame.select(severity_expr()).to_series()
    assert column.dtype == pl.String
    return column.to_list()


class TestSeverity:
    def test_thresholds_are_inclusive(self) -> None:
        kind = Kind.CONTRADICTION.value
        assert [severity(kind, gap, hedged=False) for gap, _ in _LEVEL_AT] == [
            level.value for _, level in _LEVEL_AT
        ]
        asserted = Modality.ASSERTED.value
        rows = [(kind, gap, asserted, None) for gap, _ in _LEVEL_AT]
        assert _severities(rows) == [level.value for _, level in _LEVEL_AT]

    @pytest.mark.parametrize("side", ["a", "b", "both"])
    def test_a_hedged_side_lowers_the_level_once_never_below_low(self, side: str) -> None:
        kind = Kind.DECREASING_CUMULATIVE.value
        hedged, asserted = Modality.HEDGED.value, Modality.ASSERTED.value
        a = hedged if side in ("a", "both") else asserted
        b = hedged if side in ("b", "both") else asserted
        expected = [_ONE_LOWER[level].value for _, level in _LEVEL_AT]
        assert _severities([(kind, gap, a, b) for gap, _ in _LEVEL_AT]) == expected
        hedges = any_hedged((a, b))
        assert [severity(kind, gap, hedged=hedges) for gap, _ in _LEVEL_AT] == expected

    def test_fixed_kinds_ignore_gap_and_hedging(self) -> None:
        hedged = Modality.HEDGED.value
        rows = [
            (Kind.UNIT_MISMATCH.value, 0.0, hedged, hedged),
            (Kind.CHANGED.value, 9.0, None, None),
            (Kind.NEAR_DUPLICATE_KEY.value, 9.0, None, None),
            (Kind.RELATION_VIOLATED.value, 9.0, None, None),
        ]
        expected = [Severity.MEDIUM.value, Severity.LOW.value, Severity.LOW.value,
                    Severity.HIGH.value]  # fmt: skip
        assert _severities(rows) == expected
        assert [severity(k, g, hedged=any_hedged((a, b))) for k, g, a, b in rows] == expected

    def test_only_the_hedged_modality_hedges(self) -> None:
        assert any_hedged([None, Modality.ASSERTED.value, Modality.HEDGED.value])
        assert not any_hedged([None, Modality.ASSERTED.value])
        assert not any_hedged([])


class TestFails:
    def test_a_chosen_kind_fails_unless_the_baseline_accepted_it(self) -> None:
        frame = pl.DataFrame(
            {
                "kind": [Kind.CONTRADICTION.value, Kind.CONTRADICTION.value, Kind.CHANGED.value],
                "fingerprint": ["new", "accepted", "new"],
            }
        )
        fails = frame.select(fails_expr({Kind.CONTRADICTION}, {"accepted"})).to_series()
        assert fails.to_list() == [True, False, False]
        nothing = frame.select(fails_expr(set(), set())).to_series()
        assert nothing.to_list() == [False, False, False]


def test_schema_types_every_column() -> None:
    schema = finding_schema()
    floats = {"relative_gap", "low_a", "high_a", "low_b", "high_b", "derived_low",
              "derived_high", "fx_rate_low_a", "fx_rate_high_a", "fx_rate_low_b",
              "fx_rate_high_b"}  # fmt: skip
    for name in FINDING_COLUMNS:
        if name in floats:
            assert schema[name] == pl.Float64, name
        elif name in ("line_a", "line_b"):
            assert schema[name] == pl.Int64, name
        elif name == "fails":
            assert schema[name] == pl.Boolean
        else:
            assert schema[name] == pl.String, name
