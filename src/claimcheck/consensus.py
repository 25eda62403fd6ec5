"""`claimcheck consensus`: which figure most sources support, and who the outliers are.

`compare` lists every pair of claims that disagree; with many sources on one
quantity that list stops helping. This module answers the questions behind
it, the way truth discovery does (TruthFinder, Yin et al. 2007; Accu and
AccuCopy, Dong et al. 2009; CRH, Li et al. 2014; see docs/consensus.md):

1. **Items.** A quantity's claims of one dimension that speak of the same
   time form an item. Times follow compare's rule (contract section 4): a
   stated closed period is one time; otherwise claims whose times are
   ordered are apart (an update is not a camp), and claims whose order is
   unknown, or whose time is unknown, stay together.
2. **Camps.** A claim stands for its interval (contract section 3). Claims
   whose intervals share a point can all be true at once: a camp. The
   heaviest camp is the point of greatest total weight, found by one sort of
   the interval ends (a sweep), never by pairing claims.
3. **Weights.** A claim weighs its source's reliability (TruthFinder's
   `-ln(1 - r)`), times less for `estimated` and `hedged` claims, shared
   among a source's claims on one item, and shared with the sources it
   copies. Reliability is each source's smoothed share of claims that agree
   with the consensus, over the whole table; the two are iterated a few
   rounds, from a uniform start (the first round is a weighted majority).
4. **Copies.** Sources that write the same figure, word for word, on many
   items, errors included, and rarely differ, are probably copying each
   other (AccuCopy's Bayesian test); their identical claims share one vote.

Every step is a polars expression over whole columns: the sweep is one sort
of five events per claim, made once; each round is a few cumulative sums
and maxima over it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import UsageError
from claimcheck.findings import CLAIM_KEY
from claimcheck.intervals import OVERLAP_EPSILON
from claimcheck.quantities import DEFAULT_APPROX_TOLERANCE, Modality, Qualifier, with_intervals

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.table import ClaimsTable


class Method(str, Enum):
    """How claims are weighed: truth discovery, or one vote per claim (the baseline)."""

    RELIABILITY = "reliability"
    MAJORITY = "majority"


MODALITY_WEIGHT = {
    Modality.ASSERTED.value: 1.0,
    Modality.ESTIMATED.value: 0.75,
    Modality.HEDGED.value: 0.5,
}
"""A source that only estimates or hedges a figure backs it less than one that asserts it."""

PRIOR_RELIABILITY = 0.8
"""Where every source starts, and what its reliability is pulled toward: most reports are right."""

PRIOR_STRENGTH = 4.0
"""The prior counts as this many claims: a source with three claims cannot reach 0 or 1."""

ROUNDS = 4
"""At most this many rounds of consensus and reliability: more moved no synthetic table's
verdicts, and each early guess trusted for longer is a risk on real data."""

SETTLED = 1e-3
"""Rounds stop when no source's reliability moved more than this."""

COPY_RATE = 0.8
"""AccuCopy's `c`: how often a copier repeats its original's claim."""

COPY_PRIOR = 0.2
"""AccuCopy's `alpha`: the prior probability that two sources copy."""

FALSE_VALUES = 3.0
"""AccuCopy's `n`: how many false figures an item has to choose from. Small, because real
errors cluster (a stale figure, a unit slip), so two independent errors often coincide."""

MIN_SHARED = 3
"""Pairs of sources with identical claims on fewer items are taken as independent: two
coincidences say little, and testing every such pair would cost a join per pair."""

MAX_COPY_GROUP = 32
"""Identical claims from more sources than this on one item are not tested for copying:
pairs grow with the square of the group, and a figure that many sources repeat is
outvoted by no clique."""

CREDIT_DAMPING = 1.0
"""TruthFinder's dampening factor: how sharply a camp's lead in weight turns into
confidence that it is right."""

_SCALE = 4096
"""Weights are summed as integers (1/4096 of a unit), so running sums are exact and ties
stay ties whatever the order of the events."""

ROUNDED_END = 1e-6
"""How far, as a share of its width, a rounded claim's interval is drawn in at each end."""

_DAYS = 2**22
"""Above every day ordinal of a four-digit year."""

_ITEM_SHIFT = 2**36
"""Above any item's total weight in units (2^20 claims of the heaviest weight fit), and
2^27 items still fit in 63 bits."""

