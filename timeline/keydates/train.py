"""Train the key-date model on Timeline17 and write ``resources/keydates_model.toml``.

    python -m timeline.keydates.train [--data ../shared/data/t17] [--cache DIR] [--jobs N]

Every candidate day of a topic is an example, labelled by whether a journalist's timeline of the
topic lists it; its features are the percentile ranks of ``features.RAW`` among the candidates of
the window. Training windows run from the first to the last day of the topic's articles or gold
timeline, whichever is wider, so that the model learns to pick a few days among many (as on topics
whose timelines are sparse) and not only among the gold timeline's own span, where most days are
gold. Every timeline weighs the same, and a topic's timelines share its weight.

The model is scikit-learn's logistic regression (L2, C = 1, lbfgs, ``random_state`` 0); the script
first reports leave-one-topic-out date F1 (trained on five topics, scored on the sixth over the
gold span, as ``benchmarks/eval_t17.py`` scores), then fits on all topics. Needs the ``train`` extra
(scikit-learn); reading the 1,556 articles takes a few minutes, ``--cache`` keeps their digests.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.ingest import Options, load
from timeline.keydates.digest import Digest, digest
from timeline.keydates.evaluation import date_f1, read_entries
from timeline.keydates.features import FEATURES, candidates, percentiles, raw_counts
from timeline.keydates.ranker import MODEL_FILE, Model, rank
from timeline.resources import path

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "t17"
SEED = 0
C = 1.0

Window = tuple[date, date]


@dataclass
class Topic:
    """A Timeline17 topic read: its digests, their day counts, and its gold timelines."""

    name: str
    digests: list[Digest]
    counts: dict[str, dict[date, float]]
    timelines: dict[str, dict[date, list[str]]]  # timeline name -> day -> gold sentences

    def span(self, gold: Sequence[date]) -> Window:
        """The gold timeline's span: where ``eval_t17`` ranks."""
        return gold[0], gold[-1]

    def wide(self, gold: Sequence[date]) -> Window:
        """The articles' span joined with the gold span: where the model is trained."""
        published = [d.published for d in self.digests if d.published]
        return min([gold[0], *published]), max([gold[-1], *published])


def read_topic(folder: Path, cache: Path | None = None, jobs: int = 1) -> Topic:
    """A topic folder (``articles.jsonl``, ``timelines/*.txt``) read into digests, cached if asked."""
    stored = cache / f"{folder.name}.digests.pkl" if cache else None
    if stored and stored.exists():
        found: list[Digest] = pickle.loads(stored.read_bytes())
    else:
        articles = [item.article for item in load([folder / "articles.jsonl"], Options(max_bytes=2**31))
                    if item.article is not None]
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as pool:
                found = list(pool.map(digest, articles, chunksize=8))
        else:
            found = [digest(a) for a in articles]
        if stored:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_bytes(pickle.dumps(found))
    timelines = {p.stem: read_entries(p) for p in sorted((folder / "timelines").glob("*.txt"))}
    return Topic(folder.name, found, raw_counts(found), {k: v for k, v in timelines.items() if v})


def read_topics(data: Path, names: Sequence[str] | None = None, cache: Path | None = None,
                jobs: int = 1) -> list[Topic]:
    """Every topic of ``data`` (folders with an articles.jsonl), or those named."""
    names = names or sorted(p.parent.name for p in data.glob("*/articles.jsonl"))
    return [read_topic(data / name, cache, jobs) for name in names]


def examples(topics: Sequence[Topic], window: Callable[[Topic, list[date]], Window]
             ) -> tuple[list[list[float]], list[int], list[float]]:
    """Features, labels and weights of every candidate day of every timeline of ``topics``."""
    rows, labels, weights = [], [], []
    for topic in topics:
        for entries in topic.timelines.values():
            gold = list(entries)
            days = candidates(topic.counts, window(topic, gold))
            features = percentiles(topic.counts, days)
            for day in days:
                rows.append(features[day])
                labels.append(int(day in entries))
                weights.append(1.0 / len(days) / len(topic.timelines))
    return rows, labels, weights


def fit(topics: Sequence[Topic]) -> Model:
    """A logistic regression trained on the wide windows of ``topics``."""
    from sklearn.linear_model import LogisticRegression

    rows, labels, weights = examples(topics, Topic.wide)
    scale = len(weights) / sum(weights)
    learner = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    learner.fit(rows, labels, sample_weight=[w * scale for w in weights])
    return Model(float(learner.intercept_[0]), tuple(float(c) for c in learner.coef_[0]))


def topic_f1(topic: Topic, model: Model, window: Callable[[Topic, list[date]], Window]) -> float:
    """Date F1 of ``model`` on a topic, averaged over its timelines: as many days as each has."""
    scores = []
    for entries in topic.timelines.values():
        gold = list(entries)
        ranked = rank(topic.counts, candidates(topic.counts, window(topic, gold)), model)
        scores.append(date_f1([day for day, _ in ranked[: len(gold)]], gold))
    return sum(scores) / len(scores)


def loto(topics: Sequence[Topic]) -> dict[str, Model]:
    """Leave one topic out: for each topic, the model trained on all the others."""
    return {held.name: fit([t for t in topics if t is not held]) for held in topics}


def write(model: Model, topics: Sequence[Topic], held_out: dict[str, float], target: Path) -> None:
    """The model as TOML, with a FORMAT header and where it came from."""
    def number(x: float) -> str:
        return f"{x:.6f}"
    lines = [
        "# FORMAT: the key-date model, written by `python -m timeline.keydates.train` (do not edit by hand).",
        "# kind = \"logistic\": a day's score is intercept + sum(coef[i] * x[i]), where x[i] is the percentile",
        "# rank (0..1, ties sharing their mean rank) of the day's count features[i] among the candidate days",
        "# (timeline/keydates/features.py says what each count is). Higher scores rank first.",
        "# EXAMPLE: a day first on every count scores intercept + sum(coef); last on every count, intercept.",
        "# loto: date F1 of the model trained without the topic, on the topic (over its gold timelines' spans).",
        "",
        'kind = "logistic"',
        f"seed = {SEED}",
        f"C = {C}",
        f"trained_on = [{', '.join(repr(t.name).replace(chr(39), chr(34)) for t in topics)}]",
        'windows = "from the first to the last day of the articles or the gold timeline, whichever is wider"',
        f"features = [{', '.join(f'{chr(34)}{f}{chr(34)}' for f in FEATURES)}]",
        f"coef = [{', '.join(number(c) for c in model.coef)}]",
        f"intercept = {number(model.intercept)}",
        "",
        "[loto]",
        *(f"{name} = {value:.3f}" for name, value in held_out.items()),
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train the key-date model on Timeline17 (leave-one-topic-out first)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topics", nargs="+", help="default: every folder of --data with an articles.jsonl")
    parser.add_argument("--cache", type=Path, help="folder keeping the topics' digests between runs")
    parser.add_argument("--jobs", type=int, default=1, help="processes reading articles (default 1)")
    parser.add_argument("--out", type=Path, default=path(MODEL_FILE))
    args = parser.parse_args(argv)
    topics = read_topics(args.data, args.topics, args.cache, args.jobs)
    held_out = {name: topic_f1(next(t for t in topics if t.name == name), model, Topic.span)
                for name, model in loto(topics).items()}
    print("leave-one-topic-out date F1: " + ", ".join(f"{k} {v:.3f}" for k, v in held_out.items())
          + f"; mean {sum(held_out.values()) / len(held_out):.3f}")
    model = fit(topics)
    write(model, topics, held_out, args.out)
    print(f"wrote {args.out}: " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, model.coef)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
