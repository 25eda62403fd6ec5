"""Behaviour of baseline.py that mutation testing (`make mutation`) found unpinned.

A baseline is committed to a CI repository and edited by reviewers, so what it
accepts on reading, how it is written and what a stale entry's message says are
all things a user relies on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from claimcheck import baseline as baselines
from claimcheck.baseline import Baseline, Entry
from claimcheck.errors import InputError
from claimcheck.models import Report
from conftest import DATA, compare_rows, run_cli

CONFLICTS = DATA / "conflicts" / "claims.csv"

CONTAINERS = "36f019f77fa73cb8"
"""The contradiction kr-containers vs us-containers of the conflicts table."""


@pytest.fixture(scope="module")
def report() -> Report:
    from claimcheck.pipeline import compare_files

    return compare_files(CONFLICTS)


class _Dropped:
    """A field `_item` leaves out; its repr names the test case the same way in every run."""

    def __repr__(self) -> str:
        return "<dropped>"


_DROP = _Dropped()


def _entry(fingerprint: str, reason: str = "") -> Entry:
    return Entry(
        fingerprint,
        "contradiction",
        ("subject s", "metric m", "object o", "period p"),
        ("claim-a", "claim-b"),
        ("1 t (exact)", "2 t (approx)"),
        reason,
    )


def _item(**changes: Any) -> dict[str, Any]:
    """One well-formed finding of a baseline file, with some fields changed or dropped."""
    item: dict[str, Any] = _entry("0123456789abcdef", "ok").as_json()
    for name, value in changes.items():
        if value is _DROP:
            del item[name]
        else:
            item[name] = value
    return item


def _file(tmp_path: Path, *findings: Any, version: Any = 1) -> Path:
    path = tmp_path / "b.json"
    document = {"claimcheck_baseline": version, "findings": list(findings)}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        baselines.read(path)
    return str(caught.value)


class TestReadingEntries:
    def test_every_field_survives_a_write_and_a_read(self, tmp_path: Path) -> None:
        """Each key part, claim, figure and reason comes back in its own place."""
        entries = {
            "00000000000000aa": Entry(
                "00000000000000aa", "changed", ("s", "m", "o", "p"), ("a", "b"), ("1", "2"), "r"
            ),
            "ff000000000000bb": Entry(
                "ff000000000000bb", "unit_mismatch", ("s2", "", "o2", "2024"), ("c", "d"),
                ("3 t (exact)", "4 kg (approx)"), "accepted: différent units",
            ),
        }  # fmt: skip
        path = tmp_path / "b.json"
        baselines.write(Baseline(entries), path)
        assert baselines.read(path) == Baseline(entries)

    def test_a_missing_reason_reads_as_empty(self, tmp_path: Path) -> None:
        """A hand-written entry without `reason` is accepted and has no reason yet."""
        path = _file(tmp_path, _item(reason=_DROP))
        assert baselines.read(path).entries["0123456789abcdef"].reason == ""

    def test_a_missing_key_part_reads_as_empty(self, tmp_path: Path) -> None:
        """A key without `period` (or any part) is the empty part, as findings write it."""
        path = _file(tmp_path, _item(key={"subject": "s", "metric": "m", "object": "o"}))
        assert baselines.read(path).entries["0123456789abcdef"].key == ("s", "m", "o", "")

    @pytest.mark.parametrize(
        "change",
        [
            {"fingerprint": "0123456789ABCDEF"},
            {"fingerprint": "0123456789abcde"},
            {"fingerprint": "0123456789abcdef0"},
            {"fingerprint": " 0123456789abcdef"},
            {"fingerprint": 123456789},
            {"fingerprint": _DROP},
            {"kind": 1},
            {"kind": _DROP},
            {"reason": None},
            {"key": ["s", "m", "o", "p"]},
            {"key": _DROP},
            {"key": {"subject": 1, "metric": "m", "object": "o", "period": "p"}},
            {"claims": [1, 2]},
            {"claims": ["a", "b", "c"]},
            {"claims": ["a"]},
            {"claims": "ab"},
            {"figures": ["1 t", None]},
            {"figures": _DROP},
        ],
        ids=repr,
    )
    def test_a_malformed_entry_is_refused(self, tmp_path: Path, change: dict[str, Any]) -> None:
        """Upper-case or short fingerprints, non-text fields, pairs that are not two texts."""
        path = _file(tmp_path, _item(fingerprint="00000000000000aa"), _item(**change))
        assert _error(path) == (
            f"{path}: finding 2 must be an object with fingerprint, kind, key, claims, figures, "
            "reason (a 16-digit lowercase hex fingerprint, text elsewhere)"
        )

    def test_an_entry_that_is_not_an_object_is_refused(self, tmp_path: Path) -> None:
        path = _file(tmp_path, "0123456789abcdef")
        assert _error(path).startswith(f"{path}: finding 1 must be an object with fingerprint,")

    def test_a_fingerprint_twice_names_the_second_finding(self, tmp_path: Path) -> None:
        path = _file(tmp_path, _item(), _item(fingerprint="00000000000000aa"), _item())
        assert _error(path) == f"{path}: finding 3: fingerprint 0123456789abcdef appears twice"


class TestReadingTheFile:
    def test_missing_file(self, tmp_path: Path) -> None:
        assert _error(tmp_path / "none.json") == f"{tmp_path / 'none.json'}: no such baseline file"

    def test_a_directory_is_not_a_baseline(self, tmp_path: Path) -> None:
        assert _error(tmp_path) == f"{tmp_path}: not a regular file (a directory)"

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "b.json"
        path.write_bytes(b'{"claimcheck_baseline": 1, "findings": ["\xff"]}')
        assert _error(path) == f"{path}: baseline is not UTF-8 text"

    def test_bad_json_names_its_line(self, tmp_path: Path) -> None:
        path = tmp_path / "b.json"
        path.write_text('{\n  "claimcheck_baseline": 1,\n  "findings": [,]\n}\n', encoding="utf-8")
        assert _error(path) == f"{path}:3: not a JSON baseline: Expecting value"

    def test_nesting_too_deep(self, tmp_path: Path) -> None:
        path = tmp_path / "b.json"
        path.write_text("[" * 200_000, encoding="utf-8")
        assert _error(path) == (
            f"{path}: not a claimcheck baseline: nested too deeply (a baseline has 4 levels)"
        )

    @pytest.mark.parametrize("document", [[], {"findings": []}, "claimcheck_baseline"], ids=repr)
    def test_no_version(self, tmp_path: Path, document: object) -> None:
        path = tmp_path / "b.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert (
            _error(path) == f"{path}: not a claimcheck baseline (no 'claimcheck_baseline' version)"
        )

    @pytest.mark.parametrize(
        ("version", "shown"),
        [(2, "2"), ("1", "'1'"), (None, "None"), (True, "True"), (1.0, "1.0")],
    )
    def test_other_version(self, tmp_path: Path, version: object, shown: str) -> None:
        path = _file(tmp_path, version=version)
        assert _error(path) == f"{path}: baseline version {shown} is not 1"

    @pytest.mark.parametrize("findings", [None, {}, "[]"], ids=repr)
    def test_findings_not_a_list(self, tmp_path: Path, findings: object) -> None:
        path = tmp_path / "b.json"
        path.write_text(json.dumps({"claimcheck_baseline": 1, "findings": findings}), "utf-8")
        assert _error(path) == f"{path}: 'findings' must be a list"

    def test_size_limit_is_inclusive(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file of exactly the limit is read; one byte more is refused before parsing."""
        monkeypatch.setattr(baselines, "MAX_BYTES", 1000)
        path = tmp_path / "b.json"
        text = json.dumps({"claimcheck_baseline": 1, "findings": []})
        path.write_text(text.ljust(1000), encoding="utf-8")
        assert baselines.read(path) == Baseline({})
        path.write_text(text.ljust(1001), encoding="utf-8")
        assert _error(path) == f"{path}: baseline is larger than 1,000 bytes"