_KEYS = CLAIM_KEY
_CLAIM_COLUMNS = (
    "claim_id", "source_id", *_KEYS, "period_open", "value", "value_high", "unit", "qualifier",
    "modality", "factor", "dimension", "base_unit", "base_value", "low", "high", "time_text",
    "time_first", "time_last", "_line",
)  # fmt: skip
ROW_COLUMNS = (
    "subject", "metric", "object", "period", "unit", "value", "low", "high", "claims",
    "agree", "outliers", "sources_agree", "sources_outliers",
)  # fmt: skip
"""Contract section 11, in its order."""
EXTRA_ROW_COLUMNS = ("time", "base_unit", "camps", "confidence", "method")
SOURCE_COLUMNS = ("source_id", "claims", "agree", "outliers", "reliability")
EXTRA_SOURCE_COLUMNS = ("copies",)


@dataclass(frozen=True)
class ConsensusOptions:
    """What a caller may choose about a consensus."""

    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE
    method: Method = Method.RELIABILITY

    def __post_init__(self) -> None:
        if not 0 <= self.approx_tolerance < 1:
            raise UsageError(
                "approx tolerance must be a fraction from 0 to below 1, "
                f"not {self.approx_tolerance}"
            )


@dataclass(frozen=True)
class Consensus:
    """The outcome: one row per item, one per source, and every claim with its camp.

    `quantities` has ROW_COLUMNS then EXTRA_ROW_COLUMNS (plus `item`);
    `sources` has SOURCE_COLUMNS then EXTRA_SOURCE_COLUMNS; `claims` is the
    table's claims with `item`, `low`, `high`, `agrees` (in the consensus
    camp), `weight` and `reliability`, sorted by item.
    """

    table: ClaimsTable
    claims: pl.DataFrame
    quantities: pl.DataFrame
    sources: pl.DataFrame
    rounds: int
    method: Method

    def summary(self) -> str:
        """One line for people: what was read and how much disagrees."""
        split = int((self.quantities.get_column("agree") < self.quantities.get_column("claims"))
                    .sum())  # fmt: skip
        return (
            f"{self.claims.height} claims read, {self.quantities.height} items, "
            f"{split} with outliers; {self.sources.height} sources, "
            f"{self.method.value} weights after {self.rounds} round(s)"
        )


def consensus(table: ClaimsTable, options: ConsensusOptions | None = None) -> Consensus:
    """Find each item's consensus and each source's reliability in a validated table."""
    import polars as pl

    options = options or ConsensusOptions()
    claims = _items(with_intervals(table.claims, options.approx_tolerance))
    sweep = _Sweep(claims)
    source = claims.get_column("_source")
    sources = source.n_unique()
    modality = claims.get_column("_modality")
    split = claims.get_column("_split")
    evidence = modality * split * claims.get_column("_contested").cast(pl.Float64)
    copies = _Copies(claims) if options.method is Method.RELIABILITY else None
    reliability = pl.Series("reliability", [PRIOR_RELIABILITY] * sources, dtype=pl.Float64)
    rounds = 0
    if options.method is Method.MAJORITY:
        outcome = sweep.run(pl.Series("w", [1.0] * claims.height, dtype=pl.Float64))
        weights = pl.Series("w", [1.0] * claims.height, dtype=pl.Float64)
        reliability = _reliability(outcome, evidence, source, sources)
        rounds = 1
    else:
        discount = pl.Series("d", [1.0] * claims.height, dtype=pl.Float64)
        for rounds in range(1, ROUNDS + 1):  # noqa: B007 - the last round is reported
            weights = _vote(reliability.gather(source)) * modality * split * discount
            outcome = sweep.run(weights)
            updated = _reliability(outcome, evidence, source, sources)
            settled = (updated - reliability).abs().max()
            reliability = updated
            if copies is not None:
                discount = copies.discount(outcome.get_column("agrees"), reliability)
            if settled is not None and float(settled) < SETTLED:
                break
    claims = claims.with_columns(
        outcome.get_column("agrees"),
        weights.alias("weight"),
        reliability.gather(source).alias("reliability"),
    )
    rows = _rows(claims, sweep.camps(), options.method)
    partners = copies.partners() if copies is not None else None
    by_source = _by_source(claims, reliability, partners)
    kept = [name for name in claims.columns if not name.startswith("_")]
    return Consensus(table, claims.select(kept), rows, by_source, rounds, options.method)


