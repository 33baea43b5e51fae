"""The ``timeline build`` and ``timeline export --parquet`` commands."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the columnar store: progress on stderr, one line per failure, a closing summary."""
    from timeline.build.core import build
    from timeline.build.engine import DaskEngine, engine, printer

    runner = engine(args.engine, args.scheduler)
    try:
        if isinstance(runner, DaskEngine):
            link = runner.dashboard
            print(f"dask: {runner.workers()} workers" + (f", dashboard {link}" if link else ""), file=sys.stderr)
        report = build(args.paths, args.out, runner, args.partitions, args.published, printer())
    finally:
        runner.close()
    for failure in report.failures:
        reason = failure["reason"]
        name = failure["source"]
        print(f"failed: {reason if name in reason else f'{name}: {reason}'}", file=sys.stderr)
    print(report.summary())
    print(f"time: {report.timings()}", file=sys.stderr)
    if report.failures:
        print(f"report: {args.out / 'report.jsonl'}", file=sys.stderr)
    if report.failed_partitions:
        print(f"error: {len(report.failed_partitions)} partition(s) failed after their retries; their articles "
              "are not in the build: run the same command again to build them", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a SQL store in the columnar form (Parquet + a DuckDB file of views)."""
    from timeline.build.export import export_parquet
    from timeline.store import Store

    counts = export_parquet(Store(args.db), args.parquet)
    print(f"{counts['articles']:,} articles, {counts['mentions']:,} mentions, {counts['events']:,} events "
          f"in {args.parquet / 'timeline.duckdb'}")
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``build`` and ``export`` on the ``timeline`` subparsers."""
    cmd = subparsers.add_parser("build", help="build a columnar store (Parquet + DuckDB views) from inputs, on Dask")
    cmd.add_argument("paths", nargs="+", metavar="INPUT",
                     help="files, folders, JSONL/CSV batches (.gz too), URLs, feeds, or a build/export folder")
    cmd.add_argument("--out", type=Path, required=True, help="the build folder (created; built again incrementally)")
    cmd.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local: this process; dask: a Dask cluster (default: local)")
    cmd.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="a Dask scheduler to use (default with --engine dask: a LocalCluster, one worker per core)")
    cmd.add_argument("--partitions", type=_positive,
                     help="N equal extraction tasks, cut after reading everything (default: cut as the inputs "
                     "are read, growing to ~1 MB of text each)")
    cmd.add_argument("--published", type=_day, help="publication date to use (YYYY-MM-DD)")
    cmd.set_defaults(run=cmd_build)

    export = subparsers.add_parser("export", help="write a store in the columnar form (--parquet DIR)")
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="a new or empty folder")
    export.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
    export.set_defaults(run=cmd_export)
