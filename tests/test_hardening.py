"""Hostile inputs by class (issue: hardening): data loss, escapes, crashes, wrong results.

Each test builds its files in a temporary folder, runs the real CLI (in-process,
or as processes where the class is about processes), and checks the exit
status, the one-line message with its file, line and column, and that no
input byte changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO, run_cli

CONFLICTS = DATA / "conflicts"
HEADER = "claim_id,source_id,subject,metric,object,period,value,unit,qualifier,quote"


def _table(folder: Path, *rows: str, sources: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    claims = folder / "claims.csv"
    claims.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    if sources is not None:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return claims


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip(), "a refusal says why"


# --- data loss -----------------------------------------------------------------------


@pytest.fixture
def companions(tmp_path: Path) -> Path:
    """A table with every companion beside it, and a source text."""
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(CONFLICTS / "claims.csv", folder / "claims.csv")
    sources = (CONFLICTS / "sources.csv").read_text(encoding="utf-8").splitlines()
    sources[1] = sources[1] + "text.txt"
    (folder / "sources.csv").write_text("\n".join(sources) + "\n", encoding="utf-8")
    (folder / "text.txt").write_text("Nordkorea habe etwa 11.000 Container.\n", encoding="utf-8")
    (folder / "aliases.csv").write_text("field,alias,canonical\n", encoding="utf-8")
    (folder / "relations.csv").write_text(
        "relation_id,kind,left,right\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("name", ["claims.csv", "aliases.csv", "sources.csv", "relations.csv",
                                  "text.txt"])  # fmt: skip
@pytest.mark.parametrize("command", ["keys --suggest", "keys", "baseline"])
def test_no_command_writes_over_an_input(companions: Path, command: str, name: str) -> None:
    """`keys --suggest -o aliases.csv` used to overwrite the aliases it had just read."""
    before = _snapshot(companions)
    target = companions / name
    run = run_cli(*command.split(), str(companions / "claims.csv"), "-o", str(target))
    assert run.status == 2, run.stderr
    assert f"--output {target} must not be the" in run.stderr
    assert str(target) in run.stderr.split("must not be the", 1)[1], "both paths named"
    _one_line(run.stderr)
    assert _snapshot(companions) == before


def test_an_output_reached_through_a_symlink_is_still_an_input(companions: Path) -> None:
    link = companions / "link.csv"
    link.symlink_to(companions / "aliases.csv")
    before = _snapshot(companions)
    run = run_cli("keys", str(companions / "claims.csv"), "--suggest", "-o", str(link))
    assert run.status == 2
    assert "must not be the aliases file" in run.stderr
    assert _snapshot(companions) == before


def test_keys_output_is_written_atomically_beside_itself(companions: Path) -> None:
    output = companions / "suggested.csv"
    run = run_cli("keys", str(companions / "claims.csv"), "--suggest", "-o", str(output))
    assert run.status == 0, run.stderr
    assert output.read_text(encoding="utf-8").startswith("field,alias,canonical")
    assert not [p for p in companions.iterdir() if p.name.endswith(".tmp")]


class TestBaselineFile:
    def test_a_symlinked_baseline_stays_a_symlink(self, companions: Path, tmp_path: Path) -> None:
        """The link is followed: its target is replaced and the link kept."""
        store = tmp_path / "store"
        store.mkdir()
        target = store / "accepted.json"
        link = companions / "baseline.json"
        link.symlink_to(target)
        run = run_cli("baseline", str(companions / "claims.csv"), "-o", str(link))
        assert run.status == 0, run.stderr
        assert link.is_symlink()
        assert link.readlink() == target
        assert json.loads(target.read_text(encoding="utf-8"))["findings"]

    def test_the_mode_is_kept(self, companions: Path) -> None:
        output = companions / "baseline.json"
        claims = str(companions / "claims.csv")
        assert run_cli("baseline", claims, "-o", str(output)).status == 0
        output.chmod(0o640)
        assert run_cli("baseline", claims, "-o", str(output)).status == 0
        assert output.stat().st_mode & 0o7777 == 0o640

    def test_standard_output_is_no_baseline(self, companions: Path) -> None:
        run = run_cli("baseline", str(companions / "claims.csv"), "-o", "-")
        assert run.status == 2
        assert "--output must be a file" in run.stderr

    def test_concurrent_runs_leave_one_complete_file(self, tmp_path: Path) -> None:
        """Four `claimcheck baseline` processes at once on one file: no entry is lost.

        Each table holds one contradiction of its own; without a lock each run
        reads the baseline before the others write, and the last rename wins.
        """
        output = tmp_path / "baseline.json"
        tables = []
        for n in range(4):
            tables.append(_table(
                tmp_path / f"t{n}",
                f"a{n},s,land{n},gdp,,2024,100,USD,exact,",
                f"b{n},s,land{n},gdp,,2024,200,USD,exact,",
            ))  # fmt: skip
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "claimcheck", "baseline", str(claims), "-o", str(output)],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for claims in tables
        ]
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        document = json.loads(output.read_text(encoding="utf-8"))
        claims = sorted(entry["claims"][0] for entry in document["findings"])
        assert claims == ["a0", "a1", "a2", "a3"]
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["baseline.json"]


# --- security ------------------------------------------------------------------------


def _verify_table(folder: Path, path: str) -> Path:
    return _table(
        folder,
        "c1,s1,x,y,,2024,5,USD,exact,cost 5 USD",
        sources=f"source_id,title,path,language\ns1,T,{path},en\n",
    )


class TestSourcePathsStayInside:
    @pytest.mark.parametrize("path", ["../secret.txt", "/etc/hostname", "sub/../../secret.txt"])
    def test_a_path_outside_the_folder_is_refused(self, tmp_path: Path, path: str) -> None:
        (tmp_path / "secret.txt").write_text("root secret\n", encoding="utf-8")
        claims = _verify_table(tmp_path / "t", path)
        run = run_cli("verify", str(claims), "-f", "csv")
        assert run.status == 2, run.stdout
        assert f"{tmp_path / 't' / 'sources.csv'}:2: path: " in run.stderr
        assert "outside" in run.stderr
        assert "secret" not in run.stdout

    def test_a_symlink_out_of_the_folder_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "secret.txt").write_text("root secret\n", encoding="utf-8")
        claims = _verify_table(tmp_path / "t", "inside.txt")
        (tmp_path / "t" / "inside.txt").symlink_to(tmp_path / "secret.txt")
        run = run_cli("verify", str(claims), "-f", "csv")
        assert run.status == 2
        assert "outside" in run.stderr

    def test_an_allowed_root_is_read(self, tmp_path: Path) -> None:
        shared = tmp_path / "shared"
        shared.mkdir()
        (shared / "doc.txt").write_text("It cost 5 USD, said root.\n", encoding="utf-8")
        claims = _verify_table(tmp_path / "t", "../shared/doc.txt")
        run = run_cli("verify", str(claims), "-f", "csv", "--allow-root", str(shared))
        assert run.status == 0, run.stderr
        assert ",verified," in run.stdout


HOSTILE = "\x1b[2J\x1b]0;owned\x07\u202e"


class TestTerminalEscapes:
    """No control character from an input reaches a terminal raw; csv and json keep them."""

    @pytest.fixture
    def hostile(self, tmp_path: Path) -> Path:
        folder = tmp_path / "t"
        folder.mkdir()
        text = f"They shipped 100 containers{HOSTILE}.\n"
        (folder / "doc.txt").write_text(text, encoding="utf-8")
        return _table(
            folder,
            f'a{HOSTILE},s1,land,containers,,2024,100,container,exact,'
            f'"shipped 100 containers{HOSTILE}"',
            "b,s1,land,containers,,2024,200,container,exact,shipped 200",
            f"c,s1,land{HOSTILE},containers,,2024,200,container,exact,shipped 200",
            sources=f"source_id,title,path,language\ns1,T{HOSTILE},doc.txt,en\n",
        )

    @pytest.mark.parametrize(
        "args",
        [
            ["compare", "-f", "table"],
            ["show", "land"],
            ["verify", "-f", "table"],
            ["keys", "-f", "table"],
        ],
    )
    def test_views_escape_control_characters(self, hostile: Path, args: list[str]) -> None:
        command, *rest = args
        query = rest[:1] if command == "show" else []
        options = rest[1:] if command == "show" else rest
        width = [] if command == "keys" else ["--width", "200"]
        run = run_cli(command, *query, str(hostile), *options, *width)
        assert run.status in (0, 1), run.stderr
        shown = run.stdout + run.stderr
        for char in "\x1b\x07\u202e":
            assert char not in shown
        assert "\\x1b" in shown

    def test_messages_escape_control_characters(self, hostile: Path, tmp_path: Path) -> None:
        """A baseline entry's claim ids reach stderr in the stale-entries list."""
        baseline = tmp_path / "b.json"
        entry = {"fingerprint": "0" * 16, "kind": "contradiction", "reason": "",
                 "key": {"subject": "x", "metric": "y", "object": "", "period": ""},
                 "claims": [f"gone{HOSTILE}", "b"], "figures": ["1", "2"]}  # fmt: skip
        baseline.write_text(
            json.dumps({"claimcheck_baseline": 1, "findings": [entry]}), encoding="utf-8"
        )
        run = run_cli("compare", str(hostile), "-f", "csv", "--baseline", str(baseline))
        assert "gone\\x1b" in run.stderr
        assert "\x1b" not in run.stderr

    def test_csv_and_json_keep_the_data_exact(self, hostile: Path) -> None:
        assert HOSTILE in run_cli("compare", str(hostile), "-f", "csv").stdout
        report = json.loads(run_cli("compare", str(hostile), "-f", "json").stdout)
        assert any(HOSTILE in str(value) for finding in report for value in finding.values())


