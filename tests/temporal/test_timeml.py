"""TimeML in and out (timeline/timeml.py): reading, round trips, the TempEval-3 Task A scorer, the CLI."""

from __future__ import annotations

import argparse
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from timeline import timeml
from timeline.errors import MalformedTimeML
from timeline.timeml import Timex

DATA = Path("/work/shared/data/tempeval3-train")
FILES = sorted(DATA.rglob("*.tml")) if DATA.is_dir() else []
needs_data = pytest.mark.skipif(not FILES, reason="TempEval-3 training data not present")
SAMPLE = [DATA / name for name in (
    "TimeBank/ABC19980108.1830.0711.tml",  # the first TimeBank file
    "TimeBank/WSJ910225-0066.tml",  # the largest
    "AQUAINT/APW19980811.0474.tml",  # CRLF line endings
    "AQUAINT/APW19981205.0374.tml",  # DCT value with a time: 1998-12-05T09:42
    "AQUAINT/NYT20000601.0442.tml",  # &amp; in the TEXT
    "AQUAINT/APW19980810.0907.tml",  # the smallest
)]


def strip(raw: str) -> bytes:
    return re.sub(r"<[^>]*>", "", raw).encode("utf-8")


def tml(body: str, dct: str = '<TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
        'functionInDocument="CREATION_TIME">19980108</TIMEX3>') -> str:
    """A small TimeML document: ``dct`` goes in <DCT>, ``body`` in <TEXT>."""
    return f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>X</DOCID>\n<DCT>{dct}</DCT>\n<TEXT>{body}</TEXT>\n</TimeML>\n'


def timex(tid: str, text: str, type_: str = "DATE", value: str = "1998-01-09") -> str:
    return f'<TIMEX3 tid="{tid}" type="{type_}" value="{value}">{text}</TIMEX3>'


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (folder / name).write_text(raw, encoding="utf-8")
    return folder


# --- reading ---------------------------------------------------------------------------------

@needs_data
def test_corpus_has_256_documents_and_1822_timexes_besides_the_dcts() -> None:
    docs = [timeml.read_timeml(p) for p in FILES]
    assert len(docs) == 256
    assert sum(len(d.timexes) for d in docs) == 1822


def test_read_keeps_offsets_into_plain_and_raw_text() -> None:
    raw = tml(f'Talks <EVENT eid="e1">resume</EVENT> {timex("t1", "tomorrow")} &amp; then.')
    doc = timeml.parse_timeml(raw, "x.tml")
    (t,) = doc.timexes
    assert (t.tid, t.type, t.value, t.mod) == ("t1", "DATE", "1998-01-09", None)
    assert doc.text[t.start : t.end] == "tomorrow"
    start, end = doc.raw_span(t.start, t.end)
    assert raw[start:end] == "tomorrow"
    assert doc.text[slice(*doc.body)] == "Talks resume tomorrow &amp; then."
    assert doc.dct == date(1998, 1, 8)


@pytest.mark.parametrize(("value", "expected"), [("1998-12-05T09:42", date(1998, 12, 5)),
                                                   ("2000-01-24", date(2000, 1, 24))])
def test_dct_is_the_date_part_of_its_value(value: str, expected: date) -> None:
    dct = f'<TIMEX3 tid="t0" type="TIME" value="{value}" functionInDocument="CREATION_TIME">x</TIMEX3>'
    assert timeml.parse_timeml(tml("Text.", dct)).dct == expected


MALFORMED = [
    ("no_dct", tml("Text.", dct=""), "no DCT"),
    ("dct_not_creation_time", tml("Text.", dct='<TIMEX3 tid="t0" type="DATE" value="1998-01-08">x</TIMEX3>'),
     "no DCT"),
    ("broken_xml", tml("Talks <EVENT>resume.</TEXT>"), "not well-formed"),
    ("bad_dct_value", tml("Text.", dct='<TIMEX3 tid="t0" type="DATE" value="XXXX-XX-XX" '
                                       'functionInDocument="CREATION_TIME">x</TIMEX3>'), "not a date"),
    ("impossible_dct", tml("Text.", dct='<TIMEX3 tid="t0" type="DATE" value="1998-02-30" '
                                        'functionInDocument="CREATION_TIME">x</TIMEX3>'), "not a date"),
    ("no_text", '<TimeML><DCT><TIMEX3 tid="t0" value="1998-01-08" functionInDocument="CREATION_TIME">'
                "x</TIMEX3></DCT></TimeML>", "<TEXT>"),
]


