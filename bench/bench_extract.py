"""Throughput of `extract_text` on German and English news text, in MB/s (medians).

The German corpus is the seed articles' sentences, the English one the news-style
sentences of `bench/data/english_news.txt` (written for this benchmark), each
shuffled with a fixed seed and repeated to about 3 MB, so it has the density of
figures of real reporting. Also prints the time for the five seed articles after
start-up, and the time for one sentence of N and of 2N figures: the ratio is about
2 when reading is linear in the text (it was quadratic once).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimcheck.extract import extract_text  # noqa: E402
from claimcheck.extract.sentences import split_sentences  # noqa: E402

RUNS = 5
TARGET_BYTES = 3_000_000


def paragraphs(paths: list[Path], end: str = "\n\n") -> list[str]:
    """About 3 MB of paragraphs of 40 sentences, drawn from the given files' sentences.

    The sentences are real news wording; shuffling them with a fixed seed gives a
    corpus large enough to time, the same on every run.
    """
    sentences: list[str] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        sentences += [text[a:b] for a, b in split_sentences(text)]
    rng = random.Random(3)
    parts: list[str] = []
    size = 0
    while size < TARGET_BYTES:
        rng.shuffle(sentences)
        paragraph = " ".join(sentences[:40]) + end
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return parts


def corpus(paths: list[Path]) -> str:
    """About 3 MB of text built from the sentences of the given files."""
    return "".join(paragraphs(paths))


def main() -> None:
    """Print seed-article time and corpus throughput."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/sources").glob("*.txt"))]
    extract_text(seeds[0], "warm-up")
    seed_times = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        found = sum(len(extract_text(text, "seed")) for text in seeds)
        seed_times.append(time.perf_counter() - begin)
    median_ms = statistics.median(seed_times) * 1000
    print(f"extract: 5 seed articles, {found} figures: median {median_ms:.1f} ms")
    german = sorted((ROOT / "data" / "sources").glob("*.txt"))
    english = [ROOT / "bench" / "data" / "english_news.txt"]
    for name, lang, paths in (("German", "de", german), ("English", "en", english)):
        text = corpus(paths)
        megabytes = len(text.encode("utf-8")) / 1e6
        rates, cpu_rates = [], []
        for _ in range(RUNS):
            begin, cpu = time.perf_counter(), time.process_time()
            count = len(extract_text(text, "bench", lang))
            rates.append(megabytes / (time.perf_counter() - begin))
            cpu_rates.append(megabytes / (time.process_time() - cpu))
        print(
            f"extract: {megabytes:.1f} MB {name} news, {count} figures: "
            f"median {statistics.median(rates):.2f} MB/s (min {min(rates):.2f}, "
            f"max {max(rates):.2f}, {RUNS} runs); per CPU second median "
            f"{statistics.median(cpu_rates):.2f} MB/s"
        )
    linear()


def linear() -> None:
    """Seconds for one sentence of N and of 2N figures (median of 3), and their ratio.

    Two shapes: figures with nouns, and numbers joined by hyphens with no space, which
    the tokenizer once scanned to the end of the sentence from every token.
    """
    shapes: tuple[tuple[str, Callable[[int], str]], ...] = (
        ("figures", lambda n: " - ".join(f"{i} tanks" for i in range(n))),
        ("hyphen-joined numbers", lambda n: "-".join(str(i % 90 + 10) for i in range(n))),
    )
    for name, make in shapes:
        times = []
        for n in (10_000, 20_000):
            sentence = f"Counts were {make(n)}."
            runs = []
            for _ in range(3):
                begin = time.perf_counter()
                extract_text(sentence, "bench", "en")
                runs.append(time.perf_counter() - begin)
            times.append(statistics.median(runs))
        print(
            f"extract: one sentence of 10,000 / 20,000 {name}: {times[0]:.2f} s / "
            f"{times[1]:.2f} s (ratio {times[1] / times[0]:.2f}; 2 is linear)"
        )


if __name__ == "__main__":
    main()
