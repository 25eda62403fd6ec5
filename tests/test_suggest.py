"""Near-duplicate names: scores, meaning-changing differences, block keys and their index."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.suggest import (
    block_keys,
    candidate_pairs,
    meaning_differs,
    score,
    scored_pairs,
    shares_block_key,
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


@pytest.mark.parametrize(
    ("left", "right", "differs"),
    [
        ("containers_to_russia", "containers_russia", False),  # one side names no direction
        ("north_korea", "nordkorea", False),  # `nord` is no word of its own here
        ("exports_to_russia", "russia_to_exports", False),  # the same directions, reordered
        ("to_russia_from_kyiv", "from_russia_to_kyiv", False),
        ("to_to_russia", "to_russia", True),  # counted as a multiset
        ("arms_exports", "arms_imports", True),
    ],
)
def test_directions_differ_only_when_both_names_name_other_ones(
    left: str, right: str, differs: bool
) -> None:
    assert meaning_differs(left, right) is differs
    assert meaning_differs(right, left) is differs


def test_unrelated_names_score_low() -> None:
    """gdp and trade_volume share nothing worth suggesting."""
    assert score("gdp", "trade_volume") < 50
    assert similar_pairs(["gdp", "trade_volume", "russia"]) == set()


@pytest.mark.parametrize(
    ("left", "right", "shared"),
    [
        # word order: every word's start and end agree
        ("shells_artillery", "artillery_shells", {"<arti_shel", ">ells_lery"}),
        # inflection: the words' first four letters agree, their ends do not
        (
            "artillery_shells_shipped",
            "artillery_shell_shipments",
            {"<arti_shel_ship", "<arti_shel", "<arti_ship", "<shel_ship"},
        ),
        # a typo at a word's start: only the ends agree
        ("containers_shipped", "kontainers_shipped", {">ners_pped"}),
        # a compound and a translation: only the joined spelling's ends agree
        ("north_korea", "nordkorea", {"Jnor_rea"}),
        # one word added to, or replaced in, a name of three or more words
        ("artillery_shells_shipped", "artillery_shells_shipped_monthly",
         {"<arti_shel_ship", ">ells_lery_pped"}),
        ("artillery_shells_shipped_monthly", "artillery_shells_shipped_weekly",
         {"<arti_shel_ship", ">ells_lery_pped"}),
    ],
)  # fmt: skip
def test_each_kind_of_block_key_finds_its_spellings(
    left: str, right: str, shared: set[str]
) -> None:
    """Each kind of key catches its kind of spelling; the shared keys show which did."""
    assert block_keys(left) & block_keys(right) == shared
    assert score(left, right) >= 80
    assert similar_pairs([left, right]) == {tuple(sorted((left, right)))}


def test_block_keys_of_a_long_name_leave_out_each_word_once() -> None:
    """Three words: both full multisets, each with one word left out, and the joined ends."""
    assert block_keys("artillery_shells_shipped") == {
        "<arti_shel_ship", "<shel_ship", "<arti_ship", "<arti_shel",
        ">ells_lery_pped", ">ells_pped", ">lery_pped", ">ells_lery",
        "Jart_ped",
    }  # fmt: skip
    assert block_keys("gdp_of_korea") >= {"<gdp_kore_of", "Jgdp_rea"}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("dussai_zitsai", "nouszai_zitsai"),
        ("soumwail_bourlong", "soumwail_lumroung"),
        ("foumkousshot_notdi_rursom", "zoutrom_foumkousshot"),
    ],
)
def test_names_sharing_only_one_word_are_not_suggested(left: str, right: str) -> None:
    """Half their words or more differ: two things, however close the letters score."""
    assert score(left, right) >= 80
    assert not meaning_differs(left, right)
    assert not block_keys(left) & block_keys(right)
    assert similar_pairs([left, right]) == set()
    assert similar_pairs_brute_force([left, right]) == set()


def test_names_holding_other_numbers_are_no_candidates() -> None:
    """`item_1001` and `item_2001` share their joined ends, but not their numbers."""
    names = sorted(f"item_{k}" for k in range(1, 3001))
    assert "Jite_001" in block_keys("item_1001") & block_keys("item_2001")
    assert candidate_pairs(names) == set()


_WORD = st.text(alphabet="ab", min_size=1, max_size=7) | st.sampled_from(
    ["to", "from", "1", "2", "abab1"]
)
"""Two letters: starts, ends and joined ends of words collide often, numbers and directions too."""


@st.composite
def _vocabularies(draw: st.DrawFn) -> list[str]:
    """Random names of one to five words, each with variants of the kinds the keys catch."""
    names = []
    for words in draw(st.lists(st.lists(_WORD, min_size=1, max_size=5), min_size=1, max_size=6)):
        names.append("_".join(words))
        for _ in range(draw(st.integers(0, 4))):
            variant = list(words)
            i = draw(st.integers(0, len(variant) - 1))
            edit = draw(st.sampled_from(["order", "letter", "word", "add", "drop", "join"]))
            if edit == "order":
                variant = draw(st.permutations(variant))
            elif edit == "letter":
                j = draw(st.integers(0, len(variant[i])))
                variant[i] = (
                    variant[i][:j] + draw(st.sampled_from(["", "a", "b"])) + variant[i][j + 1 :]
                )
            elif edit == "word":
                variant[i] = draw(_WORD)
            elif edit == "add":
                variant.insert(i, draw(_WORD))
            elif edit == "drop":
                del variant[i]
            names.append(("" if edit == "join" else "_").join(variant))
    return names


@settings(max_examples=300, deadline=None)
@given(
    names=_vocabularies(),
    threshold=st.sampled_from([50.0, 60.0, 70.0, 80.0, 85.0, 90.0, 95.0]),
)
def test_index_equals_brute_force(names: list[str], threshold: float) -> None:
    """The key index finds exactly the pairs an all-pairs comparison finds."""
    assert similar_pairs(names, threshold) == similar_pairs_brute_force(names, threshold)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.text(alphabet="abcde_", min_size=1, max_size=14), min_size=2, max_size=25),
    threshold=st.floats(min_value=40, max_value=99),
)
def test_index_equals_brute_force_on_character_soup(names: list[str], threshold: float) -> None:
    """Random strings and thresholds: doubled and edge separators, short names lose nothing."""
    assert similar_pairs(names, threshold) == similar_pairs_brute_force(names, threshold)


@settings(max_examples=300, deadline=None)
@given(names=_vocabularies(), threshold=st.sampled_from([50.0, 70.0, 80.0, 90.0]))
def test_two_names_are_compared_as_the_index_compares_them(
    names: list[str], threshold: float
) -> None:
    """Two names (the usual group of near-duplicate keys) skip the index: the same pairs."""
    pair = sorted(set(names))[:2]
    assert similar_pairs(pair, threshold) == similar_pairs_brute_force(pair, threshold)


@settings(max_examples=300, deadline=None)
@given(
    names=_vocabularies() | st.lists(st.text(alphabet="abcde_", max_size=14), min_size=2),
    data=st.data(),
)
def test_shares_block_key_is_whether_the_key_sets_meet(
    names: list[str], data: st.DataObject
) -> None:
    """Its shortcuts (the full starts, the full ends, the joined ends) never change the answer."""
    left, right = data.draw(st.sampled_from(names)), data.draw(st.sampled_from(names))
    assert shares_block_key(left, right) == bool(block_keys(left) & block_keys(right))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("shells_artillery", "artillery_shells"),  # the starts, in any order
        ("cargo_shipped", "kargo_shipped"),  # the ends
        ("north_korea", "nordkorea"),  # the joined ends alone
        ("artillery_shells_shipped", "artillery_shells_shipped_monthly"),  # a word left out
    ],
)
def test_shares_block_key_finds_each_kind_of_key(left: str, right: str) -> None:
    assert shares_block_key(left, right)
    assert shares_block_key(right, left)


def test_scored_pairs_give_the_score_of_each_pair() -> None:
    pairs = scored_pairs(["artillery_shells_shipped", "artillery_shell_shipments", "x"])
    assert pairs == [("artillery_shell_shipments", "artillery_shells_shipped",
                      score("artillery_shell_shipments", "artillery_shells_shipped"))]  # fmt: skip
