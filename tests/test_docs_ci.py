"""The shell examples of docs/ci.md and docs/pipes.md run against the real CLI, so docs cannot rot.

A block is run when the line before its ```sh fence is `<!-- tested exit=N -->`
(optionally `needs=tool`, skipped when the tool is missing). Each block runs
with `bash -e` in a fresh directory holding `data/claims.csv` and
`data/sources.csv` (the fixture with one finding of every kind), with the
installed `claimcheck` first on PATH, and must end with status N.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DATA, REPO

DOCS = ("docs/ci.md", "docs/pipes.md")
_BLOCK = re.compile(
    r"^<!-- tested exit=(?P<exit>\d+)(?: needs=(?P<needs>\S+))? -->\n```sh\n(?P<body>.*?)^```$",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Example:
    doc: str
    line: int
    status: int
    needs: str | None
    script: str


def _examples() -> list[Example]:
    found = []
    for doc in DOCS:
        text = (REPO / doc).read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            found.append(
                Example(
                    doc,
                    text.count("\n", 0, match.start()) + 1,
                    int(match["exit"]),
                    match["needs"],
                    match["body"],
                )
            )
    return found


EXAMPLES = _examples()


def test_every_doc_has_tested_examples() -> None:
    """A renamed marker must not silently turn the doc tests off."""
    assert {example.doc for example in EXAMPLES} == set(DOCS)
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.doc}:{e.line}")
def test_shell_example(example: Example, tmp_path: Path) -> None:
    """The block runs as written and ends with the status the doc promises."""
    if example.needs and shutil.which(example.needs) is None:
        pytest.skip(f"{example.needs} is not installed")
    (tmp_path / "data").mkdir()
    for name in ("claims.csv", "sources.csv"):
        shutil.copy(DATA / "conflicts" / name, tmp_path / "data" / name)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-e", "-c", example.script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == example.status, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_workflow_and_hooks_name_what_ci_needs() -> None:
    """The workflow gates on the baseline and uploads SARIF; the hooks call the real commands.

    (PyYAML is not a dependency; the structure is checked line by line.)
    """
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    workflow = re.search(r"```yaml\n(name: claimcheck.*?)```", text, re.DOTALL)
    assert workflow is not None
    body = workflow[1]
    assert "uses: github/codeql-action/upload-sarif@v3" in body
    assert "security-events: write" in body
    assert '>> "$GITHUB_STEP_SUMMARY"' in body
    assert "--baseline claimcheck-baseline.json --format csv > /dev/null" in body
    assert "\t" not in body
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)$", hooks, re.MULTILINE)
    assert ids == ["claimcheck-validate", "claimcheck-compare"]
    entries = re.findall(r"^  entry: (.+)$", hooks, re.MULTILINE)
    assert entries == ["claimcheck validate", "claimcheck compare --format csv --quiet"]
    for pattern in re.findall(r"^  files: (.+)$", hooks, re.MULTILINE):
        assert re.search(pattern, "data/claims.csv")
