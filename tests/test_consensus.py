"""`claimcheck consensus`: camps, outliers, reliability, copies and time (contract section 11)."""

from __future__ import annotations

import csv
import io
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.consensus import (
    ROW_COLUMNS,
    SOURCE_COLUMNS,
    Consensus,
    ConsensusOptions,
    Method,
    _Sweep,
    consensus_files,
)
from conftest import DATA, SEED_CLAIMS, run_cli, run_process
from synthetic import Source, accuracy, generate

CONFLICTS = DATA / "conflicts" / "claims.csv"
HEADER = (
    "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,modality,as_of"
)

Record = Callable[[str, object], None]
"""pytest's record_property fixture."""


def _table(tmp_path: Path, rows: list[str], name: str = "claims.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _rows(result: Consensus) -> list[dict[str, object]]:
    return result.quantities.to_dicts()


def _versus_majority(table: Path, truth: dict[str, float]) -> tuple[float, float]:
    """Accuracy of the reliability consensus and of a plain majority vote on one table."""
    mine = accuracy(_rows(consensus_files(table)), truth)
    majority = accuracy(
        _rows(consensus_files(table, ConsensusOptions(method=Method.MAJORITY))), truth
    )
    print(f"{table.name}: consensus {mine:.3f}, majority vote {majority:.3f}, "
          f"margin {mine - majority:+.3f}")  # fmt: skip
    return mine, majority


class TestBeatsMajorityVote:
    """Generated tables with a known truth: each says by how much consensus beats majority."""

    def test_sources_with_known_error_rates(
        self, tmp_path: Path, record_property: Record
    ) -> None:
        """Three sources wrong 10 % of the time against eight wrong 45 % of the time, whose
        errors often coincide: majority vote follows the eight; reliability learns who is good.

        Measured: consensus 0.985, majority vote 0.960 (margin +0.025).
        """
        sources = [Source(f"good{i}", 0.10) for i in range(3)]
        sources += [Source(f"bad{i}", 0.45) for i in range(8)]
        table = generate(tmp_path / "errors.csv", sources, items=400, seed=1)
        mine, majority = _versus_majority(table.path, table.truth)
        record_property("margin", mine - majority)
        assert mine - majority >= 0.015
        by_source = consensus_files(table.path).sources
        reliability = dict(by_source.select("source_id", "reliability").iter_rows())
        assert min(reliability[f"good{i}"] for i in range(3)) > max(
            reliability[f"bad{i}"] for i in range(8)
        )
        # The estimate lands near the truth: 0.9 and 0.55.
        assert reliability["good0"] == pytest.approx(0.9, abs=0.05)
        assert reliability["bad0"] == pytest.approx(0.55, abs=0.05)

    def test_a_clique_of_copiers(
        self, tmp_path: Path, record_property: Record
    ) -> None:
        """Four copiers repeat a source wrong 40 % of the time, word for word: five votes for
        every error. Copy detection gives the clique one shared vote.

        Measured: consensus 0.940, majority vote 0.708 (margin +0.232).
        """
        sources = [Source(f"ind{i}", 0.25) for i in range(5)] + [Source("orig", 0.40)]
        sources += [Source(f"copy{i}", 0.40, copies="orig", copy_rate=0.9) for i in range(4)]
        table = generate(tmp_path / "copiers.csv", sources, items=400, seed=2)
        mine, majority = _versus_majority(table.path, table.truth)
        record_property("margin", mine - majority)
        assert mine - majority >= 0.15
        copies = dict(consensus_files(table.path).sources.select("source_id", "copies").iter_rows())
        assert set(copies["orig"].split(";")) == {f"copy{i}" for i in range(4)}
        assert all(not copies[f"ind{i}"] for i in range(5)), "independent sources are not copies"

    def test_hedged_claims(self, tmp_path: Path, record_property: Record) -> None:
        """Six sources wrong 40 % of the time that hedge most of their errors, three plain
        sources wrong 30 % of the time: hedged claims weigh half.

        Measured: consensus 0.958, majority vote 0.900 (margin +0.057).
        """
        sources = [Source(f"h{i}", 0.40, hedges=0.9) for i in range(6)]
        sources += [Source(f"p{i}", 0.30) for i in range(3)]
        table = generate(tmp_path / "hedged.csv", sources, items=400, seed=3)
        mine, majority = _versus_majority(table.path, table.truth)
        record_property("margin", mine - majority)
        assert mine - majority >= 0.03

    @pytest.mark.parametrize("seed", [0, 1, 2, 3])
    def test_many_sources_of_mixed_quality(
        self, tmp_path: Path, seed: int, record_property: Record
    ) -> None:
        """Thirty sources, error rates from 10 to 70 %, each covering 5 to 60 % of 1,500
        items, three false figures per item, and in odd seeds three copiers of one source:
        the shape of real tables with dozens of disagreeing sources.

        Measured margins for seeds 0-3: +0.031, +0.048, +0.030, +0.037.
        """
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        sources = [
            Source(f"s{i:02d}", rng.uniform(0.1, 0.7), coverage=rng.uniform(0.05, 0.6))
            for i in range(30)
        ]
        if seed % 2:
            sources += [
                Source(f"c{i}", 0.5, coverage=0.5, copies="s00", copy_rate=0.8) for i in range(3)
            ]
        table = generate(tmp_path / "mixed.csv", sources, 1500, seed + 100, false_values=3)
        mine, majority = _versus_majority(table.path, table.truth)
        record_property("margin", mine - majority)
        assert mine - majority >= 0.02


class TestSweep:
    """The heaviest camp from sorted interval ends equals the one found by trying every point."""

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 3),
                st.integers(-20, 20),
                st.integers(0, 15),
                st.integers(1, 5),
            ),
            min_size=1,
            max_size=25,
        )
    )
    def test_matches_brute_force(self, claims: list[tuple[int, int, int, int]]) -> None:
        # Items are numbered 0, 1, ... in claim order, as consensus numbers them.
        dense = {item: n for n, item in enumerate(sorted({c[0] for c in claims}))}
        claims = sorted((dense[c[0]], *c[1:]) for c in claims)
        frame = pl.DataFrame(
            {
                "item": [c[0] for c in claims],
                "_lo": [float(c[1]) for c in claims],
                "_hi": [float(c[1] + c[2]) for c in claims],
                "_point": [float(c[1]) for c in claims],
            },
            schema={"item": pl.Int64, "_lo": pl.Float64, "_hi": pl.Float64, "_point": pl.Float64},
        )
        weights = pl.Series([float(c[3]) for c in claims])
        outcome = _Sweep(frame).run(weights)
        agrees = outcome.get_column("agrees").to_list()
        credits = outcome.get_column("credit").to_list()
        for item in {c[0] for c in claims}:
            members = [i for i, c in enumerate(claims) if c[0] == item]

            def weight_at(point: float, members: list[int] = members) -> float:
                return sum(
                    claims[i][3] for i in members
                    if claims[i][1] <= point <= claims[i][1] + claims[i][2]
                )  # fmt: skip

            best = max(weight_at(claims[i][1]) for i in members)
            camp = [i for i in members if agrees[i]]
            assert sum(claims[i][3] for i in camp) == best
            # A member's credit weighs its camp against the heaviest point outside it.
            points = [c[1] + step for i in members for c in (claims[i],)
                      for step in (-0.25, 0, 0.25)]  # fmt: skip
            points += [c[1] + c[2] + step for i in members for c in (claims[i],)
                       for step in (-0.25, 0, 0.25)]  # fmt: skip
            for i in camp:
                low, high = claims[i][1], claims[i][1] + claims[i][2]
                rival = max([weight_at(p) for p in points if p < low or p > high] or [0])
                expected = 1 / (1 + math.exp(-(best - rival)))
                assert credits[i] == pytest.approx(expected)
            # The camp can all be true at once: its intervals share a point.
            assert max(claims[i][1] for i in camp) <= min(claims[i][1] + claims[i][2]
                                                          for i in camp)  # fmt: skip


