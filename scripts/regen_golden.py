"""Rewrite the golden files of tests/golden/ from the CLI as it is now (`make golden`).

This is the only writer of those files: the tests just compare. Run it after a
deliberate change to a view, then review `git diff tests/golden` like code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from claimcheck.cli import app  # noqa: E402
from golden_cases import CASES  # noqa: E402


def main() -> int:
    """Render each case the way tests/conftest.py does: plain terminal, 100 columns."""
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS"):
        os.environ.pop(name, None)
    os.environ.update(COLUMNS="100", TERM="dumb")
    os.chdir(REPO)
    failed = 0
    for name, (args, status) in sorted(CASES.items()):
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        if result.exit_code != status:
            print(f"{name}: exit {result.exit_code}, expected {status}; not written")
            failed += 1
            continue
        path = REPO / "tests" / "golden" / name
        old = path.read_bytes().decode("utf-8") if path.exists() else None
        path.write_bytes(result.stdout.encode("utf-8"))
        print(f"{name}: {'unchanged' if old == result.stdout else 'rewritten'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
