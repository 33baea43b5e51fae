"""Turn underspecified candidates into TIMEX3 values. Pure: the anchor is always an argument."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from timeline.model import TimeExpression
from timeline.temporal.dates import (
    calendar_period, duration_value, expression, fmt, half_year, interval, mod_of, month_end, narrow, number_of,
    out_of_range, shift, unit_of, unresolved, year_range,
)
from timeline.temporal.extract import Candidate, words
from timeline.temporal.periods import PERIOD_HANDLERS, year_ago_quarter
from timeline.temporal.special import SPECIAL_HANDLERS, clock_time
from timeline.temporal.tense import FUTURE, PAST, PRESENT

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_REL_OFFSET = {"this": 0, "last": -1, "previous": -1, "next": 1, "coming": 1, "this past": -1, "this coming": 1}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 13, 14: Jan, Feb next year
# A date or month without a year is taken in the publication year unless the tense says otherwise
# and that puts it more than this far on the wrong side ("said on Jan. 14" written Jan. 7: the 14th
# coming, not last year's); without a tense, the nearest one.
_TENSE_SLACK_DAYS = 90
_TENSE_SLACK_MONTHS = 1  # a month name: "said it would close in November" written in October
# Without a tense, a month name up to this far behind the publication month is this year's: "from
# $29.75 in March" written in October; further behind, next year's ("in February", written in October).
_UNKNOWN_BEHIND_MONTHS = 7
_FORWARD = ("next", "coming", "this coming")
_OUT_OF_RANGE = re.compile(r"^year -?\d+ is out of range")


def resolve(c: Candidate, anchor: date | None, tense: str, article_id: str = "",
            quote: str | None = None) -> TimeExpression | None:
    """Resolve a candidate against the publication date ``anchor`` and the governing ``tense``.

    Returns None when the match is no real date (February 30th). ``quote`` is the text shown
    in the reason (the expression with its preposition, "on Monday").

    >>> from timeline.temporal.extract import extract
    >>> c = extract("Trump unveiled his plan on Monday.")[0]
    >>> resolve(c, date(2025, 7, 18), "past").reason
    "'Monday' → the Monday before publication, Fri 2025-07-18 → 2025-07-14"
    """
    quote = quote or c.text
    handler = _HANDLERS[c.kind]
    try:
        return handler(c, anchor, tense, article_id, quote)
    except OverflowError:  # counting from the anchor left the calendar: 9999-12-31 + a week
        return out_of_range(c, article_id, quote)
    except ValueError as exc:
        if _OUT_OF_RANGE.search(str(exc)):  # "year 10000 is out of range": the end of next year 9999
            return out_of_range(c, article_id, quote)
        return None  # a day that the month does not have


def _date(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    w = words()
    month = int(c.get("month_num") or w["months"][(c.get("month") or "").rstrip(".")])
    day = int(c.get("day") or 0)
    if c.get("year"):
        found = date(int(c.get("year") or 0), month, day)
        return _day_or_week(c, aid, found, f"'{quote}' → {fmt(found)}")
    if anchor is None:
        return unresolved(c, aid, f"XXXX-{month:02d}-{day:02d}", quote)
    found = date(anchor.year, month, day)
    if tense == PAST and (found - anchor).days > _TENSE_SLACK_DAYS:
        found = date(anchor.year - 1, month, day)
    elif tense in (FUTURE, PRESENT) and (anchor - found).days > _TENSE_SLACK_DAYS:
        found = date(anchor.year + 1, month, day)
    elif tense not in (PAST, FUTURE, PRESENT) and abs((found - anchor).days) > 183:
        found = date(anchor.year + (1 if found < anchor else -1), month, day)
    side = "before" if found <= anchor else "after"
    reason = f"'{quote}' → the {found:%B} {day} {side} publication, {fmt(anchor)} → {found.isoformat()}"
    return _day_or_week(c, aid, found, reason, anchor)


def _day_or_week(c: Candidate, aid: str, found: date, reason: str, anchor: date | None = None) -> TimeExpression:
    """The day ``found``, or its ISO week for "the week of March 6"."""
    tod = _TIME_OF_DAY.get(c.get("tod") or "")
    if tod:  # "the night of June 4": that day's night (a DATE, as the histories' TimeML has it)
        return interval(c, aid, f"{found.isoformat()}T{tod}", found, found, "day", reason, anchor=anchor)
    if c.get("weekof") is None:
        return interval(c, aid, found.isoformat(), found, found, "day", reason, anchor=anchor)
    value, begin, end, precision = calendar_period("W", found)
    return interval(c, aid, value, begin, end, precision, f"{reason}: its week, {value}", anchor=anchor)


def _month(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    month = int(words()["months"][(c.get("month") or "").rstrip(".")])
    mod = mod_of(c)
    if c.get("year"):
        year = int(c.get("year") or 0)
        reason = f"'{quote}' → {date(year, month, 1):%B %Y}"
    elif anchor is None:
        return unresolved(c, aid, f"XXXX-{month:02d}", quote)
    elif c.get("relyear"):
        year = anchor.year + _REL_OFFSET[c.get("relyear") or "this"]
        reason = f"'{quote}' → {date(year, month, 1):%B %Y}, from publication {fmt(anchor)}"
    else:
        year, rel, ahead = anchor.year, c.get("rel"), month - anchor.month  # months after the anchor's
        if rel == "last":
            year -= 1 if ahead >= 0 else 0
        elif rel in _FORWARD:
            year += 1 if ahead <= 0 else 0
        elif rel == "this":
            pass
        elif tense == PAST and ahead > _TENSE_SLACK_MONTHS:
            year -= 1
        elif tense in (FUTURE, PRESENT) and ahead < -_TENSE_SLACK_MONTHS:
            year += 1
        elif tense not in (PAST, FUTURE, PRESENT) and (ahead > 6 or ahead < -_UNKNOWN_BEHIND_MONTHS):
            year += 1 if ahead < 0 else -1
        name = f"{date(year, month, 1):%B}"
        side = "the month of publication" if (year, month) == (anchor.year, anchor.month) else (
            f"the {name} {'before' if (year, month) < (anchor.year, anchor.month) else 'after'} publication")
        reason = f"'{quote}' → {side}, {fmt(anchor)} → {year}-{month:02d}"
    begin, end = narrow(date(year, month, 1), month_end(year, month), mod)
    return interval(c, aid, f"{year:04d}-{month:02d}", begin, end, "month", reason, mod, anchor)


def _year(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    if c.get("bcyear"):  # "241 BC": a year before the calendar this tool counts in (years 1 to 9999)
        value = f"BC{int(c.get('bcyear') or 0):04d}"
        return expression(c, aid, value=value, precision="year", reason=f"'{quote}' → {value}, a year before the common era")
    if c.get("from") or c.get("from2"):  # "[2011]-[2012]", "the 1998-99 school year"
        return _year_of_range(c, aid, quote)
    year = int(c.get("year") or 0)
    if half := half_year(year, c.get("part")):
        return interval(c, aid, half[0], half[1], half[2], "year", f"'{quote}' → {half[0]}")
    mod = mod_of(c)
    begin, end = narrow(date(year, 1, 1), date(year, 12, 31), mod)
    return interval(c, aid, f"{year:04d}", begin, end, "year", f"'{quote}' → the year {year}", mod)


def _year_of_range(c: Candidate, aid: str, quote: str) -> TimeExpression | None:
    """One end of a range of years, or a year that straddles two (its first, over both); None
    when the numbers are no range ("2011-1999")."""
    span = year_range(c)
    if span is None:
        return None
    if c.get("split") is not None:
        return interval(c, aid, f"{span[0]:04d}", date(span[0], 1, 1), date(span[1], 12, 31), "uncertain",
                        f"'{quote}' → a year from {span[0]} into {span[1]}: {span[0]}")
    year = span[0] if c.get("first") is not None else span[1]
    return interval(c, aid, f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year",
                    f"'{quote}' → the year {year}, {'first' if year == span[0] else 'last'} of {span[0]}–{span[1]}")


def _decade(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    spelled = str(words()["decades"].get(c.get("decword") or "", ""))  # "the nineties"
    stem = c.get("decade") or spelled or f"19{c.get('short') or '9'}"  # "the '80s": last century's
    start = int(stem) * 10
    mod = mod_of(c)
    begin, end = narrow(date(start, 1, 1), date(start + 9, 12, 31), mod)
    return interval(c, aid, stem, begin, end, "decade", f"'{quote}' → the years {start}–{start + 9}", mod)


def _weekday(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    target = int(words()["weekdays"][c.get("weekday") or ""])
    tod = _TIME_OF_DAY.get(c.get("tod") or "")
    if anchor is None:
        return unresolved(c, aid, f"XXXX-WXX-{target + 1}", quote)
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    rel = c.get("rel")
    if rel in ("last", "this past"):
        found = anchor - timedelta(days=back or 7)
    elif rel in ("next", "coming", "this coming"):
        found = anchor + timedelta(days=ahead or 7)
    elif tense in (FUTURE, PRESENT) and c.get("poss") is None:  # "Wednesday's ruling": a past one
        found = anchor + timedelta(days=ahead)
    else:
        found = anchor - timedelta(days=back)
    name = _DAY_NAMES[target]
    where = ("the day of publication" if found == anchor
             else f"the {name} {'before' if found < anchor else 'after'} publication")
    reason = f"'{quote}' → {where}, {fmt(anchor)} → {found.isoformat()}"
    value = found.isoformat() + (f"T{tod}" if tod else "")
    return interval(c, aid, value, found, found, "day", reason, mod_of(c), anchor)


def _relday(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    word = c.get("relday") or ("yesterday" if c.get("night") else "today")
    offset = int(words()["relday"][word])
    if anchor is None:
        return unresolved(c, aid, "XXXX-XX-XX", quote)
    found = anchor + timedelta(days=offset)
    where = {0: "the day of publication", -1: "the day before publication", 1: "the day after publication"}.get(
        offset, f"{abs(offset)} days {'before' if offset < 0 else 'after'} publication")
    reason = f"'{quote}' → {where}, {fmt(anchor)} → {found.isoformat()}"
    tod = "NI" if word == "tonight" or c.get("night") else _TIME_OF_DAY.get(c.get("tod") or "")
    if tod:
        return interval(c, aid, f"{found.isoformat()}T{tod}", found, found, "day", reason, anchor=anchor, type_="TIME")
    return interval(c, aid, found.isoformat(), found, found, "day", reason, mod_of(c), anchor)


def _relunit(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    unit = unit_of(c.get("unit"))
    if anchor is None:
        return unresolved(c, aid, "XXXX", quote)
    offset = _REL_OFFSET[c.get("rel") or ("last" if c.get("past") else "this")]
    if unit == "WE" and c.get("rel") in ("coming", "this coming") and anchor.weekday() < 5:
        offset = 0  # "this coming weekend" written on a Thursday: the weekend of this week
    target = shift(anchor, offset, "W" if unit == "WE" else unit)
    value, begin, end, precision = calendar_period(unit, target)
    part = c.get("part") or c.get("part2")
    mod = mod_of(c)
    if unit == "Y" and (half := half_year(target.year, part)):
        value, begin, end = half
        return interval(c, aid, value, begin, end, "year", f"'{quote}' → {value}, from publication {fmt(anchor)}",
                        anchor=anchor)
    if offset == 0 and part == "earlier":
        end, precision, mod = anchor, "uncertain", None
        reason = f"'{quote}' → {value}, before publication ({begin.isoformat()} … {end.isoformat()})"
    elif offset == 0 and part == "later":
        begin, precision, mod = anchor, "uncertain", None
        reason = f"'{quote}' → {value}, after publication ({begin.isoformat()} … {end.isoformat()})"
    else:
        begin, end = narrow(begin, end, mod)
        reason = f"'{quote}' → {value}, from publication {fmt(anchor)}"
    return interval(c, aid, value, begin, end, precision, reason, mod, anchor)


def _ago(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    count, unit = number_of(c.get("number")), unit_of(c.get("unit"))
    later = (c.get("dir") or "ago") in ("later", "from now", "hence")
    if anchor is None:
        return unresolved(c, aid, "FUTURE_REF" if later else "PAST_REF", quote)
    if count is None or unit in ("H", "MIN", "WE"):
        return expression(c, aid, value="FUTURE_REF" if later else "PAST_REF", precision="uncertain",
                          anchor=anchor.isoformat(),
                          reason=f"'{quote}' → some time {'after' if later else 'before'} publication")
    if not later and (found := year_ago_quarter(c, anchor, tense, aid, quote)):
        return found
    if unit in ("DE", "CE"):  # "a decade ago": the year ten years back, not the decade it falls in
        count, unit = count * (10 if unit == "DE" else 100), "Y"
    target = shift(anchor, count if later else -count, unit)
    value, begin, end, precision = calendar_period(unit, target)
    side = "after" if later else "before"
    reason = f"'{quote}' → {count} {unit} {side} publication, {fmt(anchor)} → {value}"
    return interval(c, aid, value, begin, end, precision, reason, anchor=anchor)


def _and_a_half(value: str) -> str:
    """``P2Y`` -> ``P2Y6M`` ("2 1/2 years"), ``PT5H`` -> ``PT5H30M``, ``PT1M`` -> ``PT1M30S``."""
    half = {"Y": "6M", "M": "15D", "D": "T12H"} if not value.startswith("PT") else {"H": "30M", "M": "30S"}
    return value + half[value[-1]] if value[-1] in half and value[-2].isdigit() else value


def _duration(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    unit = unit_of(c.get("unit") or c.get("unit2") or c.get("unit3"))
    if unit == "WE":
        return None
    count = None if c.get("vague") is not None else number_of(c.get("number"))
    value = duration_value(count, unit)
    if c.get("half") is not None or c.get("half2") is not None:
        value = _and_a_half(value)
    rel = (c.get("rel") or "").split()[-1:] or [""]
    mod = str(words()["mods"][c.get("approx") or ""]) if c.get("approx") else None
    expr = expression(c, aid, value=value, mod=mod, precision="uncertain",
                      reason=f"'{quote}' → a duration of {value}")
    if anchor is not None and count is not None and unit not in ("H", "MIN") and rel[0] in _REL_OFFSET:
        forward = rel[0] in _FORWARD
        try:
            other = shift(anchor, count if forward else -count, unit)
        except (OverflowError, ValueError):  # beyond year 9999 (or before year 1): the bare duration
            return expr
        begin, end = (anchor, other) if forward else (other, anchor)
        return replace(expr, anchor=anchor.isoformat(), begin=begin.isoformat(), end_date=end.isoformat(),
                       reason=f"'{quote}' → {value} {'after' if forward else 'up to'} publication "
                              f"({begin.isoformat()} … {end.isoformat()})")
    return expr


def anchor_duration(expr: TimeExpression, start: date, start_text: str) -> TimeExpression:
    """A duration counted from a date the text gives ("a 50-day deadline" set on Monday).

    >>> from timeline.model import TimeExpression
    >>> d = TimeExpression("a", 0, 6, "50-day", "DURATION", "P50D")
    >>> anchor_duration(d, date(2025, 7, 14), "Monday").end_date
    '2025-09-02'
    """
    count_text, unit = expr.value[1:-1], expr.value[-1]
    if not count_text.isdigit() or unit not in "DWMY" or expr.value.startswith("PT"):
        return expr
    try:
        end = shift(start, int(count_text), unit)
    except (OverflowError, ValueError):  # past year 9999: the duration stays uncounted
        return expr
    units = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}
    reason = (f"'{expr.text}' counted from '{start_text}' ({fmt(start)}): {start.isoformat()} + "
              f"{count_text} {units[unit]} = {fmt(end)}")
    return replace(expr, anchor=start.isoformat(), begin=start.isoformat(), end_date=end.isoformat(), reason=reason)


def _season(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    code = str(words()["seasons"][c.get("season") or c.get("season2") or "summer"])
    first, last = _SEASON_MONTHS[code]
    if c.get("year"):
        year = int(c.get("year") or 0)
    elif anchor is None:
        return unresolved(c, aid, f"XXXX-{code}", quote)
    else:
        year = anchor.year
        season_start = date(year, first, 1)
        rel = c.get("rel")
        behind = rel == "this past" or (rel is None and tense == PAST)  # "this past spring": the last one begun
        if rel == "last" or (behind and season_start > anchor):
            year -= 1
        elif rel in ("next", "coming", "this coming") and season_start <= anchor:
            year += 1
    begin = date(year, first, 1)
    end = month_end(year + (last - 1) // 12, (last - 1) % 12 + 1)
    mod = mod_of(c)
    begin, end = narrow(begin, end, mod)
    return interval(c, aid, f"{year:04d}-{code}", begin, end, "season", f"'{quote}' → {year}-{code}", mod, anchor)


def _ref(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    value = str(words()["refs"][c.get("ref") or "now"])
    return expression(c, aid, value=value, precision="uncertain", anchor=anchor.isoformat() if anchor else None,
                       reason=f"'{quote}' → {value.replace('_REF', '').lower()}, relative to publication")


def _set(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    value = str(words()["sets"].get(c.get("setword") or "", "")) or f"P1{unit_of(c.get('unit'))}"
    if c.get("weekday"):  # "each Thursday", "Tuesday nights"
        tod = _TIME_OF_DAY.get(c.get("tod") or c.get("tod2") or "")
        value = f"XXXX-WXX-{int(words()['weekdays'][c.get('weekday') or '']) + 1}" + (f"T{tod}" if tod else "")
    elif c.get("month"):  # "each July"
        value = f"XXXX-{int(words()['months'][(c.get('month') or '').rstrip('.')]):02d}"
    elif c.get("season"):  # "every winter"
        value = f"XXXX-{words()['seasons'][c.get('season') or '']}"
    elif c.get("tod"):  # "each night"
        value = f"XXXX-XX-XXT{_TIME_OF_DAY[c.get('tod') or '']}"
    elif unit_of(c.get("unit")) == "WE":  # "every weekend"
        value = "XXXX-WXX-WE"
    elif c.get("unit") and (c.get("other") is not None or c.get("number")):  # "every other week", "every four years"
        value = duration_value(2 if c.get("other") is not None else number_of(c.get("number")), unit_of(c.get("unit")))
    every = value[1:] if value.startswith("P") else value
    return expression(c, aid, value=value, precision="uncertain", reason=f"'{quote}' → every {every}")


def _clock(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    """"noon Thursday", "5 p.m. EST Nov. 9", "10:35 a.m.": the day (publication's when none is
    given) with the time of day."""
    time = clock_time(c)
    if c.get("weekday"):
        day: TimeExpression | None = _weekday(c, anchor, tense, aid, quote)
    elif c.get("month"):
        day = _date(c, anchor, tense, aid, quote)
    elif c.get("relday"):
        day = _relday(c, anchor, tense, aid, quote)
    elif anchor is None:
        return unresolved(c, aid, f"XXXX-XX-XXT{time}", quote)
    else:
        day = interval(c, aid, anchor.isoformat(), anchor, anchor, "day",
                       f"'{quote}' → the day of publication, {fmt(anchor)}", anchor=anchor)
    if day is None:
        return None
    return replace(day, value=f"{day.value}T{time}", type="TIME", reason=f"{day.reason}, at {time}")


_HANDLERS = {
    "date": _date, "month": _month, "year": _year, "decade": _decade, "weekday": _weekday,
    "relday": _relday, "relunit": _relunit, "ago": _ago, "duration": _duration, "season": _season,
    "ref": _ref, "set": _set, "clock": _clock, **PERIOD_HANDLERS, **SPECIAL_HANDLERS,
}
