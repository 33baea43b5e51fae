"""Throughput of the pipeline (read → tag → parse → events → one event per happening) on the 816 Kremlin press releases.

Prints documents/s and characters/s for the temporal tagger alone, for the whole pipeline in one
process, and for the whole pipeline over --processes worker processes (medians of --repeat runs
over the whole corpus), the peak resident memory, and the time to tag one ~1 MB document built
from the corpus.

    python benchmarks/bench_pipeline.py [--corpus ../shared/data/kremlin-press/articles.jsonl] [--repeat 3] [--processes 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import json
import resource
import statistics
import time
from datetime import date
from pathlib import Path

from timeline.events.build import extract_events
from timeline.events.merge import merge_across
from timeline.ingest.text import parse_text
from timeline.temporal import tag

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "kremlin-press" / "articles.jsonl"


def load(corpus: Path) -> list[tuple[str, date, str]]:
    """(title + text, publication day, URL) of each press release."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["title"] + "\n" + r["text"], date.fromisoformat(r["published"][:10]), r["url"]) for r in rows]


def _events(doc: tuple[str, date, str]) -> list:  # noqa: ANN401 - timeline.model.Event
    text, published, url = doc
    return extract_events(parse_text(text, source=url, published=published, url=url))


def pipeline(docs: list[tuple[str, date, str]], processes: int = 1) -> int:
    """The whole pipeline over the releases: read, tag, parse, events, one event per happening
    (in the parent); events made. With ``processes`` > 1 the articles are read by a pool of
    worker processes, each loading the parser once."""
    if processes == 1:
        return len(merge_across(e for doc in docs for e in _events(doc)))
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        found = pool.map(_events, docs, chunksize=8)
    return len(merge_across(e for events in found for e in events))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2, help="worker processes for a second pipeline run")
    args = parser.parse_args()
    docs = load(args.corpus)
    chars = sum(len(t) for t, _, _ in docs)
    tag("warm up the rules on Monday", date(2025, 7, 18))

    def run_tagger() -> None:
        for text, published, _ in docs:
            tag(text, published)

    def run_pipeline() -> None:
        pipeline(docs)

    def run_parallel() -> None:
        pipeline(docs, args.processes)

    extract_events(parse_text("Warm up\nPosted on July 18, 2025\nPutin met Xi on Monday."))  # load the parser
    print(f"corpus: {len(docs)} documents, {chars:,} characters ({args.corpus.name})")
    runs = [("tagger", run_tagger), ("pipeline", run_pipeline)]
    if args.processes > 1:
        runs.append((f"pipeline ×{args.processes}", run_parallel))
    for name, fn in runs:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{name:>12}: median {median:.2f} s of {args.repeat} runs → {len(docs) / median:,.0f} docs/s, "
              f"{chars / median:,.0f} chars/s")
    big = ("\n".join(t for t, _, _ in docs))[:1_000_000]
    start = time.perf_counter()
    found = tag(big, date(2022, 6, 24))
    print(f"  1 MB doc: {time.perf_counter() - start:.2f} s to tag {len(big):,} characters ({len(found):,} expressions)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
