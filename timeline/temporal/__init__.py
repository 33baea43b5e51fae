"""Temporal tagging: extract candidates (rules as data), then resolve them against an anchor.

Pure: knows nothing of events, stores or screens.
"""

from __future__ import annotations

import re
from datetime import date

from timeline.model import TimeExpression
from timeline.temporal.context import CONTEXT_KINDS, reporting_context, reports_figures
from timeline.temporal.extract import Candidate, extract
from timeline.temporal.resolve import anchor_duration, resolve
from timeline.temporal.special import clock_days, is_dayless_clock
from timeline.temporal.tense import tense_at

__all__ = ["Candidate", "anchor_duration", "extract", "parse_date", "quote_of", "resolve", "tag", "tense_at"]

_PREPOSITION = re.compile(r"\b(on|in|since|by|until|till|from|during|before|after|at|of|for|within|over)\s+$", re.I)


def quote_of(text: str, start: int, end: int) -> str:
    """The expression as a reason quotes it: with the preposition before it ("on Monday")."""
    before = _PREPOSITION.search(text, max(0, start - 12), start)
    return text[before.start() : end] if before else text[start:end]


def tag(text: str, anchor: date | None, article_id: str = "", start: int = 0, end: int | None = None) -> list[TimeExpression]:
    """Tag the temporal expressions of ``text[start:end]``; offsets index the whole ``text``.

    >>> [(t.text, t.value) for t in tag("Trump unveiled it on Monday.", date(2025, 7, 18))]
    [('Monday', '2025-07-14')]
    """
    end = len(text) if end is None else end
    found: list[TimeExpression] = []
    dayless: set[int] = set()
    last: TimeExpression | None = None  # the last date the text gave: what "that year" counts from
    for candidate in extract(text[start:end]):
        s, e = candidate.start + start, candidate.end + start
        fields, base = candidate.fields, anchor
        if candidate.kind in CONTEXT_KINDS and (candidate.kind != "ago" or reports_figures(text, s, e)):
            context = reporting_context(text, s, e)
            fields += (("context", context),) if context else ()
        elif candidate.kind == "anaphor":
            base = date.fromisoformat(last.begin) if last and last.begin else None
            fields += (("refprec", last.precision),) if last else ()
        shifted = Candidate(candidate.rule, candidate.kind, candidate.type, s, e, candidate.text, fields)
        expr = resolve(shifted, base, tense_at(text, s, e), article_id, quote_of(text, s, e))
        if expr is not None:
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
