"""Where a comparison runs: this process (`pipeline.compare_files`) or a Dask cluster (`dask`).

Every engine runs the same rules with the same polars code and gives the same
findings, byte for byte; engines differ only in how a table is split and where
its parts are compared.
"""

from enum import Enum


class Engine(str, Enum):
    """The `--engine` choices of `compare`."""

    LOCAL = "local"
    DASK = "dask"
