"""Bad input never crashes: one clear line per problem, exit 2, inputs untouched.

Each test writes a malformed table to a temporary file and runs the CLI's
`validate` on it, checking the exact location and that nothing else leaks.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import polars as pl
import pytest

from claimcheck.errors import InputErrors
from claimcheck.table import READ_AS_CATEGORICAL, load_table, read_claims
from conftest import run_cli

HEADER = "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier\n"
GOOD = "c1,s1,north_korea,containers_shipped,russia,,11000,,container,approx\n"
LINE_FORMAT = re.compile(r"^\S+:\d+: \S+: .+$")


def check(tmp_path: Path, content: bytes | str, *expected: str) -> list[str]:
    """Validate `content`; assert exit 2 and that each expected text is on its own line."""
    path = tmp_path / "claims.csv"
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    result = run_cli("validate", str(path))
    assert result.status == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    assert path.read_bytes() == data, "validate must never write to its input"
    return lines


class TestStructure:
    def test_empty_file(self, tmp_path: Path) -> None:
        check(tmp_path, "", "claims.csv:1: the claims file is empty")

    def test_only_a_bom(self, tmp_path: Path) -> None:
        check(tmp_path, b"\xef\xbb\xbf\n", "file is empty")

    def test_missing_columns(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            "claim_id,subject\nc1,x\n",
            "claims.csv:1: source_id: missing required column(s): source_id, metric, value, unit",
        )

    def test_short_row(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + GOOD + "c2,s1,x,m\n",
            "claims.csv:3: object: row has 4 fields, the header has 10",
        )

    def test_long_row(self, tmp_path: Path) -> None:
        check(
            tmp_path, HEADER + GOOD.rstrip() + ",extra\n", "claims.csv:2: (row): row has 11 fields"
        )

    def test_unterminated_quote(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + GOOD + 'c2,s1,x,m,,,1,,container,"exact\n',
            "unterminated quoted field",
        )

    def test_invalid_utf8(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            (HEADER + GOOD).encode() + b"c2,s1,Nordkor\xe9a,m,,,1,,container,\n",
            "claims.csv:3: (encoding): not valid UTF-8 (byte 0xe9",
        )

    def test_binary_garbage(self, tmp_path: Path) -> None:
        check(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL bytes")

    def test_absurdly_long_field_is_answered_fast(self, tmp_path: Path) -> None:
        start = time.perf_counter()
        check(
            tmp_path,
            HEADER + GOOD + "c2,s1,x,m,,," + "9" * 300_000 + ",,container,\n",
            "longer than 131072 characters",
        )
        assert time.perf_counter() - start < 1.0

    def test_duplicate_header(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER.rstrip() + ",unit\n" + GOOD.rstrip() + ",x\n",
            "claims.csv:1: unit: column appears twice",
        )


class TestCells:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("11.000,5", "is not a number"),
            ("1,000", "is not a number"),
            ("eleven", "is not a number"),
            ("nan", "is not a number"),
            ("1e999", "is not a finite number"),
            ("9" * 80, "longer than 64 characters"),
        ],
    )
    def test_bad_value(self, tmp_path: Path, value: str, message: str) -> None:
        check(
            tmp_path,
            HEADER + f'c1,s1,x,m,,,"{value}",,container,exact\n',
            "claims.csv:2: value: ",
            message,
        )

    def test_unknown_unit(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + "c1,s1,x,m,,,1,,Soldaten,exact\n",
            "claims.csv:2: unit: unknown unit 'Soldaten'",
        )

    def test_hostile_unit_answered_fast(self, tmp_path: Path) -> None:
        start = time.perf_counter()
        rows = "".join(f"c{i},s1,x,m,,,1,,10**10**10 {'z' * 150},exact\n" for i in range(50))
        check(tmp_path, HEADER + rows, "claims.csv:51: unit: cannot read unit")
        assert time.perf_counter() - start < 1.0

    def test_duplicate_ids(self, tmp_path: Path) -> None:
        check(tmp_path, HEADER + GOOD + GOOD, "claims.csv:3: claim_id: duplicate claim_id 'c1'")

    def test_bad_qualifier(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + "c1,s1,x,m,,,1,,container,roughly\n",
            "claims.csv:2: qualifier: 'roughly' is not one of exact, approx",
        )

    @pytest.mark.parametrize(
        ("period", "message"),
        [
            ("2024-13", "month 13 does not exist"),
            ("2023-02-29", "day 29 does not exist"),
            ("last year", "is not an ISO 8601 date"),
            ("2024/2023", "ends before it starts"),
            ("../2024", "is not an ISO 8601 date"),
        ],
    )
    def test_bad_period(self, tmp_path: Path, period: str, message: str) -> None:
        check(
            tmp_path,
            HEADER + f"c1,s1,x,m,,{period},1,,container,exact\n",
            "claims.csv:2: period: ",
            message,
        )

    def test_range_without_high(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + "c1,s1,x,m,,,1,,container,range\n",
            "claims.csv:2: value_high: qualifier is range, so value_high is required",
        )

    def test_inverted_range(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + "c1,s1,x,m,,,300,100,container,range\n",
            "claims.csv:2: value_high: range is inverted",
        )

    def test_required_cell_empty(self, tmp_path: Path) -> None:
        check(
            tmp_path,
            HEADER + "c1,,x,m,,,1,,container,\n",
            "claims.csv:2: source_id: source_id is required and empty",
        )

    def test_every_error_is_reported(self, tmp_path: Path) -> None:
        lines = check(
            tmp_path,
            HEADER + GOOD + "c2,s1,x,m,,,abc,,container,\nc3,s1,x,m,,,1,,parsecs,maybe\n",
            "claims.csv:3: value:",
            "claims.csv:4: unit:",
            "claims.csv:4: qualifier:",
        )
        assert all(LINE_FORMAT.match(line) for line in lines)

    def test_line_numbers_follow_multiline_quotes(self, tmp_path: Path) -> None:
        """A quote with line breaks moves later records down; messages follow the file."""
        content = HEADER + 'c1,s1,"x\nstill x",m,,,1,,container,exact\nc2,s1,x,m,,,1,,foo,\n'
        check(tmp_path, content, "claims.csv:4: unit:")


class TestAccepted:
    def test_bom_and_crlf(self, tmp_path: Path) -> None:
        path = tmp_path / "claims.csv"
        path.write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD).replace("\n", "\r\n").encode())
        result = run_cli("validate", str(path))
        assert result.status == 0, result.stderr
        assert "1 claims" in result.stderr

    def test_extra_columns_are_carried(self) -> None:
        table = load_table(
            "-",
            stdin=io.BytesIO((HEADER.rstrip() + ",mine\n" + GOOD.rstrip() + ",kept\n").encode()),
            discover=False,
        )
        assert table.claims.get_column("mine").to_list() == ["kept"]

    def test_blank_lines_are_skipped(self) -> None:
        table = load_table(
            "-", stdin=io.BytesIO((HEADER + "\n" + GOOD + "\n").encode()), discover=False
        )
        assert table.claims.get_column("_line").to_list() == [3]

    def test_low_cardinality_columns_are_never_read_as_strings(self, tmp_path: Path) -> None:
        """A string cell costs a 16-byte view where a Categorical's code costs 4."""
        path = tmp_path / "claims.csv"
        path.write_text(HEADER.rstrip() + ",as_of,note\n" + GOOD.rstrip() + ",2024, n\n")
        frame = read_claims(path).frame
        assert set(READ_AS_CATEGORICAL) >= {"source_id", "unit", "qualifier", "as_of", "note"}
        coded = {name for name, dtype in frame.schema.items() if dtype == pl.Categorical}
        assert coded == set(READ_AS_CATEGORICAL) & set(frame.columns)
        assert frame.row(0, named=True)["note"] == " n"

    def test_padded_and_upper_case_choices_in_categoricals(self) -> None:
        """Per-value checks of Categoricals strip, lower-case and default as text columns do."""
        data = (HEADER.rstrip() + ",modality,as_of\n"
                "c1,s1,x,m,,,1,,container,,,\n"
                "c2, s1 ,x,m,,,1,, container , Range ,ESTIMATED, 2024 \n"
                "c3,s1,x,m,,,1,2,container,range, ,\n")  # fmt: skip
        with pytest.raises(InputErrors) as raised:
            load_table("-", stdin=io.BytesIO(data.encode()), discover=False)
        assert [str(e) for e in raised.value.errors] == [
            "<stdin>:3: value_high: qualifier is range, so value_high is required"
        ]
        fixed = data.replace(",, container ", ",3, container ")
        claims = load_table("-", stdin=io.BytesIO(fixed.encode()), discover=False).claims
        assert claims.select("source_id", "qualifier", "modality", "as_of", "dimension").rows() == [
            ("s1", "exact", "asserted", "", "[container]"),
            ("s1", "range", "estimated", "2024", "[container]"),
            ("s1", "range", "asserted", "", "[container]"),
        ]

    def test_qualifier_case_and_default(self) -> None:
        data = HEADER + "c1,s1,x,m,,,1,,container,\nc2,s1,x,m,,,1,,container, APPROX \n"
        table = load_table("-", stdin=io.BytesIO(data.encode()), discover=False)
        assert table.claims.get_column("qualifier").to_list() == ["exact", "approx"]


