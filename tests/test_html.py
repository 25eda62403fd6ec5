"""`--format html`: the page's structure, its safety against hostile input, its size and bytes.

Pages are parsed with html5lib, a parser that follows the WHATWG HTML
standard as browsers do, so what is checked here is the document a browser
builds, not the text claimcheck wrote. The real browser is tests/test_html_browser.py.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.pipeline import compare_files
from claimcheck.render.html import safe_url, text
from conftest import DATA, GOLDEN, REPO, SEED_CLAIMS, run_cli, run_process

SVG = "{http://www.w3.org/2000/svg}"
CONFLICTS = DATA / "conflicts" / "claims.csv"
HEADER = (
    "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,"
    "modality,attributed_to,as_of,quote,note\n"
)


def parse(page: str) -> Element:
    """The document a browser would build; the page must parse without a single error."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document: Element = parser.parse(page)
    assert parser.errors == [], parser.errors[:5]
    return document


def page_of(*args: str, status: int | None = None, cwd: Path | None = None) -> str:
    result = run_cli(*args, "--format", "html", cwd=cwd)
    if status is not None:
        assert result.status == status, result.stderr
    return result.stdout


def local(tag: Any) -> str:
    return str(tag).removeprefix(SVG)


def text_of(element: Element | None) -> str:
    assert element is not None, "no such element"
    return "".join(element.itertext())


def by_id(document: Element) -> dict[str, Element]:
    return {e.get("id", ""): e for e in document.iter() if e.get("id")}


def claim_rows(element: Element) -> dict[str, Element]:
    """The rows of the claims tables under `element`, by claim_id."""
    return {
        text_of(row.find("td/span")): row
        for table in element.iter("table")
        if "claims" in table.get("class", "").split()
        for row in table.findall("tbody/tr")
    }


def claim_ids(element: Element) -> list[str]:
    return list(claim_rows(element))


@pytest.fixture(scope="module")
def conflicts() -> Element:
    return parse(page_of("compare", str(CONFLICTS), status=1))


