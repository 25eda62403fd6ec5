"""`keys --suggest` on generated distinct names: candidates, suggestions, time, memory.

Usage: `bench_keys_suggest.py [N]`: N distinct names, or by default 10,000 and
100,000 (the target size), with the ratio of their times, so growth with the
number of names shows. Each size runs BENCH_RUNS times (default 3), each in a
fresh process, and medians are reported.

Names are built like a large table's metric vocabulary: two to four words
from a few thousand pseudo-words, plus about 2 % near-duplicates (a dropped
letter, a swapped word order), so the bench measures both the blocking and
the scoring of true candidates. The word list is fixed, so the more names,
the more of them share words: candidates per name grow with the count.

The search is timed without tracemalloc (it slows allocation-heavy code),
then run again under it for the peak of Python allocations. Max RSS is the
process's own (resource.getrusage) after the timed search, with the figure
before it, so the search's share is visible.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimcheck.suggest import candidate_pairs, similar_pairs  # noqa: E402

SIZES = (10_000, 100_000)
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
WORDS = 3_000
ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "sh", "tr")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
CODAS = ("", "", "n", "r", "s", "t", "l", "m", "ng")


def vocabulary(rng: random.Random) -> list[str]:
    """Distinct pseudo-words of two to three syllables."""
    words: set[str] = set()
    while len(words) < WORDS:
        words.add(
            "".join(
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                for _ in range(rng.randint(2, 3))
            )
        )
    return sorted(words)


def names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct names, about 2 % of them misspellings of another."""
    words = vocabulary(rng)
    found: set[str] = set()
    while len(found) < count * 0.98:
        found.add("_".join(rng.sample(words, rng.randint(2, 4))))
    base = sorted(found)
    while len(found) < count:
        name = rng.choice(base)
        where = rng.randrange(len(name))
        if rng.random() < 0.5:
            variant = name[:where] + name[where + 1 :]
        else:
            variant = "_".join(reversed(name.split("_")))
        found.add(variant.strip("_") or name)
    return sorted(found)


def max_rss() -> float:
    """The process's maximum resident set size so far, MiB (ru_maxrss is kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(count: int) -> dict[str, float]:
    """One measurement of `count` names, in this process."""
    vocabulary_names = names(random.Random(5), count)
    rss_before = max_rss()
    begin = time.perf_counter()
    pairs = similar_pairs(vocabulary_names)
    seconds = time.perf_counter() - begin
    rss = max_rss()
    candidates = len(candidate_pairs(vocabulary_names))
    tracemalloc.start()
    similar_pairs(vocabulary_names)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "names": len(vocabulary_names), "candidates": candidates, "suggestions": len(pairs),
        "seconds": seconds, "peak": peak / 2**20, "rss": rss, "rss_before": rss_before,
    }  # fmt: skip


def fresh(count: int) -> dict[str, float]:
    """`one` in a fresh process, so max RSS and caches are that run's own."""
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(count)], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def measure(count: int) -> dict[str, float]:
    """BENCH_RUNS fresh processes for `count` names: counts, and medians of the figures."""
    runs = [fresh(count) for _ in range(RUNS)]
    seconds = [run["seconds"] for run in runs]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    assert all(run["suggestions"] == runs[0]["suggestions"] for run in runs)
    print(
        f"keys --suggest: {median['names']:,.0f} distinct names, "
        f"{median['candidates']:,.0f} candidate pairs, {median['suggestions']:,.0f} suggestions: "
        f"median {median['seconds']:.3f} s (runs {', '.join(f'{s:.3f}' for s in seconds)}), "
        f"peak Python allocations {median['peak']:.1f} MiB, max RSS {median['rss']:.1f} MiB "
        f"({median['rss_before']:.1f} MiB before the search)",
        flush=True,
    )
    return median


def main() -> None:
    """Measure each size; with two or more, the growth of time against the names."""
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(int(sys.argv[2]))))
        return
    sizes = [int(sys.argv[1])] if len(sys.argv) > 1 else list(SIZES)
    medians = [measure(count) for count in sizes]
    if len(medians) > 1:
        first, last = medians[0], medians[-1]
        print(
            f"{last['names'] / first['names']:.0f}x the names: "
            f"{last['seconds'] / first['seconds']:.2f}x the time, "
            f"{last['candidates'] / first['candidates']:.0f}x the candidate pairs"
        )


if __name__ == "__main__":
    main()
