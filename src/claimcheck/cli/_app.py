"""The typer app object, the global options and the error boundary."""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import MutableMapping
from typing import Annotated, NoReturn

import typer

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, InputError, InputErrors
from claimcheck.status import ExitStatus

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


def configure_allocator(environ: MutableMapping[str, str]) -> None:
    """Set polars' allocator options unless the user has; must run before polars loads."""
    environ.setdefault("_RJEM_MALLOC_CONF", ALLOCATOR_SETTINGS)


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
        sys.stderr.write(text + "\n")
    raise typer.Exit(ExitStatus.INPUT_ERROR)


def main() -> None:
    """Entry point: run the app, end quietly when a downstream pipe closes early.

    Like `cat`, claimcheck lets SIGPIPE end it: the shell sees 141, never 1,
    which would read as "findings" in CI, and nothing is printed.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    configure_allocator(os.environ)
    try:
        app()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        _quiet_broken_pipe()


def _quiet_broken_pipe() -> NoReturn:
    # Python flushes stdout at exit and would complain again; point it at devnull.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(ExitStatus.OK)
