"""Shared test helpers: run the CLI in-process or as a real subprocess, fixture paths.

Every CLI test checks exit status, stdout and stderr separately; rich output is
made deterministic by clearing colour variables and fixing the width.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

if TYPE_CHECKING:
    from claimcheck.models import CompareOptions, Report

# No per-example deadline: speed goals live in bench/, and on a shared 2-core
# machine a loaded moment made property tests fail that hold (DeadlineExceeded).
# `make mutation` runs the suite many times in one process, so a property test that is
# a method meets new instances of its class: no test keeps state on `self`.
settings.register_profile(
    "claimcheck", deadline=None, suppress_health_check=[HealthCheck.differing_executors]
)
# Under `make mutation` each surviving mutant runs every test that reaches it:
# a property test's hundred examples then cost minutes over a whole run, and a
# mutant that twenty random examples miss is one the pinned examples must catch.
settings.register_profile("mutation", parent=settings.get_profile("claimcheck"), max_examples=20)
settings.load_profile("mutation" if "mutmut" in sys.modules else "claimcheck")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make mutation`, run first the tests most likely to kill a mutant soon.

    mutmut hands pytest a mutant's tests in no particular order and stops at the
    first failure, so a slow test that happens to come first costs its whole
    time even when a fast one would kill the mutant. The tests named after the
    mutated module (test_table.py, test_pins_table.py for table.py) come first,
    then the rest, each group fastest first by the durations mutmut measured in
    its first pass (mutants/mutmut-stats.json).
    """
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if "__mutmut_" not in mutant:
        return
    stats = Path("mutmut-stats.json")
    if not stats.is_file():
        return
    durations: dict[str, float] = json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"]
    module = mutant.split(".")[1]

    def order(item: pytest.Item) -> tuple[bool, float]:
        return module not in item.nodeid.partition("::")[0], durations.get(item.nodeid, 0.0)

    items.sort(key=order)

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_CLAIMS = REPO / "data" / "claims.csv"


def bench_generator() -> ModuleType:
    """bench/generate_claims.py, which is a script rather than a package module."""
    script = REPO / "bench" / "generate_claims.py"
    spec = importlib.util.spec_from_file_location("generate_claims", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLAIMS_HEADER = (
    "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,"
    "modality,as_of,quote\n"
)


def compare_rows(rows: list[str], options: CompareOptions | None = None) -> Report:
    """Compare claims rows (CLAIMS_HEADER's columns) as a table read from stdin."""
    from claimcheck.pipeline import compare
    from claimcheck.table import load_table

    data = (CLAIMS_HEADER + "".join(row + "\n" for row in rows)).encode()
    return compare(load_table("-", stdin=io.BytesIO(data), discover=False), options)


@dataclass(frozen=True)
class Run:
    """What a claimcheck run did: its exit status and its two streams, kept apart."""

    status: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True, scope="session")
def _unit_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Resolved units are cached in a directory of the test run's, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def parse_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """polars parses inputs of any size, so a test-sized file takes the fast path.

    Inputs under `csvfile.SCAN_BELOW` bytes are otherwise read by the exact pass
    alone, and a test of the fast path would compare that pass with itself.
    """
    from claimcheck import csvfile

    monkeypatch.setattr(csvfile, "SCAN_BELOW", 0)


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None) -> Run:
    """Run the CLI in-process (fast; for most tests)."""
    from claimcheck.cli import app

    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(app, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_process(
    *args: str, stdin: str | bytes | None = None, cwd: Path | None = None, timeout: float = 60
) -> Run:
    """Run the real CLI as a subprocess (`python -m claimcheck`), as users and CI do."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", *args],
        input=data,
        capture_output=True,
        cwd=cwd or REPO,
        env=env,
        timeout=timeout,
        check=False,
    )
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )
