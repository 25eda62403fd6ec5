"""claimcheck in pipes: clean stdout, stdin, closed pipes, colour, excel-safe CSV, streaming."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimcheck.render import Format, RenderOptions, renderer
from claimcheck.render.cells import excel_safe
from conftest import DATA, REPO, run_cli

CONFLICTS = DATA / "conflicts" / "claims.csv"
SOURCES = DATA / "conflicts" / "sources.csv"
CI = DATA / "ci" / "claims.csv"
STREAMING = [f for f in Format if f is not Format.TABLE]
PER_FINDING = [f for f in STREAMING if f not in (Format.CSV, Format.HTML)]
"""CSV converts column-wise in polars and writes slices of rows (render/csv.py), not one by one;
the HTML page is for people and bounded by --panels (render/html.py), not a stream of findings."""


@pytest.fixture(scope="module")
def big_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thousands of contradictions: far more output than a pipe buffer holds."""
    path = tmp_path_factory.mktemp("big") / "claims.csv"
    lines = ["claim_id,source_id,subject,metric,value,unit"]
    for i in range(3000):
        lines += [f"a{i},s,subject {i},m,100,container", f"b{i},s,subject {i},m,200,container"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=120,
        check=False,
    )


CLAIMCHECK = f"{sys.executable} -m claimcheck"


class TestClosedPipe:
    @pytest.mark.parametrize("fmt", [f.value for f in Format])
    def test_head_ends_claimcheck_quietly(self, big_table: Path, fmt: str) -> None:
        """`| head -1` closes the pipe early: no traceback, no 'Broken pipe', one line out."""
        done = _shell(f"{CLAIMCHECK} compare {big_table} --format {fmt} | head -1")
        assert done.returncode == 0
        assert len(done.stdout.splitlines()) == 1
        assert done.stderr == ""


class TestStreams:
    def test_stdout_is_only_data(self) -> None:
        """CSV on stdout parses as the findings; the summary goes to stderr."""
        run = run_cli("compare", str(CONFLICTS), "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert len(rows) == 4
        assert run.stderr.endswith("; 3 failing\n")

    @pytest.mark.parametrize("fmt", [f.value for f in STREAMING])
    def test_quiet_silences_stderr(self, fmt: str) -> None:
        """--quiet leaves stderr empty in every machine format."""
        run = run_cli("compare", str(CONFLICTS), "--format", fmt, "--quiet")
        assert run.status == 1
        assert run.stderr == ""
        assert run.stdout

    def test_stdin_dash(self) -> None:
        """`-` reads the claims from stdin; findings equal those of the file."""
        from_file = run_cli("compare", str(CONFLICTS), "--format", "jsonl")
        piped = run_cli(
            "compare", "-", "--sources", str(SOURCES), "--format", "jsonl",
            stdin=CONFLICTS.read_text(encoding="utf-8"),
        )  # fmt: skip
        assert piped.status == from_file.status == 1
        strip = ("line_a", "line_b")
        objects = [
            [{k: v for k, v in json.loads(line).items() if k not in strip} for line in text]
            for text in (piped.stdout.splitlines(), from_file.stdout.splitlines())
        ]
        assert objects[0] == objects[1]

    def test_csv_tool_output_can_be_piped_in(self) -> None:
        """Any CSV producer can feed claimcheck: here `cat` through a real shell pipe."""
        done = _shell(f"cat {CONFLICTS} | {CLAIMCHECK} compare - --format csv --quiet")
        assert done.returncode == 1
        assert done.stderr == ""
        assert len(list(csv.reader(io.StringIO(done.stdout)))) == 5


class TestColour:
    def _table(self, env: dict[str, str]) -> str:
        terminal = {"TERM": "xterm-256color", **env}
        done = _shell(f"{CLAIMCHECK} compare {CONFLICTS} --format table", terminal)
        assert done.returncode == 1
        return done.stdout

    def test_no_colour_when_piped(self) -> None:
        """A non-terminal stdout gets no escape sequences."""
        assert "\x1b[" not in self._table({})

    def test_force_color(self) -> None:
        """FORCE_COLOR turns colour on even into a pipe."""
        assert "\x1b[" in self._table({"FORCE_COLOR": "1"})

    def test_no_color_wins_over_force_color(self) -> None:
        """NO_COLOR removes colours (bold and reverse may stay, as no-color.org allows)."""
        text = self._table({"FORCE_COLOR": "1", "NO_COLOR": "1"})
        assert not any(f"\x1b[{code}" in text for code in ("31", "32", "33", "35", "36"))
        assert ";31m" not in text

    @pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "github", "sarif", "markdown"])
    def test_machine_formats_never_colour(self, fmt: str) -> None:
        """FORCE_COLOR never leaks escape codes into data."""
        done = _shell(f"{CLAIMCHECK} compare {CONFLICTS} --format {fmt}", {"FORCE_COLOR": "1"})
        assert "\x1b" not in done.stdout


