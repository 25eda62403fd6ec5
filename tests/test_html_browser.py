"""The HTML page in a real browser: headless Chromium from Debian's package, driven by playwright.

html5lib (tests/test_html.py) checks the document; only a browser can show
that the styles and the script actually apply under the page's
Content-Security-Policy: no console error (a refused inline block is one),
a number line with a visible size, filters that hide what they should, a
phone width without sideways scrolling. `make test` installs Chromium where
it is missing and it may (root with apt-get); otherwise these tests skip and
say why. Set CLAIMCHECK_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, SEED_CLAIMS, run_cli

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""The browser: Debian's package; CLAIMCHECK_CHROMIUM names another build of Chromium."""
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}

if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: `make test` installs Debian's `chromium` package "
        "when run as root with apt-get; install it (apt-get install chromium) to run these tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is a dev extra: pip install -e '.[dev]'"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed table's page and the conflicts fixture's page, as files a browser opens."""
    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for name, claims in (("seed", SEED_CLAIMS), ("conflicts", DATA / "conflicts" / "claims.csv")):
        result = run_cli("compare", str(claims), "--format", "html")
        made[name] = folder / f"{name}.html"
        made[name].write_text(result.stdout, encoding="utf-8")
    return made


class Opened:
    """A page opened in the browser, with every console error and script error it raised."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int]) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport=viewport)
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.width = viewport["width"]

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def screenshot(self, tmp_path: Path, name: str) -> Path:
        keep = os.environ.get("CLAIMCHECK_SCREENSHOTS")
        folder = Path(keep) if keep else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"{name}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        return shot


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    opened: list[Opened] = []

    def opener(path: Path, viewport: dict[str, int] = DESKTOP) -> Opened:
        opened.append(Opened(browser, path, viewport))
        return opened[-1]

    yield opener
    for each in opened:
        each.page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["seed", "conflicts"])
def test_page_renders_without_errors_and_fits_the_width(
    open_page: Any, pages: dict[str, Path], tmp_path: Path, name: str, viewport: dict[str, int]
) -> None:
    shown = open_page(pages[name], viewport)
    shown.screenshot(tmp_path, f"{name}-{'phone' if viewport is PHONE else 'desktop'}")
    assert shown.errors == []
    assert shown.page.locator("h1").is_visible()
    overflow = shown.page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= viewport["width"], "no sideways scrolling of the whole page"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_number_line_is_visible(
    open_page: Any, pages: dict[str, Path], viewport: dict[str, int]
) -> None:
    shown = open_page(pages["conflicts"], viewport)
    chart = shown.page.locator("#q2 figure.numberline > svg")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > viewport["width"] * 0.6
    assert box["height"] > 40
    assert chart.is_visible()
    bars = shown.page.locator("#q2 line.bar")
    assert bars.count() == 2
    wide = bars.first.bounding_box()
    assert wide is not None
    assert wide["width"] > 20, "the us-containers interval is drawn as a bar, not a dot"
    assert shown.page.locator("#q2 circle.point").is_visible()
    assert shown.page.locator("#q2 figure.numberline").evaluate(
        "figure => figure.getBoundingClientRect().top < window.innerHeight"
    )


def test_filters_hide_findings_of_other_kinds(open_page: Any, pages: dict[str, Path]) -> None:
    shown = open_page(pages["conflicts"])
    page = shown.page
    form = page.locator("form.filters")
    assert form.is_visible(), "the script reveals the filters"
    rows = page.locator("tr[data-kind]")
    assert rows.count() == 4
    page.get_by_label("contradiction (1)").check()
    visible = [r.get_attribute("data-kind") for r in rows.all() if r.is_visible()]
    assert visible == ["contradiction"]
    assert page.locator("#q2").is_visible()
    for other in ("#q1", "#q3", "#q4"):
        assert page.locator(other).is_hidden()
    assert page.locator("li[data-for=q1]").is_hidden()
    assert "Showing 1 of 4 findings" in page.locator("form.filters output").inner_text()
    page.locator("input[name=kind][value='']").check()
    page.get_by_label("low (1)").check()
    visible = [r.get_attribute("data-kind") for r in rows.all() if r.is_visible()]
    assert visible == ["changed"]
    page.locator("input[name=severity][value='']").check()
    assert all(r.is_visible() for r in rows.all())
    assert shown.errors == []


def test_contents_jump_to_a_quantity(open_page: Any, pages: dict[str, Path]) -> None:
    shown = open_page(pages["conflicts"])
    before = shown.page.evaluate("window.scrollY")
    shown.page.locator("nav.contents a[href='#q2']").click()
    top = shown.page.locator("#q2").evaluate("s => s.getBoundingClientRect().top")
    assert abs(top) < 5, "the quantity's section starts at the top of the window"
    assert shown.page.evaluate("window.scrollY") > before
    assert shown.page.evaluate("location.hash") == "#q2"


def test_print_hides_the_controls(open_page: Any, pages: dict[str, Path]) -> None:
    shown = open_page(pages["conflicts"])
    shown.page.emulate_media(media="print")
    assert shown.page.locator("form.filters").is_hidden()
    assert shown.page.locator("#q1 figure.numberline > svg").is_visible()


def test_hostile_input_runs_nothing(open_page: Any, tmp_path: Path) -> None:
    """Hostile quotes, names and urls show as text; no handler fires, no dialog opens."""
    from test_html import hostile_table

    page_file = tmp_path / "evil.html"
    result = run_cli("compare", str(hostile_table(tmp_path, True)), "--format", "html")
    page_file.write_text(result.stdout, encoding="utf-8")
    shown = open_page(page_file)
    page = shown.page
    page.evaluate(
        "document.querySelectorAll('*').forEach(e => ['mouseover', 'click', 'focus']"
        ".forEach(t => e.dispatchEvent(new Event(t, {bubbles: true}))))"
    )
    assert shown.dialogs == []
    assert shown.errors == []
    assert page.locator("script").count() == 1
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()


CONTRAST = """
() => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const color = rgb(getComputedStyle(e).backgroundColor);
      if (color.length < 4 || color[3] > 0) { return color.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const element of document.querySelectorAll("body *")) {
    const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !element.getClientRects().length) { continue; }
    const style = getComputedStyle(element);
    const ink = rgb(element instanceof SVGElement ? style.fill : style.color).slice(0, 3);
    const [a, b] = [luminance(ink), luminance(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    worst.push([ratio, element.tagName + "." + element.getAttribute("class")]);
  }
  worst.sort((x, y) => x[0] - y[0]);
  return worst.slice(0, 3);
}
"""


def test_every_text_has_contrast_of_at_least_4_5(open_page: Any, pages: dict[str, Path]) -> None:
    """WCAG AA for body text: each visible text against the background it sits on."""
    shown = open_page(pages["conflicts"])
    lowest = shown.page.evaluate(CONTRAST)
    assert lowest, "texts were measured"
    assert lowest[0][0] >= 4.5, lowest
