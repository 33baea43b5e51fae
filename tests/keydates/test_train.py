"""The training script: examples from gold timelines, a deterministic fit, a model file that loads."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline.keydates.digest import on
from timeline.keydates.features import FEATURES, raw_counts
from timeline.keydates.ranker import validate
from timeline.keydates.train import Topic, ablation, choices, examples, fit, names_of, picks, readings, write
from timeline.resources import load_toml

D = date.fromisoformat


def topic(name: str, start: str, looked_back: list[int]) -> Topic:
    """Ten days of articles; the days ``looked_back`` (offsets from ``start``) are named by later
    articles and are the gold timeline; every day has an article of its own."""
    first = D(start)
    digests = [on(f"{name}{i}", str(first + timedelta(i)), str(first + timedelta(i))) for i in range(10)]
    digests += [on(f"{name}-back{i}", str(first + timedelta(12)), str(first + timedelta(i)), str(first + timedelta(i)))
                for i in looked_back]
    gold = {first + timedelta(i): [f"Something happened on day {i} ."] for i in looked_back}
    return Topic(name, digests, raw_counts(digests), {"tl": gold})


TOPICS = [topic("a", "2011-01-01", [2, 5]), topic("b", "2012-03-01", [1, 7, 8]), topic("c", "2013-06-01", [4])]


def test_examples_label_gold_days_and_weigh_each_timeline_alike() -> None:
    rows, labels, weights = examples(TOPICS, Topic.wide, FEATURES)
    assert len(rows) == len(labels) == len(weights) and all(len(r) == len(FEATURES) for r in rows)
    assert sum(labels) == 6 and sum(weights) == pytest.approx(len(TOPICS))


def test_the_fit_is_deterministic_and_finds_the_days_looked_back_at() -> None:
    pytest.importorskip("sklearn")
    first, second = fit(TOPICS), fit(TOPICS)
    assert first == second
    assert all(readings(t, lambda between, k, t=t: picks(t, first, between, k))[:2] == (1.0, 1.0) for t in TOPICS)


@pytest.mark.parametrize("scale", ["percentile", "log-share"])
def test_a_model_on_either_scale_finds_the_days_looked_back_at(scale: str) -> None:
    pytest.importorskip("sklearn")
    model = fit(TOPICS, names_of(["references", "cycle"]), scale)
    assert model.scale == scale and all(picks(t, model, t.span(list(t.timelines["tl"])), 1)[0] in t.timelines["tl"]
                                        for t in TOPICS)


def test_the_choices_always_keep_the_references() -> None:
    assert len(choices()) == 16 and all(groups[0] == "references" for _, groups in choices())
    assert names_of(["references"]) == ("mentions", "articles", "later", "far", "lag", "lead", "coarse")


def test_the_written_model_loads(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    found = ablation(TOPICS)
    model = fit(TOPICS, names_of(["references"]))
    write(model, TOPICS, ("percentile", ("references",)), found, tmp_path / "keydates_model.toml")
    import tomllib
    data = tomllib.loads((tmp_path / "keydates_model.toml").read_text())
    loaded = validate(data, "keydates_model.toml")
    assert loaded.coef == pytest.approx(model.coef, abs=1e-6) and data["trained_on"] == ["a", "b", "c"]
    assert loaded.features == model.features and len(data["ablation"]) == 16 and len(data["loto"]["a"]) == 3
    assert (tmp_path / "keydates_model.toml").read_text().startswith("# FORMAT:")
    assert load_toml("keydates_model.toml")["seed"] == data["seed"] == 0