def consensus_files(
    claims: str | Path,
    options: ConsensusOptions | None = None,
    *,
    sources: str | Path | None = None,
    aliases: str | Path | None = None,
) -> Consensus:
    """Load a claims table with its companions and find its consensus: what the command runs."""
    from claimcheck.table import load_table

    return consensus(load_table(claims, sources_path=sources, aliases_path=aliases), options)


def outlier_side(result: Consensus, findings: pl.DataFrame) -> pl.Series:
    """For each finding (`claim_a`, `claim_b`), which side is the outlier: `a` when claim a
    is outside its item's consensus and claim b, of the same item, inside it; `b` the other
    way round; empty when both or neither are, or the claims are of different items (an
    update, another dimension), or a side is not one claim (a relation)."""
    import polars as pl

    ids = result.claims.get_column("claim_id").cast(pl.String)
    items = result.claims.get_column("item")
    agrees = result.claims.get_column("agrees")

    def lookup(side: str, values: pl.Series) -> pl.Expr:
        return pl.col(f"claim_{side}").replace_strict(ids, values, default=None)

    item_a, item_b = lookup("a", items), lookup("b", items)
    in_a, in_b = lookup("a", agrees), lookup("b", agrees)
    same = item_a == item_b
    side = (
        pl.when(same & ~in_a & in_b).then(pl.lit("a"))
        .when(same & in_a & ~in_b).then(pl.lit("b"))
        .otherwise(pl.lit(""))
    )  # fmt: skip
    return findings.select(side.fill_null("").alias("outlier")).get_column("outlier")


def _code(text: pl.Expr) -> pl.Expr:
    """Equal codes for equal text, from a Categorical's dictionary (no sort of the strings)."""
    import polars as pl

    return text.cast(pl.String).cast(pl.Categorical).to_physical().cast(pl.Int64)


def _items(claims: pl.DataFrame) -> pl.DataFrame:
    """The claims sorted by item, with the columns every round needs.

    An item is a quantity, one dimension and one time: within a quantity and
    dimension, claims sorted by when their time begins start a new item when
    they begin after every earlier claim's time has ended (compare's "one is
    earlier" rule). A stated closed period is one time for all; an unknown
    time spans all time, so it keeps its quantity's claims together.
    """
    import polars as pl

    closed = (pl.col("period_key") != "") & ~pl.col("period_open")
    # Day ordinals are below 2^22 (9999-12-31 is 3,652,059); 0 and 2^22 stand for "before
    # and after every day", an unknown time's span.
    lowest, highest = 0, _DAYS
    # Only what the rounds and the outputs read is sorted: quotes and notes are most of
    # a table's bytes.
    claims = claims.select(_CLAIM_COLUMNS).with_row_index("_row").with_columns(
        _code(pl.concat_str(_KEYS, separator="\x1f")).alias("_quantity"),
        _code(pl.col("dimension")).alias("_dimension"),
        pl.when(closed).then(0).otherwise(pl.col("time_first").fill_null(lowest)).alias("_first"),
        pl.when(closed).then(0).otherwise(pl.col("time_last").fill_null(highest)).alias("_last"),
        # Sources numbered 0, 1, ...: reliability is a column indexed by this number.
        (_code(pl.col("source_id")).rank("dense").cast(pl.Int64) - 1).alias("_source"),
        closed.alias("_closed"),
    ).sort("_quantity", "_dimension", "_first", "_row")
    # How far the earlier claims of the group reach: a running maximum without a window,
    # the group number leading the key (as in _Sweep.run).
    starts = (pl.col("_quantity") != pl.col("_quantity").shift(1)) | (
        pl.col("_dimension") != pl.col("_dimension").shift(1)
    )
    group = starts.fill_null(value=True).cast(pl.Int64).cum_sum() * (2 * _DAYS)
    reach = (group + pl.col("_last")).cum_max().shift(1) - group
    begins = starts.fill_null(value=True) | (pl.col("_first") > reach)
    # A written figure's ends are where rounding would have written the next figure:
    # `15` and `16` can both be true only at 15.5, which neither source meant, so ends
    # of `exact` and `approx` claims are drawn in by a hair and such claims are two camps.
    # Ends a source states (at least, at most, a range) are kept, with compare's slack.
    rounded = pl.col("qualifier").is_in([Qualifier.EXACT.value, Qualifier.APPROX.value])
    slack = (
        pl.when(rounded)
        .then(-ROUNDED_END * (pl.col("high") - pl.col("low")))
        .otherwise(OVERLAP_EPSILON * pl.col("base_value").abs())
    )
    point = (
        pl.when(pl.col("qualifier") == Qualifier.RANGE.value)
        .then((pl.col("low") + pl.col("high")) / 2)
        .otherwise(pl.col("base_value"))
    )
    claims = claims.with_columns(
        (begins.cast(pl.Int64).cum_sum() - 1).alias("item"),
        (pl.col("low") - slack).alias("_lo"),
        (pl.col("high") + slack).alias("_hi"),
        point.alias("_point"),
        pl.col("modality")
        .cast(pl.String)
        .replace_strict(MODALITY_WEIGHT, default=1.0, return_dtype=pl.Float64)
        .alias("_modality"),
    )
    # Windows over one integer key: several times faster than over two columns.
    pair = pl.col("item") * (1 << 32) + pl.col("_source")
    return claims.with_columns(
        (1.0 / pl.len().over(pair)).alias("_split"),
        (pl.col("_source").min().over("item") != pl.col("_source").max().over("item"))
        .alias("_contested"),
    )


