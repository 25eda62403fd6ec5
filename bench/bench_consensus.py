"""Benchmark: `claimcheck consensus --format csv` against `claimcheck compare --format csv`.

On the generated 1,000,000-claim table of bench_compare.py (made here when
missing), both commands run as fresh processes, alternating, so a slow spell
of the machine falls on both; reported are each one's median wall time and
peak memory (max RSS) and the median of the run-by-run time ratios. Then one
quantity with 5,000 claims from 300 sources, in process: the median time of
the library call.

Environment: BENCH_RUNS (default 5 runs of each command), BENCH_CLAIMS (default 1000000).
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_compare import CLAIMS, OUT, alternate, generated, ratio, rows, timing

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def one_quantity(path: Path, claims: int) -> None:
    """A single quantity: most claims near one figure, the rest scattered, mixed qualifiers."""
    rng = random.Random(5000)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["claim_id", "source_id", "subject", "metric", "value", "unit", "qualifier",
                      "modality"])  # fmt: skip
        for index in range(claims):
            value = 1000 if rng.random() < 0.6 else rng.randint(500, 2000)
            out.writerow([
                f"c{index}", f"s{rng.randrange(300)}", "x", "y", value, "container",
                rng.choice(["exact", "approx", "at_least"]), rng.choice(["asserted", "hedged"]),
            ])  # fmt: skip


def main() -> int:
    table = generated(f"claims_{CLAIMS}.csv", CLAIMS)
    claimcheck = str(Path(sys.executable).with_name("claimcheck"))
    commands = {
        "consensus": [claimcheck, "consensus", str(table), "--format", "csv", "--quiet"],
        "compare": [claimcheck, "compare", str(table), "--format", "csv", "--quiet"],
    }
    targets = {name: OUT / f"{name}_out.csv" for name in commands}
    runs = alternate(commands, targets, RUNS)
    for name in commands:
        print(
            f"{name:9} {CLAIMS:,} claims: {timing(runs, name)}, {rows(targets[name]):,} rows, "
            f"exit {runs[name][0][2]}"
        )
    print(
        f"ratio consensus / compare, run by run: {ratio(runs, 'consensus', 'compare')}; "
        "goal: the same time class"
    )
    from claimcheck.consensus import consensus
    from claimcheck.table import load_table

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one_quantity.csv"
        one_quantity(path, 5000)
        loaded = load_table(path)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            consensus(loaded)
            times.append(time.perf_counter() - start)
    print(
        f"one quantity of 5,000 claims (library call): median {statistics.median(times):.3f} s "
        f"(runs {', '.join(f'{t:.3f}' for t in times)}; goal: well under a second)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
