"""Baselines (contract section 7): stable files, atomic writes, CI failing on new findings only."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import baseline as baselines
from claimcheck.errors import InputError
from conftest import DATA, run_cli

CONFLICTS = DATA / "conflicts" / "claims.csv"
SOURCES = DATA / "conflicts" / "sources.csv"


def _rows(path: Path = CONFLICTS) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def _write_table(directory: Path, header: list[str], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = directory / "claims.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    (directory / "sources.csv").write_bytes(SOURCES.read_bytes())
    return path


def _baseline(claims: Path, output: Path, *extra: str) -> str:
    run = run_cli("baseline", str(claims), "--output", str(output), *extra)
    assert run.status == 0, run.stderr
    assert run.stdout == ""
    return output.read_text(encoding="utf-8")


class TestWriting:
    def test_one_entry_per_finding_sorted_with_empty_reasons(self, tmp_path: Path) -> None:
        """Every finding is recorded once, sorted by fingerprint, ready for a reviewer's reason."""
        document = json.loads(_baseline(CONFLICTS, tmp_path / "b.json"))
        entries = document["findings"]
        assert document["claimcheck_baseline"] == 1
        assert [e["fingerprint"] for e in entries] == sorted(e["fingerprint"] for e in entries)
        assert sorted(e["kind"] for e in entries) == [
            "changed", "contradiction", "decreasing_cumulative", "unit_mismatch",
        ]  # fmt: skip
        containers = next(e for e in entries if e["kind"] == "contradiction")
        assert containers == {
            "fingerprint": containers["fingerprint"],
            "kind": "contradiction",
            "key": {
                "subject": "north_korea", "metric": "containers_shipped",
                "object": "russia", "period": "2023",
            },
            "claims": ["kr-containers", "us-containers"],
            "figures": ["7000 container (exact)", "11000 container (approx)"],
            "reason": "",
        }  # fmt: skip

    def test_rerun_is_byte_identical(self, tmp_path: Path) -> None:
        """An unchanged table rewrites the baseline byte for byte, so diffs stay empty."""
        output = tmp_path / "b.json"
        first = output.read_bytes() if _baseline(CONFLICTS, output) else b""
        _baseline(CONFLICTS, output)
        assert output.read_bytes() == first
        assert first.endswith(b"\n")

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(order=st.permutations(range(len(_rows()[1]))))
    def test_stable_under_row_shuffles(
        self, tmp_path_factory: pytest.TempPathFactory, order: list[int]
    ) -> None:
        """Reordering rows changes nothing in the baseline (fingerprints ignore row order)."""
        header, rows = _rows()
        reference = tmp_path_factory.mktemp("ref")
        expected = _baseline(_write_table(reference, header, rows), reference / "b.json")
        shuffled = tmp_path_factory.mktemp("shuffled")
        table = _write_table(shuffled, header, [rows[i] for i in order])
        assert _baseline(table, shuffled / "b.json") == expected

    def test_quotes_and_notes_do_not_change_fingerprints_figures_do(self, tmp_path: Path) -> None:
        """Editing quotes or notes keeps the baseline; editing a figure makes a new finding."""
        header, rows = _rows()
        original = _baseline(_write_table(tmp_path, header, rows), tmp_path / "b.json")
        quote, note, value = header.index("quote"), header.index("note"), header.index("value")
        edited = [[*row] for row in rows]
        for row in edited:
            row[quote], row[note] = row[quote] + " (sic)", "checked"
        assert _baseline(_write_table(tmp_path, header, edited), tmp_path / "c.json") == original
        edited[0][value] = "12000"
        table = _write_table(tmp_path, header, edited)
        run = run_cli("compare", str(table), "--baseline", str(tmp_path / "b.json"), "-f", "csv")
        assert run.status == 1
        assert "1 baseline entries no longer occur" in run.stderr

    def test_stdin_table(self, tmp_path: Path) -> None:
        """`-` reads the claims from standard input, like compare."""
        output = tmp_path / "b.json"
        stdin = CONFLICTS.read_text(encoding="utf-8")
        run = run_cli("baseline", "-", "--sources", str(SOURCES), "-o", str(output), stdin=stdin)
        assert run.status == 0, run.stderr
        assert output.read_text(encoding="utf-8") == _baseline(CONFLICTS, tmp_path / "c.json")

    def test_refuses_to_overwrite_the_claims_file(self, tmp_path: Path) -> None:
        """No command writes to its inputs: --output naming the table is a usage error."""
        header, rows = _rows()
        table = _write_table(tmp_path, header, rows)
        before = table.read_bytes()
        run = run_cli("baseline", str(table), "--output", str(table))
        assert run.status == 2
        assert "must not be the claims file" in run.stderr
        assert table.read_bytes() == before

    def test_new_file_is_not_private(self, tmp_path: Path) -> None:
        """The temporary file's 0600 mode is not carried into a file meant to be committed."""
        output = tmp_path / "b.json"
        _baseline(CONFLICTS, output)
        umask = os.umask(0)
        os.umask(umask)
        assert output.stat().st_mode & 0o777 == 0o666 & ~umask


