"""The report as one self-contained HTML page, for people who will not run a terminal.

An editor gets it as a mail attachment, so the page needs nothing from
outside: the stylesheet and the small filter script are inlined from package
data (render/assets/), the number lines are inline SVG, and a
Content-Security-Policy allows exactly those two inline blocks by their
SHA-256 and nothing else (no network, no images, no forms, no other script).

Every string from the input files passes through `text()`, which escapes it
and replaces control characters; ids and classes are made from counters and
the finding kinds and severities claimcheck defines, never from input. A
source's `url` becomes a link only when it is http(s) with a host. The page
draws the same panels as the table view (render/view.py holds their axis and
words) and stops, as it does, after `--panels` quantities, and every list
after `ROWS` rows, saying how many were left out: a million-claim table
gives a page of a few megabytes, not gigabytes. Nothing depends on the clock
unless `RenderOptions.timestamp` is given, so the same report gives the same
bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from claimcheck.findings import Kind, Severity
from claimcheck.fx import readable
from claimcheck.numbers import human, interval
from claimcheck.render.view import (
    Axis,
    axis,
    figure,
    figure_spans,
    quantity_title,
    relation_rows,
    source_name,
    sources,
    worst,
)

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.models import Report
    from claimcheck.render import RenderOptions
    from claimcheck.show import Related, Shown

ROWS = 200
"""Most rows any one list of the page shows (claims of a quantity, findings, sources)."""

ROW_HEIGHT = 38
"""Height in pixels of one claim on a number line: its label above its bar."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SEVERITIES = tuple(severity.value for severity in reversed(Severity))
_LINK_SCHEMES = ("http", "https")


def text(value: object) -> str:
    """Input as HTML text or attribute value: escaped, control characters made visible as �."""
    return html.escape(_CONTROL.sub("\ufffd", str(value)), quote=True)


