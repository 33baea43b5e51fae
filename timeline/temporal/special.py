"""Resolvers for holidays, centuries and the time of day of clock expressions. Pure functions."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from timeline.model import TimeExpression
from timeline.temporal.dates import (
    calendar_period, duration_value, expression, fmt, interval, number_of, shift, unit_of, unresolved,
)
from timeline.temporal.extract import Candidate, words
from timeline.temporal.tense import FUTURE, PAST, PRESENT

_TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# What may stand between a clock time and the day next to it that it belongs to:
# "10:35 a.m. (0735 GMT) Friday", "7 a.m. local time on Sunday"
_GAP_AFTER = re.compile(r"\s*(?:local\s+time\s*)?(?:\([^()\n]{0,20}\)\s*)?,?\s*(?:on\s+)?\(?")
_DAY = re.compile(r"\d{4}-\d\d-\d\d(?:$|T)")  # a day, perhaps with a time: "4 in the morning (4 a.m. Thursday)"
_GAP_BEFORE = re.compile(r",?\s*(?:at|around|about|by|until|before|after)?\s*", re.I)  # "Friday at 3 p.m."
_TENSE_SLACK_DAYS = 90  # as for a month and day without a year (resolve._date)


def holiday_in(year: int, spec: str) -> date:
    """The day of a holiday in ``year``: ``12-25`` fixed, ``11-22+3`` the first Thursday from Nov 22.

    >>> holiday_in(1999, "11-22+3")
    datetime.date(1999, 11, 25)
    """
    day_part, _, weekday = spec.partition("+")
    month, day = (int(n) for n in day_part.split("-"))
    found = date(year, month, day)
    if weekday:
        found += timedelta(days=(int(weekday) - found.weekday()) % 7)
    return found


def _holiday(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    spec = str(words()["holidays"][c.get("holiday") or "christmas"])
    if c.get("year"):  # "Christmas 1776", or a year the story gave
        found = holiday_in(int(c.get("year") or 0), spec)
        return interval(c, aid, found.isoformat(), found, found, "day", f"'{quote}' → {fmt(found)}")
    if anchor is None:
        return unresolved(c, aid, "XXXX-" + (spec if "+" not in spec else spec[:2] + "-XX"), quote)
    rel = c.get("rel")
    found = holiday_in(anchor.year, spec)
    if rel == "last" and found >= anchor:
        found = holiday_in(anchor.year - 1, spec)
    elif rel == "next" and found <= anchor:
        found = holiday_in(anchor.year + 1, spec)
    elif rel is None and tense == PAST and (found - anchor).days > _TENSE_SLACK_DAYS:
        found = holiday_in(anchor.year - 1, spec)
    elif rel is None and tense in (FUTURE, PRESENT) and (anchor - found).days > _TENSE_SLACK_DAYS:
        found = holiday_in(anchor.year + 1, spec)
    elif rel is None and tense not in (PAST, FUTURE, PRESENT) and abs((found - anchor).days) > 183:
        found = holiday_in(anchor.year + (1 if found < anchor else -1), spec)
    side = "before" if found <= anchor else "after"
    reason = f"'{quote}' → the one {side} publication, {fmt(anchor)} → {found.isoformat()}"
    return interval(c, aid, found.isoformat(), found, found, "day", reason, anchor=anchor)


def _century(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    number = c.get("centnum")
    if number is None:  # "this century": TimeBank annotates it as a hundred years
        return replace(expression(c, aid, value="P100Y", precision="uncertain",
                                  reason=f"'{quote}' → a duration of P100Y"), type="DURATION")
    if c.get("bc") is not None:  # "the 9th century BC": the years 900-801 before the era, not in the calendar
        return expression(c, aid, value=f"BC{int(number) - 1:02d}", precision="century",
                          reason=f"'{quote}' → the {number}th century before the common era")
    first = (int(number) - 1) * 100
    return interval(c, aid, f"{int(number) - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31),
                    "century", f"'{quote}' → the years {first}–{first + 99}")


def clock_time(c: Candidate) -> str:
    """The TIMEX3 time of a clock expression: ``17:00`` (5 p.m.), ``12:00`` (noon), ``AF`` (mid-afternoon)."""
    if c.get("daypart"):
        return _TIME_OF_DAY[c.get("daypart") or "afternoon"]
    if c.get("clockword"):
        return str(words()["clock"][c.get("clockword") or "noon"])
    if c.get("hour24"):  # "22:00 GMT"
        return f"{int(c.get('hour24') or 0):02d}:{c.get('minute24')}"
    pm = c.get("ampm") == "p" or c.get("inthe") in ("afternoon", "evening")  # "8 in the evening"
    hour = int(c.get("hour") or 0) % 12 + (12 if pm else 0)
    return f"{hour:02d}:{c.get('minute') or '00'}"


def is_dayless_clock(c: Candidate) -> bool:
    """A clock time that names no day ("10:35 a.m.", "at midnight"): resolved on the publication day."""
    return c.kind == "clock" and not (c.get("weekday") or c.get("month") or c.get("relday"))


def clock_days(text: str, found: list[TimeExpression], dayless: set[int]) -> list[TimeExpression]:
    """Give each dayless clock time (indices ``dayless`` of ``found``, in text order) the day of a
    day expression right next to it: "10:35 a.m. (0735 GMT) Friday", "on Sunday at midnight"."""
    out = list(found)
    for i in sorted(dayless):
        clock = found[i]
        for j, gap in ((i + 1, _GAP_AFTER), (i - 1, _GAP_BEFORE)):
            if not 0 <= j < len(found) or j in dayless:
                continue
            day = found[j]
            between = text[clock.end : day.start] if j > i else text[day.end : clock.start]
            if day.precision == "day" and _DAY.match(day.value) and gap.fullmatch(between):
                time = clock.value.partition("T")[2]
                out[i] = replace(clock, value=f"{day.value[:10]}T{time}", begin=day.begin, end_date=day.end_date,
                                 anchor=day.anchor, reason=f"{day.reason}, at {time}")
                break
    return out


_ANAPHOR_OFFSET = {"that": 0, "that same": 0, "the same": 0, "the following": 1, "the next": 1,
                   "the previous": -1, "the preceding": -1, "following": 1, "previous": -1, "preceding": -1}
# The precision the date before an anaphor must have for each unit: "that year" after "in June 1998".
_FINE_ENOUGH = {"D": ("day",), "W": ("day", "week"), "M": ("day", "month"), "Q": ("day", "month", "quarter"),
                "Y": ("day", "week", "month", "quarter", "season", "year"),
                "DE": ("day", "week", "month", "quarter", "season", "year", "decade")}


def _anaphor(c: Candidate, ref: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    """"that year", "the following month", "the next morning": counted from ``ref``, the date the text
    gave last (its precision in the ``refprec`` field); None without one fine enough."""
    if c.get("weekday"):
        return _anaphoric_weekday(c, ref, aid, quote)
    if c.get("later"):
        return _later(c, ref, aid, quote)
    tod = _TIME_OF_DAY.get(c.get("unit") or "")
    unit = "D" if tod else unit_of(c.get("unit"))
    if ref is None or c.get("refprec") not in _FINE_ENOUGH.get(unit, ()):
        return None
    value, begin, end, precision = calendar_period(unit, shift(ref, _ANAPHOR_OFFSET[c.get("ana") or "that"], unit))
    reason = f"'{quote}' → {value}, counted from the date the text gave before it ({fmt(ref)})"
    if tod:
        return interval(c, aid, f"{value}T{tod}", begin, end, precision, reason, anchor=ref, type_="TIME")
    return interval(c, aid, value, begin, end, precision, reason, anchor=ref)


def _anaphoric_weekday(c: Candidate, ref: date | None, aid: str, quote: str) -> TimeExpression | None:
    """"the previous Friday": the Friday before the day the text gave last; None without a day."""
    if ref is None or c.get("refprec") != "day":
        return None
    target = int(words()["weekdays"][c.get("weekday") or ""])
    forward = _ANAPHOR_OFFSET[c.get("ana") or "previous"] > 0
    found = ref + timedelta(days=(target - ref.weekday()) % 7 or 7) if forward else \
        ref - timedelta(days=(ref.weekday() - target) % 7 or 7)
    reason = f"'{quote}' → {found.isoformat()}, the {found:%A} {'after' if forward else 'before'} " \
             f"the day the text gave before it ({fmt(ref)})"
    return interval(c, aid, found.isoformat(), found, found, "day", reason, anchor=ref)


_UNKNOWN_IN_YEAR = {"D": "XX-XX", "W": "WXX"}  # the value of a day or week counted from a coarser date


def _later(c: Candidate, ref: date | None, aid: str, quote: str) -> TimeExpression:
    """"a week later": the last date given moved on by the count, at the unit's precision (a day
    when both are days or weeks); without a date before it, the duration."""
    count, unit = number_of(c.get("number")), unit_of(c.get("unit"))
    if c.get("history") is not None and ref is not None and unit in _UNKNOWN_IN_YEAR \
            and c.get("refprec") in ("year", "season", "quarter", "month"):
        # "four days later" after "in 1915", in a history: a day of that year, which one it does not say
        # (news, as TimeBank annotates it, keeps it a duration)
        value = f"{ref.year:04d}-{_UNKNOWN_IN_YEAR[unit]}"
        reason = f"'{quote}' → {value}: some {c.get('unit')} after the date the text gave before it ({fmt(ref)}), " \
                 "which it does not count from"
        return interval(c, aid, value, date(ref.year, 1, 1), date(ref.year, 12, 31), "year", reason, anchor=ref)
    if ref is None or count is None or c.get("refprec") not in _FINE_ENOUGH.get(unit, ()):
        value = duration_value(count, unit)
        return replace(expression(c, aid, value=value, precision="uncertain",
                                  reason=f"'{quote}' → a duration of {value}: no date before it to count from"),
                       type="DURATION")
    back = c.get("later") in ("before", "earlier")  # "three months before the intervention"
    found = shift(ref, -count if back else count, unit)
    if unit in ("D", "W") and c.get("refprec") == "day":
        value, begin, end, precision = found.isoformat(), found, found, "day"
    else:
        value, begin, end, precision = calendar_period(unit, found)
    reason = f"'{quote}' → {value}, {count} {c.get('unit')} {'before' if back else 'after'} the date the text gave " \
             f"before it ({fmt(ref)})"
    return interval(c, aid, value, begin, end, precision, reason, anchor=ref)


def _elapsed(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    """"2:11:48", a race time: ``PT2H11M48S`` (units that are zero left out)."""
    parts = [(int(c.get(name) or 0), letter) for name, letter in (("hours", "H"), ("minutes", "M"), ("seconds", "S"))]
    value = "PT" + ("".join(f"{n}{letter}" for n, letter in parts if n) or "0S")
    return replace(expression(c, aid, value=value, precision="uncertain", reason=f"'{quote}' → a duration of {value}"),
                   type="DURATION")


def _ordinal_day(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    """"today is the eighth day of ...": the day of publication when the text says it is (a copula
    right before it, "It's the second day of", or the present tense); else a day the text does not give."""
    if anchor is not None and (c.get("copula") is not None or tense == PRESENT):
        return interval(c, aid, anchor.isoformat(), anchor, anchor, "day",
                        f"'{quote}' → told as today: the day of publication, {fmt(anchor)}", anchor=anchor)
    return expression(c, aid, value="XXXX-XX-XX", precision="undated", resolved=False,
                      reason=f"'{quote}' counts days from an event whose day the text does not give: left unresolved")


SPECIAL_HANDLERS = {"holiday": _holiday, "century": _century, "anaphor": _anaphor, "elapsed": _elapsed,
                    "ordinal_day": _ordinal_day}
