"""The database's tables (SQLAlchemy Core) and the row -> Event conversion the store and the
happening index share."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Column, Index, Integer, MetaData, String, Table, Text

from timeline.model import Event, Excerpt, TimeExpression

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("published_source", String(40), nullable=False),
    Column("updated", String(10)),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("sections", Text, nullable=False),  # JSON list of spans
    Column("url", Text, index=True),
    Column("revision", Integer, nullable=False, server_default="1"),
    Column("added_at", String(32)),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), nullable=False, index=True),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("precision", String(16), nullable=False),
    Column("derived", Boolean, nullable=False),
    Column("event_type", String(80), nullable=False),
    Column("label", Text, nullable=False),
    Column("actors", Text, nullable=False),  # JSON list
    Column("excerpts", Text, nullable=False),  # JSON list
    Column("timex", Text),  # JSON object
    Column("reason", Text, nullable=False),
    Column("position", Integer, nullable=False),
    # the event's row of the event table, kept so the table reads straight from SQL at any size
    Column("date_text", Text),
    Column("excerpt", Text),
    Column("excerpt_start", Integer),
    Column("excerpt_end", Integer),
    Column("mentions", Integer),
    Column("sources", Integer),
    Column("countries", Text),
    Column("happening", String(40), index=True),  # the event this mention is one with (across articles)
    Column("subject", Text),  # JSON list: who acts
    Column("target", Text),  # JSON list: who is acted on
    Column("location", Text),  # where it happened: "Moscow"
    Column("location_country", String(3)),
    Column("cameo", String(8)),  # CAMEO code, a sub-code where known ("1041")
    Column("plover", String(40)),  # PLOVER event type
    Column("plover_mode", String(40)),
)


# One row per (dated mention, actor): where a new mention looks for the happening it is one with.
# A day mention is found by its day, a coarser one by its interval (``timeline.events.merge``).
mention_keys = Table(
    "mention_keys", metadata,
    Column("event_id", String(40), nullable=False),
    Column("article_id", String(40), nullable=False, index=True),
    Column("code", String(2), nullable=False),
    Column("actor", Text, nullable=False),
    Column("day", Integer),  # proleptic ordinal of a day mention; NULL for a coarser one
    Column("date_start", String(10), nullable=False),
    Column("date_end", String(10), nullable=False),
    Column("span", Integer, nullable=False),  # days from start to end
    Index("mention_keys_lookup", "code", "actor", "day"),
)


# Every source an article's text came from: the same text at two addresses (or in two files) is one
# article with two sources, each with its own title, publisher and date as that source gave them.
article_sources = Table(
    "article_sources", metadata,
    Column("article_id", String(40), primary_key=True),
    Column("source", Text, primary_key=True),
    Column("url", Text),
    Column("title", Text, nullable=False),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("published_source", String(40), nullable=False),
    Column("added_at", String(32)),
)


def day_of(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def event_from_row(r: Any) -> Event:
    """A stored event row as an Event (one article's mention)."""
    timex = TimeExpression(**json.loads(r["timex"])) if r["timex"] else None
    return Event(r["id"], day_of(r["date_start"]), day_of(r["date_end"]), r["precision"], bool(r["derived"]),
                 tuple(json.loads(r["actors"])), r["event_type"], r["label"],
                 tuple(Excerpt(**x) for x in json.loads(r["excerpts"])), timex, r["reason"], (r["article_id"],),
                 subject=tuple(json.loads(r["subject"] or "[]")), target=tuple(json.loads(r["target"] or "[]")),
                 location=r["location"] or "", location_country=r["location_country"] or "", cameo=r["cameo"] or "",
                 plover=r["plover"] or "", plover_mode=r["plover_mode"] or "")
