"""Turn underspecified candidates into TIMEX3 values. Pure: the anchor is always an argument."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from timeline.model import TimeExpression
from timeline.temporal.extract import Candidate, words
from timeline.temporal.tense import FUTURE, PAST, PRESENT

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_REL_OFFSET = {"this": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 13, 14: Jan, Feb next year


def fmt(day: date) -> str:
    """``Fri 2025-07-18``: a date with its weekday, as reasons show it."""
    return f"{day:%a} {day.isoformat()}"


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, count: int, unit: str) -> date:
    """``day`` moved by ``count`` TIMEX3 units (D, W, M, Y, DE, CE, Q)."""
    if unit == "D":
        return day + timedelta(days=count)
    if unit == "W":
        return day + timedelta(weeks=count)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * count
    return add_months(day, months)


def _narrow(begin: date, end: date, mod: str | None) -> tuple[date, date]:
    """The first, middle or last third of an interval for START/MID/END."""
    if mod not in ("START", "MID", "END"):
        return begin, end
    third = max(((end - begin).days + 1) // 3, 1)
    if mod == "START":
        return begin, begin + timedelta(days=third - 1)
    if mod == "MID":
        return begin + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


def _number(value: str | None) -> int | None:
    if value is None:
        return 1
    if value.isdigit():
        return int(value)
    found = words()["numbers"].get(value)
    return found if isinstance(found, int) else None


def _unit(value: str | None) -> str:
    return str(words()["units"].get(value or "", "D"))


def _part(c: Candidate) -> str | None:
    part = c.get("part") or c.get("part2")
    return str(words()["parts"][part]) if part else None


def _expression(c: Candidate, article_id: str, **kw: object) -> TimeExpression:
    return TimeExpression(article_id=article_id, start=c.start, end=c.end, text=c.text, type=c.type,
                          rule=c.rule, **kw)  # type: ignore[arg-type]


def _interval(c: Candidate, article_id: str, value: str, begin: date, end: date, precision: str,
              reason: str, mod: str | None = None, anchor: date | None = None, type_: str | None = None) -> TimeExpression:
    expr = _expression(c, article_id, value=value, mod=mod, begin=begin.isoformat(), end_date=end.isoformat(),
                       precision=precision, reason=reason, anchor=anchor.isoformat() if anchor else None)
    return replace(expr, type=type_) if type_ else expr


def _unresolved(c: Candidate, article_id: str, value: str, quote: str) -> TimeExpression:
    reason = f"'{quote}' is relative to the publication date, which is unknown: left unresolved"
    return _expression(c, article_id, value=value, precision="undated", resolved=False, reason=reason)


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
    except ValueError:  # a day that the month does not have
        return None


def _date(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    w = words()
    month = int(c.get("month_num") or w["months"][(c.get("month") or "").rstrip(".")])
    day = int(c.get("day") or 0)
    if c.get("year"):
        found = date(int(c.get("year") or 0), month, day)
        return _interval(c, aid, found.isoformat(), found, found, "day", f"'{quote}' → {fmt(found)}")
    if anchor is None:
        return _unresolved(c, aid, f"XXXX-{month:02d}-{day:02d}", quote)
    found = date(anchor.year, month, day)
    if tense == PAST and found > anchor:
        found = date(anchor.year - 1, month, day)
    elif tense in (FUTURE, PRESENT) and found < anchor:
        found = date(anchor.year + 1, month, day)
    side = "before" if found <= anchor else "after"
    reason = f"'{quote}' → the {found:%B} {day} {side} publication, {fmt(anchor)} → {found.isoformat()}"
    return _interval(c, aid, found.isoformat(), found, found, "day", reason, anchor=anchor)


def _month(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    month = int(words()["months"][(c.get("month") or "").rstrip(".")])
    mod = _part(c)
    if c.get("year"):
        year = int(c.get("year") or 0)
        reason = f"'{quote}' → {date(year, month, 1):%B %Y}"
    elif anchor is None:
        return _unresolved(c, aid, f"XXXX-{month:02d}", quote)
    else:
        year = anchor.year
        if tense == PAST and month > anchor.month:
            year -= 1
        elif tense in (FUTURE, PRESENT) and month < anchor.month:
            year += 1
        name = f"{date(year, month, 1):%B}"
        side = "the month of publication" if (year, month) == (anchor.year, anchor.month) else (
            f"the {name} {'before' if (year, month) < (anchor.year, anchor.month) else 'after'} publication")
        reason = f"'{quote}' → {side}, {fmt(anchor)} → {year}-{month:02d}"
    begin, end = _narrow(date(year, month, 1), month_end(year, month), mod)
    return _interval(c, aid, f"{year}-{month:02d}", begin, end, "month", reason, mod, anchor)


def _year(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    year = int(c.get("year") or 0)
    mod = _part(c)
    begin, end = _narrow(date(year, 1, 1), date(year, 12, 31), mod)
    return _interval(c, aid, str(year), begin, end, "year", f"'{quote}' → the year {year}", mod)


def _decade(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    stem = c.get("decade") or "199"
    start = int(stem) * 10
    return _interval(c, aid, stem, date(start, 1, 1), date(start + 9, 12, 31), "decade",
                     f"'{quote}' → the years {start}–{start + 9}")


def _weekday(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    target = int(words()["weekdays"][c.get("weekday") or ""])
    tod = _TIME_OF_DAY.get(c.get("tod") or "")
    if anchor is None:
        return _unresolved(c, aid, f"XXXX-WXX-{target + 1}", quote)
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    rel = c.get("rel")
    if rel == "last":
        found = anchor - timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        found = anchor + timedelta(days=ahead or 7)
    elif tense in (FUTURE, PRESENT):
        found = anchor + timedelta(days=ahead)
    else:
        found = anchor - timedelta(days=back)
    name = _DAY_NAMES[target]
    where = ("the day of publication" if found == anchor
             else f"the {name} {'before' if found < anchor else 'after'} publication")
    reason = f"'{quote}' → {where}, {fmt(anchor)} → {found.isoformat()}"
    value = found.isoformat() + (f"T{tod}" if tod else "")
    return _interval(c, aid, value, found, found, "day", reason, anchor=anchor, type_="TIME" if tod else None)


def _relday(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    word = c.get("relday") or "today"
    offset = int(words()["relday"][word])
    if anchor is None:
        return _unresolved(c, aid, "XXXX-XX-XX", quote)
    found = anchor + timedelta(days=offset)
    where = {0: "the day of publication", -1: "the day before publication", 1: "the day after publication"}.get(
        offset, f"{abs(offset)} days {'before' if offset < 0 else 'after'} publication")
    reason = f"'{quote}' → {where}, {fmt(anchor)} → {found.isoformat()}"
    if word == "tonight":
        return _interval(c, aid, found.isoformat() + "TNI", found, found, "day", reason, anchor=anchor, type_="TIME")
    return _interval(c, aid, found.isoformat(), found, found, "day", reason, anchor=anchor)


def _period(unit: str, day: date) -> tuple[str, date, date, str]:
    """The calendar period of ``unit`` that contains ``day``: value, first day, last day, precision."""
    if unit == "Y":
        return str(day.year), date(day.year, 1, 1), date(day.year, 12, 31), "year"
    if unit == "M":
        return f"{day:%Y-%m}", day.replace(day=1), month_end(day.year, day.month), "month"
    if unit == "Q":
        q = (day.month - 1) // 3
        return f"{day.year}-Q{q + 1}", date(day.year, 3 * q + 1, 1), month_end(day.year, 3 * q + 3), "quarter"
    if unit == "DE":
        start = day.year // 10 * 10
        return str(start // 10), date(start, 1, 1), date(start + 9, 12, 31), "decade"
    iso = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    if unit == "WE":
        return f"{iso.year}-W{iso.week:02d}-WE", monday + timedelta(days=5), monday + timedelta(days=6), "week"
    if unit == "W":
        return f"{iso.year}-W{iso.week:02d}", monday, monday + timedelta(days=6), "week"
    return day.isoformat(), day, day, "day"


def _relunit(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    unit = _unit(c.get("unit"))
    if anchor is None:
        return _unresolved(c, aid, "XXXX", quote)
    offset = _REL_OFFSET[c.get("rel") or "this"]
    target = shift(anchor, offset, "W" if unit == "WE" else unit)
    value, begin, end, precision = _period(unit, target)
    part = c.get("part") or c.get("part2")
    mod = _part(c)
    if offset == 0 and part == "earlier":
        end, precision, mod = anchor, "uncertain", None
        reason = f"'{quote}' → {value}, before publication ({begin.isoformat()} … {end.isoformat()})"
    elif offset == 0 and part == "later":
        begin, precision, mod = anchor, "uncertain", None
        reason = f"'{quote}' → {value}, after publication ({begin.isoformat()} … {end.isoformat()})"
    else:
        begin, end = _narrow(begin, end, mod)
        reason = f"'{quote}' → {value}, from publication {fmt(anchor)}"
    return _interval(c, aid, value, begin, end, precision, reason, mod, anchor)


def _ago(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    count, unit = _number(c.get("number")), _unit(c.get("unit"))
    if anchor is None:
        return _unresolved(c, aid, "PAST_REF", quote)
    if count is None or unit in ("H", "MIN", "WE"):
        return _expression(c, aid, value="PAST_REF", precision="uncertain", anchor=anchor.isoformat(),
                           reason=f"'{quote}' → some time before publication")
    target = shift(anchor, -count, unit)
    value, begin, end, precision = _period(unit, target)
    reason = f"'{quote}' → {count} {unit} before publication, {fmt(anchor)} → {value}"
    return _interval(c, aid, value, begin, end, precision, reason, anchor=anchor)


def duration_value(count: int | None, unit: str) -> str:
    """The TIMEX3 duration value: ``P50D``, ``P2Y``, ``PT3H``, ``PXD`` for an unknown count."""
    n = "X" if count is None else str(count)
    if unit == "H":
        return f"PT{n}H"
    if unit == "MIN":
        return f"PT{n}M"
    if unit == "Q":
        return f"P{n}Q" if count is None else f"P{count * 3}M"
    return f"P{n}{unit}"


def _duration(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression | None:
    unit = _unit(c.get("unit"))
    if unit == "WE":
        return None
    count = _number(c.get("number"))
    value = duration_value(count, unit)
    rel = (c.get("rel") or "").split()[-1:] or [""]
    expr = _expression(c, aid, value=value, precision="uncertain", reason=f"'{quote}' → a duration of {value}")
    if anchor is not None and count is not None and unit not in ("H", "MIN") and rel[0]:
        forward = rel[0] in ("next", "coming")
        other = shift(anchor, count if forward else -count, unit)
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
    end = shift(start, int(count_text), unit)
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
        return _unresolved(c, aid, f"XXXX-{code}", quote)
    else:
        year = anchor.year
        season_start = date(year, first, 1)
        rel = c.get("rel")
        if rel == "last" or (rel is None and tense == PAST and season_start > anchor):
            year -= 1
        elif rel in ("next", "coming") and season_start <= anchor:
            year += 1
    begin = date(year, first, 1)
    end = month_end(year + (last - 1) // 12, (last - 1) % 12 + 1)
    mod = _part(c)
    begin, end = _narrow(begin, end, mod)
    return _interval(c, aid, f"{year}-{code}", begin, end, "season", f"'{quote}' → {year}-{code}", mod, anchor)


def _quarter(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    q = int(c.get("qnum") or words()["ordinals"][c.get("ordinal") or "first"])
    if c.get("year"):
        year = int(c.get("year") or 0)
    elif anchor is None:
        return _unresolved(c, aid, f"XXXX-Q{q}", quote)
    else:
        year = anchor.year + _REL_OFFSET.get(c.get("rel") or "this", 0)
    begin, end = date(year, 3 * q - 2, 1), month_end(year, 3 * q)
    return _interval(c, aid, f"{year}-Q{q}", begin, end, "quarter", f"'{quote}' → {year}-Q{q}", anchor=anchor)


def _ref(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    value = str(words()["refs"][c.get("ref") or "now"])
    return _expression(c, aid, value=value, precision="uncertain", anchor=anchor.isoformat() if anchor else None,
                       reason=f"'{quote}' → {value.replace('_REF', '').lower()}, relative to publication")


def _set(c: Candidate, anchor: date | None, tense: str, aid: str, quote: str) -> TimeExpression:
    value = str(words()["sets"].get(c.get("setword") or "", "")) or f"P1{_unit(c.get('unit'))}"
    return _expression(c, aid, value=value, precision="uncertain", reason=f"'{quote}' → every {value[1:]}")


_HANDLERS = {
    "date": _date, "month": _month, "year": _year, "decade": _decade, "weekday": _weekday,
    "relday": _relday, "relunit": _relunit, "ago": _ago, "duration": _duration, "season": _season,
    "quarter": _quarter, "ref": _ref, "set": _set,
}