def safe_url(url: str | None) -> str | None:
    """The url when it may be a link: http(s), a host, no spaces or control characters."""
    if not url or any(ch.isspace() or _CONTROL.match(ch) for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.hostname:
        return None
    return url


def _asset(name: str) -> str:
    return (resources.files("claimcheck.render") / "assets" / name).read_text("utf-8")


def _digest(block: str) -> str:
    """The CSP source expression allowing exactly this inline block."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"


def policy(style: str, script: str) -> str:
    """The page's Content-Security-Policy: its own style and script block, nothing else."""
    return (
        f"default-src 'none'; style-src {_digest(style)}; script-src {_digest(script)}; "
        "base-uri 'none'; form-action 'none'"
    )


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Write the compare page."""
    import polars as pl

    known = sources(report)
    panels = report.findings.filter(pl.col("quantity").is_not_null())
    numbers = panels.get_column("quantity").unique(maintain_order=True).to_list()
    drawn = numbers[: options.panels] if options.panels else numbers
    body: list[str] = [
        _header("claimcheck report", report.path, options.timestamp),
        _summary(report, len(numbers)),
    ]
    # One pass over each frame for all drawn quantities, not one filter per quantity.
    wanted = pl.col("quantity").is_in(pl.Series(drawn, dtype=panels.schema["quantity"]))
    findings_of = panels.filter(wanted).partition_by("quantity", as_dict=True)
    claims_of = report.claims.filter(wanted).partition_by("quantity", as_dict=True)
    shown_findings = [findings_of[(number,)] for number in drawn]
    near = report.findings.filter(pl.col("kind") == Kind.NEAR_DUPLICATE_KEY.value)
    violated = report.findings.filter(pl.col("kind") == Kind.RELATION_VIOLATED.value)
    body.append(_filters([*shown_findings, near.head(ROWS), violated.head(ROWS)]))
    entries: list[tuple[str, str]] = []
    sections: list[str] = []
    for position, (number, findings) in enumerate(zip(drawn, shown_findings, strict=True), 1):
        claims = claims_of[(number,)].sort("time_first", "claim_id")
        rows = list(readable(claims.head(ROWS), report.conversion).iter_rows(named=True))
        anchor = f"q{position}"
        title = quantity_title(rows[0])
        entries.append((anchor, title))
        sections.append(
            _quantity(anchor, title, rows, claims.height, known, findings, filtered=True)
        )
    body.append("<h2 id=\"conflicts\">Quantities in conflict</h2>\n")
    if numbers:
        body.append(_contents(entries))
        body.extend(sections)
        if len(drawn) < len(numbers):
            body.append(
                f'<p class="note left-out">{len(numbers) - len(drawn):,} more quantities in '
                "conflict are not drawn (<code>--panels 0</code> draws all; "
                "<code>--format csv</code> lists every finding).</p>\n"
            )
    else:
        body.append("<p>No contradictions: every quantity's claims agree.</p>\n")
    if near.height:
        body.append(_near_duplicates(near))
    if report.relations is not None:
        body.append(_relations(report))
    body.append(_sources_section(known))
    out.write(_page(f"claimcheck: {report.path}", body))


def render_show(shown: Shown, out: TextIO, options: RenderOptions) -> None:
    """Write the `show` page: the matched quantities, their findings, related quantities."""
    known = sources(shown.report)
    count = len(shown.quantities)
    how = "fuzzy match" if shown.fuzzy else "matches"
    drawn = shown.quantities[: options.panels] if options.panels else shown.quantities
    body = [
        _header(f"claimcheck show: {shown.query}", shown.report.path, options.timestamp),
        f'<p class="lead">{text(repr(shown.query))} {how} {count} '
        f"quantit{'y' if count == 1 else 'ies'}.</p>\n",
        _filters([shown.findings.head(ROWS)]),
    ]
    entries = [(f"q{i}", quantity.label) for i, quantity in enumerate(drawn, 1)]
    body.append('<h2 id="quantities">Quantities</h2>\n')
    body.append(_contents(entries))
    for (anchor, label), quantity in zip(entries, drawn, strict=True):
        rows = list(quantity.claims.head(ROWS).iter_rows(named=True))
        body.append(_quantity(anchor, label, rows, quantity.claims.height, known, None))
    if len(drawn) < count:
        body.append(
            f'<p class="note left-out">{count - len(drawn):,} more matching quantities are '
            "not drawn (<code>--panels 0</code> draws all).</p>\n"
        )
    body.append('<section id="findings" data-filtered>\n<h2>Findings between these claims</h2>\n')
    if shown.findings.height:
        body.append(_findings_table(shown.findings, "Findings between these claims"))
    else:
        body.append("<p>No findings between these claims.</p>\n")
    body.append("</section>\n")
    if shown.related:
        body.append(_related(shown.related))
    body.append(_sources_section(known))
    out.write(_page(f"claimcheck show: {shown.query}", body))


def _page(title: str, body: Iterable[str]) -> str:
    style, script = _asset("report.css"), _asset("report.js")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(style, script)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="claimcheck">\n'
        f"<title>{text(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        '<main>\n' + "".join(body) + "</main>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _header(title: str, path: str, timestamp: str | None) -> str:
    stamp = f'<p class="meta">Generated {text(timestamp)}.</p>\n' if timestamp else ""
    return (
        f"<h1>{text(title)}</h1>\n"
        f'<p class="meta">Claims table: <code>{text(path)}</code></p>\n{stamp}'
    )


def _summary(report: Report, conflicts: int) -> str:
    import polars as pl

    failing = report.failing
    counts = (
        ("claims read", report.claims.height),
        ("quantities", report.quantities),
        ("in conflict", conflicts),
        ("findings", len(report)),
        ("failing", failing),
    )
    listed = "".join(f"<div><dt>{name}</dt><dd>{number:,}</dd></div>" for name, number in counts)
    grouped = report.findings.group_by("kind", "severity").agg(
        pl.len().alias("n"), pl.col("fails").sum().alias("failing")
    )
    cells: dict[tuple[str, str], tuple[int, int]] = {
        (kind, severity): (int(n), int(fails))
        for kind, severity, n, fails in grouped.iter_rows()
    }
    rows = []
    failed = []
    for kind, total in report.counts().items():
        if not total:
            continue
        by = [cells.get((kind, severity), (0, 0)) for severity in _SEVERITIES]
        numbers = "".join(f'<td class="number">{n:,}</td>' for n, _ in by)
        fails = sum(f for _, f in by)
        if fails:
            failed.append(f"{fails:,} {kind}")
        rows.append(
            f'<tr><th scope="row">{kind.replace("_", "_<wbr>")}</th>{numbers}'
            f'<td class="number">{total:,}</td>'
            f'<td class="number">{fails:,}</td></tr>\n'
        )
    verdict = '<p class="verdict">Nothing fails.</p>\n'
    if failing:
        verdict = (
            f'<p class="verdict fails">Fails: {failing:,} failing '
            f"finding{'s' if failing != 1 else ''} ({', '.join(failed)}).</p>\n"
        )
    table = ""
    if rows:
        heads = "".join(f'<th scope="col" class="number">{s}</th>' for s in _SEVERITIES)
        table = (
            '<div class="scroll"><table class="by-kind">\n'
            "<caption>Findings by kind and severity</caption>\n"
            f'<thead><tr><th scope="col">kind</th>{heads}<th scope="col" class="number">all'
            '</th><th scope="col" class="number">failing</th></tr></thead>\n'
            f"<tbody>\n{''.join(rows)}</tbody>\n</table></div>\n"
        )
    return (
        '<section id="summary">\n<h2>Summary</h2>\n'
        f"{verdict}<dl class=\"counts\">{listed}</dl>\n{table}"
        f'<p class="note">{text(report.summary())}.</p>\n</section>\n'
    )


def _filters(frames: Sequence[pl.DataFrame]) -> str:
    """Radio buttons for the kinds and severities on the page; the script reveals them."""
    kinds: dict[str, int] = {}
    severities: dict[str, int] = {}
    for frame in frames:
        for kind, severity in frame.select("kind", "severity").iter_rows():
            kinds[kind] = kinds.get(kind, 0) + 1
            severities[severity] = severities.get(severity, 0) + 1
    if not kinds:
        return ""

    def group(name: str, legend: str, counted: dict[str, int], order: Sequence[str]) -> str:
        choices = [f'<label><input type="radio" name="{name}" value="" checked> all</label>']
        choices += [
            f'<label><input type="radio" name="{name}" value="{value}"> {value} '
            f"({counted[value]:,})</label>"
            for value in order
            if value in counted
        ]
        return f"<fieldset><legend>{legend}</legend>{''.join(choices)}</fieldset>\n"

    return (
        '<form class="filters" hidden aria-label="Filter findings">\n'
        + group("kind", "Kind", kinds, [kind.value for kind in Kind])
        + group("severity", "Severity", severities, _SEVERITIES)
        + '<output aria-live="polite"></output>\n</form>\n'
    )


def _contents(entries: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<li data-for="{anchor}"><a href="#{anchor}">{text(title)}</a></li>\n'
        for anchor, title in entries
    )
    return f'<nav class="contents" aria-label="Quantities">\n<ol>\n{items}</ol>\n</nav>\n'


def _quantity(
    anchor: str,
    title: str,
    rows: Sequence[dict[str, Any]],
    total: int,
    known: dict[str, dict[str, str]],
    findings: pl.DataFrame | None,
    *,
    filtered: bool = False,
) -> str:
    """One quantity: its number line, its claims, and the findings between them."""
    severity = ""
    if findings is not None and findings.height:
        severity = f" worst-{worst(findings.get_column('severity').to_list())}"
    parts = [
        f'<section class="quantity{severity}" id="{anchor}"'
        f'{" data-filtered" if filtered else ""} aria-labelledby="{anchor}-title">\n'
        f'<h3 id="{anchor}-title">{text(title)}</h3>\n',
        _number_line(anchor, rows),
        _claims_table(rows, known),
    ]
    parts.append(_left_out(total - len(rows), "claims of this quantity"))
    if findings is not None:
        parts.append(_findings_table(findings, f"Findings: {title}"))
    parts.append("</section>\n")
    return "".join(parts)


def _x(shared: Axis, value: float) -> str:
    """A value's place on the SVG axis, in percent of its width."""
    return f"{100 * shared.share(value):.2f}%"


def _number_line(anchor: str, rows: Sequence[dict[str, Any]]) -> str:
    """The claims' intervals on one axis as inline SVG, with a text alternative.

    Horizontal places are percentages, so the bars use the page's width at
    any size while the labels keep their size. The labels sit in a nested
    SVG that clips them at the chart's edge, so a long one never widens the
    page on a phone (the claims table below and the description hold them whole).
    """
    shared = axis(rows)
    marks: list[str] = []
    labels: list[str] = []
    said: list[str] = []
    for i, row in enumerate(shared.drawn):
        top = i * ROW_HEIGHT
        bar = top + 26
        span = interval(row["low"], row["high"], row["base_unit"])
        said.append(f"{row['claim_id']}: {span}")
        labels.append(
            f'<text class="label" x="0" y="{top + 14}">{text(row["claim_id"])}'
            f'<tspan class="interval"> {text(span)}</tspan></text>\n'
        )
        marks.append(f'<line class="track" x1="0%" x2="100%" y1="{bar}" y2="{bar}"/>\n')
        start, end = _x(shared, row["low"]), _x(shared, row["high"])
        ends = ""
        if math.isinf(row["low"]):
            ends += f' marker-start="url(#{anchor}-arrow)"'
        if math.isinf(row["high"]):
            ends += f' marker-end="url(#{anchor}-arrow)"'
        marks.append(f'<line class="bar" x1="{start}" x2="{end}" y1="{bar}" y2="{bar}"{ends}/>\n')
        width = shared.share(row["high"]) - shared.share(row["low"])
        if width < 0.01:
            marks.append(f'<circle class="point" cx="{start}" cy="{bar}" r="6"/>\n')
    base = len(shared.drawn) * ROW_HEIGHT + 4
    low, high = human(shared.low), f"{human(shared.high)} {shared.unit}"
    marks.append(
        f'<line class="axisline" x1="0%" x2="100%" y1="{base}" y2="{base}"/>\n'
        f'<line class="axisline" x1="0%" x2="0%" y1="{base - 4}" y2="{base + 4}"/>\n'
        f'<line class="axisline" x1="100%" x2="100%" y1="{base - 4}" y2="{base + 4}"/>\n'
    )
    labels.append(
        f'<text class="axis" x="0%" y="{base + 17}">{text(low)}</text>\n'
        f'<text class="axis" x="100%" y="{base + 17}" text-anchor="end">{text(high)}</text>\n'
    )
    caption = f"{low} … {high} ({shared.scale})"
    off = "".join(
        f"; {row['claim_id']} not on this axis: {row['base_unit']} is another dimension"
        for row in shared.off
    )
    description = "; ".join(said) + f". Axis {caption}{off}."
    return (
        f'<figure class="numberline">\n'
        f'<svg role="img" aria-labelledby="{anchor}-chart {anchor}-desc" '
        f'height="{base + 24}" xmlns="http://www.w3.org/2000/svg">\n'
        f'<title id="{anchor}-chart">Number line: each claim\'s interval on one axis</title>\n'
        f'<desc id="{anchor}-desc">{text(description)}</desc>\n'
        f'<defs><marker id="{anchor}-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="12" '
        'markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>\n'
        f"{''.join(marks)}"
        f'<svg class="labels" width="100%" height="{base + 24}" overflow="hidden">\n'
        f"{''.join(labels)}</svg>\n</svg>\n"
        f"<figcaption>{text(caption + off)}</figcaption>\n</figure>\n"
    )


def _quote(row: dict[str, Any]) -> str:
    quote = row["quote"] or ""
    if not quote:
        return "—"
    parts, last = [], 0
    for start, end in figure_spans(quote, row["base_value"], row["factor"]):
        parts.append(text(quote[last:start]))
        parts.append(f"<mark>{text(quote[start:end])}</mark>")
        last = end
    parts.append(text(quote[last:]))
    return "".join(parts)


def _source_link(source: dict[str, str], source_id: str) -> str:
    name = text(source_name(source, source_id))
    url = safe_url(source.get("url"))
    return f'<a href="{text(url)}" rel="noopener noreferrer">{name}</a>' if url else name


Row = tuple[str, Sequence[str]]
"""A table row: its attributes (from `_finding_marks` or empty) and its cells' HTML."""


def _table(
    kind: str,
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Row],
    *,
    numeric: Sequence[str] = (),
    row_headers: bool = False,
) -> str:
    """A table with column headers; on a phone each row becomes a card labelled by them.

    `numeric` columns are right-aligned; with `row_headers` the first cell of
    each row is its header (`<th scope="row">`).
    """
    number = ' class="number"'
    heads = "".join(
        f'<th scope="col"{number if name in numeric else ""}>{name}</th>' for name in headers
    )
    body = []
    for attributes, cells in rows:
        out = []
        for position, (name, cell) in enumerate(zip(headers, cells, strict=True)):
            if row_headers and position == 0:
                out.append(f'<th scope="row" data-label="{name}">{cell}</th>')
            else:
                align = number if name in numeric else ""
                out.append(f'<td data-label="{name}"{align}>{cell}</td>')
        body.append(f"<tr{attributes}>{''.join(out)}</tr>\n")
    return (
        f'<div class="scroll"><table class="{kind} stack">\n<caption>{text(caption)}</caption>\n'
        f"<thead><tr>{heads}</tr></thead>\n<tbody>\n{''.join(body)}</tbody>\n</table></div>\n"
    )


