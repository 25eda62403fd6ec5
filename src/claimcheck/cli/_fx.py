"""The currency options `compare` and `show` share: `--fx` and `--fx-rates` (docs/currencies.md)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claimcheck.errors import UsageError


class FxChoice(str, Enum):
    """Whether money in different currencies is converted before it is compared."""

    ECB = "ecb"
    NONE = "none"


FxOpt = Annotated[
    FxChoice,
    typer.Option(
        "--fx",
        help="ecb: compare money across currencies at the ECB reference rates of each "
        "claim's own time (docs/currencies.md); none: each currency is its own "
        "dimension (USD against EUR is a unit_mismatch).",
        case_sensitive=False,
    ),
]
FxRatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--fx-rates",
        help="Your own daily rates in the ECB's CSV layout (Date,USD,JPY,...: units per "
        "euro) instead of the ECB history shipped with claimcheck.",
        show_default=False,
        # Checked at once: the file is read only for a table that mixes currencies,
        # and a mistyped path must not pass unnoticed on one that does not.
        exists=True,
        dir_okay=False,
        readable=True,
    ),
]


def fx_options(choice: FxChoice, rates: Path | None) -> tuple[bool, str | None]:
    """`convert_currencies` and `fx_rates` of CompareOptions; refuse a contradictory pair."""
    if choice is FxChoice.NONE and rates is not None:
        raise UsageError("--fx-rates converts currencies; it cannot be combined with --fx none")
    return choice is FxChoice.ECB, str(rates) if rates is not None else None