class TestExcelSafe:
    def test_keys(self, tmp_path: Path) -> None:
        claims = _table(tmp_path, "a,s,=HYPERLINK(x),gdp,,2024,1,USD,exact,",
                        "b,s,=HYPERLINK(y),gdp,,2024,1,USD,exact,")  # fmt: skip
        plain = run_cli("keys", str(claims), "-f", "csv")
        safe = run_cli("keys", str(claims), "-f", "csv", "--excel-safe")
        assert "\n=hyperlink" in plain.stdout
        assert "\n'=hyperlink" in safe.stdout
        assert "\n=hyperlink" not in safe.stdout

    def test_verify(self, tmp_path: Path) -> None:
        (tmp_path / "doc.txt").write_text("Text.\n", encoding="utf-8")
        claims = _table(tmp_path, "=cmd,s1,x,y,,2024,5,USD,exact,gone",
                        sources="source_id,title,path,language\ns1,T,doc.txt,en\n")  # fmt: skip
        safe = run_cli("verify", str(claims), "-f", "csv", "--excel-safe")
        assert safe.stdout.splitlines()[1].startswith("'=cmd,")
        assert run_cli("verify", str(claims), "-f", "csv").stdout.splitlines()[1].startswith("=")

    def test_extract(self, tmp_path: Path) -> None:
        text = tmp_path / "t.txt"
        text.write_text("=HYPERLINK(1) kostete 5 Millionen Euro.\n", encoding="utf-8")
        safe = run_cli("extract", str(text), "--excel-safe")
        assert safe.status == 0, safe.stderr
        assert ",'=HYPERLINK(1) kostete" in safe.stdout
        assert "'" not in run_cli("extract", str(text)).stdout

    def test_only_for_csv(self, tmp_path: Path) -> None:
        claims = _table(tmp_path, "a,s,x,gdp,,2024,1,USD,exact,")
        run = run_cli("verify", str(claims), "-f", "json", "--excel-safe")
        assert run.status == 2
        assert "--excel-safe applies to --format csv only" in run.stderr