class TestItems:
    """Which claims are weighed together: compare's quantity and time rules."""

    def test_fixture_rows(self) -> None:
        rows = {(r["metric"], r["time"], r["unit"]): r for r in _rows(consensus_files(CONFLICTS))}
        containers = rows["containers_shipped", "", "container"]
        assert containers["outliers"] == "kr-containers"
        assert containers["sources_outliers"] == "yonhap"
        assert (containers["value"], containers["low"], containers["high"]) == (11000, 9900, 12100)
        # An update is not a camp: the running total's two dates are two items.
        assert rows["shells_shipped", "2024-01", "million artillery_shell"]["claims"] == 1
        assert rows["shells_shipped", "2024-06", "million artillery_shell"]["claims"] == 1
        # Two dimensions never share a camp.
        assert rows["arms_deliveries", "2024-09", "billion USD"]["claims"] == 1
        trade = rows["trade_volume", "", "million USD"]
        assert (trade["claims"], trade["agree"], trade["outliers"]) == (2, 2, "")

    def test_unknown_time_keeps_the_quantity_together(self, tmp_path: Path) -> None:
        """An unknown time may be any time, so compare compares it with both dates."""
        dated = ["a,s1,x,y,,,10,,container,,,2024-01", "b,s2,x,y,,,20,,container,,,2024-06"]
        apart = consensus_files(_table(tmp_path, dated, "dated.csv"))
        assert apart.quantities.height == 2
        together = consensus_files(_table(tmp_path, [*dated, "c,s3,x,y,,,20,,container,,,"]))
        assert together.quantities.height == 1
        assert together.quantities.row(0, named=True)["outliers"] == "a"

    def test_unit_most_claims_are_written_in(self, tmp_path: Path) -> None:
        rows = [
            "a,s1,x,y,,,11,,thousand container,,,",
            "b,s2,x,y,,,11,,thousand container,,,",
            "c,s3,x,y,,,11000,,container,,,",
            "d,s4,x,y,,,3,,thousand container,,,",
        ]
        row = consensus_files(_table(tmp_path, rows)).quantities.row(0, named=True)
        assert row["unit"] == "thousand container"
        assert (row["value"], row["low"], row["high"]) == (11, 10.9995, 11.0005)
        assert (row["agree"], row["outliers"], row["sources_outliers"]) == (3, "d", "s4")

    def test_one_source_cannot_stuff_the_ballot(self, tmp_path: Path) -> None:
        """A source's claims on one item share its vote: five rows are still one source."""
        stuffed = [f"x{i},loud,x,y,,,50,,container,,," for i in range(5)]
        rows = [*stuffed, "a,s1,x,y,,,10,,container,,,", "b,s2,x,y,,,10,,container,,,"]
        row = consensus_files(_table(tmp_path, rows)).quantities.row(0, named=True)
        assert row["value"] == 10
        assert row["sources_outliers"] == "loud"
        majority = consensus_files(_table(tmp_path, rows), ConsensusOptions(method=Method.MAJORITY))
        assert majority.quantities.row(0, named=True)["value"] == 50

    def test_figure_lies_where_the_camp_allows(self, tmp_path: Path) -> None:
        """docs/consensus.md's worked example: ≈ 11,000 and 10,500 agree only at 10,500."""
        rows = [
            "us,wsj,x,y,,2023,11000,,container,approx,asserted,",
            "kr,yonhap,x,y,,2023,7000,,container,exact,estimated,",
            "jp,nhk,x,y,,2023,10500,,container,exact,asserted,",
            "blog,blog,x,y,,2023,7000,,container,exact,hedged,",
        ]
        row = consensus_files(_table(tmp_path, rows)).quantities.row(0, named=True)
        assert (row["value"], row["low"], row["high"]) == (10500, 10499.5, 10500.5)
        assert (row["agree"], row["outliers"], row["sources_agree"]) == (2, "blog;kr", "nhk;wsj")
        assert row["camps"] == 2

    def test_neighbouring_rounded_figures_are_two_camps(self, tmp_path: Path) -> None:
        """15 and 16 touch at 15.5, which neither source meant: 15 wins, 14 and 16 are out."""
        rows = [f"f{i},s{i},x,y,,,15,,minute,,," for i in range(3)]
        rows += ["up,t1,x,y,,,16,,minute,,,", "down,t2,x,y,,,14,,minute,,,"]
        row = consensus_files(_table(tmp_path, rows)).quantities.row(0, named=True)
        assert (row["value"], row["low"], row["high"]) == (15, 14.5, 15.5)
        assert (row["agree"], row["outliers"], row["camps"]) == (3, "down;up", 3)
        # Ends a source states are kept: at least 15 and at most 15 agree on exactly 15.
        stated = ["a,s1,x,y,,,15,,minute,at_least,,", "b,s2,x,y,,,15,,minute,at_most,,"]
        both = consensus_files(_table(tmp_path, stated, "stated.csv")).quantities.row(0, named=True)
        assert (both["agree"], both["value"]) == (2, 15)

    def test_hedged_claims_weigh_less(self, tmp_path: Path) -> None:
        rows = ["a,s1,x,y,,,10,,container,,hedged,", "b,s2,x,y,,,20,,container,,asserted,"]
        row = consensus_files(_table(tmp_path, rows)).quantities.row(0, named=True)
        assert (row["value"], row["outliers"]) == (20, "a")

    def test_reliability_carries_across_the_table(self, tmp_path: Path) -> None:
        """A source outvoted on many items loses the one-against-one item it would tie."""
        rows = []
        for i in range(6):
            rows += [
                f"g{i},good,q{i},y,,,10,,container,,,",
                f"o{i},other,q{i},y,,,10,,container,,,",
                f"w{i},wrong,q{i},y,,,99,,container,,,",
            ]
        rows += [
            "tie-good,good,last,y,,,7,,container,,,",
            "tie-wrong,wrong,last,y,,,1,,container,,,",
        ]
        result = consensus_files(_table(tmp_path, rows))
        last = result.quantities.filter(pl.col("subject") == "last").row(0, named=True)
        assert last["outliers"] == "tie-wrong"
        reliability = dict(result.sources.select("source_id", "reliability").iter_rows())
        assert 0 <= reliability["wrong"] < 0.5 < reliability["good"] <= 1