def _left_out(count: int, what: str, hint: str = "") -> str:
    """The note saying how many rows a list left out, and where to find them all."""
    if count <= 0:
        return ""
    return f'<p class="note left-out">{count:,} more {what} are not listed{hint}.</p>\n'


_ALL_FINDINGS = " (<code>--format csv</code> lists every finding)"


def _line(html_text: str, kind: str = "") -> str:
    return f'<span class="line{" " + kind if kind else ""}">{html_text}</span>'


def _claims_table(rows: Sequence[dict[str, Any]], known: dict[str, dict[str, str]]) -> str:
    cells: list[Row] = []
    for row in rows:
        source = known.get(row["source_id"], {})
        who = [
            _line(text(row["claim_id"]), "claim-id"),
            _line(_source_link(source, row["source_id"]), "source"),
        ]
        if row["attributed_to"]:
            who.append(_line(text(row["attributed_to"]), "speaker"))
        who.append(_line(text(row["time_text"] or "date unknown"), "date"))
        what = [
            _line(text(figure(row)), "figure"),
            _line(text(interval(row["low"], row["high"], row["base_unit"]))),
        ]
        if row["modality"] != "asserted":
            what.append(_line(text(row["modality"]), "speaker"))
        cells.append(("", ("".join(who), "".join(what), _quote(row))))
    headers = ("claim · source · speaker · date", "figure as written → interval", "quote")
    return _table("claims", "Claims", headers, cells)


