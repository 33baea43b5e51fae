"""Calendar arithmetic and TimeExpression builders shared by the resolvers. Pure functions."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from timeline.model import TimeExpression
from timeline.temporal.extract import Candidate, words


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
    if unit in ("W", "WE"):
        return day + timedelta(weeks=count)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * count
    return add_months(day, months)


def narrow(begin: date, end: date, mod: str | None) -> tuple[date, date]:
    """The first, middle or last third of an interval for START/MID/END."""
    if mod not in ("START", "MID", "END"):
        return begin, end
    third = max(((end - begin).days + 1) // 3, 1)
    if mod == "START":
        return begin, begin + timedelta(days=third - 1)
    if mod == "MID":
        return begin + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


def quarter(year: int, q: int) -> tuple[str, date, date, str]:
    """Quarter ``q`` of ``year``: value, first day, last day, precision."""
    return f"{year:04d}-Q{q}", date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter"


def calendar_period(unit: str, day: date) -> tuple[str, date, date, str]:
    """The calendar period of ``unit`` that contains ``day``: value, first day, last day, precision."""
    if unit == "Y":
        return f"{day.year:04d}", date(day.year, 1, 1), date(day.year, 12, 31), "year"
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1), month_end(day.year, day.month), "month"
    if unit == "Q":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if unit == "DE":
        start = day.year // 10 * 10
        return f"{start // 10:03d}", date(start, 1, 1), date(start + 9, 12, 31), "decade"
    iso = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    if unit == "WE":
        return f"{iso.year:04d}-W{iso.week:02d}-WE", monday + timedelta(days=5), monday + timedelta(days=6), "week"
    if unit == "W":
        return f"{iso.year:04d}-W{iso.week:02d}", monday, monday + timedelta(days=6), "week"
    return day.isoformat(), day, day, "day"


def half_year(year: int, part: str | None) -> tuple[str, date, date] | None:
    """``2025-H2`` and its days for "the second half" (or "last half", "first half") of a year; else None."""
    if not part or not part.endswith("half"):
        return None
    second = not part.startswith("first")
    return f"{year:04d}-H{2 if second else 1}", date(year, 7 if second else 1, 1), date(year, 12 if second else 6,
                                                                                           31 if second else 30)


def year_range(c: Candidate) -> tuple[int, int] | None:
    """The first and last years of a range or a split year ("2011-2012", "1968-69", "1999-2000"):
    the second, when short, in the first one's century (or the next); None when it is not later.

    >>> from timeline.temporal.extract import extract
    >>> year_range(extract("the 1998-99 school year")[0]), year_range(extract("1999-01 season")[0])
    ((1998, 1999), (1999, 2001))
    """
    first, to = c.get("from") or c.get("from2"), c.get("to") or c.get("to2")
    if first is None or to is None:
        return None
    start = int(first)
    end = int(to) if len(to) == 4 else start // 100 * 100 + int(to)
    end += 100 if end <= start and len(to) == 2 else 0
    return (start, end) if start < end <= start + 100 else None


def number_of(value: str | None) -> int | None:
    """The count a number word or numeral stands for (1 when absent, None when vague: "several")."""
    if value is None:
        return 1
    if value.isdigit():
        return int(value)
    table = words()["numbers"]
    found = table.get(value)
    if found is None and "-" in value.replace(" ", "-"):  # "twenty-four", "twenty four"
        parts = [table.get(p) for p in value.replace(" ", "-").split("-")]
        found = sum(p for p in parts if isinstance(p, int)) if all(isinstance(p, int) for p in parts) else None
    return found if isinstance(found, int) else None


def unit_of(value: str | None) -> str:
    """The TIMEX3 unit letter of a unit word ("weeks" -> "W"); D when absent."""
    return str(words()["units"].get(value or "", "D"))


def mod_of(c: Candidate) -> str | None:
    """The TIMEX3 mod of the candidate's early/mid/late word, if any."""
    word = c.get("part") or c.get("part2")
    return str(words()["parts"][word]) if word else None


def expression(c: Candidate, article_id: str, **kw: object) -> TimeExpression:
    """A TimeExpression spanning the candidate."""
    return TimeExpression(article_id=article_id, start=c.start, end=c.end, text=c.text, type=c.type,
                          rule=c.rule, **kw)  # type: ignore[arg-type]


def interval(c: Candidate, article_id: str, value: str, begin: date, end: date, precision: str,
             reason: str, mod: str | None = None, anchor: date | None = None, type_: str | None = None) -> TimeExpression:
    """A TimeExpression covering the days ``begin``…``end``."""
    expr = expression(c, article_id, value=value, mod=mod, begin=begin.isoformat(), end_date=end.isoformat(),
                      precision=precision, reason=reason, anchor=anchor.isoformat() if anchor else None)
    return replace(expr, type=type_) if type_ else expr


def unresolved(c: Candidate, article_id: str, value: str, quote: str) -> TimeExpression:
    """A relative expression left unresolved because the publication date is unknown."""
    reason = f"'{quote}' is relative to the publication date, which is unknown: left unresolved"
    return expression(c, article_id, value=value, precision="undated", resolved=False, reason=reason)


def out_of_range(c: Candidate, article_id: str, quote: str) -> TimeExpression:
    """An expression whose date falls outside the calendar (years 1 to 9999): left unresolved."""
    value = {"DURATION": "PXD", "SET": "XXXX"}.get(c.type, "XXXX")
    reason = f"'{quote}' falls outside the dates this tool can count (years 1 to 9999): left unresolved"
    return expression(c, article_id, value=value, precision="undated", resolved=False, reason=reason)


_YEARS_OF = {"DE": 10, "CE": 100}


def duration_value(count: int | None, unit: str) -> str:
    """The TIMEX3 duration value: ``P50D``, ``P2Y``, ``PT3H``, ``PXD`` for an unknown count."""
    n = "X" if count is None else str(count)
    if unit == "H":
        return f"PT{n}H"
    if unit == "MIN":
        return f"PT{n}M"
    if unit == "Q":
        return f"P{n}Q" if count is None else f"P{count * 3}M"
    if unit in _YEARS_OF and count is not None:  # TimeBank counts decades in years: P10Y, not P1DE
        return f"P{count * _YEARS_OF[unit]}Y"
    if unit == "DE":  # "for decades", "decades-long": some number of years
        return "PXY"
    return f"P{n}{unit}"
