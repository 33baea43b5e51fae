"""Train the key-date model on Timeline17 and write ``resources/keydates_model.toml``.

    python -m timeline.keydates.train [--data ../shared/data/t17] [--cache DIR] [--jobs N]

Every candidate day of a topic is an example, labelled by whether a journalist's timeline of the
topic lists it; its features are the percentile ranks of ``features.RAW`` among the candidates of
the window. Training windows run from the first to the last day of the topic's articles or gold
timeline, whichever is wider, so that the model learns to pick a few days among many (as on topics
whose timelines are sparse) and not only among the gold timeline's own span, where most days are
gold. Every timeline weighs the same, and a topic's timelines share its weight.

The model is scikit-learn's logistic regression (L2, C = 0.1, lbfgs, ``random_state`` 0). Which
feature groups it reads (``features.GROUPS``; the references always) and on which scale
(``features.SCALES``) is chosen by leave one topic out: for every choice, a model trained on five topics ranks the sixth, and the choice with the best
mean of three readings wins (date F1 over the gold span, as ``benchmarks/eval_t17.py`` scores; date
F1 over the wide window; the share of gold days among the first five there). The ablation and the
winner's per-topic figures go into the model file; the model is then fitted on all topics. Needs
the ``train`` extra (scikit-learn); reading the 1,556 articles takes minutes, ``--cache`` keeps
their digests.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import combinations
from pathlib import Path

from timeline.ingest import Options, load
from timeline.keydates.digest import Digest, digest
from timeline.keydates.evaluation import date_f1, read_entries
from timeline.keydates.features import FEATURES, GROUPS, SCALES, candidates, raw_counts
from timeline.keydates.ranker import MODEL_FILE, Model, rank
from timeline.resources import path

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "t17"
SEED = 0
C = 0.1

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


def examples(topics: Sequence[Topic], window: Callable[[Topic, list[date]], Window], names: Sequence[str],
             scale: str = "percentile") -> tuple[list[list[float]], list[int], list[float]]:
    """Features ``names`` on ``scale``, labels and weights of every candidate day of every timeline."""
    rows, labels, weights = [], [], []
    for topic in topics:
        for entries in topic.timelines.values():
            gold = list(entries)
            days = candidates(topic.counts, window(topic, gold))
            features = SCALES[scale](topic.counts, days, names)
            for day in days:
                rows.append([features[day][name] for name in names])
                labels.append(int(day in entries))
                weights.append(1.0 / len(days) / len(topic.timelines))
    return rows, labels, weights


def fit(topics: Sequence[Topic], names: Sequence[str] = FEATURES, scale: str = "percentile") -> Model:
    """A logistic regression on features ``names`` on ``scale``, trained on the wide windows of ``topics``."""
    from sklearn.linear_model import LogisticRegression

    rows, labels, weights = examples(topics, Topic.wide, names, scale)
    norm = len(weights) / sum(weights)  # weights averaging 1
    learner = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    learner.fit(rows, labels, sample_weight=[w * norm for w in weights])
    return Model(tuple(names), tuple(float(c) for c in learner.coef_[0]), float(learner.intercept_[0]), scale)


def picks(topic: Topic, model: Model, between: Window, k: int) -> list[date]:
    """The ``k`` best days of a topic within ``between`` by ``model``."""
    return [day for day, _ in rank(topic.counts, candidates(topic.counts, between), model)[:k]]


def readings(topic: Topic, pick: Callable[[Window, int], list[date]]) -> tuple[float, float, float]:
    """Date F1 over the gold spans, date F1 over the wide windows, and the share of gold days among
    the first five over the wide windows, each a mean over the topic's timelines."""
    span, wide, top = [], [], []
    for entries in topic.timelines.values():
        gold = list(entries)
        span.append(date_f1(pick(topic.span(gold), len(gold)), gold))
        wide.append(date_f1(pick(topic.wide(gold), len(gold)), gold))
        top.append(len(set(pick(topic.wide(gold), 5)) & set(gold)) / 5)
    return sum(span) / len(span), sum(wide) / len(wide), sum(top) / len(top)


def loto(topics: Sequence[Topic], names: Sequence[str] = FEATURES, scale: str = "percentile") -> dict[str, Model]:
    """Leave one topic out: for each topic, the model trained on all the others."""
    return {held.name: fit([t for t in topics if t is not held], names, scale) for held in topics}