class TestCli:
    def test_csv_columns_in_contract_order(self) -> None:
        run = run_process("consensus", str(CONFLICTS), "--format", "csv")
        assert run.status == 0, run.stderr
        header = next(csv.reader(io.StringIO(run.stdout)))
        assert tuple(header[: len(ROW_COLUMNS)]) == ROW_COLUMNS
        assert "claims read" in run.stderr

    def test_by_source(self) -> None:
        run = run_cli("consensus", str(CONFLICTS), "--format", "csv", "--by-source", "-q")
        assert run.status == 0
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert tuple(rows[0])[: len(SOURCE_COLUMNS)] == SOURCE_COLUMNS
        yonhap = next(r for r in rows if r["source_id"] == "yonhap")
        assert (yonhap["claims"], yonhap["agree"], yonhap["outliers"]) == ("2", "1", "1")
        assert all(0 <= float(r["reliability"]) <= 1 for r in rows)
        assert run.stderr == ""

    def test_json_numbers_and_unbounded_ends(self) -> None:
        run = run_cli("consensus", str(SEED_CLAIMS), "--format", "json", "-q")
        assert run.status == 0
        rows = json.loads(run.stdout)
        workers = next(r for r in rows if r["metric"] == "workers_offered")
        assert workers["low"] == 1000
        assert workers["high"] is None, "an at_least claim has no upper end"
        assert isinstance(workers["claims"], int)

    def test_bad_input_is_one_line_and_exit_2(self, tmp_path: Path) -> None:
        path = _table(tmp_path, ["a,s1,x,y,,,ten,,container,,,"])
        run = run_process("consensus", str(path), "--format", "csv")
        assert run.status == 2
        assert run.stdout == ""
        assert run.stderr.startswith(f"{path}:2: value:")
        assert "Traceback" not in run.stderr

    def test_control_characters_never_reach_the_terminal(self, tmp_path: Path) -> None:
        rows = ["a\x1b[31m,s\x07,x,y,,,10,,container,,,", "b,s2,x,y,,,50,,container,,hedged,"]
        run = run_cli("consensus", str(_table(tmp_path, rows)), "--format", "table")
        assert run.status == 0
        assert "\x1b" not in run.stdout
        assert "\x07" not in run.stdout
        assert "a\\x1b[31m" in run.stdout

    def test_majority_method(self) -> None:
        run = run_cli("consensus", str(CONFLICTS), "-f", "csv", "-q", "--method", "majority")
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert {r["method"] for r in rows} == {"majority"}