def _vote(reliability: pl.Series) -> pl.Series:
    """TruthFinder's trustworthiness score `-ln(1 - r)`: a source right 95 % of the time
    outweighs one right half the time four to one, not nineteen to one as odds would."""
    return -(1.0 - reliability.clip(0.01, 0.99)).log()


def _reliability(
    outcome: pl.DataFrame, evidence: pl.Series, source: pl.Series, sources: int
) -> pl.Series:
    """Each source's share of its contested claims that agree, smoothed toward the prior.

    A claim's credit is the probability its camp is right (its camp's weight against the
    heaviest camp it is not in), so a two-way tie teaches nothing about either source.
    """
    import polars as pl

    frame = pl.DataFrame({
        "source": source, "e": evidence, "credit": outcome.get_column("credit") * evidence,
    })  # fmt: skip
    totals = frame.group_by("source").agg(pl.col("e").sum(), pl.col("credit").sum())
    full = pl.DataFrame({"source": pl.int_range(sources, eager=True).cast(pl.Int64)}).join(
        totals, on="source", how="left", maintain_order="left"
    )
    smoothed = (pl.col("credit").fill_null(0.0) + PRIOR_STRENGTH * PRIOR_RELIABILITY) / (
        pl.col("e").fill_null(0.0) + PRIOR_STRENGTH
    )
    return full.select(smoothed.alias("reliability")).get_column("reliability")


