"""The store: articles and their events in SQL (SQLAlchemy; SQLite by default).

The URL comes from the caller (``--db``), else ``TIMELINE_DB``, else a SQLite file under the
project's ``data/``. Writes are one transaction per article: an article and its events land
together or not at all, and adding the same article twice adds nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (Boolean, Column, Integer, MetaData, String, Table, Text, create_engine, func, insert,
                        select)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from timeline.errors import StoreError
from timeline.model import Article, Event, Excerpt, Span, TimeExpression

PROJECT_DIR = Path(__file__).resolve().parents[1]
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
)


def default_url() -> str:
    """``TIMELINE_DB`` if set, else ``sqlite:///<project>/data/timeline.db``."""
    env = os.environ.get("TIMELINE_DB")
    if env:
        return env
    return f"sqlite:///{PROJECT_DIR / 'data' / 'timeline.db'}"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Store:
    """Articles and events in one database.

    >>> store = Store("sqlite://")
    >>> store.count_articles()
    0
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        try:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url)
            metadata.create_all(self.engine)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the database {self.url!r}: {exc}; check --db or TIMELINE_DB") from exc

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content id is stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def add(self, article: Article, found: list[Event]) -> bool:
        """Store an article with its events in one transaction. Returns False if it was already there."""
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
                    return False
                conn.execute(insert(articles), [_article_row(article)])
                if found:
                    conn.execute(insert(events), [_event_row(e, i) for i, e in enumerate(found)])
            return True
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {article.source}: {exc}") from exc

    def count_articles(self) -> int:
        """How many articles are stored."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def articles(self) -> list[Article]:
        """Every stored article, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(articles).order_by(articles.c.published.desc(), articles.c.id)).mappings()
            return [_article(r) for r in rows]

    def events(self) -> list[Event]:
        """Every stored event, in article and text order."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(events).order_by(events.c.article_id, events.c.position)).mappings()
            return [_event(r) for r in rows]


def _article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "source": a.source, "title": a.title, "publisher": a.publisher,
        "published": a.published.isoformat() if a.published else None, "published_source": a.published_source,
        "updated": a.updated.isoformat() if a.updated else None, "dateline": a.dateline, "text": a.text,
        "sections": json.dumps([asdict(s) for s in a.sections]),
    }


def _article(r: Any) -> Article:
    return Article(r["id"], r["text"], r["title"], r["publisher"], _day(r["published"]), r["published_source"],
                   _day(r["updated"]), r["dateline"], r["source"],
                   tuple(Span(**s) for s in json.loads(r["sections"])))


def _event_row(e: Event, position: int) -> dict[str, Any]:
    return {
        "id": e.id, "article_id": e.article_ids[0] if e.article_ids else e.excerpts[0].article_id,
        "date_start": e.date_start.isoformat() if e.date_start else None,
        "date_end": e.date_end.isoformat() if e.date_end else None,
        "precision": e.precision, "derived": e.derived, "event_type": e.event_type, "label": e.label,
        "actors": json.dumps(list(e.actors)), "excerpts": json.dumps([asdict(x) for x in e.excerpts]),
        "timex": json.dumps(asdict(e.timex)) if e.timex else None, "reason": e.reason, "position": position,
    }


def _event(r: Any) -> Event:
    timex = TimeExpression(**json.loads(r["timex"])) if r["timex"] else None
    return Event(r["id"], _day(r["date_start"]), _day(r["date_end"]), r["precision"], bool(r["derived"]),
                 tuple(json.loads(r["actors"])), r["event_type"], r["label"],
                 tuple(Excerpt(**x) for x in json.loads(r["excerpts"])), timex, r["reason"], (r["article_id"],))
