"""The figure grammar: tokens of one sentence in, candidates out.

A figure is read outward from its core number:

    [qualifier] [currency sign] CORE [scale] [bis|to|- CORE [scale]] [unit] [cents]

where CORE is digits, spelled-out words, a vague magnitude (`Tausende`), a
multiplicative (`zweimal`) or an ordinal that counts a known noun
(`siebten ... Atomtest`). The qualifier and currency sign are looked for
backwards from the core, everything else forwards, and nothing crosses the
sentence. Offsets are those of the tokens in the original text, so every
span slices back to its text.

Years, day-of-month dates, clock times, copyright lines and numbers glued to
letters (`F-16`, `3D`) are recognised here too, and dropped, because they
date or name something rather than state a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from claimcheck.extract import lexicon as lx
from claimcheck.extract.english import EnglishReader, cardinal
from claimcheck.extract.numbers import (
    ATTACHED_SCALES,
    CASED_SCALES,
    CURRENCY_ONLY_SCALES,
    parse_digits,
    scale_words,
)
from claimcheck.extract.tokens import Tokens, tokenize
from claimcheck.extract.words import (
    classify,
    english_ordinal,
    german_ordinal,
    multiplicative,
)

_FRACTIONS = {
    "¼": "0.25", "½": "0.5", "¾": "0.75", "⅐": "1/7", "⅑": "1/9", "⅒": "0.1",
    "⅓": "1/3", "⅔": "2/3", "⅕": "0.2", "⅖": "0.4", "⅗": "0.6", "⅘": "0.8",
    "⅙": "1/6", "⅚": "5/6", "⅛": "0.125", "⅜": "0.375", "⅝": "0.625", "⅞": "0.875",
}  # fmt: skip
_HUNDRED = {"hundert": Decimal(100), "hundred": Decimal(100)}
_DIGIT_CONTINUATIONS = frozenset(
    {"hundred", "hundreds", "lakh", "lakhs", "crore", "crores", "dozen", "dozens", "dz", "dzs",
     "doz", "dozs", "over", "in"}
)  # fmt: skip
"""Words after English digits that the English reader takes on (`322 hundred`, `1 in 5`)."""
_SIGN_WORDS = frozenset({"minus", "negative"})
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "quarter"})
_LENGTHS = frozenset({"meter", "kilometer", "mile", "foot", "inch", "yard"})
_BETWEEN = {"zwischen": "und", "between": "and"}
_DOTTED = frozenset({"mio", "mrd", "bio", "tsd"})
_COPYRIGHT = re.compile(r"©|\bcopyright\b|alle rechte vorbehalten|all rights reserved", re.I)
_CAPITAL = re.compile(r"[A-ZÄÖÜ]")
_CORE_KINDS = frozenset({"num", "frac", "word"})
"""The token kinds `_core` reads; a figure starts at no other token."""
_QUALIFIER_ENDS = frozenset(phrase[-1] for phrase in lx.QUALIFIER_PHRASES)
_NAME_LIKE = re.compile(r"[A-Z]|[a-z]+[A-Z]")
"""A capitalised word or one with an inner capital (`iPhone`): a name, in English."""


@cache
def _registry_currencies() -> frozenset[str]:
    """ISO codes the registry defines as currencies: these may stand as words (`3 USD`)."""
    from claimcheck.units import registry

    ureg = registry()
    return frozenset(
        name
        for name in ureg._units
        if len(name) == 3 and name.isupper() and "currency" in str(ureg.Unit(name).dimensionality)
    )


@cache
def _currency_prefixes() -> frozenset[str]:
    """Words that may carry glued digits as a currency amount (`USD115`, `RM79`)."""
    return (_registry_currencies() | frozenset(lx.CURRENCY_PREFIX_WORDS)) - lx.CODES_AS_NAMES


@cache
def _currency_code(word: str) -> tuple[str, Decimal] | None:
    """(ISO code, scale) of a code written as a word: `USD`, `RM`, `MEUR` (millions of EUR)."""
    if word in _registry_currencies():
        return word, Decimal(1)
    if word in lx.CURRENCY_PREFIX_WORDS:
        return lx.CURRENCY_PREFIX_WORDS[word], Decimal(1)
    prefix, code = word[:1], word[1:]
    if prefix == lx.MILLION_CURRENCY_PREFIX and code in _registry_currencies():
        return code, Decimal(10) ** 6
    return None


_ENGLISH_OPENERS = frozenset({"tens", "half", "quarter", "a", "an", "hundred"})
"""English words `_word_core` and the English reader test by name at a figure's first token."""


@cache
def may_open(word: str, lang: str) -> bool:
    """Whether word token `word` can be the first token of a figure in `lang`.

    False only when every branch of `_word_core` (and of the English reader it
    calls) is sure to return None, so a sentence's other words are passed over
    with one cached lookup instead of the whole chain. Each test below is the
    first condition of one branch, read from the same lexicons; the tests in
    test_extract_properties.py check that no word it turns away opens a figure.
    """
    folded = word.casefold()
    if "-" in folded or folded in lx.VAGUE_MAGNITUDES or folded in lx.SEVERAL:
        return True
    if folded in ("millionen", "milliarden") or multiplicative(word) is not None:
        return True
    if lang == "en":
        opens = folded in _ENGLISH_OPENERS or cardinal(folded) is not None
        return opens or english_ordinal(word) is not None
    return german_ordinal(word) is not None or classify(word, lang, scale_words(lang)) is not None