class _Sweep:
    """The interval ends of every item, sorted once; each round sums weights along them.

    Each claim gives three events: its start, a probe at its own figure, its end.
    Sorted by item, position and that order, a running sum of +weight at starts
    and -weight at ends is the weight of claims true at each point (closed
    intervals: at one position, starts come before ends). The heaviest point is
    the consensus; the probe reads the weight at the claim's figure, and running
    maxima read the heaviest point before the claim's start and after its end.
    The claims come sorted by item, items numbered 0, 1, ... without gaps.
    """

    def __init__(self, claims: pl.DataFrame) -> None:
        import polars as pl

        n = claims.height
        ends = ("_lo", "_point", "_hi")
        events = pl.concat([
            claims.select(
                pl.col("item"), pl.col(end).alias("x"), pl.lit(kind, pl.Int8).alias("kind"),
                pl.int_range(n, dtype=pl.Int64).alias("claim"),
            )
            for kind, end in enumerate(ends)
        ]).with_row_index("event")  # fmt: skip
        ordered = events.sort("item", "x", "kind")
        self.item = ordered.get_column("item")
        self.items = int(self.item.max() or 0) + 1  # type: ignore[arg-type]
        self.claim = ordered.get_column("claim")
        item, x, kind = pl.col("item"), pl.col("x"), pl.col("kind")
        marks = ordered.select(
            pl.when(kind == 0).then(1).when(kind == 2).then(-1).otherwise(0).cast(pl.Int64)
            .alias("sign"),
            # Rows of one position in one item: maxima are read at the edges of these runs.
            ((item != item.shift(1)) | (x != x.shift(1))).fill_null(value=True).alias("first"),
            ((item != item.shift(-1)) | (x != x.shift(-1))).fill_null(value=True).alias("last"),
            (item != item.shift(1)).fill_null(value=True).alias("opens"),
        )  # fmt: skip
        self.marks = marks.drop("sign")
        self.sign = marks.get_column("sign")
        # Where each event landed: the inverse of the sort's permutation.
        where = pl.zeros(3 * n, dtype=pl.Int64, eager=True).scatter(
            ordered.get_column("event"), pl.int_range(3 * n, dtype=pl.Int64, eager=True)
        )
        self.at = [where.slice(kind * n, n) for kind in range(len(ends))]
        self.claims = claims.select("item", "_lo", "_hi")
        self._starts_then_ends = ordered.select("item", "kind").filter(pl.col("kind") != 1)

    def run(self, weights: pl.Series) -> pl.DataFrame:
        """Per claim: `agrees` (in the heaviest camp) and `credit` (probability it is right)."""
        import polars as pl

        units = (weights * _SCALE).round().cast(pl.Int64).clip(lower_bound=1)
        running = (units.gather(self.claim) * self.sign).cum_sum()
        # Running maxima per item without a window: the item number, shifted above any
        # weight, leads the key, so an earlier item never wins a later one's maximum.
        lead = self.item * _ITEM_SHIFT
        trail = (self.items - self.item) * _ITEM_SHIFT
        profile = self.marks.with_columns(
            ((lead + running).cum_max() - lead).alias("before"),
            ((trail + running).cum_max(reverse=True) - trail).alias("after"),
        )
        # The heaviest point left of a position: the running maximum up to the end of the
        # run before it (0 at the item's start); right of it: from the end of its own run
        # on, where the running sum is the weight just right of the position.
        outside = profile.select(
            pl.when(pl.col("first"))
            .then(pl.when(pl.col("opens")).then(0).otherwise(pl.col("before").shift(1)))
            .forward_fill()
            .alias("left"),
            pl.when(pl.col("last")).then(pl.col("after")).backward_fill().alias("right"),
        )
        frame = self.claims.with_columns(
            running.gather(self.at[0]).alias("_d"),
            running.gather(self.at[1]).alias("_own"),
            pl.max_horizontal(
                outside.get_column("left").gather(self.at[0]),
                outside.get_column("right").gather(self.at[2]),
            ).alias("_rival"),
        )
        # Items are numbered 0, 1, ... in claim order, so one row per item, sorted, is
        # gathered back by item number.
        peak = (
            frame.group_by("item")
            .agg(
                pl.col("_d").max().alias("_best"),
                # Ties go to the lowest point: deterministic, whatever the row order.
                pl.col("_lo").filter(pl.col("_d") == pl.col("_d").max()).min().alias("_at"),
            )
            .sort("item")
        )
        item = frame.get_column("item")
        frame = frame.with_columns(
            peak.get_column("_best").gather(item), peak.get_column("_at").gather(item)
        )
        agrees = (pl.col("_lo") <= pl.col("_at")) & (pl.col("_hi") >= pl.col("_at"))
        # The weights are TruthFinder scores, sums of log-probabilities, so the gap between
        # a claim's camp and the heaviest camp it is not in reads as log-odds.
        margin = (
            pl.when(agrees)
            .then(pl.col("_best") - pl.col("_rival"))
            .otherwise(pl.col("_own") - pl.col("_best"))
        ).cast(pl.Float64) * (CREDIT_DAMPING / _SCALE)
        credit = 1 / (1 + (-margin.clip(-50, 50)).exp())
        return frame.select(agrees.alias("agrees"), credit.alias("credit"), "_best", "_at")

    def camps(self) -> pl.DataFrame:
        """Per item, how many camps (maximal sets of claims true at one point) it holds.

        In the sorted ends, each maximal set closes where a start is followed by an end.
        """
        import polars as pl

        item, kind = pl.col("item"), pl.col("kind")
        # Shifted along the whole table, not per group: the item test keeps items apart.
        closes = (kind == 0) & (kind.shift(-1) == 2) & (item.shift(-1) == item)
        return (
            self._starts_then_ends.with_columns(closes.fill_null(value=False).alias("_closes"))
            .group_by("item")
            .agg(pl.col("_closes").sum().alias("camps"))
        )


