"""Behaviour of the pipeline (pipeline.py) that no test pinned before.

A table too large to hold its findings at once is compared as a `Stream`:
findings come batch by batch, relation and near-duplicate findings last. Every
stage `compare` runs on a whole table must run on a streamed one too, or a
large table silently loses its relations, provenance, baseline or consensus.
These tests shrink the streaming thresholds so a small table streams, and hold
the streamed result to the whole one's.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

from claimcheck import pipeline, quantities
from claimcheck.consensus import Consensus, consensus
from claimcheck.findings import Kind
from claimcheck.fx import Rates
from claimcheck.models import CompareOptions, Report
from claimcheck.near_duplicates import near_duplicate_pairs, similar_names
from claimcheck.pairs import pair_findings, suspects
from claimcheck.pipeline import compare_files, load_files, stream
from conftest import Run, run_cli

HEADER = "claim_id,source_id,subject,metric,object,period,value,unit,qualifier\n"
CLAIMS = [
    # One quantity of six disagreeing claims: 15 pairs, split across batches.
    *(f"c{i},s{i % 3},x,shells,ru,2024,{10 + 2 * i},container,exact" for i in range(6)),
    # A small one, held whole in a batch.
    "t1,s1,x,tanks,ru,2024,100,container,exact",
    "t2,s2,x,tanks,ru,2024,140,container,exact",
    # Killed plus wounded are not the casualties: a violated relation.
    "k1,s1,r,killed,,2024,120,soldier,exact",
    "w1,s1,r,wounded,,2024,300,soldier,exact",
    "h1,s2,r,casualties,,2024,500,soldier,exact",
    # Two spellings of one metric whose figures would conflict if merged.
    "a1,s1,n,artillery_shells_shipped,ru,2024,3,million artillery_shell,exact",
    "a2,s2,n,artillery_shell_shipments,ru,2024,5,million artillery_shell,exact",
]
SOURCES = (
    "source_id,title,publisher,url,published,language,path\n"
    "s0,Zero report,Agency Zero,,2024-01-01,en,\n"
    "s1,First report,Agency One,,2024-02-01,en,\n"
    "s2,Second report,Agency Two,,2024-03-01,en,\n"
    "s3,Third report,Agency Three,,2024-04-01,en,\n"
    "s4,Fourth report,Agency Four,,2024-05-01,en,\n"
    "s5,Fifth report,Agency Five,,2024-06-01,en,\n"
)
RELATIONS = (
    "relation_id,kind,left,right,tolerance,min,max,note\n"
    "casualties,sum,r/casualties,r/killed + r/wounded,,,,\n"
    "nothing,le,r/nothing_here,r/killed,,,,\n"
)
UNEVALUABLE = "relation nothing cannot be evaluated: no matching claims"


def write_table(folder: Path, rows: list[str], *, companions: bool = True) -> Path:
    """A claims.csv, with sources.csv and relations.csv beside it when `companions`."""
    folder.mkdir(parents=True, exist_ok=True)
    claims = folder / "claims.csv"
    claims.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    if companions:
        (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
        (folder / "relations.csv").write_text(RELATIONS, encoding="utf-8")
    return claims


def streaming(
    monkeypatch: pytest.MonkeyPatch, batch_pairs: int = 4, batch_findings: int = 0
) -> None:
    """Every table streams from here on, in batches of about `batch_pairs` pairs, each
    batch's findings described on their own unless `batch_findings` gathers several."""
    monkeypatch.setattr(pipeline, "STREAM_PAIRS", -1)
    monkeypatch.setattr(pipeline, "BATCH_PAIRS", batch_pairs)
    monkeypatch.setattr(pipeline, "BATCH_FINDINGS", batch_findings)


def whole_and_streamed(
    monkeypatch: pytest.MonkeyPatch, *args: str, batch_pairs: int = 4
) -> tuple[Run, Run]:
    """`compare ARGS -f csv` on the whole table, then streamed."""
    whole = run_cli("compare", *args, "-f", "csv")
    with monkeypatch.context() as patch:
        streaming(patch, batch_pairs)
        streamed = run_cli("compare", *args, "-f", "csv")
    return whole, streamed


