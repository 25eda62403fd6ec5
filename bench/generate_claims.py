"""Generate a large synthetic claims table for the compare benchmark.

Two shapes, both deterministic for a given seed, so runs are comparable:

- `simple` (the default): about 100,000 quantities with 2 to 20 claims each
  (1,000,000 claims in all), 30 % of them with one clearly conflicting claim;
  units mix USD, million USD, billion USD, container and thousand container;
  all five qualifiers; names written with case and spacing variants; quotes of
  about 150 characters. `--euro-share F` writes that fraction of its money
  claims in euros (EUR, million EUR, billion EUR), at 1.08 USD per EUR, for the
  currency-conversion benchmark; the choice draws from its own random stream,
  so every other cell is the same as without it.
- `varied`: what real tables add to that: many distinct names (made-up words,
  tens of thousands of subjects and metrics), many near-duplicate names (8 % of
  quantities have a twin whose metric is misspelt by one letter and whose figure
  conflicts), many units (`UNITS`: six currencies, counted things, masses and
  rates, each with scale words; 2 % of quantities hold a claim of another
  dimension), and quotes of 200 to 400 characters with commas and quote marks.

Usage: python bench/generate_claims.py OUT.csv [--claims N] [--seed S] [--shape varied]
       [--euro-share F]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

HEADER = [
    "claim_id", "source_id", "subject", "metric", "object", "period", "value", "value_high",
    "unit", "qualifier", "modality", "attributed_to", "as_of", "quote", "note",
]  # fmt: skip
FILLER = (
    "Nach Angaben von Beamten, die anonym bleiben wollten, wurde die Zahl in einem internen "
    "Bericht genannt, der der Redaktion vorliegt und noch nicht veröffentlicht ist."
)


def _variant(rng: random.Random, words: list[str]) -> str:
    style = rng.randrange(4)
    if style == 0:
        return "_".join(words)
    if style == 1:
        return " ".join(w.capitalize() for w in words)
    if style == 2:
        return "-".join(words).upper()
    return "  ".join(words)


EURO_RATE = 1.08
"""USD per EUR for generated euro claims: near the ECB's rates of 2023 and 2024."""


def _figure(
    rng: random.Random, money: bool, true: float, currency: str = "USD"
) -> tuple[str, str, str, str]:
    """A claim that agrees with `true`: (value, value_high, unit, qualifier)."""
    qualifier = rng.choice(["exact", "exact", "approx", "at_least", "at_most", "range"])
    if money:
        if currency == "EUR":
            true /= EURO_RATE
        scale, unit = rng.choice(
            [(1.0, currency), (1e6, f"million {currency}"), (1e9, f"billion {currency}")]
        )
    else:
        scale, unit = rng.choice([(1.0, "container"), (1e3, "thousand container")])
    shown = true / scale
    if qualifier == "at_least":
        shown *= 0.9
    elif qualifier == "at_most":
        shown *= 1.1
    if qualifier == "range":
        return f"{shown * 0.8:.6g}", f"{shown * 1.2:.6g}", unit, qualifier
    return f"{shown:.6g}", "", unit, qualifier


def generate(path: Path, claims: int, seed: int, euro_share: float = 0.0) -> None:
    rng = random.Random(seed)
    euros = random.Random(seed + 1)
    written = 0
    quantity = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(HEADER)
        while written < claims:
            quantity += 1
            size = min(rng.randint(2, 20), claims - written)
            money = rng.random() < 0.5
            true = rng.randint(10, 9999) * (1e6 if money else 10.0)
            subject = ["country", str(quantity % 5000)]
            metric = ["arms", "deliveries", "value"] if money else ["containers", "shipped"]
            metric = [*metric, str(quantity)]
            period = "2023" if rng.random() < 0.5 else ""
            conflicting = rng.random() < 0.3 and size >= 2
            for index in range(size):
                currency = "EUR" if money and euros.random() < euro_share else "USD"
                value, high, unit, qualifier = _figure(rng, money, true, currency)
                if conflicting and index == size - 1:
                    value, high, unit, qualifier = f"{true * 3:.6g}", "", (
                        "USD" if money else "container"
                    ), "exact"
                quote = f"Es waren {value} {unit}. {FILLER}"[:150]
                out.writerow([
                    f"q{quantity}-c{index}", f"src{rng.randrange(2000)}", _variant(rng, subject),
                    _variant(rng, metric), "russia", period, value, high, unit, qualifier,
                    rng.choice(["asserted", "estimated", "hedged", ""]), "", "2024-0"
                    + str(rng.randint(1, 9)) if not period and rng.random() < 0.2 else "",
                    quote, "",
                ])  # fmt: skip
                written += 1


