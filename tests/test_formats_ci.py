"""CI formats: SARIF for code scanning, GitHub annotations, markdown summaries, JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from claimcheck.findings import Kind
from claimcheck.render.github import escape_data, escape_property
from claimcheck.render.markdown import cell
from conftest import DATA, run_cli

CONFLICTS = DATA / "conflicts" / "claims.csv"
CI = DATA / "ci" / "claims.csv"
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(*args: str) -> dict[str, object]:
    run = run_cli("compare", *args, "--format", "sarif")
    assert run.status in (0, 1), run.stderr
    document: dict[str, object] = json.loads(run.stdout)
    return document


class TestSarif:
    @pytest.mark.parametrize("table", [CONFLICTS, CI])
    def test_valid_against_the_official_schema(self, table: Path) -> None:
        """The output validates against SARIF 2.1.0's JSON schema (a copy in tests/data/sarif)."""
        jsonschema.Draft4Validator.check_schema(SCHEMA)
        jsonschema.validate(_sarif(str(table)), SCHEMA, cls=jsonschema.Draft4Validator)

    def test_empty_report_is_valid(self, tmp_path: Path) -> None:
        """A table without findings still yields a valid run with its rules and no results."""
        table = tmp_path / "claims.csv"
        table.write_text(
            "claim_id,source_id,subject,metric,value,unit\na,s,x,m,1,container\n", encoding="utf-8"
        )
        document = _sarif(str(table))
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft4Validator)
        assert document["runs"][0]["results"] == []  # type: ignore[index]

    def test_one_rule_per_kind_with_help(self) -> None:
        """Every finding kind is a rule with descriptions and help, so alerts explain themselves."""
        rules = _sarif(str(CONFLICTS))["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]
        assert [rule["id"] for rule in rules] == [kind.value for kind in Kind]
        for rule in rules:
            assert rule["shortDescription"]["text"]
            assert rule["fullDescription"]["text"]
            assert rule["help"]["text"]
            assert rule["help"]["markdown"]

    def test_results_at_claim_b_with_claim_a_related(self) -> None:
        """Each result sits at claim_b's row; claim_a is a related location; fingerprints match."""
        run = run_cli("compare", str(CI), "--format", "json")
        findings = {f["fingerprint"]: f for f in json.loads(run.stdout)}
        results = _sarif(str(CI))["runs"][0]["results"]  # type: ignore[index]
        assert len(results) == len(findings) == 2
        for result in results:
            finding = findings[result["partialFingerprints"]["claimcheckFingerprint/v1"]]
            where = result["locations"][0]["physicalLocation"]
            assert where["artifactLocation"]["uri"].endswith("tests/data/ci/claims.csv")
            assert where["region"] == {"startLine": finding["line_b"], "startColumn": 1}
            related = result["relatedLocations"][0]
            assert related["physicalLocation"]["region"]["startLine"] == finding["line_a"]
            assert f"[{finding['claim_a']}](1)" in result["message"]["text"]
            assert result["ruleId"] == finding["kind"]
            assert result["level"] == "error"

    def test_uri_is_relative_to_the_working_directory(self) -> None:
        """GitHub resolves SARIF paths against the checkout, where the workflow runs claimcheck."""
        run = run_cli("compare", "claims.csv", "--format", "sarif", cwd=CI.parent)
        uri = json.loads(run.stdout)["runs"][0]["results"][0]["locations"][0]
        assert uri["physicalLocation"]["artifactLocation"]["uri"] == "claims.csv"

    def test_levels_follow_policy_and_baseline(self, tmp_path: Path) -> None:
        """Failing findings are errors, baselined ones warnings, never-failing kinds notes."""
        baseline = tmp_path / "b.json"
        assert run_cli("baseline", str(CONFLICTS), "-o", str(baseline)).status == 0
        plain = _sarif(str(CONFLICTS))["runs"][0]["results"]  # type: ignore[index]
        levels = {r["ruleId"]: r["level"] for r in plain}
        assert levels == {
            "contradiction": "error",
            "decreasing_cumulative": "error",
            "unit_mismatch": "error",
            "changed": "note",
        }
        accepted = _sarif(str(CONFLICTS), "--baseline", str(baseline))["runs"][0]["results"]  # type: ignore[index]
        assert {r["ruleId"]: r["level"] for r in accepted}["contradiction"] == "warning"


class TestGithub:
    def test_escaping_follows_the_actions_toolkit(self) -> None:
        """Data escapes %, CR, LF; properties also `:` and `,` (as @actions/core does)."""
        assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
        assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"

    def test_one_command_per_finding_at_claim_b(self) -> None:
        """Every finding is one `::error` line with file, line and title; nothing else on stdout."""
        run = run_cli("compare", "claims.csv", "--format", "github", cwd=CI.parent)
        assert run.status == 1
        lines = run.stdout.splitlines()
        assert lines == [
            "::error file=claims.csv,line=2,title=claimcheck%3A Contradiction::Contradiction in "
            "north_korea · containers_shipped · russia · 2023: us-containers (wsj) says "
            "≈ 11000 container, kr-containers (yonhap) says 7000 container; gap 26.4%25 "
            "[36f019f77fa73cb8]",
            "::error file=claims.csv,line=6,title=claimcheck%3A Contradiction::Contradiction in "
            "north_korea · troops_sent · russia · 2024-10: troops-b (yonhap) says 3000 soldier, "
            "troops-a (wsj) says -12000 soldier; gap 125.0%25 [9d8aaa534880c249]",
        ]

    def test_hostile_ids_cannot_forge_commands(self, tmp_path: Path) -> None:
        """An id with a newline, `::` or `%` stays inside its own annotation."""
        table = tmp_path / "c,1:x.csv"
        table.write_text(
            "claim_id,source_id,subject,metric,value,unit\n"
            '"a\n::error::forged",s,x,m,1,container\nb%0A,s,x,m,5,container\n',
            encoding="utf-8",
        )
        run = run_cli("compare", str(table), "--format", "github")
        assert run.status == 1, run.stderr
        assert len(run.stdout.splitlines()) == 1
        assert "file=" + escape_property(str(table)) + ",line=" in run.stdout
        assert "%0A::error::forged" in run.stdout
        assert "b%250A" in run.stdout

    def test_notice_for_kinds_that_do_not_fail(self) -> None:
        """`changed` never fails by default: it is a notice, not an error."""
        run = run_cli("compare", str(CONFLICTS), "--format", "github")
        commands = sorted(line.split(" ", 1)[0] for line in run.stdout.splitlines())
        assert commands == ["::error", "::error", "::error", "::notice"]


class TestMarkdown:
    def test_summary_with_verdict_counts_and_rows(self) -> None:
        """A verdict heading, findings per kind, then one row per finding."""
        run = run_cli("compare", str(CONFLICTS), "--format", "markdown")
        assert run.status == 1
        text = run.stdout
        assert text.startswith("## claimcheck: ❌ 3 failing findings\n")
        assert "| Contradiction | 1 |" in text
        assert "| Figure changed | 1 |" in text
        rows = [line for line in text.splitlines() if line.startswith(("| ❌", "| ℹ️"))]
        assert len(rows) == 4

    def test_no_findings(self, tmp_path: Path) -> None:
        """A clean table says so."""
        table = tmp_path / "claims.csv"
        table.write_text(
            "claim_id,source_id,subject,metric,value,unit\na,s,x,m,1,container\n", encoding="utf-8"
        )
        run = run_cli("compare", str(table), "--format", "markdown")
        assert run.status == 0
        assert run.stdout.startswith("## claimcheck: ✅ nothing fails\n")

    def test_cells_cannot_break_the_table_or_inject_html(self) -> None:
        """Pipes, newlines and HTML in table data are escaped."""
        assert cell("a|b\n<script>x</script>") == r"a\|b \<script\>x\</script\>"


class TestJsonLines:
    def test_one_object_per_line_same_as_json(self) -> None:
        """jsonl carries exactly the objects of --format json, one per line."""
        lines = run_cli("compare", str(CONFLICTS), "--format", "jsonl").stdout.splitlines()
        array = json.loads(run_cli("compare", str(CONFLICTS), "--format", "json").stdout)
        assert [json.loads(line) for line in lines] == array
        assert len(lines) == 4

    def test_empty_report_writes_nothing(self, tmp_path: Path) -> None:
        """No findings, no lines: `wc -l` counts findings."""
        table = tmp_path / "claims.csv"
        table.write_text(
            "claim_id,source_id,subject,metric,value,unit\na,s,x,m,1,container\n", encoding="utf-8"
        )
        run = run_cli("compare", str(table), "--format", "jsonl")
        assert (run.status, run.stdout) == (0, "")
