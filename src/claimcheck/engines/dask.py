"""`compare --engine dask`: the local engine's rules, run on a Dask cluster by quantity.

Findings are pairs of claims within one quantity, so a table split by quantity
compares as the sum of its parts. The steps, each a set of Dask tasks:

1. **Blocks.** The file (a local path, or any fsspec URL: `s3://`, `gs://`,
   ... where its filesystem package is installed) is cut into byte blocks at
   line ends. Each block's newlines and quote marks are counted first: the
   counts give every block its first line in the file, and a block with an odd
   number of quote marks ends inside a quoted field, so it is read together
   with the next one.
2. **Checks and shuffle.** Each block is read and checked exactly as
   `load_table` checks a whole table (table.read_claims, table.validate_claims),
   with every record's line in the whole file, so an error names the file and
   line as the local engine does. Its claims are split by a hash of the
   normalized quantity key into one piece per bucket; claim ids are hashed the
   same way, so ids repeated across blocks are found too.
3. **Compare.** Each bucket's pieces, in file order, are compared by
   `pairs.pair_findings`, the local engine's own code.
4. **Driver.** The findings are gathered, with the few claims that relations
   and near-duplicate keys read: the claims their selectors match and each
   quantity's extreme claims (largest lower bound, least upper bound). On those
   `pipeline.finish` runs as it does for the local engine, which is why the
   findings and fingerprints are the same.

Without a scheduler address a `LocalCluster` runs on this machine.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.csvfile import LINE_COLUMN, CsvFile
from claimcheck.errors import InputError, InputErrors, Location, UsageError, collect
from claimcheck.fx import mixed_currencies, without_rates
from claimcheck.models import CompareOptions
from claimcheck.pairs import pair_findings
from claimcheck.pipeline import finish, prepared
from claimcheck.table import (
    DUPLICATE_CLAIM_ID,
    ClaimsTable,
    default_beside,
    load_aliases,
    load_sources,
    quoted,
    read_claims,
    validate_claims,
)

if TYPE_CHECKING:
    import polars as pl
    from distributed import Client

    from claimcheck.models import Report
    from claimcheck.relations import Relation

BLOCK_SIZE = 32 << 20
"""Bytes per block: 32 MiB of CSV is about 125,000 claims of the bench table; checking one
holds a few hundred MiB in polars, so a worker of 1.5 GiB has room for a task and its inputs."""

_KEYS = ("subject_key", "metric_key", "object_key", "period_key")
_HEAD = 1 << 20
_INSTALL = "the dask engine needs Dask: pip install 'claimcheck[dask]'"

_Problem = tuple[str, str, int | None, str | None]
"""An InputError as plain data (message, path, line, column): exceptions do not pickle."""


def _register_sizes() -> None:
    """Tell Dask how large a polars frame is, so workers spill frames before they run out.

    Dask measures what a worker holds with `dask.sizeof`, which knows nothing of
    polars: it counted a frame of a quarter of a million claims as a few bytes,
    never spilled, and workers over their memory limit were killed.
    """
    try:
        import polars as pl
        from dask.sizeof import sizeof
    except ImportError:  # pragma: no cover - the engine refuses to run without Dask
        return
    sizeof.register(pl.DataFrame)(lambda frame: int(frame.estimated_size()))


_register_sizes()


@dataclass(frozen=True)
class DaskOptions:
    """Where and how the Dask engine runs."""

    scheduler: str | None = None
    """Address of a running scheduler (`tcp://host:8786`); None starts a LocalCluster."""
    workers: int | None = None
    """LocalCluster only: worker processes (default: one per core)."""
    worker_memory: str | None = None
    """LocalCluster only: each worker's memory limit, e.g. `2GiB` (default: Dask's share)."""
    processes: bool = True
    """LocalCluster only: False runs the workers as threads of this process (tests)."""
    block_size: int = BLOCK_SIZE


def compare_dask(
    claims: str,
    options: CompareOptions | None = None,
    *,
    sources: str | Path | None = None,
    aliases: str | Path | None = None,
    relations: str | Path | None = None,
    dask: DaskOptions | None = None,
) -> Report:
    """`pipeline.compare_files` on a Dask cluster: the same report for the same files."""
    from claimcheck.relations import load_relations

    options = options or CompareOptions()
    dask = dask or DaskOptions()
    if claims == "-":
        raise UsageError("the dask engine reads a file or URL, not standard input")
    errors: list[InputError] = []
    sources = sources or default_beside(claims, "sources.csv")
    aliases = aliases or default_beside(claims, "aliases.csv")
    source_frame = collect(errors, lambda: load_sources(sources)) if sources else None
    alias_map = collect(errors, lambda: load_aliases(aliases)) if aliases else {}
    header = collect(errors, lambda: _header(claims))
    if errors or header is None:
        raise InputErrors(errors)
    relations = relations or default_beside(claims, "relations.csv")
    if relations is not None:
        options = replace(options, relations=load_relations(relations))
    with _client(dask) as client:
        return _run(client, claims, header, options, source_frame, alias_map or {},
                    str(sources) if sources else None, dask.block_size)  # fmt: skip


LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}
"""Dask settings of the LocalCluster the engine starts. The worker's statistical profiler
calls `sys._current_frames()` every 10 ms, and on Python 3.11 before 3.11.9 that call can
deadlock the whole process against a thread being started (CPython issue 116969: the GIL
and the runtime's head lock taken in opposite orders): `make test` hung on 3.11.7 with
polars running in the worker threads. distributed turns its event-loop profiler off on
3.11 for that reason, but not this one. The profile only feeds a dashboard page nobody
opens here; a user's own cluster (`--scheduler`) keeps its own settings."""


class _client:  # noqa: N801 - used as a context manager, like a function
    """A Client of the given scheduler, or of a LocalCluster closed with it."""

    def __init__(self, dask: DaskOptions) -> None:
        self.dask = dask
        self.opened = ExitStack()
        """What `__exit__` closes, last opened first: the client, the cluster, its settings."""

    def __enter__(self) -> Client:
        try:
            import logging

            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(_INSTALL) from None
        if self.dask.scheduler:
            try:
                client = Client(self.dask.scheduler, timeout="30s")
            except OSError as exc:
                message = f"cannot reach the Dask scheduler {self.dask.scheduler}: {exc}"
                raise UsageError(message) from None
            self.opened.enter_context(client)
            return client
        with ExitStack() as opening:  # closes what opened if a later step fails
            # Set while the cluster lives: a worker reads the settings of the moment it
            # starts, and a nanny restarts one that outgrew its memory limit.
            opening.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
            cluster = opening.enter_context(
                LocalCluster(
                    n_workers=self.dask.workers,
                    threads_per_worker=1,
                    processes=self.dask.processes,
                    memory_limit=self.dask.worker_memory or "auto",
                    dashboard_address=":0",  # any free port: another cluster may hold 8787
                    silence_logs=logging.ERROR,
                )
            )
            client = Client(cluster)
            opening.enter_context(client)
            self.opened = opening.pop_all()
        return client

    def __exit__(self, *_exc: object) -> None:
        self.opened.close()


def _open(url: str) -> Any:
    import fsspec

    return fsspec.open(url, "rb")


def _header(url: str) -> bytes:
    """The header line (without a BOM), checked as a whole file of no rows would be."""
    try:
        with _open(url) as handle:
            head = handle.read(_HEAD)
            while b"\n" not in head:
                more = handle.read(_HEAD)
                if not more:
                    break
                head += more
    except FileNotFoundError:
        raise InputError("no such file", Location(url)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", Location(url)) from None
    line: bytes = head[: head.find(b"\n") + 1] if b"\n" in head else head
    read_claims(url, data=line)
    return line.removeprefix(b"\xef\xbb\xbf")


def _count(url: str, offset: int, length: int) -> tuple[int, int, int, int]:
    """One block, cut at line ends as fsspec cuts it: (start, end, newlines, quote marks)."""
    from fsspec.utils import read_block

    with _open(url) as handle:
        block = read_block(handle, offset, length, delimiter=b"\n")
        end = handle.tell()
    return end - len(block), end, block.count(b"\n"), block.count(b'"')


def _ranges(counts: Sequence[tuple[int, int, int, int]]) -> list[tuple[int, int, int]]:
    """Blocks joined where a quoted field spans the cut: (start, end, first line) each."""
    ranges: list[tuple[int, int, int]] = []
    line, quotes, start = 1, 0, 0
    first = 1
    for begin, end, newlines, marks in counts:
        if not quotes:
            start, first = begin, line
        line += newlines
        quotes = (quotes + marks) % 2
        if not quotes and end > start:
            ranges.append((start, end, first))
    if quotes:
        ranges.append((start, counts[-1][1], first))
    return ranges


def _problems(errors: Sequence[InputError], shift: int = 0) -> list[_Problem]:
    return [
        (e.message, e.location.path,
         e.location.line + shift if e.location.line and e.location.line > 1 else e.location.line,
         e.location.column)
        for e in errors
    ]  # fmt: skip


def _bucket_of(columns: Sequence[str], buckets: int) -> pl.Expr:
    """Which bucket a row goes to: a hash of the columns, the same in every process."""
    import polars as pl

    key = pl.concat_str([pl.col(name).cast(pl.String) for name in columns], separator="\x1f")
    return (key.hash(seed=0x636C61696D) % buckets).cast(pl.Int64)


def _split(frame: pl.DataFrame, columns: Sequence[str], buckets: int) -> list[pl.DataFrame]:
    """`frame` in `buckets` pieces by `_bucket_of`, rows in file order, empty pieces included."""
    import polars as pl

    parts = frame.with_columns(_bucket_of(columns, buckets).alias("_bucket")).partition_by(
        "_bucket", as_dict=True, include_key=False, maintain_order=True
    )
    empty = frame.clear()
    return [parts.get((index,), empty) for index in range(buckets)] if frame.width else [
        pl.DataFrame() for _ in range(buckets)
    ]


def _load(
    url: str,
    start: int,
    end: int,
    first: int,
    header: bytes,
    sources: pl.DataFrame | None,
    aliases: Mapping[str, Mapping[str, str]],
    buckets: int,
) -> tuple[list[pl.DataFrame], list[pl.DataFrame], list[_Problem], bool, int, list[str]]:
    """Read and check one range of records; split its claims and ids into buckets.

    Returns the claim pieces, the id pieces, the problems (as data), whether
    they are structural (the file cannot be read as CSV there), the claims
    read and their dimensions.
    """
    import polars as pl

    with _open(url) as handle:
        handle.seek(start)
        data = handle.read(end - start)
    shift = first - 2 if start else 0
    if start:
        data = header + data
    nothing = [pl.DataFrame()] * buckets
    try:
        raw = read_claims(url, data=data)
    except InputErrors as exc:
        return nothing, nothing, _problems(exc.errors, shift), True, 0, []
    except InputError as exc:
        return nothing, nothing, _problems([exc], shift), True, 0, []
    frame = raw.frame.with_columns(pl.col(LINE_COLUMN) + shift)
    claims, errors = validate_claims(CsvFile(raw.path, raw.header, frame), sources, aliases)
    ids = claims.select(
        "claim_id", LINE_COLUMN, pl.col("claim_id").is_first_distinct().alias("first_here")
    ).filter(pl.col("claim_id") != "")
    pieces = nothing if errors else _split(claims, _KEYS, buckets)
    dimensions = claims.get_column("dimension").unique().drop_nulls().cast(pl.String).to_list()
    return (pieces, _split(ids, ("claim_id",), buckets), _problems(errors), False,
            claims.height, dimensions)  # fmt: skip


def _repeated(pieces: Sequence[pl.DataFrame], path: str) -> list[_Problem]:
    """Claim ids first seen in an earlier block (a block reports its own repeats itself)."""
    import polars as pl

    present = [piece for piece in pieces if piece.width]
    if not present:
        return []
    ids = pl.concat(present)
    late = ids.filter(pl.col("first_here") & ~pl.col("claim_id").is_first_distinct())
    return [
        (DUPLICATE_CLAIM_ID.format(quoted(claim_id)), path, line, "claim_id")
        for claim_id, line in late.select("claim_id", LINE_COLUMN).iter_rows()
    ]


def _compare(
    pieces: Sequence[pl.DataFrame],
    path: str,
    sources: pl.DataFrame | None,
    aliases: Mapping[str, Mapping[str, str]],
    options: CompareOptions,
    relations: Sequence[Relation],
) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """One bucket: its findings, the claims the driver needs, its number of quantities."""
    import polars as pl

    claims = pl.concat([piece for piece in pieces if piece.width])
    table = ClaimsTable(path, claims, sources, None, aliases)
    numbered = prepared(table, options)
    findings = without_rates(pair_findings(numbered))
    group = ("quantity", "dimension")
    # Ties are kept: near-duplicate keys pick among them as they would in the whole table.
    needed = (pl.col("low") == pl.col("low").max().over(group)) | (
        pl.col("high") == pl.col("high").min().over(group)
    )
    for relation in relations:
        for selector in (relation.left, *relation.right):
            needed = needed | selector.expression()
    kept = claims.filter(numbered.select(needed.fill_null(value=False)).to_series())
    return findings, kept, numbered.get_column("quantity").n_unique()


def _raise(problems: Sequence[_Problem]) -> None:
    if problems:
        errors = [InputError(message, Location(path, line, column))
                  for message, path, line, column in problems]  # fmt: skip
        errors.sort(key=lambda e: (e.location.path, e.location.line or 0))
        raise InputErrors(errors)


def _as_gathered(futures: list[Any]) -> Iterator[Any]:
    """Each future's result as soon as it is done, the future then released.

    Gathering every bucket at the end held all their findings on the workers
    at once, beside the pieces still waiting to be compared: at 3 million
    claims that alone was more than two workers of 1.5 GiB had. `futures` is
    emptied, so the caller's list does not keep the results on the workers.
    """
    from distributed import wait

    pending = set(futures)
    futures.clear()
    while pending:
        done, pending = wait(pending, return_when="FIRST_COMPLETED")
        for future in done:
            result = future.result()
            future.release()
            yield result


def _run(
    client: Client,
    url: str,
    header: bytes,
    options: CompareOptions,
    sources: pl.DataFrame | None,
    aliases: Mapping[str, Mapping[str, str]],
    sources_path: str | None,
    block_size: int,
) -> Report:
    import fsspec
    import polars as pl

    filesystem, inside = fsspec.core.url_to_fs(url)
    size = int(filesystem.size(inside))
    offsets = list(range(0, max(size, 1), block_size))
    counted = client.gather(client.map(_count, [url] * len(offsets), offsets,
                                       [block_size] * len(offsets), pure=False))  # fmt: skip
    ranges = _ranges(counted)
    buckets = max(len(ranges), 1)
    [sources_data] = client.scatter([sources], broadcast=True) if sources is not None else [None]
    loaded = [
        client.submit(_load, url, start, end, first, header, sources_data, aliases, buckets,
                      pure=False)
        for start, end, first in ranges
    ]  # fmt: skip
    problems: list[_Problem] = []
    unreadable: list[_Problem] = []
    read = 0
    dimensions: set[str] = set()
    for part_problems, structural, claims_read, part_dimensions in client.gather(
        [client.submit(operator.itemgetter(2, 3, 4, 5), future) for future in loaded]
    ):
        (unreadable if structural else problems).extend(part_problems)
        read += claims_read
        dimensions.update(part_dimensions)
    # As load_table does: a file that is not CSV somewhere is reported as that alone.
    _raise(unreadable)
    if options.convert_currencies and mixed_currencies(sorted(dimensions)):
        raise UsageError(
            "--engine dask does not convert currencies yet: this table mixes currencies; "
            "use the local engine, or --fx none to compare each currency on its own"
        )

    def piece(future: Any, kind: int, index: int) -> Any:
        return client.submit(lambda result, k=kind, i=index: result[k][i], future, pure=False)

    ids = [[piece(f, 1, b) for f in loaded] for b in range(buckets)]
    pieces = [[piece(f, 0, b) for f in loaded] for b in range(buckets)]
    # Holding a block's whole result would keep every claim twice, once in it and
    # once in its pieces: released here, Dask drops it once its pieces are taken.
    del loaded
    repeats = client.map(_repeated, ids, path=url, pure=False)
    del ids
    for found in client.gather(repeats):
        problems.extend(found)
    _raise(problems)
    relations = options.relations
    # Buckets pair claims, which reads only the tolerance: no baseline is shipped to them.
    bucket_options = CompareOptions(options.approx_tolerance)
    compared = [
        client.submit(_compare, bucket, url, sources_data, aliases, bucket_options, relations,
                      pure=False)
        for bucket in pieces
    ]  # fmt: skip
    del pieces
    results = list(_as_gathered(compared))
    findings = pl.concat([found for found, _, _ in results])
    kept = pl.concat([claims for _, claims, _ in results]).sort(LINE_COLUMN)
    quantities = sum(count for _, _, count in results)
    del results  # frees the buckets' unsorted claims; their findings live on in `findings`
    table = ClaimsTable(url, kept, sources, sources_path, aliases)
    claims = prepared(table, options)
    return finish(table, claims, findings, options, quantities, read, ordered=False)
