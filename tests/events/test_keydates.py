"""Key dates: date F1, the PUBCOUNT and MENTIONS baselines, the fused ranking and `key-dates`."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import load
from timeline.keydates import (Digest, add_commands, date_f1, digest, key_dates, mention_count, pubcount,
                               rank_by_count, read_timeline, signals)

T17 = Path(__file__).resolve().parents[3] / "shared" / "data" / "t17"
D = date.fromisoformat
needs_t17 = pytest.mark.skipif(not T17.exists(), reason=f"{T17} is not there (../shared/data/t17)")


def days(*values: str) -> list[date]:
    return [D(v) for v in values]


@pytest.mark.parametrize(("predicted", "gold", "expected"), [
    (["2011-01-25", "2011-01-28"], ["2011-01-25", "2011-01-28"], 1.0),
    (["2011-01-25"], ["2011-01-26"], 0.0),
    ([], ["2011-01-26"], 0.0),
    (["2011-01-01", "2011-01-02"], ["2011-01-02", "2011-01-03", "2011-01-04"], 0.4),  # P 1/2, R 1/3
    (["2011-01-01", "2011-01-02", "2011-01-03", "2011-01-04"], ["2011-01-01", "2011-01-02"], 2 / 3),  # P 1/2, R 1
    (["2011-01-02", "2011-01-02"], ["2011-01-02"], 1.0),  # a set: a day picked twice is one day
], ids=["same", "disjoint", "nothing picked", "half and a third", "all of the gold among others", "repeat"])
def test_date_f1(predicted: list[str], gold: list[str], expected: float) -> None:
    assert date_f1(days(*predicted), days(*gold)) == pytest.approx(expected)


# Four articles: two published 2011-01-26, one 01-28, one 01-29; the days they name.
SYNTHETIC = [
    Digest("a", D("2011-01-26"), days=days("2011-01-25", "2011-01-25")),
    Digest("b", D("2011-01-26"), days=days("2011-01-25", "2011-01-28")),
    Digest("c", D("2011-01-28"), days=days("2011-01-28", "2011-01-25", "2011-01-25")),
    Digest("d", D("2011-01-29"), days=days("2011-01-20")),
]


@pytest.mark.parametrize(("ranker", "top", "between", "expected"), [
    (pubcount, 3, None, ["2011-01-26", "2011-01-28", "2011-01-29"]),  # 2, 1, 1: ties -> earlier day
    (pubcount, 1, ("2011-01-27", "2011-01-31"), ["2011-01-28"]),
    (pubcount, 9, None, ["2011-01-26", "2011-01-28", "2011-01-29"]),  # only days with articles
    (mention_count, 3, None, ["2011-01-25", "2011-01-28", "2011-01-20"]),  # 5, 2, 1
    (mention_count, 2, ("2011-01-21", "2011-01-31"), ["2011-01-25", "2011-01-28"]),
], ids=["pubcount", "pubcount between", "pubcount top above days", "mentions", "mentions between"])
def test_baselines_on_synthetic_digests(ranker, top: int, between: tuple[str, str] | None,
                                        expected: list[str]) -> None:
    window = (D(between[0]), D(between[1])) if between else None
    assert ranker(SYNTHETIC, top, window) == days(*expected)


def test_rank_by_count_breaks_ties_by_the_earlier_day() -> None:
    counts = {D("2011-02-03"): 2, D("2011-02-01"): 2, D("2011-02-02"): 2}
    assert rank_by_count(counts, 3) == days("2011-02-01", "2011-02-02", "2011-02-03")


def test_a_later_reference_counts_twice() -> None:
    refs = signals(SYNTHETIC)["references"]
    # 01-25: named by a and b (published the day after: 2 each) and by c (later: 2)
    # 01-28: named by b (before it: 1) and by c (the same day: 1)
    assert refs[D("2011-01-25")] == 6.0 and refs[D("2011-01-28")] == 2.0


def test_events_count_their_type_weight_and_distinct_actors() -> None:
    found = signals([Digest("a", D("2011-01-26"), events=((D("2011-01-25"), 2.0, ("Army",)),
                                                          (D("2011-01-25"), 1.0, ("Army", "Mubarak"))))])
    assert found["events"] == {D("2011-01-25"): 5.0}  # 2 + 1, and two actors


def test_key_dates_prefers_the_day_looked_back_at() -> None:
    ranked = key_dates(SYNTHETIC, top=2)
    assert [day for day, _, _ in ranked][0] == D("2011-01-25")
    assert ranked[0][2].startswith("3 articles name it (3 later); 5 day mentions")
    assert ranked[0][1] > ranked[1][1]


@pytest.mark.parametrize(("top", "between"), [(1, None), (3, ("2011-01-25", "2011-01-28")), (50, None),
                                              (50, ("2011-01-26", "2011-01-27")), (5, ("2012-01-01", "2012-12-31"))])
def test_key_dates_keeps_within_between_and_top(top: int, between: tuple[str, str] | None) -> None:
    window = (D(between[0]), D(between[1])) if between else None
    ranked = key_dates(SYNTHETIC, top, window)
    picked = [day for day, _, _ in ranked]
    assert len(picked) == len(set(picked)) <= top
    assert all(window[0] <= d <= window[1] for d in picked) if window else picked
    assert [s for _, s, _ in ranked] == sorted((s for _, s, _ in ranked), reverse=True)


def test_read_timeline(tmp_path: Path) -> None:
    text = "2011-01-25\nProtests begin .\n" + "-" * 32 + "\n2011-01-28\nA day of rage .\n2011 was long .\n" \
           + "-" * 32 + "\n2011-01-25\nMore on the first day .\n"
    (tmp_path / "tl.txt").write_text(text)
    assert read_timeline(tmp_path / "tl.txt") == days("2011-01-25", "2011-01-28")


@needs_t17
def test_read_timeline_of_egypt() -> None:
    gold = read_timeline(T17 / "egypt" / "timelines" / "tl8.txt")
    assert (len(gold), gold[0], gold[-1]) == (20, D("2011-01-25"), D("2011-02-13"))


@needs_t17
def test_digest_of_a_timeline17_article() -> None:
    """The first Egypt article (CNN Student News, 2011-01-25): "last night" is the State of the Union."""
    article = next(item.article for item in load([T17 / "egypt" / "articles.jsonl"]) if item.article)
    found = digest(article)
    assert found.published == D("2011-01-25") and {D("2011-01-24"), D("2011-01-25")} <= set(found.days)


@needs_t17
def test_the_first_days_of_the_egypt_uprising_come_first() -> None:
    """Articles of 25-27 January 2011: the protests of the 25th and 26th (both gold days) lead."""
    articles = [i.article for i in load([T17 / "egypt" / "articles.jsonl"])
                if i.article and i.article.published and i.article.published <= D("2011-01-27")]
    ranked = key_dates(articles, top=2, between=(D("2011-01-20"), D("2011-01-31")))
    assert {day for day, _, _ in ranked} == {D("2011-01-25"), D("2011-01-26")}


# `key-dates` on a small Timeline17-style batch (tokenized text, `id, published, text`).
ROWS = [
    ("t-1", "2011-01-25", "Thousands of protesters marched in Cairo today . \nPolice fired tear gas ."),
    ("t-2", "2011-01-26", "Protesters clashed with police in Cairo on Tuesday . \nThe government said on "
                          "Wednesday it would not resign ."),
    ("t-3", "2011-01-28", "The army moved into Cairo on Friday . \nOn January 25 , protests began ."),
    ("t-4", "2011-02-01", "Mubarak said on Tuesday he would not run again . \nProtests began on January 25 ."),
    ("t-5", "2011-02-11", "Mubarak resigned today . \nThe uprising began on January 25 , 2011 ."),
]


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in ROWS))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    top = argparse.ArgumentParser(prog="timeline")
    add_commands(top.add_subparsers(dest="command", required=True))
    args = top.parse_args(argv)
    code = args.run(args)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.mark.parametrize(("top", "between", "expected"), [
    (3, ("2011-01-25", "2011-02-28"), 3),
    (2, ("2011-01-26", "2011-01-31"), 2),
    (50, ("2011-01-25", "2011-02-28"), None),  # more than there are: all of them, no more
    (4, ("2011-03-01", "2011-03-31"), 0),  # nothing in the window
])
def test_cli_prints_top_days_within_between(capsys: pytest.CaptureFixture[str], batch: Path, top: int,
                                            between: tuple[str, str], expected: int | None) -> None:
    code, lines, err = run(capsys, "key-dates", str(batch), "--top", str(top), "--between", *between)
    assert code == 0, err
    picked = [D(line) for line in lines]  # every line is a YYYY-MM-DD day
    assert all(line == d.isoformat() for line, d in zip(lines, picked))
    assert all(D(between[0]) <= d <= D(between[1]) for d in picked) and len(set(picked)) == len(picked)
    if expected is None:
        assert 3 < len(picked) < top
    else:
        assert len(picked) == expected


def test_cli_ranks_the_day_everyone_looks_back_at_first(capsys: pytest.CaptureFixture[str], batch: Path) -> None:
    code, lines, _ = run(capsys, "key-dates", str(batch), "--top", "1")
    assert (code, lines) == (0, ["2011-01-25"])


def test_cli_why_adds_score_and_evidence(capsys: pytest.CaptureFixture[str], batch: Path) -> None:
    _, lines, _ = run(capsys, "key-dates", str(batch), "--top", "1", "--why")
    day, score, why = lines[0].split("\t")
    assert day == "2011-01-25" and float(score) > 0 and "articles name it" in why


@pytest.mark.parametrize("name", ["missing.jsonl", "no/such/folder/articles.txt"])
def test_cli_reports_a_bad_path_by_name(capsys: pytest.CaptureFixture[str], tmp_path: Path, batch: Path,
                                        name: str) -> None:
    bad = tmp_path / name
    code, lines, err = run(capsys, "key-dates", str(bad), str(batch), "--top", "2")
    assert code == 1
    assert str(bad) in err and err.startswith("failed: ")
    assert len(lines) == 2  # the good input still counts


def test_cli_reports_a_bad_line_of_a_batch(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "x", "published": "2011-13-45", "text": "Protests on Friday ."}\n')
    code, lines, err = run(capsys, "key-dates", str(path))
    assert (code, lines) == (1, []) and "broken.jsonl:1" in err


def test_cli_start_after_end_is_a_usage_error(capsys: pytest.CaptureFixture[str], batch: Path) -> None:
    code, lines, err = run(capsys, "key-dates", str(batch), "--between", "2011-02-01", "2011-01-01")
    assert (code, lines) == (2, []) and "start is after the end" in err


@pytest.mark.parametrize("argv", [["--top", "0"], ["--top", "x"], ["--between", "2011-01-01", "soon"]])
def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str], batch: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "key-dates", str(batch), *argv)
    assert exit_.value.code == 2
