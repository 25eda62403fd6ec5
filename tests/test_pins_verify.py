"""Pins for quote verification: each message, offset, language rule and file check a user sees.

Mutation testing (make mutation) showed that the outcome tests in test_verify.py
let many changes through: the messages in `detail`, the `fails` and `line`
cells, the first-occurrence rule, whole-word widening of the closest passage,
the BOM strip, CRLF and trailing-space folding, the ellipsis fold, the
second language and the 10^12 scale of bare digits. Each test here computes
its own report (no shared fixture), so every test that reads a result also
runs the code that made it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from claimcheck.errors import InputErrors
from claimcheck.files import MAX_TEXT_BYTES
from claimcheck.table import load_table
from claimcheck.verify import (
    Match,
    Outcome,
    Verification,
    VerifyReport,
    closest_passage,
    figure_targets,
    find_figure,
    find_quote,
    fold,
    verify,
)
from conftest import DATA, run_cli

FIXTURE = DATA / "trust" / "verify"
TEXT = (FIXTURE / "texts" / "de.txt").read_text(encoding="utf-8")
HEADER = "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,quote"
NOT_GIVEN = "source language not given: numbers read as German and English"
NO_FIGURE = "no number in the quote reads as the claim's value"


def _claims(folder: Path, *rows: list[str], sources: str | None = None) -> Path:
    """A claims.csv (rows written by the csv module, so quotes may hold anything)."""
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER.split(","))
    writer.writerows(rows)
    claims = folder / "claims.csv"
    claims.write_text(buffer.getvalue(), encoding="utf-8")
    if sources is not None:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return claims


def _claim(claim_id: str, value: str, quote: str, *, unit: str = "EUR", high: str = "",
           source: str = "s1") -> list[str]:  # fmt: skip
    qualifier = "range" if high else "exact"
    return [claim_id, source, "x", "y", "", "2024", value, high, unit, qualifier, quote]


def _one(folder: Path, text: str | bytes, claim: list[str], language: str = "de") -> Verification:
    """Verify one claim against one document `doc.txt` in `language`."""
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    (folder / "doc.txt").write_bytes(data)
    sources = f"source_id,title,path,language\ns1,T,doc.txt,{language}\n"
    (result,) = verify(load_table(_claims(folder, claim, sources=sources))).results
    return result


def _fixture() -> VerifyReport:
    return verify(load_table(FIXTURE / "claims.csv"))


# --- what the outputs say --------------------------------------------------------------


def test_csv_rows_state_fails_line_path_and_detail_of_every_claim() -> None:
    """Each CSV cell a script reads: fails as true/false, the claims.csv line, the messages."""
    run = run_cli("verify", str(FIXTURE / "claims.csv"), "--format", "csv")
    rows = {row["claim_id"]: row for row in csv.DictReader(io.StringIO(run.stdout))}
    text_path = str(FIXTURE / "texts" / "de.txt")
    exact = rows["exact"]
    start = TEXT.index("etwa 11.000 Container mit Waffen")
    assert (exact["outcome"], exact["fails"], exact["match"]) == ("verified", "false", "exact")
    assert (exact["start"], exact["end"]) == (str(start), str(start + 32))
    assert (exact["path"], exact["line"], exact["detail"]) == (text_path, "2", "")
    figure = TEXT[int(exact["figure_start"]) : int(exact["figure_end"])]
    assert figure == exact["figure"]
    assert "11.000" in figure
    wrong = rows["wrong-figure"]
    assert (wrong["outcome"], wrong["fails"], wrong["line"]) == ("figure_not_in_quote", "true", "6")
    assert wrong["detail"] == NO_FIGURE
    no_quote = rows["no-quote"]
    assert (no_quote["fails"], no_quote["detail"]) == ("false", "the claim has no quote")
    assert no_quote["path"] == text_path
    assert no_quote["sha256"] == exact["sha256"] != ""
    assert rows["no-path"]["detail"] == "the source has no path in sources.csv"
    assert (rows["no-path"]["fails"], rows["no-path"]["path"]) == ("false", "")
    missing = rows["missing-file"]
    assert missing["fails"] == "true"
    assert missing["path"] == "texts/missing.txt"
    assert missing["detail"] == f"cannot read {FIXTURE / 'texts' / 'missing.txt'}: no such file"


def test_row_cells_are_the_values_every_output_writes() -> None:
    """`row()` holds outcome and match as their plain values, which print as the CSV does."""
    report = _fixture()
    cells = {result.claim_id: [str(cell) for cell in result.row()] for result in report}
    assert cells["exact"][2:5] == ["verified", "False", "exact"]
    assert cells["misquote"][2:5] == ["quote_not_found", "True", ""]


def test_summary_names_each_outcome_once_separated_by_commas() -> None:
    assert _fixture().summary() == (
        "9 claims checked against 1 source texts (4 verified, 1 figure_not_in_quote, "
        "1 quote_not_found, 1 no_quote, 2 no_source_text); 3 failing"
    )


def test_report_names_its_table_and_each_text_read() -> None:
    """The report's path is the claims table; a text's record has its path and length."""
    report = _fixture()
    assert report.path == str(FIXTURE / "claims.csv")
    (source,) = report.sources
    assert source.path == str(FIXTURE / "texts" / "de.txt")
    assert source.characters == len(TEXT)


def test_a_verified_claim_locates_its_figure_in_the_document(tmp_path: Path) -> None:
    """figure_start/end are document offsets: the quote's start plus the figure's place in it."""
    text = "Vorweg. Es waren laut Bericht 5 Millionen Euro."
    result = _one(tmp_path, text, _claim("a", "5", "laut Bericht 5 Millionen Euro",
                                         unit="million EUR"))  # fmt: skip
    assert result.outcome is Outcome.VERIFIED
    assert result.match is Match.EXACT
    assert (result.start, result.end) == (17, 46)
    assert result.figure_start is not None
    assert result.figure_start > 17
    assert text[result.figure_start : result.figure_end] == result.figure
    assert result.figure.startswith("5 Millionen")


def test_a_misquote_reports_the_closest_passage_its_offsets_and_rounded_score() -> None:
    report = _fixture()
    missed = next(r for r in report if r.claim_id == "misquote")
    quote = "Nordkorea hat seit September rund 11.000 Container an Russland geliefert"
    start, end, raw = closest_passage(fold(TEXT), quote)
    assert round(raw, 1) != round(raw), "the fixture's score has a decimal to round"
    assert missed.score == round(raw, 1)
    assert (missed.closest_start, missed.closest_end) == (start, end)
    assert missed.closest == TEXT[start:end]
    assert missed.detail == f"closest passage scores {raw:.0f}/100"
    assert missed.match is Match.NONE


# --- where a quote is found ------------------------------------------------------------


def test_the_first_exact_occurrence_is_reported_even_at_offset_0() -> None:
    assert find_quote("11.000 hier, 11.000 dort", "11.000") == (0, 6, Match.EXACT)


def test_the_first_typography_occurrence_is_reported_even_at_offset_0() -> None:
    document = "\u201eja\u201c sagte er, dann noch einmal \u201eja\u201c"
    assert find_quote(document, '"ja"') == (0, 4, Match.TYPOGRAPHY)


def test_a_quote_not_in_the_document_is_minus_one_minus_one() -> None:
    assert find_quote("Es waren 5 Euro.", "6 Euro") == (-1, -1, Match.NONE)


def test_a_quote_of_only_invisible_characters_is_not_found(tmp_path: Path) -> None:
    """A soft hyphen folds to nothing: it matches nowhere, and has no closest passage."""
    assert find_quote("Es waren 5 Euro.", "\u00ad\u200b") == (-1, -1, Match.NONE)
    result = _one(tmp_path, "Es waren 5 Euro.", _claim("a", "5", "\u00ad"))
    assert result.outcome is Outcome.QUOTE_NOT_FOUND
    assert (result.closest, result.closest_start, result.closest_end) == ("", 0, 0)
    assert result.score == 0.0


def test_nothing_to_align_has_no_closest_passage() -> None:
    assert closest_passage(fold("Es waren 5 Euro."), "\u00ad") == (0, 0, 0.0)
    assert closest_passage(fold(" \r\n "), "5 Euro") == (0, 0, 0.0)


@pytest.mark.parametrize(
    ("quote", "passage", "start"),
    [
        ("eta gamm", "beta gamma", 6),  # widened on both sides
        ("lpha bet", "alpha beta", 0),  # at the start of the text
        ("amma delt", "gamma delta", 11),  # at the end of the text
        ("beta", "beta", 6),  # whole words already
    ],
)
def test_the_closest_passage_is_widened_to_whole_words(
    quote: str, passage: str, start: int
) -> None:
    text = "alpha beta gamma delta"
    assert closest_passage(fold(text), quote) == (start, start + len(passage), 100.0)


def test_a_document_with_a_bom_has_offsets_after_it(tmp_path: Path) -> None:
    """The UTF-8 BOM is no character of the text: a quote at its start is at offset 0."""
    text = "Es waren 5 Euro, sagte sie."
    result = _one(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"), _claim("a", "5", "Es waren 5"))
    assert (result.start, result.end, result.match) == (0, 10, Match.EXACT)
    assert (result.figure_start, result.figure_end) == (9, 10)
    report = verify(load_table(tmp_path / "claims.csv"))
    assert report.sources[0].characters == len(text)


def test_a_quote_across_a_crlf_line_break_matches_with_one_space() -> None:
    document = "Erste Zeile.\r\nZweite Zeile.\r\n"
    start, end, match = find_quote(document, "Zeile. Zweite")
    assert match is Match.TYPOGRAPHY
    assert document[start:end] == "Zeile.\r\nZweite"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ende.  \r\n", "Ende."),  # trailing space and CRLF dropped
        ("Ende. \u00a0", "Ende."),
        ("a \u00a8b", "a \u0308b"),  # a spacing diaeresis keeps its mark after a space
        ("warte\u2026 ja", "warte... ja"),
    ],
)
def test_fold_drops_trailing_space_and_keeps_every_mark(text: str, folded: str) -> None:
    result = fold(text)
    assert result.text == folded
    assert len(result.origin) == len(result.text)


def test_a_quote_copied_with_a_trailing_space_and_invisible_character_matches() -> None:
    document = "Es waren 5 Euro."
    assert find_quote(document, "5 Euro \u200b") == (9, 15, Match.TYPOGRAPHY)


def test_three_dots_match_an_ellipsis_and_the_span_ends_after_it() -> None:
    document = "Er sagte: Mal sehen\u2026 dann ging er."
    start, end, match = find_quote(document, "Mal sehen...")
    assert match is Match.TYPOGRAPHY
    assert document[start:end] == "Mal sehen\u2026"
    start, end, _ = find_quote(document, "sehen... dann")
    assert document[start:end] == "sehen\u2026 dann"


# --- which numbers a quote may write ---------------------------------------------------


def test_figure_targets_are_each_end_as_written_and_scaled() -> None:
    assert figure_targets("5.5", "", 1e9) == {5.5, 5.5e9}
    assert figure_targets("", "12", None) == {12.0}
    assert figure_targets("10", "12", 0.01) == {10.0, 0.1, 12.0, 0.12}


def test_a_figure_written_out_in_full_digits_verifies_a_scaled_claim(tmp_path: Path) -> None:
    """5.5 billion USD is found as 5.500.000.000: the claim's factor scales the target."""
    quote = "Es kostete 5.500.000.000 US-Dollar"
    result = _one(tmp_path, quote + ".", _claim("a", "5.5", quote, unit="billion USD"))
    assert result.outcome is Outcome.VERIFIED
    assert result.figure.startswith("5.500.000.000")


