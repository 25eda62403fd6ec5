"""The CLI as users run it: exit statuses, stdout and stderr kept apart, formats, help."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli._app import ALLOCATOR_SETTINGS, COMMANDS, LIBRARY_SETTINGS, configure_libraries
from claimcheck.findings import CONTRACT_COLUMNS
from conftest import DATA, REPO, SEED_CLAIMS, run_cli, run_process

CONFLICTS = DATA / "conflicts" / "claims.csv"


class TestExitStatus:
    def test_ok_on_the_seed_table(self) -> None:
        result = run_cli("compare", str(SEED_CLAIMS), "--format", "csv")
        assert result.status == 0
        assert result.stdout.splitlines()[0].startswith(",".join(CONTRACT_COLUMNS))
        assert "12 claims read" in result.stderr

    def test_findings_fail(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "--format", "csv")
        assert result.status == 1
        assert "3 failing" in result.stderr

    def test_fail_on_none(self) -> None:
        """Nothing fails, but every finding is still reported."""
        run = run_cli("compare", str(CONFLICTS), "-f", "csv", "--fail-on", "none")
        assert run.status == 0
        assert "4 findings" in run.stderr
        assert "; 0 failing" in run.stderr
        assert len(run.stdout.splitlines()) == 5

    def test_fail_on_changed_only(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "-f", "csv", "--fail-on", "changed")
        assert result.status == 1
        assert "1 failing" in result.stderr

    def test_bad_fail_on_is_a_usage_error(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "--fail-on", "contradictions")
        assert result.status == 2
        assert result.stdout == ""
        assert "is not one of" in result.stderr

    def test_bad_tolerance(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "--approx-tolerance", "2")
        assert result.status == 2
        assert "approx tolerance" in result.stderr

    def test_input_error(self, tmp_path: Path) -> None:
        bad = tmp_path / "claims.csv"
        bad.write_text("claim_id,source_id,subject,metric,value,unit\nc1,s,x,m,1,parsec\n")
        result = run_cli("compare", str(bad))
        assert result.status == 2
        assert result.stdout == ""
        assert result.stderr == f"{bad}:2: unit: unknown unit 'parsec' in 'parsec'\n"

    def test_default_claims_path(self, tmp_path: Path) -> None:
        (tmp_path / "data").mkdir()
        shutil.copy(CONFLICTS, tmp_path / "data" / "claims.csv")
        assert run_cli("compare", "-f", "csv", cwd=tmp_path).status == 1
        missing = run_cli("compare", cwd=tmp_path / "data")
        assert missing.status == 2
        assert "no CLAIMS file given" in missing.stderr


class TestPanels:
    """The table view draws at most --panels quantities and says how many it left out."""

    CONFLICTS = str(DATA / "conflicts" / "claims.csv")

    def test_panels_cap_the_table_view_and_say_what_is_left(self) -> None:
        result = run_cli("compare", self.CONFLICTS, "--format", "table", "--panels", "1",
                         "--width", "100")  # fmt: skip
        assert result.status == 1
        assert result.stdout.count("╭─") == 1
        assert "… and 3 more quantities in conflict, not drawn" in result.stdout

    def test_panels_zero_draws_every_quantity(self) -> None:
        result = run_cli("compare", self.CONFLICTS, "--format", "table", "--panels", "0",
                         "--width", "100")  # fmt: skip
        assert result.stdout.count("╭─") == 4
        assert "more quantities in conflict" not in result.stdout

    def test_panels_leave_csv_whole(self) -> None:
        capped = run_cli("compare", self.CONFLICTS, "--format", "csv", "--panels", "1")
        whole = run_cli("compare", self.CONFLICTS, "--format", "csv")
        assert capped.stdout == whole.stdout


class TestFormats:
    def test_csv_columns_and_values(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "-f", "csv", "-q")
        assert result.stderr == ""
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert list(rows[0])[: len(CONTRACT_COLUMNS)] == list(CONTRACT_COLUMNS)
        kinds = sorted(row["kind"] for row in rows)
        assert kinds == ["changed", "contradiction", "decreasing_cumulative", "unit_mismatch"]
        contradiction = next(r for r in rows if r["kind"] == "contradiction")
        assert contradiction["claim_a"] == "kr-containers"
        assert contradiction["value_a"] == "7000"
        assert contradiction["source_b"] == "wsj"
        assert float(contradiction["relative_gap"]) == pytest.approx((9900 - 7000.5) / 11000)

    def test_json_numbers_are_numbers(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "-f", "json", "-q")
        data = json.loads(result.stdout)
        assert len(data) == 4
        assert list(data[0])[: len(CONTRACT_COLUMNS)] == list(CONTRACT_COLUMNS)
        assert all(isinstance(item["relative_gap"], float) for item in data)
        gdp = next(item for item in data if item["kind"] == "changed")
        assert gdp["value_a"] == 23.7
        assert gdp["value_b"] == 30

    def test_findings_carry_provenance(self) -> None:
        """Both claims' source title, publisher, date, speaker and quote, in every row."""
        data = json.loads(run_cli("compare", str(CONFLICTS), "-f", "json", "-q").stdout)
        row = next(item for item in data if item["kind"] == "contradiction")
        assert (row["title_a"], row["publisher_a"], row["published_a"]) == (
            "Seoul estimates", "Yonhap", "2024-03-02")  # fmt: skip
        assert (row["title_b"], row["publisher_b"]) == ("Putin and Kim", "WSJ")
        assert row["attributed_to_b"] == "US officials"
        assert row["quote_b"].startswith("Nordkorea habe etwa 11.000")

    def test_no_findings_is_an_empty_array(self) -> None:
        result = run_cli("compare", str(SEED_CLAIMS), "-f", "json", "-q")
        assert result.status == 0
        assert json.loads(result.stdout) == []

    def test_table_view(self) -> None:
        result = run_cli("compare", str(CONFLICTS), "-f", "table", "--width", "100")
        assert result.status == 1
        assert "north_korea · containers_shipped · → russia · 2023" in result.stdout
        assert "kr-containers vs us-containers" in result.stdout
        assert "10 claims read, 5 quantities, 4 findings" in result.stdout

    def test_stdin(self) -> None:
        result = run_cli(
            "compare", "-", "-f", "csv", "-q", stdin=CONFLICTS.read_text(encoding="utf-8")
        )
        assert result.status == 1
        assert len(result.stdout.splitlines()) == 5


