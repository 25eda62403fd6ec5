"""English numbers over several tokens: `forty two`, `five and a half million`, `two thirds`.

English writes a number as separate words, may mix digits into them
(`3 hundred and 21`, `4.5 million`), and states fractions with ordinals as
denominators (`three fifths`, `a quarter`), with `and` before a fraction
(`one and a half`) and with `over`, `out of` or `in` between two numbers
(`one out of three`). The reader walks the tokens once, left to right, with
the usual arithmetic: a group below a thousand is summed and multiplied by
`hundred`, a scale word closes the group, a denominator divides what came
before it, and a fraction after `and` is added, scaled by the scale that
closed the number before it (`3 million and a half` is 3,500,000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from claimcheck.extract.lexicon import ENGLISH_STOPWORDS
from claimcheck.extract.tokens import Tokens
from claimcheck.extract.words import english_cardinal, english_ordinal

_ZEROS = {"nought": 0, "naught": 0}
_HUNDREDS = frozenset({"hundred", "hundreds"})
_DOZENS = frozenset({"dozen", "dozens", "dz", "dzs", "doz", "dozs"})
_POWER_ORDINALS = {
    "hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9,
    "trillionth": 10**12,
}  # fmt: skip
_FRACTION_WORDS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
_NOT_DENOMINATORS = frozenset({"second", "seconds", "first", "firsts"})
"""`one second` is a time and `one first` no fraction anyone writes."""
_SMALL_SCALES = {"lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}
_ARTICLES = frozenset({"a", "an"})


@dataclass(frozen=True)
class Reading:
    """A number read over tokens `first..last`; `scaled` when a scale word ends it."""

    first: int
    last: int
    value: Decimal
    scaled: bool


@lru_cache(maxsize=4096)
def cardinal(word: str) -> Decimal | None:
    """An English cardinal word's value (`twelve`, `fifty-six`, `nought`), or None."""
    if word in _ZEROS:
        return Decimal(0)
    return english_cardinal(word)


@lru_cache(maxsize=4096)
def denominator(word: str) -> Decimal | None:
    """The denominator an ordinal word states (`fifths` 5, `quarter` 4, `hundredths` 100)."""
    if word in _NOT_DENOMINATORS:
        return None
    if word in _FRACTION_WORDS:
        return Decimal(_FRACTION_WORDS[word])
    single = word[:-1] if word.endswith("s") else word
    if single in _POWER_ORDINALS:
        return Decimal(_POWER_ORDINALS[single])
    if single.endswith("thirds") or single == "third":
        return Decimal(3)
    ordinal = english_ordinal(single)
    if ordinal is None or ordinal < 3:
        return None
    return ordinal