class TestWritingTheFile:
    def test_exact_layout(self) -> None:
        """Sorted by fingerprint, keys in a fixed order, two-space indent, text kept as is."""
        later, earlier = _entry("ff00000000000000", "vérifié"), _entry("00000000000000ff")
        text = baselines.dumps(Baseline({later.fingerprint: later, earlier.fingerprint: earlier}))
        block = (
            '    {{\n      "fingerprint": "{}",\n      "kind": "contradiction",\n'
            '      "key": {{\n        "subject": "subject s",\n        "metric": "metric m",\n'
            '        "object": "object o",\n        "period": "period p"\n      }},\n'
            '      "claims": [\n        "claim-a",\n        "claim-b"\n      ],\n'
            '      "figures": [\n        "1 t (exact)",\n        "2 t (approx)"\n      ],\n'
            '      "reason": "{}"\n    }}'
        )
        assert text == (
            '{\n  "claimcheck_baseline": 1,\n  "findings": [\n'
            + block.format("00000000000000ff", "")
            + ",\n"
            + block.format("ff00000000000000", "vérifié")
            + "\n  ]\n}\n"
        )

    def test_an_existing_file_keeps_its_mode(self, tmp_path: Path) -> None:
        """A baseline a team made group-readable only stays so when the CLI rewrites it."""
        output = tmp_path / "b.json"
        assert run_cli("baseline", str(CONFLICTS), "-o", str(output)).status == 0
        output.chmod(0o640)
        assert run_cli("baseline", str(CONFLICTS), "-o", str(output), "--prune").status == 0
        assert output.stat().st_mode & 0o777 == 0o640
        output.chmod(0o604)
        assert run_cli("baseline", str(CONFLICTS), "-o", str(output)).status == 0
        assert output.stat().st_mode & 0o777 == 0o604

    def test_a_symlinked_baseline_stays_a_link(self, tmp_path: Path) -> None:
        real = tmp_path / "real.json"
        link = tmp_path / "link.json"
        link.symlink_to(real)
        baselines.write(Baseline({CONTAINERS: _entry(CONTAINERS)}), link)
        assert link.is_symlink()
        assert baselines.read(real).fingerprints == {CONTAINERS}

    def test_figures_as_the_table_writes_them(self) -> None:
        assert baselines.figure_text("50", "60", "million USD", "range") == (
            "50 to 60 million USD (range)"
        )
        assert baselines.figure_text("7", "", "t", "") == "7 t (exact)"
        assert baselines.figure_text("7", "", "t", "at_most") == "7 t (at_most)"

    def test_entry_records_a_range_finding(self) -> None:
        """Which claim, key and figure lands on which side of the entry."""
        report = compare_rows(
            [
                "r-low,s1,Acme,Revenue,,2023,50,60,million USD,range,asserted,,",
                "r-high,s2,acme,revenue,,2023,70,80,million USD,range,asserted,,",
            ]
        )
        (entry,) = baselines.entries_of(report)
        assert entry == Entry(
            entry.fingerprint,
            "contradiction",
            ("acme", "revenue", "", "2023"),
            ("r-high", "r-low"),
            ("70 to 80 million USD (range)", "50 to 60 million USD (range)"),
            "",
        )
        assert baselines.entry_of(next(iter(report))) == entry


