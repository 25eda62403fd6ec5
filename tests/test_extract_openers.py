"""`may_open` lets the grammar pass over words cheaply; it must never turn away a figure.

The invariant: wherever `SentenceReader.figures` skips a word token because
`may_open` says no, the full chain `_core` would have returned None there, so
the figures are the same as without the shortcut. Checked exhaustively over
every word of the lexicons and of the project's texts, and with hypothesis over
sentences built from those words, their inflections and random letters.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import english, lexicon, words
from claimcheck.extract.grammar import SentenceReader, may_open
from claimcheck.extract.numbers import scale_words
from claimcheck.extract.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "data" / "sources").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "draft").glob("*/*.txt")),
    ROOT / "bench" / "data" / "english_news.txt",
]


def _lexicon_words() -> list[str]:
    """Every word the number lexicons know, in both languages."""
    found: set[str] = set()
    for table in (
        words._GERMAN_MORPHEMES,
        words._ENGLISH_SMALL,
        words._ENGLISH_ORDINALS,
        words._DENOMINATORS,
        words._MULTIPLIERS,
        words._MIXED_FRACTIONS,
        words._MULTIPLICATIVES_EN,
        words._ORDINAL_STEMS,
        english._ZEROS,
        english._POWER_ORDINALS,
        english._FRACTION_WORDS,
        english._SMALL_SCALES,
        lexicon.VAGUE_MAGNITUDES,
        scale_words("de"),
        scale_words("en"),
    ):
        found.update(table)
    for group in (
        words.GERMAN_ARTICLES,
        words.ENGLISH_ARTICLES,
        english._HUNDREDS,
        english._DOZENS,
        english._NOT_DENOMINATORS,
        lexicon.SEVERAL,
    ):
        found.update(group)
    return sorted(word for word in found if word.isalpha())


LEXICON = _lexicon_words()
INFLECTIONS = ("", "s", "e", "en", "er", "es", "em", "te", "ten", "ste", "sten", "mal", "th")
FOLLOWERS = ("", "Millionen", "of thousands", "Euro", "dollars", "and a half", "hundred", "Tonnen")


def _assert_skips_are_empty(text: str, lang: str) -> None:
    """Every word token `may_open` turns away is one where `_core` finds nothing."""
    reader = SentenceReader(text, 0, len(text), lang)
    tokens = reader.tokens
    for i, kind in enumerate(tokens.kind):
        if kind == "word" and not may_open(tokens.text[i], lang):
            assert reader._core(i) is None, (text, lang, tokens.text[i])


def test_every_lexicon_word_and_inflection_in_context() -> None:
    for lang in ("de", "en"):
        for word in LEXICON:
            for ending in INFLECTIONS:
                for form in (word + ending, (word + ending).capitalize()):
                    for follower in FOLLOWERS:
                        _assert_skips_are_empty(f"Es waren {form} {follower} Container.", lang)


def test_every_sentence_of_the_project_texts() -> None:
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for lang in ("de", "en"):
            for start, end in split_sentences(text):
                _assert_skips_are_empty(text[start:end], lang)


def test_words_that_open_a_figure_are_let_through() -> None:
    """The shortcut is not `False` everywhere: number words still open figures."""
    for word in ("Tausende", "zweimal", "siebten", "dreihundert", "Millionen"):
        assert may_open(word, "de"), word
    for word in ("forty-two", "half", "a", "twice", "nought"):
        assert may_open(word, "en"), word
    assert not may_open("Container", "de")
    assert not may_open("delivered", "en")


_PIECES = st.sampled_from([*LEXICON, "und", "and", "Komma", "point", "of", "out", "Haus", "the"])


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    """A few lexicon words, inflected, capitalised, hyphenated or glued at random."""
    parts: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        word = draw(_PIECES) + draw(st.sampled_from(INFLECTIONS))
        if draw(st.booleans()):
            word = word.capitalize()
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            word += draw(st.sampled_from(("-", ""))) + draw(_PIECES)
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            word = draw(st.text(alphabet="abcdefghilmnorstuzäöüß", min_size=1, max_size=8))
        parts.append(word)
    return " ".join(parts) + draw(st.sampled_from(("", " 3", " Euro", " dollars", ".")))


@settings(max_examples=400)
@given(_sentences(), st.sampled_from(("de", "en")))
def test_random_sentences_of_number_words(text: str, lang: str) -> None:
    _assert_skips_are_empty(text, lang)
