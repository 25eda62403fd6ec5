"""Quote verification: is each claim's quote in its document, and its figure in the quote?

A contradiction report is only as good as its quotes. A misquote, a
paraphrase or a quote copied from the wrong document makes a finding
unverifiable, so `verify` looks every quote up in the text that sources.csv
names (`path`):

1. exactly, then ignoring typography that editors and CMSs change freely:
   quote marks („“ "" «» ‚‘ ’), dashes, soft hyphens and zero-width
   characters, non-breaking and other spaces. The fold works per character
   and keeps a map back to the original offsets, so a match is always
   reported in the document's own offsets;
2. when the quote is found, the figure is looked for in the document's
   passage with the extractor (German and English digits, number words,
   scale words: `11000` is found as `11.000`, `11,000` or `elftausend`);
3. when it is not found, the closest passage (rapidfuzz's partial alignment)
   and its score are reported, so the author sees what the source says.

Each document's SHA-256 is part of the report, so a later run can tell that
a document changed under its quotes.
"""

from __future__ import annotations

import hashlib
import math
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import replace as _replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.table import ClaimsTable


class Outcome(str, Enum):
    """What verification found for one claim; the value is what every output writes."""

    VERIFIED = "verified"
    FIGURE_NOT_IN_QUOTE = "figure_not_in_quote"
    QUOTE_NOT_FOUND = "quote_not_found"
    NO_QUOTE = "no_quote"
    NO_SOURCE_TEXT = "no_source_text"


class Match(str, Enum):
    """How a quote was found in its document."""

    EXACT = "exact"
    TYPOGRAPHY = "typography"
    NONE = ""


VERIFY_COLUMNS = (
    "claim_id", "source_id", "outcome", "fails", "match", "start", "end", "figure",
    "figure_start", "figure_end", "score", "closest", "closest_start", "closest_end",
    "path", "sha256", "line", "detail",
)  # fmt: skip
"""The columns of `verify --format csv`, in order."""

_QUOTES = '"„“”‟«»〝〞＂'
_APOSTROPHES = "'‚‘’‛‹›`´′"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = {
    **dict.fromkeys(_QUOTES, '"'),
    **dict.fromkeys(_APOSTROPHES, "'"),
    **dict.fromkeys(_DASHES, "-"),
}
_DIGITS = re.compile(r"\d(?:[\d.,'\u00a0\u202f\u2009 ]*\d)?")
_SCALES = tuple(10.0**power for power in (0, 3, 6, 9, 12))
MAX_ALIGNMENT = 1_000_000_000
"""Quote length times text length above which no closest passage is searched for: the
alignment costs about a second per 10⁹ (a 1,000-character quote in a 1 MB text), and a
hostile 100,000-character quote in a large text would take hours."""
_LANGUAGES = ("de", "en")
"""The languages whose number conventions verification reads."""


@dataclass(frozen=True)
class SourceText:
    """A source document as verification read it."""

    source_id: str
    path: str
    sha256: str
    characters: int


@dataclass(frozen=True)
class Verification:
    """One claim's verification outcome, with offsets into its document.

    `start`/`end` locate the quote (code points, end exclusive) when found;
    `figure_*` locate the claim's figure inside the document. When the quote
    is not found, `closest*` name the most similar passage and `score` its
    rapidfuzz partial-ratio similarity (0 to 100).
    """

    claim_id: str
    source_id: str
    outcome: Outcome
    match: Match = Match.NONE
    start: int | None = None
    end: int | None = None
    figure: str = ""
    figure_start: int | None = None
    figure_end: int | None = None
    score: float | None = None
    closest: str = ""
    closest_start: int | None = None
    closest_end: int | None = None
    path: str = ""
    sha256: str = ""
    line: int = 0
    detail: str = ""

    @property
    def fails(self) -> bool:
        """Whether this claim makes `verify` exit 1.

        A misquote or a figure the quote does not state fails. A claim with
        no quote or no source text cannot be checked, which is reported but
        does not fail, unless sources.csv names a text that cannot be read.
        """
        if self.outcome in (Outcome.FIGURE_NOT_IN_QUOTE, Outcome.QUOTE_NOT_FOUND):
            return True
        return self.outcome is Outcome.NO_SOURCE_TEXT and bool(self.path)

    def row(self) -> tuple[Any, ...]:
        """The values of VERIFY_COLUMNS."""
        values = {**self.__dict__, "outcome": self.outcome.value, "match": self.match.value}
        values["fails"] = self.fails
        return tuple(values[name] for name in VERIFY_COLUMNS)


