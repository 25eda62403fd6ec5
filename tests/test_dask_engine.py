"""`compare --engine dask`: the same findings and fingerprints as the local engine, byte for byte.

Each test runs a real Dask LocalCluster (threads in this process for the
library tests, two worker processes for the CLI one) on real tables: the seed
table and generated tables with every kind of pairwise finding, split into
many small blocks so that quantities, claim ids and quoted fields cross them.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from claimcheck.engines.dask import DaskOptions, compare_dask
from claimcheck.errors import InputErrors, UsageError
from claimcheck.models import CompareOptions, Report
from claimcheck.pipeline import compare_files
from claimcheck.render import Format, RenderOptions, renderer
from conftest import REPO, SEED_CLAIMS, bench_generator

pytest.importorskip("distributed")

THREADS = DaskOptions(workers=2, processes=False, block_size=64 << 10)


def _csv(report: Report, form: Format = Format.CSV) -> str:
    out = io.StringIO()
    renderer(form)(report, out, RenderOptions())
    return out.getvalue()


def _same(path: Path, dask: DaskOptions = THREADS, options: CompareOptions | None = None) -> Report:
    local = compare_files(path, options)
    distributed = compare_dask(str(path), options, dask=dask)
    assert _csv(distributed) == _csv(local)
    assert _csv(distributed, Format.JSON) == _csv(local, Format.JSON)  # empty is "", not null
    assert distributed.summary() == local.summary()
    assert distributed.findings.get_column("fingerprint").sort().to_list() == (
        local.findings.get_column("fingerprint").sort().to_list()
    )
    return distributed


def test_seed_table_with_its_sources_and_relations() -> None:
    report = _same(SEED_CLAIMS)
    assert report.relations is not None, "relations.csv beside the seed table is read"


@pytest.mark.parametrize("shape", ["simple", "varied"])
def test_generated_table_with_conflicts(tmp_path: Path, shape: str) -> None:
    table = tmp_path / "claims.csv"
    bench_generator().SHAPES[shape](table, 3000, 7)
    # The varied table holds six currencies, which the Dask engine does not convert yet.
    report = _same(table, options=CompareOptions(convert_currencies=False))
    kinds = set(report.findings.get_column("kind").to_list())
    assert {"contradiction", "changed"} <= kinds
    if shape == "varied":
        assert {"unit_mismatch", "near_duplicate_key"} <= kinds
    assert report.claims_read == 3000
    assert report.claims.height < 3000, "the driver holds only the claims it needs"


def _table(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "claims.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            [["claim_id", "source_id", "subject", "metric", "value", "unit", "quote"], *rows]
        )
    return path


def _rows() -> list[list[str]]:
    # Every seventh quote spans two lines, so records and lines differ and blocks of
    # 100 bytes cut through quoted fields.
    return [[f"c{i}", "s", "x", f"m{i % 7}", str(10 + i), "USD", "a\nb" if i % 7 == 0 else "q"]
            for i in range(80)]  # fmt: skip


def _messages(run: object) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        run()  # type: ignore[operator]
    return [str(error) for error in caught.value.errors]


def test_errors_name_the_line_in_the_whole_file(tmp_path: Path) -> None:
    rows = _rows()
    rows[20][4] = "12,5"
    rows[41][5] = "furlong"
    rows[66][0] = "c3"  # a repeat of an id in an earlier block
    path = _table(tmp_path, rows)
    small = DaskOptions(workers=2, processes=False, block_size=100)
    expected = _messages(lambda: compare_files(path))
    assert len(expected) == 3
    assert _messages(lambda: compare_dask(str(path), dask=small)) == expected
    # Record 66 starts on line 78: the header, 66 records before it, 10 of them two lines long.
    assert any(":78: claim_id: duplicate claim_id 'c3'" in message for message in expected)


def test_quoted_fields_across_blocks_compare_alike(tmp_path: Path) -> None:
    rows = _rows()
    rows[30][4] = "500"  # a conflict in m2, whose claims sit in several blocks
    _same(_table(tmp_path, rows), DaskOptions(workers=2, processes=False, block_size=100))


def test_a_file_that_is_not_csv_somewhere_reports_that_alone(tmp_path: Path) -> None:
    rows = _rows()
    rows[10][4] = "1,5"
    path = _table(tmp_path, rows)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[60] = lines[60].rstrip("\n") + ",extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    small = DaskOptions(workers=2, processes=False, block_size=100)
    expected = _messages(lambda: compare_files(path))
    assert _messages(lambda: compare_dask(str(path), dask=small)) == expected
    assert all("(row)" in message for message in expected)


def test_cli_with_worker_processes_and_a_memory_limit(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    bench_generator().SHAPES["varied"](table, 2000, 11)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}

    def run(*extra: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "claimcheck", "compare", str(table), "--format", "csv", *extra],
            capture_output=True, cwd=REPO, env=env, timeout=240, check=False,
        )  # fmt: skip

    local = run("--fx", "none")
    dask = run("--fx", "none", "--engine", "dask", "--workers", "2", "--worker-memory", "400MiB")
    assert local.returncode == dask.returncode == 1
    assert dask.stdout == local.stdout
    assert dask.stderr.splitlines()[-1] == local.stderr.splitlines()[-1]


def test_dask_knows_how_large_a_frame_is() -> None:
    """Workers spill by dask.sizeof: a frame counted as a few bytes is never spilled."""
    import polars as pl
    from dask.sizeof import sizeof

    frame = pl.DataFrame({"quote": ["x" * 200] * 10_000})
    assert sizeof(frame) >= frame.estimated_size() >= 2_000_000


def test_a_table_of_several_currencies_to_convert_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    bench_generator().SHAPES["varied"](table, 500, 3)
    with pytest.raises(UsageError, match="does not convert currencies"):
        compare_dask(str(table), dask=THREADS)


def test_bucket_results_are_taken_as_they_finish_and_let_go() -> None:
    """Every result comes once, and no future is left holding one on a worker."""
    from claimcheck.engines.dask import _as_gathered, _client

    with _client(THREADS) as client:
        futures = [client.submit(pow, base, 2, pure=False) for base in range(12)]
        results = sorted(_as_gathered(futures))
        assert futures == [], "the caller's list no longer holds the futures"
        assert results == [base * base for base in range(12)]
        # A release reaches the client through its event loop: a moment later.
        for _ in range(100):
            if not client.futures:
                break
            time.sleep(0.05)
        assert not client.futures, "every future was released once read"


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_local_cluster_workers_run_no_profiler(processes: bool) -> None:
    """The worker's profiler can deadlock Python 3.11 before 3.11.9 (engines/dask.py): the
    suite hung on 3.11.7 with it on. A worker process restarted by its nanny is told too."""
    from claimcheck.engines.dask import _client

    def profilers(dask_worker: Any) -> list[str]:  # pickled by value: a local function
        return sorted(name for name in dask_worker.periodic_callbacks if "profile" in name)

    with _client(DaskOptions(workers=1, processes=processes)) as client:
        assert list(client.run(profilers).values()) == [[]]
        if processes:
            client.restart()
            assert list(client.run(profilers).values()) == [[]]


def test_a_running_scheduler_is_used_and_left_running(tmp_path: Path) -> None:
    """`--scheduler`: the engine is a client of the user's cluster, which it never closes."""
    import dask
    from distributed import Client, LocalCluster

    from claimcheck.engines.dask import LOCAL_CLUSTER_CONFIG

    table = tmp_path / "claims.csv"
    bench_generator().SHAPES["simple"](table, 600, 5)
    with (
        dask.config.set(LOCAL_CLUSTER_CONFIG),  # the same guard as the engine's own cluster
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False,  # type: ignore[no-untyped-call]
                     dashboard_address=":0") as cluster,
    ):  # fmt: skip
        options = DaskOptions(scheduler=cluster.scheduler_address, block_size=4 << 10)
        report = _same(table, options)
        assert report.claims_read == 600
        with Client(cluster.scheduler_address, timeout="10s") as after:  # type: ignore[no-untyped-call]
            assert len(after.scheduler_info()["workers"]) == 2, "the user's workers still run"