class TestStaleEntries:
    def test_stale_entries_come_sorted_by_fingerprint(self, report: Report) -> None:
        """A hand-merged file may list entries in any order; the prune list is sorted."""
        order = ["ffffffffffffffff", CONTAINERS, "8888888888888888", "0000000000000000"]
        accepted = Baseline({fp: _entry(fp) for fp in order})
        stale = ["0000000000000000", "8888888888888888", "ffffffffffffffff"]
        assert [e.fingerprint for e in accepted.stale(report)] == stale
        found = {CONTAINERS, "8888888888888888"}
        assert [e.fingerprint for e in accepted.stale_among(found)] == stale[::2]

    def test_nothing_is_stale_in_an_empty_baseline(self, report: Report) -> None:
        assert Baseline({}).stale(report) == []
        assert Baseline({}).pruned(report) == Baseline({})

    def test_compare_lists_stale_entries_sorted(self, tmp_path: Path) -> None:
        """What CI prints for entries whose finding is gone, in a stable order."""
        first, second = _entry("ffffffffffffffff"), _entry("0000000000000000")
        path = _file(tmp_path, first.as_json(), second.as_json())
        run = run_cli("compare", str(CONFLICTS), "--baseline", str(path), "-f", "csv")
        assert run.status == 1
        assert run.stderr.startswith(
            f"{path}: 2 baseline entries no longer occur (fixed or changed); "
            "`claimcheck baseline --prune` drops them:\n"
            "  0000000000000000 contradiction claim-a vs claim-b\n"
            "  ffffffffffffffff contradiction claim-a vs claim-b\n"
        )

    def test_message(self) -> None:
        entries = [_entry("0000000000000001"), _entry("0000000000000002")]
        assert baselines.stale_message(entries, "ci/b.json") == (
            "ci/b.json: 2 baseline entries no longer occur (fixed or changed); "
            "`claimcheck baseline --prune` drops them:\n"
            "  0000000000000001 contradiction claim-a vs claim-b\n"
            "  0000000000000002 contradiction claim-a vs claim-b\n"
        )