class TestStructure:
    def test_every_finding_appears_with_kind_severity_gap_and_fingerprint(
        self, conflicts: Element
    ) -> None:
        report = compare_files(str(CONFLICTS))
        rows = {
            text_of(row.find("td/code")): row
            for row in conflicts.iter("tr")
            if row.get("data-kind") and row.find("td/code") is not None
        }
        assert len(report) == 4
        for finding in report:
            row = rows[finding.fingerprint]
            cells = [text_of(cell) for cell in row.iter("td")]
            assert row.get("data-kind") == finding.kind
            assert row.get("data-severity") == finding.severity
            assert cells[1:3] == [finding.kind, finding.severity]
            assert cells[3] == f"{finding.claim_a} vs {finding.claim_b}"
            assert cells[4] == f"{finding.relative_gap:.1%}"
            assert cells[5] == ("yes" if finding.fails else "no")

    @pytest.mark.parametrize(
        "claims",
        [CONFLICTS, DATA / "relations" / "claims.csv", DATA / "trust" / "keys" / "claims.csv",
         DATA / "ci" / "claims.csv"],
        ids=["conflicts", "relations", "near_duplicates", "ci"],
    )  # fmt: skip
    def test_every_finding_of_every_kind_is_a_filterable_row(self, claims: Path) -> None:
        """Pairs, violated relations and near-duplicate keys alike: one row each."""
        report = compare_files(str(claims))
        assert len(report)
        document = parse(page_of("compare", str(claims)))
        rows = [row for row in document.iter("tr") if row.get("data-kind")]
        shown = sorted(
            (row.get("data-kind"), text_of(row.find(".//code[@class='fingerprint']")))
            for row in rows
        )
        assert shown == sorted((f.kind, f.fingerprint) for f in report)
        choices = {i.get("value") for i in document.iter("input") if i.get("name") == "kind"}
        assert choices == {"", *(kind for kind, _ in shown)}, "a filter for each kind shown"

    def test_each_quantity_in_conflict_has_a_chart_with_a_text_alternative(
        self, conflicts: Element
    ) -> None:
        sections = [s for s in conflicts.iter("section") if "quantity" in s.get("class", "")]
        assert len(sections) == 4
        ids = by_id(conflicts)
        for section in sections:
            svg = section.find(f".//{SVG}svg")
            assert svg is not None
            assert svg.get("role") == "img"
            labels = [ids[name] for name in svg.get("aria-labelledby", "").split()]
            assert [local(e.tag) for e in labels] == ["title", "desc"]
            description = text_of(labels[1])
            claims = claim_ids(section)
            bars = svg.findall(f"{SVG}line[@class='bar']")
            drawn = [c for c in claims if f"{c}:" in description]
            assert len(bars) == len(drawn) >= 1, "one bar and one described interval per claim"
            assert "Axis" in description
            assert section.find("figure/figcaption") is not None

    def test_claims_show_provenance_and_the_figure_highlighted(self, conflicts: Element) -> None:
        us = claim_rows(conflicts)["us-containers"]
        assert "US officials" in text_of(us)
        assert "2024-03-01" in text_of(us)
        assert "≈ 11000 container" in text_of(us)
        assert [text_of(m) for m in us.iter("mark")] == ["11.000"]
        link = us.find(".//a")
        assert link is not None
        assert link.get("href") == "https://example.org/wsj"
        assert text_of(link) == "Putin and Kim (WSJ)"

    def test_headings_table_headers_and_one_h1(self, conflicts: Element) -> None:
        assert len(list(conflicts.iter("h1"))) == 1
        assert {text_of(h) for h in conflicts.iter("h2")} >= {"Summary", "Quantities in conflict"}
        for table in conflicts.iter("table"):
            heads = table.findall("thead/tr/th")
            assert heads, "every table has column headers"
            assert all(th.get("scope") == "col" for th in heads)
            assert table.find("caption") is not None

    def test_summary_counts_findings_by_kind_and_severity(self, conflicts: Element) -> None:
        table = next(t for t in conflicts.iter("table") if "by-kind" in t.get("class", ""))
        rows = {
            text_of(r.find("th")): [text_of(c) for c in r.findall("td")]
            for r in table.findall("tbody/tr")
        }
        # columns: high, medium, low, all, failing
        assert rows["contradiction"] == ["0", "1", "0", "1", "1"]
        assert rows["changed"] == ["0", "0", "1", "1", "0"]
        verdict = (
            "Fails: 3 failing findings (1 contradiction, 1 decreasing_cumulative, "
            "1 unit_mismatch)."
        )
        assert verdict in text_of(conflicts)

    def test_filters_offer_the_kinds_on_the_page_and_contents_link_every_panel(
        self, conflicts: Element
    ) -> None:
        form = next(conflicts.iter("form"))
        assert form.get("hidden") is not None, "without the script the filters stay hidden"
        kinds = [i.get("value") for i in form.iter("input") if i.get("name") == "kind"]
        assert kinds == ["", "contradiction", "decreasing_cumulative", "unit_mismatch", "changed"]
        ids = by_id(conflicts)
        nav = conflicts.find(".//nav")
        assert nav is not None
        links = [a.get("href", "") for a in nav.iter("a")]
        assert len(links) == 4
        assert all(link.removeprefix("#") in ids for link in links)

    def test_self_contained_and_csp_allows_exactly_the_inline_blocks(
        self, conflicts: Element
    ) -> None:
        for element in conflicts.iter():
            assert element.get("src") is None
            assert local(element.tag) not in {"link", "iframe", "object", "embed", "img", "base"}
        policy = next(
            m.get("content", "")
            for m in conflicts.iter("meta")
            if m.get("http-equiv") == "Content-Security-Policy"
        )
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'none'"
        assert "unsafe" not in policy
        for tag, directive in (("style", "style-src"), ("script", "script-src")):
            (block,) = list(conflicts.iter(tag))
            digest = base64.b64encode(hashlib.sha256(text_of(block).encode()).digest()).decode()
            assert directives[directive] == f"'sha256-{digest}'"
        hrefs = [a.get("href", "") for a in conflicts.iter("a")]
        assert all(h.startswith(("#", "https://", "http://")) for h in hrefs)

    def test_no_conflict_page_says_so_and_lists_relations_and_sources(self) -> None:
        document = parse(page_of("compare", str(SEED_CLAIMS), status=0))
        assert "No contradictions" in text_of(document)
        assert not list(document.iter(f"{SVG}svg"))
        sections = by_id(document)
        assert "arms_share_of_gdp" in text_of(sections["relations"])
        assert len(sections["sources"].findall(".//tbody/tr")) == 5

    def test_show_page_draws_each_matched_quantity(self) -> None:
        result = run_cli("show", "north_korea", str(SEED_CLAIMS), "--format", "html")
        assert result.status == 0
        document = parse(result.stdout)
        sections = [s for s in document.iter("section") if "quantity" in s.get("class", "")]
        assert len(sections) == 10
        assert all(s.find(f".//{SVG}svg") is not None for s in sections)
        related = by_id(document)["related"]
        assert "23.2 %" in text_of(related)

    def test_show_page_draws_at_most_panels_quantities(self) -> None:
        result = run_cli(
            "show", "north_korea", str(SEED_CLAIMS), "--format", "html", "--panels", "3"
        )
        document = parse(result.stdout)
        sections = [s for s in document.iter("section") if "quantity" in s.get("class", "")]
        assert len(sections) == 3
        assert "7 more matching quantities are not drawn" in text_of(document)

    def test_show_page_lists_the_findings_between_the_claims(self) -> None:
        result = run_cli("show", "containers", str(CONFLICTS), "--format", "html")
        document = parse(result.stdout)
        kinds = [r.get("data-kind") for r in by_id(document)["findings"].iter("tr")]
        assert "contradiction" in kinds