class TestHelp:
    @pytest.mark.parametrize("command", ["compare", "validate"])
    def test_help_has_an_example(self, command: str) -> None:
        result = run_cli(command, "--help")
        assert result.status == 0
        assert "Example: claimcheck " + command in result.stdout

    def test_fail_on_help_names_every_kind(self) -> None:
        from claimcheck.findings import Kind

        # rich wraps the help inside a box: join the words back before looking.
        squashed = "".join(run_cli("compare", "--help").stdout.replace("│", "").split())
        for kind in Kind:
            assert kind.value in squashed

    def test_version(self) -> None:
        result = run_cli("--version")
        assert result.status == 0
        assert result.stdout.startswith("claimcheck 0.")


class TestValidate:
    def test_valid(self) -> None:
        result = run_cli("validate", str(SEED_CLAIMS))
        assert result.status == 0
        assert result.stdout == ""
        assert "12 claims, 5 sources, valid" in result.stderr


_NO_THREADS = """
import threading

def refuse(self):
    raise RuntimeError("can't start new thread")

threading.Timer.start = refuse
"""


class TestSubprocess:
    """The real installed CLI, as a user's shell and CI run it."""

    def test_compare_csv(self) -> None:
        result = run_process("compare", str(CONFLICTS), "--format", "csv")
        assert result.status == 1
        assert result.stdout.startswith("fingerprint,kind,severity")
        assert "4 findings" in result.stderr

    def test_bad_input_has_no_traceback(self, tmp_path: Path) -> None:
        bad = tmp_path / "claims.csv"
        bad.write_bytes(b"\x00\x01binary")
        result = run_process("validate", str(bad))
        assert result.status == 2
        assert "Traceback" not in result.stderr
        assert "NUL bytes" in result.stderr

    def test_help_does_not_import_pint_or_polars(self) -> None:
        """`claimcheck --help` stays fast: building the CLI loads neither heavy library."""
        code = (
            "import sys; import typer.main; from claimcheck.cli import app\n"
            "typer.main.get_command(app)\n"
            "print(sorted(m for m in ('pint', 'polars') if m in sys.modules))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
        )
        assert done.stdout.strip() == "[]"

    def test_seed_compare_imports_no_pydantic_or_rapidfuzz(self) -> None:
        """`compare --format csv` on the seed table, as a pre-commit hook runs it, never loads
        pydantic (typer 0.29 built a pydantic TypeAdapter per option, ~100 ms a run) nor
        rapidfuzz (its names have no near-duplicate candidates to score)."""
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "claimcheck", "compare",
             str(SEED_CLAIMS), "--format", "csv", "--quiet"],
            capture_output=True, text=True, cwd=REPO, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr[-2000:]
        imported = {
            line.rsplit("|", 1)[1].strip().split(".")[0]
            for line in done.stderr.splitlines()
            if line.startswith("import time:")
        }
        assert "polars" in imported, "the probe must see the imports of a real compare"
        assert not {"pydantic", "rapidfuzz"} & imported

    def test_libraries_are_configured_before_they_load(self) -> None:
        """jemalloc and OpenBLAS read their options once, when polars and numpy load:
        main() must set them first."""
        code = (
            "import os, sys\n"
            "from claimcheck.cli import _app\n"
            "conf = lambda: (os.environ.get('_RJEM_MALLOC_CONF'),\n"
            "                os.environ.get('OPENBLAS_NUM_THREADS'))\n"
            "loaded = lambda: {'polars', 'numpy'} & set(sys.modules)\n"
            "_app.only_command = lambda *_: lambda: print(*conf(), len(loaded()))\n"
            "_app.main()\n"
        )
        environ = {k: v for k, v in os.environ.items() if k not in LIBRARY_SETTINGS}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=REPO, check=True, env=environ)  # fmt: skip
        assert done.stdout.split() == [ALLOCATOR_SETTINGS, "1", "0"]

    def test_objects_are_left_to_the_os_at_exit(self) -> None:
        """main() freezes what is alive once the output is out: shutdown skips collecting it."""
        code = (
            "import gc, sys\n"
            "from claimcheck.cli import main\n"
            "sys.argv = ['claimcheck', 'compare', 'data/claims.csv', '--format', 'csv']\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as exit_:\n"
            "    print(int(exit_.code), gc.get_freeze_count() > 10_000, file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=REPO, check=True)  # fmt: skip
        assert done.stderr.split()[-2:] == ["0", "True"]
        assert done.stdout.startswith("fingerprint,kind,")

    @pytest.mark.parametrize(
        ("before", "wait", "expected"),
        [
            ("", "0", "False"),
            ("", "0.6", "True"),
            ("gc.disable()", "0.6", "False"),
            # No thread to time the pause with: the run collects as usual.
            (_NO_THREADS, "0", "True"),
        ],
    )
    def test_collection_pauses_for_the_start_of_a_run(
        self, before: str, wait: str, expected: str
    ) -> None:
        """The cyclic collector is off when a command starts, on again once GC_PAUSE has
        passed, and left off by a program that turned it off itself."""
        code = (
            "import gc, time\n"
            f"{before}\n"
            "from claimcheck.cli import _app\n"
            "_app.GC_PAUSE = 0.3\n"
            f"_app.only_command = lambda *_: lambda: (time.sleep({wait}), print(gc.isenabled()))\n"
            "_app.main()\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=REPO, check=True, timeout=60)  # fmt: skip
        assert done.stdout.split() == [expected]

    def test_library_settings_of_the_user_win(self) -> None:
        environ = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0", "OPENBLAS_NUM_THREADS": "4"}
        configure_libraries(environ)
        assert environ == {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0", "OPENBLAS_NUM_THREADS": "4"}
        fresh: dict[str, str] = {}
        configure_libraries(fresh)
        assert fresh == {"_RJEM_MALLOC_CONF": ALLOCATOR_SETTINGS, "OPENBLAS_NUM_THREADS": "1"}
        partly = {"OPENBLAS_NUM_THREADS": "2"}
        configure_libraries(partly)
        assert partly == {"_RJEM_MALLOC_CONF": ALLOCATOR_SETTINGS, "OPENBLAS_NUM_THREADS": "2"}

    def test_closed_pipe_is_not_read_as_findings(self, tmp_path: Path) -> None:
        """`| head` on a table with no failing findings must not look like exit 1."""
        rows = "".join(f"c{i},s,x{i // 2},m,,,{1 + 2 * (i % 2)},,USD,,,,,,\n" for i in range(20000))
        table = tmp_path / "claims.csv"
        table.write_text(SEED_CLAIMS.read_text(encoding="utf-8").splitlines()[0] + "\n" + rows)
        done = subprocess.run(
            ["bash", "-c", f"{sys.executable} -m claimcheck compare {table} -f csv -q "
             "--fail-on none | head -1; echo ${PIPESTATUS[0]}"],
            capture_output=True, text=True, cwd=REPO, check=False, timeout=120,
        )  # fmt: skip
        assert done.stderr == ""
        assert done.stdout.splitlines()[-1] in {"0", "141"}


def _help(app: object, *args: str) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*args, "--help"], catch_exceptions=False)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", ["compare", "baseline", "extract", "verify", "consensus"])
def test_a_run_builds_only_the_command_it_names(command: str) -> None:
    from claimcheck.cli import app
    from claimcheck.cli._app import only_command

    lean = only_command(app, [command, "data/claims.csv"])
    assert [info.callback.__name__ for info in lean.registered_commands if info.callback] == [
        command
    ]
    assert len(app.registered_commands) == 9, "the whole app is left as it was"
    assert _help(lean, command) == _help(app, command)


@pytest.mark.parametrize(
    "args", [[], ["--help"], ["--traceback", "compare"], ["comprae"], ["data/claims.csv"]]
)
def test_other_command_lines_get_the_whole_app(args: list[str]) -> None:
    from claimcheck.cli import app
    from claimcheck.cli._app import only_command

    assert only_command(app, args) is app


_LOADED = """
import sys
sys.argv = ["claimcheck", *sys.argv[1:]]
from claimcheck.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write(" ".join(sorted(m for m in sys.modules if m.startswith("claimcheck.cli."))))
"""


@pytest.mark.parametrize(
    ("args", "commands"),
    [
        (["compare", str(SEED_CLAIMS), "--format", "csv"], ["compare"]),
        (["validate", str(SEED_CLAIMS)], ["validate"]),
        (["draft", "--help"], ["draft", "extract"]),  # draft reads extract's languages
        (["--help"], list(COMMANDS)),
        (["comprae"], list(COMMANDS)),
    ],
)
def test_a_run_imports_only_the_module_of_its_command(
    args: list[str], commands: list[str]
) -> None:
    """A command's module alone is imported; help and unknown names load them all."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *args],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    loaded = done.stderr.rsplit("\n", 1)[-1].split()
    assert sorted(name.removeprefix("claimcheck.cli.") for name in loaded if
                  not name.startswith("claimcheck.cli._")) == sorted(commands)  # fmt: skip


def test_the_app_imported_from_the_package_has_every_command() -> None:
    """`from claimcheck.cli import app` (tests, `python -m typer claimcheck.cli`) is whole."""
    import claimcheck.cli
    from claimcheck.cli import app

    names = [info.callback.__name__ for info in app.registered_commands if info.callback]
    assert names == list(COMMANDS)
    assert "app" in dir(claimcheck.cli)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = claimcheck.cli.nothing


def test_a_real_run_with_only_its_command_still_reports_and_suggests() -> None:
    done = run_process("compare", str(SEED_CLAIMS), "--format", "csv", "--bogus")
    assert done.status == 2
    assert "claimcheck compare [OPTIONS] [claims]" in done.stderr
    assert "No such option: --bogus" in done.stderr
    typo = run_process("comprae", str(SEED_CLAIMS))
    assert typo.status == 2
    assert "Did you mean 'compare'?" in typo.stderr