# --- crashes -------------------------------------------------------------------------


class TestNumbers:
    @pytest.mark.parametrize(("value", "code"), [("１２", "U+FF11"), ("١٢", "U+0661"),
                                                 ("१२", "U+0967")])  # fmt: skip
    @pytest.mark.parametrize("command", ["validate", "compare", "baseline", "show"])
    def test_unicode_digits_in_value_are_rejected_with_line_and_column(
        self, tmp_path: Path, value: str, code: str, command: str
    ) -> None:
        claims = _table(tmp_path, "a,s,x,gdp,,2024,10,USD,exact,",
                        f"b,s,x,gdp,,2024,{value},USD,exact,")  # fmt: skip
        args = {"compare": ["-f", "csv"], "baseline": ["-o", str(tmp_path / "b.json")]}
        first = ["x"] if command == "show" else []
        run = run_cli(command, *first, str(claims), *args.get(command, []))
        assert run.status == 2
        assert f"{claims}:3: value: " in run.stderr
        assert code in run.stderr

    def test_a_fullwidth_period_is_rejected(self, tmp_path: Path) -> None:
        """`２０２４` was read as 2024 under the key `２０２４`: one quantity split in two."""
        claims = _table(tmp_path, "a,s,x,gdp,,2024,10,USD,exact,",
                        "b,s,x,gdp,,２０２４,20,USD,exact,")  # fmt: skip
        run = run_cli("validate", str(claims))
        assert run.status == 2
        assert f"{claims}:3: period: '２０２４'" in run.stderr
        assert "U+FF12 FULLWIDTH DIGIT TWO" in run.stderr

    def test_a_value_that_overflows_once_scaled_is_rejected(self, tmp_path: Path) -> None:
        claims = _table(tmp_path, "a,s,x,gdp,,2024,10,USD,exact,",
                        "b,s,x,gdp,,2024,1e308,billion USD,exact,")  # fmt: skip
        for command in (["validate"], ["compare", "-f", "table"]):
            run = run_cli(*command, str(claims))
            assert run.status == 2
            assert f"{claims}:3: value: '1e308' 'billion USD' is too large" in run.stderr

    def test_a_26_digit_decimal_in_a_quote_does_not_crash_verify(self, tmp_path: Path) -> None:
        (tmp_path / "doc.txt").write_text(
            "Es waren 12.345.678.901.234.567.890.123.456.789,5 Euro.\n", encoding="utf-8"
        )
        claims = _table(
            tmp_path,
            'a,s1,x,y,,2024,5,EUR,exact,"12.345.678.901.234.567.890.123.456.789,5 Euro"',
            sources="source_id,title,path,language\ns1,T,doc.txt,de\n",
        )
        run = run_cli("verify", str(claims), "-f", "csv")
        assert run.status == 1, run.stderr
        assert ",figure_not_in_quote," in run.stdout

    def test_a_baseline_nested_3000_deep_is_an_input_error(self, tmp_path: Path) -> None:
        baseline = tmp_path / "b.json"
        baseline.write_text("[" * 3000 + "]" * 3000, encoding="utf-8")
        run = run_cli("compare", str(SEED), "-f", "csv", "--baseline", str(baseline))
        assert run.status == 2
        assert f"{baseline}: not a claimcheck baseline: nested too deeply" in run.stderr

    def test_a_header_of_100000_columns_is_refused_before_parsing(self, tmp_path: Path) -> None:
        claims = tmp_path / "wide.csv"
        names = ",".join(f"c{i}" for i in range(100_000))
        claims.write_text(names + "\n" + "," * 99_999 + "\n", encoding="utf-8")
        run = run_cli("validate", str(claims))
        assert run.status == 2
        assert f"{claims}:1: the header has 100,000 columns; at most 1,000 are read" in run.stderr


