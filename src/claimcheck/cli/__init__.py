"""The typer application: one module per command, each thin, each named after its command.

A command builds inputs from its options, calls one library function,
renders the result and picks the exit status. Heavy libraries (polars,
pint) are imported inside the commands, so `claimcheck --help` stays fast.

Importing this package registers no command. `app` is the whole
application: its first use imports every command's module (`_app.load`).
`main` imports only the module of the command it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.cli._app import main

if TYPE_CHECKING:
    from claimcheck.cli._app import app

__all__ = ["app", "main"]


def __getattr__(name: str) -> object:
    if name == "app":
        from claimcheck.cli import _app

        return _app.load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "app"])
