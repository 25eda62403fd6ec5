"""Print the mutation kill rate per module from the results `mutmut run` left in mutants/.

mutmut keeps one `<module>.py.meta` JSON file per mutated module, mapping each
mutant to the exit status of its test run; mutmut's own table turns those
statuses into words. It prints totals only, and the goal (>= 90 % killed) is per
module, hence this report. A timeout counts as killed: the tests noticed.
Mutants no test reaches count as survivors: nothing would catch them either.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests", "suspicious"}


def tally(meta: Path) -> Counter[str]:
    """Count the mutants of one module by their mutmut status."""
    data = json.loads(meta.read_text(encoding="utf-8"))
    return Counter(status_by_exit_code[code] for code in data["exit_code_by_key"].values())


def percent(killed: int, survived: int) -> str:
    """The kill rate, rounded down so 89.96 % never shows as 90.0 %; a dash before any ran."""
    if not killed + survived:
        return f"{'-':>7}"
    tenths = 1000 * killed // (killed + survived)
    return f"{tenths // 10:>4}.{tenths % 10}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mutants", nargs="?", type=Path, default=Path("mutants"))
    parser.add_argument(
        "--fail-under", type=float, default=None, help="exit 1 when a module is below this rate"
    )
    args = parser.parse_args(argv)
    metas = sorted(args.mutants.rglob("*.py.meta"))
    if not metas:
        print(f"no mutmut results under {args.mutants}/ (run `make mutation` first)")
        return 2
    print(f"{'module':<22} {'killed':>7} {'survived':>8} {'unrun':>6} {'rate':>7}")
    below = []
    total: Counter[str] = Counter()
    for meta in metas:
        counts = tally(meta)
        total += counts
        module = meta.name.removesuffix(".py.meta")
        killed = sum(counts[s] for s in KILLED)
        survived = sum(counts[s] for s in SURVIVED)
        unrun = sum(counts.values()) - killed - survived
        print(f"{module:<22} {killed:>7} {survived:>8} {unrun:>6} {percent(killed, survived)}")
        if args.fail_under is not None and 100 * killed < args.fail_under * (killed + survived):
            below.append(module)
    killed = sum(total[s] for s in KILLED)
    survived = sum(total[s] for s in SURVIVED)
    unrun = sum(total.values()) - killed - survived
    print(f"{'all':<22} {killed:>7} {survived:>8} {unrun:>6} {percent(killed, survived)}")
    if below:
        print(f"below {args.fail_under:g} %: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
