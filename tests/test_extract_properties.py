"""Property tests: any number written German- or English-style reads back exactly."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import extract_text


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    """(language, text of the number, its value) in one of the two conventions."""
    lang = draw(st.sampled_from(["de", "en"]))
    whole = draw(st.integers(min_value=0, max_value=10**12))
    decimals = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=99)))
    group = {"de": ".", "en": ","}[lang]
    group = draw(st.sampled_from([group, " ", "\u202f"])) if whole >= 1000 else group
    point = {"de": ",", "en": "."}[lang]
    text = _grouped(str(whole), group)
    value = Decimal(whole)
    if decimals is not None:
        fraction = f"{decimals:02d}"
        text += point + fraction
        value += Decimal(f"0.{fraction}")
    if whole >= 1000 and 1000 <= whole <= 2100 and decimals is None:
        text = _grouped(str(whole), group)  # grouped, so not read as a year
    return lang, text, value


_FRAMES = {
    "de": ["Es waren {} Container.", "Insgesamt {} Euro wurden gezahlt.", "{}"],
    "en": ["They shipped {} containers.", "A total of {} dollars was paid.", "{}"],
}


@settings(max_examples=300, deadline=None)
@given(written_numbers(), st.integers(min_value=0, max_value=2))
def test_number_reads_back_exactly(number: tuple[str, str, Decimal], frame: int) -> None:
    """The number in a sentence comes back with its exact value, and its span slices."""
    lang, written, value = number
    plain_year = written.isdigit() and 1000 <= int(written) <= 2100
    text = _FRAMES[lang][frame].format(written)
    found = extract_text(text, "p", lang)
    if plain_year and frame == 2:
        return  # a bare four-digit number alone is read as a year, by design
    assert len(found) == 1, (text, found)
    assert found[0].value == value
    assert text[found[0].start : found[0].end] == found[0].text
    assert written in found[0].text


_ALPHABET = st.sampled_from(list("0123456789 .,-−%$€ abcEinMioMrdüber\n"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_offsets_always_slice(text: str) -> None:
    """Whatever the input, every candidate's span slices to its text."""
    for lang in ("de", "en"):
        for c in extract_text(text, "p", lang):
            assert text[c.start : c.end] == c.text
            assert c.start < c.end