class TestMergeAndPrune:
    def test_merge_keeps_reasons_and_adds_findings_without_one(self, report: Report) -> None:
        stale = _entry("0000000000000000", "old")
        known = baselines.entry_of(next(f for f in report if f.fingerprint == CONTAINERS))
        reviewed = Baseline({stale.fingerprint: stale, CONTAINERS: known})
        reviewed = Baseline({**reviewed.entries, CONTAINERS: _with(known, "reviewed")})
        merged = reviewed.merged(report)
        assert merged.fingerprints == reviewed.fingerprints | {f.fingerprint for f in report}
        assert len(merged.entries) == 5
        assert merged.entries[CONTAINERS] == _with(known, "reviewed")
        assert merged.entries[stale.fingerprint] == stale
        new = [e for fp, e in merged.entries.items() if fp not in reviewed.entries]
        assert len(new) == 3
        assert all(e.reason == "" for e in new)
        assert new == [e for e in baselines.entries_of(report) if e.fingerprint != CONTAINERS]

    def test_prune_keeps_only_what_still_occurs(self, report: Report) -> None:
        stale = _entry("0000000000000000", "old")
        known = _with(baselines.entry_of(next(iter(report))), "kept")
        pruned = Baseline({stale.fingerprint: stale, known.fingerprint: known}).pruned(report)
        assert pruned == Baseline({known.fingerprint: known})

    def test_update_returns_before_and_after(self, tmp_path: Path, report: Report) -> None:
        path = tmp_path / "b.json"
        before, after = baselines.update(path, report, prune=False)
        assert before == Baseline({})
        assert after == Baseline({e.fingerprint: e for e in baselines.entries_of(report)})
        assert baselines.read(path) == after
        extra = _entry("0000000000000000", "old")
        baselines.write(Baseline({**after.entries, extra.fingerprint: extra}), path)
        before, pruned = baselines.update(path, report, prune=True)
        assert before.fingerprints == after.fingerprints | {extra.fingerprint}
        assert pruned == after
        assert baselines.read(path) == after

    def test_prune_of_a_missing_file_is_an_error(self, tmp_path: Path, report: Report) -> None:
        path = tmp_path / "b.json"
        with pytest.raises(InputError, match="no such baseline file"):
            baselines.update(path, report, prune=True)
        assert not path.exists()

    def test_cli_counts(self, tmp_path: Path) -> None:
        """The one line `claimcheck baseline` prints says what changed in the file."""
        output = tmp_path / "b.json"
        run = run_cli("baseline", str(CONFLICTS), "-o", str(output))
        assert run.stderr == f"{output}: 4 findings accepted; 4 new entries\n"
        extra = _entry("0000000000000000")
        entries = {**baselines.read(output).entries, extra.fingerprint: extra}
        baselines.write(Baseline(entries), output)
        run = run_cli("baseline", str(CONFLICTS), "-o", str(output))
        assert run.stderr == (
            f"{output}: 5 findings accepted; 0 new entries, 1 no longer occurring "
            "(--prune drops them)\n"
        )
        run = run_cli("baseline", str(CONFLICTS), "-o", str(output), "--prune")
        assert run.stderr == f"{output}: 4 findings accepted; 1 stale entries dropped\n"


def _with(entry: Entry, reason: str) -> Entry:
    return Entry(entry.fingerprint, entry.kind, entry.key, entry.claims, entry.figures, reason)


def test_describe() -> None:
    assert _entry("0123456789abcdef").describe() == (
        "0123456789abcdef contradiction claim-a vs claim-b"
    )


def test_umask_respected_for_a_new_file(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        baselines.write(Baseline({}), tmp_path / "b.json")
    finally:
        os.umask(umask)
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o640
