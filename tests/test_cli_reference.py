"""docs/cli.md is generated from the typer app; this fails when it is stale (`make cli-docs`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_cli_reference_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "cli.md"
    subprocess.run(
        [sys.executable, "-m", "typer", "claimcheck.cli", "utils", "docs",
         "--name", "claimcheck", "--output", str(fresh)],
        check=True, capture_output=True, cwd=REPO,
    )  # fmt: skip
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == fresh.read_text(encoding="utf-8"), "docs/cli.md is stale: run make cli-docs"
    for command in ("compare", "baseline", "show", "validate", "verify", "keys", "extract"):
        assert f"## `claimcheck {command}`" in current
