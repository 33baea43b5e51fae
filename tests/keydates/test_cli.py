"""`timeline key-dates`: days, `--why` with evidence and sentences, notes on bad input, failures."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from timeline.keydates import add_commands

D = date.fromisoformat


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


def test_cli_why_adds_score_evidence_and_what_happened(capsys: pytest.CaptureFixture[str], batch: Path) -> None:
    _, lines, _ = run(capsys, "key-dates", str(batch), "--top", "1", "--why")
    day, score, why = lines[0].split("\t")
    assert day == "2011-01-25" and float(score) and "articles name it" in why
    said = [line.strip().rsplit(" [", 1)[0] for line in lines[1:]]
    assert len(said) == 2 and all(line.startswith("    ") and line.endswith("]") for line in lines[1:])
    assert all(any(sentence in row[2] for row in ROWS) for sentence in said)
    # two ways of saying that protests began on the 25th are one sentence too many
    assert not {"On January 25 , protests began .", "Protests began on January 25 ."} <= set(said)


@pytest.mark.parametrize(("rows", "lines", "note"), [
    ([("a", "2011-01-25", "Protesters marched in Cairo . \nPolice fired tear gas .")], 2,
     "note: one article"),
    ([("a", "2011-01-25", "Protesters marched in Cairo ."), ("b", "2011-01-25", "Police fired tear gas .")], 2,
     "note: no article names a day"),
    ([("a", "2011-01-25", "Protesters marched on Monday ."), ("b", "2011-01-25", "Police fired on Sunday .")], 3,
     "note: every article came out on 2011-01-25"),
], ids=["one article", "no dated mentions", "every article on one day"])
def test_cli_notes_bad_input_and_lists_what_exists(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  rows: list[tuple[str, str, str]], lines: int, note: str) -> None:
    path = tmp_path / "few.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in rows))
    code, out, err = run(capsys, "key-dates", str(path), "--top", "50")
    assert code == 0 and note in err and len(out) == lines and f"only {lines} candidate day(s)" in err


def test_cli_no_day_at_all_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Protesters marched in Cairo.\n\nPolice fired tear gas.\n")
    code, out, err = run(capsys, "key-dates", str(tmp_path / "a.txt"))
    assert (code, out) == (0, []) and "note: no key dates: the 1 article(s) name no day and have no publication" in err


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