def _finding_marks(row: dict[str, Any]) -> str:
    """The attributes the filter script reads: a finding's kind and severity."""
    return f' data-kind="{text(row["kind"])}" data-severity="{text(row["severity"])}"'


def _severity(severity: str) -> str:
    return f'<span class="severity severity-{text(severity)}">{text(severity)}</span>'


def _fails(fails: bool) -> str:
    return '<span class="fails-yes">yes</span>' if fails else "no"


def _fingerprint(row: dict[str, Any]) -> str:
    return f'<code class="fingerprint">{text(row["fingerprint"])}</code>'


def _findings_table(findings: pl.DataFrame, caption: str) -> str:
    rows: list[Row] = [
        (
            _finding_marks(row),
            (
                _fingerprint(row),
                text(row["kind"]),
                _severity(row["severity"]),
                f"{text(row['claim_a'])} vs {text(row['claim_b'])}",
                f"{row['relative_gap']:.1%}",
                _fails(row["fails"]),
            ),
        )
        for row in findings.head(ROWS).iter_rows(named=True)
    ]
    headers = ("fingerprint", "kind", "severity", "claims", "gap", "fails")
    return _table("findings", caption, headers, rows, numeric=("gap",)) + _left_out(
        findings.height - ROWS, "findings", _ALL_FINDINGS
    )


