"""The docs cannot drift from the tool: every command is documented and teaches by example."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_library_script_prints_what_the_page_says(tmp_path: Path) -> None:
    """docs/library.md's script runs against the installed package and prints its output block."""
    page = (REPO / "docs" / "library.md").read_text(encoding="utf-8")
    (script,) = _blocks(page, "python")
    (expected,) = _blocks(page, "text")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected


def test_every_public_name_is_documented_and_importable() -> None:
    """`__all__` is the API docs/library.md describes; each name resolves to its home."""
    import claimcheck

    page = (REPO / "docs" / "library.md").read_text(encoding="utf-8")
    for name in claimcheck.__all__:
        assert hasattr(claimcheck, name), name
        assert name == "__version__" or f"`{name}" in page, f"{name} is not in docs/library.md"
    assert claimcheck.compare.__module__ == "claimcheck.pipeline"
    assert claimcheck.Kind.CONTRADICTION.value == "contradiction"


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = (
        "import sys, claimcheck\n"
        "assert claimcheck.compare_files.__name__ == 'compare_files'\n"
        "print(sorted(m for m in ('pint', 'polars', 'rich') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"
