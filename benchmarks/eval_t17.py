"""Timeline17 key dates: date F1 of the learned model, left out of training topic by topic, against
PUBCOUNT and MENTIONS; ROUGE of what the key dates say happened against the journalists' sentences.

Date F1 (Martschat and Markert 2018, news-tls): for each gold timeline, as many days are picked
as it has, among the candidate days of a window, and the picks are scored as a set; a topic's
figure is the mean over its timelines. Two windows:

``span``  the gold timeline's first to last day (the project's held-out check reads this one; most
          days of a short span are gold: egypt's 20 days are all gold, so every ranking scores 1)
``wide``  the articles' span joined with it (few days are gold: the sparse reading)

``top 5`` is the share of gold days among the first five days over the wide window (what a reader
of the dashboard sees first).

``LOTO`` ranks a topic with the model trained on the five others (``timeline.keydates.train``);
``shipped`` with the model trained on all six (in-sample: for reference only). Every ranking breaks
ties by the earlier day.

ROUGE-1 and ROUGE-2 F (``rouge-score``, Porter stemming) of the sentences said for each gold day
(``summaries``: two, most central first) against the gold sentences of that day, beside the first
sentence of the first article published that day (nothing when none was: scored 0 for both).

    python benchmarks/eval_t17.py [--data ../shared/data/t17] [--topics T ...] [--cache DIR] [--jobs N]

Needs the test extra (scikit-learn, rouge-score).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from timeline.keydates import mention_count, pubcount, shipped, summaries
from timeline.keydates.summary import lead_sentences
from timeline.keydates.train import DATA, Topic, loto, picks, read_topics, readings

def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def rouge_of(topic: Topic) -> tuple[tuple[float, float], tuple[float, float], int]:
    """(ROUGE-1, ROUGE-2) of our sentences and of the first-sentence baseline over every gold day."""
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    ours: list[tuple[float, float]] = []
    first: list[tuple[float, float]] = []
    for entries in topic.timelines.values():
        said = summaries(list(entries), topic.digests)
        for day, gold in entries.items():
            reference = " ".join(gold)
            earliest = next((d.article for d in topic.digests if d.published == day and d.article), None)
            lead = lead_sentences(earliest)[:1] if earliest else []
            baseline = " ".join(earliest.text[s:e] for s, e in lead) if earliest else ""
            for out, text in ((ours, " ".join(x.text for x in said.get(day, ()))), (first, baseline)):
                found = scorer.score(reference, text)
                out.append((found["rouge1"].fmeasure, found["rouge2"].fmeasure))
    return ((mean([r[0] for r in ours]), mean([r[1] for r in ours])),
            (mean([r[0] for r in first]), mean([r[1] for r in first])), len(ours))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topics", nargs="+", help="default: every folder of --data with an articles.jsonl")
    parser.add_argument("--cache", type=Path, help="folder keeping the topics' digests between runs")
    parser.add_argument("--jobs", type=int, default=1, help="processes reading articles (default 1)")
    args = parser.parse_args()

    started = time.monotonic()
    topics = read_topics(args.data, args.topics, args.cache, args.jobs)
    read = time.monotonic() - started
    held_out = loto(topics, shipped().features, shipped().scale) if len(topics) > 1 else {}
    names = ["LOTO", "shipped", "PUBCOUNT", "MENTIONS"]
    table: dict[str, dict[str, tuple[float, float, float]]] = {}
    for topic in topics:
        rankers: dict[str, Callable[[tuple[date, date], int], list[date]]] = {
            "shipped": lambda between, k, t=topic: picks(t, shipped(), between, k),
            "PUBCOUNT": lambda between, k, t=topic: pubcount(t.digests, k, between),
            "MENTIONS": lambda between, k, t=topic: mention_count(t.digests, k, between)}
        if held_out:
            rankers["LOTO"] = lambda between, k, t=topic: picks(t, held_out[t.name], between, k)
        table[topic.name] = {n: readings(topic, r) for n, r in rankers.items()}
        table[topic.name].setdefault("LOTO", (float("nan"),) * 3)

    print("Date F1, mean over each topic's gold timelines (LOTO: trained without the topic; shipped: in-sample)")
    for i, title in enumerate(("span window: date F1", "wide window: date F1", "wide window: top-5 precision")):
        print(f"\n{title:28} " + " ".join(f"{n:>9}" for n in names))
        for topic in topics:
            print(f"{topic.name:28} " + " ".join(f"{table[topic.name][n][i]:9.3f}" for n in names))
        print(f"{'mean':28} " + " ".join(f"{mean([table[t.name][n][i] for t in topics]):9.3f}" for n in names))

    print("\nWhat happened: ROUGE F against the gold sentences of each gold day (ours: 2 sentences)")
    print(f"{'topic':12} {'days':>5} {'ours R-1':>9} {'ours R-2':>9} {'first R-1':>10} {'first R-2':>10}")
    rows = []
    for topic in topics:
        (o1, o2), (f1, f2), n = rouge_of(topic)
        rows.append((o1, o2, f1, f2))
        print(f"{topic.name:12} {n:5d} {o1:9.3f} {o2:9.3f} {f1:10.3f} {f2:10.3f}")
    print(f"{'mean':12} {'':5} " + " ".join(f"{mean([r[i] for r in rows]):{9 if i < 2 else 10}.3f}" for i in range(4)))
    print(f"\n{time.monotonic() - started:.1f} s ({read:.1f} s reading {sum(len(t.digests) for t in topics)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