SEED = REPO / "data" / "claims.csv"


# --- wrong results -------------------------------------------------------------------


class TestAliases:
    def test_a_chain_resolves_to_its_end(self, tmp_path: Path) -> None:
        claims = _table(tmp_path, "a,s,NK,gdp,,2024,10,USD,exact,",
                        "b,s,north_korea,gdp,,2024,20,USD,exact,")  # fmt: skip
        (tmp_path / "aliases.csv").write_text(
            "field,alias,canonical\nsubject,NK,Nordkorea\nsubject,Nordkorea,DPRK\n"
            "subject,DPRK,north_korea\n",
            encoding="utf-8",
        )
        run = run_cli("compare", str(claims), "-f", "json")
        findings = json.loads(run.stdout)
        assert [(f["subject"], f["claim_a"], f["claim_b"]) for f in findings] == [
            ("north_korea", "a", "b")
        ]

    def test_a_cycle_is_an_error_with_its_lines(self, tmp_path: Path) -> None:
        claims = _table(tmp_path, "a,s,A,gdp,,2024,10,USD,exact,")
        aliases = tmp_path / "aliases.csv"
        aliases.write_text(
            "field,alias,canonical\nsubject,A,B\nmetric,x,y\nsubject,B,A\n", encoding="utf-8"
        )
        run = run_cli("validate", str(claims))
        assert run.status == 2
        assert f"{aliases}:2: canonical: subject aliases form a cycle: 'a' -> 'b' -> 'a' " \
               "(line 2, line 4)" in run.stderr  # fmt: skip