class TestSourcesAndAliases:
    def test_unknown_source(self, tmp_path: Path) -> None:
        (tmp_path / "sources.csv").write_text("source_id,published\ns1,2024-05\n")
        check(
            tmp_path,
            HEADER + GOOD.replace("s1", "s9"),
            "claims.csv:2: source_id: source_id 's9' is not in the sources file",
        )

    def test_bad_published_date(self, tmp_path: Path) -> None:
        (tmp_path / "sources.csv").write_text("source_id,published\ns1,May 2024\n")
        check(tmp_path, HEADER + GOOD, "sources.csv:2: published: 'May 2024' is not an ISO 8601")

    def test_duplicate_source_id(self, tmp_path: Path) -> None:
        (tmp_path / "sources.csv").write_text("source_id\ns1\ns2\ns1\n")
        check(tmp_path, HEADER + GOOD, "sources.csv:4: source_id: duplicate source_id 's1'")

    def test_bad_alias_field(self, tmp_path: Path) -> None:
        (tmp_path / "aliases.csv").write_text("field,alias,canonical\ncountry,DPRK,north_korea\n")
        check(tmp_path, HEADER + GOOD, "aliases.csv:2: field: 'country' is not one of")

    def test_conflicting_alias(self, tmp_path: Path) -> None:
        (tmp_path / "aliases.csv").write_text(
            "field,alias,canonical\nsubject,DPRK,north_korea\nsubject,dprk,south_korea\n"
        )
        check(tmp_path, HEADER + GOOD, "aliases.csv:3: alias: alias 'dprk' already maps")

    def test_published_date_is_the_default_time(self, tmp_path: Path) -> None:
        (tmp_path / "sources.csv").write_text("source_id,published\ns1,2024-05\n")
        (tmp_path / "claims.csv").write_text(HEADER + GOOD)
        table = load_table(tmp_path / "claims.csv")
        assert table.claims.get_column("time_text").to_list() == ["2024-05"]


def test_missing_file() -> None:
    result = run_cli("validate", "no/such/claims.csv")
    assert result.status == 2
    assert result.stderr == "no/such/claims.csv: no such file\n"


def test_library_errors_are_value_errors() -> None:
    """Library callers can catch ValueError without knowing claimcheck's types."""
    with pytest.raises(ValueError, match="empty") as caught:
        load_table("-", stdin=io.BytesIO(b""), discover=False)
    assert not isinstance(caught.value, InputErrors) or caught.value.errors
