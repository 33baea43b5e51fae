"""The scoring of benchmarks/eval_events.py on tiny hand-made examples, and the gold files' shape."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "golden" / "kremlin"


def _load():
    spec = importlib.util.spec_from_file_location("eval_events", ROOT / "benchmarks" / "eval_events.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_events"] = module  # dataclasses look their module up while building the class
    spec.loader.exec_module(module)
    return module


ev = _load()


def E(start, end=None, actors=("Vladimir Putin",), code="04"):  # noqa: N802 - a constructor
    return ev.Ev(start, end if end else start, frozenset(a.lower() for a in actors), code)


def test_type_code_takes_the_root_code() -> None:
    assert ev.type_code("04 Consult") == "04"
    assert ev.type_code("00 Change of office") == "00"
    assert ev.type_code("-- Unclassified") == "--"
    assert ev.type_code(None) == "--"


def test_a_match_needs_date_type_and_a_shared_actor() -> None:
    gold = E("2022-03-23", actors=("Vladimir Putin", "Naftali Bennett"))
    assert ev.compatible(gold, E("2022-03-23", actors=("Naftali Bennett",)))
    assert not ev.compatible(gold, E("2022-03-22", actors=("Naftali Bennett",)))  # another day
    assert not ev.compatible(gold, E("2022-03-23", code="01"))  # another type
    assert not ev.compatible(gold, E("2022-03-23", actors=("Russia",)))  # no shared actor
    assert ev.compatible(gold, E("2022-03-23", actors=("Russia",)), "date+type")
    assert ev.compatible(gold, E("2022-03-23", actors=("Russia",), code="01"), "date")


def test_the_gold_end_date_must_match_when_given() -> None:
    week = E("2022-01-10", "2022-01-16")
    assert ev.compatible(week, E("2022-01-10", "2022-01-16"))
    assert not ev.compatible(week, E("2022-01-10"))
    open_end = ev.Ev("2022-01-10", None, frozenset({"vladimir putin"}), "04")
    assert ev.compatible(open_end, E("2022-01-10", "2022-01-16"))


def test_undated_matches_only_undated() -> None:
    assert ev.compatible(E(None), ev.Ev(None, None, frozenset({"vladimir putin"}), "04"))
    assert not ev.compatible(E(None), E("2022-01-10"))


def test_matching_is_one_to_one_and_maximal() -> None:
    # two gold calls on one day; one system event could serve either, the other only the first:
    # a greedy pass taking the first pair would leave one unmatched, the maximum matches both
    gold = [E("2022-02-21", actors=("Vladimir Putin", "Emmanuel Macron")), E("2022-02-21", actors=("Olaf Scholz",))]
    system = [E("2022-02-21", actors=("Emmanuel Macron", "Olaf Scholz")), E("2022-02-21", actors=("Emmanuel Macron",))]
    assert ev.match(gold, system) == [(0, 1), (1, 0)]
    # one system event never counts twice
    assert len(ev.match(gold, [E("2022-02-21", actors=("Emmanuel Macron", "Olaf Scholz"))])) == 1


def test_precision_recall_f1() -> None:
    assert ev.prf(2, 4, 2) == (1.0, 0.5, pytest.approx(2 / 3))
    assert ev.prf(0, 3, 5) == (0.0, 0.0, 0.0)
    assert ev.prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert ev.prf(0, 0, 2) == (0.0, 0.0, 0.0)  # an empty side scores 1 only against an empty side


ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILES = sorted(GOLD.glob("*.jsonl"))


def test_there_are_gold_files_for_the_seed_and_ten_releases() -> None:
    assert (GOLD / "seed.jsonl") in FILES
    assert len(FILES) >= 11


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_gold_file_parses_and_has_a_header(path: Path) -> None:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header, rows = ev.read_gold(path)
    assert header == lines[0]
    assert "url" in header and ISO.match(header["published"])
    assert header["url"] or (ROOT / header["path"]).is_file()
    assert rows
    for row in rows:
        assert {"date_start", "date_end", "actors", "event_type", "evidence"} <= row.keys()
        assert re.fullmatch(r"\d\d", row["event_type"])
        assert row["actors"] and all(isinstance(a, str) and a for a in row["actors"])
        for key in ("date_start", "date_end"):
            assert row[key] is None or ISO.match(row[key])
        if row["date_start"] and row["date_end"]:
            assert row["date_start"] <= row["date_end"]
