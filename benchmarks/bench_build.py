"""Build throughput: ``timeline build --engine local`` against Dask (a LocalCluster, one worker per
core) on the Kremlin releases replicated to N articles.

Copy k of a release ends with a line "Copy k." so every copy is an article of its own (content ids
differ); the corpus is written as JSONL files of 1,000 rows (each under ingest's 20 MB limit) to a
temporary folder. Each run is a fresh ``timeline build`` process into a fresh --out (so the Dask
figure includes starting the cluster, as a user sees it); prints articles/s of each engine, the
median of --repeat runs, and the ratio. The two builds' contents are compared once (they must be
equal).

    python benchmarks/bench_build.py [--articles 20000] [--repeat 3] [--engines local,dask]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "kremlin-press.jsonl.gz"
ROWS_PER_FILE = 1000


def corpus(count: int, folder: Path) -> list[Path]:
    """The sample replicated to ``count`` rows (copy k > 0 ends with "Copy k."), in JSONL files."""
    rows = [json.loads(line) for line in gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()]
    out = []
    for k in range(count):
        row = dict(rows[k % len(rows)])
        copy = k // len(rows)
        if copy:
            row["text"] = f"{row['text']}\nCopy {copy}."
            row["url"] = f"{row['url']}#copy-{copy}"
        out.append(json.dumps(row, ensure_ascii=False))
    paths = []
    for start in range(0, len(out), ROWS_PER_FILE):
        path = folder / f"kremlin-{start // ROWS_PER_FILE:04d}.jsonl"
        path.write_text("\n".join(out[start:start + ROWS_PER_FILE]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def run(engine: str, inputs: list[Path], out: Path) -> dict[str, float]:
    """One ``timeline build`` process: wall seconds and the new articles it reports."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "timeline.cli", "build", *map(str, inputs), "--out", str(out),
                           "--engine", engine], capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{engine} build failed ({done.returncode}): {done.stderr[-2000:]}")
    new = int(done.stdout.split(" new,", 1)[0].split()[-1])
    phases = next((line for line in done.stderr.splitlines() if line.startswith("time: ")), "")
    print(f"{engine}: {phases}", file=sys.stderr, flush=True)
    return {"seconds": seconds, "new": new}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="local,dask")
    args = parser.parse_args()
    engines = args.engines.split(",")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        inputs = corpus(args.articles, folder)
        runs: dict[str, list[dict[str, float]]] = {e: [] for e in engines}
        for attempt in range(args.repeat):
            for engine in engines:
                out = folder / f"out-{engine}-{attempt}"
                runs[engine].append(run(engine, inputs, out))
                print(f"{engine} run {attempt + 1}: {runs[engine][-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
        print(f"corpus: {args.articles:,} rows from {SAMPLE.name} ({len(inputs)} JSONL files), {os.cpu_count()} cores")
        rates = {}
        for engine in engines:
            seconds = statistics.median(r["seconds"] for r in runs[engine])
            new = runs[engine][0]["new"]
            rates[engine] = new / seconds
            each = ", ".join(f"{r['seconds']:.1f}" for r in runs[engine])
            print(f"{engine}: {new:,} articles, median {seconds:.1f} s of {args.repeat} ({each}) "
                  f"→ {rates[engine]:,.1f} articles/s")
        if {"local", "dask"} <= set(engines):
            print(f"dask / local: {rates['dask'] / rates['local']:.2f}×")
            _compare(folder / "out-local-0", folder / "out-dask-0")


def _compare(a: Path, b: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    from timeline.build.layout import Layout, contents

    left, right = contents(Layout(a)), contents(Layout(b))
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)
    print(f"contents equal: {', '.join(f'{len(v):,} {k}' for k, v in left.items())}")


if __name__ == "__main__":
    main()
