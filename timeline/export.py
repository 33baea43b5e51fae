"""The event table as downloadable files."""

from __future__ import annotations

import html
import json
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from icalendar import Calendar
from icalendar import Event as CalendarEvent

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralize(value: object) -> object:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV (UTF-8) with text cells neutralized against formula injection (``=HYPERLINK(...)``).

    >>> to_csv(pd.DataFrame({"label": ["=1+1", "ok"]})).decode()
    "label\\n'=1+1\\nok\\n"
    """
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralize)
    return safe.to_csv(index=False).encode("utf-8")


def to_json(table: pd.DataFrame) -> bytes:
    """JSON: a list of event records."""
    return table.to_json(orient="records", force_ascii=False, indent=2).encode("utf-8")


def _tl_date(day: str) -> dict[str, str]:
    year, month, dom = day.split("-")
    return {"year": str(int(year)), "month": str(int(month)), "day": str(int(dom))}


def _tl_span(start: str, end: str, precision: str) -> tuple[dict[str, str], dict[str, str] | None, str | None]:
    """TimelineJS dates: as precise as the event (a month gives year and month only)."""
    first, last = _tl_date(start), _tl_date(end)
    if precision == "day":
        return first, None, None
    if precision == "month":
        return {k: first[k] for k in ("year", "month")}, None, None
    if precision == "year":
        return {"year": first["year"]}, None, None
    return first, last, f"{start} … {end} ({precision})"


def to_timelinejs(table: pd.DataFrame, title: str = "Diplomatic timeline") -> bytes:
    """TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html): one slide per
    dated event, grouped by event type. TimelineJS renders ``text`` as HTML, so every piece of
    article text is escaped and autolinking is off.

    >>> import json
    >>> t = pd.DataFrame([{"event_id": "e1", "date_start": "2025-07-14", "date_end": "2025-07-14",
    ...     "precision": "day", "label": "<b>x</b>", "excerpt": "y", "date_reason": "z", "event_type": "01 A",
    ...     "actors": "A", "article_title": "T", "published": "2025-07-18", "derived": False}])
    >>> json.loads(to_timelinejs(t))["events"][0]["text"]["headline"]
    '&lt;b&gt;x&lt;/b&gt;'
    """
    e = html.escape
    events = []
    for row in table.dropna(subset=["date_start"]).to_dict("records"):
        first = str(row["date_start"])
        start, end, display = _tl_span(first, str(row["date_end"] or first), str(row["precision"]))
        slide: dict[str, object] = {
            "start_date": start, "unique_id": str(row["event_id"]), "group": str(row["event_type"]),
            "autolink": False,
            "text": {"headline": e(str(row["label"])), "text": (
                f"<p>{e(str(row['excerpt'] or ''))}</p><p><i>{e(str(row['date_reason'] or ''))}</i></p>"
                f"<p>{e(str(row['actors'] or ''))} — {e(str(row['article_title'] or ''))}, "
                f"{e(str(row['published'] or ''))}{' (derived)' if row['derived'] else ''}</p>")},
        }
        if end:
            slide["end_date"] = end
        if display:
            slide["display_date"] = display
        events.append(slide)
    document = {"title": {"text": {"headline": e(title), "text": f"{len(events)} events"}}, "events": events}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_ics(table: pd.DataFrame, today: date | None = None) -> bytes:
    """iCalendar of the upcoming deadlines (derived events from ``today`` on), all-day events."""
    today = today or date.today()
    calendar = Calendar()
    calendar.add("prodid", "-//timeline dashboard//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Upcoming deadlines")
    upcoming = table[table["derived"].astype(bool) & (table["date_start"].fillna("") >= today.isoformat())]
    for row in upcoming.to_dict("records"):
        day = date.fromisoformat(str(row["date_start"]))
        event = CalendarEvent()
        event.add("uid", f"{row['event_id']}@timeline")
        event.add("dtstamp", datetime(today.year, today.month, today.day, tzinfo=UTC))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", str(row["label"]))
        event.add("description", f"{row['date_reason']}\n\n{row['excerpt']}\n\n{row['article_title']} ({row['published']})")
        calendar.add_component(event)
    return calendar.to_ical()
