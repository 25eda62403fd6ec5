"""Pins of the claims table's checks: each message, its line and column, and what passes.

Mutation testing (make mutation) showed checks whose exact message, column or
boundary no test looked at: a whitespace-only subject, a range with equal ends,
`value_high` without `range`, the 64-character limit, the sources' and aliases'
messages. Each test states the whole list of problems a table gets, so an extra
or a missing message fails as well as a changed one.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.csvfile import CsvFile, read_csv
from claimcheck.errors import InputErrors
from claimcheck.table import (
    CATEGORICAL_COLUMNS,
    ClaimsTable,
    load_aliases,
    load_sources,
    load_table,
    quoted,
    validate_claims,
)

HEADER = "claim_id,source_id,subject,metric,value,value_high,unit,qualifier,modality\n"
NOT_A_NUMBER = (
    "is not a number: write ASCII digits with '.' as decimal point and no thousands "
    "separators (e.g. 11000 or 5.5)"
)


def _csv(rows: list[str], header: str = HEADER) -> bytes:
    return (header + "".join(row + "\n" for row in rows)).encode()


def table_of(rows: list[str], header: str = HEADER) -> ClaimsTable:
    """The claims rows read from standard input, without companions."""
    return load_table("-", stdin=io.BytesIO(_csv(rows, header)), discover=False)


def problems(rows: list[str], header: str = HEADER) -> list[str]:
    """Every `LINE: COLUMN: message` the rows get, in the order reported."""
    with pytest.raises(InputErrors) as caught:
        table_of(rows, header)
    return [str(error).removeprefix("<stdin>:") for error in caught.value.errors]


def problems_in(directory: Path) -> list[str]:
    """Every problem of `claims.csv` and its companions in `directory`, paths made relative."""
    with pytest.raises(InputErrors) as caught:
        load_table(directory / "claims.csv")
    return [str(error).replace(f"{directory}/", "") for error in caught.value.errors]


def alias_problems(directory: Path, text: str) -> list[str]:
    """Every problem `load_aliases` finds in an aliases file of `text`, paths made relative."""
    path = directory / "aliases.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_aliases(path)
    return [str(error).replace(f"{directory}/", "") for error in caught.value.errors]


GOOD = "c1,s1,x,m,1,,container,,"


class TestRequiredCells:
    @pytest.mark.parametrize(
        ("row", "column"),
        [
            ("  ,s1,x,m,1,,container,,", "claim_id"),
            ("c1,  ,x,m,1,,container,,", "source_id"),
            ("c1,s1,   ,m,1,,container,,", "subject"),
            ("c1,s1,x, \t ,1,,container,,", "metric"),
            ("c1,s1,x,m, ,,container,,", "value"),
        ],
    )
    def test_a_cell_of_only_spaces_is_empty(self, row: str, column: str) -> None:
        assert problems([row]) == [f"2: {column}: {column} is required and empty"]

    def test_a_unit_of_only_spaces_gets_one_message(self) -> None:
        """A blank unit is empty, not also an unknown unit."""
        assert problems(["c1,s1,x,m,1,,  ,,"]) == ["2: unit: unit is required and empty"]

    def test_a_subject_padded_with_spaces_is_accepted(self) -> None:
        table = table_of(["c1,s1, north korea ,m,1,,container,,"])
        assert table.claims.get_column("subject_key").to_list() == ["north_korea"]

    def test_empty_ids_are_not_duplicates_of_each_other(self) -> None:
        assert problems([",s1,x,m,1,,container,,", ",s1,x,m,1,,container,,"]) == [
            "2: claim_id: claim_id is required and empty",
            "3: claim_id: claim_id is required and empty",
        ]

    def test_an_id_repeated_with_padding_is_a_duplicate(self) -> None:
        assert problems([GOOD, " c1 ,s1,x,m,2,,container,,"]) == [
            "3: claim_id: duplicate claim_id 'c1'"
        ]


class TestValues:
    def test_64_characters_are_accepted_and_65_are_not(self) -> None:
        accepted = "1" * 64
        assert table_of([f"c1,s1,x,m,{accepted},,dimensionless,,"]).claims.height == 1
        assert problems(["c1,s1,x,m," + "1" * 65 + ",,container,,"]) == [
            "2: value: value longer than 64 characters"
        ]

    def test_value_high_has_the_same_length_limit(self) -> None:
        assert problems(["c1,s1,x,m,1," + "2" * 65 + ",container,range,"]) == [
            "2: value_high: value longer than 64 characters"
        ]

    def test_a_malformed_value_gets_the_whole_advice(self) -> None:
        assert problems(["c1,s1,x,m,abc,,container,,"]) == [f"2: value: 'abc' {NOT_A_NUMBER}"]

    def test_a_malformed_value_high_gets_the_whole_advice(self) -> None:
        """And no inverted-range message: a value that is no number has no order."""
        assert problems(["c1,s1,x,m,1,abc,container,range,"]) == [
            f"2: value_high: 'abc' {NOT_A_NUMBER}"
        ]

    def test_a_long_malformed_value_is_quoted_cut(self) -> None:
        value = "x" * 50
        assert problems([f"c1,s1,x,m,{value},,container,,"]) == [
            f"2: value: '{'x' * 37}...' {NOT_A_NUMBER}"
        ]

    def test_odd_characters_are_named(self) -> None:
        assert problems(["c1,s1,x,m,１２,,container,,"]) == [
            "2: value: '１２' is not a number (it holds '１' (U+FF11 FULLWIDTH DIGIT ONE), "
            "'２' (U+FF12 FULLWIDTH DIGIT TWO)): write ASCII digits with '.' as decimal point "
            "and no thousands separators (e.g. 11000 or 5.5)"
        ]

    def test_infinite_values_are_named_in_both_columns(self) -> None:
        lines = problems(["c1,s1,x,m,-1e999,1e999,dimensionless,range,"])
        assert "2: value: '-1e999' is not a finite number" in lines
        assert "2: value_high: '1e999' is not a finite number" in lines

    def test_an_infinite_value_high_is_named_beside_a_finite_value(self) -> None:
        assert problems(["c1,s1,x,m,5,1e999,dimensionless,range,"]) == [
            "2: value_high: '1e999' is not a finite number"
        ]

    def test_the_checks_leave_no_column_of_their_own(self) -> None:
        claims = table_of(["c1,s1,x,m,5,6,container,range,"]).claims
        assert not [name for name in claims.columns if name.startswith("_value")]

    def test_a_value_too_long_is_reported_only_as_too_long(self) -> None:
        """400 digits would read as infinite; the length is the message that helps."""
        lines = problems(["c1,s1,x,m," + "9" * 400 + "," + "8" * 400 + ",container,range,"])
        assert "2: value: value longer than 64 characters" in lines
        assert "2: value_high: value longer than 64 characters" in lines
        assert not any("finite" in line or "not a number" in line for line in lines)

    def test_an_infinite_value_gets_one_message(self) -> None:
        """Not also "too large once scaled": an infinite value has no size to scale."""
        assert problems(["c1,s1,x,m,1e999,1e999,dimensionless,range,"]) == [
            "2: value: '1e999' is not a finite number",
            "2: value_high: '1e999' is not a finite number",
        ]

    def test_surrounding_spaces_are_stripped_from_values_and_choices(self) -> None:
        claims = table_of([" c1 , s1 ,x,m, 2 , 3 ,container, RANGE , Hedged "]).claims
        row = claims.select(
            "claim_id", "source_id", "value", "value_high", "qualifier", "modality"
        ).row(0)
        assert row == ("c1", "s1", "2", "3", "range", "hedged")


class TestRanges:
    def test_a_range_with_equal_ends_is_accepted(self) -> None:
        claims = table_of(["c1,s1,x,m,5,5,container,range,"]).claims
        assert claims.get_column("value_high").to_list() == ["5"]

    def test_an_inverted_range_names_its_high_end(self) -> None:
        assert problems(["c1,s1,x,m,5,4.5,container,range,"]) == [
            "2: value_high: range is inverted: value_high '4.5' is below value"
        ]

    def test_a_range_to_minus_inf_is_no_number_rather_than_inverted(self) -> None:
        """polars would read "-inf"; the table's number format does not."""
        lines = problems(["c1,s1,x,m,5,-inf,container,range,"])
        assert lines[0] == f"2: value_high: '-inf' {NOT_A_NUMBER}"
        assert not any("inverted" in line for line in lines)

    def test_a_range_from_inf_is_no_number_rather_than_inverted(self) -> None:
        lines = problems(["c1,s1,x,m,inf,5,container,range,"])
        assert lines[0] == f"2: value: 'inf' {NOT_A_NUMBER}"
        assert not any("inverted" in line for line in lines)

    def test_a_range_needs_value_high(self) -> None:
        assert problems(["c1,s1,x,m,5,,container,range,"]) == [
            "2: value_high: qualifier is range, so value_high is required"
        ]

    @pytest.mark.parametrize("qualifier", ["", "exact", "approx", "at_least", "at_most"])
    def test_value_high_without_range_is_rejected(self, qualifier: str) -> None:
        assert problems([f"c1,s1,x,m,5,6,container,{qualifier},"]) == [
            "2: value_high: value_high is only read with qualifier range"
        ]

    def test_value_high_under_an_unknown_qualifier_gets_one_message(self) -> None:
        """The qualifier is what is wrong; whether value_high is read is then unknown."""
        assert problems(["c1,s1,x,m,5,6,container,between,"]) == [
            "2: qualifier: 'between' is not one of exact, approx, at_least, at_most, range"
        ]

    def test_a_lower_value_high_outside_a_range_is_not_called_inverted(self) -> None:
        assert problems(["c1,s1,x,m,5,4,container,approx,"]) == [
            "2: value_high: value_high is only read with qualifier range"
        ]


