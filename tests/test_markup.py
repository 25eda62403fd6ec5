"""Text from input files is shown as written by every rich view, never read as rich markup.

rich parses `[link=…]`, `[blink]` or `[/]` in a plain string cell; a claims table
or an article is written by someone else, so a cell must not be able to add a
hyperlink (OSC 8), blinking or hidden text, or swallow its own brackets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

MARKUP = "[link=https://evil.example]click[/link][blink]x[/blink]"
HEADER = "claim_id,source_id,subject,metric,object,period,value,unit,qualifier,attributed_to,quote"


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """Two contradicting claims whose id, speaker and quote hold rich markup."""
    (tmp_path / "doc.txt").write_text(f"They shipped 100 containers {MARKUP}.\n", "utf-8")
    (tmp_path / "sources.csv").write_text(
        "source_id,title,path,language\ns1,Title,doc.txt,en\n", "utf-8"
    )
    claims = tmp_path / "claims.csv"
    claims.write_text(
        f"{HEADER}\n"
        f'a{MARKUP},s1,land,containers,,2024,100,container,exact,{MARKUP},'
        f'"shipped 100 containers {MARKUP}"\n'
        "b,s1,land,containers,,2024,200,container,exact,,shipped 200\n"
        "c,s1,sea[blink]x[/blink],containers,,2024,200,container,exact,,shipped 200\n",
        "utf-8",
    )
    return claims


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "-f", "table", "--width", "250"],
        ["show", "land", "--width", "250"],
        ["verify", "-f", "table", "--width", "250"],
        ["keys", "-f", "table"],
    ],
)
def test_views_show_markup_as_written(table: Path, args: list[str]) -> None:
    command, *rest = args
    query, options = (rest[:1], rest[1:]) if command == "show" else ([], rest)
    run = run_cli(command, *query, str(table), *options)
    assert run.status in (0, 1), run.stderr
    if command == "keys":
        assert "[blink]x[/blink]" in run.stdout.replace("\n", "").replace(" ", "")
        return
    assert "[link=https://evil.example]" in run.stdout
    assert "[blink]" in run.stdout
    assert "\x1b]8;" not in run.stdout  # no OSC 8 hyperlink was made


def test_finding_row_keeps_the_claim_id_as_written(table: Path) -> None:
    """The findings table builds `a vs b` from two ids: the brackets survive there too."""
    run = run_cli("compare", str(table), "-f", "table", "--width", "250")
    assert run.status == 1, run.stderr
    assert f"a{MARKUP} vs b" in run.stdout.replace("\n", "") or (
        f"b vs a{MARKUP}" in run.stdout.replace("\n", "")
    )


def test_extract_table_escapes_control_characters(tmp_path: Path) -> None:
    """The source id is the file's name, which may hold an escape sequence."""
    text = tmp_path / "doc\x1b]0;owned\x07.txt"
    text.write_text("Sie schickten 100 Container.\n", "utf-8")
    run = run_cli("extract", str(text), "--format", "table")
    assert run.status == 0, run.stderr
    assert "100" in run.stdout
    assert "\x1b" not in run.stdout
    assert "\x07" not in run.stdout
    assert "\\x1b" in run.stdout
