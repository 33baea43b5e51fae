"""The event table as downloadable files."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from timeline.table import READABLE_TYPES

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")


def _neutralize(value: object) -> object:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe: one starting
    with ``= + - @``, a tab or a carriage return — except a plain signed number ("-5", "+3.2"),
    which a spreadsheet reads as the number it is.

    >>> [_neutralize(v) for v in ["=1+1", "-2.5", "+7 (495) 606-36-02", "- killed", "@SUM(A1)", "a-b"]]
    ["'=1+1", '-2.5', "'+7 (495) 606-36-02", "'- killed", "'@SUM(A1)", 'a-b']
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as the exports give it: "-- Unclassified" named plainly "Unclassified" (a cell
    starting with "-" is a formula to a spreadsheet, and guarding it shows "'-- Unclassified")."""
    if "event_type" not in table or not table["event_type"].isin(list(READABLE_TYPES)).any():
        return table
    return table.assign(event_type=table["event_type"].replace(READABLE_TYPES))


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (without one, Excel reads UTF-8 as the local code page
    and garbles "→" and "ć"), text cells neutralized against formula injection (``=HYPERLINK(...)``).

    >>> to_csv(pd.DataFrame({"label": ["=1+1", "ok"], "event_type": ["-- Unclassified", "04 Consult"]})).decode("utf-8-sig")
    "label,event_type\\n'=1+1,Unclassified\\nok,04 Consult\\n"
    """
    safe = readable(table).copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralize)
    return safe.to_csv(index=False).encode("utf-8-sig")


def to_json(table: pd.DataFrame) -> bytes:
    """JSON: a list of event records."""
    return readable(table).to_json(orient="records", force_ascii=False, indent=2).encode("utf-8")


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


def undated_note(count: int) -> str:
    """What the TimelineJS export says of the events it leaves out.

    >>> undated_note(21)
    '21 undated events left out: TimelineJS places every slide on a date'
    """
    return f"{count:,} undated event{'s' if count != 1 else ''} left out: TimelineJS places every slide on a date"


def to_timelinejs(table: pd.DataFrame, title: str = "Diplomatic timeline") -> bytes:
    """TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html): one slide per
    dated event, grouped by event type; the title slide says how many undated events were left out. TimelineJS renders ``text`` as HTML, so every piece of
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
    undated = int(table["date_start"].isna().sum())
    for row in readable(table).dropna(subset=["date_start"]).to_dict("records"):
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
    note = f"{len(events):,} event{'s' if len(events) != 1 else ''}" + (f"; {undated_note(undated)}" if undated else "")
    document = {"title": {"text": {"headline": e(title), "text": note}}, "events": events}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def upcoming(table: pd.DataFrame, today: date) -> pd.DataFrame:
    """The derived deadlines from ``today`` on: what the iCalendar export holds (the page says so
    instead of offering an empty file when there are none)."""
    return table[table["derived"].astype(bool) & (table["date_start"].fillna("") >= today.isoformat())]


def to_ics(table: pd.DataFrame, today: date | None = None) -> bytes:
    """iCalendar of the upcoming deadlines (derived events from ``today`` on), all-day events."""
    today = today or date.today()
    calendar = Calendar()
    calendar.add("prodid", "-//timeline dashboard//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Upcoming deadlines")
    for row in upcoming(table, today).to_dict("records"):
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
