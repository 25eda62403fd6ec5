"""Redraw docs/html-report.png, the README's picture of the HTML page, in headless Chromium.

Usage: python scripts/html_screenshot.py [OUT.png]
Needs the dev extras (playwright) and Debian's chromium (`make browser`).
The picture shows the conflicts fixture's page from the filters to the end
of its second quantity, at 1000 pixels wide.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CLAIMS = "tests/data/conflicts/claims.csv"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "html-report.png"
    page_text = subprocess.run(
        [sys.executable, "-m", "claimcheck", "compare", CLAIMS, "--format", "html", "--quiet"],
        cwd=REPO, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "report.html"
        page_file.write_text(page_text, encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu"]
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.goto(page_file.as_uri())
        form = page.locator("form.filters").bounding_box()
        second = page.locator("#q2").bounding_box()
        assert form is not None, "the page has no filters form"
        assert second is not None, "the page has no #q2"
        top = form["y"] - 12
        height = second["y"] + second["height"] + 8 - top
        page.screenshot(
            path=str(out), full_page=True, clip={"x": 0, "y": top, "width": 1000, "height": height}
        )
        browser.close()
    print(out)


if __name__ == "__main__":
    main()
