"""Benchmark: start-up, as multiples of a bare Python start.

Alternating fresh runs of `python -c pass`, `claimcheck --help` and `claimcheck
compare` on the 12-claim seed table (CSV to a pipe); each run's time is divided
by the bare start of the same round, and the medians of those ratios are the
figures (goals: --help at most 10x, compare at most 25x). The first compare
fills the resolved-unit cache, as a user's first run does; the rounds measure
warm runs. `python -X importtime -m claimcheck compare data/claims.csv` shows
what each import costs.

Environment: BENCH_RUNS (default 11 rounds).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "11"))


def main() -> int:
    claimcheck = str(Path(sys.executable).with_name("claimcheck"))
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "claimcheck --help": [claimcheck, "--help"],
        "claimcheck compare (seed table)": [
            claimcheck, "compare", str(REPO / "data" / "claims.csv"), "--format", "csv",
        ],
    }  # fmt: skip
    subprocess.run(commands["claimcheck compare (seed table)"], capture_output=True, check=False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            began = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times[name].append(time.perf_counter() - began)
    bare = times["python -c pass"]
    for name, runs in times.items():
        ratios = [run / base for run, base in zip(runs, bare, strict=True)]
        print(
            f"{name:32} median {statistics.median(runs) * 1000:.1f} ms, "
            f"{statistics.median(ratios):.2f}x a bare start (median of {RUNS} rounds)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
