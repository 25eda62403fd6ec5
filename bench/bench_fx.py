"""Benchmark: the cost of currency conversion in `claimcheck compare`.

A generated 1,000,000-claim table in which half the money claims are in euros
(bench/generate_claims.py --euro-share 0.5) is compared twice per round: with
conversion at the ECB rates of each claim's time (the default) and with
`--fx none` (version-1 behaviour: each currency its own dimension). Rounds
alternate the two, so a slow spell of the shared machine falls on both;
reported are medians of wall time and peak memory, the findings of each, and
the median of the run-by-run ratios. The whole-run ratio also counts what the
conversion saves (pairs that now agree are no findings to describe), so the
conversion step itself is timed too, in one process on the loaded table:
reading the shipped rates, and converting every claim.

Environment: BENCH_RUNS (default 5 runs of each), BENCH_CLAIMS (default 1000000).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench_compare import OUT, alternate, generated, ratio, rows, timing

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CLAIMS = int(os.environ.get("BENCH_CLAIMS", "1000000"))


_STEP = """
import statistics, sys, time
from claimcheck import fx
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE, with_intervals
from claimcheck.table import load_table
from currency_converter import CURRENCY_FILE

claims = with_intervals(
    load_table(sys.argv[1]).claims.with_row_index("idx"), DEFAULT_APPROX_TOLERANCE
)
reads, converts = [], []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    rates = fx.read_rates(CURRENCY_FILE)
    reads.append(time.perf_counter() - start)
    start = time.perf_counter()
    done = fx.convert(claims, lambda: rates)
    converts.append(time.perf_counter() - start)
converted = done.claims.get_column("fx_low").is_not_null().sum()
print(f"{statistics.median(reads):.3f} {statistics.median(converts):.3f} {converted}")
"""


def main() -> int:
    table = generated(f"claims_euro_{CLAIMS}.csv", CLAIMS, "--euro-share", "0.5")
    size = table.stat().st_size / 1e6
    claimcheck = str(Path(sys.executable).with_name("claimcheck"))
    base = [claimcheck, "compare", str(table), "--format", "csv", "--quiet"]
    commands = {"conversion": base, "--fx none": [*base, "--fx", "none"]}
    targets = {name: OUT / f"findings_fx_{i}.csv" for i, name in enumerate(commands)}
    runs = alternate(commands, targets, RUNS)
    for name in commands:
        print(
            f"{name:10} {CLAIMS:,} claims ({size:.0f} MB, half the money in EUR): "
            f"{timing(runs, name)}, {rows(targets[name]):,} findings, exit {runs[name][0][2]}"
        )
    print(f"ratio conversion / --fx none, run by run: {ratio(runs, 'conversion', '--fx none')}")
    line = subprocess.run(
        [sys.executable, "-c", _STEP, str(table), str(RUNS)],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    print(
        f"conversion step alone, median of {RUNS}: reading the shipped rates "
        f"{float(line[0]):.2f} s, converting {CLAIMS:,} claims {float(line[1]):.2f} s "
        f"({int(line[2]):,} money claims converted or in euros)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