class _Copies:
    """AccuCopy's test for copying, on the pairs of sources that write identical claims.

    Evidence is counted per pair of sources over the items both cover: the same
    figure when it agrees with the consensus (expected of two good sources, weak
    evidence), the same figure when it does not (two independent sources seldom
    make the same mistake: strong evidence), or different figures (a copier
    would have copied: evidence against). Only pairs with identical claims on
    at least MIN_SHARED items are tested; the rest are taken as independent.
    """

    def __init__(self, claims: pl.DataFrame) -> None:
        import polars as pl

        # A 64-bit hash stands for the figure as written: five times cheaper than codes
        # for joined strings, and a collision within one item (odds near 2^-64 a pair)
        # would only add a little evidence of copying.
        figure = pl.struct("value", "value_high", "unit", "qualifier").hash()
        members = claims.select(
            pl.int_range(claims.height, dtype=pl.Int64).alias("claim"), "item",
            pl.col("_source").alias("source"), figure.alias("figure"),
        )
        group = pl.struct("item", "figure").hash()
        members = members.filter(
            pl.col("source").n_unique().over(group).is_between(2, MAX_COPY_GROUP)
        )
        pairs = members.join(members, on=["item", "figure"], suffix="_b").filter(
            pl.col("source") != pl.col("source_b")
        )  # fmt: skip
        shared = (
            pairs.filter(pl.col("source") < pl.col("source_b"))
            .unique(["source", "source_b", "item"], keep="first")
            .select("source", "source_b", "claim")
        )
        counts = shared.group_by("source", "source_b").agg(pl.len().alias("same"))
        candidates = counts.filter(pl.col("same") >= MIN_SHARED)
        covered = claims.select(pl.col("_source").alias("source"), "item").unique()
        size = covered.group_by("source").agg(pl.len().alias("size"))
        # The items two sources share are found by walking the smaller one's items.
        smaller = candidates.join(size, on="source").join(
            size.rename({"source": "source_b", "size": "size_b"}), on="source_b"
        ).select(
            pl.when(pl.col("size") <= pl.col("size_b")).then("source").otherwise("source_b")
            .alias("walk"),
            pl.when(pl.col("size") <= pl.col("size_b")).then("source_b").otherwise("source")
            .alias("probe"),
            "source", "source_b",
        )  # fmt: skip
        common = (
            smaller.join(covered.rename({"source": "walk"}), on="walk")
            .join(covered.rename({"source": "probe"}), on=["probe", "item"])
            .group_by("source", "source_b")
            .agg(pl.len().alias("common"))
        )
        self.pairs = candidates.join(common, on=["source", "source_b"]).with_columns(
            (pl.col("common") - pl.col("same")).alias("different")
        )
        self.shared = shared.join(self.pairs.select("source", "source_b"),
                                  on=["source", "source_b"])  # fmt: skip
        lower = pl.min_horizontal("source", "source_b")
        upper = pl.max_horizontal("source", "source_b")
        self.directed = pairs.select(
            "claim", lower.alias("source"), upper.alias("source_b")
        ).join(self.pairs.select("source", "source_b"), on=["source", "source_b"])
        self.n = claims.height
        self.probability: pl.DataFrame | None = None

    def _probability(self, agrees: pl.Series, reliability: pl.Series) -> pl.DataFrame:
        import polars as pl

        true = agrees.gather(self.shared.get_column("claim"))
        evidence = (
            self.shared.with_columns(true.alias("true"))
            .group_by("source", "source_b")
            .agg(pl.col("true").sum().alias("kt"), (~pl.col("true")).sum().alias("kf"))
        )
        frame = self.pairs.join(evidence, on=["source", "source_b"])
        e1 = 1 - reliability.gather(frame.get_column("source")).clip(0.01, 0.99)
        e2 = 1 - reliability.gather(frame.get_column("source_b")).clip(0.01, 0.99)
        frame = frame.with_columns(e1.alias("e1"), e2.alias("e2"))
        c, n = COPY_RATE, FALSE_VALUES
        both_true = (1 - pl.col("e1")) * (1 - pl.col("e2"))
        both_false = pl.col("e1") * pl.col("e2") / n
        error = (pl.col("e1") + pl.col("e2")) / 2
        copied_true = (1 - error) * c + both_true * (1 - c)
        copied_false = error * c + both_false * (1 - c)
        log_ratio = (
            pl.col("kt") * (copied_true / both_true).log()
            + pl.col("kf") * (copied_false / both_false).log()
            + pl.col("different") * math.log(1 - c)
        )
        logit = (log_ratio + math.log(COPY_PRIOR / (1 - COPY_PRIOR))).clip(-50, 50)
        return frame.select("source", "source_b", (1 / (1 + (-logit).exp())).alias("p"))

    def discount(self, agrees: pl.Series, reliability: pl.Series) -> pl.Series:
        """Each claim's share of its vote: `1 / (1 + c * sum of P(copy))` over its identical
        claims from other sources, so a clique of k certain copiers counts about once."""
        import polars as pl

        self.probability = self._probability(agrees, reliability)
        per_claim = (
            self.directed.join(self.probability, on=["source", "source_b"])
            .group_by("claim")
            .agg(pl.col("p").sum())
        )
        full = pl.DataFrame({"claim": pl.int_range(self.n, eager=True, dtype=pl.Int64)}).join(
            per_claim, on="claim", how="left", maintain_order="left"
        )
        return full.select(1 / (1 + COPY_RATE * pl.col("p").fill_null(0.0))).to_series()

    def partners(self) -> pl.DataFrame:
        """Pairs of sources more likely copying than not, both directions (source codes)."""
        import polars as pl

        if self.probability is None:
            return pl.DataFrame(schema={"source": pl.Int64, "source_b": pl.Int64})
        likely = self.probability.filter(pl.col("p") >= 0.5).select("source", "source_b")
        flipped = likely.select(pl.col("source_b").alias("source"),
                                pl.col("source").alias("source_b"))  # fmt: skip
        return pl.concat([likely, flipped])


