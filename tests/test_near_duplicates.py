"""`near_duplicate_key`: quantities split by a spelling whose figures would conflict if merged."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck.findings import DEFAULT_FAIL_ON, Kind, fingerprint_text
from claimcheck.models import CompareOptions
from claimcheck.near_duplicates import number_keys
from claimcheck.pipeline import compare_files
from claimcheck.suggest import _NUMBER
from conftest import DATA, SEED_CLAIMS, run_cli

FIXTURE = DATA / "trust" / "keys" / "claims.csv"
HEADER = "claim_id,source_id,subject,metric,object,period,value,unit,qualifier\n"
KIND = Kind.NEAR_DUPLICATE_KEY.value


def _near(path: Path, options: CompareOptions | None = None) -> pl.DataFrame:
    return compare_files(path, options).findings.filter(pl.col("kind") == KIND)


def _table(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_conflicting_spellings_are_a_finding() -> None:
    """3 million under one spelling against 5 million under the other."""
    found = _near(FIXTURE)
    assert found.height == 1
    row = found.row(0, named=True)
    assert (row["claim_a"], row["claim_b"]) == ("a1", "a2")
    assert row["metric"] == "artillery_shells_shipped"
    assert row["severity"] == "low"
    assert row["fails"] is False
    assert row["quantity"] is None
    assert "artillery_shell_shipments" in row["relation_detail"]
    assert row["relative_gap"] > 0


def test_fingerprint_is_fingerprint_text() -> None:
    row = _near(FIXTURE).row(0, named=True)
    sides = [
        [
            row[f"{name}_{side}"] or ""
            for name in ("claim", "value", "value_high", "unit", "qualifier")
        ]
        for side in ("a", "b")
    ]
    key = [row[part] for part in ("subject", "metric", "object", "period")]
    assert row["fingerprint"] == fingerprint_text(KIND, key, sides)


def test_direction_words_are_not_near_duplicates(tmp_path: Path) -> None:
    """`arms_exports` and `arms_imports` are two quantities, whatever their figures."""
    path = _table(
        tmp_path,
        "c1,s1,north_korea,arms_exports,russia,2024,5,billion USD,exact\n"
        "c2,s2,north_korea,arms_imports,russia,2024,2,billion USD,exact\n",
    )
    assert _near(path).height == 0


def test_agreeing_figures_are_no_finding(tmp_path: Path) -> None:
    """Spellings split the quantity, but merged they would agree: nothing to warn about."""
    path = _table(
        tmp_path,
        "a1,s1,nk,artillery_shells_shipped,ru,2024,3,million artillery_shell,exact\n"
        "a2,s2,nk,artillery_shell_shipments,ru,2024,3.1,million artillery_shell,approx\n",
    )
    assert _near(path).height == 0


def test_other_dimension_is_no_finding(tmp_path: Path) -> None:
    path = _table(
        tmp_path,
        "a1,s1,north_korea,artillery_shells_shipped,russia,2024,3,million artillery_shell,exact\n"
        "a2,s2,north_korea,artillery_shell_shipments,russia,2024,5,container,exact\n",
    )
    assert _near(path).height == 0


def test_other_key_parts_must_be_equal(tmp_path: Path) -> None:
    """A near-duplicate metric in another period is another quantity anyway."""
    path = _table(
        tmp_path,
        "a1,s1,north_korea,artillery_shells_shipped,russia,2023,3,million artillery_shell,exact\n"
        "a2,s2,north_korea,artillery_shell_shipments,russia,2024,5,million artillery_shell,exact\n",
    )
    assert _near(path).height == 0


def test_seed_has_none() -> None:
    assert _near(SEED_CLAIMS).height == 0


def test_fails_only_when_asked() -> None:
    """Not a default failing kind; `--fail-on any` includes it like every kind."""
    assert Kind.NEAR_DUPLICATE_KEY not in DEFAULT_FAIL_ON
    found = _near(FIXTURE, CompareOptions(fail_on=frozenset(Kind)))
    assert found.get_column("fails").to_list() == [True]


def test_compare_warns_on_stderr_and_keeps_exit_status() -> None:
    run = run_cli("compare", str(FIXTURE), "--format", "csv")
    assert run.status == 0
    assert "near_duplicate_key" in run.stdout
    warnings = [line for line in run.stderr.splitlines() if "near_duplicate_key:" in line]
    assert len(warnings) == 1
    assert "'artillery_shell_shipments' ~ 'artillery_shells_shipped'" in warnings[0]
    assert "a1 (3 million artillery_shell) and a2 (5 million artillery_shell)" in warnings[0]


def test_quiet_drops_the_warning() -> None:
    run = run_cli("compare", str(FIXTURE), "--format", "csv", "--quiet")
    assert run.status == 0
    assert run.stderr == ""


def test_names_holding_the_same_number_are_still_compared(tmp_path: Path) -> None:
    """Partitioning by numbers skips only pairs that differ by one; equal numbers stay in."""
    path = _table(
        tmp_path,
        "d1,s1,ru,shells_152mm_sent,nk,2024,100,artillery_shell,exact\n"
        "d2,s2,ru,shell_152mm_sent,nk,2024,200,artillery_shell,exact\n"
        "d3,s2,ru,shells_122mm_sent,nk,2024,900,artillery_shell,exact\n",
    )
    found = _near(path)
    assert found.select("claim_a", "claim_b").rows() == [("d1", "d2")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab_ 19.,٣𞄰é-", max_size=12), max_size=20))
@example(["shells_9_1", "shells_1_9"])  # two numbers, written out of order
@example(["shells_٣", "shells_3"])  # an Arabic-Indic digit is a digit to `\d`
def test_number_keys_read_numbers_as_the_suggestion_rules_do(names: list[str]) -> None:
    """The polars reading of numbers in names equals `_NUMBER`'s, Unicode digits included."""
    expected = [" ".join(sorted(_NUMBER.findall(name))) for name in names]
    assert number_keys(pl.Series(names, dtype=pl.String)).to_list() == expected
