"""The ``timeline key-dates`` command."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from timeline.ingest import Options
from timeline.ingest.text import MAX_BYTES


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def cmd_key_dates(args: argparse.Namespace) -> int:
    """Print the key dates of the articles given, one YYYY-MM-DD a line (with ``--why``: score and
    evidence, tab-separated, then what happened, one indented sentence a line); notes and failures
    on stderr."""
    from timeline.keydates.core import caveats, key_dates
    from timeline.keydates.digest import read_digests
    from timeline.keydates.ranker import reads_events

    between = (args.between[0], args.between[1]) if args.between else None
    if between and between[0] > between[1]:
        print(f"error: --between {between[0]} {between[1]}: the start is after the end", file=sys.stderr)
        return 2
    # events are built only when the model reads them: the command prints no link to them
    digests, failed = read_digests(args.paths, Options(published=args.published, max_bytes=args.max_bytes),
                                   events=reads_events())
    for error in failed:
        print(f"failed: {error}", file=sys.stderr)
    if digests:
        for note in caveats(digests, args.top, between):
            print(f"note: {note}", file=sys.stderr)
    for found in key_dates(digests, args.top, between, per_day=2 if args.why else 0):
        if not args.why:
            print(found.day.isoformat())
            continue
        print(f"{found.day.isoformat()}\t{found.score:.4f}\t{found.why}")
        for sentence in found.sentences:
            print(f"    {' '.join(sentence.text.split())} [{sentence.article_id}]")
    return 1 if failed else 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``key-dates`` on the ``timeline`` subparsers."""
    cmd = subparsers.add_parser("key-dates", help="print the days that mattered most in a set of articles")
    cmd.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders, JSONL/CSV batches or URLs")
    cmd.add_argument("--top", type=_positive, default=10, help="how many days (default 10)")
    cmd.add_argument("--between", nargs=2, type=_day, metavar=("START", "END"),
                     help="keep days from START to END, both included (YYYY-MM-DD)")
    cmd.add_argument("--published", type=_day, help="publication date to use (YYYY-MM-DD)")
    cmd.add_argument("--max-bytes", type=int, default=MAX_BYTES, help="largest input read (default 20 MB)")
    cmd.add_argument("--why", action="store_true",
                     help="add each day's score and evidence, tab-separated, and what happened: its sentences, indented")
    cmd.set_defaults(run=cmd_key_dates)