class TestAtomicWrite:
    # Path.replace, not os.replace: before Python 3.12 Path.replace does not go through os.
    @pytest.mark.parametrize(("owner", "step"), [(Path, "replace"), (os, "fsync")])
    def test_crash_leaves_old_baseline_intact(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, owner: object, step: str
    ) -> None:
        """A crash while writing or renaming leaves the old file and no temporary file."""
        output = tmp_path / "b.json"
        old = _baseline(CONFLICTS, output)
        report_free = baselines.Baseline({})

        def crash(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(owner, step, crash)
        with pytest.raises(OSError, match="No space"):
            baselines.write(report_free, output)
        assert output.read_text(encoding="utf-8") == old
        assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json"]

    def test_cli_reports_a_failed_write_as_exit_2(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The CLI turns a failed write into one message and exit 2, not a traceback."""
        output = tmp_path / "b.json"
        old = _baseline(CONFLICTS, output)

        def crash(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "replace", crash)
        run = run_cli("baseline", str(CONFLICTS), "--output", str(output), "--prune")
        assert run.status == 2
        assert "No space left on device" in run.stderr
        assert output.read_text(encoding="utf-8") == old


class TestCompareWithBaseline:
    def test_accepted_findings_pass(self, tmp_path: Path) -> None:
        """With every finding accepted, compare exits 0 and still reports them."""
        output = tmp_path / "b.json"
        _baseline(CONFLICTS, output)
        run = run_cli("compare", str(CONFLICTS), "--baseline", str(output), "-f", "csv")
        assert run.status == 0, run.stderr
        assert len(run.stdout.splitlines()) == 5
        assert "0 failing" in run.stderr

    def test_new_finding_fails(self, tmp_path: Path) -> None:
        """A contradiction not in the baseline makes the exit status 1."""
        header, rows = _rows()
        claim = header.index("claim_id")
        without = [row for row in rows if row[claim] != "us-containers"]
        partial = tmp_path / "partial"
        partial.mkdir()
        output = tmp_path / "b.json"
        _baseline(_write_table(partial, header, without), output)
        run = run_cli("compare", str(CONFLICTS), "--baseline", str(output), "-f", "csv")
        assert run.status == 1
        assert "1 failing" in run.stderr
        assert "no longer occur" not in run.stderr

    def test_stale_entries_listed_on_stderr_and_in_table_view(self, tmp_path: Path) -> None:
        """Entries whose finding is gone are listed, with how to prune them."""
        output = tmp_path / "b.json"
        _baseline(CONFLICTS, output)
        header, rows = _rows()
        claim = header.index("claim_id")
        fixed = tmp_path / "fixed"
        fixed.mkdir()
        table = _write_table(fixed, header, [r for r in rows if r[claim] != "us-containers"])
        run = run_cli("compare", str(table), "--baseline", str(output), "-f", "csv")
        assert run.status == 0
        assert "1 baseline entries no longer occur" in run.stderr
        assert "contradiction kr-containers vs us-containers" in run.stderr
        assert "no longer occur" not in run.stdout
        quiet = run_cli("compare", str(table), "--baseline", str(output), "-f", "csv", "-q")
        assert quiet.stderr == ""
        view = run_cli("compare", str(table), "--baseline", str(output), "-f", "table")
        assert "contradiction kr-containers vs us-containers" in view.stdout

    def test_missing_baseline_is_an_input_error(self, tmp_path: Path) -> None:
        """A missing baseline is exit 2, never read as empty."""
        run = run_cli("compare", str(CONFLICTS), "--baseline", str(tmp_path / "none.json"))
        assert run.status == 2
        assert run.stdout == ""
        assert run.stderr == f"{tmp_path / 'none.json'}: no such baseline file\n"

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("{", ":1: not a JSON baseline"),
            ("", ":1: not a JSON baseline"),
            ("[]", "not a claimcheck baseline"),
            ('{"claimcheck_baseline": 2, "findings": []}', "version 2 is not 1"),
            ('{"claimcheck_baseline": 1}', "'findings' must be a list"),
            ('{"claimcheck_baseline": 1, "findings": [{"fingerprint": "xyz"}]}', "finding 1"),
        ],
    )
    def test_corrupt_baseline_is_an_input_error(
        self, tmp_path: Path, text: str, message: str
    ) -> None:
        """Anything but a well-formed baseline stops the run with exit 2 and one line."""
        path = tmp_path / "b.json"
        path.write_text(text, encoding="utf-8")
        run = run_cli("compare", str(CONFLICTS), "--baseline", str(path), "-f", "csv")
        assert run.status == 2
        assert run.stdout == ""
        assert message in run.stderr
        assert len(run.stderr.splitlines()) == 1
        with pytest.raises(InputError):
            baselines.read(path)

    def test_duplicate_fingerprints_are_rejected(self, tmp_path: Path) -> None:
        """A hand-merged baseline with one fingerprint twice is ambiguous about its reason."""
        output = tmp_path / "b.json"
        document = json.loads(_baseline(CONFLICTS, output))
        document["findings"].append(document["findings"][0])
        output.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(InputError, match="appears twice"):
            baselines.read(output)


class TestUpdateAndPrune:
    def _reasoned(self, output: Path) -> dict[str, str]:
        document = json.loads(output.read_text(encoding="utf-8"))
        for entry in document["findings"]:
            entry["reason"] = f"reviewed {entry['claims'][0]}"
        output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        return {e["fingerprint"]: e["reason"] for e in document["findings"]}

    def test_prune_drops_stale_entries_and_keeps_reasons(self, tmp_path: Path) -> None:
        """--prune removes what no longer occurs, keeps reviewers' text, and accepts nothing new."""
        output = tmp_path / "b.json"
        _baseline(CONFLICTS, output)
        reasons = self._reasoned(output)
        header, rows = _rows()
        claim = header.index("claim_id")
        fixed = tmp_path / "fixed"
        fixed.mkdir()
        table = _write_table(fixed, header, [r for r in rows if r[claim] != "us-containers"])
        _baseline(table, output, "--prune")
        entries = json.loads(output.read_text(encoding="utf-8"))["findings"]
        assert len(entries) == 3
        assert all(e["reason"] == reasons[e["fingerprint"]] for e in entries)
        assert "us-containers" not in output.read_text(encoding="utf-8")
        _baseline(CONFLICTS, output, "--prune")
        assert len(json.loads(output.read_text(encoding="utf-8"))["findings"]) == 3

    def test_update_keeps_reasons_and_adds_new_findings(self, tmp_path: Path) -> None:
        """Re-running without --prune adds new findings and leaves reviewed ones as they were."""
        header, rows = _rows()
        claim = header.index("claim_id")
        partial = tmp_path / "partial"
        partial.mkdir()
        output = tmp_path / "b.json"
        _baseline(
            _write_table(partial, header, [r for r in rows if r[claim] != "gdp-2024"]), output
        )
        reasons = self._reasoned(output)
        _baseline(CONFLICTS, output)
        entries = json.loads(output.read_text(encoding="utf-8"))["findings"]
        assert len(entries) == 4
        assert sum(e["reason"] == "" for e in entries) == 1
        assert all(e["reason"] == reasons[e["fingerprint"]] for e in entries if e["reason"])

    def test_prune_needs_an_existing_baseline(self, tmp_path: Path) -> None:
        """Pruning a file that is not there is an input error, not a new empty baseline."""
        run = run_cli("baseline", str(CONFLICTS), "-o", str(tmp_path / "b.json"), "--prune")
        assert run.status == 2
        assert not (tmp_path / "b.json").exists()
