"""English figures: number words, fractions, scales, units, currencies and non-figures.

The sentences are written for these tests; each class of issue 11 has its own test, and
the property tests generate English number words, fractions and scaled amounts and read
each back with its exact value and span.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import Candidate, extract_text
from claimcheck.extract.lexicon import lexicon_units
from claimcheck.units import resolve, unit_names

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_DENOMINATORS = {
    3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth",
    10: "tenth", 100: "hundredth",
}  # fmt: skip


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _SMALL[n]
    tens, unit = divmod(n, 10)
    if not unit:
        return _TENS[tens]
    return f"{_TENS[tens]}{'-' if hyphen else ' '}{_SMALL[unit]}"


def _below_thousand(n: int, hyphen: bool, and_: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_SMALL[hundreds]} hundred")
    if rest:
        if hundreds and and_:
            parts.append("and")
        parts.append(_below_hundred(rest, hyphen))
    return " ".join(parts)


def words(n: int, hyphen: bool = True, and_: bool = False) -> str:
    """An English cardinal as words, `and` after hundreds when asked (British usage)."""
    if n == 0:
        return "zero"
    parts = []
    for scale, name in _SCALES:
        if n >= scale:
            parts.append(f"{_below_thousand(n // scale, hyphen, and_)} {name}")
            n %= scale
    if n:
        parts.append(_below_thousand(n, hyphen, and_))
    return " ".join(parts)


def only(text: str) -> Candidate:
    found = extract_text(text, "t", "en")
    assert len(found) == 1, [(c.text, c.value) for c in found]
    return found[0]


def read(text: str) -> list[tuple[str, Decimal, str]]:
    return [(c.text, c.value, c.unit) for c in extract_text(text, "t", "en")]


class TestProperties:
    @settings(max_examples=150, deadline=None)
    @given(
        st.integers(min_value=1, max_value=999_999_999),
        st.booleans(),
        st.booleans(),
    )
    def test_number_words_read_back(self, n: int, hyphen: bool, and_: bool) -> None:
        written = words(n, hyphen, and_)
        text = f"Officials counted {written} people on Tuesday."
        found = only(text)
        assert found.value == n
        assert found.text == f"{written} people"
        assert text[found.start : found.end] == found.text
        assert found.unit == "person"

    @settings(max_examples=100, deadline=None)
    @given(
        st.integers(min_value=0, max_value=20),
        st.sampled_from(sorted(_DENOMINATORS)),
        st.integers(min_value=1, max_value=9),
    )
    def test_fractions_and_mixed_numbers(self, whole: int, denominator: int, top: int) -> None:
        numerator = top % denominator or 1
        name = _DENOMINATORS[denominator] + ("s" if numerator > 1 else "")
        fraction = f"{_SMALL[numerator] if numerator > 1 else 'one'} {name}"
        written = fraction if whole == 0 else f"{words(whole)} and {fraction}"
        text = f"The reservoir is {written} full."
        found = only(text)
        assert found.value == whole + Decimal(numerator) / Decimal(denominator)
        assert found.text == written

    @settings(max_examples=100, deadline=None)
    @given(
        st.integers(min_value=1, max_value=999),
        st.integers(min_value=0, max_value=9),
        st.sampled_from(
            [
                ("${} million", 10**6, "USD"),
                ("£{}bn", 10**9, "GBP"),
                ("€{}m", 10**6, "EUR"),
                ("{} billion dollars", 10**9, "USD"),
                ("${}k", 1000, "USD"),
                ("{} million euros", 10**6, "EUR"),
                ("C${}m", 10**6, "CAD"),
            ]
        ),
    )
    def test_scaled_amounts(self, whole: int, tenth: int, pattern: tuple[str, int, str]) -> None:
        template, scale, code = pattern
        number = f"{whole}.{tenth}" if tenth else str(whole)
        written = template.format(number)
        text = f"The fund raised {written} last year."
        found = only(text)
        assert found.value == Decimal(number) * scale
        assert found.unit == code
        assert found.text == written


class TestNumberWords:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("forty two", 42),
            ("fifty - two", 52),
            ("three hundred and twenty one", 321),
            ("two thousand and twelve", 2012),
            ("nine point nought four", Decimal("9.04")),
            ("a hundred", 100),
            ("hundred thousand", 100_000),
            ("three lakh", 300_000),
        ],
    )
    def test_multi_part_words(self, text: str, value: int | Decimal) -> None:
        assert only(f"It was {text}.").value == value

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("seven eighths", Decimal(7) / 8),
            ("three quarters", Decimal("0.75")),
            ("a third", Decimal(1) / 3),
            ("four and a half million", Decimal(4_500_000)),
            ("one and a quarter", Decimal("1.25")),
            ("two over five", Decimal("0.4")),
            ("one out of three", Decimal(1) / 3),
            ("half a million", Decimal(500_000)),
            ("two thirds of a million", Decimal(2_000_000) / 3),
            ("3 million and a half", Decimal(3_500_000)),
        ],
    )
    def test_fractions(self, text: str, value: Decimal) -> None:
        found = only(f"Turnout was {text} in the end.")
        assert found.value == value
        assert found.text == text

    def test_two_numbers_not_a_fraction(self) -> None:
        """A numerator above the denominator is no fraction: two figures."""
        assert [v for _, v, _ in read("Voters chose 12 out of 10 seats.")] == [12, 10]

    def test_singular_ordinal_is_no_fraction(self) -> None:
        assert [v for _, v, _ in read("the two millionth visitor")] == [2]

    @pytest.mark.parametrize(
        ("text", "value"),
        [("minus 40", -40), ("negative ten", -10), ("minus five percent", -5)],
    )
    def test_sign_words(self, text: str, value: int) -> None:
        found = only(f"Temperatures fell to {text} overnight.")
        assert found.value == value
        assert found.text == text

    def test_digits_with_scale_words(self) -> None:
        assert only("They sent 4 hundred soldiers.").value == 400
        found = only("They sent 15-thousand troops.")
        assert (found.value, found.unit) == (Decimal(15_000), "soldier")
        assert only("A crowd of 2 thousand 3 hundred and 12 waited.").value == 2312

    def test_cents_after_dollars(self) -> None:
        found = only("The ticket cost nine dollars twenty.")
        assert (found.value, found.unit) == (Decimal("9.20"), "USD")


class TestVagueAndPlurals:
    def test_vague_products(self) -> None:
        found = only("Tens of thousands of people marched.")
        assert (found.value, found.unit, found.qualifier) == (Decimal(10_000), "person", "at_least")
        found = only("Hundreds of millions of dollars were lost.")
        assert (found.value, found.unit) == (Decimal(10**8), "USD")

    def test_irregular_plural_is_counted(self) -> None:
        assert only("She has two children.").unit == "children"

    def test_trillion_abbreviation(self) -> None:
        assert only("Debt hit $1.5tn.").value == Decimal("1.5e12")


class TestScales:
    @pytest.mark.parametrize(
        ("text", "value", "unit"),
        [
            ("The app has 20m users.", 20_000_000, "users"),
            ("Revenue was 3.5bn last year.", 3_500_000_000, ""),
            ("Fees reached $4.1k each.", 4100, "USD"),
            ("The budget is 40 MEUR.", 40_000_000, "EUR"),
            ("They lost 20 USD million.", 20_000_000, "USD"),
            ("Output rose to 7 mln tonnes.", 7_000_000, "tonne"),
            ("It cost 1.8M dollars.", 1_800_000, "USD"),
        ],
    )
    def test_scale_suffixes(self, text: str, value: int, unit: str) -> None:
        found = only(text)
        assert (found.value, found.unit) == (Decimal(value), unit)

    def test_lower_case_m_alone_is_metres(self) -> None:
        found = only("They built a 5m wall.")
        assert (found.value, found.unit) == (Decimal(5), "meter")


class TestUnitsAndCurrencies:
    @pytest.mark.parametrize(
        ("text", "value", "unit"),
        [
            ("The phone has 512GB of storage.", 512, "gigabyte"),
            ("Winds reached 70mph on the coast.", 70, "mph"),
            ("A 2kW heater was installed.", 2, "kilowatt"),
            ("Prices rose 3pc in May.", 3, "percent"),
            ("The convoy drove 40 miles north.", 40, "mile"),
            ("A 1800 kg bomb was found.", 1800, "kilogram"),
            ("The engine makes 1200 hp at full power.", 1200, "horsepower"),
            ("He is 6 ft 2 in tall.", Decimal(6) + Decimal(2) / 12, "foot"),
            ("Seville hit 40C on Monday.", 40, "celsius"),
            ("It was 70°F at noon.", 70, "fahrenheit"),
        ],
    )
    def test_units(self, text: str, value: Decimal | int, unit: str) -> None:
        found = only(text)
        assert (found.value, found.unit) == (value, unit)
        assert resolve(found.unit).canonical == unit

    @pytest.mark.parametrize(
        ("text", "value", "unit"),
        [
            ("The deal was worth EUR5m.", 5_000_000, "EUR"),
            ("Tickets cost RM79.", 79, "MYR"),
            ("It raised US$5m.", 5_000_000, "USD"),
            ("Shares closed at C$10.", 10, "CAD"),
            ("A meal costs HK$3 here.", 3, "HKD"),
            ("A coffee is ₡500.", 500, "CRC"),
            ("The visa costs ₾60.", 60, "GEL"),
            ("Rice costs ₭9000 a kilo.", 9000, "LAK"),
            ("He paid ₿2 for it.", 2, "XBT"),
            ("The loan was 30 rmb.", 30, "CNY"),
            ("Entry costs 12 francs.", 12, "CHF"),
            ("They sold 50 Canadian dollars of stock.", 50, "CAD"),
        ],
    )
    def test_currencies(self, text: str, value: int, unit: str) -> None:
        found = only(text)
        assert (found.value, found.unit) == (Decimal(value), unit)

    def test_currency_units_are_registry_units(self) -> None:
        assert lexicon_units() <= unit_names()

    @pytest.mark.parametrize("noun", ["bridge", "already", "Ukrainian"])
    def test_no_unit_from_a_word_that_is_not_counted(self, noun: str) -> None:
        sentences = {
            "bridge": "They signed a $7 million bridge deal.",
            "already": "Some 100,000 already left.",
            "Ukrainian": "Officials said six Ukrainian were held.",
        }
        found = only(sentences[noun])
        assert found.unit != noun
        assert noun not in found.text


class TestRanges:
    @pytest.mark.parametrize(
        ("text", "low", "high", "unit"),
        [
            ("Seats cost $20 to $30 each.", 20, 30, "USD"),
            ("Growth is between 4% and 5% this year.", 4, 5, "percent"),
            ("The plan costs $3 to $4 billion.", 3 * 10**9, 4 * 10**9, "USD"),
            ("The rate is 5.25%-5.5% now.", Decimal("5.25"), Decimal("5.5"), "percent"),
        ],
    )
    def test_ranges(self, text: str, low: Decimal, high: Decimal, unit: str) -> None:
        found = only(text)
        assert (found.value, found.value_high, found.unit) == (low, high, unit)
        assert found.qualifier == "range"

    def test_rose_from_to_is_two_figures(self) -> None:
        assert [v for _, v, _ in read("The index rose from 90 to 85.")] == [90, 85]


class TestNotFigures:
    @pytest.mark.parametrize(
        "text",
        [
            "The S&P 500 closed higher.",
            "Apple unveiled the iPhone 14 Pro.",
            "They won Game 2 easily.",
            "The 737 Max returned to service.",
            "Chelsea won 3-1 on Sunday.",
            "The meeting starts at 7 p.m. local time.",
            "Markets opened at 0530 GMT.",
            "The vote is on Mar. 3 in the capital.",
            "It was signed on Sept. 12, 2024, in Rome.",
            "Protesters gathered at 10 Downing Street.",
        ],
    )
    def test_names_times_dates_scores(self, text: str) -> None:
        assert read(text) == []

    @pytest.mark.parametrize(
        "text",
        ["Pay into account 1111-2222-3333 today.", "It opened on 2024-01-15.",
         "The 2023-24 season was short.", "Delegates met at COP28.",
         "No one was hurt.", "Which one do you prefer?", "She ranked No. 1 in the world.",
         "In the first week, sales slowed.", "Profits fell in the third quarter."],
    )  # fmt: skip
    def test_pronouns_and_ranks(self, text: str) -> None:
        assert read(text) == []

    def test_article_before_an_amount_is_not_one(self) -> None:
        found = only("The city won a $5m grant.")
        assert (found.value, found.unit, found.text) == (Decimal(5_000_000), "USD", "$5m")


class TestSmallBugs:
    def test_decimal_at_sentence_end(self) -> None:
        found = only("Shares rose to $52.10.")
        assert (found.value, found.text) == (Decimal("52.10"), "$52.10")

    def test_long_decimal_does_not_crash(self) -> None:
        digits = "1" * 30 + ".5"
        found = only(f"The debt was {digits} dollars.")
        assert found.value == Decimal(digits)

    def test_many_figures_in_one_sentence(self) -> None:
        """Reading stays linear: a run-on list of figures is read, each once."""
        text = "Scores were " + "-".join(str(i % 90 + 10) for i in range(3000)) + "."
        extract_text(text, "t", "en")
        listed = "Counts: " + ", ".join(f"{i} tanks" for i in range(2000)) + "."
        assert len(extract_text(listed, "t", "en")) == 2000
