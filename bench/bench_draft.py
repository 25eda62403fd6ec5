"""Throughput of `draft_documents` on news text, in MB/s (medians of several runs).

The corpus is built as for `bench_extract.py`: the seed articles' sentences
plus the English and German wire-style test articles, shuffled with a fixed
seed into documents of 40 sentences and repeated to about 3 MB. `extract`
runs inside the draft, so the ratio of the two throughputs is the draft's own
cost.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bench_extract import paragraphs  # noqa: E402

from claimcheck.draft import Document, draft_documents  # noqa: E402
from claimcheck.extract import extract_text  # noqa: E402

RUNS = 5


def corpus() -> list[str]:
    """About 3 MB of news text in documents of 40 sentences (bench_extract's corpus)."""
    paths = sorted((ROOT / "data" / "sources").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "data" / "draft").glob("*/*.txt"))
    return paragraphs(paths, end="\n")


def main() -> None:
    """Print the draft's and extract's throughput, measured alternately."""
    texts = corpus()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    documents = [Document(f"doc{i}", text, published="2024-06-01") for i, text in enumerate(texts)]
    draft_documents(documents[:2])
    draft_rates, extract_rates, ratios, cpu_rates = [], [], [], []
    count = 0
    for _ in range(RUNS):
        begin, cpu = time.perf_counter(), time.process_time()
        count = draft_documents(documents).claims.height
        draft_rate = megabytes / (time.perf_counter() - begin)
        cpu_rates.append(megabytes / (time.process_time() - cpu))
        begin = time.perf_counter()
        for i, text in enumerate(texts):
            extract_text(text, f"doc{i}")
        extract_rate = megabytes / (time.perf_counter() - begin)
        draft_rates.append(draft_rate)
        extract_rates.append(extract_rate)
        ratios.append(draft_rate / extract_rate)
    print(
        f"draft: {megabytes:.1f} MB news in {len(texts)} documents, {count} claims: "
        f"median {statistics.median(draft_rates):.2f} MB/s (min {min(draft_rates):.2f}, "
        f"max {max(draft_rates):.2f}, {RUNS} runs); extract alone median "
        f"{statistics.median(extract_rates):.2f} MB/s; draft/extract median ratio "
        f"{statistics.median(ratios):.2f}; per CPU second (what an idle core gives) median "
        f"{statistics.median(cpu_rates):.2f} MB/s"
    )


if __name__ == "__main__":
    main()
