"""Every golden file and the CLI run that renders it, in one place.

The tests only compare against these files; scripts/regen_golden.py (`make golden`)
is the one thing that writes them, so no run of `make test` can bless its own output.
"""

from __future__ import annotations

CASES: dict[str, tuple[tuple[str, ...], int]] = {
    # file name in tests/golden/: (CLI arguments, run from the repository root; exit status)
    "compare_conflicts.txt": (
        ("compare", "tests/data/conflicts/claims.csv", "--format", "table", "--width", "100"),
        1,
    ),
    "compare_seed.txt": (("compare", "data/claims.csv", "--format", "table", "--width", "100"), 0),
    "compare_near_duplicates.txt": (
        ("compare", "tests/data/trust/keys/claims.csv", "--format", "table", "--width", "100"),
        0,
    ),
    "relations_fixture.txt": (
        ("compare", "tests/data/relations/claims.csv", "--format", "table", "--width", "100"),
        1,
    ),
    "relations_seed.txt": (
        ("compare", "data/claims.csv", "--format", "table", "--width", "100"),
        0,
    ),
    "show_north_korea.txt": (("show", "north_korea", "data/claims.csv", "--width", "100"), 0),
    "consensus_conflicts.txt": (
        ("consensus", "tests/data/conflicts/claims.csv", "--format", "table", "--width", "100",
         "--quiet"),
        0,
    ),
    "consensus_conflicts.csv": (
        ("consensus", "tests/data/conflicts/claims.csv", "--format", "csv", "--width", "100",
         "--quiet"),
        0,
    ),
    "consensus_seed.csv": (
        ("consensus", "data/claims.csv", "--format", "csv", "--width", "100", "--quiet"),
        0,
    ),
    "consensus_seed_sources.csv": (
        ("consensus", "data/claims.csv", "--format", "csv", "--width", "100", "--quiet",
         "--by-source"),
        0,
    ),
}  # fmt: skip