def test_the_high_end_of_a_range_in_the_quote_verifies(tmp_path: Path) -> None:
    quote = "bis zu 12 Prozent"
    result = _one(tmp_path, quote + ".", _claim("a", "10", quote, unit="percent", high="12"))
    assert result.outcome is Outcome.VERIFIED
    assert "12" in result.figure


def test_find_figure_reads_german_by_default() -> None:
    """`12.000` is twelve thousand unless the language is unknown."""
    assert find_figure("etwa 12.000 Container", {12.0}) is None
    assert find_figure("etwa 12.000 Container", {12.0}, None) is not None


@pytest.mark.parametrize("scale", [1e3, 1e6, 1e9, 1e12])
def test_bare_digits_before_an_unknown_scale_word_are_read_at_each_scale(scale: float) -> None:
    """`5,5 Bill.` (Billionen, 10^12): the reader keeps 5.5, the digits match 5.5 x scale."""
    text = "rund 5,5 Bill. Euro"
    assert find_figure(text, {5.5 * scale}, "de") == (5, 8)


@pytest.mark.parametrize(
    ("text", "lang", "span"),
    [
        ("11'000 Arbeiter", "de", (0, 6)),  # Swiss grouping
        ("ein 5.000.000fach", "de", (4, 13)),  # German grouping glued to a word
        ("a 5,000,000fold rise", "en", (2, 11)),
        ("a 5,000,000fold rise", None, (2, 11)),  # German fails to read it, English does
    ],
)
def test_grouped_digits_the_reader_skips_are_still_found(
    text: str, lang: str | None, span: tuple[int, int]
) -> None:
    assert find_figure(text, {5e6, 11000.0}, lang) == span


