"""The database's tables (SQLAlchemy Core) and the row -> Event conversion the store and the
happening index share."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateTable

from timeline.model import Article, Event, Excerpt, Span, TimeExpression
from timeline.table import table_rows

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


# A person's corrections (``timeline.corrections``): one row per change, never updated or deleted.
# (event_id, version) is unique: two people saving an edit of the same event from the same reading
# cannot both succeed.
edits = Table(
    "edits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("article_id", String(40), nullable=False, index=True),
    Column("excerpt_start", Integer, nullable=False),
    Column("excerpt_end", Integer, nullable=False),
    Column("field", String(20), nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
    Column("who", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    UniqueConstraint("event_id", "version", name="edits_one_per_version"),
)


def current(conn: Connection) -> bool:
    """Whether the database has every table and column and the rows ``upgrade`` and
    ``happenings.backfill_keys`` add: then opening it writes nothing, and waits for no writer."""
    existing = inspect(conn)
    tables = set(existing.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in tables or set(table.columns.keys()) - {c["name"] for c in existing.get_columns(table.name)}:
            return False

    def some(query: Any) -> bool:
        return conn.execute(query.limit(1)).first() is not None

    dated = select(events.c.id).where(events.c.date_start.is_not(None), events.c.date_end.is_not(None))
    return ((some(select(article_sources.c.article_id)) or not some(select(articles.c.id)))
            and (some(select(mention_keys.c.event_id)) or not some(dated)))


def upgrade(conn: Connection) -> None:
    """Make the tables a database lacks, and add what was added since it was made: columns, and one
    source row per article (before ``article_sources`` existed)."""
    metadata.create_all(conn)
    existing = inspect(conn)
    for table in metadata.sorted_tables:
        have = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have:
                ddl = conn.dialect.ddl_compiler(conn.dialect, CreateTable(table))
                default = ddl.get_column_default_string(column)  # quoted as the dialect wants: DEFAULT ''
                conn.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" '
                                     f'{column.type.compile(conn.dialect)}'
                                     + (f" DEFAULT {default}" if default is not None else ""))
    if conn.execute(select(article_sources.c.article_id).limit(1)).first() is None:
        a = articles.c
        rows = [{"article_id": r.id, "source": r.source, "url": r.url, "title": r.title, "publisher": r.publisher,
                 "published": r.published, "published_source": r.published_source, "added_at": r.added_at}
                for r in conn.execute(select(a.id, a.source, a.url, a.title, a.publisher, a.published,
                                             a.published_source, a.added_at))]
        if rows:
            conn.execute(insert(article_sources), rows)


def day_of(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def event_from_row(r: Any) -> Event:
    """A stored event row as an Event (one article's mention). Its ``countries`` column (its actors'
    and the extractor's countries) comes back as the event's countries, so a happening merged from
    stored mentions keeps them."""
    timex = TimeExpression(**json.loads(r["timex"])) if r["timex"] else None
    return Event(r["id"], day_of(r["date_start"]), day_of(r["date_end"]), r["precision"], bool(r["derived"]),
                 tuple(json.loads(r["actors"])), r["event_type"], r["label"],
                 tuple(Excerpt(**x) for x in json.loads(r["excerpts"])), timex, r["reason"], (r["article_id"],),
                 subject=tuple(json.loads(r["subject"] or "[]")), target=tuple(json.loads(r["target"] or "[]")),
                 location=r["location"] or "", location_country=r["location_country"] or "", cameo=r["cameo"] or "",
                 plover=r["plover"] or "", plover_mode=r["plover_mode"] or "",
                 countries=tuple(c for c in (r["countries"] or "").split("; ") if c))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "source": a.source, "title": a.title, "publisher": a.publisher,
        "published": a.published.isoformat() if a.published else None, "published_source": a.published_source,
        "updated": a.updated.isoformat() if a.updated else None, "dateline": a.dateline, "text": a.text,
        "sections": json.dumps([asdict(s) for s in a.sections]), "url": a.url, "added_at": now(),
    }


def article_from_row(r: Any) -> Article:
    return Article(r["id"], r["text"], r["title"], r["publisher"], day_of(r["published"]), r["published_source"],
                   day_of(r["updated"]), r["dateline"], r["source"],
                   tuple(Span(**s) for s in json.loads(r["sections"])), r["url"])


def joined(value: str | None) -> str:
    return "; ".join(json.loads(value)) if value else ""


def event_rows(article: Article, found: list[Event], happening: dict[str, str] | None = None
                ) -> list[dict[str, Any]]:
    rows = {r["event_id"]: r for r in table_rows(found, [article])}
    kept = ("date_text", "excerpt", "excerpt_start", "excerpt_end", "mentions", "sources", "countries")
    return [{**event_row(e, i), **{k: rows[e.id][k] for k in kept},
             "happening": (happening or {}).get(e.id, e.id)} for i, e in enumerate(found)]


def event_row(e: Event, position: int) -> dict[str, Any]:
    return {
        "id": e.id, "article_id": e.article_ids[0] if e.article_ids else e.excerpts[0].article_id,
        "date_start": e.date_start.isoformat() if e.date_start else None,
        "date_end": e.date_end.isoformat() if e.date_end else None,
        "precision": e.precision, "derived": e.derived, "event_type": e.event_type, "label": e.label,
        "actors": json.dumps(list(e.actors)), "excerpts": json.dumps([asdict(x) for x in e.excerpts]),
        "timex": json.dumps(asdict(e.timex)) if e.timex else None, "reason": e.reason, "position": position,
        "subject": json.dumps(list(e.subject)), "target": json.dumps(list(e.target)),
        "location": e.location, "location_country": e.location_country, "cameo": e.cameo, "plover": e.plover,
        "plover_mode": e.plover_mode,
    }
