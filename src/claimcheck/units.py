"""The one pint registry, and the safe road from a table's unit text to it.

Unit strings come from untrusted tables. pint's expression parser evaluates
arithmetic (`10**10**10` never returns) and slows quadratically on long unknown
names, so table text never reaches it: `resolve` tokenizes the string itself,
checks each name against the registry's own definitions, and builds the unit
from the parts. Each distinct string is resolved once and cached; callers work
with the resulting factor and dimension key, never with a Quantity per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from claimcheck.terminal import odd_characters

if TYPE_CHECKING:
    import pint

MAX_UNIT_LENGTH = 200
"""Longer unit strings are refused outright: no real unit is that long."""

MAX_POWER = 4
"""No claim is about container⁵: a higher power is a typo or an attack."""

_NAME = r"[A-Za-z_%][A-Za-z0-9_]{0,63}"
_TOKEN = re.compile(rf"\s*(?:(?P<name>{_NAME})(?:\s*(?:\^|\*\*)\s*(?P<exp>-?[1-4]))?|(?P<op>[*/]))")
_NO_DIMENSION = "dimensionless"


@dataclass(frozen=True)
class ResolvedUnit:
    """A table's unit string, understood.

    `factor` multiplies a value in this unit into `base_unit`; two units can be
    compared only when their `dimension` keys are equal.
    """

    text: str
    canonical: str
    base_unit: str
    factor: float
    dimension: str


@cache
def registry() -> pint.UnitRegistry[Any]:
    """Build the registry from the packaged definitions file, once per process."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(None, on_redefinition="raise")
    definitions = resources.files("claimcheck").joinpath("units.txt")
    with resources.as_file(definitions) as path:
        ureg.load_definitions(str(path))
    return ureg


@cache
def _names_by_casefold() -> dict[str, str]:
    """Known unit names and aliases keyed case-insensitively, for forgiving lookups."""
    ureg = registry()
    table: dict[str, str] = {}
    for name in ureg._units:  # the definitions pint loaded: our whitelist
        table.setdefault(name.casefold(), name)
    return table


def unit_names() -> frozenset[str]:
    """Every name, symbol and alias the registry defines (for extraction's lexicon)."""
    return frozenset(registry()._units)


def _shown(text: str) -> str:
    """A unit string as quoted in a message: hostile input must not flood the terminal."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _lookup(name: str) -> str | None:
    """Map one token to a defined unit name: exact, then plural, then case-insensitive."""
    ureg = registry()
    if name in ureg._units:
        return name
    parsed = ureg.parse_unit_name(name, case_sensitive=True)
    if len(parsed) == 1:
        prefix, unit, _suffix = parsed[0]
        if not prefix:
            return str(unit)
    folded = _names_by_casefold()
    if name.casefold() in folded:
        return folded[name.casefold()]
    if name.casefold().endswith("s") and name.casefold()[:-1] in folded:
        return folded[name.casefold()[:-1]]
    return None


class UnknownUnitError(ValueError):
    """A unit string that `resolve` cannot read; the message says why."""


@lru_cache(maxsize=65536)
def resolve(text: str) -> ResolvedUnit:
    """Read a unit expression such as `billion USD`, `USD/year` or `thousand container`.

    Products are written with spaces or `*`, quotients with `/`, powers with
    `^` or `**` (small integers only). Raises UnknownUnitError with a message fit
    for a user.
    """
    stripped = text.strip()
    if not stripped:
        raise UnknownUnitError("unit is empty")
    if len(stripped) > MAX_UNIT_LENGTH:
        raise UnknownUnitError(
            f"unit is {len(stripped)} characters long (at most {MAX_UNIT_LENGTH})"
        )
    if stripped == _NO_DIMENSION:
        return ResolvedUnit(text, _NO_DIMENSION, _NO_DIMENSION, 1.0, _NO_DIMENSION)
    ureg = registry()
    unit = ureg.dimensionless
    pos, sign, expect_name = 0, 1, True
    while pos < len(stripped):
        match = _TOKEN.match(stripped, pos)
        if match is None:
            bad = stripped[pos:].strip()[:20]
            odd = odd_characters(stripped)
            holds = f": it holds {odd}, which no unit name has" if odd else ""
            raise UnknownUnitError(f"cannot read unit {_shown(stripped)} at {bad!r}{holds}")
        pos = match.end()
        if match["op"]:
            if expect_name:
                raise UnknownUnitError(
                    f"cannot read unit {_shown(stripped)}: operator without a unit"
                )
            sign = -1 if match["op"] == "/" else 1
            expect_name = True
            continue
        name = match["name"]
        known = _NO_DIMENSION if name == _NO_DIMENSION else _lookup(name)
        if known is None:
            odd = odd_characters(stripped)
            holds = f": it holds {odd}, which no unit name has" if odd else ""
            raise UnknownUnitError(f"unknown unit {_shown(name)} in {_shown(stripped)}{holds}")
        exponent = int(match["exp"] or 1) * sign
        if known != _NO_DIMENSION:
            unit = unit * ureg.Unit(known) ** exponent
        sign, expect_name = 1, False
    if expect_name:
        raise UnknownUnitError(f"cannot read unit {_shown(stripped)}: it ends in an operator")
    base = ureg.Quantity(1.0, unit).to_base_units()
    if any(abs(power) > MAX_POWER for power in dict(base.dimensionality).values()):
        raise UnknownUnitError(
            f"unit {_shown(stripped)} raises a dimension above power {MAX_POWER}"
        )
    dimension = str(base.dimensionality) if base.dimensionality else _NO_DIMENSION
    base_unit = str(base.units) if base.dimensionality else _NO_DIMENSION
    canonical = str(unit) if unit != ureg.dimensionless else _NO_DIMENSION
    return ResolvedUnit(
        text, canonical, base_unit or _NO_DIMENSION, float(base.magnitude), dimension
    )