class TestChoices:
    def test_an_unknown_modality_lists_the_choices(self) -> None:
        assert problems(["c1,s1,x,m,1,,container,,certain"]) == [
            "2: modality: 'certain' is not one of asserted, estimated, hedged"
        ]

    def test_empty_choices_take_their_defaults(self) -> None:
        claims = table_of([GOOD]).claims
        assert claims.select("qualifier", "modality").row(0) == ("exact", "asserted")

    def test_choices_are_read_in_any_case(self) -> None:
        claims = table_of(["c1,s1,x,m,1,,container,AT_MOST,Estimated"]).claims
        assert claims.select("qualifier", "modality").row(0) == ("at_most", "estimated")


class TestScaled:
    def test_a_value_too_large_once_scaled_names_value_and_unit(self) -> None:
        assert problems(["c1,s1,x,m,1e300,,billion,,", "c2,s1,x,m,1e299,,billion,,"]) == [
            "2: value: '1e300' 'billion' is too large once scaled to base units "
            "(beyond about 1.8e308)"
        ]

    def test_a_value_high_too_large_once_scaled_is_rejected(self) -> None:
        assert problems(["c1,s1,x,m,1,1e300,billion,range,"]) == [
            "2: value_high: '1e300' 'billion' is too large once scaled to base units "
            "(beyond about 1.8e308)"
        ]

    def test_a_small_value_in_a_small_unit_is_not_too_large(self) -> None:
        """Scaling multiplies by the factor: 1e300 thousandths are 1e297."""
        claims = table_of(["c1,s1,x,m,1e300,,percent,,"]).claims
        assert claims.get_column("factor").to_list() == [0.01]