def test_a_figure_of_5000_digits_in_a_quote_does_not_stop_verify(tmp_path: Path) -> None:
    """Python refuses int() of more than 4,300 digits: the reader fails, the digits still count."""
    quote = "It cost 5 dollars, not " + "9" * 5000 + " billion dollars"
    result = _one(tmp_path, quote + ".", _claim("a", "5", quote, unit="USD"), "en")
    assert result.outcome is Outcome.VERIFIED
    assert (result.figure, result.figure_start) == ("5 dollars", 8), "as without the long number"


def test_an_unknown_language_reads_both_conventions() -> None:
    """`12.000` is 12 only in English, `12,000` is 12 only in German: unknown tries both."""
    assert find_figure("Es waren 12.000", {12.0}, "de") is None
    assert find_figure("Es waren 12.000", {12.0}, None) == (9, 15)
    assert find_figure("It cost 12,000 dollars", {12.0}, "en") is None
    assert find_figure("It cost 12,000 dollars", {12.0}, None) is not None


# --- the source's language -------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "de-CH", "DE-AT", "de-Latn-CH"])
def test_a_german_source_reads_german_and_says_nothing_about_it(
    tmp_path: Path, language: str
) -> None:
    quote = "Es waren 12.000 Container"
    twelve = _one(tmp_path / "a", quote + ".", _claim("a", "12", quote), language)
    assert twelve.outcome is Outcome.FIGURE_NOT_IN_QUOTE
    assert twelve.detail == NO_FIGURE
    thousands = _one(tmp_path / "b", quote + ".", _claim("a", "12000", quote), language)
    assert thousands.outcome is Outcome.VERIFIED
    assert thousands.detail == ""


