"""Resolvers for quarters and the periods of business news: "third-quarter", "the latest quarter",
"the year-earlier period", "the year", "the weekend". Pure: the anchor is always an argument.

Financial reports speak of *the reporting quarter*: the quarter the text's context names ("third
quarter"), else the last one completed before publication. A candidate's ``context`` field (set by
:func:`timeline.temporal.context.reporting_context`) carries what the surrounding text reports on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from timeline.model import TimeExpression
from timeline.temporal.dates import (
    calendar_period, expression, fmt, half_year, interval, mod_of, narrow, quarter, unit_of, unresolved,
)
from timeline.temporal.extract import Candidate, words
from timeline.temporal.tense import FUTURE, PAST

_YEAR_AGO = ("year-earlier", "year-ago", "prior-year", "comparable", "corresponding", "same")
_LATEST = ("latest", "last", "most recent", "recent", "just-ended", "previous")


def ordinal_quarter(q: int, anchor: date, tense: str) -> tuple[int, int]:
    """The year of quarter ``q`` spoken of at ``anchor``: this year's, or last year's when it has
    not begun yet and the text is about the past, or with no tense when last year's ended nearer
    than this year's begins ("fourth-quarter" in February; but "the third quarter" in April: this year's).

    >>> ordinal_quarter(4, date(1990, 2, 9), "unknown"), ordinal_quarter(3, date(2022, 4, 25), "unknown")
    ((1989, 4), (2022, 3))
    """
    year = anchor.year
    begins = date(year, 3 * q - 2, 1)
    if begins > anchor and tense != FUTURE:
        ended = quarter(year - 1, q)[2]
        if tense == PAST or (anchor - ended) < (begins - anchor):
            year -= 1
    return year, q


def reporting_quarter(anchor: date, context: str | None, tense: str) -> tuple[int, int]:
    """The quarter a business text reports on: the one its context names, else the last one
    completed before ``anchor``."""
    if context and context.startswith("Q") and context[1:].isdigit():
        return ordinal_quarter(int(context[1:]), anchor, tense)
    q = (anchor.month - 1) // 3  # the quarter before the anchor's, 0 = last year's fourth
    return (anchor.year, q) if q else (anchor.year - 1, 4)


def _quarter(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    q = int(c.get("qnum") or words()["ordinals"][c.get("ordinal") or "first"])
    if c.get("year"):
        year = int(c.get("year") or 0)
        why = f"the year {year}"
    elif anchor is None:
        return unresolved(c, aid, f"XXXX-Q{q}", quote)
    else:
        rel = c.get("rel") or c.get("relpos")
        offset = {"this": 0, "last": -1, "next": 1}.get(rel or "", 0)
        if rel:
            year = anchor.year + offset
        else:
            year = ordinal_quarter(q, anchor, tense)[0] - (1 if c.get("yago") else 0)
        why = f"publication {fmt(anchor)}"
    value, begin, end, precision = quarter(year, q)
    return interval(c, aid, value, begin, end, precision, f"'{quote}' → {value}, from {why}", anchor=anchor)


def _period(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    """"the quarter", "the latest period", "the year-earlier quarter", "the 1988 period"."""
    if anchor is None:
        return unresolved(c, aid, "XXXX-QX", quote)
    which = c.get("which") or ""
    if which == "current":
        year, q = anchor.year, (anchor.month - 1) // 3 + 1
        why = "the quarter of publication"
    else:
        year, q = reporting_quarter(anchor, c.get("context"), tense)
        why = "the quarter reported on"
        if which in _LATEST and quarter(year, q)[2] >= anchor:  # "the latest quarter": one that has ended
            year, q = reporting_quarter(anchor, None, tense)
            why = "the last quarter ended before publication"
        if c.get("year"):
            year, why = int(c.get("year") or 0), f"{why}, in {c.get('year')}"
        elif which in _YEAR_AGO or c.get("yago"):
            year, why = year - 1, f"{why}, a year earlier"
    value, begin, end, precision = quarter(year, q)
    return interval(c, aid, value, begin, end, precision, f"'{quote}' → {why}: {value}", anchor=anchor)


def _the_unit(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    """"the year" (the year of publication; "the year ended June 30": a year-long DURATION; "the year
    two thousand": 2000),
    "the weekend" (the last one before publication, or the next one in the future tense)."""
    unit = unit_of(c.get("unit"))
    if c.get("year"):  # "the year two thousand"
        year = int(c.get("year") or 0)
        return interval(c, aid, f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year", f"'{quote}' → the year {year}")
    if c.get("ended") is not None:
        return replace(expression(c, aid, value="P1Y", precision="uncertain",
                                  reason=f"'{quote}' → a financial year: a duration of P1Y"), type="DURATION")
    if anchor is None:
        return unresolved(c, aid, "XXXX-WXX-WE" if unit == "WE" else "XXXX", quote)
    day = anchor
    if unit == "WE" and anchor.weekday() < 5:
        day = anchor + timedelta(days=5 - anchor.weekday()) if tense == FUTURE else anchor - timedelta(
            days=anchor.weekday() + 1)
    elif unit == "Y" and c.get("which") == "latest" and tense == PAST:
        day = anchor.replace(day=1, month=1) - timedelta(days=1)
    value, begin, end, precision = calendar_period(unit, day)
    mod = mod_of(c)
    if unit == "Y" and (half := half_year(day.year, c.get("part2"))):
        value, begin, end = half
        mod = None
    begin, end = narrow(begin, end, mod)
    return interval(c, aid, value, begin, end, precision, f"'{quote}' → {value}, from publication {fmt(anchor)}",
                    mod, anchor)


def year_ago_quarter(c: Candidate, anchor: date, tense: str, aid: str, quote: str) -> TimeExpression | None:
    """"a year ago" / "a year earlier" in a quarterly report: the reporting quarter a year before."""
    context = c.get("context") or ""
    if not context.startswith("Q") or c.get("number") not in (None, "a", "one", "1") or unit_of(c.get("unit")) != "Y":
        return None
    year, q = reporting_quarter(anchor, context, tense)
    value, begin, end, precision = quarter(year - 1, q)
    return interval(c, aid, value, begin, end, precision,
                    f"'{quote}' → the quarter reported on, a year earlier: {value}", anchor=anchor)


PERIOD_HANDLERS = {"quarter": _quarter, "period": _period, "the_unit": _the_unit}
