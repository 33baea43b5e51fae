"""Throughput of the pipeline (read → tag → events → one event per happening) on the 816 Kremlin press releases.

Prints documents/s and characters/s for the temporal tagger alone and for the whole pipeline
(medians of --repeat runs over the whole corpus), the peak resident memory, and the time to tag
one ~1 MB document built from the corpus.

    python benchmarks/bench_pipeline.py [--corpus ../shared/data/kremlin-press/articles.jsonl] [--repeat 3]
"""

from __future__ import annotations

import argparse
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


def pipeline(docs: list[tuple[str, date, str]]) -> int:
    """The whole pipeline over the releases: read, tag, events, one event per happening; events made."""
    return len(merge_across(e for text, published, url in docs
                            for e in extract_events(parse_text(text, source=url, published=published, url=url))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = load(args.corpus)
    chars = sum(len(t) for t, _, _ in docs)
    tag("warm up the rules on Monday", date(2025, 7, 18))

    def run_tagger() -> None:
        for text, published, _ in docs:
            tag(text, published)

    def run_pipeline() -> None:
        pipeline(docs)

    print(f"corpus: {len(docs)} documents, {chars:,} characters ({args.corpus.name})")
    for name, fn in (("tagger", run_tagger), ("pipeline", run_pipeline)):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{name:>9}: median {median:.2f} s of {args.repeat} runs → {len(docs) / median:,.0f} docs/s, "
              f"{chars / median:,.0f} chars/s")
    big = ("\n".join(t for t, _, _ in docs))[:1_000_000]
    start = time.perf_counter()
    found = tag(big, date(2022, 6, 24))
    print(f"  1 MB doc: {time.perf_counter() - start:.2f} s to tag {len(big):,} characters ({len(found):,} expressions)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