def hostile_table(tmp_path: Path, evil: bool) -> Path:
    """A table whose every free-text field is hostile (or, with evil=False, harmless)."""
    def pick(bad: str, good: str) -> str:
        return bad if evil else good

    script = pick("<script>alert(1)</script>", "plain words here")
    attribute = pick('" onmouseover="alert(1)', "a speaker named")
    tag = pick("<img src=x onerror=alert(1)>", "an ordinary title")
    rows = [
        (pick("<b>c1</b>", "c1"), "s1", pick("<i>north</i>", "north"), "boats",
         "7000", "exact", attribute, f"{script} 7.000 {attribute}"),
        (pick('c2"><svg onload=alert(1)>', "c2"), "s2", pick("<i>north</i>", "north"), "boats",
         "11000", "approx", tag, f"{tag} 11.000 </style></script><!--"),
        (pick("c3'", "c3"), "s3", "south", pick("m<script>", "mscript"),
         "5", "exact", script, f"5 {script}"),
        ("c4", "s4", "south", pick("m<script>", "mscript"), "9", "exact", "", f"9 {attribute}"),
    ]  # fmt: skip
    with (tmp_path / "claims.csv").open("w", encoding="utf-8", newline="") as handle:
        claims = csv.writer(handle)
        claims.writerow(HEADER.strip().split(","))
        for claim, source, subject, metric, value, qualifier, speaker, quote in rows:
            claims.writerow(
                [claim, source, subject, metric, "", "2023", value, "", "container", qualifier,
                 "asserted", speaker, "", quote, ""]
            )  # fmt: skip
    urls = (
        pick("javascript:alert(1)", "https://example.org/one"),
        pick('https://example.org/"onmouseover="alert(1)', "https://example.org/two"),
        pick(" JaVaScRiPt:alert(1)", "https://example.org/three"),
        pick("data:text/html,<script>alert(1)</script>", "https://example.org/four"),
    )
    publisher = pick('"><svg onload=alert(1)>', "Publisher")
    with (tmp_path / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        sources = csv.writer(handle)
        sources.writerow(["source_id", "title", "publisher", "url", "published"])
        for number, url in enumerate(urls, 1):
            sources.writerow([f"s{number}", tag, publisher, url, f"2024-01-0{number}"])
    return tmp_path / "claims.csv"


def shapes(document: Element) -> tuple[set[str], set[tuple[str, str]]]:
    elements = {local(e.tag) for e in document.iter()}
    attributes = {(local(e.tag), name) for e in document.iter() for name in e.attrib}
    return elements, attributes


class TestInjection:
    def test_no_element_or_attribute_comes_from_the_input(self, tmp_path: Path) -> None:
        (tmp_path / "evil").mkdir()
        (tmp_path / "good").mkdir()
        evil = parse(page_of("compare", str(hostile_table(tmp_path / "evil", True)), status=1))
        good = parse(page_of("compare", str(hostile_table(tmp_path / "good", False)), status=1))
        evil_elements, evil_attributes = shapes(evil)
        good_elements, good_attributes = shapes(good)
        assert evil_elements <= good_elements
        assert evil_attributes <= good_attributes
        assert not any(name.startswith("on") for _, name in evil_attributes)
        for tag in ("script", "style"):
            assert [text_of(s) for s in evil.iter(tag)] == [text_of(s) for s in good.iter(tag)]
        assert len(list(evil.iter("section"))) == len(list(good.iter("section")))

    def test_hostile_text_is_shown_as_text(self, tmp_path: Path) -> None:
        document = parse(page_of("compare", str(hostile_table(tmp_path, True))))
        quotes = [text_of(td) for td in document.iter("td") if td.get("data-label") == "quote"]
        assert "<script>alert(1)</script> 7.000 \" onmouseover=\"alert(1)" in quotes
        assert any("<img src=x onerror=alert(1)> 11.000 </style></script><!--" in q for q in quotes)
        marks = [text_of(m) for m in document.iter("mark")]
        assert "7.000" in marks

    def test_only_http_urls_become_links_exactly_as_written(self, tmp_path: Path) -> None:
        document = parse(page_of("compare", str(hostile_table(tmp_path, True))))
        hrefs = {a.get("href") for a in document.iter("a") if not a.get("href", "").startswith("#")}
        assert hrefs == {'https://example.org/"onmouseover="alert(1)'}
        assert "javascript:alert(1)" not in {a.get("href") for a in document.iter("a")}

    @pytest.mark.parametrize(
        ("url", "link"),
        [
            ("https://example.org/a?b=1#c", True),
            ("HTTP://EXAMPLE.ORG", True),
            ("javascript:alert(1)", False),
            ("JavaScript:alert(1)", False),
            ("java\tscript:alert(1)", False),
            (" https://example.org", False),
            ("//example.org/x", False),
            ("data:text/html,x", False),
            ("https:///nohost", False),
            ("file:///etc/passwd", False),
            ("https://example.org/a b", False),
            ("https://[::1", False),
            ("", False),
        ],
    )
    def test_safe_url(self, url: str, link: bool) -> None:
        assert (safe_url(url) == url) is link
        assert safe_url(url) in (url, None)

    @given(st.text(st.characters(exclude_categories=["Cs"])))
    def test_text_is_one_text_node_whatever_it_holds(self, value: str) -> None:
        """Any string, escaped, parses back as exactly one attribute value and one text node."""
        document = parse_lenient(f'<p title="{text(value)}">{text(value)}</p>')
        paragraph = document.find(".//p")
        assert paragraph is not None
        assert list(paragraph) == []
        assert list(paragraph.attrib) == ["title"]
        expected = _visible(value)
        assert paragraph.get("title") == expected
        assert (paragraph.text or "") == expected


def parse_lenient(fragment: str) -> Element:
    """Parse a fragment; noncharacters in text are parse errors but stay text."""
    document: Element = html5lib.HTMLParser(namespaceHTMLElements=False).parse(fragment)
    return document


def _visible(value: str) -> str:
    """What a browser keeps of a text: line ends normalized, control characters as �."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", value)


def conflicting_table(path: Path, quantities: int, claims_each: int = 2) -> Path:
    """`quantities` quantities, each with claims that all contradict each other."""
    lines = [HEADER]
    for q in range(quantities):
        for c in range(claims_each):
            value = 1000 * (c + 1)
            lines.append(
                f"q{q}-c{c},s1,subject_{q},metric,,2023,{value},,container,exact,asserted,,,"
                f"Es waren {value} Container.,\n"
            )
    path.write_text("".join(lines), encoding="utf-8")
    return path


class TestSize:
    def test_panels_bound_the_page_and_it_says_how_many_were_left_out(
        self, tmp_path: Path
    ) -> None:
        small_table = conflicting_table(tmp_path / "s.csv", 30)
        large_table = conflicting_table(tmp_path / "l.csv", 3000)
        small = page_of("compare", str(small_table), "--panels", "3", status=1)
        large = page_of("compare", str(large_table), "--panels", "3", status=1)
        document = parse(large)
        sections = [s for s in document.iter("section") if "quantity" in s.get("class", "")]
        assert len(sections) == 3
        assert "2,997 more quantities in conflict are not drawn" in text_of(document)
        assert len(large) - len(small) < 200, "the page does not grow with the table"

    def test_all_panels_with_panels_0(self, tmp_path: Path) -> None:
        page = page_of(
            "compare", str(conflicting_table(tmp_path / "t.csv", 25)), "--panels", "0", status=1
        )
        sections = [s for s in parse(page).iter("section") if "quantity" in s.get("class", "")]
        assert len(sections) == 25

    def test_a_crowded_quantity_lists_its_first_rows_and_counts_the_rest(
        self, tmp_path: Path
    ) -> None:
        from claimcheck.render.html import ROWS

        table = conflicting_table(tmp_path / "crowd.csv", 1, claims_each=ROWS + 50)
        document = parse(page_of("compare", str(table), status=1))
        (section,) = [s for s in document.iter("section") if "quantity" in s.get("class", "")]
        assert len(section.findall(f".//{SVG}line[@class='bar']")) == ROWS
        findings = (ROWS + 50) * (ROWS + 49) // 2
        words = text_of(section)
        assert "50 more claims of this quantity are not listed" in words
        assert f"{findings - ROWS:,} more findings are not listed" in words


class TestBytes:
    def test_seed_page_matches_its_golden_file(self) -> None:
        """Regenerate after a deliberate change, then review the diff like code:
        `claimcheck compare data/claims.csv --format html > tests/golden/compare_seed.html`
        (from the repository's root)."""
        result = run_process("compare", "data/claims.csv", "--format", "html", cwd=REPO)
        assert result.status == 0
        golden = (GOLDEN / "compare_seed.html").read_bytes()
        assert result.stdout.encode("utf-8") == golden

    def test_row_order_does_not_change_the_page(self, tmp_path: Path) -> None:
        orders = ("forward", "backward")
        for name in orders:
            (tmp_path / name).mkdir()
            shutil.copy(CONFLICTS.parent / "sources.csv", tmp_path / name)
        header, *rows = CONFLICTS.read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / "forward" / "claims.csv").write_text(header + "".join(rows), "utf-8")
        (tmp_path / "backward" / "claims.csv").write_text(header + "".join(rows[::-1]), "utf-8")
        pages = [page_of("compare", "claims.csv", cwd=tmp_path / n) for n in orders]
        assert pages[0] == pages[1]
        assert "Generated" not in pages[0]

    def test_timestamp_only_when_asked(self) -> None:
        page = page_of("compare", str(CONFLICTS), "--timestamp")
        assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.", page)


def test_real_cli_writes_the_page_to_stdout_and_the_summary_to_stderr() -> None:
    result = run_process("compare", str(CONFLICTS), "--format", "html")
    assert result.status == 1
    assert result.stdout.startswith("<!DOCTYPE html>\n")
    assert result.stdout.endswith("</html>\n")
    assert "4 findings" in result.stderr
    assert "<" not in result.stderr

