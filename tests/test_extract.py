"""Extraction: the seed articles' twelve figures, the grammar's cases, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import time
from decimal import Decimal

import pytest

from claimcheck.extract import detect_language, extract_text, plain
from claimcheck.extract.lexicon import lexicon_units
from claimcheck.units import unit_names
from conftest import REPO, run_cli, run_process

SOURCES = REPO / "data" / "sources"

SEED_FIGURES = [
    ("001_d98a099efa38b817", "Tausende von Arbeitern", "1000", "worker", "at_least"),
    ("001_d98a099efa38b817", "100.000 Soldaten", "100000", "soldier", "exact"),
    ("001_d98a099efa38b817", "siebten unterirdischen Atomtest", "7", "nuclear_test", "exact"),
    ("002_03c013192d4d0047", "bis zu 5,5 Milliarden US-Dollar", "5500000000", "USD", "at_most"),
    ("002_03c013192d4d0047", "5,5 Milliarden Dollar", "5500000000", "USD", "exact"),
    ("002_03c013192d4d0047", "23,7 Milliarden Dollar", "23700000000", "USD", "exact"),
    ("002_03c013192d4d0047", "34,4 Millionen US-Dollar", "34400000", "USD", "exact"),
    ("002_03c013192d4d0047", "52,9 Millionen Dollar", "52900000", "USD", "exact"),
    ("003_f582aa4241273fed", "zweimal", "2", "visit", "exact"),
    ("003_f582aa4241273fed", "etwa 11.000 Container", "11000", "container", "approx"),
    (
        "003_f582aa4241273fed",
        "bis zu 5 Millionen Artilleriegeschosse",
        "5000000",
        "artillery_shell",
        "at_most",
    ),
    ("003_f582aa4241273fed", "über 9.000 Container", "9000", "container", "at_least"),
]


def _extract(source_id: str) -> tuple[str, list[tuple[str, Decimal, str, str]]]:
    text = (SOURCES / f"{source_id}.txt").read_text(encoding="utf-8")
    found = extract_text(text, source_id, "auto")
    return text, [(c.text, c.value, c.unit, c.qualifier) for c in found]


class TestSeedArticles:
    """The acceptance list of issue 3: every figure that states a claim, read right."""

    @pytest.mark.parametrize(("source_id", "text", "value", "unit", "qualifier"), SEED_FIGURES)
    def test_figure_found(
        self, source_id: str, text: str, value: str, unit: str, qualifier: str
    ) -> None:
        """Each figure appears with its fully scaled value, unit and qualifier."""
        _, found = _extract(source_id)
        assert (text, Decimal(value), unit, qualifier) in found

    @pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.stem)
    def test_spans_slice_to_text(self, path: object) -> None:
        """Every span slices back to its text and lies inside its sentence."""
        from pathlib import Path

        assert isinstance(path, Path)
        content = path.read_text(encoding="utf-8")
        for c in extract_text(content, path.stem):
            assert content[c.start : c.end] == c.text
            assert c.text in c.sentence

    def test_dates_and_years_are_not_figures(self) -> None:
        """`Am 26. Mai`, `seit 2006`, `im Jahr 2023`, `seit dem Jahr 2000` are left out."""
        texts = {t for sid in ("001_d98a099efa38b817", "002_03c013192d4d0047",
                               "003_f582aa4241273fed") for t, *_ in _extract(sid)[1]}  # fmt: skip
        assert not {"26", "2006", "2023", "2024", "2019", "2000"} & texts

    def test_seed_articles_are_fast(self) -> None:
        """All five articles in well under a second once the modules are loaded."""
        texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
        extract_text(texts[0], "warm-up")
        begin = time.perf_counter()
        for text in texts:
            extract_text(text, "x", "de")
        assert time.perf_counter() - begin < 0.5


def _one(text: str, lang: str = "de") -> tuple[str, str, str, str, str]:
    found = extract_text(text, "t", lang)
    assert len(found) == 1, found
    c = found[0]
    high = "" if c.value_high is None else plain(c.value_high)
    return c.text, plain(c.value), high, c.unit, c.qualifier


class TestGrammar:
    """Single cases of the grammar, one per feature of issue 3."""

    @pytest.mark.parametrize(
        ("text", "lang", "expected"),
        [
            (
                "Es waren 1.234.567,89 Euro.",
                "de",
                ("1.234.567,89 Euro", "1234567.89", "", "EUR", "exact"),
            ),
            (
                "It cost 1,234,567.89 dollars.",
                "en",
                ("1,234,567.89 dollars", "1234567.89", "", "USD", "exact"),
            ),
            (
                "Es waren 12 500 Soldaten.",
                "de",
                ("12 500 Soldaten", "12500", "", "soldier", "exact"),
            ),
            (
                "Der Wert sank um −3,5 Prozent.",
                "de",
                ("−3,5 Prozent", "-3.5", "", "percent", "exact"),
            ),
            (
                "Es waren zweihundertsechsundfünfzig.",
                "de",
                ("zweihundertsechsundfünfzig", "256", "", "", "exact"),
            ),
            (
                "There were two hundred fifty-six.",
                "en",
                ("two hundred fifty-six", "256", "", "", "exact"),
            ),
            (
                "Es sind zwei Millionen dreihunderttausend.",
                "de",
                ("zwei Millionen dreihunderttausend", "2300000", "", "", "exact"),
            ),
            (
                "Eine halbe Million Menschen kam.",
                "de",
                ("Eine halbe Million Menschen", "500000", "", "person", "exact"),
            ),
            ("Es kamen 27 percent.", "en", ("27 percent", "27", "", "percent", "exact")),
            (
                "Sie zahlten 16,4 Millionen kanadische Dollar.",
                "de",
                ("16,4 Millionen kanadische Dollar", "16400000", "", "CAD", "exact"),
            ),
            ("Sie zahlten $5.5bn dafür.", "en", ("$5.5bn", "5500000000", "", "USD", "exact")),
            (
                "They sent 15,000 to 18,000 troops.",
                "en",
                ("15,000 to 18,000 troops", "15000", "18000", "soldier", "range"),
            ),
            (
                "Es kamen 30-40.000 Menschen.",
                "de",
                ("30-40.000 Menschen", "30000", "40000", "person", "range"),
            ),
            (
                "Es sind 2 Billionen Euro.",
                "de",
                ("2 Billionen Euro", "2000000000000", "", "EUR", "exact"),
            ),
            ("It is 2 billion euros.", "en", ("2 billion euros", "2000000000", "", "EUR", "exact")),
            (
                "Mehr als 300 Drohnen.",
                "de",
                ("Mehr als 300 Drohnen", "300", "", "drone", "at_least"),
            ),
            ("Höchstens 40 Panzer.", "de", ("Höchstens 40 Panzer", "40", "", "tank", "at_most")),
            ("Roughly 40 tanks.", "en", ("Roughly 40 tanks", "40", "", "tank", "approx")),
            (
                "Hunderte Flüchtlinge kamen.",
                "de",
                ("Hunderte Flüchtlinge", "100", "", "refugee", "at_least"),
            ),
            (
                "Es kamen anderthalb Millionen.",
                "de",
                ("anderthalb Millionen", "1500000", "", "", "exact"),
            ),
            ("Er kam mit ca. 99 $ an.", "de", ("ca. 99 $", "99", "", "USD", "approx")),
        ],
    )
    def test_reads(self, text: str, lang: str, expected: tuple[str, ...]) -> None:
        """The figure's span, value, high value, unit and qualifier."""
        assert _one(text, lang) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "Claudia Tausend wuchs in Niederbayern auf.",
            "Ein Mann und eine Frau kamen.",
            "Am 26. Mai kam er.",
            "Seit 2019 hat sich nichts geändert.",
            "© 2024 NewsWorld",
            "Der Kampfjet F-16 flog um 14:30 Uhr.",
            "Siehe https://example.org/a?x=30%25 für mehr.",
            "Das war das erste Mal seit dem Jahr 2000.",
        ],
    )
    def test_not_figures(self, text: str) -> None:
        """Names, articles, dates, years, times, type names and URLs are not figures."""
        assert extract_text(text, "t", "de") == []

    def test_ambiguity_is_recorded(self) -> None:
        """`11.000` is read by the document's language and the other reading is noted."""
        (de,) = extract_text("Es waren 11.000 Container.", "t", "de")
        (en,) = extract_text("There were 11.000 containers.", "t", "en")
        assert de.value == 11000
        assert "11 in en" in de.note
        assert en.value == 11
        assert "11000 in de" in en.note

    def test_language_detection(self) -> None:
        """Stop words decide; a tie is German."""
        assert detect_language("The army and the navy said that it was over.") == "en"
        assert detect_language("Die Armee und die Marine sagten, dass es vorbei ist.") == "de"
        assert detect_language("12345") == "de"

    def test_lexicon_units_exist_in_registry(self) -> None:
        """Every unit the extractor can name is one `validate` accepts."""
        assert lexicon_units() <= unit_names()


