"""Timeline17 date selection: our key dates against PUBCOUNT and MENTIONS, with an ablation.

For each gold timeline of each topic, candidates are restricted to [first gold day, last gold day]
and as many days are picked as the timeline has; the score is date F1 (Martschat and Markert 2018,
news-tls). Every ranking breaks ties by the earlier day.

Two sparser readings of the same gold say more than the whole window, where most days are gold
(43% of iraq's; all 20 of egypt's, so every ranking scores 1.0 there), while held-out topics
have far fewer gold days than candidates: ``month F1`` cuts the window into calendar months, picks as many days as each month has gold
days, and averages; ``3/month P`` picks 3 days a month and averages their precision.

    python benchmarks/eval_t17.py [--data ../shared/data/t17] [--topics TOPIC ...] [--jobs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from timeline.ingest import Options, load
from timeline.keydates import (LOOK_BACK, SIGNALS, WEIGHTS, Digest, date_f1, digest, key_dates, mention_count,
                               pubcount, read_timeline)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "t17"

Window = tuple[date, date]
Ranker = Callable[[Sequence[Digest], int, Window], list[date]]


def digests_of(path: Path, jobs: int) -> list[Digest]:
    articles = []
    for item in load([path], Options(max_bytes=2**31)):  # a topic's batch may pass the 20 MB default
        if item.article is None:
            print(f"failed: {item.error}", file=sys.stderr)
        else:
            articles.append(item.article)
    if jobs <= 1:
        return [digest(a) for a in articles]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(digest, articles, chunksize=8))


def ours(weights: dict[str, float] = WEIGHTS, look_back: float = LOOK_BACK, coarse: bool = True) -> Ranker:
    def rank(digests: Sequence[Digest], k: int, window: Window) -> list[date]:
        pool = digests if coarse else [replace(d, spans=()) for d in digests]
        return [day for day, _, _ in key_dates(pool, k, window, weights, look_back)]
    return rank


BASELINES: dict[str, Ranker] = {"ours": ours(), "PUBCOUNT": pubcount, "MENTIONS": mention_count}


def settings() -> dict[str, Ranker]:
    """The ablation: ours, each signal alone, ours without each signal, and two variants."""
    runs = {"ours (all five)": ours()}
    runs.update({f"only {s}": ours({s: 1.0}) for s in SIGNALS})
    runs.update({f"without {s}": ours({k: w for k, w in WEIGHTS.items() if k != s}) for s in SIGNALS})
    runs["later references count 1, not 2"] = ours(look_back=1.0)
    runs["day-precise mentions only"] = ours(coarse=False)
    return runs


def months(window: Window) -> list[Window]:
    """The calendar months of a window, clipped to it."""
    out, start = [], window[0]
    while start <= window[1]:
        following = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        out.append((start, min(following - timedelta(days=1), window[1])))
        start = following
    return out


def scores(rank: Ranker, digests: Sequence[Digest], gold: list[date]) -> tuple[float, float, float]:
    """Whole-window F1, month F1 and 3/month precision of a ranking against one gold timeline."""
    whole = date_f1(rank(digests, len(gold), (gold[0], gold[-1])), gold)
    monthly, three = [], []
    for month in months((gold[0], gold[-1])):
        inside = [d for d in gold if month[0] <= d <= month[1]]
        if inside:
            monthly.append(date_f1(rank(digests, len(inside), month), inside))
            three.append(len(set(rank(digests, 3, month)) & set(inside)) / 3)
    return whole, sum(monthly) / len(monthly), sum(three) / len(three)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topics", nargs="+", help="default: every folder of --data with an articles.jsonl")
    parser.add_argument("--jobs", type=int, default=1, help="processes reading articles (default 1)")
    args = parser.parse_args()
    args.topics = args.topics or sorted(p.parent.name for p in args.data.glob("*/articles.jsonl"))

    started = time.monotonic()
    rows, topic_rows = [], []
    ablation: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
    for topic in args.topics:
        digests = digests_of(args.data / topic / "articles.jsonl", args.jobs)
        per_topic: dict[str, list[tuple[float, float, float]]] = {name: [] for name in BASELINES}
        for gold_path in sorted((args.data / topic / "timelines").glob("*.txt")):
            gold = read_timeline(gold_path)
            if not gold:
                print(f"skipped: {gold_path}: no YYYY-MM-DD day in it", file=sys.stderr)
                continue
            found = {name: scores(rank, digests, gold) for name, rank in BASELINES.items()}
            for name, value in found.items():
                per_topic[name].append(value)
            rows.append((topic, gold_path.stem, len(gold), f"{gold[0]}..{gold[-1]}", found))
            for name, rank in settings().items():
                ablation.setdefault(name, {}).setdefault(topic, []).append(scores(rank, digests, gold))
        topic_rows.append((topic, len(digests), {n: [mean([v[i] for v in vs]) for i in range(3)]
                                                 for n, vs in per_topic.items()}))
    elapsed = time.monotonic() - started

    names = list(BASELINES)
    print("Date F1 per gold timeline: candidates in [first, last gold day], k = its gold days, ties -> earlier day")
    print(f"{'topic':7} {'timeline':9} {'k':>4} {'span':23} " + " ".join(f"{n:>9}" for n in names))
    for topic, name, k, span, found in rows:
        print(f"{topic:7} {name:9} {k:4d} {span:23} " + " ".join(f"{found[n][0]:9.3f}" for n in names))
    print("\nAverage per topic: ours / PUBCOUNT / MENTIONS")
    print(f"{'topic':7} {'articles':>8} {'date F1':>21} {'month F1':>21} {'3/month precision':>21}")
    for topic, n, avg in topic_rows:
        print(f"{topic:7} {n:8d} " + " ".join(" / ".join(f"{avg[b][i]:.3f}" for b in names).rjust(21)
                                              for i in range(3)))
    print("\nAblation: date F1 / month F1 / 3-a-month precision, averaged per topic")
    print(f"{'setting':34} " + " ".join(f"{t:>21}" for t in args.topics))
    for name, per in ablation.items():
        cells = [" / ".join(f"{mean([v[i] for v in per[t]]):.3f}" for i in range(3)) for t in args.topics]
        print(f"{name:34} " + " ".join(f"{c:>21}" for c in cells))
    print(f"\n{elapsed:.1f} s for {', '.join(args.topics)}: reading articles ({args.jobs} process(es)), "
          "ranking, baselines and ablation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
