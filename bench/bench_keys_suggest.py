"""`keys --suggest` blocking on generated distinct names (argument: how many): time, memory.

Names are built like a large table's metric vocabulary: two to four words
from a few thousand pseudo-words, plus about 2 % near-duplicates (a dropped
or doubled letter, a swapped word order), so the bench measures both the
blocking and the scoring of true candidates. Peak memory is reported twice:
Python allocations during the search (tracemalloc) and the process's
maximum resident set size (resource.getrusage).
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimcheck.suggest import similar_pairs  # noqa: E402

NAMES = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
"""Default size: the prefix filter is weak at threshold 80 with bigrams, so cost grows
faster than linear; pass 100000 to measure the target size (about 25 minutes)."""
WORDS = 3_000
ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "sh", "tr")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
CODAS = ("", "", "n", "r", "s", "t", "l", "m", "ng")


def vocabulary(rng: random.Random) -> list[str]:
    """Distinct pseudo-words of two to four syllables."""
    words: set[str] = set()
    while len(words) < WORDS:
        words.add(
            "".join(
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                for _ in range(rng.randint(2, 3))
            )
        )
    return sorted(words)


def names(rng: random.Random) -> list[str]:
    """NAMES distinct names, about 2 % of them misspellings of another."""
    words = vocabulary(rng)
    found: set[str] = set()
    while len(found) < NAMES * 0.98:
        found.add("_".join(rng.sample(words, rng.randint(2, 4))))
    base = sorted(found)
    while len(found) < NAMES:
        name = rng.choice(base)
        where = rng.randrange(len(name))
        if rng.random() < 0.5:
            variant = name[:where] + name[where + 1 :]
        else:
            variant = "_".join(reversed(name.split("_")))
        found.add(variant.strip("_") or name)
    return sorted(found)


def main() -> None:
    """Print names, suggestions found, seconds and peak memory."""
    vocabulary_names = names(random.Random(5))
    tracemalloc.start()
    begin = time.perf_counter()
    pairs = similar_pairs(vocabulary_names)
    seconds = time.perf_counter() - begin
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(
        f"keys --suggest: {len(vocabulary_names):,} distinct names, {len(pairs):,} suggestions: "
        f"{seconds:.1f} s, peak Python allocations {peak / 1e6:.0f} MB, max RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
