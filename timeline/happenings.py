"""Where a new mention finds the happening it is one with: ``mention_keys`` holds one row per
(dated mention, actor), looked up by kind of act, actor and day (``timeline.events.merge`` decides)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from timeline.events.merge import match
from timeline.events.text import settings
from timeline.model import Article, Event
from timeline.schema import event_from_row, events, mention_keys


def _key(event_id: str, article_id: str, event_type: str, actor: str, start: date, end: date) -> dict[str, Any]:
    return {"event_id": event_id, "article_id": article_id, "code": event_type[:2], "actor": actor,
            "day": start.toordinal() if start == end else None, "date_start": start.isoformat(),
            "date_end": end.isoformat(), "span": (end - start).days}


def _keys(article: Article, found: list[Event]) -> list[dict[str, Any]]:
    return [_key(e.id, article.id, e.event_type, actor, e.date_start, e.date_end)
            for e in found if e.date_start and e.date_end for actor in e.actors]


def _moved(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (year 1, year 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def add_keys(conn: Any, article: Article, found: list[Event]) -> None:
    rows = _keys(article, found)
    if rows:
        conn.execute(insert(mention_keys), rows)


def happenings(conn: Any, found: list[Event]) -> dict[str, str]:
    """For new events, the stored happening each is one with (see ``timeline.events.merge``):
    candidates are stored mentions of the same kind of act, sharing an actor, whose day lies within
    a day or two of the new one's dates or whose interval overlaps them (``mention_keys``)."""
    days, reach = int(settings()["merge"]["day_conflict_days"]), int(settings()["merge"]["refine_reach_days"])
    cache: dict[str, set[str]] = {}
    out: dict[str, str] = {}
    k = mention_keys.c
    for event in found:
        if event.date_start is None or event.date_end is None or not event.actors:
            continue
        first, last = _moved(event.date_start, -days), _moved(event.date_end, days)
        days_near = k.day.between(first.toordinal(), last.toordinal())
        overlapping = (k.date_start <= last.isoformat()) & (k.date_end >= first.isoformat())
        same = (k.date_start == event.date_start.isoformat()) & (k.date_end == event.date_end.isoformat())
        near = days_near | (k.day.is_(None) & ((overlapping & (k.span <= reach)) | same))  # see merge.relation
        ids = select(k.event_id).where(k.code == event.event_type[:2], k.actor.in_(event.actors), near).distinct()
        rows = conn.execute(select(events).where(events.c.id.in_(ids), events.c.derived == event.derived)
                            .order_by(events.c.date_start, events.c.date_end, events.c.id)).mappings()
        hit = match(event, ((r["happening"] or r["id"], event_from_row(r)) for r in rows), cache)
        if hit is not None:
            out[event.id] = hit
    return out


def backfill_keys(conn: Connection) -> None:
    """A database made before ``mention_keys`` existed gets its keys, so its events can be joined."""
    if conn.execute(select(mention_keys.c.event_id).limit(1)).first() is not None:
        return
    e = events.c
    rows = conn.execute(select(e.id, e.article_id, e.event_type, e.actors, e.date_start, e.date_end)
                        .where(e.date_start.is_not(None), e.date_end.is_not(None))).all()
    keys = [_key(r.id, r.article_id, r.event_type, actor, date.fromisoformat(r.date_start),
                 date.fromisoformat(r.date_end)) for r in rows for actor in json.loads(r.actors)]
    if keys:
        conn.execute(insert(mention_keys), keys)
