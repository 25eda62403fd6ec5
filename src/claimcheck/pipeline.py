"""The comparison from file to report: what `compare`, `baseline` and `show` run.

Data flows one way, and so do the imports: the claims table is loaded
(table.py), every claim becomes an interval in base units (quantities.py),
claims are numbered by quantity and paired (pairs.py), declared relations
are checked (relations.py), near-duplicate keys are looked for
(near_duplicates.py), then one policy decides which findings fail
(findings.py), sources.csv adds provenance, and a Report holds the result
(models.py). Each stage reads the frame the one before it produced; none
calls back up.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.consensus import Consensus, ConsensusOptions, consensus, outlier_side
from claimcheck.deferred import DEFERRED_COLUMNS, with_deferred_quotes
from claimcheck.findings import FINDING_ORDER, PROVENANCE_COLUMNS, Kind, fails_expr
from claimcheck.fx import convert, load_rates, mixed_currencies, with_rates, without_rates
from claimcheck.keys import KEY_FIELDS
from claimcheck.models import CompareOptions, Report, summary_line
from claimcheck.near_duplicates import near_duplicate_findings, near_duplicate_pairs, similar_names
from claimcheck.pairs import pair_batches, pair_count, pair_findings, suspects, with_quantities
from claimcheck.quantities import with_intervals
from claimcheck.relations import evaluate, load_relations
from claimcheck.table import default_beside, load_table

if TYPE_CHECKING:
    import polars as pl

    from claimcheck.fx import Conversion, Rates
    from claimcheck.relations import RelationsOutcome
    from claimcheck.table import ClaimsTable


def compare_files(
    claims: str | Path,
    options: CompareOptions | None = None,
    *,
    sources: str | Path | None = None,
    aliases: str | Path | None = None,
    relations: str | Path | None = None,
) -> Report:
    """Load a claims table with its companions and compare it: what every command runs.

    `sources.csv`, `aliases.csv` and `relations.csv` beside the claims file
    are used when no path is given, so `compare` and `baseline` always see
    the same findings (and the same fingerprints).
    """
    return compare(*load_files(claims, options, sources=sources, aliases=aliases,
                               relations=relations))  # fmt: skip


def load_files(
    claims: str | Path,
    options: CompareOptions | None = None,
    *,
    sources: str | Path | None = None,
    aliases: str | Path | None = None,
    relations: str | Path | None = None,
    quotes_on_disk: bool = False,
) -> tuple[ClaimsTable, CompareOptions]:
    """The table and its companions as `compare_files` reads them, not yet compared.

    `quotes_on_disk`: the caller shows findings only (csv, jsonl), so a large
    table's quotes may stay in its file, read back for the claims findings name
    (deferred.py): 1,430 MiB less for the 10M-claim bench table. Such a table
    also lets go of its names as written once their keys are made
    (`keys.KEY_FIELDS`; `period` is its own key): findings, relations,
    consensus and near-duplicate keys read the keys only.
    """
    options = options or CompareOptions()
    deferred = DEFERRED_COLUMNS if quotes_on_disk else ()
    table = load_table(claims, sources_path=sources, aliases_path=aliases, deferred=deferred)
    if table.deferred is not None:
        table = replace(table, claims=table.claims.drop(KEY_FIELDS))
    relations = relations or default_beside(table.path, "relations.csv")
    if relations is not None:
        options = replace(options, relations=load_relations(relations))
    return table, options


def compare(table: ClaimsTable, options: CompareOptions | None = None) -> Report:
    """Find every finding in a validated table."""
    options = options or CompareOptions()
    with ThreadPoolExecutor(max_workers=2) as pool:
        names = pool.submit(similar_names, table.claims)
        rates = _rates_ahead(pool, table, options)
        return _compared(table, prepared(table, options), options, names, rates=rates)


def _compared(
    table: ClaimsTable,
    claims: pl.DataFrame,
    options: CompareOptions,
    names: Future[pl.DataFrame],
    chosen: pl.DataFrame | None = None,
    *,
    rates: Future[Rates] | None = None,
) -> Report:
    """`compare` of claims already `prepared`: currencies converted when they mix.

    `names` is the table's `similar_names`, scored in a thread meanwhile, and
    `rates` its exchange rates (`_rates_ahead`), when they were loaded so.
    `chosen`: the claims' `suspects`, when they were found to count the
    pairs; money converted to euros makes its own.
    """
    conversion = _conversion(claims, options, rates)
    if conversion is not None:
        claims, chosen = conversion.claims, None
    quantities = claims.get_column("quantity").n_unique()
    # The pairs are classified before the names are waited for: on a table of many
    # names their scoring outlasts preparing the claims (0.78 s for the varied bench
    # table's, against 0.40 s).
    findings = pair_findings(
        claims, lambda: near_duplicate_pairs(claims, names.result()), chosen
    )
    findings = (
        without_rates(findings) if conversion is None else with_rates(findings, claims, conversion)
    )
    return finish(table, claims, findings, options, quantities, conversion=conversion, near=False)


def prepared(table: ClaimsTable, options: CompareOptions) -> pl.DataFrame:
    """The claims with `idx`, their intervals and quantity numbers, no currency converted.

    What `compare` reads for a table in one currency and what `stream` sizes and
    streams; the Dask engine runs it per partition (and refuses tables whose
    currencies it would convert).
    """
    claims = with_intervals(table.claims.with_row_index("idx"), options.approx_tolerance)
    return with_quantities(claims)


def finish(
    table: ClaimsTable,
    claims: pl.DataFrame,
    findings: pl.DataFrame,
    options: CompareOptions,
    quantities: int,
    claims_read: int | None = None,
    conversion: Conversion | None = None,
    *,
    near: bool = True,
    ordered: bool = True,
) -> Report:
    """The report from the pairs' findings: relations, near-duplicate keys, `fails`, provenance.

    `claims` may hold only the claims these stages read: those the relations
    select and each quantity's extreme claims, as the Dask engine gathers
    them; `claims_read` then counts the whole table. `near=False`: the
    findings hold the near-duplicate keys already (`pair_findings(also=)`).
    `ordered=False`: the findings are in no order (the Dask engine's buckets),
    and are sorted here with the rows these stages add, in one sort: each
    sort of the wide findings copies them.
    """
    import polars as pl

    outcome = None
    added = []
    if options.relations:
        outcome = evaluate(options.relations, claims, conversion, table.deferred)
        added.append(outcome.violated)
    if near:
        # Near-duplicate keys never convert money: their rate columns are empty, as
        # `without_rates` writes them for every finding of one currency.
        added.append(without_rates(near_duplicate_findings(claims, findings)))
    added = [rows for rows in added if rows.height]
    if added or not ordered:
        findings = pl.concat([findings, *added], how="diagonal_relaxed").sort(FINDING_ORDER)
    findings = findings.with_columns(fails_expr(options.fail_on, options.known).alias("fails"))
    findings = _with_provenance(findings, table.sources)
    findings = _with_outliers(findings, table, options)
    findings = with_deferred_quotes(findings, table.deferred)
    return Report(
        table, claims, findings, options.fail_on, quantities, outcome, conversion, claims_read
    )


def _conversion(
    claims: pl.DataFrame, options: CompareOptions, rates: Future[Rates] | None = None
) -> Conversion | None:
    """Money converted to euros at the rates of each claim's time, when the table mixes
    currencies: the rates are never read for a table in one currency (docs/currencies.md).
    `rates`: the rates being loaded already (`_rates_ahead`), which asked the question."""
    if rates is not None:
        return convert(claims, rates.result)
    if not _converts(claims, options):
        return None
    return convert(claims, lambda: load_rates(options.fx_rates))


def _rates_ahead(
    pool: ThreadPoolExecutor, table: ClaimsTable, options: CompareOptions
) -> Future[Rates] | None:
    """The rates loaded in `pool` while the claims are prepared, for a table that converts.

    Reading and indexing the rates is polars' work and a loop over each
    currency's days (0.08-0.12 s for the shipped ECB history); the table's
    units are known once it is loaded, so the question need not wait for the
    intervals. A rates file's error is raised where the rates are used.
    """
    if not _converts(table.claims, options):
        return None
    return pool.submit(load_rates, options.fx_rates)


def _converts(claims: pl.DataFrame, options: CompareOptions) -> bool:
    """Whether `_conversion` converts: the question, without loading the rates."""
    import polars as pl

    if not options.convert_currencies:
        return False
    dimensions = claims.get_column("dimension").unique().drop_nulls().cast(pl.String).to_list()
    return mixed_currencies(dimensions)


STREAM_PAIRS = 2_000_000
"""Above this many pairs, csv and jsonl stream the findings in batches (`Stream`)."""
BATCH_PAIRS = 200_000
"""Pairs classified at once when streaming: the findings of a batch of pairs that all
disagree are about 100 MB."""
BATCH_FINDINGS = 200_000
"""Findings described at once when streaming: those of several batches of pairs, as most
pairs are none (`pair_batches`)."""


@dataclass
class Stream:
    """A comparison whose findings come in batches, for tables too large to hold them all.

    Iterate `reports()` once: each batch is a Report (its findings in
    FINDING_ORDER, `fails` and provenance added) and the relation and
    near-duplicate findings come last. The totals (`counts`, `failing`,
    `found`) are complete once the iteration ends, so the summary and the exit
    status are known after the last row is written.
    """

    table: ClaimsTable
    claims: pl.DataFrame
    options: CompareOptions
    quantities: int
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    failing: int = 0
    found: set[str] = field(default_factory=set)
    """The baseline's fingerprints seen among the findings (for its stale entries)."""
    agreement: Consensus | None = None
    """With `--consensus`: the table's consensus, found once for every batch."""
    names: Future[pl.DataFrame] | None = None
    """The claims' `similar_names`, when scored already (`compare_or_stream`)."""
    chosen: pl.DataFrame | None = None
    """The claims' `suspects`, when found already (to count the pairs)."""

    def reports(self) -> Iterator[Report]:
        import polars as pl

        options = self.options
        schema: pl.Schema | None = None
        outcome = (
            evaluate(options.relations, self.claims, deferred=self.table.deferred)
            if options.relations
            else None
        )
        for batch in pair_batches(self.claims, BATCH_PAIRS, self.chosen, BATCH_FINDINGS):
            schema = batch.schema
            yield self._report(batch, outcome)
        extra = [outcome.violated] if outcome is not None else []
        if schema is None:
            schema = pair_findings(self.claims.clear()).schema
        names = self.names.result() if self.names is not None else None
        near = near_duplicate_findings(self.claims, pl.DataFrame(schema=schema), names)
        rows = pl.concat([pl.DataFrame(schema=schema), *extra, near], how="diagonal_relaxed")
        yield self._report(rows.sort(FINDING_ORDER), outcome)  # the last, even when empty

    def _report(self, batch: pl.DataFrame, outcome: RelationsOutcome | None) -> Report:
        import polars as pl

        options = self.options
        findings = without_rates(batch)
        findings = findings.with_columns(fails_expr(options.fail_on, options.known).alias("fails"))
        findings = _with_provenance(findings, self.table.sources)
        if options.consensus and self.agreement is None:
            self.agreement = consensus(self.table, ConsensusOptions(options.approx_tolerance))
        findings = _with_outliers(findings, self.table, options, self.agreement)
        findings = with_deferred_quotes(findings, self.table.deferred)
        for kind, count in findings.get_column("kind").value_counts().iter_rows():
            self.counts[kind] = self.counts.get(kind, 0) + int(count)
        self.total += findings.height
        self.failing += int(findings.get_column("fails").sum())
        if options.known:
            seen = findings.filter(pl.col("fingerprint").is_in(list(options.known)))
            self.found.update(seen.get_column("fingerprint").to_list())
        return Report(self.table, self.claims, findings, options.fail_on, self.quantities, outcome)

    def summary(self) -> str:
        counts = {kind.value: self.counts.get(kind.value, 0) for kind in Kind}
        return summary_line(self.claims.height, self.quantities, self.total, counts, self.failing)


def stream(table: ClaimsTable, options: CompareOptions | None = None) -> Stream | None:
    """A `Stream` of the table's findings when it has more than STREAM_PAIRS pairs, else None.

    Smaller tables are compared whole (`compare`), so their findings keep one
    global order and every view sees them at once.
    """
    options = options or CompareOptions()
    claims = prepared(table, options)
    return _streamed(table, claims, options, _suspects(claims, options))


def compare_or_stream(table: ClaimsTable, options: CompareOptions | None = None) -> Report | Stream:
    """`stream` when the table is that large, else `compare`: the claims prepared once.

    What csv and jsonl output runs; preparing a million claims twice (once to
    count the pairs, once to compare) cost a tenth of the run.
    """
    options = options or CompareOptions()
    with ThreadPoolExecutor(max_workers=2) as pool:
        # Scoring names is mostly Python: it runs while polars prepares the intervals.
        names = pool.submit(similar_names, table.claims)
        rates = _rates_ahead(pool, table, options)
        claims = prepared(table, options)
        chosen = _suspects(claims, options)
        streamed = _streamed(table, claims, options, chosen, names)
        if streamed is not None:
            return streamed
        return _compared(table, claims, options, names, chosen, rates=rates)


def _suspects(claims: pl.DataFrame, options: CompareOptions) -> pl.DataFrame | None:
    """The claims' `suspects`, or None for money in two currencies, which meets in euros:
    such a table is compared whole, with the suspects of its converted claims."""
    return None if _converts(claims, options) else suspects(claims)


def _streamed(
    table: ClaimsTable,
    claims: pl.DataFrame,
    options: CompareOptions,
    chosen: pl.DataFrame | None,
    names: Future[pl.DataFrame] | None = None,
) -> Stream | None:
    """A `Stream` when the `chosen` quantities (`_suspects`) make more than STREAM_PAIRS
    pairs; never for money in two currencies (no `chosen`)."""
    if chosen is None or pair_count(claims, chosen) <= STREAM_PAIRS:
        return None
    quantities = claims.get_column("quantity").n_unique()
    return Stream(table, claims, options, quantities, names=names, chosen=chosen)


def _with_outliers(
    findings: pl.DataFrame,
    table: ClaimsTable,
    options: CompareOptions,
    result: Consensus | None = None,
) -> pl.DataFrame:
    """`outlier`: with `--consensus`, the side of each finding outside its item's consensus
    (`result`, when a stream has found it once for all its batches)."""
    import polars as pl

    if not options.consensus:
        return findings.with_columns(pl.lit("").alias("outlier"))
    result = result or consensus(table, ConsensusOptions(options.approx_tolerance))
    return findings.with_columns(outlier_side(result, findings).alias("outlier"))


def _with_provenance(findings: pl.DataFrame, sources: pl.DataFrame | None) -> pl.DataFrame:
    """Both claims' source title, publisher and date, looked up for the findings alone.

    Looking them up per claim would add three string columns the length of
    the table (48 MB of views for a million claims) that few rows ever show.
    """
    import polars as pl

    columns = []
    for side in ("a", "b"):
        for name in PROVENANCE_COLUMNS:
            if sources is None:
                value = pl.lit("")
            else:
                value = pl.col(f"source_{side}").replace_strict(
                    sources.get_column("source_id"), sources.get_column(name),
                    default="", return_dtype=pl.String,
                )  # fmt: skip
            columns.append(value.alias(f"{name}_{side}"))
    return findings.with_columns(columns)


def with_context(report: Report) -> Report:
    """The report with relations that hold or cannot be evaluated added as rows.

    For `--show-relations` in csv and json: the rows never fail, so the exit
    status and the failing count stay those of the report without them.
    """
    import polars as pl

    if report.relations is None or not report.relations.context.height:
        return report
    rows = pl.concat([report.findings, report.relations.context], how="diagonal_relaxed")
    return replace(report, findings=rows)
