"""The exception hierarchy.

Every error a user can cause is a `ClaimcheckError` carrying where it happened
(path, line, column), so the CLI can print one precise line per problem and
exit 2 without a traceback. Each subclass is also a built-in exception, so
library callers can catch `ValueError` without knowing claimcheck's types
(the pattern of pint's `errors.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

_T = TypeVar("_T")


@dataclass(frozen=True)
class Location:
    """Where an input problem sits: the file, its 1-based line, and the column name."""

    path: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
        head = ":".join(parts)
        return f"{head}: {self.column}" if self.column else head


class ClaimcheckError(Exception):
    """Base of every error claimcheck raises on purpose."""


class InputError(ClaimcheckError, ValueError):
    """One problem in an input file, located to file, line and column."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class InputErrors(ClaimcheckError, ValueError):  # noqa: N818 - a collection of InputError
    """Every problem found in one pass over the inputs.

    Validation collects all problems rather than stopping at the first, so an
    author fixes a table in one round instead of one error per run.
    """

    def __init__(self, errors: Sequence[InputError]) -> None:
        super().__init__(f"{len(errors)} input error(s)")
        self.errors: tuple[InputError, ...] = tuple(errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def collect(errors: list[InputError], load: Callable[[], _T]) -> _T | None:
    """Run one loader and keep its input errors, so the next loader still runs.

    Claims, sources and aliases are read one after another; their problems are
    reported together, as every other validation reports all it finds.
    """
    try:
        return load()
    except InputErrors as exc:
        errors.extend(exc.errors)
    except InputError as exc:
        errors.append(exc)
    return None


class UnitError(InputError):
    """A unit string that the registry does not know or will not parse."""


class UsageError(ClaimcheckError, ValueError):
    """An option value that makes no sense (exit 2, like a typer usage error)."""
