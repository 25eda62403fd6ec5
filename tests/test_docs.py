"""The docs cannot drift from the tool: every command is documented and teaches by example."""

from __future__ import annotations

import re

import pytest
import typer.main

from claimcheck.cli import app
from conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`claimcheck {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.status == 0
    assert "claimcheck " + command in result.stdout.split("Example", 1)[-1]


@pytest.mark.parametrize("page", sorted(p.name for p in (REPO / "docs").glob("*.md")))
def test_links_resolve(page: str) -> None:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)", text):
        assert (REPO / "docs" / target).exists(), f"{page} links to missing {target}"


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)", README):
        assert (REPO / target).exists(), target


def test_quick_start_is_the_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick
    assert "make test" in quick
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.MULTILINE)
    assert re.search(r"^test:", makefile, re.MULTILINE)
