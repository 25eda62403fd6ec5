"""The typer application: one module per command, each thin.

A command builds inputs from its options, calls one library function,
renders the result and picks the exit status. Heavy libraries (polars,
pint) are imported inside the commands, so `claimcheck --help` stays fast.
"""

from __future__ import annotations

from claimcheck.cli._app import app, main

# Each import registers its command on `app`.
from claimcheck.cli import baseline, compare, extract, keys, show, validate, verify  # noqa: F401  # isort: skip
from claimcheck.cli import draft  # noqa: F401  # isort: skip
from claimcheck.cli import consensus  # noqa: F401  # isort: skip

__all__ = ["app", "main"]