_SCALES = {"": 1.0, "thousand ": 1e3, "million ": 1e6, "billion ": 1e9}
_MONEY = ("USD", "EUR", "GBP", "JPY", "CHF", "CNY")
_COUNTED = ("container", "tank", "soldier", "missile", "drone", "vehicle", "refugee", "casualty")
_FAMILIES: dict[str, tuple[str, ...]] = {
    **{f"[currency_{code}]": (code,) for code in _MONEY},
    **{f"[{thing}]": (thing,) for thing in _COUNTED},
    "[mass]": ("tonne", "kg"),
    "[currency_USD] / [time]": ("USD/year",),
}
_MASS = {"tonne": 1000.0, "kg": 1.0}
UNITS: dict[str, tuple[float, str]] = {
    f"{scale}{unit}": (factor * _MASS.get(unit, 1.0), dimension)
    for dimension, units in _FAMILIES.items()
    for unit in units
    for scale, factor in _SCALES.items()
}
"""Every unit string of the `varied` shape: its factor to base units and its dimension,
as claimcheck's units.txt defines them (the reference query needs them in advance)."""
_SYLLABLES = (
    "ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "gu", "pa", "zen", "tor", "bel", "ram",
    "shi", "qua", "len", "dor", "mus", "fa", "xi", "wen", "hol",
)  # fmt: skip
_WORDS = (
    "arms", "deliveries", "exports", "imports", "shipments", "transfers", "aid", "credit",
    "loans", "grants", "stocks", "reserves", "output", "capacity", "orders", "contracts",
)  # fmt: skip


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _typo(rng: random.Random, name: str) -> str:
    """One letter of a long name dropped: a near-duplicate spelling."""
    at = rng.randrange(3, len(name) - 1)
    return name[:at] + name[at + 1 :] if name[at] != "_" else name[: at - 1] + name[at:]


def _quote(rng: random.Random, value: str, unit: str) -> str:
    clauses = [f'"{value} {unit}", sagte ein Sprecher', FILLER, FILLER[:rng.randrange(40, 150)]]
    text = " ".join(clauses[: rng.randint(2, 3)])
    while len(text) < rng.randint(200, 400):
        text += f" Weitere Angaben, darunter {rng.randint(1, 999)} Fälle, blieben offen."
    return text


def generate_varied(path: Path, claims: int, seed: int) -> None:
    """The `varied` shape (module docstring): many names, twins, units, long quotes."""
    rng = random.Random(seed)
    subjects = [_word(rng, rng.randint(2, 4)) for _ in range(max(claims // 25, 10))]
    objects = ["", *(_word(rng, 3) for _ in range(300))]
    families = list(_FAMILIES.items())
    written = 0
    quantity = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(HEADER)
        while written < claims:
            quantity += 1
            dimension, units = rng.choice(families)
            subject = rng.choice(subjects)
            metric = "_".join([rng.choice(_WORDS), _word(rng, 3), str(quantity % 997)])
            obj, period = rng.choice(objects), rng.choice(["", "", "2022", "2023", "2024"])
            true = rng.randint(10, 99_999) * 1e3
            twin = rng.random() < 0.08
            size = min(rng.randint(1, 18), claims - written)
            rows: list[tuple[str, float, str]] = [(metric, true, "")] * size
            if rng.random() < 0.3 and size >= 2:
                rows[-1] = (metric, true * 3, "exact")
            if rng.random() < 0.02 and size >= 2:
                rows[0] = (metric, true, "mismatch")
            if twin and written + size < claims:
                rows.append((_typo(rng, metric), true * 4, "exact"))
            for index, (name, figure, force) in enumerate(rows):
                unit = rng.choice([f"{scale}{u}" for u in units for scale in _SCALES])
                if force == "mismatch":
                    unit = "tonne" if dimension != "[mass]" else "container"
                factor = UNITS[unit][0]
                qualifier = "exact" if force else rng.choice(["exact", "exact", "approx", "range"])
                shown = figure / factor
                value, high = f"{shown:.6g}", ""
                if qualifier == "range":
                    value, high = f"{shown * 0.8:.6g}", f"{shown * 1.2:.6g}"
                as_of = f"2024-0{rng.randint(1, 9)}" if not period and rng.random() < 0.2 else ""
                out.writerow([
                    f"v{quantity}-{index}", f"src{rng.randrange(20_000)}", subject, name, obj,
                    period, value, high, unit, qualifier,
                    rng.choice(["asserted", "estimated", "hedged", ""]),
                    rng.choice(["", "", "Ministerium", "ein Sprecher"]), as_of,
                    _quote(rng, value, unit), "",
                ])  # fmt: skip
                written += 1


SHAPES = {"simple": generate, "varied": generate_varied}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--euro-share", type=float, default=0.0, help="simple shape only")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="simple")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.shape == "simple":
        generate(args.out, args.claims, args.seed, args.euro_share)
    else:
        SHAPES[args.shape](args.out, args.claims, args.seed)


if __name__ == "__main__":
    main()