class TestCrlfOffsets:
    def test_verify_reports_offsets_into_the_file(self, tmp_path: Path) -> None:
        raw = "Erste Zeile.\r\nZweite Zeile.\r\nEs waren 5 Millionen Euro.\r\n"
        (tmp_path / "doc.txt").write_bytes(raw.encode("utf-8"))
        claims = _table(tmp_path, 'a,s1,x,y,,2024,5,million EUR,exact,"5 Millionen Euro"',
                        sources="source_id,title,path,language\ns1,T,doc.txt,de\n")  # fmt: skip
        result = json.loads(run_cli("verify", str(claims), "-f", "json").stdout)["claims"][0]
        content = (tmp_path / "doc.txt").read_bytes().decode("utf-8")
        assert result["outcome"] == "verified"
        assert content[result["start"]:result["end"]] == "5 Millionen Euro"
        assert content[result["figure_start"]:result["figure_end"]].startswith("5")

    def test_extract_reports_offsets_into_the_file(self, tmp_path: Path) -> None:
        text = tmp_path / "t.txt"
        text.write_bytes(b"Eins.\r\nZwei.\r\nEs kostete 5 Millionen Euro.\r\n")
        rows = json.loads(run_cli("extract", str(text), "--format", "json").stdout)
        content = text.read_bytes().decode("utf-8")
        assert rows
        for row in rows:
            assert content[row["start"]:row["end"]] == row["text"]


class TestQuoteLanguage:
    SOURCE = "source_id,title,path,language\ns1,T,doc.txt,{lang}\n"

    def _verify(self, tmp_path: Path, lang: str, quote: str) -> dict[str, object]:
        (tmp_path / "doc.txt").write_text(f"Es waren {quote} Container.\n", encoding="utf-8")
        claims = _table(tmp_path, f'a,s1,x,y,,2024,12,container,exact,"{quote} Container"',
                        sources=self.SOURCE.format(lang=lang))  # fmt: skip
        result: dict[str, object] = json.loads(
            run_cli("verify", str(claims), "-f", "json").stdout
        )["claims"][0]
        return result

    def test_a_german_quote_is_read_in_german(self, tmp_path: Path) -> None:
        """`12.000` in a German source is twelve thousand, never the claimed 12."""
        assert self._verify(tmp_path, "de", "12.000")["outcome"] == "figure_not_in_quote"

    def test_an_english_quote_is_read_in_english(self, tmp_path: Path) -> None:
        assert self._verify(tmp_path, "en", "12,000")["outcome"] == "figure_not_in_quote"
        assert self._verify(tmp_path, "en", "12.000")["outcome"] == "verified"

    def test_an_unknown_language_tries_both_and_says_so(self, tmp_path: Path) -> None:
        result = self._verify(tmp_path, "", "12.000")
        assert result["outcome"] == "verified"
        assert "read as German and English" in str(result["detail"])