Choice = tuple[str, tuple[str, ...]]  # a scale and the feature groups read


def choices() -> list[Choice]:
    """What a model may be: each scale, reading the references with any of the other groups."""
    others = [g for g in GROUPS if g != "references"]
    return [(scale, ("references", *combo)) for scale in SCALES
            for n in range(len(others) + 1) for combo in combinations(others, n)]


def label(choice: Choice) -> str:
    """``percentile: references+cycle``"""
    return f"{choice[0]}: {'+'.join(choice[1])}"


def names_of(groups: Sequence[str]) -> tuple[str, ...]:
    """The features of ``groups``, in ``FEATURES`` order."""
    return tuple(f for f in FEATURES if any(f in GROUPS[g] for g in groups))


def ablation(topics: Sequence[Topic]) -> dict[Choice, dict[str, tuple[float, float, float]]]:
    """For every choice, each topic's three readings by the model trained without it."""
    found = {}
    for choice in choices():
        models = loto(topics, names_of(choice[1]), choice[0])
        found[choice] = {t.name: readings(t, partial(picks, t, models[t.name])) for t in topics}
    return found


def overall(per_topic: dict[str, tuple[float, float, float]]) -> float:
    """The mean of the three readings, each averaged over topics."""
    return sum(sum(v) for v in per_topic.values()) / (3 * len(per_topic))


def write(model: Model, topics: Sequence[Topic], choice: Choice,
          found: dict[Choice, dict[str, tuple[float, float, float]]], target: Path) -> None:
    """The model as TOML, with a FORMAT header, where it came from and the ablation that chose it."""
    def strings(values: Iterable[str]) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"
    lines = [
        "# FORMAT: the key-date model, written by `python -m timeline.keydates.train` (do not edit by hand).",
        "# kind = \"logistic\": a day's score is intercept + sum(coef[i] * x[i]), where x[i] is the day's count",
        "# features[i] put on a 0..1 scale among the candidate days: scale = \"percentile\" (its rank, ties sharing",
        "# their mean rank) or \"log-share\" (log(1 + x) / log(1 + max x)); timeline/keydates/features.py says",
        "# what each count is. Higher scores rank first.",
        "# EXAMPLE: a day first on every count scores intercept + sum(coef); last on every count, intercept.",
        "# loto: the chosen groups' readings per topic, by the model trained without the topic: date F1 over",
        "# the gold span, date F1 over the wide window, share of gold days among the first five there.",
        "# ablation: the mean of those three readings over topics, for every scale and choice of feature groups.",
        "",
        'kind = "logistic"',
        f"seed = {SEED}",
        f"C = {C}",
        f"trained_on = {strings(t.name for t in topics)}",
        'windows = "from the first to the last day of the articles or the gold timeline, whichever is wider"',
        f"groups = {strings(choice[1])}",
        f'scale = "{choice[0]}"',
        f"features = {strings(model.features)}",
        f"coef = [{', '.join(f'{c:.6f}' for c in model.coef)}]",
        f"intercept = {model.intercept:.6f}",
        "",
        "[loto]",
        *(f"{name} = [{', '.join(f'{v:.3f}' for v in values)}]" for name, values in found[choice].items()),
        "",
        "[ablation]",
        *(f'"{label(c)}" = {overall(per):.3f}' for c, per in found.items()),
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
    found = ablation(topics)
    print("leave one topic out, mean over topics: span F1 / wide F1 / top-5 precision -> their mean")
    for choice, per in found.items():
        means = [sum(v[i] for v in per.values()) / len(per) for i in range(3)]
        print(f"  {label(choice):44} " + " / ".join(f"{m:.3f}" for m in means) + f" -> {overall(per):.3f}")
    best = max(found, key=lambda c: (round(overall(found[c]), 6), -len(names_of(c[1]))))  # then the earlier
    print(f"chosen: {label(best)}; per topic: "
          + ", ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}/{v[2]:.2f}" for k, v in found[best].items()))
    model = fit(topics, names_of(best[1]), best[0])
    write(model, topics, best, found, args.out)
    print(f"wrote {args.out}: " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(model.features, model.coef)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
