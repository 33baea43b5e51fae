"""How benchmarks/eval_tempeval.py maps HeidelTime's TimeML output back onto the input text (no Java needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))  # eval_tempeval imports bench_heideltime from its folder

import eval_tempeval  # noqa: E402  (after the path insertion)

HEAD = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
TAIL = "\n</TimeML>\n"
TEXT = "\nAT&amp;T said on Monday that A > B met in 1998.\n"


def spans(output: str, text: str = TEXT) -> list[tuple[int, int, str, str, str, str | None]]:
    return [(t.start, t.end, t.text, t.type, t.value, t.mod)
            for t in eval_tempeval.align_heideltime(output, text, "doc.tml")]


EXPECTED = [(18, 24, "Monday", "DATE", "1998-01-05", None), (43, 47, "1998", "DATE", "1998", "START")]


def test_output_as_heideltime_writes_it_entities_left_as_they_came() -> None:
    body = ('\nAT&amp;T said on <TIMEX3 tid="t2" type="DATE" value="1998-01-05">Monday</TIMEX3> that A > B met in '
            '<TIMEX3 tid="t1" type="DATE" value="1998" mod="START">1998</TIMEX3>.\n')
    assert spans(HEAD + body + TAIL) == EXPECTED


def test_output_that_escapes_ampersands_and_brackets() -> None:
    body = ('\nAT&amp;amp;T said on <TIMEX3 tid="t2" type="DATE" value="1998-01-05">Monday</TIMEX3> that A &gt; B '
            'met in <TIMEX3 tid="t1" type="DATE" value="1998" mod="START">1998</TIMEX3>.\n')
    assert spans(HEAD + body + TAIL) == EXPECTED


def test_a_bare_ampersand_and_no_timexes() -> None:
    assert spans(HEAD + "A & B\n" + TAIL, "A & B\n") == []
    assert spans(HEAD + "A &amp; B\n" + TAIL, "A & B\n") == []


def test_output_that_is_not_the_input_stops_naming_the_file() -> None:
    with pytest.raises(SystemExit, match="doc.tml: HeidelTime's output, TIMEX3 tags stripped, is not the input"):
        spans(HEAD + "AT&T said so." + TAIL, "AT&T said that.")
    with pytest.raises(SystemExit, match="doc.tml: HeidelTime's output is not wrapped"):
        spans("AT&T said so.", "AT&T said so.")
    with pytest.raises(SystemExit, match="doc.tml: unbalanced or nested TIMEX3"):
        spans(HEAD + '<TIMEX3 tid="t1"><TIMEX3 tid="t2">May</TIMEX3></TIMEX3>' + TAIL, "May")