@dataclass(frozen=True)
class VerifyReport:
    """Every claim's verification and the documents read."""

    path: str
    results: tuple[Verification, ...]
    sources: tuple[SourceText, ...]

    def __iter__(self) -> Iterator[Verification]:
        return iter(self.results)

    @property
    def failing(self) -> int:
        return sum(result.fails for result in self.results)

    def counts(self) -> dict[str, int]:
        """Claims per outcome, every outcome listed, in Outcome order."""
        return {o.value: sum(r.outcome is o for r in self.results) for o in Outcome}

    def summary(self) -> str:
        """One line for people."""
        counts = ", ".join(f"{n} {name}" for name, n in self.counts().items() if n)
        return (
            f"{len(self.results)} claims checked against {len(self.sources)} source texts "
            f"({counts}); {self.failing} failing"
        )


@dataclass(frozen=True)
class Folded:
    """A text with typography folded away, and where each folded character came from."""

    text: str
    origin: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of folded text[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold quotes, dashes, invisible characters and space runs, keeping original offsets.

    Each character is folded on its own (NFKC per character turns NBSP and
    thin spaces into spaces, ligatures into letters and `…` into three dots),
    so every folded character maps back to exactly one original position.
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        folded = _FOLD.get(char)
        if folded is None:
            folded = unicodedata.normalize("NFKC", char)
        for piece in folded:
            if piece.isspace():
                if not chars or chars[-1] == " ":
                    continue
                piece = " "  # noqa: PLW2901 - every space becomes one plain space
            chars.append(piece)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded("".join(chars), tuple(origin), text)


def find_quote(document: str, quote: str, folded: Folded | None = None) -> tuple[int, int, Match]:
    """The quote's offsets in the document: exact first, then ignoring typography.

    Returns (-1, -1, Match.NONE) when neither finds it.
    """
    quote = quote.strip()
    position = document.find(quote)
    if position >= 0:
        return position, position + len(quote), Match.EXACT
    folded = folded or fold(document)
    needle = fold(quote).text
    position = folded.text.find(needle) if needle else -1
    if position >= 0:
        start, end = folded.span(position, position + len(needle))
        return start, end, Match.TYPOGRAPHY
    return -1, -1, Match.NONE


def closest_passage(folded: Folded, quote: str) -> tuple[int, int, float]:
    """The most similar passage of the document (original offsets) and its score 0-100."""
    from rapidfuzz import fuzz

    needle = fold(quote).text
    if not needle or not folded.text:
        return 0, 0, 0.0
    alignment = fuzz.partial_ratio_alignment(needle, folded.text)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return 0, 0, 0.0
    start, end = folded.span(alignment.dest_start, alignment.dest_end)
    start, end = _whole_words(folded.original, start, end)
    return start, end, float(alignment.score)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words, so a passage is read as the document writes it."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def figure_targets(value: str, value_high: str, factor: float | None) -> set[float]:
    """The numbers a quote may write for a claim's figure: as written and fully scaled.

    `5.5` with unit `billion USD` may appear as `5,5 Milliarden` (5.5e9 once
    read) or as a bare `5,5` before a scale word the reader did not know.
    """
    targets: set[float] = set()
    for text in (value, value_high):
        if not text:
            continue
        number = float(text)
        targets.add(number)
        if factor:
            targets.add(number * factor)
    return targets


def find_figure(
    text: str, targets: set[float], lang: str | None = "de"
) -> tuple[int, int] | None:
    """The span in `text` of a figure equal to one of `targets`, or None.

    The extractor reads figures as the document's language writes them
    (`11.000`, `elftausend`, `5,5 Milliarden`, `Tausende`, `siebten`), then
    bare digit strings in that convention, possibly before a scale word. Only
    when the language is unknown (None) are both readings tried: in a German
    text `12.000` is twelve thousand, and reading it as English 12 would
    verify a misquote.
    """
    from claimcheck.extract import extract_text

    if not targets:
        return None
    langs = (lang,) if lang in _LANGUAGES else _LANGUAGES
    for reading in langs:
        try:
            candidates = extract_text(text, "verify", reading)
        except (ArithmeticError, ValueError):
            # a figure too long for the reader: beyond its decimal precision, or over the
            # 4,300 digits Python converts to int (a ValueError). The digits are read below.
            candidates = []
        for candidate in candidates:
            values = [candidate.value, candidate.value_high]
            if any(v is not None and _equal(float(v), targets) for v in values):
                return candidate.start, candidate.end
    for match in _DIGITS.finditer(text):
        if any(_equal(reading * scale, targets)
               for reading in _readings(match.group(), langs) for scale in _SCALES):  # fmt: skip
            return match.start(), match.end()
    return None


_SEPARATORS = {"de": (".", ","), "en": (",", ".")}
"""Each language's group separator and decimal point."""


def _readings(token: str, langs: Iterable[str] = _LANGUAGES) -> Iterator[float]:
    """A digit string read as German (`11.000`, `5,5`) and/or English (`11,000`, `5.5`)."""
    compact = re.sub(r"[\s'\u00a0\u202f\u2009]", "", token)
    for lang in langs:
        group, decimal = _SEPARATORS[lang]
        try:
            yield float(compact.replace(group, "").replace(decimal, "."))
        except ValueError:
            continue


def _equal(number: float, targets: Iterable[float]) -> bool:
    return any(math.isclose(number, target, rel_tol=1e-9) for target in targets)


def sha256_text(data: bytes) -> str:
    """The hex SHA-256 of a document's bytes as stored."""
    return hashlib.sha256(data).hexdigest()


def verify(table: ClaimsTable, allowed_roots: Sequence[Path] = ()) -> VerifyReport:
    """Verify every claim of a validated table against its source text.

    Every text path is checked first (`source_texts`): one outside the folder
    of sources.csv, or a FIFO or device, stops the run with InputErrors.
    """
    import polars as pl

    sources: dict[str, dict[str, Any]] = {}
    if table.sources is not None:
        sources = {row["source_id"]: row for row in table.sources.iter_rows(named=True)}
    located = source_texts(table, allowed_roots)
    texts: dict[str, tuple[str, Folded | None, SourceText] | str] = {}
    results: list[Verification] = []
    columns = ("claim_id", "source_id", "quote", "value", "value_high", "factor", "_line")
    for claim_id, source_id, quote, value, value_high, factor, line in table.claims.select(
        [pl.col(name) for name in columns]
    ).iter_rows():
        source = sources.get(source_id, {})
        relative = source.get("path") or ""
        base = Verification(claim_id, source_id, Outcome.NO_SOURCE_TEXT, line=line)
        if not relative or table.directory is None:
            results.append(_replace(base, detail="the source has no path in sources.csv"))
            continue
        if source_id not in texts:
            texts[source_id] = _read(located[source_id], source_id, str(table.directory / relative))
        loaded = texts[source_id]
        if isinstance(loaded, str):
            results.append(_replace(base, path=relative, detail=loaded))
            continue
        document, folded, info = loaded
        base = _replace(base, path=info.path, sha256=info.sha256)
        if not (quote or "").strip():
            results.append(
                _replace(base, outcome=Outcome.NO_QUOTE, detail="the claim has no quote")
            )
            continue
        if folded is None:
            folded = fold(document)
            texts[source_id] = (document, folded, info)
        results.append(
            _check(
                base,
                document,
                folded,
                quote,
                figure_targets(value, value_high, factor),
                source.get("language") or "",
            )
        )
    read = tuple(item[2] for item in texts.values() if not isinstance(item, str))
    return VerifyReport(table.path, tuple(results), read)


def source_texts(table: ClaimsTable, allowed_roots: Sequence[Path] = ()) -> dict[str, Path]:
    """Each source's text file, resolved; InputErrors for paths no table may name.

    A text must resolve, symlinks followed, inside the folder of sources.csv
    (or a root the user allowed): otherwise a shared table could make verify
    print `/etc/passwd` or a private key in its `closest` column. A FIFO or a
    device would block or never end, so it is refused before it is opened.
    A missing or unreadable file is left to `_read`: it is an outcome, not an
    input error.
    """
    from claimcheck.errors import InputError, InputErrors, Location
    from claimcheck.files import MAX_TEXT_BYTES, inside, not_regular

    folder = table.directory
    if table.sources is None or folder is None or "path" not in table.sources.columns:
        return {}
    shown = table.sources_path or ""
    located: dict[str, Path] = {}
    errors: list[InputError] = []
    rows = table.sources.select("source_id", "path", "_line").iter_rows()
    for source_id, relative, line in rows:
        if not relative:
            continue
        where = Location(shown, line, "path")
        resolved = inside(folder, relative, allowed_roots)
        if resolved is None:
            errors.append(InputError(
                f"{relative!r} resolves outside the folder of {Path(shown).name} ({folder}); "
                "texts must lie inside it (verify --allow-root DIR allows another folder)",
                where,
            ))  # fmt: skip
            continue
        try:
            status = resolved.stat()
            mode, size = status.st_mode, status.st_size
        except OSError:
            mode, size = stat.S_IFREG, 0  # missing or unreadable: the claim's outcome says so
        if not stat.S_ISREG(mode):
            error = not_regular(relative, mode)
            errors.append(InputError(f"{relative!r} is {error.message}", where))
            continue
        if size > MAX_TEXT_BYTES:
            errors.append(InputError(
                f"{relative!r} is {size:,} bytes, more than the {MAX_TEXT_BYTES:,} a source "
                "text may have", where))  # fmt: skip
            continue
        located[source_id] = resolved
    if errors:
        raise InputErrors(errors)
    return located


def _check(
    base: Verification,
    document: str,
    folded: Folded,
    quote: str,
    targets: set[float],
    language: str,
) -> Verification:
    start, end, match = find_quote(document, quote, folded)
    if match is Match.NONE and len(quote) * len(folded.text) > MAX_ALIGNMENT:
        return _replace(base, outcome=Outcome.QUOTE_NOT_FOUND, detail=(
            f"quote not found; a {len(quote):,}-character quote in a {len(folded.text):,}-"
            "character text is too long to search for the closest passage"))  # fmt: skip
    if match is Match.NONE:
        near_start, near_end, score = closest_passage(folded, quote)
        return _replace(
            base,
            outcome=Outcome.QUOTE_NOT_FOUND,
            score=round(score, 1),
            closest=document[near_start:near_end],
            closest_start=near_start,
            closest_end=near_end,
            detail=f"closest passage scores {score:.0f}/100",
        )
    base = _replace(base, match=match, start=start, end=end)
    passage = document[start:end]
    lang = language.split("-", maxsplit=1)[0].lower()
    known = lang if lang in _LANGUAGES else None
    unknown = (
        ""
        if known
        else f"source language {language or 'not given'}: numbers read as German and English"
    )
    found = find_figure(passage, targets, known)
    if found is None:
        detail = "no number in the quote reads as the claim's value"
        return _replace(base, outcome=Outcome.FIGURE_NOT_IN_QUOTE,
                        detail=f"{detail} ({unknown})" if unknown else detail)  # fmt: skip
    first, last = found
    return _replace(
        base,
        outcome=Outcome.VERIFIED,
        figure=passage[first:last],
        figure_start=start + first,
        figure_end=start + last,
        detail=unknown,
    )


def _read(path: Path, source_id: str, shown: str) -> tuple[str, None, SourceText] | str:
    """A source's text and its record, or why it cannot be read.

    The text is kept as the file holds it, CRLF included, so every offset is
    into the file's own text (`content[start:end]`, code points).
    """
    from claimcheck.errors import InputError
    from claimcheck.files import read_input

    try:
        data = read_input(path, shown, "a text file")
    except InputError as exc:
        return f"cannot read {shown}: {exc.message}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"{shown} is not UTF-8 text (byte {exc.start})"
    return text, None, SourceText(source_id, shown, sha256_text(data), len(text))
