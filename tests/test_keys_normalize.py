"""Names compare after NFKC, casefolding and separator folding (contract section 2)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimcheck.keys import FOLDED, normalize_column, normalize_columns, normalize_name


def test_spellings_of_one_name() -> None:
    spellings = ["North Korea", "north_korea", "north-korea", "  NORTH   KOREA ", "north__-korea"]
    assert {normalize_name(s) for s in spellings} == {"north_korea"}


def test_casefold_and_nfkc() -> None:
    assert normalize_name("STRAẞE") == normalize_name("strasse")
    assert normalize_name("ﬁve") == "five"


def test_aliases_apply_after_normalizing() -> None:
    frame = pl.DataFrame({"subject": ["Nordkorea", "DVRK", "north korea", None]})
    column = normalize_column(frame, "subject", {"nordkorea": "north_korea", "dvrk": "north_korea"})
    assert column.to_list() == ["north_korea", "north_korea", "north_korea", ""]


@example(["\U0001e030"])  # newer than Python's Unicode tables: polars' NFKC maps it
@example(["a\x1fb", "A\tB", "Ä-ß"])  # \x1f is white space to Python, not to polars
@given(st.lists(st.text(max_size=20), min_size=1, max_size=20))
def test_column_pass_equals_exact_normalization(names: list[str]) -> None:
    """The vectorized pre-pass in polars never changes what a name normalizes to."""
    frame = pl.DataFrame({"metric": names}, schema={"metric": pl.String})
    assert normalize_column(frame, "metric", {}).to_list() == [normalize_name(n) for n in names]


@example(["North  Korea", "x"], ["\U0001e030"])  # one column folded in polars, one not
@example(["a\x1fb"], ["b"])  # \x1f is printable to neither, so it takes normalize_name
@given(
    st.lists(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=12), min_size=1,
             max_size=10),
    st.lists(st.text(max_size=12), min_size=1, max_size=10),
)  # fmt: skip
def test_columns_folded_together_equal_exact_normalization(
    ascii_names: list[str], any_names: list[str]
) -> None:
    """Several columns at once (printable ones in one query) normalize as each name does."""
    rows = max(len(ascii_names), len(any_names))
    subject = (ascii_names * rows)[:rows]
    metric = (any_names * rows)[:rows]
    columns = {"subject": subject, "metric": metric, "object": [None] * rows}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    aliases = {"subject": {normalize_name(subject[0]): "alias_target"}}
    got = normalize_columns(frame, ("subject", "metric", "object"), aliases)
    expected_subject = [
        "alias_target" if normalize_name(n) == normalize_name(subject[0]) else normalize_name(n)
        for n in subject
    ]
    assert got[0].to_list() == expected_subject
    assert got[1].to_list() == [normalize_name(n) for n in metric]
    assert got[2].to_list() == [""] * rows


@given(st.lists(st.text(alphabet=st.sampled_from(list("aZ_- -1~")), max_size=10), min_size=1,
                max_size=10))  # fmt: skip
def test_folding_printable_names_in_polars_is_normalize_name(names: list[str]) -> None:
    """Runs of spaces, `_` and `-` in any mix, at either end or inside: polars folds a
    printable column as `normalize_name` folds each of its names."""
    frame = pl.DataFrame({"subject": names, "metric": ["Z"] * len(names)})
    subject, metric = normalize_columns(frame, ("subject", "metric"), {})
    assert subject.to_list() == [normalize_name(name) for name in names]
    assert metric.to_list() == ["z"] * len(names)


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab_1")), max_size=8), min_size=1,
                max_size=10))  # fmt: skip
def test_a_column_already_folded_is_its_own_key_with_aliases_applied(names: list[str]) -> None:
    folded = [normalize_name(name) for name in names]
    frame = pl.DataFrame({"subject": folded, "metric": names, "object": folded})
    aliases = {"object": {folded[0]: "alias_target"}}
    subject, metric, obj = normalize_columns(frame, ("subject", "metric", "object"), aliases)
    assert subject.to_list() == folded
    assert metric.to_list() == folded
    assert obj.to_list() == ["alias_target" if name == folded[0] else name for name in folded]


@example("a\n")  # Python's `$` would match before that newline; polars' does not
@example("_a")
@example("a__b")
@given(st.text(alphabet=st.sampled_from(list("aZ_- -1~\t\x7fé")), max_size=10))
def test_folded_is_exactly_a_printable_name_folding_keeps(name: str) -> None:
    """`FOLDED`, as polars matches it, holds for a name iff it is printable ASCII, not
    empty, and its own key: the names whose column `normalize_columns` reuses at once."""
    matched = pl.Series([name]).str.contains(FOLDED).item()
    printable = all(" " <= char <= "~" for char in name)
    assert matched == (printable and name != "" and normalize_name(name) == name)


@pytest.mark.parametrize("late", [True, False])
def test_a_column_is_its_own_key_only_if_every_row_is_not_only_its_first(late: bool) -> None:
    """The first rows only decide whether the whole column is read for `FOLDED`: a name
    past them that folding changes is still folded, and one before them sends the column
    to the two patterns however the rest are written."""
    rows = 3000
    names = ["north_korea"] * rows
    names[2500 if late else 3] = "North  Korea"
    columns = {"subject": names, "metric": ["m"] * rows, "object": [None] * rows}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    subject, metric, obj = normalize_columns(frame, ("subject", "metric", "object"), {})
    assert subject.to_list() == ["north_korea"] * rows
    assert metric.to_list() == ["m"] * rows
    assert obj.to_list() == [""] * rows


def test_names_folded_in_many_morsels_stay_in_their_rows() -> None:
    """A column of distinct names is folded whole, on the streaming engine in parts across
    cores: each key comes back to its own row, as one chunk."""
    rows = 250_000
    frame = pl.DataFrame({"subject": [f"Name {i}-X" for i in range(rows)]})
    (subject,) = normalize_columns(frame, ("subject",), {})
    assert subject.n_chunks() == 1
    assert subject.to_list() == [f"name_{i}_x" for i in range(rows)]


def test_repeated_names_get_their_keys_back_in_every_row_of_every_chunk() -> None:
    """Each distinct name of a column that repeats its names is folded once and its key
    gathered back by its code (a column of mostly distinct names is folded whole): rows that
    repeat a name in any order, across chunks, with nulls, names polars does not fold and
    aliases, get what `normalize_name` and the alias give each row."""
    spellings = ["North Korea", "north-korea", "DVRK", "Straße", "A\tB", "ﬁve", None, "x"]
    rows = [spellings[(i * 7919) % len(spellings)] for i in range(5000)]
    half = len(rows) // 2
    schema = {"subject": pl.String, "metric": pl.String}
    parts = [pl.DataFrame({"subject": part, "metric": list(reversed(part))}, schema=schema)
             for part in (rows[:half], rows[half:])]  # fmt: skip
    frame = pl.concat(parts, rechunk=False)
    assert frame.n_chunks("all") == [2, 2]
    aliases = {"subject": {"dvrk": "north_korea"}}
    subject, metric = normalize_columns(frame, ("subject", "metric"), aliases)
    expected = [normalize_name(name or "") for name in frame.get_column("subject").to_list()]
    assert subject.to_list() == ["north_korea" if k == "dvrk" else k for k in expected]
    assert metric.to_list() == [normalize_name(n or "") for n in frame.get_column("metric")]


def test_a_table_without_rows_has_keys_without_rows() -> None:
    frame = pl.DataFrame(
        {"subject": [], "metric": []}, schema={"subject": pl.String, "metric": pl.String}
    )
    subject, metric = normalize_columns(frame, ("subject", "metric"), {"subject": {"a": "b"}})
    assert (subject.len(), metric.len()) == (0, 0)
    assert subject.dtype == pl.String
    assert metric.dtype == pl.String
