"""Run every `bench/bench_*.py` as its own process and print its output.

Each benchmark runs in a fresh interpreter so import costs and caches of one
do not flatter another. Exit status is 1 when any benchmark fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Run the benchmarks in name order."""
    status = 0
    for script in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        done = subprocess.run([sys.executable, str(script)], check=False)
        status = status or (1 if done.returncode else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