class EnglishReader:
    """Reads spelled-out English numbers from a sentence's tokens."""

    def __init__(self, tokens: Tokens, scales: dict[str, Decimal]) -> None:
        self.t = tokens
        self.scales = scales

    def _scale(self, k: int) -> Decimal | None:
        t = self.t
        if not t.is_word(k):
            return None
        folded = t.folded[k]
        if folded in _SMALL_SCALES:
            return Decimal(_SMALL_SCALES[folded])
        scale = self.scales.get(folded)
        return scale if scale is not None and scale >= 1000 and folded.isalpha() else None

    def _cardinal(self, k: int) -> Decimal | None:
        return cardinal(self.t.folded[k]) if self.t.is_word(k) else None

    def _digits(self, k: int, value: Decimal | None) -> Decimal | None:
        """A digit token's value, when it is given (the grammar parsed it)."""
        return value if self.t.kind[k] == "num" else None

    def _later_digits(self, k: int, last_kind: str) -> Decimal | None:
        """Digits inside a worded number: `4 thousand 3 hundred`, `3 hundred and 21`."""
        t = self.t
        if t.kind[k] != "num" or last_kind not in ("and", "scale") or not t.text[k].isdigit():
            return None
        if len(t.text[k]) > 3:
            return None
        after = t.folded[k + 1] if t.is_word(k + 1) else ""
        if last_kind == "scale" and after not in _HUNDREDS and self._scale(k + 1) is None:
            return None
        return Decimal(t.text[k])

    def read(self, i: int, digit_value: Decimal | None = None) -> Reading | None:
        """The number starting at token i, or None; `digit_value` when token i is digits.

        Digits alone are the grammar's to read; with digits this reader only
        takes what follows them (`3 hundred and 21`, `1 over 3`, `3 dozens`).
        """
        leading = self._leading_fraction(i)
        if leading is not None:
            return leading
        hyphenated = self._hyphenated_fraction(i)
        if hyphenated is not None:
            return hyphenated
        integer = self._integer(i, digit_value)
        if integer is None:
            return None
        value, k, last_kind, last_scale = integer
        if last_kind == "digits":
            return self._after_digits(i, k, value)
        return self._number(i, value, k, last_kind, last_scale)

    def _hyphenated_fraction(self, i: int) -> Reading | None:
        """`one-eighth`, `three-quarters`: a fraction written as one hyphenated word."""
        t = self.t
        if not t.is_word(i) or "-" not in t.folded[i]:
            return None
        head, _, tail = t.folded[i].rpartition("-")
        numerator, divisor = cardinal(head), denominator(tail)
        if numerator is None or divisor is None or numerator == 0:
            return None
        if numerator != 1 and not tail.endswith("s"):
            return None
        value = numerator / divisor
        scaled = self._scaled_after(i + 1)
        if scaled is not None:
            return Reading(i, scaled[1], value * scaled[0], True)
        return Reading(i, i, value, False)

    def _after_digits(self, i: int, k: int, value: Decimal) -> Reading | None:
        t = self.t
        if t.is_word(k) and t.folded[k] in _DOZENS:
            return Reading(i, k, value * 12, False)
        ratio = self._ratio(k, value)
        if ratio is not None:
            return Reading(i, ratio[1], ratio[0], False)
        return None

    def _number(
        self, i: int, value: Decimal, k: int, last_kind: str, last_scale: Decimal | None
    ) -> Reading | None:
        t = self.t
        last = k - 1
        # a denominator divides what came before: `three fifths`, `twenty-three fifths`
        gap = k + 1 if t.is_sym(k, "-") else k
        divisor = denominator(t.folded[gap]) if t.is_word(gap) else None
        compound = self._compound_denominator(k) if divisor is None else None
        if compound is not None and last_kind in ("cardinal", "hundred"):
            divisor, gap = compound
        elif divisor is not None and self._ten_before(k) and 1 <= divisor <= 9:
            ten = self._cardinal(k - 1)  # `one hundred thirty fifths`: 100 over 35
            assert ten is not None
            value, divisor = value - ten, ten + (divisor if divisor != 2 else 2)
        singular = t.is_word(gap) and not t.folded[gap].endswith("s")
        if divisor is not None and singular and value != 1 and compound is None:
            divisor = None  # `two millionth` is no fraction: two thirds, but one third
        if divisor is not None and last_kind in ("cardinal", "hundred", "article", "scale"):
            value, last = value / divisor, gap
            scaled = self._scaled_after(last + 1)
            if scaled is not None:
                factor, last = scaled
                value *= factor
                return Reading(i, last, value, True)
            return Reading(i, last, value, False)
        if last_kind == "article":
            return None
        if t.is_word(k, "point"):
            decimals = self._decimal_words(k + 1)
            if decimals is not None and last_scale is None:
                digits, k = decimals
                value += Decimal("0." + digits)
                last = k - 1
                scale = self._scale(k)
                if scale is not None:
                    return Reading(i, k, value * scale, True)
                return Reading(i, last, value, False)
        if t.is_word(k) and t.folded[k] in _DOZENS:
            part = self._cardinal(k - 1)
            if part is not None and t.is_word(k - 2, "and"):
                return Reading(i, k, value - part + part * 12, False)  # `… and two dozen`
            return Reading(i, k, value * 12, False)
        if t.is_word(k, "and"):
            fraction = self._fraction(k + 1)
            if fraction is not None:
                part, end = fraction
                scale = self._scale(end + 1)
                if scale is not None and last_scale is not None and scale < last_scale:
                    return Reading(i, end + 1, value + part * scale, True)
                if scale is not None and last_scale is None:
                    return Reading(i, end + 1, (value + part) * scale, True)
                if last_scale is not None:
                    return Reading(i, end, value + part * last_scale, True)
                return Reading(i, end, value + part, False)
        ratio = self._ratio(k, value)
        if ratio is not None:
            return Reading(i, ratio[1], ratio[0], False)
        return Reading(i, last, value, last_kind == "scale")

    def _integer(
        self, i: int, digit_value: Decimal | None
    ) -> tuple[Decimal, int, str, Decimal | None] | None:
        """(value, index after, kind of the last part, last scale) of a whole number."""
        t = self.t
        total = Decimal(0)
        group: Decimal | None = None
        last_kind = ""
        last_scale: Decimal | None = None
        previous_value = Decimal(0)
        k = i
        while k < len(t):
            word = self._cardinal(k)
            digits = self._digits(k, digit_value) if k == i else self._later_digits(k, last_kind)
            if digits is not None:
                if k == i:
                    group, last_kind = digits, "digits"
                else:
                    group, last_kind = (group or Decimal(0)) + digits, "cardinal"
                    previous_value = digits
                k += 1
                continue
            if word is not None:
                tens_unit = last_kind == "cardinal" and previous_value in _TENS and word < 10
                after_group = last_kind in ("", "hundred", "scale", "and")
                if not (tens_unit or after_group) or (last_kind == "" and k != i):
                    break
                if tens_unit and word == 0:
                    break
                group = (group or Decimal(0)) + word
                previous_value = word
                last_kind = "cardinal"
                k += 1
                continue
            if t.is_sym(k, "-") and last_kind == "cardinal" and previous_value in _TENS:
                after = self._cardinal(k + 1)
                if after is not None and 1 <= after <= 9 and not t.is_word(k + 2, "and"):
                    group = (group or Decimal(0)) + after
                    previous_value, last_kind = after, "cardinal"
                    k += 2
                    continue
                break
            if not t.is_word(k):
                break
            folded = t.folded[k]
            if folded in _ARTICLES and k == i:
                following = t.folded[k + 1] if t.is_word(k + 1) else ""
                if following in _HUNDREDS or self._scale(k + 1) is not None or following in _DOZENS:
                    group, last_kind = Decimal(1), "cardinal"
                    previous_value = Decimal(1)
                    k += 1
                    continue
                if denominator(following) is not None:
                    return Decimal(1), k + 1, "article", None
                break
            if folded in _HUNDREDS and k == i and folded == "hundred" and self._scale(k + 1):
                group, last_kind = Decimal(100), "hundred"  # `hundred thousand dollars`
                k += 1
                continue
            if folded in _HUNDREDS and last_kind in ("cardinal", "digits"):
                if group is not None and group >= 100 and last_kind != "digits":
                    break
                group = (group or Decimal(1)) * 100
                last_kind = "hundred"
                k += 1
                continue
            scale = self._scale(k)
            if scale is not None and last_kind in ("cardinal", "digits", "hundred", "scale"):
                if last_kind == "scale":
                    if last_scale is None or scale <= last_scale:
                        break
                    total, group = total * scale, None  # `three lakh crore`
                elif last_scale is not None and scale >= last_scale:
                    total = (total + (group or Decimal(0))) * scale
                else:
                    total += (group or Decimal(1)) * scale
                group, last_kind, last_scale = None, "scale", scale
                k += 1
                continue
            if folded == "and" and last_kind in ("hundred", "scale"):
                nxt = self._cardinal(k + 1)
                if nxt is None:
                    nxt = self._later_digits(k + 1, "and")
                again = t.is_word(k + 2) and t.folded[k + 2] in _HUNDREDS
                if last_kind == "hundred" and again:
                    break  # `3 hundred and 2 hundred`: two numbers
                if nxt is not None and nxt != 0 and self._fraction(k + 1) is None:
                    last_kind = "and"
                    k += 1
                    continue
            break
        if last_kind in ("", "and"):
            return None
        value = total + (group or Decimal(0))
        return value, k, last_kind, last_scale

    def _ten_before(self, k: int) -> bool:
        """Whether token k-1 is a ten that follows `hundred` or a scale without `and`."""
        t = self.t
        ten = self._cardinal(k - 1)
        if ten is None or ten not in _TENS or not t.is_word(k - 2):
            return False
        return t.folded[k - 2] in _HUNDREDS or self._scale(k - 2) is not None

    def _compound_denominator(self, k: int) -> tuple[Decimal, int] | None:
        """A worded ordinal as denominator: `three twenty firsts`, `one one hundred and fifth`."""
        t = self.t
        integer = self._integer(k, None)
        if integer is None or integer[2] not in ("cardinal", "hundred"):
            return None
        base, end = integer[0], integer[1]
        if t.is_word(end, "and"):
            end += 1
        ordinal = english_ordinal(t.folded[end].removesuffix("s")) if t.is_word(end) else None
        if ordinal is None or ordinal >= 10 or base < 20:
            return None
        return base + ordinal, end

    def _leading_fraction(self, i: int) -> Reading | None:
        """`half a million`, `quarter million`, `half a dozen`: a fraction of a scale."""
        t = self.t
        if not t.is_word(i, "half", "quarter"):
            return None
        part = Decimal(1) / _FRACTION_WORDS[t.folded[i]]
        k = i + 1
        if t.is_word(k, "a", "an"):
            k += 1
        if t.is_word(k) and t.folded[k] in _DOZENS:
            return Reading(i, k, part * 12, False)
        scale = self._scale(k)
        if scale is None:
            return None
        return Reading(i, k, part * scale, True)

    def _scaled_after(self, k: int) -> tuple[Decimal, int] | None:
        """A scale after a fraction: `three quarters million`, `two thirds of a million`."""
        t = self.t
        scale = self._scale(k)
        if scale is not None:
            return scale, k
        if t.is_word(k, "of") and t.is_word(k + 1, "a", "an"):
            scale = self._scale(k + 2)
            if scale is not None:
                return scale, k + 2
        return None

    def _fraction(self, k: int) -> tuple[Decimal, int] | None:
        """A fraction after `and`: `a half`, `one fourth`, `fifty-four hundredths`."""
        t = self.t
        if not t.is_word(k):
            return None
        folded = t.folded[k]
        numerator = Decimal(1) if folded in _ARTICLES else cardinal(folded)
        if numerator is None or not t.is_word(k + 1):
            return None
        divisor = denominator(t.folded[k + 1])
        if divisor is None or numerator >= divisor:
            return None  # a mixed number's fraction is proper: `one hundred and thirty fifths`
        return numerator / divisor, k + 1

    def _decimal_words(self, k: int) -> tuple[str, int] | None:
        """Digits spoken after `point`: `point nought four` -> ("04", index after)."""
        t = self.t
        digits = ""
        while t.is_word(k):
            value = cardinal(t.folded[k])
            if value is None or value >= 100:
                break
            digits += str(int(value))
            k += 1
        return (digits, k) if digits else None

    def _ratio(self, k: int, value: Decimal) -> tuple[Decimal, int] | None:
        """`one over three`, `two out of five`, `one in twenty-one`: a fraction of two numbers."""
        t = self.t
        if t.is_word(k, "over", "in"):
            start = k + 1
        elif t.is_word(k, "out") and t.is_word(k + 1, "of"):
            start = k + 2
        else:
            return None
        if start >= len(t) or t.kind[start] not in ("word", "num"):
            return None
        if t.kind[start] == "num":
            raw = t.text[start]
            if not raw.isdigit() or (len(raw) == 4 and 1000 <= int(raw) <= 2100):
                return None
            divisor, end = Decimal(raw), start
        else:
            integer = self._integer(start, None)
            if integer is None or integer[2] == "article":
                return None
            divisor, end = integer[0], integer[1] - 1
        if divisor == 0:
            return None
        if t.folded[k] in ("in", "out") and not (
            value < divisor and value == value.to_integral_value()
        ):
            return None  # `12 out of 10` states two numbers
        carried = t.is_word(end + 1) and t.folded[end + 1] not in ENGLISH_STOPWORDS
        if t.folded[k] == "over" and carried:
            return None  # `over 3 years`: `over` was a qualifier
        return value / divisor, end


_TENS = frozenset(Decimal(v) for v in range(20, 100, 10))