def test_an_english_source_reads_english(tmp_path: Path) -> None:
    quote = "It cost 12.5 million dollars"
    result = _one(tmp_path, quote + ".", _claim("a", "12.5", quote, unit="million USD"), "en-GB")
    assert result.outcome is Outcome.VERIFIED
    assert result.detail == ""


@pytest.mark.parametrize(("language", "said"), [("", "not given"), ("fr", "fr")])
def test_an_unknown_language_is_named_in_the_detail(
    tmp_path: Path, language: str, said: str
) -> None:
    quote = "Es waren 12.000 Container"
    result = _one(tmp_path, quote + ".", _claim("a", "12", quote), language)
    assert result.outcome is Outcome.VERIFIED
    assert result.detail == f"source language {said}: numbers read as German and English"


def test_a_figure_not_in_a_quote_of_unknown_language_says_both_were_tried(tmp_path: Path) -> None:
    quote = "Es waren 13.000 Container"
    result = _one(tmp_path, quote + ".", _claim("a", "12", quote), "")
    assert result.outcome is Outcome.FIGURE_NOT_IN_QUOTE
    assert result.detail == f"{NO_FIGURE} ({NOT_GIVEN})"


# --- which texts are read ----------------------------------------------------------------


def test_a_table_without_sources_has_no_source_text_for_any_claim(tmp_path: Path) -> None:
    claims = _claims(tmp_path, _claim("a", "5", "5 Euro"), _claim("b", "6", "6 Euro"))
    report = verify(load_table(claims))
    assert [(r.claim_id, r.outcome, r.line) for r in report] == [
        ("a", Outcome.NO_SOURCE_TEXT, 2),
        ("b", Outcome.NO_SOURCE_TEXT, 3),
    ]
    assert {r.detail for r in report} == {"the source has no path in sources.csv"}
    assert report.failing == 0
    assert report.sources == ()