def _rows(claims: pl.DataFrame, camps: pl.DataFrame, method: Method) -> pl.DataFrame:
    """One row per item: the consensus interval and figure in the item's most written unit.

    Text columns are aggregated only over the claims they list (outliers are few),
    and numbers over all: string work per claim is what a million claims feel.
    """
    import polars as pl

    agree = pl.col("agrees")
    # The figure: the camp's weighted median value, a value some claim wrote.
    # Narrow frames are selected before they are filtered: filtering copies every column.
    camp = claims.select(
        "item", "_point", "_source", "agrees",
        (pl.col("weight") * _SCALE).round().cast(pl.Int64).clip(lower_bound=1).alias("_w"),
    ).filter(agree)  # fmt: skip
    # Weights in integer units, summed along the table: exact, so an even split is a tie
    # (the lower value), and no window is needed.
    item = pl.col("item")
    running = pl.col("_w").cum_sum()
    before = pl.when(item != item.shift(1)).then(running - pl.col("_w")).forward_fill()
    total = pl.col("_w").sum().over("item")
    median = (
        camp.sort("item", "_point")
        .filter(2 * (running - before.fill_null(0)) >= total)
        .group_by("item")
        .agg(pl.col("_point").first().alias("_v"))
    )
    # An item's claims are consecutive rows: its first row carries its key.
    keys = claims.select(
        "item", *(pl.col(key).alias(key.removesuffix("_key")) for key in _KEYS),
        pl.col("base_unit").cast(pl.String),
    ).filter(pl.col("item") != pl.col("item").shift(1).fill_null(-1))  # fmt: skip
    numbers = claims.select("item", "agrees", "low", "high", "weight").group_by("item").agg(
        pl.len().alias("claims"),
        agree.sum().alias("agree"),
        pl.col("low").filter(agree).max().alias("_low"),
        pl.col("high").filter(agree).min().alias("_high"),
        (pl.col("weight").filter(agree).sum() / pl.col("weight").sum()).alias("confidence"),
    )
    # The unit most claims are written in; a tie goes to the first in alphabetical order.
    units = (
        claims.group_by("item", "unit")
        .agg(pl.len().alias("_n"), pl.col("factor").first().alias("_factor"))
        .with_columns(pl.col("unit").cast(pl.String))
        .sort("item", "_n", "unit", descending=[False, True, False])
        .unique("item", keep="first")
    )
    outliers = claims.select("item", "agrees", "claim_id", "source_id").filter(~agree).group_by(
        "item"
    ).agg(
        pl.col("claim_id").sort().str.join(";").alias("outliers"),
        _joined("source_id").alias("sources_outliers"),
    )
    # Sources are sorted by name once, then listed per item by that rank: a group of
    # integers to sort, not of strings.
    names = (
        claims.select("_source", pl.col("source_id").cast(pl.String))
        .unique("_source")
        .sort("source_id")
    )
    agreeing = (
        camp.select("item", "_source")
        .unique()
        .with_columns(pl.col("_source").replace_strict(
            names.get_column("_source"), pl.int_range(names.height, eager=True)).alias("_rank"))
        .sort("item", "_rank")
        .with_columns(pl.col("_source").replace_strict(
            names.get_column("_source"), names.get_column("source_id")).alias("source_id"))
        .group_by("item", maintain_order=True)
        .agg(pl.col("source_id").str.join(";").alias("sources_agree"))
    )  # fmt: skip
    text = pl.col("time_text").cast(pl.String)
    times = (
        claims.select("item", "_closed", "time_text")
        .filter(~pl.col("_closed") & (text != ""))
        .group_by("item")
        .agg(text.min().alias("_t0"), text.max().alias("_t1"))
    )
    rows = (
        keys.join(numbers, on="item", how="left")
        .join(units, on="item", how="left")
        .join(median, on="item", how="left")
        .join(camps, on="item", how="left")
        .join(outliers, on="item", how="left")
        .join(agreeing, on="item", how="left")
        .join(times, on="item", how="left")
    )
    low = pl.min_horizontal("_low", "_high")
    high = pl.max_horizontal("_low", "_high")

    def shown(base: pl.Expr) -> pl.Expr:
        return (base / pl.col("_factor")).round_sig_figs(12)

    rows = rows.with_columns(
        shown(_figure(pl.col("_v"), low, high)).alias("value"),
        shown(low).alias("low"),
        shown(high).alias("high"),
        pl.col("outliers", "sources_outliers", "sources_agree").fill_null(""),
        pl.when(pl.col("_t0").is_null()).then(pl.lit(""))
        .when(pl.col("_t0") == pl.col("_t1")).then(pl.col("_t0"))
        .otherwise(pl.concat_str("_t0", pl.lit("/"), "_t1"))
        .alias("time"),
        pl.col("confidence").round(4),
        pl.lit(method.value).alias("method"),
    )  # fmt: skip
    order = ("subject", "metric", "object", "period", "time", "unit")
    return rows.sort(*order).select(*ROW_COLUMNS, *EXTRA_ROW_COLUMNS, "item")