def rows_of(run: Run) -> list[dict[str, str]]:
    return sorted(csv.DictReader(io.StringIO(run.stdout)), key=lambda row: row["fingerprint"])


def assert_same(whole: Run, streamed: Run) -> None:
    assert streamed.status == whole.status
    assert streamed.stderr == whole.stderr
    assert rows_of(streamed) == rows_of(whole)
    assert streamed.stdout.count("fingerprint,kind") == 1


class TestStreamedCsv:
    def test_relations_provenance_and_near_duplicates_are_kept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        claims = str(write_table(tmp_path, CLAIMS))
        whole, streamed = whole_and_streamed(monkeypatch, claims)
        assert_same(whole, streamed)
        assert streamed.status == 1
        kinds = [row["kind"] for row in rows_of(streamed)]
        assert kinds.count(Kind.CONTRADICTION.value) == 16
        assert kinds.count(Kind.RELATION_VIOLATED.value) == 1
        assert kinds.count(Kind.NEAR_DUPLICATE_KEY.value) == 1
        violated = next(r for r in rows_of(streamed) if r["kind"] == "relation_violated")
        assert (violated["relation"], violated["fails"]) == ("casualties", "true")
        tanks = next(r for r in rows_of(streamed) if r["metric"] == "tanks")
        assert (tanks["title_a"], tanks["publisher_b"]) == ("First report", "Agency Two")
        assert UNEVALUABLE in streamed.stderr
        assert "near_duplicate_key: metric 'artillery_shell_shipments'" in streamed.stderr
        assert (
            "13 claims read, 7 quantities, 18 findings (16 contradiction, "
            "1 relation_violated, 1 near_duplicate_key); 17 failing"
        ) in streamed.stderr

    def test_a_stream_whose_pairs_all_agree_still_ends_with_relations_and_near_duplicates(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """No batch of pairs has a finding, so the last report alone carries the rows."""
        agreeing = [f"c{i},s{i},x,shells,ru,2024,10,container,exact" for i in range(6)]
        claims = str(write_table(tmp_path, agreeing + CLAIMS[8:]))
        whole, streamed = whole_and_streamed(monkeypatch, claims)
        assert_same(whole, streamed)
        kinds = sorted(row["kind"] for row in rows_of(streamed))
        assert kinds == [Kind.NEAR_DUPLICATE_KEY.value, Kind.RELATION_VIOLATED.value]
        assert UNEVALUABLE in streamed.stderr

    def test_a_stream_with_no_finding_at_all_writes_the_header(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        agreeing = [f"c{i},s{i},x,shells,ru,2024,10,container,exact" for i in range(6)]
        claims = str(write_table(tmp_path, agreeing, companions=False))
        whole, streamed = whole_and_streamed(monkeypatch, claims)
        assert_same(whole, streamed)
        assert streamed.status == 0
        assert streamed.stdout.splitlines() == whole.stdout.splitlines()
        assert "6 claims read, 1 quantities, 0 findings; 0 failing" in streamed.stderr

    def test_a_baseline_accepts_streamed_findings_and_finds_the_stale_ones(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Entries seen in any batch are not stale; the one whose claim is gone is."""
        accepted = tmp_path / "baseline.json"
        before = write_table(tmp_path / "before", CLAIMS)
        assert run_cli("baseline", str(before), "--output", str(accepted)).status == 0
        changed = [row for row in CLAIMS if not row.startswith("t2,")]
        changed.append("t3,s1,x,tanks,ru,2024,170,container,exact")
        claims = str(write_table(tmp_path / "after", changed))
        whole, streamed = whole_and_streamed(monkeypatch, claims, "--baseline", str(accepted))
        assert_same(whole, streamed)
        assert streamed.status == 1
        failing = [(r["claim_a"], r["claim_b"]) for r in rows_of(streamed) if r["fails"] == "true"]
        assert failing == [("t1", "t3")]
        assert "1 baseline entries no longer occur" in streamed.stderr
        assert "1 failing" in streamed.stderr


class TestStreamedConsensus:
    ROWS = (
        "a,s1,x,m,,2024,10,container,approx",
        "b,s2,x,m,,2024,10,container,approx",
        "c,s3,x,m,,2024,14,container,exact",
        "d,s4,x,m,,2024,30,container,exact",
    )

    def test_outliers_follow_the_chosen_tolerance(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At ±50 % the 14 agrees with the two 10s and only the 30 is an outlier."""
        claims = str(write_table(tmp_path, list(self.ROWS), companions=False))
        options = ("--consensus", "--approx-tolerance", "0.5", "-q")
        whole, streamed = whole_and_streamed(monkeypatch, claims, *options, batch_pairs=1)
        assert_same(whole, streamed)
        sides = {(r["claim_a"], r["claim_b"]): r["outlier"] for r in rows_of(streamed)}
        assert sides == {("a", "d"): "b", ("b", "d"): "b", ("c", "d"): "b"}

    @pytest.mark.parametrize(("flag", "found"), [((), 0), (("--consensus",), 1)])
    def test_the_consensus_is_found_once_for_all_batches_and_only_when_asked(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        flag: tuple[str, ...],
        found: int,
    ) -> None:
        calls: list[object] = []

        def counted(*args: object, **kwargs: object) -> Consensus:
            calls.append(args)
            return consensus(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "consensus", counted)
        streaming(monkeypatch, batch_pairs=1)
        claims = str(write_table(tmp_path, list(self.ROWS), companions=False))
        run = run_cli("compare", claims, "-f", "csv", "-q", *flag)
        assert run.status == 1
        assert len(rows_of(run)) == 5
        assert len(calls) == found


class TestStreamReports:
    def test_every_batch_is_a_report_of_the_whole_table(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A library caller reads each batch as a Report: the table's path, policy,
        quantity count and relations outcome, whichever batch it is."""
        table, options = load_files(write_table(tmp_path, CLAIMS))
        whole = pipeline.compare(table, options)
        streaming(monkeypatch)
        streamed = stream(table, options)
        assert streamed is not None
        parts: list[Report] = list(streamed.reports())
        assert len(parts) > 2
        for part in parts:
            assert part.path == whole.path
            assert part.fail_on == whole.fail_on
            assert part.quantities == whole.quantities == 7
            assert part.claims.height == 13
            assert part.relations is not None
            assert part.relations.violated.height == 1
        rows = pl.concat([part.findings for part in parts], how="diagonal_relaxed")
        assert sorted(rows.get_column("fingerprint")) == sorted(whole.findings["fingerprint"])
        assert sum(part.failing for part in parts) == whole.failing == streamed.failing
        assert streamed.summary() == whole.summary()

    def test_without_relations_no_batch_has_a_relations_outcome(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """As for a whole report: `relations` is None when none were declared."""
        table, options = load_files(write_table(tmp_path, CLAIMS, companions=False))
        assert pipeline.compare(table, options).relations is None
        streaming(monkeypatch)
        streamed = stream(table, options)
        assert streamed is not None
        outcomes = [part.relations for part in streamed.reports()]
        assert len(outcomes) > 2
        assert all(outcome is None for outcome in outcomes)

    def test_a_small_table_is_compared_whole(self, tmp_path: Path) -> None:
        table, options = load_files(write_table(tmp_path, CLAIMS))
        assert stream(table, options) is None


def test_show_relations_without_relations_writes_the_findings(tmp_path: Path) -> None:
    claims = str(write_table(tmp_path, CLAIMS[:8], companions=False))
    shown = run_cli("compare", claims, "-f", "csv", "--show-relations")
    plain = run_cli("compare", claims, "-f", "csv")
    assert shown.status == plain.status == 1
    assert shown.stdout == plain.stdout
    assert len(rows_of(shown)) == 16


def test_options_default_when_none_are_given(tmp_path: Path) -> None:
    table, _ = load_files(write_table(tmp_path, CLAIMS, companions=False))
    assert rows_of_report(pipeline.compare(table)) == rows_of_report(
        pipeline.compare(table, CompareOptions())
    )


def rows_of_report(report: Report) -> list[tuple[object, ...]]:
    return sorted(report.findings.select("fingerprint", "fails").rows(), key=str)


class TestProvenance:
    def test_each_side_gets_its_own_sources_title_and_a_combined_side_none(
        self, tmp_path: Path
    ) -> None:
        """A relation's right side is several claims (`s1+s1`), no single source: empty
        text, never null, so JSON writes strings in every row."""
        report = compare_files(write_table(tmp_path, CLAIMS))
        rows = {row["kind"]: row for row in report.findings.iter_rows(named=True)}
        near, violated = rows[Kind.NEAR_DUPLICATE_KEY.value], rows[Kind.RELATION_VIOLATED.value]
        assert (near["title_a"], near["title_b"]) == ("First report", "Second report")
        assert (near["publisher_a"], near["published_b"]) == ("Agency One", "2024-03-01")
        assert (violated["source_b"], violated["title_b"], violated["publisher_b"]) == (
            "s1+s1",
            "",
            "",
        )
        assert violated["title_a"] == "Second report"

    def test_without_sources_provenance_and_outlier_are_empty_text(self, tmp_path: Path) -> None:
        report = compare_files(write_table(tmp_path, CLAIMS[:8], companions=False))
        columns = ["title_a", "publisher_b", "published_a", "outlier"]
        assert report.findings.height == 16
        assert set(report.findings.select(columns).unique().rows()) == {("", "", "", "")}


class TestWhenToStream:
    def test_a_table_of_exactly_the_limit_is_compared_whole(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """CLAIMS has 16 pairs (15 + 1): streaming starts above STREAM_PAIRS, not at it."""
        table, options = load_files(write_table(tmp_path, CLAIMS))
        monkeypatch.setattr(pipeline, "STREAM_PAIRS", 16)
        assert stream(table, options) is None
        whole = pipeline.compare_or_stream(table, options)
        assert isinstance(whole, Report)
        assert rows_of_report(whole) == rows_of_report(pipeline.compare(table, options))
        assert whole.summary() == pipeline.compare(table, options).summary()
        monkeypatch.setattr(pipeline, "STREAM_PAIRS", 15)
        for streamed in (stream(table, options), pipeline.compare_or_stream(table, options)):
            assert isinstance(streamed, pipeline.Stream)
            assert streamed.quantities == 7

    def test_money_in_two_currencies_is_compared_whole_however_large(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        rows = [
            "e1,s1,x,aid,ru,2024,10,million USD,exact",
            "e2,s2,x,aid,ru,2024,30,million EUR,exact",
        ]
        table, options = load_files(write_table(tmp_path, rows, companions=False))
        streaming(monkeypatch)
        assert stream(table, options) is None
        assert stream(table, CompareOptions(convert_currencies=False)) is not None
        report = pipeline.compare_or_stream(table, options)
        assert isinstance(report, Report)
        assert report.conversion is not None
        assert report.findings.get_column("kind").to_list() == [Kind.CONTRADICTION.value]


def test_finish_counts_the_claims_read_when_it_holds_only_some(tmp_path: Path) -> None:
    """The Dask engine hands `finish` only the claims its stages read; the summary still
    counts the whole table."""
    table, options = load_files(write_table(tmp_path, CLAIMS, companions=False))
    claims = pipeline.prepared(table, options)
    findings = pair_findings(claims)
    report = pipeline.finish(table, claims, findings, options, 7, claims_read=1000)
    assert report.summary().startswith("1000 claims read, 7 quantities, 17 findings")
    assert (
        pipeline.finish(table, claims, findings, options, 7).summary().startswith("13 claims read")
    )


class TestCompanionsGivenByPath:
    """`compare_files(sources=, aliases=, relations=)`: companions kept anywhere are used."""

    @staticmethod
    def _files(tmp_path: Path) -> tuple[Path, Path]:
        table = tmp_path / "table"
        elsewhere = tmp_path / "elsewhere"
        table.mkdir()
        elsewhere.mkdir()
        (table / "claims.csv").write_text(
            "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,"
            "modality,as_of,quote\n"
            "c1,s1,DVRK,shells_sent,russia,2024,100,,shell,exact,,,q1\n"
            "c2,s2,north_korea,shells_sent,russia,2024,500,,shell,exact,,,q2\n"
            "c3,s2,north_korea,troops_sent,russia,2024,10,,soldier,exact,,,q3\n",
            encoding="utf-8",
        )
        (elsewhere / "aliases.csv").write_text(
            "field,alias,canonical\nsubject,DVRK,north_korea\n", encoding="utf-8"
        )
        (elsewhere / "sources.csv").write_text(
            "source_id,title\ns1,Report One\ns2,Report Two\n", encoding="utf-8"
        )
        (elsewhere / "relations.csv").write_text(
            "relation_id,kind,left,right,tolerance,min,max,note\n"
            "few_troops,le,north_korea/troops_sent/russia@2024,"
            "north_korea/troops_sent/russia@2024,,,,\n"
            "more_troops_than_shells,le,north_korea/shells_sent/russia@2024,"
            "north_korea/troops_sent/russia@2024,,,,\n",
            encoding="utf-8",
        )
        return table / "claims.csv", elsewhere

    def test_each_companion_given_by_path_is_read(self, tmp_path: Path) -> None:
        from claimcheck.pipeline import compare_files

        claims, elsewhere = self._files(tmp_path)
        report = compare_files(
            claims,
            sources=elsewhere / "sources.csv",
            aliases=elsewhere / "aliases.csv",
            relations=elsewhere / "relations.csv",
        )
        findings = report.findings
        pair = findings.filter(pl.col("kind") == "contradiction")
        assert pair.select("subject", "claim_a", "claim_b").rows() == [("north_korea", "c1", "c2")]
        assert pair.select("title_a", "title_b").rows() == [("Report One", "Report Two")]
        assert report.relations is not None
        read = [relation.relation_id for relation in report.relations.relations]
        assert read == ["few_troops", "more_troops_than_shells"]

    def test_without_the_paths_none_of_them_is_read(self, tmp_path: Path) -> None:
        from claimcheck.pipeline import compare_files

        claims, _ = self._files(tmp_path)
        report = compare_files(claims)
        assert report.findings.filter(pl.col("kind") != "near_duplicate_key").height == 0
        assert report.relations is None


class TestCompareOrStream:
    @pytest.mark.parametrize(("fmt", "limit"), [("csv", 16), ("csv", 15), ("jsonl", 16),
                                                ("json", 15)])
    def test_the_claims_are_prepared_once_whether_compared_whole_or_streamed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, limit: int
    ) -> None:
        """Counting the pairs needs the prepared claims; comparing them whole reads the same
        frame rather than preparing a second time (a tenth of a million-claim run)."""
        calls: list[object] = []
        real = quantities.with_intervals

        def counted(*args: object) -> pl.DataFrame:
            calls.append(args)
            return real(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "with_intervals", counted)
        monkeypatch.setattr(pipeline, "STREAM_PAIRS", limit)
        claims = str(write_table(tmp_path, CLAIMS))
        run = run_cli("compare", claims, "-f", fmt, "-q")
        assert run.status == 1
        assert len(calls) == 1
        assert run.stdout.count("contradiction") >= 1


@pytest.mark.parametrize("streams", [False, True])
def test_suspects_are_found_once_per_compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streams: bool
) -> None:
    """The pairs are counted and made from one finding of the suspect quantities, streamed
    or whole: each finding of them groups every claim of the table."""
    table, options = load_files(write_table(tmp_path, CLAIMS))
    expected = pipeline.compare(table, options).findings
    found: list[int] = []

    def counted(claims: pl.DataFrame) -> pl.DataFrame:
        found.append(claims.height)
        return suspects(claims)

    monkeypatch.setattr(pipeline, "suspects", counted)
    if streams:
        streaming(monkeypatch)
    outcome = pipeline.compare_or_stream(table, options)
    reports = [outcome] if isinstance(outcome, Report) else list(outcome.reports())
    assert isinstance(outcome, Report) is not streams
    assert found == [len(CLAIMS)]
    columns = ["fingerprint", "kind", "claim_a", "claim_b", "relative_gap"]
    rows = sorted(row for report in reports for row in report.findings.select(columns).rows())
    assert rows == sorted(expected.select(columns).rows())


def test_near_duplicate_pairs_may_come_once_the_pairs_are_classified(tmp_path: Path) -> None:
    """`pair_findings` takes the near-duplicate rows or a function giving them, called
    once: the rows are the same either way, and they are in the findings."""
    table, options = load_files(write_table(tmp_path, CLAIMS))
    claims = pipeline.prepared(table, options)
    near = near_duplicate_pairs(claims, similar_names(claims))
    assert near is not None
    assert near.height
    calls: list[int] = []

    def later() -> pl.DataFrame:
        calls.append(len(calls))
        return near

    given = pair_findings(claims, near)
    assert pair_findings(claims, later).equals(given)
    assert calls == [0]
    assert Kind.NEAR_DUPLICATE_KEY.value in given.get_column("kind").to_list()
    assert pair_findings(claims, lambda: None).equals(pair_findings(claims))


class TestRatesAhead:
    """A table that mixes currencies has its rates loaded on a worker thread while its
    claims are prepared; a table in one currency never loads them."""

    MIXED = ("eu,s1,x,aid,,2022-09,5.00,billion EUR,exact",
             "us,s2,x,aid,,2022-09,9.00,billion USD,exact")  # fmt: skip

    def loads(self, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
        """Record, for each load of the rates, whether it ran on the main thread."""
        import threading

        from claimcheck.fx import load_rates as real
        on_main: list[bool] = []

        def recorded(path: str | Path | None = None) -> Rates:
            on_main.append(threading.current_thread() is threading.main_thread())
            return real(path)

        monkeypatch.setattr(pipeline, "load_rates", recorded)
        return on_main

    @pytest.mark.parametrize("run", ["compare", "compare_or_stream"])
    def test_a_mixed_table_loads_its_rates_once_beside_the_claims(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: str
    ) -> None:
        table, options = load_files(write_table(tmp_path, list(self.MIXED), companions=False))
        on_main = self.loads(monkeypatch)
        report = getattr(pipeline, run)(table, options)
        assert isinstance(report, Report)
        assert on_main == [False]
        (finding,) = report.findings.iter_rows(named=True)
        assert finding["kind"] == Kind.CONTRADICTION.value
        assert finding["fx_source_b"].startswith("ECB reference rates")

    def test_a_table_in_one_currency_loads_none(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        table, options = load_files(write_table(tmp_path, CLAIMS, companions=False))
        on_main = self.loads(monkeypatch)
        pipeline.compare_or_stream(table, options)
        assert on_main == []

    def test_a_bad_rates_file_is_raised_from_the_compare(self, tmp_path: Path) -> None:
        from dataclasses import replace

        from claimcheck.errors import InputError

        rates = tmp_path / "rates.csv"
        rates.write_text("Date,USD\n2022-09-23,one\n", encoding="utf-8")
        table, options = load_files(write_table(tmp_path, list(self.MIXED), companions=False))
        with pytest.raises(InputError, match="'one' is not a positive rate"):
            pipeline.compare_or_stream(table, replace(options, fx_rates=str(rates)))