def test_sources_without_a_path_column_have_no_source_text(tmp_path: Path) -> None:
    claims = _claims(tmp_path, _claim("a", "5", "5 Euro"),
                     sources="source_id,title,language\ns1,T,de\n")  # fmt: skip
    (result,) = verify(load_table(claims)).results
    assert result.outcome is Outcome.NO_SOURCE_TEXT
    assert result.detail == "the source has no path in sources.csv"


def test_an_unreadable_text_does_not_stop_the_claims_after_it(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Es waren 5 Euro.", encoding="utf-8")
    sources = "source_id,title,path,language\ngone,T,gone.txt,de\ns1,T,doc.txt,de\n"
    claims = _claims(tmp_path, _claim("a", "5", "5 Euro", source="gone"),
                     _claim("b", "5", "5 Euro"), sources=sources)  # fmt: skip
    report = verify(load_table(claims))
    assert [(r.claim_id, r.outcome) for r in report] == [
        ("a", Outcome.NO_SOURCE_TEXT),
        ("b", Outcome.VERIFIED),
    ]
    assert report.results[0].detail == f"cannot read {tmp_path / 'gone.txt'}: no such file"
    assert report.results[0].fails


def _errors(tmp_path: Path, *paths: str) -> list[str]:
    rows = "".join(f"s{n},T,{path},de\n" for n, path in enumerate(paths))
    claims = _claims(tmp_path / "t", _claim("a", "5", "5 Euro", source="s0"),
                     sources="source_id,title,path,language\n" + rows)  # fmt: skip
    with pytest.raises(InputErrors) as caught:
        verify(load_table(claims))
    return [error.message for error in caught.value.errors]


def test_every_text_outside_the_folder_is_refused_with_the_way_out(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    assert _errors(tmp_path, "../a.txt", "../b.txt") == [
        f"{name!r} resolves outside the folder of sources.csv ({folder}); texts must lie "
        "inside it (verify --allow-root DIR allows another folder)"
        for name in ("../a.txt", "../b.txt")
    ]


def test_every_text_that_is_no_regular_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "t" / "d1").mkdir(parents=True)
    (tmp_path / "t" / "d2").mkdir()
    assert _errors(tmp_path, "d1", "d2") == [
        "'d1' is not a regular file (a directory)",
        "'d2' is not a regular file (a directory)",
    ]


def _sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)


def test_every_text_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    for name in ("big1.txt", "big2.txt"):
        _sparse(tmp_path / "t" / name, MAX_TEXT_BYTES + 1)
    size, limit = f"{MAX_TEXT_BYTES + 1:,}", f"{MAX_TEXT_BYTES:,}"
    assert _errors(tmp_path, "big1.txt", "big2.txt") == [
        f"'{name}' is {size} bytes, more than the {limit} a source text may have"
        for name in ("big1.txt", "big2.txt")
    ]


def test_a_text_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    _sparse(tmp_path / "doc.txt", MAX_TEXT_BYTES)
    claims = _claims(tmp_path, _claim("a", "5", ""),
                     sources="source_id,title,path,language\ns1,T,doc.txt,de\n")  # fmt: skip
    report = verify(load_table(claims))
    assert report.results[0].outcome is Outcome.NO_QUOTE
    assert report.sources[0].characters == MAX_TEXT_BYTES


def test_a_quote_too_long_to_align_says_so(tmp_path: Path) -> None:
    """Beyond 10^9 quote x text characters no closest passage is searched for."""
    text = "ab " * 10_600  # 31,799 characters once folded (the trailing space goes)
    quote = "x" * 31_623
    result = _one(tmp_path, text, _claim("a", "5", quote))
    assert result.outcome is Outcome.QUOTE_NOT_FOUND
    assert result.detail == (
        "quote not found; a 31,623-character quote in a 31,799-character text is too long "
        "to search for the closest passage"
    )
    assert result.closest == ""
    assert result.score is None