class TestCli:
    """`claimcheck extract` as users run it: status, stdout and stderr apart."""

    def test_csv(self) -> None:
        """CSV with the contract's columns; the seed figure is in it; nothing on stderr."""
        run = run_cli("extract", str(SOURCES / "003_f582aa4241273fed.txt"))
        assert run.status == 0
        assert run.stderr == ""
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert list(rows[0])[:9] == [
            "source_id", "start", "end", "text", "value", "value_high", "unit",
            "qualifier", "sentence",
        ]  # fmt: skip
        row = next(r for r in rows if r["text"] == "etwa 11.000 Container")
        assert (row["source_id"], row["value"], row["unit"], row["qualifier"]) == (
            "003_f582aa4241273fed", "11000", "container", "approx",
        )  # fmt: skip

    def test_json_from_stdin(self) -> None:
        """`-` reads standard input; JSON numbers are numbers."""
        run = run_cli("extract", "-", "--format", "json", stdin="Es waren 5,5 Mrd. Dollar.")
        assert (run.status, run.stderr) == (0, "")
        (row,) = json.loads(run.stdout)
        assert row["source_id"] == "stdin"
        assert (row["value"], row["unit"], row["text"]) == (5500000000, "USD", "5,5 Mrd. Dollar")

    def test_to_claims(self) -> None:
        """Claims rows come from the draft: digest ids, scale kept as written, quote = sentence."""
        run = run_cli("extract", str(SOURCES / "002_03c013192d4d0047.txt"), "--to-claims")
        assert (run.status, run.stderr) == (0, "")
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert rows[0]["claim_id"].startswith("002_03c013192d4d0047-")
        assert (rows[0]["value"], rows[0]["unit"], rows[0]["qualifier"]) == (
            "5.5", "billion USD", "at_most",
        )  # fmt: skip
        assert rows[0]["metric"] == "arms_deliveries_value"
        assert rows[0]["quote"] == "Die Antwort könnte bis zu 5,5 Milliarden US-Dollar betragen!"

    def test_table(self) -> None:
        """The table names the figures for people."""
        run = run_cli("extract", str(SOURCES / "003_f582aa4241273fed.txt"), "--format", "table")
        assert run.status == 0
        assert "11.000" in run.stdout
        assert "artillery_shell" in run.stdout

    def test_missing_file(self) -> None:
        """One line `PATH: message` on stderr, exit 2, no data."""
        run = run_cli("extract", "no/such.txt")
        assert (run.status, run.stdout) == (2, "")
        assert run.stderr == "no/such.txt: no such file\n"

    def test_undecodable_file(self, tmp_path: object) -> None:
        """Bytes that are not UTF-8 are an input error naming the file."""
        from pathlib import Path

        assert isinstance(tmp_path, Path)
        bad = tmp_path / "latin1.txt"
        bad.write_bytes("Über 5 Mio. Euro".encode("latin-1"))
        run = run_cli("extract", str(bad))
        assert (run.status, run.stdout) == (2, "")
        assert run.stderr.startswith(f"{bad}: not UTF-8 text")
        assert run.stderr.count("\n") == 1

    def test_subprocess(self) -> None:
        """The real program, as CI runs it."""
        run = run_process("extract", "-", "--lang", "de", stdin="Etwa 11.000 Container.\n")
        assert (run.status, run.stderr) == (0, "")
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        assert [(r["text"], r["value"], r["qualifier"]) for r in rows] == [
            ("Etwa 11.000 Container", "11000", "approx")
        ]
        missing = run_process("extract", "missing.txt")
        assert (missing.status, missing.stdout, missing.stderr) == (
            2, "", "missing.txt: no such file\n",
        )  # fmt: skip
