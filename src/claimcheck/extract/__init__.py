"""`claimcheck extract`: find the figures of a German or English text.

The pipeline is one direction: decide the document's language
(`language.py`), split it into sentences (`sentences.py`), read each
sentence's figures with the grammar (`grammar.py`, which uses `numbers.py`
for digits, `words.py` for number words and `lexicon.py` for units and
qualifiers), and return frozen `Candidate` records whose spans slice back
to the text.
"""

from __future__ import annotations

from claimcheck.extract.grammar import SentenceReader
from claimcheck.extract.language import LANGUAGES, detect_language
from claimcheck.extract.model import Candidate
from claimcheck.extract.numbers import plain
from claimcheck.extract.sentences import split_sentences

__all__ = ["LANGUAGES", "Candidate", "detect_language", "extract_text", "plain"]


def extract_text(
    text: str,
    source_id: str,
    lang: str = "auto",
    sentences: list[tuple[int, int]] | None = None,
) -> list[Candidate]:
    """Every figure in `text`, in reading order.

    `lang` is `de`, `en` or `auto` (detected once per document); it decides
    how ambiguous digits such as `11.000` and scale words such as `Billion`
    are read. `sentences` are the spans `split_sentences(text)` returns, for
    a caller that has them already (the draft), so the text is split once.
    """
    if lang == "auto":
        lang = detect_language(text)
    elif lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (expected de, en or auto)")
    candidates: list[Candidate] = []
    for start, end in split_sentences(text) if sentences is None else sentences:
        reader = SentenceReader(text, start, end, lang)
        figures = reader.figures()
        if not figures:
            continue
        sentence = text[start:end]
        tokens = reader.tokens
        for figure in figures:
            first, last = tokens.start[figure.first], tokens.end[figure.last]
            candidates.append(
                Candidate(
                    source_id=source_id,
                    start=first,
                    end=last,
                    text=text[first:last],
                    value=figure.value,
                    value_high=figure.value_high,
                    unit=figure.unit,
                    qualifier=figure.qualifier,
                    sentence=sentence,
                    lang=lang,
                    note="; ".join(figure.notes),
                )
            )
    return candidates
