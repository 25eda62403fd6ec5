"""Which language a document is written in, by counting function words.

The only decision that depends on it is how to read digits (`11.000`) and
scale words (`Billion`), so a crude but predictable rule is enough: count
German and English stop words in the first 20,000 characters; the language
with more wins, and a tie (including a text without either) is German,
because claimcheck's sources are German news first.
"""

from __future__ import annotations

import re

from claimcheck.extract.lexicon import ENGLISH_STOPWORDS, GERMAN_STOPWORDS

LANGUAGES = ("de", "en")
SAMPLE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+")
_GERMAN_ONLY = GERMAN_STOPWORDS - ENGLISH_STOPWORDS
_ENGLISH_ONLY = ENGLISH_STOPWORDS - GERMAN_STOPWORDS


def detect_language(text: str) -> str:
    """Return `de` or `en` for a document (see the module docstring for the rule)."""
    # counted with map and sum, not a loop over matches: this reads every document
    words = list(map(str.casefold, _WORD.findall(text, 0, SAMPLE_CHARS)))
    german = sum(map(_GERMAN_ONLY.__contains__, words))
    english = sum(map(_ENGLISH_ONLY.__contains__, words))
    return "en" if english > german else "de"