def _figure(median: pl.Expr, low: pl.Expr, high: pl.Expr) -> pl.Expr:
    """The consensus figure: the camp's weighted median when all its claims allow it, else
    the middle of the interval they all allow (`≈ 11,000` beside `10,500` gives 10,500,
    not the interval's edge), else the end of a one-sided interval nearest the median."""
    import polars as pl

    inside = (median >= low) & (median <= high)
    bounded = low.is_finite() & high.is_finite()
    return (
        pl.when(inside)
        .then(median)
        .when(bounded)
        .then((low + high) / 2)
        .otherwise(median.clip(low, high))
    )


def _joined(name: str) -> pl.Expr:
    """The distinct values of a column, sorted and `;`-separated."""
    import polars as pl

    return pl.col(name).cast(pl.String).unique().sort().str.join(";")


def _by_source(
    claims: pl.DataFrame, reliability: pl.Series, partners: pl.DataFrame | None
) -> pl.DataFrame:
    """One row per source: its claims, how many agree, its reliability, likely copy partners."""
    import polars as pl

    names = claims.group_by("_source").agg(pl.col("source_id").cast(pl.String).first())
    rows = claims.group_by("_source").agg(
        pl.col("source_id").cast(pl.String).first(),
        pl.len().alias("claims"),
        pl.col("agrees").sum().alias("agree"),
        (~pl.col("agrees")).sum().alias("outliers"),
    )
    rows = rows.with_columns(
        reliability.gather(rows.get_column("_source")).round(4).alias("reliability")
    )
    if partners is not None and partners.height:
        named = partners.join(names.rename({"_source": "source_b", "source_id": "name"}),
                              on="source_b")  # fmt: skip
        listed = named.group_by("source").agg(pl.col("name").sort().str.join(";").alias("copies"))
        rows = rows.join(listed.rename({"source": "_source"}), on="_source", how="left")
    else:
        rows = rows.with_columns(pl.lit(None, pl.String).alias("copies"))
    rows = rows.with_columns(pl.col("copies").fill_null(""))
    return rows.sort("source_id").select(*SOURCE_COLUMNS, *EXTRA_SOURCE_COLUMNS)