@dataclass
class Figure:
    """A figure under construction: token range, value and what was learnt about it."""

    first: int
    last: int
    value: Decimal
    kind: str
    value_high: Decimal | None = None
    unit: str = ""
    qualifier: str = "exact"
    notes: list[str] = field(default_factory=list)
    scaled: bool = False
    currency_prefix: bool = False
    year_like: bool = False


class SentenceReader:
    """Reads the figures of one sentence; see the module docstring for the grammar."""

    def __init__(self, content: str, start: int, end: int, lang: str) -> None:
        self.content = content
        self.tokens: Tokens = tokenize(content, start, end, _currency_prefixes())
        self.lang = lang
        self.scales = scale_words(lang)
        self.english = EnglishReader(self.tokens, self.scales) if lang == "en" else None
        self.millions = False
        self.skip = bool(_COPYRIGHT.search(content, start, end))

    def figures(self) -> list[Figure]:
        """Every figure in the sentence, left to right, none overlapping."""
        if self.skip:
            return []
        found: list[Figure] = []
        floor = 0  # tokens before this index belong to an earlier figure
        i = 0
        kinds, texts, lang = self.tokens.kind, self.tokens.text, self.lang
        while i < len(kinds):
            kind = kinds[i]
            if kind not in _CORE_KINDS or (kind == "word" and not may_open(texts[i], lang)):
                i += 1  # `_core` is None here: no figure starts at this token
                continue
            figure = self._figure_at(i, floor)
            if figure is None:
                i += 1
                continue
            if figure.kind != "drop":
                found.append(figure)
            floor = figure.last + 1
            i = figure.last + 1
        return found

    # --- the core number ------------------------------------------------

    def _core(self, i: int) -> Figure | None:
        t = self.tokens
        kind = t.kind[i]
        if kind == "num":
            return self._digits_core(i)
        if kind == "frac":
            return Figure(i, i, _fraction(_FRACTIONS[t.text[i]]), "digits")
        if kind == "word":
            return self._word_core(i)
        return None

    def _digits_core(self, i: int) -> Figure | None:
        t = self.tokens
        raw = t.text[i]
        # a fraction written with a slash: 1/2, 3/4
        fraction = self._slash_fraction(i)
        if fraction is not None:
            return fraction
        parsed = parse_digits(raw, self.lang)
        if parsed is None:
            return Figure(i, i, Decimal(0), "drop")  # a version number or a date: 3.2.1
        figure = Figure(i, i, parsed.value, "digits")
        if parsed.note:
            figure.notes.append(parsed.note)
        figure.year_like = raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) <= 2100
        if raw.isdigit():
            self._mixed_fraction(figure)
        self._power(figure)
        if self.english is not None and figure.last == i and self._english_follows(i + 1):
            reading = self.english.read(i, parsed.value)
            if reading is not None:
                figure.last, figure.value, figure.scaled = (
                    reading.last,
                    reading.value,
                    reading.scaled,
                )
                figure.year_like = False
        return figure

    def _power(self, figure: Figure) -> None:
        """`2.5^-1`, `1.3x10^6`: a power written with a caret is one figure."""
        t = self.tokens
        j = figure.last + 1
        factor = Decimal(1)
        times_ten = t.is_word(j, "x") and t.adjacent(j - 1, j) and t.text[j + 1 : j + 2] == ["10"]
        if times_ten and t.is_sym(j + 2, "^"):
            factor, j = Decimal(10), j + 2
        if not (t.is_sym(j, "^") and t.adjacent(j - 1, j) and t.kind[j + 1 : j + 2] == ["num"]):
            return
        exponent = t.text[j + 1]
        if not exponent.lstrip("+-").isdigit() or len(exponent) > 3 or abs(int(exponent)) > 30:
            return
        base = factor if factor != 1 else figure.value
        power = base ** int(exponent)
        figure.value = figure.value * power if factor != 1 else power
        figure.last = j + 1

    def _slash_fraction(self, i: int) -> Figure | None:
        """`3/4`, `-4/5`: a fraction written with a slash; other slashes (`5/17`) are dropped."""
        t = self.tokens
        raw = t.text[i].lstrip("-\u2212+")
        slash = t.is_sym(i + 1, "/") and t.adjacent(i, i + 1) and t.adjacent(i + 1, i + 2)
        if not (slash and t.kind[i + 2] == "num" and raw.isdigit() and t.text[i + 2].isdigit()):
            return None
        if len(raw) > 2 or len(t.text[i + 2]) > 2:  # int() refuses 4,300 digits; >16 is no fraction
            return None
        numerator, denominator = int(raw), int(t.text[i + 2])
        if 0 < numerator < denominator <= 16:
            sign = -1 if raw != t.text[i] and t.text[i][0] != "+" else 1
            return Figure(i, i + 2, sign * Decimal(numerator) / Decimal(denominator), "digits")
        return Figure(i, i + 2, Decimal(0), "drop")

    def _mixed_fraction(self, figure: Figure) -> None:
        """`10 1/2 miles`, `2½`: a whole number and a fraction are one figure."""
        t = self.tokens
        j = figure.last + 1
        if t.kind[j : j + 1] == ["frac"] and t.start[j] - t.end[j - 1] <= 1:
            figure.value += _fraction(_FRACTIONS[t.text[j]])
            figure.last = j
            return
        if t.kind[j : j + 1] != ["num"] or not 1 <= t.start[j] - t.end[j - 1] <= 2:
            return
        fraction = self._slash_fraction(j) if t.text[j].isdigit() else None
        if fraction is not None and fraction.kind == "digits":
            figure.value += fraction.value
            figure.last = fraction.last

    def _english_follows(self, j: int) -> bool:
        """Whether the words after English digits continue the number (`3 hundred and 21`)."""
        t = self.tokens
        if not t.is_word(j):
            return False
        folded = t.folded[j]
        if folded in _DIGIT_CONTINUATIONS:
            return True
        if folded == "out":
            return t.is_word(j + 1, "of")
        if folded in self.scales and folded.isalpha():
            return t.is_word(j + 1, "and") or (
                j + 1 < len(t) and (t.kind[j + 1] == "num" or t.is_word(j + 1, "hundred"))
            )
        return False

    def _word_core(self, i: int) -> Figure | None:
        t = self.tokens
        folded = t.folded[i]
        vague = lx.VAGUE_MAGNITUDES.get(folded)
        if self.english is not None and folded == "tens":
            vague = 10
        if vague is not None or folded in ("millionen", "milliarden"):
            scale = vague or int(self.scales[folded])
            last = i
            while t.is_word(last + 1, "of") and t.is_word(last + 2):
                larger = lx.VAGUE_MAGNITUDES.get(t.folded[last + 2])
                if larger is None or larger <= 12:
                    break
                scale, last = scale * larger, last + 2  # `tens of thousands`
            if vague == 10 and last == i:
                return None
            return Figure(i, last, Decimal(scale), "vague", qualifier="at_least")
        if folded in lx.SEVERAL and t.is_word(i + 1):
            scale_word = t.folded[i + 1]
            several = self.scales.get(scale_word) or _HUNDRED.get(scale_word)
            if several is not None:
                return Figure(i, i + 1, 2 * Decimal(several), "vague", qualifier="at_least")
        times = multiplicative(t.text[i])
        if times is not None:
            return Figure(i, i, times, "multiplicative")
        ordinal = english_ordinal(t.text[i]) if self.lang == "en" else german_ordinal(t.text[i])
        if ordinal is not None and classify(t.text[i], self.lang, self.scales) is None:
            return Figure(i, i, ordinal, "ordinal")
        if "-" in folded and classify(t.text[i], self.lang, self.scales) is None:
            hyphenated = self._hyphenated(i)
            if hyphenated is not None or self.english is None:
                return hyphenated
        if self.english is not None:
            words = self._english_words(i)
            if words is None and folded == "half" and self._after_qualifier(i):
                return Figure(i, i, Decimal("0.5"), "words")  # `more than half`
            return words
        return self._spelled(i)

    def _after_qualifier(self, i: int) -> bool:
        """Whether a qualifier phrase ends right before token i (`nearly half`)."""
        t = self.tokens
        for size in (3, 2, 1):
            phrase = tuple(t.folded[max(0, i - size) : i])
            if len(phrase) == size and phrase in lx.QUALIFIER_PHRASES:
                return True
        return False

    def _english_words(self, i: int) -> Figure | None:
        """English number words through the English reader, with the grammar's name checks."""
        assert self.english is not None
        t = self.tokens
        reading = self.english.read(i)
        if reading is None:
            if t.is_word(i) and t.folded[i] in ("a", "an"):
                return self._article(i)
            return None
        if reading.last == i and not self._is_number_word(i):
            return None
        return Figure(i, reading.last, reading.value, "words", scaled=reading.scaled)

    def _measure_after(self, k: int) -> bool:
        """Whether token k is a unit of measure, which an article counts (`ein Pfund`)."""
        t = self.tokens
        if not t.is_word(k):
            return False
        if self.lang == "en":
            unit = lx.english_noun_unit(t.folded[k])
        else:
            unit = lx.german_noun_unit(t.text[k]) if _CAPITAL.match(t.text[k]) else None
        return unit in lx.MEASURES

    def _article(self, i: int) -> Figure | None:
        """`a dollar` is one; `a $5m` is not: the article counts only a currency it names."""
        t = self.tokens
        if i + 1 >= len(t) or t.kind[i + 1] != "word":
            return None  # `a $5m`, `a $ 300 million`: the number comes after the sign
        currency = self._currency_after(i + 1)
        if currency is None:
            return None
        after = currency[1] + 1
        if after < len(t) and t.kind[after] in ("num", "frac"):
            return None
        return Figure(i, i, Decimal(1), "words")

    def _hyphenated(self, i: int) -> Figure | None:
        """`siebenhundert-Euro`, `fünf-Tonnen`: a number word joined to its unit."""
        head, _, tail = self.tokens.text[i].rpartition("-")
        word = classify(head, self.lang, self.scales)
        if word is None or word.kind != "cardinal":
            return None
        unit = lx.CURRENCY_NAMES.get(tail.casefold())
        if unit is None:
            unit = lx.english_noun_unit(tail) if self.lang == "en" else lx.german_noun_unit(tail)
        if unit is None:
            return None
        return Figure(i, i, word.value, "words", unit=unit)

    def _spelled(self, i: int) -> Figure | None:
        """Spelled-out numbers over one or more words (`zwei Millionen dreihunderttausend`)."""
        t = self.tokens
        total = Decimal(0)
        current: Decimal | None = None
        last_added = Decimal(0)
        last_kind = ""
        k = i
        while k < len(t) and t.kind[k] == "word":
            word = classify(t.text[k], self.lang, self.scales)
            folded = t.folded[k]
            if word is None:
                if folded in ("und", "and") and current is not None and self._joins(k):
                    last_kind = "und"
                    k += 1
                    continue
                if folded in ("komma", "point") and current is not None:
                    decimals = self._decimal_words(k + 1)
                    if decimals:
                        digits, k = decimals
                        current = current + Decimal("0." + digits)
                        last_kind = "decimal"
                break
            if word.kind == "cardinal":
                if last_kind not in ("", "hundred", "scale", "und"):
                    break
                if last_kind == "scale" and self.lang == "en" and word.value >= 1000:
                    break
                current = (current or Decimal(0)) + word.value
                last_added = word.value
            elif word.kind == "article":
                if k != i:
                    break
                current, last_added = Decimal(1), Decimal(1)
            elif word.kind == "hundred":
                current = (current or Decimal(1)) * 100
            elif word.kind == "denominator":
                if current is None or last_kind not in ("cardinal", "article"):
                    break
                current = current - last_added + last_added / word.value
            elif word.kind == "multiplier":
                if current is None:
                    break
                current = current * word.value
            else:  # scale
                if current is None:
                    break
                total += current * word.value
                current = None
            last_kind = word.kind
            k += 1
        if k == i or last_kind == "und":
            return None
        last = k - 1
        value = total + (current or Decimal(0))
        if last_kind == "article":
            if self._currency_after(k) is not None or self._measure_after(k):
                return Figure(i, last, Decimal(1), "words")
            return None
        if last == i and not self._is_number_word(i):
            return None
        return Figure(i, last, value, "words", scaled=last_kind == "scale")

    def _is_number_word(self, i: int) -> bool:
        """A lone number word that is not a name (`Claudia Tausend`) and not `one of`."""
        t = self.tokens
        text = t.text[i]
        if self.lang == "en" and t.folded[i] == "one" and t.is_word(i + 1, "of"):
            return False
        pronoun = t.is_word(i - 1) and t.folded[i - 1] in lx.PRONOUN_ONE_BEFORE
        if self.lang == "en" and t.folded[i] == "one" and pronoun:
            # `no one`, `the one`: a pronoun; `the one person`: a count
            return t.is_word(i + 1) and lx.english_noun_unit(t.folded[i + 1]) is not None
        if _CAPITAL.match(text) and i > 0 and t.kind[i - 1] == "word":
            previous = t.text[i - 1]
            if _CAPITAL.match(previous) and t.folded[i - 1] not in lx.GERMAN_STOPWORDS:
                return False
        return True

    def _joins(self, k: int) -> bool:
        """`und`/`and` inside a number: `fünf und drei Viertel`, `two hundred and fifty`."""
        t = self.tokens
        nxt = classify(t.text[k + 1], self.lang, self.scales) if t.is_word(k + 1) else None
        if nxt is None:
            return False
        if nxt.kind == "article" and t.is_word(k + 2, "half", "halb"):
            return True
        if nxt.kind != "cardinal":
            return False
        after = classify(t.text[k + 2], self.lang, self.scales) if t.is_word(k + 2) else None
        if after is not None and after.kind == "denominator":
            return True
        return self.lang == "en" and t.is_word(k - 1) and t.folded[k - 1] in ("hundred",)

    def _decimal_words(self, k: int) -> tuple[str, int] | None:
        """Digits spoken after `Komma`: `zwei Komma drei` -> ("3", index after)."""
        t = self.tokens
        digits = ""
        while t.is_word(k):
            word = classify(t.text[k], self.lang, self.scales)
            if word is None or word.kind != "cardinal" or word.value > 9:
                break
            digits += str(int(word.value))
            k += 1
        return (digits, k) if digits else None

    # --- around the core --------------------------------------------------

    def _figure_at(self, i: int, floor: int) -> Figure | None:
        t = self.tokens
        figure = self._core(i)
        if figure is None or figure.kind == "drop":
            return figure
        if figure.kind == "digits" and figure.last == i:
            chain = self._identifier_end(i)
            if chain is not None:
                figure.kind, figure.last = "drop", chain
                return figure
        if figure.kind in ("digits", "words"):
            sign = figure.first - 1
            if self.english is not None and sign >= floor and t.folded[sign] in _SIGN_WORDS:
                figure.value, figure.first = -figure.value, sign
            if self._currency_before(i, floor, figure):
                figure.currency_prefix = True
            self._scale(figure)
            if self._glued(figure):
                figure.kind = "drop"
                return figure
            self._range(figure)
        self._unit(figure)
        self._qualifier(figure, floor)
        if figure.kind == "ordinal" and not figure.unit:
            return None
        rank = figure.value == 1 or figure.unit in _TIME_UNITS
        if figure.kind == "ordinal" and self.english is not None and rank:
            return None  # `first week`, `third quarter`: ranks and periods, not counts
        if figure.kind in ("digits", "words") and self._not_a_figure(figure):
            figure.kind = "drop"
        if figure.kind == "multiplicative":
            figure.unit = self._visit(figure)
        return figure

    def _currency_before(self, i: int, floor: int, figure: Figure) -> bool:
        """A sign or ISO code right before the number (`$5`, `US$ 5`, `EUR 12`, `nzd$15`)."""
        t = self.tokens
        j = i - 1
        if j < floor:
            return False
        if t.kind[j] == "other" and t.text[j] in lx.CURRENCY_SYMBOLS:
            code = lx.CURRENCY_SYMBOLS[t.text[j]]
            if t.text[j] == "$" and j - 1 >= floor and t.is_word(j - 1):
                prefix = t.text[j - 1].upper()
                glued = t.adjacent(j - 1, j)
                # spaced only when no English word: `a $5m` is an article, `A$5m` Australian
                spaced = len(prefix) > 1 or t.folded[j - 1] not in lx.ENGLISH_STOPWORDS
                if glued and prefix in _registry_currencies():
                    code, j = prefix, j - 1
                elif prefix in lx.DOLLAR_PREFIXES and (glued or spaced):
                    code, j = lx.DOLLAR_PREFIXES[prefix], j - 1
            figure.first, figure.unit = j, code
            return True
        written = _currency_code(t.text[j]) if t.is_word(j) else None
        if written is None and self.english is not None and t.is_word(j) and len(t.text[j]) == 3:
            written = _currency_code(t.text[j].upper())
        if written is not None:
            figure.first, figure.unit = j, written[0]
            figure.value *= written[1]
            figure.scaled = figure.scaled or written[1] != 1
            return True
        return False

    def _scale(self, figure: Figure) -> None:
        """Multiply by a following scale word or abbreviation (`Milliarden`, `Mio.`, `bn`)."""
        if figure.scaled:
            return
        t = self.tokens
        j = figure.last + 1
        hyphen = t.is_sym(j, "-") and t.adjacent(j - 1, j) and t.adjacent(j, j + 1)
        word = t.folded[j + 1] if hyphen and t.is_word(j + 1) else ""
        if self.english is not None and word in self.scales and word.isalpha():
            j += 1  # `15-thousand troops`
        if not t.is_word(j):
            return
        folded = t.folded[j]
        scale: Decimal | None = None
        if t.adjacent(figure.last, j):
            if folded in ATTACHED_SCALES:
                scale = ATTACHED_SCALES[folded]
            elif folded in CURRENCY_ONLY_SCALES and figure.currency_prefix:
                scale = CURRENCY_ONLY_SCALES[folded]
            elif self.english is not None and figure.kind == "digits":
                scale = CASED_SCALES.get(t.text[j])
                if t.text[j] == "m" and not (self.millions or self._counted_after(j + 1)):
                    scale = None  # `5m` alone is metres; `20m users` millions
        elif self.english is not None and t.text[j] == "k" and not t.is_word(j + 1):
            scale = Decimal(1000)  # `2.33 k` at the end of a clause
        if scale is None and folded in self.scales and figure.kind == "digits":
            scale = self.scales[folded]
            if folded == "billion" and self.lang == "de" and not t.text[j][0].isupper():
                scale = Decimal(10) ** 9  # lower-case `billion` in German text is an English loan
        if scale is None:
            return
        if folded == "m":
            self.millions = True  # later `5m` in the sentence are millions too
        figure.value *= scale
        figure.last = j
        figure.scaled = True
        if folded in _DOTTED and t.is_sym(j + 1, ".") and t.adjacent(j, j + 1):
            figure.last = j + 1

    def _counted_after(self, k: int, names: bool = False) -> bool:
        """Whether a plural noun or a currency follows (`20m users`, `3m euros`); with
        `names`, a capitalised plural too (`40 Americans`)."""
        t = self.tokens
        if not t.is_word(k) or (_CAPITAL.match(t.text[k]) and not names):
            return False
        folded = t.folded[k]
        if folded in lx.ENGLISH_STOPWORDS or lx.english_noun_unit(folded) in _LENGTHS:
            return False
        if folded in lx.NOT_NOUNS or folded.endswith("ly"):
            return False
        plural = folded.endswith("s") and not folded.endswith(("ss", "us", "is"))
        return plural or folded in lx.CURRENCY_NAMES or folded in lx.IRREGULAR_PLURALS

    def _glued(self, figure: Figure) -> bool:
        """Digits glued to letters that are not a unit (`3D`, `5G`, `1990er`) name something."""
        t = self.tokens
        j = figure.last + 1
        if figure.kind != "digits" or not t.adjacent(figure.last, j) or t.kind[j] != "word":
            return False
        folded = t.folded[j]
        return not (
            folded in lx.PERCENT_WORDS
            or folded in lx.CURRENCY_NAMES
            or t.text[j] in _registry_currencies()
            or _currency_code(t.text[j]) is not None
            or t.text[j] in lx.CURRENCY_SYMBOLS
            or t.text[j] in lx.UNIT_SYMBOLS
            or folded in ("m", "km", "kg", "t", "l")
        )

    def _range(self, figure: Figure) -> None:
        """`100 bis 300 Milliarden`, `15,000 to 18,000`, `30-40.000`, `zwischen 5 und 10`."""
        t = self.tokens
        j = figure.last + 1
        percent = self.english is not None and t.is_sym(j, "%")
        if percent:
            j += 1  # `between 4% and 5%`: the sign is written at both ends
        between = figure.first - 1
        if self._change(between):
            return  # `rose from 90 to 85`: two figures, before and after
        closing = _BETWEEN.get(t.folded[between]) if t.is_word(between) else None
        # `5.25%-5.5%`: after the sign, the hyphen was read as the high end's minus
        joined = percent and t.kind[j : j + 1] == ["num"] and t.text[j][:1] == "-"
        if joined and t.adjacent(j - 1, j) and closing is None:
            start = j
        elif closing is not None:
            if not t.is_word(j, closing):
                return
            start = j + 1
        elif not (t.is_word(j, "bis", "to") or t.is_sym(j, "-", "–", "—")):
            return
        else:
            start = j + 1
        if t.is_word(start, "zu") or start >= len(t):
            return
        if figure.currency_prefix and t.is_sym(start, *lx.CURRENCY_SYMBOLS):
            if self.english is None or t.text[start] != t.text[figure.first]:
                return
            start += 1  # `$20 to $30`
        high = self._core(start) if start < len(t) else None
        if high is None or high.kind not in ("digits", "words"):
            return
        if percent and not t.is_sym(high.last + 1, "%"):
            return
        if start == j:
            high.value = -high.value
        if figure.year_like and len(t.text[high.first]) == 2 and t.text[high.first].isdigit():
            figure.kind, figure.last = "drop", high.last  # `2023-24`: a season, a fiscal year
            return
        self._scale(high)
        low = figure.value
        if high.scaled and not figure.scaled:
            low = low * (high.value / _unscaled(self, high))
        elif (
            figure.kind == "digits"
            and high.kind == "digits"
            and t.text[figure.first if not figure.currency_prefix else figure.last].isdigit()
            and low > 0
            and low * 1000 <= high.value
            and re.search(r"[.,]000$", t.text[high.first]) is not None
        ):
            low *= 1000  # 30-40.000 writes the thousands once, for both ends
            figure.notes.append("low end takes the thousands of the high end")
        if low > high.value:
            return
        if figure.year_like and high.year_like:
            figure.kind = "drop"
        figure.value, figure.value_high = low, high.value
        figure.qualifier = "range"
        figure.last = high.last
        figure.notes.extend(high.notes)
        if closing is not None:
            figure.first = between

    def _identifier_end(self, i: int) -> int | None:
        """The last token of `1111-2222-3333`, `2024-01-15`: three or more digit groups joined
        by hyphens or slashes name an account, a line or a date; None for other numbers."""
        t = self.tokens
        k, parts = i, 1
        while k + 2 < len(t) and t.is_sym(k + 1, "-", "/") and t.kind[k + 2] == "num":
            if not (t.adjacent(k, k + 1) and t.adjacent(k + 1, k + 2)):
                break
            k, parts = k + 2, parts + 1
        return k if parts >= 3 else None

    def _change(self, k: int) -> bool:
        """Whether token k is `from` after a verb of change (`rose from`, `cut from`)."""
        t = self.tokens
        return t.is_word(k, "from") and t.is_word(k - 1) and t.folded[k - 1] in lx.CHANGE_WORDS

    def _unit(self, figure: Figure) -> None:
        """Percent, currency or counted noun after the figure; cents after a currency."""
        t = self.tokens
        j = figure.last + 1
        if j >= len(t) or (figure.unit and not figure.currency_prefix):
            return
        if t.is_sym(j, "%", "‰") or t.is_word(j, "prozent", "percent", "pct", "promille"):
            figure.unit = lx.PERCENT_WORDS[t.folded[j]]
            figure.last = j
            return
        if t.is_word(j, "per") and t.is_word(j + 1, "cent"):
            figure.unit, figure.last = "percent", j + 1
            return
        symbol = self._unit_symbol(j, figure)
        if symbol is not None:
            figure.unit, figure.last = symbol
            self._inches(figure)
            return
        if figure.kind == "vague" and t.is_word(j, "of"):
            of_currency = self._currency_after(j + 1)
            if of_currency is not None:  # `millions of dollars`
                figure.unit, figure.last = of_currency
                return
        currency = self._currency_after(j) if figure.kind != "ordinal" else None
        if currency is not None and not figure.currency_prefix:
            figure.unit, figure.last = currency
            code = _currency_code(t.text[j]) if t.is_word(j) else None
            if code is not None and code[1] != 1:
                figure.value *= code[1]  # `120 MEUR`
            elif not figure.scaled and t.is_word(figure.last + 1):
                scale = self.scales.get(t.folded[figure.last + 1])
                if scale is not None and scale >= 1000:  # `75 USD million`
                    figure.value *= scale
                    figure.last += 1
            self._cents(figure)
            return
        if figure.currency_prefix:
            return
        noun = self._noun(j, figure)
        if noun is not None:
            figure.unit, figure.last = noun
            self._inches(figure)

    def _inches(self, figure: Figure) -> None:
        """`5 ft 2 in`, `5 feet and 2 inches`: feet and inches are one length, in feet."""
        t = self.tokens
        if figure.unit != "foot":
            return
        j = figure.last + 1
        if t.is_word(j, "and"):
            j += 1
        if (
            t.kind[j : j + 1] != ["num"]
            or not t.text[j].isdigit()
            or len(t.text[j]) > 2
            or int(t.text[j]) >= 12
        ):
            return
        if not t.is_word(j + 1, "in", "inch", "inches"):
            return
        figure.value += Decimal(t.text[j]) / 12
        figure.last = j + 1

    def _unit_symbol(self, j: int, figure: Figure) -> tuple[str, int] | None:
        """A unit symbol after the number: `512GB`, `70 mph`, `5m` (glued single letters only)."""
        t = self.tokens
        if figure.currency_prefix:
            return None
        degrees = t.is_sym(j, "°") and t.adjacent(j - 1, j) and t.adjacent(j, j + 1)
        if degrees and t.is_word(j + 1, "c", "f"):
            return lx.UNIT_SYMBOLS["°" + t.text[j + 1].upper()], j + 1  # `40°C`
        if t.kind[j] != "word":
            return None
        text = t.text[j]
        unit = lx.UNIT_SYMBOLS.get(text)
        if unit is None:
            return None
        if len(text) == 1 and not t.adjacent(j - 1, j):
            return None
        if text == "km" and t.is_sym(j + 1, "/") and t.is_word(j + 2, "h", "hr"):
            return "kph", j + 2
        return unit, j

    def _currency_after(self, j: int) -> tuple[str, int] | None:
        """(ISO code, last token) of a currency starting at token j, or None."""
        t = self.tokens
        if j >= len(t):
            return None
        if t.text[j] in lx.CURRENCY_SYMBOLS:
            return lx.CURRENCY_SYMBOLS[t.text[j]], j
        if t.kind[j] != "word":
            return None
        if t.is_word(j + 1):
            pair = t.folded[j] + " " + t.folded[j + 1]
            if pair in lx.CURRENCY_NAMES:
                return lx.CURRENCY_NAMES[pair], j + 1
            stem = lx.adjective_stem(t.folded[j])
            nouns = lx.CURRENCY_ADJECTIVES.get(stem)
            if nouns is not None and t.folded[j + 1] in nouns:
                return nouns[t.folded[j + 1]], j + 1
        if self.lang == "en":
            names = lx.english_currency_names(_registry_currencies())
            for size in (3, 2):
                if j + size <= len(t) and all(t.is_word(k) for k in range(j, j + size)):
                    name = " ".join(t.folded[j : j + size])
                    if name in names:
                        return names[name], j + size - 1
        if t.folded[j] in lx.CURRENCY_NAMES:
            return lx.CURRENCY_NAMES[t.folded[j]], j
        code = _currency_code(t.text[j])
        if code is not None:
            return code[0], j
        return None

    def _cents(self, figure: Figure) -> None:
        """`zwei Euro fünfzig`, `15 Dollar und 15 Cent`: a hundredth part after the currency."""
        t = self.tokens
        j = figure.last + 1
        if t.is_word(j, "und", "and"):
            j += 1
        if j >= len(t) or figure.value_high is not None:
            return
        if self.english is not None and not t.is_word(figure.last):
            return  # `10 $ 30 $`: after a sign, the next number is a figure of its own
        if self.english is not None and t.text[figure.last].isupper():
            return  # `10 USD 20`: after a code too
        minor = self._core(j)
        if minor is None or minor.kind not in ("digits", "words"):
            return
        if minor.last != j and (self.english is None or minor.kind != "words"):
            return
        if not (0 < minor.value < 100 and minor.value == minor.value.to_integral_value()):
            return
        end = minor.last
        following = end + 1
        if t.adjacent(end, following) and t.kind[following] == "word":
            return  # `11a`: a name, not cents
        if t.is_word(following) and t.folded[following] in lx.MINOR_UNITS:
            end = following
        elif following < len(t) and t.kind[following] in ("word", "num"):
            joined = self.english is not None and t.folded[following] in lx.ENGLISH_STOPWORDS
            if not joined:
                return  # `15 Dollar und 15 Euro`: the second number is a figure of its own
        figure.value += minor.value / 100
        figure.last = end

    def _noun(self, j: int, figure: Figure) -> tuple[str, int] | None:
        """The counted noun after the figure: (unit, last token), adjectives skipped."""
        t = self.tokens
        if t.is_word(j, "von", "of") and figure.kind == "vague":
            j += 1
        if self.lang == "en":
            return self._english_noun(j, figure)
        for k in range(j, min(j + 3, len(t))):
            if not t.is_word(k):
                return None
            text = t.text[k]
            folded = t.folded[k]
            if folded in lx.GERMAN_STOPWORDS or folded in lx.MONTHS:
                return None
            if _CAPITAL.match(text):
                unit = lx.german_noun_unit(text)
                if unit is None and (figure.kind == "ordinal" or folded in self.scales):
                    return None
                return (unit or text), k
        return None

    def _english_noun(self, j: int, figure: Figure) -> tuple[str, int] | None:
        t = self.tokens
        for k in range(j, min(j + 3, len(t))):
            if not t.is_word(k) or t.folded[k] in lx.ENGLISH_STOPWORDS:
                break
            if t.folded[k] in lx.NOT_NOUNS:
                break
            if t.is_word(k + 1):
                unit = lx.english_noun_unit(t.folded[k] + " " + t.folded[k + 1])
                if unit is not None:
                    return unit, k + 1
            unit = lx.english_noun_unit(t.folded[k])
            if unit is not None:
                return unit, k
        if figure.kind == "ordinal" or not t.is_word(j):
            return None
        if t.folded[j] in lx.ENGLISH_STOPWORDS or t.folded[j] in self.scales:
            return None
        if figure.value == 1 and t.text[j].islower() and t.folded[j] not in lx.NOT_NOUNS:
            return t.text[j], j  # `one dealer`
        if self._counted_after(j, names=True):
            return t.text[j], j
        modifier = t.text[j].islower() and t.folded[j] not in lx.NOT_NOUNS
        if modifier and not t.folded[j].endswith("ly") and self._counted_after(j + 1):
            return t.text[j + 1], j + 1  # `7,412 asylum applications`
        return None

    def _qualifier(self, figure: Figure, floor: int) -> None:
        """A qualifier right before the figure (`etwa`, `bis zu`, `ca.`, `more than`)."""
        t = self.tokens
        j = figure.first - 1
        if j < floor:
            return
        if t.is_sym(j, ".") and t.is_word(j - 1) and t.folded[j - 1] in lx.QUALIFIER_ABBREVIATIONS:
            if j - 1 >= floor:
                self._qualify(figure, lx.QUALIFIER_PHRASES[(t.folded[j - 1],)], j - 1)
            return
        for size in (3, 2, 1):
            first = j - size + 1
            if first < floor or not all(t.is_word(k) for k in range(first, j + 1)):
                continue
            phrase = tuple(t.folded[first : j + 1])
            if phrase in lx.QUALIFIER_PHRASES:
                self._qualify(figure, lx.QUALIFIER_PHRASES[phrase], first)
                return

    def _qualify(self, figure: Figure, qualifier: str, first: int) -> None:
        if figure.qualifier == "range":
            figure.notes.append(f"range stated as {qualifier}")
        else:
            figure.qualifier = qualifier
        figure.first = first

    def _not_a_figure(self, figure: Figure) -> bool:
        """Years, days of the month and clock times: numbers that date, not count."""
        t = self.tokens
        core = figure.first
        while core <= figure.last and t.kind[core] not in ("num", "frac", "word"):
            core += 1
        if t.kind[core] != "num":
            return False
        before, after = core - 1, figure.last + 1
        if t.is_sym(after, ":") and t.kind[after + 1 : after + 2] == ["num"]:
            return True
        if t.is_sym(before, ":") and t.kind[before - 1 : before] == ["num"]:
            return True
        if t.is_word(after) and t.folded[after] in lx.NOT_A_FIGURE_AFTER:
            return True
        if t.is_word(before) and t.folded[before] in lx.MONTHS:
            return True
        if t.is_sym(after, ".") and (t.is_word(after + 1) and t.folded[after + 1] in lx.MONTHS):
            return True
        if (
            self.lang == "de"
            and figure.last == core
            and t.is_sym(after, ".")
            and re.fullmatch(r"\d{1,2}[.]\d{1,2}", t.text[core])
        ):
            return True  # 26.5. is a date
        if self.english is not None and self._english_name_or_time(figure, core):
            return True
        plain_year = figure.year_like and not figure.scaled and figure.value_high is None
        if plain_year and not figure.currency_prefix and figure.unit not in ("percent",):
            if t.is_word(before) and t.folded[before] in lx.YEAR_WORDS:
                return True
            counted = figure.unit and figure.unit != t.text[figure.last]
            known_currency = figure.unit in _registry_currencies()
            return not (counted or known_currency or figure.qualifier != "exact")
        return False

    def _english_name_or_time(self, figure: Figure, core: int) -> bool:
        """Dates, clock times, scores, addresses and names in English (`Mar. 3`, `7 p.m.`,
        `won 3-1`, `10 Downing Street`, `Game 2`, `S&P 500`, `737 Max`)."""
        t = self.tokens
        before, after = core - 1, figure.last + 1
        bare = not figure.unit and not figure.currency_prefix and not figure.scaled
        if t.is_sym(before, ".") and t.is_word(before - 1) and t.folded[before - 1] in lx.MONTHS:
            return True  # Sept. 12
        if t.is_sym(before, ".") and t.is_word(before - 1, "no", "nos"):
            return True  # No. 1 names a rank or an item
        small = t.text[core].isdigit() and len(t.text[core]) <= 2 and int(t.text[core]) <= 31
        if small and figure.last == core and t.is_word(after) and t.folded[after] in lx.MONTHS:
            return True  # 1 March
        if t.is_word(after, "a", "p") and t.is_sym(after + 1, ".") and t.is_word(after + 2, "m"):
            return True  # 7 p.m.
        if t.is_word(after) and t.text[after] in lx.TIME_ZONES:
            return True  # 0530 GMT
        if figure.value_high is None and t.adjacent(figure.last, after) and len(t.text[core]) <= 2:
            other = after + 1 if t.is_sym(after, "-") else after
            score = t.kind[other : other + 1] == ["num"] and t.text[other].lstrip("-").isdigit()
            if score and len(t.text[other].lstrip("-")) <= 2 and self._score_near(core):
                figure.last = other
                return True  # won 3-1
        if figure.value_high is not None and self._score_near(core) and len(t.text[core]) <= 2:
            high = t.text[figure.last]
            if high.isdigit() and len(high) <= 2 and t.is_sym(core + 1, "-"):
                return True
        if bare and self._address(after):
            return True
        if not bare or not t.text[core].isdigit():
            return False
        if before >= 1 and t.is_word(before) and _NAME_LIKE.match(t.text[before]):
            folded = t.folded[before]
            ordinary = folded in lx.ENGLISH_STOPWORDS or folded in lx.MONTHS
            if not ordinary and folded not in _QUALIFIER_ENDS:
                return True  # Game 2, iPhone 14, S&P 500, Highway 35
        named = t.is_word(after) and _CAPITAL.match(t.text[after]) is not None
        return named and not t.folded[after].endswith("s")  # 737 Max

    def _score_near(self, core: int) -> bool:
        t = self.tokens
        return any(t.folded[k] in lx.SCORE_WORDS for k in range(max(0, core - 4), core))

    def _address(self, after: int) -> bool:
        """A house number: a capitalised name and a street word follow (`10 Downing Street`)."""
        t = self.tokens
        for k in range(after, min(after + 3, len(t))):
            if not t.is_word(k) or not _CAPITAL.match(t.text[k]):
                return False
            if t.folded[k] in lx.STREET_WORDS and k > after:
                return True
        return False

    def _visit(self, figure: Figure) -> str:
        """`zweimal besucht`, `visited ... twice`: a multiplicative that counts visits."""
        t = self.tokens
        lo, hi = max(0, figure.first - 6), min(len(t), figure.last + 5)
        if any(t.folded[k] in lx.VISIT_VERBS for k in range(lo, hi)):
            return "visit"
        return ""


def _fraction(text: str) -> Decimal:
    numerator, _, denominator = text.partition("/")
    return Decimal(numerator) / Decimal(denominator) if denominator else Decimal(numerator)


def _unscaled(reader: SentenceReader, figure: Figure) -> Decimal:
    """The high end's value before its scale word, to carry the scale to the low end."""
    core = reader._core(figure.first)
    return core.value if core is not None and core.value else Decimal(1)