class TestResolved:
    def test_units_resolve_to_factor_dimension_and_base_unit(self) -> None:
        claims = table_of(
            [
                "c1,s1,x,m,5.5,,billion USD,,",
                "c2,s1,x,m,3,,thousand container,,",
                "c3,s1,x,m,4,,billion USD,,",
            ]
        ).claims
        rows = claims.select("factor", "dimension", "base_unit").rows()
        assert rows[0] == rows[2]
        assert rows[0][0] == 1e9
        assert rows[1][0] == 1e3
        assert rows[0][1:] != rows[1][1:]
        assert rows[0][2] == "USD"

    def test_an_unknown_unit_is_reported_on_every_row_that_has_it(self) -> None:
        assert problems([GOOD, "c2,s1,x,m,1,,Soldaten,,", "c3,s1,x,m,1,,Soldaten,,"]) == [
            "3: unit: unknown unit 'Soldaten' in 'Soldaten'",
            "4: unit: unknown unit 'Soldaten' in 'Soldaten'",
        ]

    def test_keys_are_normalized_and_the_period_kept(self) -> None:
        header = "claim_id,source_id,subject,metric,object,period,value,unit\n"
        claims = table_of(
            ["c1,s1,North Korea,Containers-Shipped,RUSSIA,2024-01/..,1,container"], header
        ).claims
        keys = claims.select("subject_key", "metric_key", "object_key", "period_key").row(0)
        assert keys == ("north_korea", "containers_shipped", "russia", "2024-01/..")

    def test_open_and_closed_periods(self) -> None:
        header = "claim_id,source_id,subject,metric,period,value,unit\n"
        claims = table_of(
            [
                "c1,s1,x,m,2024-01/..,1,container",
                "c2,s1,x,m,2024-01/2024-06,1,container",
                "c3,s1,x,m,,1,container",
            ],
            header,
        ).claims
        assert claims.get_column("period_open").to_list() == [True, False, False]

    def test_a_padded_period_is_stripped(self) -> None:
        header = "claim_id,source_id,subject,metric,period,value,unit\n"
        claims = table_of(["c1,s1,x,m, 2024-01/.. ,1,container"], header).claims
        assert claims.select("period", "period_key", "period_open").row(0) == (
            "2024-01/..",
            "2024-01/..",
            True,
        )

    def test_as_of_gives_the_time_as_day_ordinals(self) -> None:
        header = "claim_id,source_id,subject,metric,as_of,value,unit\n"
        claims = table_of(
            ["c1,s1,x,m, 2024-02 ,1,container", "c2,s1,x,m,,1,container"], header
        ).claims
        assert claims.get_column("time_text").to_list() == ["2024-02", ""]
        assert claims.select("time_first", "time_last").rows() == [
            (date(2024, 2, 1).toordinal(), date(2024, 2, 29).toordinal()),
            (None, None),
        ]

    def test_a_bad_as_of_is_reported(self) -> None:
        header = "claim_id,source_id,subject,metric,as_of,value,unit\n"
        assert problems(["c1,s1,x,m,last week,1,container"], header) == [
            "2: as_of: 'last week' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ]

    def test_categorical_columns(self) -> None:
        claims = table_of([GOOD]).claims
        assert {name for name, dtype in claims.schema.items() if dtype == pl.Categorical} == set(
            CATEGORICAL_COLUMNS
        )
        assert claims.schema["subject"] == pl.String


def _write(directory: Path, claims: list[str], **companions: str) -> Path:
    (directory / "claims.csv").write_bytes(_csv(claims))
    for name, text in companions.items():
        (directory / f"{name}.csv").write_text(text, encoding="utf-8")
    return directory / "claims.csv"


class TestSources:
    def test_messages_of_a_bad_sources_file(self, tmp_path: Path) -> None:
        sources = (
            "source_id,published,language\n"
            "s1,2024-05,de\n"
            " ,2024-05,en\n"
            "s1 ,,\n"
            "s2,2024-13,en-GB\n"
            "s3,,English\n"
            "s4,,de-\n"
        )
        _write(tmp_path, [GOOD], sources=sources)
        assert sorted(problems_in(tmp_path)) == [
            "sources.csv:3: source_id: source_id is required and empty",
            "sources.csv:4: source_id: duplicate source_id 's1'",
            "sources.csv:5: published: '2024-13': month 13 does not exist",
            "sources.csv:6: language: 'English' is not a BCP 47 language tag (e.g. de, en, de-AT)",
            "sources.csv:7: language: 'de-' is not a BCP 47 language tag (e.g. de, en, de-AT)",
        ]

    def test_good_sources_are_stripped(self, tmp_path: Path) -> None:
        path = tmp_path / "sources.csv"
        path.write_text("source_id,title,language\n s1 , A title ,de-AT\ns2,,\n")
        frame = load_sources(path)
        assert frame.select("source_id", "title", "language", "published").rows() == [
            ("s1", "A title", "de-AT", ""),
            ("s2", "", "", ""),
        ]

    def test_a_sources_file_needs_source_id(self, tmp_path: Path) -> None:
        _write(tmp_path, [GOOD], sources="title\nA\n")
        assert problems_in(tmp_path) == [
            "sources.csv:1: source_id: missing required column(s): source_id"
        ]

    def test_an_unknown_source_is_reported_and_an_empty_one_only_as_empty(
        self, tmp_path: Path
    ) -> None:
        _write(
            tmp_path,
            [GOOD, "c2,s9,x,m,1,,container,,", "c3,,x,m,1,,container,,"],
            sources="source_id\ns1\n",
        )
        assert problems_in(tmp_path) == [
            "claims.csv:3: source_id: source_id 's9' is not in the sources file",
            "claims.csv:4: source_id: source_id is required and empty",
        ]

    def test_published_is_the_time_when_as_of_is_empty(self, tmp_path: Path) -> None:
        header = "claim_id,source_id,subject,metric,as_of,value,unit\n"
        (tmp_path / "claims.csv").write_bytes(
            _csv(
                ["c1,s1,x,m,,1,container", "c2,s1,x,m,2023,1,container", "c3,s2,x,m,,1,container"],
                header,
            )
        )
        (tmp_path / "sources.csv").write_text("source_id,published\ns1,2024-05-02\ns2,\n")
        claims = load_table(tmp_path / "claims.csv").claims
        assert claims.select("time_text", "time_first", "time_last").rows() == [
            ("2024-05-02", date(2024, 5, 2).toordinal(), date(2024, 5, 2).toordinal()),
            ("2023", date(2023, 1, 1).toordinal(), date(2023, 12, 31).toordinal()),
            ("", None, None),
        ]


class TestAliases:
    def test_messages_of_a_bad_aliases_file(self, tmp_path: Path) -> None:
        aliases = (
            "field,alias,canonical\n"
            "country,DPRK,north_korea\n"
            "subject, ,north_korea\n"
            "subject,DPRK,\n"
            "subject,DPRK,north_korea\n"
            "subject,D.P.R.K.,x\n"
            "subject,dprk,south korea\n"
            "metric,shells,\n"
        )
        _write(tmp_path, [GOOD], aliases=aliases)
        assert problems_in(tmp_path) == [
            "aliases.csv:2: field: 'country' is not one of subject, metric, object, unit",
            "aliases.csv:3: alias: alias is required and empty",
            "aliases.csv:4: canonical: canonical is required and empty",
            "aliases.csv:7: alias: alias 'dprk' already maps to 'north_korea' (line 5)",
            "aliases.csv:8: canonical: canonical is required and empty",
        ]

    def test_fields_are_read_in_any_case_and_names_normalized(self, tmp_path: Path) -> None:
        path = tmp_path / "aliases.csv"
        path.write_text(
            "field,alias,canonical\n"
            " Subject ,North Korea,North-Korea\n"
            "subject,north_korea,north korea\n"
            "UNIT,US Dollar, USD \n"
            "metric,Shells,artillery shells\n"
        )
        aliases = load_aliases(path)
        assert aliases == {
            "subject": {"north_korea": "north_korea"},
            "metric": {"shells": "artillery_shells"},
            "object": {},
            "unit": {"us_dollar": "USD"},
        }

    def test_a_chain_resolves_to_its_end_in_each_field(self, tmp_path: Path) -> None:
        path = tmp_path / "aliases.csv"
        path.write_text(
            "field,alias,canonical\n"
            "subject,NK,Nordkorea\n"
            "subject,Nordkorea,DPRK\n"
            "object,DPRK,Korea\n"
            "unit,dollar,US Dollar\n"
            "unit,us_dollar,USD\n"
        )
        aliases = load_aliases(path)
        assert aliases["subject"] == {"nk": "dprk", "nordkorea": "dprk"}
        assert aliases["object"] == {"dprk": "korea"}
        assert aliases["unit"] == {"dollar": "USD", "us_dollar": "USD"}

    def test_a_cycle_is_reported_once_with_its_lines(self, tmp_path: Path) -> None:
        text = "field,alias,canonical\nsubject,x,y\nsubject,c,a\nsubject,a,b\nsubject,b,c\n"
        assert alias_problems(tmp_path, text) == [
            "aliases.csv:3: canonical: subject aliases form a cycle: 'c' -> 'a' -> 'b' -> 'c' "
            "(line 3, line 4, line 5); each chain of aliases must end in one canonical name"
        ]

    def test_every_cycle_of_a_field_is_reported(self, tmp_path: Path) -> None:
        path = tmp_path / "aliases.csv"
        path.write_text("field,alias,canonical\nmetric,a,b\nmetric,b,a\nmetric,c,d\nmetric,d,c\n")
        with pytest.raises(InputErrors) as caught:
            load_aliases(path)
        assert [(e.location.line, e.message.split(" (")[0]) for e in caught.value.errors] == [
            (2, "metric aliases form a cycle: 'a' -> 'b' -> 'a'"),
            (4, "metric aliases form a cycle: 'c' -> 'd' -> 'c'"),
        ]

    def test_an_aliases_file_needs_all_three_columns(self, tmp_path: Path) -> None:
        _write(tmp_path, [GOOD], aliases="field,alias\nsubject,x\n")
        assert problems_in(tmp_path) == [
            "aliases.csv:1: canonical: missing required column(s): canonical"
        ]

    def test_a_unit_cycle_is_found_through_normalized_names(self, tmp_path: Path) -> None:
        text = "field,alias,canonical\nunit,Foo Bar,Baz\nunit,baz,Foo-Bar\n"
        assert alias_problems(tmp_path, text) == [
            "aliases.csv:2: canonical: unit aliases form a cycle: 'foo_bar' -> 'baz' -> 'foo_bar' "
            "(line 2, line 3); each chain of aliases must end in one canonical name"
        ]

    def test_an_alias_to_itself_is_no_cycle(self, tmp_path: Path) -> None:
        path = tmp_path / "aliases.csv"
        path.write_text("field,alias,canonical\nunit,usd,USD\nsubject,a,b\nsubject,b,b\n")
        aliases = load_aliases(path)
        assert aliases["unit"] == {"usd": "USD"}
        assert aliases["subject"] == {"a": "b", "b": "b"}

    def test_a_unit_alias_applies_to_claims(self, tmp_path: Path) -> None:
        _write(
            tmp_path,
            ["c1,s1,x,m,1,,Greenback,,"],
            aliases="field,alias,canonical\nunit,greenback,thousand USD\n",
        )
        claims = load_table(tmp_path / "claims.csv").claims
        assert claims.select("unit", "factor", "base_unit").row(0) == ("Greenback", 1e3, "USD")

    def test_a_subject_alias_applies_to_keys(self, tmp_path: Path) -> None:
        _write(
            tmp_path,
            ["c1,s1,DPRK,m,1,,container,,"],
            aliases="field,alias,canonical\nsubject,dprk,North Korea\n",
        )
        table = load_table(tmp_path / "claims.csv")
        assert table.claims.get_column("subject_key").to_list() == ["north_korea"]
        assert table.aliases["subject"] == {"dprk": "north_korea"}


class TestLoading:
    def test_companions_beside_the_claims_are_found(self, tmp_path: Path) -> None:
        claims = _write(
            tmp_path,
            [GOOD],
            sources="source_id\ns1\n",
            aliases="field,alias,canonical\nsubject,x,y\n",
        )
        table = load_table(claims)
        assert table.path == str(claims)
        assert table.sources_path == str(tmp_path / "sources.csv")
        assert table.aliases_path == str(tmp_path / "aliases.csv")
        assert table.directory == tmp_path
        assert table.sources is not None
        assert table.sources.get_column("source_id").to_list() == ["s1"]
        assert table.claims.get_column("subject_key").to_list() == ["y"]

    def test_without_discovery_companions_are_ignored(self, tmp_path: Path) -> None:
        claims = _write(
            tmp_path,
            [GOOD],
            sources="source_id\ns9\n",
            aliases="field,alias,canonical\nsubject,x,y\n",
        )
        table = load_table(claims, discover=False)
        assert (table.sources, table.sources_path, table.aliases_path) == (None, None, None)
        assert table.aliases == {}
        assert table.directory is None
        assert table.claims.get_column("subject_key").to_list() == ["x"]

    def test_a_folder_named_like_a_companion_is_not_one(self, tmp_path: Path) -> None:
        claims = _write(tmp_path, [GOOD])
        (tmp_path / "sources.csv").mkdir()
        assert load_table(claims).sources_path is None

    def test_given_companions_are_used_wherever_they_are(self, tmp_path: Path) -> None:
        claims = _write(tmp_path, [GOOD])
        other = tmp_path / "elsewhere"
        other.mkdir()
        (other / "src.csv").write_text("source_id,published\ns1,2024\n")
        (other / "al.csv").write_text("field,alias,canonical\nsubject,x,z\n")
        table = load_table(claims, sources_path=other / "src.csv", aliases_path=other / "al.csv")
        assert (table.sources_path, table.aliases_path) == (
            str(other / "src.csv"),
            str(other / "al.csv"),
        )
        assert table.directory == other
        assert table.claims.select("subject_key", "time_text").row(0) == ("z", "2024")

    def test_standard_input_has_no_companions(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        (tmp_path / "sources.csv").write_text("source_id\ns9\n")
        table = load_table("-", stdin=io.BytesIO(_csv([GOOD])))
        assert table.path == "<stdin>"
        assert table.sources is None

    def test_problems_of_every_file_come_together(self, tmp_path: Path) -> None:
        _write(
            tmp_path,
            [GOOD],
            sources="source_id\ns1\ns1\n",
            aliases="field,alias,canonical\ncolour,a,b\n",
        )
        assert problems_in(tmp_path) == [
            "sources.csv:3: source_id: duplicate source_id 's1'",
            "aliases.csv:2: field: 'colour' is not one of subject, metric, object, unit",
        ]

    def test_rows_are_checked_only_once_the_companions_load(self, tmp_path: Path) -> None:
        """Against a broken sources file, "not in the sources file" would be noise."""
        _write(tmp_path, ["c1,s9,x,m,abc,,container,,"], sources="source_id\ns1\ns1\n")
        assert problems_in(tmp_path) == ["sources.csv:3: source_id: duplicate source_id 's1'"]

    def test_a_claims_file_without_required_columns_is_reported_with_companions(
        self, tmp_path: Path
    ) -> None:
        (tmp_path / "claims.csv").write_text("claim_id\nc1\n")
        (tmp_path / "sources.csv").write_text("source_id\ns1\n \n")
        assert problems_in(tmp_path) == [
            "sources.csv:3: source_id: source_id is required and empty",
            "claims.csv:1: source_id: missing required column(s): "
            "source_id, subject, metric, value, unit",
        ]

    def test_each_empty_file_is_named_by_its_kind(self, tmp_path: Path) -> None:
        for name in ("claims", "sources", "aliases"):
            (tmp_path / f"{name}.csv").write_text("")
        assert problems_in(tmp_path) == [
            "sources.csv:1: the sources file is empty: expected a header row",
            "aliases.csv:1: the aliases file is empty: expected a header row",
            "claims.csv:1: the claims file is empty: expected a header row",
        ]

    def test_claims_problems_are_sorted_by_line(self) -> None:
        assert problems(
            [
                "c1,s1,x,m,1,,Soldaten,,",
                "c2,s1,x,m,abc,,container,,",
                "c3,s1,x,m,1e300,,billion,,",
            ]
        ) == [
            "2: unit: unknown unit 'Soldaten' in 'Soldaten'",
            f"3: value: 'abc' {NOT_A_NUMBER}",
            "4: value: '1e300' 'billion' is too large once scaled to base units "
            "(beyond about 1.8e308)",
        ]

    def test_a_header_only_table_is_valid_and_empty(self) -> None:
        claims = table_of([]).claims
        assert claims.height == 0
        assert "subject_key" in claims.columns

    def test_missing_optional_columns_are_empty(self) -> None:
        claims = table_of(
            ["c1,s1,x,m,1,container"], "claim_id,source_id,subject,metric,value,unit\n"
        ).claims
        row = claims.select("object", "period", "value_high", "quote", "note", "as_of").row(0)
        assert row == ("", "", "", "", "", "")

    def test_empty_cells_of_a_short_quoted_row_read_as_empty(self) -> None:
        header = "claim_id,source_id,subject,metric,value,unit,note\n"
        claims = table_of(['c1,s1,x,m,1,container,""'], header).claims
        assert claims.get_column("note").cast(pl.String).to_list() == [""]


class TestValidateClaims:
    """The checks as the Dask engine runs them on a partition: errors returned, not raised."""

    def test_problems_are_returned_with_the_frame(self) -> None:
        raw = read_csv(
            "-", required=(), what="claims", data=_csv([GOOD, "c2,s2,x,m,abc,,container,,"])
        )
        sources = pl.DataFrame({"source_id": ["s1"], "published": ["2024"]})
        aliases = {"subject": {"x": "y"}}
        claims, errors = validate_claims(raw, sources, aliases)
        assert sorted(str(e) for e in errors) == [
            "<stdin>:3: source_id: source_id 's2' is not in the sources file",
            f"<stdin>:3: value: 'abc' {NOT_A_NUMBER}",
        ]
        assert claims.select("subject_key", "time_text").rows() == [("y", "2024"), ("y", "")]

    def test_a_row_with_an_unknown_unit_is_kept_unresolved(self) -> None:
        raw = read_csv(
            "-",
            required=(),
            what="claims",
            data=_csv(["c1,s1,x,m,1,,Soldaten,,", GOOD.replace("c1", "c2")]),
        )
        claims, errors = validate_claims(raw)
        assert [str(e) for e in errors] == [
            "<stdin>:2: unit: unknown unit 'Soldaten' in 'Soldaten'"
        ]
        assert claims.select("factor", "dimension", "base_unit").rows() == [
            (None, None, None),
            (1.0, "[container]", "container"),
        ]

    def test_a_partition_where_no_unit_resolves_keeps_the_column_types(self) -> None:
        """The Dask engine joins partitions: one without a known unit must have their schema."""
        raw = read_csv("-", required=(), what="claims", data=_csv(["c1,s1,x,m,1,,Soldaten,,"]))
        claims, errors = validate_claims(raw)
        assert len(errors) == 1
        schema = claims.schema
        assert schema["factor"] == pl.Float64
        assert schema["dimension"] == schema["base_unit"] == pl.Categorical
        assert schema["time_first"] == schema["time_last"] == pl.Int64

    def test_a_row_with_a_bad_as_of_keeps_no_time(self) -> None:
        header = "claim_id,source_id,subject,metric,as_of,value,unit\n"
        raw = read_csv(
            "-",
            required=(),
            what="claims",
            data=_csv(["c1,s1,x,m,soon,1,container", "c2,s1,x,m,2024,1,container"], header),
        )
        claims, errors = validate_claims(raw)
        assert [e.location.line for e in errors] == [2]
        assert claims.select("time_first", "time_last").rows() == [
            (None, None),
            (date(2024, 1, 1).toordinal(), date(2024, 12, 31).toordinal()),
        ]

    def test_nulls_in_a_partition_read_as_empty_cells(self) -> None:
        """A frame built elsewhere may hold nulls where a file holds empty cells."""
        frame = pl.DataFrame({
            "claim_id": ["c1", "c2"], "source_id": ["s1", "s1"], "subject": ["x", "x"],
            "metric": ["m", "m"], "value": ["1", "2"], "unit": ["container", "container"],
            "note": [None, "kept"], "qualifier": [None, "approx"], "_line": [2, 3],
        })  # fmt: skip
        raw = CsvFile("part.csv", tuple(frame.columns[:-1]), frame)
        claims, errors = validate_claims(raw)
        assert errors == []
        assert claims.select("qualifier", "note").cast(pl.String).rows() == [
            ("exact", ""),
            ("approx", "kept"),
        ]

    def test_a_clean_partition_has_no_problems(self) -> None:
        raw = read_csv("-", required=(), what="claims", data=_csv([GOOD]))
        claims, errors = validate_claims(raw)
        assert errors == []
        assert claims.select("subject_key", "factor").row(0) == ("x", 1.0)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("c1", "'c1'"), ("a" * 40, repr("a" * 40)), ("a" * 41, repr("a" * 37 + "..."))],
)
def test_quoted_values_are_cut_after_40_characters(value: str, shown: str) -> None:
    assert quoted(value) == shown


_PADDING = [" ", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "x", "é"]


@given(st.lists(st.text(alphabet=st.sampled_from(_PADDING), max_size=4), min_size=1,
                max_size=12),
       st.booleans())  # fmt: skip
def test_only_padded_cells_are_rewritten_and_every_padded_one_is(
    cells: list[str], coded: bool
) -> None:
    """Stripping the columns where some cell is padded gives the table every cell
    stripped: no padded cell escapes the test of which columns to rewrite, as Text or
    as a Categorical."""
    from claimcheck.table import _stripped

    dtype = pl.Categorical if coded else pl.String
    frame = pl.DataFrame({"value": cells, "period": ["2020"] * len(cells)},
                         schema={"value": dtype, "period": pl.String})  # fmt: skip
    stripped = _stripped(frame, ("value", "period"))
    assert stripped.schema == frame.schema
    every = frame.get_column("value").cast(pl.String).str.strip_chars().to_list()
    assert stripped.get_column("value").cast(pl.String).to_list() == every
    assert stripped.get_column("period").to_list() == ["2020"] * len(cells)
