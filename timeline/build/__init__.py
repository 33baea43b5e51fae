"""Corpus scale: ``timeline build`` reads inputs, extracts events over partitions (in this process or
on Dask), merges them into happenings with a shuffle by CAMEO root, and writes Parquet with a DuckDB
file of views over it (``timeline.columnar`` is the contract with the dashboard's DuckDB store).

    >>> from pathlib import Path
    >>> Layout(Path("out")).db
    PosixPath('out/timeline.duckdb')
"""

from timeline.build.cli import add_commands
from timeline.build.core import BuildReport, build
from timeline.build.engine import DaskEngine, LocalEngine
from timeline.build.layout import Layout

__all__ = ["BuildReport", "DaskEngine", "Layout", "LocalEngine", "add_commands", "build"]