def _near_duplicates(near: pl.DataFrame) -> str:
    rows: list[Row] = []
    for row in near.head(ROWS).iter_rows(named=True):
        claims = "".join(
            _line(
                f'<span class="claim-id">{text(row[f"claim_{side}"])}</span> '
                f"{text(row[f'value_{side}'])} {text(row[f'unit_{side}'])} "
                f"({text(row[f'source_{side}'])})"
            )
            for side in ("a", "b")
        )
        rows.append(
            (
                _finding_marks(row),
                (
                    text(row["relation_detail"]),
                    claims,
                    _fingerprint(row),
                    _severity(row["severity"]),
                    f"{row['relative_gap']:.1%}",
                    _fails(row["fails"]),
                ),
            )
        )
    headers = ("names", "claims", "fingerprint", "severity", "gap", "fails")
    return (
        '<section id="near-duplicates" data-filtered>\n'
        "<h2>Near-duplicate keys: these would conflict if merged</h2>\n"
        + _table("near", "Near-duplicate keys", headers, rows, numeric=("gap",))
        + _left_out(near.height - ROWS, "near-duplicate keys", _ALL_FINDINGS)
        + '<p class="note">Add an alias (aliases.csv) if they are one quantity.</p>\n</section>\n'
    )


_VERDICTS = {
    Kind.RELATION_VIOLATED.value: "violated",
    "relation_holds": "holds",
    "relation_unevaluable": "not evaluated",
}


