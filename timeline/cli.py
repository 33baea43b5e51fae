"""The ``timeline`` command: ingest articles, print the event table, tag dates."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from datetime import date
from pathlib import Path

from timeline import build, corrections_cli, keydates, pipeline, synth, timeml
from timeline.errors import InvalidDate, TimelineError, one_line
from timeline.events.merge import merge_across
from timeline.export import to_csv
from timeline.ingest import Options, load
from timeline.ingest.sample import sample_items
from timeline.ingest.text import MAX_BYTES, read_file
from timeline.table import event_table
from timeline.columnar import is_columnar, path_of
from timeline.columnstore import READ_ONLY
from timeline.errors import StoreError
from timeline.store import Store, open_store
from timeline.temporal import tag
from timeline.temporal.story import KINDS


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _report_failures(results: list[pipeline.IngestResult]) -> int:
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        error = r.error or "failed"
        print(f"failed: {error if r.source in error else f'{r.source}: {error}'}", file=sys.stderr)
    return 1 if failed else 0


def cmd_events(args: argparse.Namespace) -> int:
    """Print the event table of the files given, or of the store when none are."""
    if args.paths:
        done, failed = pipeline.read_articles(args.paths, args.published)
        table = event_table(merge_across(e for _, found in done for e in found), [a for a, _ in done])
    else:
        store = open_store(args.db)
        table, failed = store.table(), []
    if args.format == "json":
        print(table.to_json(orient="records", force_ascii=False, indent=2))
    else:  # cells a spreadsheet would run as formulas are neutralised, as in the dashboard's CSV
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(table))
        sys.stdout.buffer.flush()
    return _report_failures(failed)


def cmd_ingest(args: argparse.Namespace) -> int:
    """Store articles and their events: a progress line, one line per item, a closing summary."""
    store = open_store(args.db)
    if store.read_only:  # refused before anything is read, not once per item
        raise StoreError(f"{args.db} {READ_ONLY}")
    options = Options(published=args.published, timeout=args.timeout, max_bytes=args.max_bytes)
    counts = dict.fromkeys(("added", "unchanged", "revised", "failed"), 0)
    started = time.monotonic()
    show = sys.stderr.isatty()

    def progress(result: pipeline.IngestResult) -> None:
        counts[result.status] = counts.get(result.status, 0) + 1
        if args.verbose and result.status != "failed":
            print(f"{result.status}: {result.source} ({result.events} events)")
        if show:
            done = sum(counts.values())
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"\r{done} items ({rate:,.0f}/s) · " + " · ".join(f"{n} {k}" for k, n in counts.items()),
                  end="", file=sys.stderr, flush=True)

    if not args.paths and not args.sample:
        print("error: give a PATH, URL or FEED to ingest, or --sample", file=sys.stderr)
        return 2
    items = load(args.paths, options)
    if args.sample:  # the shipped sample after the inputs given, if any
        items = itertools.chain(items, sample_items(options))
    results = pipeline.store_items(items, store, progress)
    if show:
        print(file=sys.stderr)
    print(", ".join(f"{n} {s}" for s, n in counts.items()))
    undated = [r for r in results if r.needs_date]
    if undated:
        print(f"{len(undated)} article(s) have no publication date; their relative dates stay unresolved "
              "until one is given: timeline set-date ARTICLE_ID YYYY-MM-DD")
    return _report_failures(results)


def cmd_set_date(args: argparse.Namespace) -> int:
    """Give a stored article its publication date and resolve its dates anew."""
    count = pipeline.set_published(open_store(args.db), args.article_id, args.date)
    print(f"{args.article_id}: published {args.date.isoformat()}; {count} events")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    """Write a synthetic corpus of N events into a database, or as a columnar store (duckdb:///PATH)."""
    started = time.monotonic()
    if is_columnar(args.db):
        added = synth.write_columnar(path_of(args.db), args.events, args.seed)
    else:
        added = synth.write(Store(args.db), args.events, args.seed)
    print(f"{args.events:,} events in {added:,} synthetic articles written in {time.monotonic() - started:.1f} s")
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    """Print the temporal expressions of a file, resolved against its publication date."""
    article = read_file(args.path, published=args.published)
    for t in tag(article.text, article.published, article.id, kind=args.kind):
        print(json.dumps({"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value,
                          "mod": t.mod, "begin": t.begin, "end_date": t.end_date, "reason": t.reason},
                         ensure_ascii=False))
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``timeline`` command."""
    top = argparse.ArgumentParser(prog="timeline", description="Dated event tables from news articles.")
    sub = top.add_subparsers(dest="command", required=True)

    events = sub.add_parser("events", help="print the event table (of PATHs, or of the store)")
    events.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders of .txt files")
    events.add_argument("--format", choices=("csv", "json"), default="csv")
    events.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
    events.add_argument("--published", type=_date, help="publication date to use (YYYY-MM-DD)")
    events.set_defaults(run=cmd_events)

    ingest = sub.add_parser("ingest", help="store articles (files, folders, URLs, feeds, JSONL/CSV batches)")
    ingest.add_argument("paths", nargs="*", metavar="PATH|URL|FEED")
    ingest.add_argument("--sample", action="store_true",
                        help="also ingest the shipped sample: 816 Kremlin press releases (CC BY 4.0)")
    ingest.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
    ingest.add_argument("--published", type=_date, help="publication date to use (YYYY-MM-DD)")
    ingest.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a URL (default 10)")
    ingest.add_argument("--max-bytes", type=int, default=MAX_BYTES, help="largest input read (default 20 MB)")
    ingest.add_argument("-v", "--verbose", action="store_true", help="print a line per stored item")
    ingest.set_defaults(run=cmd_ingest)

    set_date = sub.add_parser("set-date", help="give a stored article its publication date")
    set_date.add_argument("article_id")
    set_date.add_argument("date", type=_date, metavar="YYYY-MM-DD")
    set_date.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
    set_date.set_defaults(run=cmd_set_date)

    tagger = sub.add_parser("tag", help="print the temporal expressions of an article as JSON lines")
    tagger.add_argument("path", type=Path)
    tagger.add_argument("--published", type=_date, help="publication date to use (YYYY-MM-DD)")
    tagger.add_argument("--type", dest="kind", choices=KINDS, default="news",
                        help="news (default: a date without a year is of now unless its paragraph narrates "
                             "another year) or narrative (a history: of the last date the text gave)")
    tagger.set_defaults(run=cmd_tag)

    synthetic = sub.add_parser("synth", help="write a synthetic corpus (for benchmarks)")
    synthetic.add_argument("--events", type=int, required=True, help="how many events")
    synthetic.add_argument("--db", required=True, help="database URL to write to (duckdb:///PATH writes a columnar store)")
    synthetic.add_argument("--seed", type=int, default=7)
    synthetic.set_defaults(run=cmd_synth)

    timeml.add_commands(sub)
    keydates.add_commands(sub)
    corrections_cli.add_commands(sub)
    build.add_commands(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command; library errors become one line on stderr and exit code 1."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (TimelineError, InvalidDate) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, not a traceback with the article's text in it
        print(f"error: {one_line(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