class TestExcelSafe:
    @pytest.mark.parametrize(
        ("cell", "safe"),
        [
            ("=1+1", "'=1+1"),
            ("+3000 soldiers", "'+3000 soldiers"),
            ("-Südkorea", "'-Südkorea"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-12000", "-12000"),
            ("+1.5e6", "+1.5e6"),
            ("-inf", "-inf"),
            ("plain", "plain"),
            ("", ""),
        ],
    )
    def test_cells(self, cell: str, safe: str) -> None:
        """Formula triggers get an apostrophe (OWASP); numbers are left alone."""
        assert excel_safe(cell) == safe

    def test_csv_with_and_without(self) -> None:
        """Off by default (programs get the data as written); on, text cells are neutralized."""
        plain = list(csv.DictReader(io.StringIO(run_cli("compare", str(CI), "-f", "csv").stdout)))
        run = run_cli("compare", str(CI), "-f", "csv", "--excel-safe")
        safe = list(csv.DictReader(io.StringIO(run.stdout)))
        assert plain[0]["quote_b"].startswith("=HYPERLINK")
        assert safe[0]["quote_b"].startswith("'=HYPERLINK")
        assert safe[0]["quote_a"].startswith("'-Südkorea")
        assert (safe[1]["quote_a"], safe[1]["quote_b"]) == ("'@SUM(1+1)", "'+3000 soldiers")
        assert (safe[1]["value_a"], safe[1]["low_a"]) == ("-12000", "-12000.5")

    def test_other_formats_refuse(self) -> None:
        """The option changes data for spreadsheets only: with JSON it is a usage error."""
        run = run_cli("compare", str(CI), "-f", "json", "--excel-safe")
        assert run.status == 2
        assert run.stdout == ""
        assert "--excel-safe applies to --format csv only" in run.stderr


class _Recorder(io.StringIO):
    """A stream that notes how many findings had been produced at each write."""

    def __init__(self, produced: list[int]) -> None:
        super().__init__()
        self.produced = produced
        self.seen: list[int] = []

    def write(self, text: str) -> int:
        self.seen.append(self.produced[0])
        return super().write(text)


class TestStreaming:
    @pytest.mark.parametrize("fmt", PER_FINDING)
    def test_findings_written_as_produced(self, fmt: Format) -> None:
        """Every machine format writes before the last finding is produced (flat memory)."""
        from claimcheck.models import Report
        from claimcheck.pipeline import compare
        from claimcheck.table import load_table

        report = compare(load_table(CONFLICTS))
        produced = [0]

        class Counting(Report):
            def rows(self) -> Any:
                for row in super().rows():
                    produced[0] += 1
                    yield row

        counting = Counting(**{name: getattr(report, name) for name in report.__dataclass_fields__})
        out = _Recorder(produced)
        renderer(fmt)(counting, out, RenderOptions())
        assert produced[0] == len(report) == 4
        assert any(0 < seen < 4 for seen in out.seen)
