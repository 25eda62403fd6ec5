"""The resolved-unit cache: later runs read units from disk and import pint only on a miss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.units import (
    UnitCache,
    _resolve_with_registry,
    cache_file,
    cache_key,
    installation,
)
from conftest import REPO, SEED_CLAIMS

# Runs the real CLI in a fresh interpreter and reports which heavy modules it loaded.
_PROBE = """
import json, sys
sys.argv = ["claimcheck", *sys.argv[2:]]
from claimcheck.cli import main
status = 0
try:
    main()
except SystemExit as exit:
    status = exit.code
with open(REPORT, "w") as handle:
    loaded = {name: name in sys.modules for name in ("pint", "rich")}
    json.dump({"status": status, **loaded}, handle)
"""


def _probe(cache: Path, report: Path, *args: str) -> tuple[bytes, dict[str, bool]]:
    """stdout of `claimcheck ARGS` (which must not fail on input) and whether pint and rich
    were imported."""
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache)}
    code = f"REPORT = {str(report)!r}\n" + _PROBE
    done = subprocess.run(
        [sys.executable, "-c", code, "-", *args],
        capture_output=True, cwd=REPO, env=env, timeout=120, check=False,
    )  # fmt: skip
    modules = json.loads(report.read_text())
    assert modules.pop("status") in (0, 1), done.stderr.decode()
    return done.stdout, modules


def test_warm_cache_compares_without_pint_or_rich(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("compare", str(SEED_CLAIMS), "--format", "csv")
    cold, cold_modules = _probe(cache, tmp_path / "cold.json", *args)
    assert cold_modules["pint"], "a cold cache resolves the seed's units with pint"
    assert cache_file(cache, cache_key()).is_file()
    warm, warm_modules = _probe(cache, tmp_path / "warm.json", *args)
    assert warm_modules == {"pint": False, "rich": False}
    assert warm == cold


def test_unit_missing_from_the_cache_resolves_with_pint(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    table = tmp_path / "claims.csv"
    table.write_text(
        "claim_id,source_id,subject,metric,value,unit\n"
        "a,s1,x,fuel,2,thousand barrel\n"
        "b,s2,x,fuel,317.97,km\n"
        "c,s3,x,fuel,2000,bbl\n",
        encoding="utf-8",
    )
    _probe(cache, tmp_path / "seed.json", "compare", str(SEED_CLAIMS), "--format", "csv")
    path = cache_file(cache, cache_key())
    assert "thousand barrel" not in json.loads(path.read_text())["units"]
    out, modules = _probe(cache, tmp_path / "new.json", "compare", str(table), "--format", "csv")
    assert modules["pint"]
    stored = json.loads(path.read_text())["units"]
    assert stored["thousand barrel"][2] == pytest.approx(158987.294928)
    # The barrels agree (2 thousand = 2000); only the kilometres are another dimension.
    kinds = [line.split(b",")[1] for line in out.splitlines()[1:]]
    assert kinds == [b"unit_mismatch", b"unit_mismatch"]


def test_cached_answers_are_the_registry_answers(tmp_path: Path) -> None:
    texts = ["billion USD", "USD/year", "thousand container", "%", "Casualties", "kg*km/h"]
    cache = UnitCache(tmp_path / "units.json")
    for text in texts:
        cache.put(_resolve_with_registry(text))
    cache.save()
    again = UnitCache(tmp_path / "units.json")
    assert [again.get(text) for text in texts] == [_resolve_with_registry(t) for t in texts]


def test_a_cache_of_other_definitions_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "units.json"
    path.write_text(json.dumps({"key": "other", "units": {"USD": ["USD", "USD", 2.0, "x"]}}))
    cache = UnitCache(path)
    assert cache.get("USD") is None
    cache.put(_resolve_with_registry("USD"))
    cache.save()
    assert json.loads(path.read_text())["key"] == cache.key
    assert UnitCache(path).get("USD") == _resolve_with_registry("USD")


def test_an_unwritable_cache_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = UnitCache(blocker / "units.json")
    cache.put(_resolve_with_registry("million USD"))
    cache.save()
    assert cache.get("million USD") == _resolve_with_registry("million USD")


def test_another_installation_of_a_module_is_another_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade rewrites the module's files: the cache's key for it changes with them."""
    package = tmp_path / "site" / "fakeunits"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    first = installation("fakeunits")
    assert first.startswith(str(package / "__init__.py"))
    assert installation("fakeunits") == first
    (package / "__init__.py").write_text("VERSION = 22\n")
    assert installation("fakeunits") != first
    os.utime(package / "__init__.py", ns=(1, 1))
    touched = installation("fakeunits")
    assert touched.endswith(":1")
    assert installation("no_such_module_here") == "absent"
    # A module loaded without a spec (find_spec raises ValueError) has nothing to stat.
    monkeypatch.setitem(sys.modules, "specless", type(sys)("specless"))
    assert installation("specless") == "absent"


def test_the_key_names_pint_where_it_is_installed() -> None:
    import importlib.util

    spec = importlib.util.find_spec("pint")
    assert spec is not None
    assert spec.origin is not None
    assert installation("pint") in UnitCache(Path("unused.json")).key
    assert spec.origin in UnitCache(Path("unused.json")).key


def test_two_installations_sharing_a_cache_directory_keep_their_own_answers(
    tmp_path: Path,
) -> None:
    """Each key has its own file, so a run of one installation never costs the other a
    pint import: with one file, each overwrote the other's on every alternation."""
    mine, theirs = cache_key(), "another installation's key"
    assert cache_file(tmp_path, mine) != cache_file(tmp_path, theirs)
    assert cache_file(tmp_path, mine).name.startswith("units-")
    first = UnitCache(cache_file(tmp_path, mine), mine)
    first.put(_resolve_with_registry("million USD"))
    first.save()
    other = UnitCache(cache_file(tmp_path, theirs), theirs)
    other.put(_resolve_with_registry("km"))
    other.save()
    again = UnitCache(cache_file(tmp_path, mine), mine)
    assert again.get("million USD") == _resolve_with_registry("million USD")
    assert again.get("km") is None
    assert json.loads(cache_file(tmp_path, theirs).read_text())["key"] == theirs


def test_the_process_cache_is_the_file_of_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.units import unit_cache

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    unit_cache.cache_clear()
    try:
        cache = unit_cache()
        assert cache.path == cache_file(tmp_path, cache_key())
        assert cache.key == cache_key()
    finally:
        unit_cache.cache_clear()
