"""The scoring of benchmarks/eval_events.py on tiny hand-made rows, and the gold files' shape."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "golden" / "events"


def _load():
    spec = importlib.util.spec_from_file_location("eval_events", ROOT / "benchmarks" / "eval_events.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_events"] = module  # dataclasses look their module up while building the class
    spec.loader.exec_module(module)
    return module


ev = _load()


def R(start, end=None, source=("Russia",), target=(), code="10", source_countries=(), at=(0, 10)):  # noqa: N802
    return ev.Row(start, end, frozenset(s.lower() for s in source), frozenset(source_countries),
                  frozenset(t.lower() for t in target), frozenset(), code, at[0], at[1], "")


def test_a_full_match_needs_date_source_and_type() -> None:
    gold = R("2022-03-23", source=("Vladimir Putin",))
    assert ev.full(gold, R("2022-03-23", source=("Vladimir Putin", "Naftali Bennett")))
    assert not ev.full(gold, R("2022-03-22", source=("Vladimir Putin",)))  # another day
    assert not ev.full(gold, R("2022-03-23", source=("Vladimir Putin",), code="01"))  # another type
    assert not ev.full(gold, R("2022-03-23", source=("Naftali Bennett",)))  # another source


def test_a_source_named_by_its_country_matches_a_body_of_that_country() -> None:
    gold = R(None, source=("Russia",), source_countries=("RUS",))
    assert ev.same_source(gold, R(None, source=("Russian Foreign Ministry",), source_countries=("RUS",)))
    assert not ev.same_source(gold, R(None, source=("Ukraine",), source_countries=("UKR",)))


def test_the_gold_end_date_must_match_when_given() -> None:
    week = R("2022-01-10", "2022-01-16")
    assert ev.same_date(week, R("2022-01-10", "2022-01-16"))
    assert not ev.same_date(week, R("2022-01-10", "2022-01-10"))
    assert ev.same_date(R("2022-01-10"), R("2022-01-10", "2022-01-16"))


def test_matching_is_one_to_one_and_maximal() -> None:
    # one system row could serve either gold row, the other only the first: the maximum matches both
    gold = [R("2022-02-21", source=("Vladimir Putin", "Emmanuel Macron")), R("2022-02-21", source=("Olaf Scholz",))]
    system = [R("2022-02-21", source=("Emmanuel Macron", "Olaf Scholz")), R("2022-02-21", source=("Emmanuel Macron",))]
    assert ev.match(gold, system, ev.full) == [(0, 1), (1, 0)]
    assert len(ev.match(gold, [R("2022-02-21", source=("Emmanuel Macron", "Olaf Scholz"))], ev.full)) == 1


def test_rows_told_by_the_same_passage_pair_up_same_type_first() -> None:
    gold = [R(None, code="01", at=(0, 50))]
    system = [R(None, code="10", at=(10, 40)), R(None, code="01", at=(0, 30))]
    assert ev.by_evidence(gold, system) == [(0, 1)]


def test_precision_recall_f1() -> None:
    assert ev.prf(2, 4, 2) == (1.0, 0.5, pytest.approx(2 / 3))
    assert ev.prf(0, 3, 5) == (0.0, 0.0, 0.0)
    assert ev.prf(0, 0, 0) == (1.0, 1.0, 1.0)


def test_the_halves_are_fixed_and_both_used() -> None:
    stems = [p.stem for p in GOLD.rglob("*.jsonl")]
    halves = {ev.half(s) for s in stems}
    assert halves == {"tune", "check"} and [ev.half(s) for s in stems] == [ev.half(s) for s in stems]


ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILES = sorted(GOLD.rglob("*.jsonl"))


def test_there_are_250_gold_events_from_40_articles_of_four_kinds() -> None:
    kinds = {json.loads(p.read_text(encoding="utf-8").splitlines()[0])["kind"] for p in FILES}
    events = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in FILES)
    assert len(FILES) >= 40 and events >= 250 and kinds == {"kremlin", "t17", "wikinews", "seed"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_gold_file_parses_and_quotes_its_article(path: Path) -> None:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header, rows = lines[0], lines[1:]
    text = (path.parent / header["file"]).read_text(encoding="utf-8")
    assert ISO.match(header["published"]) and rows
    for row in rows:
        assert row["evidence"] in text
        assert re.fullmatch(r"\d\d", row["event_type"]) and row["source"]
        for key in ("date_start", "date_end"):
            assert row[key] is None or ISO.match(row[key])
        if row["date_start"] and row["date_end"]:
            assert row["date_start"] <= row["date_end"]