class TestValidateReadsRelations:
    def test_a_broken_relations_file_beside_the_claims_fails_validate(
        self, tmp_path: Path
    ) -> None:
        claims = _table(tmp_path, "a,s,x,gdp,,2024,10,USD,exact,")
        relations = tmp_path / "relations.csv"
        relations.write_text(
            "relation_id,kind,left,right\nr1,sum,x/gdp,x/a + x/b\nr1,le,x/gdp,x/c\n"
            "r2,nonsense,x/gdp,x/c\n",
            encoding="utf-8",
        )
        run = run_cli("validate", str(claims))
        assert run.status == 2
        assert f"{relations}:3: relation_id: duplicate relation_id 'r1' (line 2)" in run.stderr
        assert f"{relations}:4: kind:" in run.stderr
        assert run_cli("compare", str(claims)).status == 2


class TestMessages:
    @pytest.mark.parametrize(("unit", "named"), [
        ("ЕUR", "'Е' (U+0415 CYRILLIC CAPITAL LETTER IE)"),
        ("US\u200bD", "'\\u200b' (U+200B ZERO WIDTH SPACE)"),
    ])  # fmt: skip
    def test_a_lookalike_or_invisible_unit_character_is_named(
        self, tmp_path: Path, unit: str, named: str
    ) -> None:
        claims = _table(tmp_path, f"a,s,x,gdp,,2024,10,{unit},exact,")
        run = run_cli("validate", str(claims))
        assert run.status == 2
        assert f"{claims}:2: unit: " in run.stderr
        assert named in run.stderr

    def test_a_malformed_period_is_quoted_whole(self, tmp_path: Path) -> None:
        claims = _table(tmp_path, "a,s,x,gdp,,/2024,10,USD,exact,")
        run = run_cli("validate", str(claims))
        assert run.status == 2
        assert f"{claims}:2: period: '/2024' is not a period" in run.stderr


def test_environment_has_no_stray_lock_or_temp_files(tmp_path: Path) -> None:
    """A baseline run leaves only the baseline in its folder (the lock is on the folder)."""
    claims = _table(tmp_path / "t", "a,s,x,gdp,,2024,10,USD,exact,",
                    "b,s,x,gdp,,2024,20,USD,exact,")  # fmt: skip
    output = tmp_path / "t" / "b.json"
    assert run_cli("baseline", str(claims), "-o", str(output)).status == 0
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["b.json", "claims.csv"]


def test_the_table_view_caps_findings_and_says_what_it_left_out(tmp_path: Path) -> None:
    """300 conflicting claims of one quantity are 44,850 findings: listed in csv, not drawn."""
    claims = _table(tmp_path, *(f"c{i},s,x,gdp,,2024,{100 + 10 * i},USD,exact," for i in
                                range(300)))  # fmt: skip
    table = run_cli("compare", str(claims), "-f", "table", "--width", "120")
    assert table.status == 1
    assert len(table.stdout.splitlines()) < 400
    assert "275 more claims and 44,825 more findings of this quantity" in table.stdout
    assert "Not listed in the panels: 275 claims and 44,825 findings" in table.stdout
    assert "--rows 0 lists all" in table.stdout
    shown = [line for line in table.stdout.splitlines() if " vs " in line]
    assert len(shown) == 25
    assert "c0 vs c299" in table.stdout, "the widest gap is listed first"
    csv_rows = run_cli("compare", str(claims), "-f", "csv").stdout.count("\n") - 1
    assert csv_rows == 44_850


def test_a_huge_quote_that_is_not_found_does_not_hang_verify(tmp_path: Path) -> None:
    """The closest-passage search costs quote x text; a hostile quote is not searched for."""
    (tmp_path / "doc.txt").write_text("alpha beta gamma delta " * 60_000, encoding="utf-8")
    quote = "epsilon zeta " * 8_000
    claims = _table(tmp_path, f'a,s1,x,y,,2024,5,USD,exact,"{quote}"',
                    sources="source_id,title,path,language\ns1,T,doc.txt,en\n")  # fmt: skip
    result = json.loads(run_cli("verify", str(claims), "-f", "json").stdout)["claims"][0]
    assert result["outcome"] == "quote_not_found"
    assert "too long to search for the closest passage" in result["detail"]