def test_values_are_finite_or_unbounded_ends() -> None:
    for row in _rows(consensus_files(SEED_CLAIMS)):
        value = float(row["value"])  # type: ignore[arg-type]
        low, high = float(row["low"]), float(row["high"])  # type: ignore[arg-type]
        assert math.isfinite(value)
        assert low <= value <= high


class TestCompareConsensus:
    """`compare --consensus` says which side of each finding is the outlier."""

    def test_sides(self, tmp_path: Path) -> None:
        rows = [
            "a,s1,x,y,,2023,10,,container,,,",
            "b,s2,x,y,,2023,10,,container,,,",
            "z,s3,x,y,,2023,99,,container,,,",
        ]
        run = run_cli("compare", str(_table(tmp_path, rows)), "-f", "csv", "-q", "--consensus")
        assert run.status == 1
        found = {(r["claim_a"], r["claim_b"]): r["outlier"]
                 for r in csv.DictReader(io.StringIO(run.stdout))}  # fmt: skip
        assert found == {("a", "z"): "b", ("b", "z"): "b"}

    def test_fixture_and_default(self) -> None:
        def outliers(*extra: str) -> dict[str, str]:
            run = run_cli("compare", str(CONFLICTS), "-f", "json", "-q", *extra)
            return {r["kind"]: r["outlier"] for r in json.loads(run.stdout)}

        marked = outliers("--consensus")
        assert marked["contradiction"] == "a", "kr-containers, the estimate, is the outlier"
        # An update and a unit mismatch are two items each: no side is an outlier.
        assert marked["changed"] == marked["decreasing_cumulative"] == ""
        assert marked["unit_mismatch"] == ""
        assert set(outliers().values()) == {""}, "without --consensus the column stays empty"

    def test_table_view_names_the_outlier(self) -> None:
        run = run_cli("compare", str(CONFLICTS), "-f", "table", "--width", "120", "--consensus")
        assert "outlier" in run.stdout
        line = next(text for text in run.stdout.splitlines() if "36f019f77fa73cb8" in text)
        assert line.rstrip(" │").endswith("kr-containers")
        plain = run_cli("compare", str(CONFLICTS), "-f", "table", "--width", "120")
        assert "outlier" not in plain.stdout

    def test_streamed_findings_are_marked_as_whole_ones(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A table too large to hold its findings at once streams them: the consensus is
        found once and marks every batch alike."""
        from claimcheck import pipeline

        rows = [f"a{i},s{i},x,y,,2023,10,,container,,," for i in range(12)]
        rows += [f"z{i},t{i},x,y,,2023,{50 + i},,container,,," for i in range(5)]
        claims = str(_table(tmp_path, rows))
        whole = run_cli("compare", claims, "-f", "csv", "-q", "--consensus")
        monkeypatch.setattr(pipeline, "STREAM_PAIRS", 0)
        monkeypatch.setattr(pipeline, "BATCH_PAIRS", 7)
        monkeypatch.setattr(pipeline, "BATCH_FINDINGS", 0)
        streamed = run_cli("compare", claims, "-f", "csv", "-q", "--consensus")
        assert sorted(streamed.stdout.splitlines()) == sorted(whole.stdout.splitlines())
        sides = {r["claim_a"][0] + r["claim_b"][0]: r["outlier"]
                 for r in csv.DictReader(io.StringIO(streamed.stdout))}  # fmt: skip
        assert sides == {"az": "b", "zz": ""}