def _relations(report: Report) -> str:
    """Every declared relation and its outcome; violated ones are findings (filtered)."""
    outcomes = relation_rows(report)
    rows: list[Row] = []
    for row in outcomes[:ROWS]:
        claims = "—"
        if row["claim_a"]:
            right = row["claim_b"].replace("+", " + ").replace(";", " ; ")
            claims = f"{text(row['claim_a'])} vs {text(right)}"
        verdict = text(_VERDICTS.get(row["kind"], row["kind"]))
        marks = ""
        if row["kind"] == Kind.RELATION_VIOLATED.value:
            marks = _finding_marks(row)
            verdict = (
                f'<span class="line fails-yes">{verdict}</span>'
                + _line(f"{_severity(row['severity'])}, gap {row['relative_gap']:.1%}")
                + _line(_fingerprint(row))
            )
        name = text(row["relation"]) + _line(text(row["relation_kind"]), "note")
        rows.append((marks, (name, claims, text(row["relation_detail"]), verdict)))
    if not outcomes:
        rows.append(("", ("—", "", "relations.csv declares no relations", "")))
    headers = ("relation", "claims", "derived", "result")
    return (
        '<section id="relations">\n<h2>Relations</h2>\n'
        + _table("relations", "Declared relations", headers, rows, row_headers=True)
        + _left_out(len(outcomes) - ROWS, "relation outcomes")
        + "</section>\n"
    )


def _related(related: tuple[Related, ...]) -> str:
    from claimcheck.render.show import quantity_figure, ratio_text

    rows: list[Row] = [
        (
            "",
            (
                text(pair.left.label)
                + _line(text(quantity_figure(pair.left, pair.dimension)), "figure"),
                text(pair.right.label)
                + _line(text(quantity_figure(pair.right, pair.dimension)), "figure"),
                text(ratio_text(pair.ratio)),
                text(pair.reason),
            ),
        )
        for pair in related[:ROWS]
    ]
    headers = ("quantity · figure", "beside · figure", "ratio", "why not one quantity")
    return (
        '<section id="related">\n<h2>Related quantities (not the same quantity)</h2>\n'
        + _table("related", "Related quantities", headers, rows, numeric=("ratio",))
        + _left_out(len(related) - ROWS, "related quantities")
        + "</section>\n"
    )


def _sources_section(known: dict[str, dict[str, str]]) -> str:
    """Every source of sources.csv, by source_id, linked to its url when it may be a link."""
    if not known:
        return ""
    ids = sorted(known)
    rows: list[Row] = [
        (
            "",
            (
                f"<code>{text(source_id)}</code>",
                _source_link(known[source_id], source_id),
                text(known[source_id].get("published") or ""),
            ),
        )
        for source_id in ids[:ROWS]
    ]
    headers = ("source_id", "title", "published")
    return (
        '<section id="sources">\n<h2>Sources</h2>\n'
        + _table("sources", "Sources (sources.csv)", headers, rows)
        + _left_out(len(ids) - ROWS, "sources")
        + "</section>\n"
    )
