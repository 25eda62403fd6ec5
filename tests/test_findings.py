"""Each finding rule has one definition; where it has a Python and a polars form, they agree.

The pairwise rules compute severity, relative gap and fingerprint on columns;
relations and near-duplicate keys compute them on Python rows. If the two
forms drifted, equal findings would get different severities or digests
depending on which rule found them, and baselines would break.
"""

from __future__ import annotations

from unittest.mock import patch

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import findings
from claimcheck.findings import (
    FIGURE_COLUMNS,
    FINDING_COLUMNS,
    FINDING_KEY,
    SEVERITY_HIGH_GAP,
    SEVERITY_MEDIUM_GAP,
    Kind,
    Severity,
    any_hedged,
    claim_figure,
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

_MODALITIES = st.sampled_from([None, *(m.value for m in Modality)])
_GAPS = st.floats(min_value=0, allow_nan=False) | st.sampled_from(
    [0.0, SEVERITY_MEDIUM_GAP, SEVERITY_HIGH_GAP, 0.0999999, 0.4999999]
)
# polars strings are UTF-8: lone surrogates cannot be stored, and never come from a file.
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


@given(st.lists(st.tuples(st.sampled_from(list(Kind)), _GAPS, _MODALITIES, _MODALITIES)))
def test_severity_forms_agree(rows: list[tuple[Kind, float, str | None, str | None]]) -> None:
    frame = pl.DataFrame(
        [(kind.value, gap, a, b) for kind, gap, a, b in rows],
        schema={"kind": pl.String, "relative_gap": pl.Float64,
                "modality_a": pl.String, "modality_b": pl.String},
        orient="row",
    )  # fmt: skip
    columns = frame.select(severity_expr()).to_series().to_list()
    rows_ = [severity(kind.value, gap, hedged=any_hedged((a, b))) for kind, gap, a, b in rows]
    assert columns == rows_


def test_severity_steps_down_once_when_hedged() -> None:
    kind = Kind.CONTRADICTION.value
    assert severity(kind, SEVERITY_HIGH_GAP, hedged=False) == Severity.HIGH.value
    assert severity(kind, SEVERITY_HIGH_GAP, hedged=True) == Severity.MEDIUM.value
    assert severity(kind, SEVERITY_MEDIUM_GAP, hedged=True) == Severity.LOW.value
    assert severity(kind, 0.0, hedged=True) == Severity.LOW.value
    assert severity(Kind.UNIT_MISMATCH.value, 0.0, hedged=True) == Severity.MEDIUM.value
    assert severity(Kind.CHANGED.value, 9.0, hedged=False) == Severity.LOW.value
    assert severity(Kind.NEAR_DUPLICATE_KEY.value, 9.0, hedged=False) == Severity.LOW.value


_FINITE = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)


@given(st.lists(st.tuples(_FINITE, _FINITE | st.just(0.0))))
def test_relative_gap_forms_agree(rows: list[tuple[float, float]]) -> None:
    frame = pl.DataFrame(rows, schema={"gap": pl.Float64, "magnitude": pl.Float64}, orient="row")
    columns = frame.select(relative_gap_expr(pl.col("gap"), pl.col("magnitude"))).to_series()
    assert columns.to_list() == [relative_gap(gap, magnitude) for gap, magnitude in rows]


def test_relative_gap_without_a_scale_is_zero() -> None:
    assert relative_gap(5.0, 0.0) == 0.0
    assert relative_gap(5.0, 10.0) == 0.5


_FIGURES = st.lists(_TEXT, min_size=10, max_size=10)


@given(
    st.lists(st.tuples(_TEXT, st.tuples(*[_TEXT] * 4), _FIGURES)),
    st.integers(1, 4),
    st.integers(1, 3),
)
def test_fingerprint_forms_agree(
    rows: list[tuple[str, tuple[str, ...], list[str]]], hashed: int, ahead: int
) -> None:
    """The column-wise digest is `fingerprint_text` for any text, whichever side sorts first,
    however many are hashed at once and built ahead: in the findings' order."""
    names = [f"{name}_{side}" for side in ("a", "b") for name in FIGURE_COLUMNS]
    frame = pl.DataFrame(
        [(kind, *key, *figures) for kind, key, figures in rows],
        schema=dict.fromkeys(("kind", *FINDING_KEY, *names), pl.String),
        orient="row",
    )
    expected = [
        fingerprint_text(kind, key, [figures[:5], figures[5:]]) for kind, key, figures in rows
    ]
    with patch.object(findings, "_HASHED", hashed), patch.object(findings, "_AHEAD", ahead):
        column = fingerprint_column(frame)
    assert column.to_list() == expected
    assert column.name == "fingerprint"
    assert column.dtype == pl.String


def test_fingerprint_ignores_which_side_is_a() -> None:
    key = ("x", "m", "", "2023")
    a, b = ("c1", "5", "", "USD", "exact"), ("c2", "6", "", "USD", "exact")
    digest = fingerprint_text("contradiction", key, [a, b])
    assert digest == fingerprint_text("contradiction", key, [b, a])
    assert digest != fingerprint_text("changed", key, [a, b])


def test_claim_figure_reads_the_claims_columns() -> None:
    claim = {"claim_id": "c1", "value": "5.5", "value_high": None, "unit": "USD",
             "qualifier": "approx", "quote": "not part of it"}  # fmt: skip
    assert claim_figure(claim) == ("c1", "5.5", "", "USD", "approx")


@given(
    st.lists(st.tuples(st.sampled_from(list(Kind)), st.sampled_from(["f1", "f2", "f3"]))),
    st.sets(st.sampled_from(list(Kind))),
    st.sets(st.sampled_from(["f1", "f2"])),
)
def test_fails_is_kind_chosen_and_not_accepted(
    rows: list[tuple[Kind, str]], fail_on: set[Kind], known: set[str]
) -> None:
    frame = pl.DataFrame(
        [(kind.value, fp) for kind, fp in rows],
        schema={"kind": pl.String, "fingerprint": pl.String},
        orient="row",
    )
    fails = frame.select(fails_expr(fail_on, known)).to_series().to_list()
    assert fails == [kind in fail_on and fp not in known for kind, fp in rows]


def test_schema_covers_every_finding_column() -> None:
    schema = finding_schema()
    assert tuple(schema) == FINDING_COLUMNS
    assert schema["fails"] == pl.Boolean
    assert schema["relative_gap"] == pl.Float64
    assert schema["line_a"] == pl.Int64
