"""End-to-end ingest of the 816 Kremlin press releases: read → tag → events → SQLite.

Each run is a fresh process with a fresh database (so peak memory is that of one whole ingest);
prints the median wall time of --repeat runs, documents/s, and the largest peak RSS.

    python benchmarks/bench_ingest.py [--corpus ../shared/data/kremlin-press/articles.jsonl] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "kremlin-press" / "articles.jsonl"
CHILD = """
import json, resource, sys, time
from timeline.pipeline import ingest
from timeline.store import Store
start = time.perf_counter()
results = ingest([sys.argv[1]], Store(sys.argv[2]))
elapsed = time.perf_counter() - start
counts = {s: sum(r.status == s for r in results) for s in ("added", "unchanged", "revised", "failed")}
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "counts": counts, "events": sum(r.events for r in results)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            out = subprocess.run([sys.executable, "-c", CHILD, str(args.corpus), f"sqlite:///{folder}/bench.db"],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    seconds = statistics.median(r["seconds"] for r in runs)
    docs = sum(runs[0]["counts"].values())
    print(f"corpus: {args.corpus}")
    print(f"items: {runs[0]['counts']}, events: {runs[0]['events']:,}")
    each = ", ".join(f"{r['seconds']:.1f}" for r in runs)
    print(f"ingest + events: median {seconds:.1f} s of {args.repeat} runs ({each}) "
          f"→ {docs / seconds:,.0f} docs/s")
    print(f"peak RSS: {max(r['rss_mb'] for r in runs):,.0f} MB (largest of the runs)")


if __name__ == "__main__":
    main()
