"""Generate a large synthetic claims table for the compare benchmark.

About 100,000 quantities with 2 to 20 claims each (1,000,000 claims in all),
30 % of them with one clearly conflicting claim; units mix USD, million USD,
billion USD, container and thousand container; all five qualifiers; names
written with case and spacing variants; quotes of about 150 characters.
Deterministic for a given seed, so runs are comparable. `--euro-share F` writes
that fraction of the money claims in euros (EUR, million EUR, billion EUR), at
1.08 USD per EUR, for the currency-conversion benchmark; the choice draws from
its own random stream, so every other cell is the same as without it.

Usage: python bench/generate_claims.py OUT.csv [--claims N] [--seed S] [--euro-share F]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--euro-share", type=float, default=0.0)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    generate(args.out, args.claims, args.seed, args.euro_share)


if __name__ == "__main__":
    main()
