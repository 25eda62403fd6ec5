"""Benchmark: `compare --engine dask` against the local engine on the 1,000,000-claim table.

Alternating runs of both engines (fresh processes, as a user's), the median of
their run-by-run time ratios, whether the two findings files are byte-identical,
and the peak memory of the largest process (for Dask: the driver or a worker,
each worker limited to BENCH_WORKER_MEMORY). Then the per-partition costs that
docs/scale.md extrapolates from: one block (engines/dask.py's BLOCK_SIZE) read and
checked, and one bucket of it compared, timed in this process.

Environment: BENCH_RUNS (default 3), BENCH_CLAIMS (default 1000000),
BENCH_WORKERS (default 2), BENCH_WORKER_MEMORY (default 1500MiB).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from bench_compare import OUT, alternate, generated, ratio, timing

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CLAIMS = int(os.environ.get("BENCH_CLAIMS", "1000000"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
WORKER_MEMORY = os.environ.get("BENCH_WORKER_MEMORY", "1500MiB")


def partition_costs(table: Path) -> str:
    """Seconds to read and check one block, and to compare one bucket of the same size."""
    import polars as pl

    from claimcheck.engines import dask as engine
    from claimcheck.models import CompareOptions

    size = table.stat().st_size
    [counted] = [engine._count(str(table), 0, engine.BLOCK_SIZE)]
    start, end, _newlines, _quotes = counted
    header = engine._header(str(table))
    began = time.perf_counter()
    pieces, _ids, problems, _, read, _dims = engine._load(
        str(table), start, end, 1, header, None, {}, 1
    )
    loaded = time.perf_counter() - began
    assert not problems, problems
    began = time.perf_counter()
    findings, kept, quantities = engine._compare(pieces, str(table), None, {}, CompareOptions(), ())
    compared = time.perf_counter() - began
    block = pl.concat([p for p in pieces if p.width])
    return (
        f"one {engine.BLOCK_SIZE >> 20} MiB block of {size / 1e6:.0f} MB: {read:,} claims, "
        f"read and checked in {loaded:.2f} s ({block.estimated_size() / 2**20:.0f} MiB in polars); "
        f"compared as one bucket in {compared:.2f} s ({quantities:,} quantities, "
        f"{findings.height:,} findings, {kept.height:,} claims kept for the driver)"
    )


def main() -> int:
    table = generated(f"claims_{CLAIMS}.csv", CLAIMS)
    claimcheck = str(Path(sys.executable).with_name("claimcheck"))
    base = [claimcheck, "compare", str(table), "--format", "csv", "--quiet"]
    commands = {
        "local": base,
        "dask": [*base, "--engine", "dask", "--workers", WORKERS, "--worker-memory", WORKER_MEMORY],
    }
    targets = {name: OUT / f"findings_engine_{name}.csv" for name in commands}
    runs = alternate(commands, targets, RUNS)
    for name in commands:
        print(f"{name:6} engine {CLAIMS:,} claims: {timing(runs, name)} (largest process), "
              f"exit {runs[name][0][2]}")  # fmt: skip
    print(f"ratio dask ({WORKERS} workers of {WORKER_MEMORY}) / local, run by run: "
          f"{ratio(runs, 'dask', 'local')}")  # fmt: skip
    same = targets["local"].read_bytes() == targets["dask"].read_bytes()
    print(f"findings byte-identical: {'yes' if same else 'NO'}")
    print(partition_costs(table))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
