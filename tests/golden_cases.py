"""Every golden file and the CLI run that renders it, in one place.

The tests only compare against these files; scripts/regen_golden.py (`make golden`)
is the one thing that writes them, so no run of `make test` can bless its own output.
"""

from __future__ import annotations

CASES: dict[str, tuple[tuple[str, ...], int]] = {
    "compare_conflicts": (
        ("compare", "tests/data/conflicts/claims.csv", "--format", "table", "--width", "100"),
        1,
    ),
    "compare_seed": (("compare", "data/claims.csv", "--format", "table", "--width", "100"), 0),
    "compare_near_duplicates": (
        ("compare", "tests/data/trust/keys/claims.csv", "--format", "table", "--width", "100"),
        0,
    ),
    "relations_fixture": (
        ("compare", "tests/data/relations/claims.csv", "--format", "table", "--width", "100"),
        1,
    ),
    "relations_seed": (("compare", "data/claims.csv", "--format", "table", "--width", "100"), 0),
    "show_north_korea": (("show", "north_korea", "data/claims.csv", "--width", "100"), 0),
}