def test_a_source_text_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    from claimcheck.files import MAX_TEXT_BYTES

    with (tmp_path / "doc.txt").open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk used
    claims = _table(tmp_path, "a,s1,x,y,,2024,5,USD,exact,q",
                    sources="source_id,title,path,language\ns1,T,doc.txt,en\n")  # fmt: skip
    run = run_cli("verify", str(claims), "-f", "csv")
    assert run.status == 2
    assert f"{tmp_path / 'sources.csv'}:2: path: 'doc.txt' is 67,108,865 bytes" in run.stderr
    extract = run_cli("extract", str(tmp_path / "doc.txt"))
    assert extract.status == 2
    assert "larger than 67,108,864 bytes" in extract.stderr


def test_show_caps_the_findings_it_lists(tmp_path: Path) -> None:
    claims = _table(tmp_path, *(f"c{i},s,x,gdp,,2024,{100 + 10 * i},USD,exact," for i in
                                range(60)))  # fmt: skip
    run = run_cli("show", "x", str(claims), "--width", "120")
    assert run.status == 0, run.stderr
    assert "… 1,670 more findings not listed" in run.stdout
    assert sum(" vs " in line for line in run.stdout.splitlines()) == 100


class TestStreaming:
    """Findings of tables too large to hold come in bounded batches, the same rows in all."""

    def _claims(self, tmp_path: Path, count: int) -> Path:
        return _table(tmp_path, *(f"c{i},s,x,gdp,,2024,{100 + 10 * i},USD,exact," for i in
                                  range(count)),
                      "d0,s,y,gdp,,2024,1,USD,exact,", "d1,s,y,gdp,,2024,5,USD,exact,")  # fmt: skip

    def test_batches_are_bounded_and_hold_every_pair(self, tmp_path: Path) -> None:
        import polars as pl

        from claimcheck.models import CompareOptions
        from claimcheck.pairs import pair_batches, pair_findings
        from claimcheck.pipeline import prepared
        from claimcheck.table import load_table

        claims = prepared(load_table(self._claims(tmp_path, 30)), CompareOptions())
        whole = pair_findings(claims)
        batches = list(pair_batches(claims, 10))
        assert len(batches) > 10
        assert max(batch.height for batch in batches) <= 29
        streamed = pl.concat(batches)
        assert sorted(streamed.get_column("fingerprint")) == sorted(whole.get_column("fingerprint"))
        assert whole.height == 30 * 29 // 2 + 1

    @pytest.mark.parametrize("batch_findings", [0, 100])
    @pytest.mark.parametrize("fmt", ["csv", "jsonl"])
    def test_a_streamed_report_has_the_rows_and_summary_of_a_whole_one(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, batch_findings: int
    ) -> None:
        """Each batch of pairs described alone (0), or several gathered up to 100 findings."""
        from claimcheck import pipeline

        claims = str(self._claims(tmp_path, 40))
        whole = run_cli("compare", claims, "-f", fmt)
        monkeypatch.setattr(pipeline, "STREAM_PAIRS", 0)
        monkeypatch.setattr(pipeline, "BATCH_PAIRS", 50)
        monkeypatch.setattr(pipeline, "BATCH_FINDINGS", batch_findings)
        streamed = run_cli("compare", claims, "-f", fmt)
        assert streamed.status == whole.status == 1
        assert streamed.stderr == whole.stderr
        assert "781 findings (781 contradiction); 781 failing" in streamed.stderr
        assert sorted(streamed.stdout.splitlines()) == sorted(whole.stdout.splitlines())
        assert streamed.stdout.splitlines()[0] == whole.stdout.splitlines()[0]
        assert streamed.stdout.count("fingerprint,kind") == (1 if fmt == "csv" else 0)


def test_draft_refuses_a_special_output_and_writes_atomically(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("North Korea sent 500 tanks to Russia in 2023.\n", encoding="utf-8")
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    run = run_cli("draft", str(article), "--output", str(fifo), "--sources", str(tmp_path / "s"))
    assert run.status == 2
    assert "not a regular file (a FIFO)" in run.stderr
    fifo.unlink()
    output = tmp_path / "draft" / "claims.csv"
    assert run_cli("draft", str(article), "--output", str(output)).status == 0
    assert sorted(p.name for p in output.parent.iterdir()) == ["claims.csv", "sources.csv"]
