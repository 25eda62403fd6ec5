"""The one pint registry, and the safe road from a table's unit text to it.

Unit strings come from untrusted tables. pint's expression parser evaluates
arithmetic (`10**10**10` never returns) and slows quadratically on long unknown
names, so table text never reaches it: `resolve` tokenizes the string itself,
checks each name against the registry's own definitions, and builds the unit
from the parts. Each distinct string is resolved once and cached; callers work
with the resulting factor and dimension key, never with a Quantity per row.

Building the registry (importing pint, reading units.txt) costs more than the
rest of a small `compare`, so every string resolved is also kept on disk
(`UnitCache`): later processes read the answer from one small JSON file and
import pint only for a string no run has resolved yet. The file is keyed by the
hash of units.txt and pint's installation, so a change to either starts it afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import astuple, dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
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


CACHE_DIR_VARIABLE = "CLAIMCHECK_CACHE_DIR"
"""Where the resolved-unit cache lives; default: the user's cache directory."""

_CACHE_FORMAT = 2
CACHE_LIMIT = 4096
"""At most this many strings are kept: the file is read whole by every run, so a table
of ten thousand made-up units must not make every later start slow."""


class UnitCache:
    """Resolved unit strings kept on disk between runs, valid for one units.txt and pint.

    A cache that cannot be read or written (read-only home, another version's
    file) is ignored: it only ever saves time, never changes an answer.
    """

    def __init__(self, path: Path, key: str | None = None) -> None:
        self.path = path
        self._key = key
        self._units: dict[str, list[Any]] | None = None
        self._dirty = False

    @property
    def key(self) -> str:
        """units.txt's digest and pint's installation: what every cached answer depends on."""
        if self._key is None:
            self._key = cache_key()
        return self._key

    def _load(self) -> dict[str, list[Any]]:
        if self._units is None:
            self._units = {}
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return self._units
            if isinstance(stored, dict) and stored.get("key") == self.key:
                units = stored.get("units")
                self._units = units if isinstance(units, dict) else {}
        return self._units

    def get(self, text: str) -> ResolvedUnit | None:
        entry = self._load().get(text)
        if not isinstance(entry, list) or len(entry) != 4:
            return None
        canonical, base_unit, factor, dimension = entry
        return ResolvedUnit(text, str(canonical), str(base_unit), float(factor), str(dimension))

    def put(self, unit: ResolvedUnit) -> None:
        """Remember one answer; `save` writes it."""
        units = self._load()
        if len(units) < CACHE_LIMIT:
            units[unit.text] = list(astuple(unit)[1:])
            self._dirty = True

    def save(self) -> None:
        """Write the answers learnt since the last save, atomically: runs may race."""
        if not self._dirty or self._units is None:
            return
        import tempfile

        units, self._dirty = self._units, False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".units-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"key": self.key, "units": units}, handle)
            Path(temporary).replace(self.path)
        except OSError:
            return


def installation(module: str) -> str:
    """Where a top-level module's file (a package's `__init__.py`) is, its size and when
    it was written.

    Any install, upgrade or edit of the module rewrites that file, so a cache
    keyed by this is never read by another version. It stands in for
    `importlib.metadata.version`, which searches every installed distribution:
    4.2 ms of a 12-claim compare, against 0.1 ms for this, without importing
    the module either way.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # a module loaded without a spec: nothing to stat
        spec = None
    origin = spec.origin if spec is not None else None
    try:
        status = Path(origin).stat() if origin else None
    except OSError:
        status = None
    if status is None:
        return "absent"
    return f"{origin}:{status.st_size}:{status.st_mtime_ns}"


def cache_key() -> str:
    """units.txt's digest and pint's installation (`UnitCache.key`)."""
    definitions = resources.files("claimcheck").joinpath("units.txt").read_bytes()
    digest = hashlib.sha256(definitions).hexdigest()
    return f"{_CACHE_FORMAT}:{digest}:pint-{installation('pint')}"


def cache_file(directory: Path, key: str) -> Path:
    """The file of one key's answers in a cache directory: `units-` and 16 hex digits.

    One file per key, because installations share the user's cache directory
    (a project's virtual environments for two Pythons, a pipx install beside
    a checkout). With one file, each wrote over the other's answers, and every
    run after a run of the other imported pint again: about 0.25 s a start.
    """
    return directory / f"units-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


@cache
def unit_cache() -> UnitCache:
    """The process's cache, in $CLAIMCHECK_CACHE_DIR or the user's cache directory."""
    directory = os.environ.get(CACHE_DIR_VARIABLE)
    if not directory:
        import platformdirs

        directory = platformdirs.user_cache_dir("claimcheck", appauthor=False)
    key = cache_key()
    return UnitCache(cache_file(Path(directory), key), key)


@lru_cache(maxsize=65536)
def resolve(text: str) -> ResolvedUnit:
    """Read a unit expression such as `billion USD`, `USD/year` or `thousand container`.

    Products are written with spaces or `*`, quotients with `/`, powers with
    `^` or `**` (small integers only). Raises UnknownUnitError with a message fit
    for a user. Answers come from the on-disk cache when it has them; a string
    pint has to read is added to it (written by `save_cache`).
    """
    stored = unit_cache().get(text)
    if stored is not None:
        return stored
    unit = _resolve_with_registry(text)
    unit_cache().put(unit)
    return unit


def save_cache() -> None:
    """Keep what `resolve` learnt for the next process (once per table, not per string)."""
    unit_cache().save()


def _resolve_with_registry(text: str) -> ResolvedUnit:
    """`resolve` without the cache: the registry reads the string."""
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
