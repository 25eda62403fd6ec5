"""Shared behaviour of every command against hostile files and streams (csvkit-style).

Each command is run against the same special inputs, in every role a path can
play (claims, sources, aliases, relations, baseline, source text, extract's
text): an empty file, a directory, a FIFO with no writer, `/dev/zero`, a
socket. Each must end at once with exit 2 and one `PATH: ...` line, never
block, never read without end, never print a traceback. Runs that could hang
or eat memory if the guard broke are real subprocesses with a timeout and an
address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import DATA, REPO, Run, run_cli

CONFLICTS = DATA / "conflicts"
MEMORY_LIMIT = 2 << 30
"""A guard that failed open would read /dev/zero until this address-space limit."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(*args: str, shell_redirect: str = "", timeout: float = 30) -> Run:
    """The real CLI as a subprocess, with a time and a memory limit.

    `shell_redirect` (e.g. `<&-`, `> /dev/full`) is applied by /bin/sh, which is
    how a user closes or redirects a stream.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    command = " ".join(
        [_quote(sys.executable), "-m", "claimcheck", *map(_quote, args), shell_redirect]
    )
    done = subprocess.run(
        ["/bin/sh", "-c", f"exec {command}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL if ">" in shell_redirect else subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
        timeout=timeout,
        check=False,
        preexec_fn=_limit_memory,
    )
    out = done.stdout.decode("utf-8", "replace") if done.stdout else ""
    return Run(done.returncode, out, done.stderr.decode("utf-8", "replace"))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """A valid table folder: claims, sources (with a text), aliases, relations."""
    folder = tmp_path / "table"
    folder.mkdir()
    shutil.copy(CONFLICTS / "claims.csv", folder / "claims.csv")
    shutil.copy(CONFLICTS / "sources.csv", folder / "sources.csv")
    (folder / "aliases.csv").write_text("field,alias,canonical\n", encoding="utf-8")
    return folder


@contextlib.contextmanager
def special(kind: str, folder: Path) -> Iterator[Path]:
    """A special file of `kind` in `folder`, removed afterwards."""
    path = folder / f"special-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        try:
            yield path
        finally:
            server.close()
        return
    elif kind == "dev-zero":
        path = Path("/dev/zero")
    elif kind == "dev-full":
        path = Path("/dev/full")
    yield path


SPECIAL_KINDS = ["fifo", "directory", "socket", "dev-zero", "dev-full"]

ROLES: dict[str, Callable[[Path, Path], list[str]]] = {
    "validate claims": lambda _t, p: ["validate", str(p)],
    "compare claims": lambda _t, p: ["compare", str(p), "-f", "csv"],
    "keys claims": lambda _t, p: ["keys", str(p), "-f", "csv"],
    "verify claims": lambda _t, p: ["verify", str(p), "-f", "csv"],
    "show claims": lambda _t, p: ["show", "north_korea", str(p)],
    "baseline claims": lambda t, p: ["baseline", str(p), "-o", str(t / "b.json")],
    "validate --sources": lambda t, p: ["validate", str(t / "claims.csv"), "--sources", str(p)],
    "validate --aliases": lambda t, p: ["validate", str(t / "claims.csv"), "--aliases", str(p)],
    "validate --relations": lambda t, p: [
        "validate", str(t / "claims.csv"), "--relations", str(p)
    ],
    "compare --relations": lambda t, p: [
        "compare", str(t / "claims.csv"), "--relations", str(p), "-f", "csv"
    ],
    "compare --baseline": lambda t, p: [
        "compare", str(t / "claims.csv"), "--baseline", str(p), "-f", "csv"
    ],
    "extract text": lambda _t, p: ["extract", str(p)],
}  # fmt: skip


def _assert_refused(run: Run, path: Path, words: str) -> None:
    assert run.status == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{path}" in run.stderr
    assert words in run.stderr


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        *(("validate claims", kind) for kind in SPECIAL_KINDS),
        ("compare --baseline", "dev-zero"),
        ("extract text", "fifo"),
    ],
)
def test_special_files_are_refused_by_a_real_process(table: Path, role: str, kind: str) -> None:
    """A FIFO blocks and /dev/zero never ends: refused before the first read, in a subprocess."""
    with special(kind, table) as path:
        run = run_bounded(*ROLES[role](table, path))
    _assert_refused(run, path, "not a regular file")


@pytest.mark.parametrize("kind", ["directory", "dev-zero", "fifo", "socket"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_refuses_special_files(table: Path, role: str, kind: str) -> None:
    """Every command, every path it reads: one line, exit 2, the path, 'not a regular file'."""
    with special(kind, table) as path:
        run = run_cli(*ROLES[role](table, path))
    _assert_refused(run, path, "not a regular file")


@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_reports_a_missing_file(table: Path, role: str) -> None:
    missing = table / "missing.csv"
    run = run_cli(*ROLES[role](table, missing))
    _assert_refused(run, missing, "no such")


@pytest.mark.parametrize(
    "role",
    [role for role in ROLES if role not in ("extract text", "compare --baseline")],
)
def test_every_role_reports_an_empty_file(table: Path, role: str) -> None:
    """An empty CSV is one message naming it; an empty relations or aliases file too."""
    empty = table / "empty.csv"
    empty.write_bytes(b"")
    run = run_cli(*ROLES[role](table, empty))
    _assert_refused(run, empty, "empty")


def test_an_empty_baseline_is_not_a_baseline(table: Path) -> None:
    empty = table / "empty.json"
    empty.write_bytes(b"")
    run = run_cli(*ROLES["compare --baseline"](table, empty))
    _assert_refused(run, empty, "not a JSON baseline")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_reports_an_unreadable_file(table: Path, role: str) -> None:
    locked = table / "locked.csv"
    shutil.copy(table / "claims.csv", locked)
    locked.chmod(0)
    run = run_cli(*ROLES[role](table, locked))
    _assert_refused(run, locked, "Permission denied")


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_a_special_source_text_is_refused(table: Path, kind: str) -> None:
    """verify opens the texts sources.csv names: a FIFO there would block it forever."""
    with special(kind, table) as path:
        sources = table / "sources.csv"
        lines = sources.read_text(encoding="utf-8").splitlines()
        lines[1] = lines[1].rstrip(",") + "," + path.name
        sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = ("verify", str(table / "claims.csv"), "-f", "csv")
        run = run_bounded(*args) if kind == "fifo" else run_cli(*args)
    assert run.status == 2, run.stderr
    assert "sources.csv:2: path:" in run.stderr
    assert "not a regular file" in run.stderr


class TestStandardStreams:
    """`-` is standard input and `/dev/stdout` standard output; closed or full streams end
    with exit 2 and one line, for every command, `--help` included."""

    @pytest.mark.parametrize(
        "args",
        [
            ["--help"],
            ["compare", "data/claims.csv", "-f", "csv"],
            ["compare", "data/claims.csv", "-f", "table"],
            ["verify", "data/claims.csv", "-f", "json"],
        ],
    )
    def test_a_full_disk_is_one_line_and_exit_2(self, args: list[str]) -> None:
        run = run_bounded(*args, shell_redirect="> /dev/full")
        assert run.status == 2, run.stderr
        assert "Traceback" not in run.stderr
        assert "cannot write standard output: No space left on device" in run.stderr

    def test_a_closed_standard_output_is_one_line_and_exit_2(self) -> None:
        run = run_bounded("keys", "data/claims.csv", "-f", "csv", shell_redirect=">&-")
        assert run.status == 2, run.stderr
        assert "Traceback" not in run.stderr
        assert "cannot write standard output" in run.stderr

    def test_a_closed_standard_error_keeps_the_exit_status(self) -> None:
        """`2>&-`: messages are lost, never turned into a crash and exit 1."""
        assert run_bounded("compare", "data/claims.csv", "-f", "csv",
                           shell_redirect="2>&-").status == 0  # fmt: skip

    def test_validate_needs_no_standard_output(self) -> None:
        """A command that writes only to stderr runs with stdout closed."""
        run = run_bounded("validate", "data/claims.csv", shell_redirect=">&-")
        assert run.status == 0, run.stderr
        assert "valid" in run.stderr

    @pytest.mark.parametrize("command", ["extract", "baseline"])
    def test_a_closed_standard_input_is_one_line_and_exit_2(
        self, command: str, tmp_path: Path
    ) -> None:
        extra = ["-o", str(tmp_path / "b.json")] if command == "baseline" else []
        run = run_bounded(command, "-", *extra, shell_redirect="<&-")
        assert run.status == 2, run.stderr
        assert "Traceback" not in run.stderr
        assert "standard input is closed" in run.stderr

    def test_standard_input_from_dev_zero_is_refused(self) -> None:
        run = run_bounded("validate", "-", shell_redirect="< /dev/zero")
        assert run.status == 2, run.stderr
        assert "<stdin>: not a regular file (a character device)" in run.stderr

    def test_dash_o_dev_stdout_is_standard_output(self, table: Path) -> None:
        run = run_cli("keys", str(table / "claims.csv"), "--suggest", "-o", "/dev/stdout")
        assert run.status == 0, run.stderr
        assert run.stdout.startswith("field,alias,canonical")

    def test_stdin_is_read_up_to_its_limit(self) -> None:
        """A pipe that never ends (`yes |`) stops at the limit with a message."""
        import io

        from claimcheck.errors import InputError
        from claimcheck.files import read_stdin

        assert read_stdin(io.BytesIO(b"a,b\n"), limit=4) == b"a,b\n"
        with pytest.raises(InputError, match="more than 4 bytes: save it to a file"):
            read_stdin(io.BytesIO(b"a,b\n1"), limit=4)


def test_special_output_paths_are_refused(table: Path) -> None:
    """`keys -o` and `baseline -o` write only to regular files (or standard output)."""
    claims = str(table / "claims.csv")
    with special("fifo", table) as fifo:
        for args in (["keys", claims, "--suggest", "-o", str(fifo)],
                     ["baseline", claims, "-o", str(fifo)]):  # fmt: skip
            run = run_cli(*args)
            assert run.status == 2, run.stderr
            assert "not a regular file (a FIFO)" in run.stderr
            assert stat.S_ISFIFO(fifo.stat().st_mode)


HUGE = "7" * 5000  # Python's int() refuses strings of more than 4,300 digits


@pytest.mark.parametrize(
    "text",
    [
        f"Am 3. Mai 2024 wurden {HUGE} Granaten geliefert.",
        f"In 2024, {HUGE} shells were sent to Russia.",
        f"In 2024, {HUGE}/{HUGE} of 5 shells and 2 x 10^{HUGE} were sent.",
        f"In 2024, 3e{HUGE} shells and a {HUGE} in. gun were sent.",
        f"On May {HUGE}, 5,000 shells were sent.",
    ],
    ids=["de", "en", "fraction-power", "exponent-inches", "day"],
)
def test_extract_reads_past_a_number_of_thousands_of_digits(tmp_path: Path, text: str) -> None:
    """A number no one writes must not end a run in a traceback (exit 1)."""
    article = tmp_path / "article.txt"
    after = "Danach wurden 500 Soldaten entsandt." if "wurden" in text else "Then 500 troops left."
    article.write_text(f"{text}\n{after}\n", encoding="utf-8")
    done = run_cli("extract", str(article), "--format", "csv")
    assert done.status == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert ",500," in done.stdout, "the figures after it are still read"
