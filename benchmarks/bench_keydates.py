"""Speed of key dates once the events are built: 1,000 Timeline17 articles by default.

The events of every article are built first (untimed: the dashboard has them already); then
``key_dates`` runs on (article, events) pairs, with two sentences per day, as the dashboard calls
it. The figure is split into reading the days the articles name (tagging: the digests) and
ranking with the sentences (from the digests).

    python benchmarks/bench_keydates.py [--articles 1000] [--top 10] [--cache FILE]

Wall time and this process's CPU time are both printed: on a shared machine the CPU time says
what the wall time would be on an idle core. The sentence splitter (the shipped parser's tokenizer) is loaded before timing: building the
events loaded it already. ``--cache`` keeps the (article, events) pairs between runs (a pickle, for this benchmark only).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

from timeline.events.build import extract_events
from timeline.ingest import Options, load
from timeline.keydates import digests, key_dates
from timeline.keydates.train import DATA
from timeline.syntax import sentences


def pairs(count: int, cache: Path | None) -> list:
    if cache and cache.exists():
        found = pickle.loads(cache.read_bytes())
        if len(found) >= count:
            return found[:count]
    found = []
    for path in sorted(DATA.glob("*/articles.jsonl")):
        for item in load([path], Options(max_bytes=2**31)):
            if item.article is not None and len(found) < count:
                found.append((item.article, extract_events(item.article)))
    if cache:
        cache.write_bytes(pickle.dumps(found))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    built = pairs(args.articles, args.cache)
    loading = time.perf_counter()
    sentences("The parser's splitter is loaded with the events; load it here too, untimed.")
    loading = time.perf_counter() - loading
    started, cpu = time.perf_counter(), time.process_time()
    found = digests(built)
    read, read_cpu = time.perf_counter() - started, time.process_time() - cpu
    ranked = key_dates(found, args.top)
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(built)} articles, {sum(len(e) for _, e in built)} events built beforehand "
          f"(sentence splitter loaded in {loading:.2f} s, untimed)")
    print(f"key dates (top {args.top}, 2 sentences each): {total:.2f} s "
          f"= {read:.2f} s reading the days named + {total - read:.2f} s ranking and sentences")
    print(f"CPU time of this process: {total_cpu:.2f} s = {read_cpu:.2f} s + {total_cpu - read_cpu:.2f} s "
          "(what the wall time would be on an idle core)")
    for k in ranked[:3]:
        print(f"  {k.day}  {k.why}  |  {k.sentences[0].text[:90] if k.sentences else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
