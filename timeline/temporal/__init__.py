"""Temporal tagging: extract candidates (rules as data), then resolve them against an anchor.

Pure: knows nothing of events, stores or screens.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields as _fields
from dataclasses import replace
from operator import attrgetter
from datetime import date

from timeline.model import TimeExpression
from timeline.temporal.context import CONTEXT_KINDS, reporting_context, reports_figures
from timeline.temporal.extract import Candidate, extract
from timeline.temporal.resolve import anchor_duration, resolve
from timeline.temporal.special import clock_days, is_dayless_clock
from timeline.temporal.story import Story, in_story, told_in_story
from timeline.temporal.tense import UNKNOWN, tense_at

__all__ = ["Candidate", "anchor_duration", "extract", "parse_date", "quote_of", "resolve", "tag", "tense_at"]

_FORWARD = frozenset({"next", "coming", "this coming"})  # "the next spring": counted from the story's last day
_PREPOSITION = re.compile(r"\b(on|in|since|by|until|till|from|during|before|after|at|of|for|within|over)\s+$", re.I)


_QUOTE_BACK = 12  # characters before an expression where quote_of looks for its preposition


def quote_of(text: str, start: int, end: int) -> str:
    """The expression as a reason quotes it: with the preposition before it ("on Monday")."""
    before = _PREPOSITION.search(text, max(0, start - _QUOTE_BACK), start)
    return text[before.start() : end] if before else text[start:end]


# Kinds whose resolution never reads the tense, and kinds that need it only when no year is given
# (``resolve``'s handlers): reading the tense is the costly part of tagging, so it is read only
# where it can change the value.
_MEMO = 4096  # resolutions remembered per text
_TENSELESS = frozenset({"year", "decade", "relday", "relunit", "duration", "ref", "set", "century", "anaphor"})
_TENSELESS_WITH_YEAR = frozenset({"date", "month", "season", "quarter", "the_unit"})


def _needs_tense(candidate: Candidate, anchor: date | None) -> bool:
    if anchor is None and candidate.kind != "anaphor" or candidate.kind in _TENSELESS:
        return False
    return not (candidate.kind in _TENSELESS_WITH_YEAR and candidate.get("year"))


_NAMES = tuple(f.name for f in _fields(TimeExpression))
_VALUES = attrgetter(*_NAMES)
_START, _END = _NAMES.index("start"), _NAMES.index("end")


def _moved(expr: TimeExpression, start: int, end: int) -> TimeExpression:
    """``expr`` at other offsets (``dataclasses.replace``, without its cost: a list repeats a date
    thousands of times)."""
    values = list(_VALUES(expr))
    values[_START], values[_END] = start, end
    return TimeExpression(*values)


def tag(text: str, anchor: date | None, article_id: str = "", start: int = 0, end: int | None = None,
        kind: str = "news") -> list[TimeExpression]:
    """Tag the temporal expressions of ``text[start:end]``; offsets index the whole ``text``.

    ``kind`` is "news" (an expression without a year is of now unless its paragraph narrates
    another year) or "narrative" (a history: it is of the story's last date), see ``story.py``.

    >>> [(t.text, t.value) for t in tag("Trump unveiled it on Monday.", date(2025, 7, 18))]
    [('Monday', '2025-07-14')]
    """
    end = len(text) if end is None else end
    with _without_cyclic_gc():
        return _tag(text, anchor, article_id, start, end, kind)


_PART_OF = re.compile(r"the\s+\w+\s+of\s+", re.I)


def _the_day_only(c: Candidate) -> Candidate:
    """"the night of October 23" as news writes it in TimeML: the day alone is the expression (a
    history keeps the part of the day: 1775-04-18TNI).

    >>> [(t.text, t.value) for t in tag("He was shot on the night of October 23.", date(1998, 10, 26))]
    [('October 23', '1998-10-23')]
    """
    cut = _PART_OF.match(c.text)
    if cut is None:
        return c
    return replace(c, start=c.start + cut.end(), text=c.text[cut.end():],
                   fields=tuple(f for f in c.fields if f[0] != "tod"))


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Tagging makes hundreds of thousands of small acyclic objects on a dense text (a table of
    dates): the cyclic collector would scan them again and again (a third of the time at 1 MB).
    Nothing here makes cycles, so it is paused for the call and resumed as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tag(text: str, anchor: date | None, article_id: str, start: int, end: int, kind: str) -> list[TimeExpression]:
    found: list[TimeExpression] = []
    story = Story(text, anchor, kind)
    dayless: set[int] = set()
    last: TimeExpression | None = None  # the last date the text gave: what "that year" counts from
    memo: dict[tuple[object, ...], TimeExpression | None] = {}
    for candidate in extract(text[start:end]):
        if kind == "news" and candidate.kind == "date" and candidate.get("tod"):
            candidate = _the_day_only(candidate)
        s, e = candidate.start + start, candidate.end + start
        fields, base = candidate.fields, anchor
        if candidate.kind in CONTEXT_KINDS and (candidate.kind != "ago" or reports_figures(text, s, e)):
            context = reporting_context(text, s, e)
            fields += (("context", context),) if context else ()
        elif candidate.kind == "anaphor":
            base = date.fromisoformat(last.begin) if last and last.begin else None
            fields += (("refprec", last.precision),) if last else ()
            fields += (("history", ""),) if kind == "narrative" else ()
        tense = tense_at(text, s, e) if _needs_tense(candidate, base) or story.may_frame(candidate) else UNKNOWN
        frame = story.frame_for(candidate, s, e, tense)
        if frame is not None:
            candidate = in_story(replace(candidate, start=s, end=e), frame, text)
            candidate = replace(candidate, start=s - start, end=e - start)
            kept = tuple(f for f in fields if f[0] == "context")  # the report's period ("a year earlier": Q3)
            fields, base = candidate.fields + kept, frame.last if candidate.get("rel") in _FORWARD else frame.day
        # resolve is pure and reads the offsets only to copy them: the same candidate resolved the
        # same way again (lists, tables, repeated dates) is copied with its own offsets. The
        # characters before it stand for its quote (quote_of reads no further back).
        key = (candidate.rule, candidate.text, fields, base, tense, text[max(0, s - _QUOTE_BACK - 1) : s],
               frame and (frame.expr.text, frame.day))
        if key in memo:
            known = memo[key]
            expr = None if known is None else _moved(known, s, e)
        else:
            shifted = Candidate(candidate.rule, candidate.kind, candidate.type, s, e, candidate.text, fields)
            expr = resolve(shifted, base, tense, article_id, quote_of(text, s, e))
            if expr is not None and frame is not None:
                expr = told_in_story(expr, candidate, frame, quote_of(text, s, e))
            if len(memo) < _MEMO:
                memo[key] = expr
        if expr is not None:
            story.note(candidate, expr, frame is not None)
            dayless |= {len(found)} if is_dayless_clock(candidate) and expr.resolved else set()
            last = expr if expr.resolved and expr.begin and expr.type in ("DATE", "TIME") else last
            found.append(expr)
    return clock_days(text, found, dayless) if dayless else found


def parse_date(value: str) -> date | None:
    """A calendar date written out in full ("July 18, 2025", "2025-07-18"), or None.

    >>> parse_date("Posted on July 18, 2025")
    datetime.date(2025, 7, 18)
    """
    for expr in tag(value, None):
        if expr.resolved and expr.precision == "day" and expr.begin:
            return date.fromisoformat(expr.begin)
    return None