@pytest.mark.parametrize(("name", "raw", "reason"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_raises_with_its_name_and_reason(tmp_path: Path, name: str, raw: str, reason: str) -> None:
    path = write(tmp_path, {f"{name}.tml": raw}) / f"{name}.tml"
    with pytest.raises(MalformedTimeML, match=re.escape(reason)) as info:
        timeml.read_timeml(path)
    assert f"{name}.tml" in str(info.value)


# --- writing ---------------------------------------------------------------------------------

@needs_data
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_round_trip_keeps_the_stripped_text_byte_for_byte(path: Path) -> None:
    doc = timeml.read_timeml(path)
    out = timeml.annotate(doc)
    assert strip(out) == strip(doc.raw)
    assert timeml.parse_timeml(out).text == doc.text


@needs_data
@pytest.mark.parametrize("path", SAMPLE, ids=[p.name for p in SAMPLE])
def test_system_file_keeps_dct_and_structure_and_carries_only_our_timexes(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")
    out = timeml.annotate(timeml.read_timeml(path))
    assert re.search(r"<DCT>.*?</DCT>", raw).group() in out
    assert out.count("\r\n") == raw.count("\r\n")
    assert not re.search(r"<(EVENT|SIGNAL|MAKEINSTANCE|TLINK|SLINK|ALINK)\b", out)
    head, text, tail = re.split(r"<TEXT>|</TEXT>", out)
    assert head.count("<TIMEX3") == 1 and "<TIMEX3" not in tail
    assert re.findall(r'tid="(t\d+)"', text) == [f"t{n}" for n in range(1, text.count("<TIMEX3") + 1)]
    system = timeml.parse_timeml(out)
    assert [t.text for t in system.timexes] == [system.text[t.start : t.end] for t in system.timexes]


@pytest.mark.parametrize(("body", "expected"), [
    ("They met on Monday.", '<TIMEX3 tid="t1" type="DATE" value="1998-01-05">Monday</TIMEX3>'),
    ("Sales rose in early March.", '<TIMEX3 tid="t1" type="DATE" value="1997-03" mod="START">early March</TIMEX3>'),
    (f'It <EVENT eid="e1">fell</EVENT> {timex("t7", "last week")}.',
     '<TIMEX3 tid="t1" type="DATE" value="1998-W01">last week</TIMEX3>'),
], ids=["weekday", "mod", "gold_tags_replaced"])
def test_annotate_writes_our_timex3_tags(body: str, expected: str) -> None:
    assert expected in timeml.annotate(timeml.parse_timeml(tml(body)))


def test_annotate_skips_an_expression_that_would_cross_a_kept_element() -> None:
    doc = timeml.parse_timeml(tml("Prices fell last <b>week</b> and on Monday."))
    out = timeml.annotate(doc)
    assert "last <b>week</b>" in out and ">Monday</TIMEX3>" in out
    assert strip(out) == strip(doc.raw)


def test_annotate_leaves_text_outside_the_text_element_alone() -> None:
    raw = tml("Nothing here.").replace("<DOCID>X</DOCID>", "<TITLE>Talks on Monday</TITLE>")
    assert "<TITLE>Talks on Monday</TITLE>" in timeml.annotate(timeml.parse_timeml(raw))


@pytest.mark.parametrize("kind", ["news", "narrative"])
def test_both_kinds_anchor_on_the_dct(kind: str) -> None:
    out = timeml.annotate(timeml.parse_timeml(tml("They met on Monday.")), kind)
    assert 'value="1998-01-05">Monday<' in out


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        timeml.annotate(timeml.parse_timeml(tml("Text.")), "fiction")


def test_annotate_dir_reports_malformed_files_by_name_and_processes_the_rest(tmp_path: Path) -> None:
    files = {"good.tml": tml("They met on Monday."), "sub/also_good.tml": tml("Nothing.")}
    files.update({f"{name}.tml": raw for name, raw, _ in MALFORMED})
    (tmp_path / "in" / "sub").mkdir(parents=True)
    write(tmp_path / "in", files)
    results = dict(timeml.annotate_dir(tmp_path / "in", tmp_path / "out"))
    assert results[Path("good.tml")] is None and results[Path("sub/also_good.tml")] is None
    for name, _, reason in MALFORMED:
        assert reason in results[Path(f"{name}.tml")] and f"{name}.tml" in results[Path(f"{name}.tml")]
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.tml")) == [
        "good.tml", "sub/also_good.tml"]


# --- scoring ---------------------------------------------------------------------------------

def T(start: int, end: int, type_: str = "DATE", value: str = "v") -> Timex:
    return Timex(start, end, "x" * (end - start), f"t{start}", type_, value)


ALIGN = [  # (gold, system, expected pairs as (gold start, system start), None for a leftover)
    ("identical", [T(0, 5)], [T(0, 5)], [(0, 0)]),
    ("system_inside_gold", [T(0, 14)], [T(7, 14)], [(0, 7)]),
    ("gold_inside_system", [T(7, 14)], [T(0, 14)], [(7, 0)]),
    ("touching_is_no_overlap", [T(0, 5)], [T(5, 9)], [(0, None), (None, 5)]),
    ("two_system_in_one_gold", [T(0, 20)], [T(0, 4), T(10, 14)], [(0, 0), (None, 10)]),
    ("one_system_over_two_gold", [T(0, 4), T(5, 9)], [T(0, 9)], [(0, 0), (5, None)]),
    ("disjoint", [T(0, 4)], [T(10, 14)], [(0, None), (None, 10)]),
]


@pytest.mark.parametrize(("case", "gold", "system", "expected"), ALIGN, ids=[a[0] for a in ALIGN])
def test_align_pairs_overlaps_one_to_one(case: str, gold: list[Timex], system: list[Timex],
                                         expected: list[tuple[int | None, int | None]]) -> None:
    pairs = timeml.align(gold, system)
    assert [(g.start if g else None, s.start if s else None) for g, s in pairs] == expected


def test_align_ignores_blank_timexes() -> None:
    assert timeml.align([Timex(0, 1, " ", "t1", "DATE", "v")], []) == []


SENTENCE = "Sales rose on Sunday morning and fell a year later in 1998."
# (case, gold TEXT, system TEXT, (gold, system, relaxed, strict, value, type) counts,
#  (strict P, strict R, relaxed P, relaxed R, value F1, type F1) in percent)
SCORES = [
    ("exact", f"Sales rose {timex('t1', 'in 1998', value='1998')}.",
     f"Sales rose {timex('t5', 'in 1998', value='1998')}.", (1, 1, 1, 1, 1, 1), (100, 100, 100, 100, 100, 100)),
    ("relaxed_only_with_wrong_type", f"Sales rose on {timex('t1', 'Sunday morning', 'TIME', '1998-01-04TMO')}.",
     f"Sales rose on {timex('t1', 'Sunday', 'DATE', '1998-01-04TMO')} morning.",
     (1, 1, 1, 0, 1, 0), (0, 0, 100, 100, 100, 0)),
    ("wrong_value", f"They met {timex('t1', 'Monday', value='1998-01-05')}.",
     f"They met {timex('t1', 'Monday', value='1998-01-12')}.", (1, 1, 1, 1, 0, 1), (100, 100, 100, 100, 0, 100)),
    ("one_missed_one_spurious", f"{timex('t1', 'Monday')} and now", f"Monday and {timex('t2', 'now')}",
     (1, 1, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0)),
    ("half_found", f"{timex('t1', 'Monday')} and {timex('t2', 'Tuesday')}", f"{timex('t1', 'Monday')} and Tuesday",
     (2, 1, 1, 1, 1, 1), (100, 50, 100, 50, 66.67, 66.67)),
    ("nothing_anywhere", "No dates.", "No dates.", (0, 0, 0, 0, 0, 0), (100, 100, 100, 100, 100, 100)),
]


@pytest.mark.parametrize(("case", "gold", "system", "counts", "figures"), SCORES, ids=[s[0] for s in SCORES])
def test_score_hand_made_folders(tmp_path: Path, case: str, gold: str, system: str,
                                 counts: tuple[int, ...], figures: tuple[float, ...]) -> None:
    write(tmp_path / "gold", {"a.tml": tml(gold)})
    write(tmp_path / "system", {"a.tml": tml(system)})
    s = timeml.score(tmp_path / "gold", tmp_path / "system")
    assert (s.gold, s.system, s.relaxed, s.strict, s.value, s.type) == counts
    got = (s.strict_p, s.strict_r, s.relaxed_p, s.relaxed_r, s.value_f1, s.type_f1)
    assert got == pytest.approx(figures, abs=0.01)


def test_score_pools_counts_over_files_rather_than_averaging(tmp_path: Path) -> None:
    write(tmp_path / "gold", {"a.tml": tml(f"{timex('t1', 'Monday')}"),
                              "b.tml": tml(f"{timex('t1', 'Monday')} {timex('t2', 'Tuesday')} {timex('t3', 'May')}")})
    write(tmp_path / "system", {"a.tml": tml(f"{timex('t1', 'Monday')}"), "b.tml": tml("Monday Tuesday May")})
    s = timeml.score(tmp_path / "gold", tmp_path / "system")
    assert (s.files, s.relaxed_p, s.relaxed_r) == (2, 100.0, 25.0)  # a per-file mean would give 50


@needs_data
def test_gold_against_itself_scores_100() -> None:
    s = timeml.score(DATA, DATA)
    assert (s.files, s.gold) == (256, 1822)
    assert [s.strict_f1, s.relaxed_f1, s.value_f1, s.type_f1] == [100.0] * 4


@pytest.mark.parametrize(("gold_files", "system_files", "named"), [
    (["a.tml", "b.tml"], ["a.tml"], "b.tml"),
    (["a.tml"], ["a.tml", "c.tml"], "c.tml"),
])
def test_score_needs_the_same_files_on_both_sides(tmp_path: Path, gold_files: list[str], system_files: list[str],
                                                  named: str) -> None:
    write(tmp_path / "gold", {name: tml("Monday.") for name in gold_files})
    write(tmp_path / "system", {name: tml("Monday.") for name in system_files})
    with pytest.raises(MalformedTimeML, match=re.escape(named)):
        timeml.score(tmp_path / "gold", tmp_path / "system")


def test_score_refuses_a_system_text_that_differs_from_gold(tmp_path: Path) -> None:
    write(tmp_path / "gold", {"a.tml": tml("They met on Monday.")})
    write(tmp_path / "system", {"a.tml": tml("They met on Tuesday.")})
    with pytest.raises(MalformedTimeML, match="differs"):
        timeml.score(tmp_path / "gold", tmp_path / "system")


# --- command line ----------------------------------------------------------------------------

def run(argv: list[str]) -> int:
    top = argparse.ArgumentParser(prog="timeline")
    timeml.add_commands(top.add_subparsers(dest="command", required=True))
    args = top.parse_args(argv)
    return int(args.run(args))


def test_cli_annotate_reports_failed_files_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in", {"good.tml": tml("They met on Monday."), "no_dct.tml": tml("Text.", dct="")})
    assert run(["timeml", "annotate", str(tmp_path / "in"), str(tmp_path / "out"), "--type", "narrative"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no_dct.tml" in err[0] and "no DCT" in err[0]
    assert (tmp_path / "out" / "good.tml").exists()


def test_cli_annotate_then_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold", {"a.tml": tml(f"They met on {timex('t1', 'Monday', value='1998-01-05')}.")})
    assert run(["timeml", "annotate", str(gold), str(tmp_path / "sys")]) == 0
    capsys.readouterr()
    assert run(["timeml", "score", str(gold), str(tmp_path / "sys")]) == 0
    table = capsys.readouterr().out
    assert re.search(r"strict\s+100\.00\s+100\.00\s+100\.00", table)
    assert re.search(r"value\s+100\.00", table)


@needs_data
def test_annotate_dir_over_a_copy_of_real_files(tmp_path: Path) -> None:
    for path in SAMPLE[:2]:
        shutil.copy(path, tmp_path / path.name)
    results = timeml.annotate_dir(tmp_path, tmp_path / "out")
    assert [error for _, error in results] == [None, None]
    assert timeml.score(tmp_path / "out", tmp_path / "out").files == 2
