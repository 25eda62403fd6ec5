"""Near-duplicate names: scores, meaning-changing differences, and lossless blocking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.suggest import (
    meaning_differs,
    score,
    similar_pairs,
    similar_pairs_brute_force,
)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("north_korea", "nordkorea"),
        ("artillery_shells_shipped", "artillery_shell_shipments"),
        ("shells_artillery", "artillery_shells"),
        ("containers_shipped", "container_shipped"),
    ],
)
def test_spellings_of_one_thing_are_suggested(left: str, right: str) -> None:
    """Compounds, plurals and word order are spelling, not meaning."""
    assert similar_pairs([left, right]) == {tuple(sorted((left, right)))}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("arms_exports", "arms_imports"),
        ("export_value", "import_value"),
        ("containers_to_russia", "containers_from_russia"),
        ("shells_152mm", "shells_122mm"),
        ("trade_2023", "trade_2024"),
        ("north_korea", "south_korea"),
    ],
)
def test_numbers_and_directions_are_never_suggested(left: str, right: str) -> None:
    """A changed number or direction word changes what is measured."""
    assert meaning_differs(left, right)
    assert similar_pairs([left, right], threshold=50) == set()


def test_unrelated_names_score_low() -> None:
    """gdp and trade_volume share nothing worth suggesting."""
    assert score("gdp", "trade_volume") < 50
    assert similar_pairs(["gdp", "trade_volume", "russia"]) == set()


_NAME = st.lists(
    st.sampled_from(["ab", "ba", "a", "b", "abc", "c", "to", "from", "1", "2", "x"]),
    min_size=1,
    max_size=4,
).map("_".join)


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(_NAME, min_size=2, max_size=30),
    threshold=st.sampled_from([50.0, 60.0, 70.0, 80.0, 85.0, 90.0, 95.0]),
)
def test_blocking_equals_brute_force(names: list[str], threshold: float) -> None:
    """The prefix-filter blocking finds exactly the pairs an all-pairs comparison finds."""
    assert similar_pairs(names, threshold) == similar_pairs_brute_force(names, threshold)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.text(alphabet="abcde_", min_size=1, max_size=14), min_size=2, max_size=25),
    threshold=st.floats(min_value=40, max_value=99),
)
def test_blocking_equals_brute_force_on_character_soup(names: list[str], threshold: float) -> None:
    """Random strings and thresholds: repeated bigrams and short names lose nothing."""
    names = [name.strip("_") for name in names if name.strip("_")]
    assert similar_pairs(names, threshold) == similar_pairs_brute_force(names, threshold)
