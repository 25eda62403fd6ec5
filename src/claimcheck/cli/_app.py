"""The typer app object, the global options and the error boundary."""

from __future__ import annotations

import contextlib
import copy
import errno
import gc
import io
import os
import re
import signal
import sys
import threading
from collections.abc import MutableMapping
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, InputError, InputErrors
from claimcheck.status import ExitStatus
from claimcheck.terminal import printable

app = typer.Typer(
    name="claimcheck",
    help=(
        "Check figures across reports: load a normalized claims table, convert units, "
        "and show where sources contradict each other.\n\n"
        "Example: claimcheck compare data/claims.csv"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: typer's rich help formatter imports rich (60 ms, most of
    # what `--help` cost); claimcheck's own views import rich only to draw.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"traceback": False}

ALLOCATOR_SETTINGS = "dirty_decay_ms:100,muzzy_decay_ms:0"
"""How polars' allocator (jemalloc) returns freed memory: after 100 ms, not seconds.

By default freed pages stay with the process for the rest of a short run, so
every intermediate frame adds to the peak: on the million-claim bench table
the peak is 1,017-1,130 MiB by default and 848-874 MiB with these settings,
in the same time. Users choose otherwise by setting `_RJEM_MALLOC_CONF`.
"""

LIBRARY_SETTINGS = {"_RJEM_MALLOC_CONF": ALLOCATOR_SETTINGS, "OPENBLAS_NUM_THREADS": "1"}
"""Environment for the native libraries a run loads, each unless the user has set it.

numpy, which counts a large file's lines and quotes, starts OpenBLAS's threads
as it is imported; claimcheck never multiplies a matrix, yet the idle thread
spun on the other core for 0.09 s of a million-claim compare, the cores that
polars' parse needs (1.6% of the run's samples under `perf record`).
"""


GC_PAUSE = 1.0
"""Seconds into a run before Python's cyclic garbage collector runs again (`main`)."""


def _pause_collection(seconds: float) -> None:
    """Turn the cyclic garbage collector off for the first `seconds` of a run.

    A short run makes objects that live until it ends: the modules it
    imports (polars, the command's own) and the few frames of a small table.
    Collecting them found nothing, and took about 17 ms of a `compare` of the
    seed table. A million-claim compare run with no collection at all left
    725 objects in cycles at its end, so a second without collecting costs no
    memory that counts; after it, a long run (a Dask driver, a large table)
    collects as usual.
    """
    if not gc.isenabled():
        return  # the embedding program chose; leave it be
    timer = threading.Timer(seconds, gc.enable)
    timer.daemon = True
    gc.disable()  # before the timer starts, so that it cannot enable first
    try:
        timer.start()
    except RuntimeError:  # no thread to be had (a process limit): collect as usual
        gc.enable()


def configure_libraries(environ: MutableMapping[str, str]) -> None:
    """`LIBRARY_SETTINGS` where the user has set none; must run before polars and numpy load."""
    for name, value in LIBRARY_SETTINGS.items():
        environ.setdefault(name, value)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit(ExitStatus.OK)


@app.callback()
def _root(
    version: Annotated[  # noqa: ARG001 - handled eagerly by its callback
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show Python tracebacks (for bug reports).")
    ] = False,
) -> None:
    """Claim-consistency checker."""
    _state["traceback"] = traceback


def fail(error: ClaimcheckError) -> NoReturn:
    """Print an input or usage error, one line per problem, to stderr, and exit 2."""
    if _state["traceback"]:
        raise error
    problems: tuple[ClaimcheckError, ...]
    problems = error.errors if isinstance(error, InputErrors) else (error,)
    for problem in problems:
        text = str(problem) if isinstance(problem, InputError) else f"claimcheck: {problem}"
        say(text + "\n")
    raise typer.Exit(ExitStatus.INPUT_ERROR)


def say(text: str) -> None:
    """Write a message for people to standard error, input text in it escaped.

    Messages quote cells, ids and paths from input files; a control character
    there must not reach the terminal raw (terminal.py).
    """
    sys.stderr.write(printable(text, keep="\n\t"))


def main() -> None:
    """Entry point: run the app; streams that close or fill up end it with one line.

    Like `cat`, claimcheck lets SIGPIPE end it: the shell sees 141, never 1,
    which would read as "findings" in CI, and nothing is printed. A full disk
    (`> /dev/full`) or a closed standard output (`>&-`) is exit 2 with
    "cannot write standard output: ...", a closed standard input (`<&-`) is
    exit 2 with "standard input is closed" once a command reads it.

    Once the output is flushed, every object alive is frozen out of the
    garbage collector: the interpreter's shutdown then leaves the modules'
    reference cycles (classes, functions, polars' and typer's) to the OS
    instead of collecting them one by one, which took a tenth of a `compare`
    of the seed table. Whatever must happen before exit (flushing, closing
    files and clusters) has happened by then, in `with` blocks.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _pause_collection(GC_PAUSE)
    configure_libraries(os.environ)
    _stand_in_for_closed_streams()
    status: int | str | None = ExitStatus.OK
    try:
        try:
            args = sys.argv[1:]
            named = (args[0],) if args and args[0] in COMMANDS else COMMANDS
            only_command(load(named), args)()
        except SystemExit as exit_:
            status = exit_.code
        sys.stdout.flush()
    except OSError as exc:
        number = exc.errno if exc.errno is not None else _polars_errno(str(exc))
        if number == errno.EPIPE or isinstance(exc, BrokenPipeError):
            _quiet_broken_pipe()
        _cannot_write(number, exc)
    gc.freeze()
    sys.exit(status)


COMMANDS = (
    "baseline", "compare", "extract", "keys", "show", "validate", "verify", "draft", "consensus",
)  # fmt: skip
"""Every command, in the order `--help` lists them; each is defined in the module of its
name (`claimcheck.cli.compare`), which registers it on `app` when imported."""


def load(names: tuple[str, ...] = COMMANDS) -> typer.Typer:
    """`app` with the commands `names` registered (and any their modules import).

    A run imports only the module of the command it names: the other eight
    took about 6 ms of a `compare` on the seed table.
    """
    import importlib

    for name in names:
        importlib.import_module(f"claimcheck.cli.{name}")
    return app


def only_command(whole: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command `args` names, when it names one first.

    typer builds the click command of every registered command on each start,
    reading each one's signature: about 50 ms for nine commands, a tenth of a
    `compare` on a small table, paid by pre-commit hooks and CI loops on every
    run. A run only ever needs the one it names; `claimcheck --help`, a global
    option first, or a name that is no command (click's own message says so) get
    the whole app.
    """
    if not args:
        return whole
    named = [
        info
        for info in whole.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]
    ]
    if not named:
        return whole
    lean = copy.copy(whole)
    lean.registered_commands = named
    return lean


class _ClosedStdout(io.TextIOBase):
    """What `sys.stdout` is when the process started with descriptor 1 closed (`>&-`).

    Python sets it to None; each write then fails the way a closed descriptor does,
    so a command that writes data ends with one message, and one that writes
    nothing (`validate`) runs as usual.
    """

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:  # noqa: ARG002 - every write fails alike
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _stand_in_for_closed_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:  # `2>&-`: messages have nowhere to go; the exit status still says it
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - whole run


def _polars_errno(message: str) -> int | None:
    """polars raises OSError without errno; its message ends in `(os error 28)`."""
    found = re.search(r"\(os error (\d+)\)", message)
    return int(found.group(1)) if found else None


def _cannot_write(number: int | None, exc: OSError) -> NoReturn:
    reason = exc.strerror or (os.strerror(number) if number is not None else str(exc))
    _park_stdout()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"claimcheck: cannot write standard output: {reason}\n")
        sys.stderr.flush()
    sys.exit(ExitStatus.INPUT_ERROR)


def _park_stdout() -> None:
    """Point descriptor 1 at devnull, so the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError):
        os.dup2(devnull, 1)
    if sys.stdout is not None and not isinstance(sys.stdout, _ClosedStdout):
        with contextlib.suppress(OSError, ValueError):
            sys.stdout = os.fdopen(1, "w", closefd=False)


def _quiet_broken_pipe() -> NoReturn:
    # Python flushes stdout at exit and would complain again; point it at devnull.
    _park_stdout()
    sys.exit(ExitStatus.OK)
