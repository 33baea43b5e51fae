"""The store: articles and their events in SQL (SQLAlchemy; SQLite by default).

The URL comes from the caller (``--db``), else ``TIMELINE_DB``, else a SQLite file under the
project's ``data/``. Writes are one transaction per article: an article and its events land
together or not at all, and adding the same article twice adds nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import create_engine, delete, func, insert, select, update
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from timeline.corrections import Edit, corrected, structure
from timeline.errors import EditConflict, StoreError
from timeline.events.merge import combine
from timeline.events.text import quad_class
from timeline.happenings import add_keys, backfill_keys, happenings
from timeline.model import Article, Event, no_nul
from timeline.schema import (
    article_from_row,
    article_row,
    article_sources,
    articles,
    current,
    edits,
    event_rows,
    joined,
    now,
    event_from_row,
    events,
    mention_keys,
    upgrade,
)
from timeline.table import COLUMNS, publisher_of_row, sort_table, table_rows
from timeline.writing import writing

PROJECT_DIR = Path(__file__).resolve().parents[1]
def default_url(secrets: Mapping[str, Any] | None = None) -> str:
    """The database: ``TIMELINE_DB`` if set, else the one Streamlit's ``secrets`` name (a hosted
    app's ``secrets.toml``), else ``sqlite:///<project>/data/timeline.db``.

    The secrets name it as ``TIMELINE_DB = "postgresql+psycopg://…"``, or as the section
    ``st.connection("timeline", type="sql")`` reads: ``[connections.timeline]`` with ``url``, or with
    ``dialect``, ``driver``, ``host``, ``port``, ``database``, ``username``, ``password``.
    """
    env = os.environ.get("TIMELINE_DB")
    if env:
        return env
    secrets = secrets or {}
    section = dict((secrets.get("connections") or {}).get("timeline") or {})
    if secrets.get("TIMELINE_DB") or section.get("url"):
        return str(secrets.get("TIMELINE_DB") or section["url"])
    if section.get("dialect"):
        driver = f"{section['dialect']}+{section['driver']}" if section.get("driver") else str(section["dialect"])
        return URL.create(driver, section.get("username"), section.get("password"), section.get("host"),
                          int(section["port"]) if section.get("port") else None, section.get("database"),
                          dict(section.get("query") or {})).render_as_string(hide_password=False)
    return f"sqlite:///{PROJECT_DIR / 'data' / 'timeline.db'}"


def shown(url: str) -> str:
    """A database URL fit to show: its password masked.

    >>> shown("postgresql+psycopg://app:s3cret@db.example:5432/timeline")
    'postgresql+psycopg://app:***@db.example:5432/timeline'
    """
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_store(url: str | None = None) -> Store:
    """The store a URL names: a read-only columnar build for ``duckdb:///PATH``
    (``timeline.columnstore.ColumnStore``), else the SQL store (SQLite, PostgreSQL).

    >>> type(open_store("sqlite://")).__name__
    'Store'
    """
    url = url or default_url()
    if url.startswith("duckdb:"):
        from timeline.columnstore import ColumnStore  # it builds on Store

        return ColumnStore(url)
    return Store(url)


class Store:
    """Articles and events in one database.

    >>> store = Store("sqlite://")
    >>> store.count_articles()
    0
    """

    read_only = False  # a columnar build (timeline.columnstore) refuses writes

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        try:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            # a server may drop idle connections (a managed PostgreSQL does): test each before use
            self.engine: Engine = create_engine(self.url, pool_pre_ping=not self.url.startswith("sqlite"))
            with self.engine.connect() as conn:
                ready = current(conn)
            if not ready:
                with writing(self.engine) as conn:  # two first opens at once: the second finds the tables
                    upgrade(conn)
                    backfill_keys(conn)
        except (SQLAlchemyError, OSError) as exc:
            reason = _reason(exc) if isinstance(exc, SQLAlchemyError) else str(exc)
            raise StoreError(f"cannot open the database {shown(self.url)!r}: {reason}; check --db or TIMELINE_DB"
                             ) from exc

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content id is stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def add(self, article: Article, found: list[Event]) -> str:
        """Store an article with its events in one transaction.

        Returns "added", "unchanged" (this content is stored already), or "revised" (a changed
        page at a stored URL: it replaces the old revision and its events).
        """
        try:
            with writing(self.engine) as conn:
                if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
                    _add_source(conn, article)
                    return "unchanged"
                revision, status = 1, "added"
                if article.url:
                    old = conn.execute(select(articles.c.id, articles.c.revision)
                                       .where(articles.c.url == article.url)).first()
                    if old is not None:
                        conn.execute(delete(events).where(events.c.article_id == old.id))
                        conn.execute(delete(mention_keys).where(mention_keys.c.article_id == old.id))
                        conn.execute(delete(articles).where(articles.c.id == old.id))
                        revision, status = old.revision + 1, "revised"
                conn.execute(insert(articles), [{**article_row(article), "revision": revision}])
                _add_source(conn, article)
                if found:
                    conn.execute(insert(events), event_rows(article, found, happenings(conn, found)))
                    add_keys(conn, article, found)
            return status
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {article.source}: {_reason(exc)}") from exc

    def add_many(self, batch: list[tuple[Article, list[Event]]]) -> int:
        """Store many new articles with their events in one transaction (bulk loads, synthetic
        corpora); articles already stored are skipped. Returns how many were added."""
        try:
            with writing(self.engine) as conn:
                ids = [a.id for a, _ in batch]
                have = set(conn.execute(select(articles.c.id).where(articles.c.id.in_(ids))).scalars())
                fresh = [(a, found) for a, found in batch if a.id not in have]
                if fresh:
                    conn.execute(insert(articles), [article_row(a) for a, _ in fresh])
                    rows = [row for a, found in fresh for row in event_rows(a, found)]
                    if rows:
                        conn.execute(insert(events), rows)
                    for a, found in fresh:
                        add_keys(conn, a, found)
                return len(fresh)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store a batch of {len(batch)} articles: {_reason(exc)}") from exc

    def set_published(self, article: Article, found: list[Event]) -> None:
        """Give a stored article its publication date and replace its events (now resolved)."""
        try:
            with writing(self.engine) as conn:
                conn.execute(update(articles).where(articles.c.id == article.id).values(
                    published=article.published.isoformat() if article.published else None,
                    published_source=article.published_source, added_at=now()))
                conn.execute(delete(events).where(events.c.article_id == article.id))
                conn.execute(delete(mention_keys).where(mention_keys.c.article_id == article.id))
                if found:
                    conn.execute(insert(events), event_rows(article, found, happenings(conn, found)))
                    add_keys(conn, article, found)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not update {article.source}: {_reason(exc)}") from exc

    def add_source(self, article: Article) -> None:
        """Record another source of an article already stored (the same text at another address)."""
        try:
            with writing(self.engine) as conn:
                _add_source(conn, article)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not record {article.source} as a source: {_reason(exc)}") from exc

    def sources(self, article_id: str) -> pd.DataFrame:
        """Every source an article's text came from, first stored first: source, url, title,
        publisher, published (as that source gave them)."""
        s = article_sources.c
        query = (select(s.source, s.url, s.title, s.publisher, s.published, s.published_source)
                 .where(s.article_id == article_id).order_by(s.added_at, s.source))
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all(),
                                columns=["source", "url", "title", "publisher", "published", "published_source"])

    def article(self, article_id: str) -> Article | None:
        """One stored article by id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            return article_from_row(row) if row else None

    def version(self) -> str:
        """Changes whenever anything is written: a cache key for readers."""
        with self.engine.connect() as conn:
            count, last = conn.execute(select(func.count(), func.max(articles.c.added_at))).one()
            changes, latest = conn.execute(select(func.count(), func.max(edits.c.id))).one()
            return f"{count}:{last}:{changes}:{latest}"

    def count_articles(self) -> int:
        """How many articles are stored."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with the given ids), newest first."""
        query = select(articles).order_by(articles.c.published.desc().nulls_last(), articles.c.id)
        if ids is not None:
            query = query.where(articles.c.id.in_(ids))
        with self.engine.connect() as conn:
            return [article_from_row(r) for r in conn.execute(query).mappings()]

    def article_list(self, limit: int | None = None) -> pd.DataFrame:
        """One row per article without its text: id, title, publisher, published (and from where),
        url, source, and how many events it has (the first ``limit``, newest first)."""
        count = select(events.c.article_id, func.count().label("events")).group_by(events.c.article_id).subquery()
        query = (select(articles.c.id, articles.c.title, articles.c.publisher, articles.c.published,
                        articles.c.published_source, articles.c.url, articles.c.source,
                        func.coalesce(count.c.events, 0).label("events"))
                 .outerjoin(count, count.c.article_id == articles.c.id)
                 .order_by(articles.c.published.desc().nulls_last(), articles.c.id))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all(),
                                columns=["id", "title", "publisher", "published", "published_source", "url",
                                         "source", "events"])

    def events(self, ids: list[str] | None = None) -> list[Event]:
        """Stored mentions of events (all, or those with the given ids), in article and text order:
        one per article that reports a happening."""
        query = select(events).order_by(events.c.article_id, events.c.position, events.c.id)
        if ids is not None:
            query = query.where(events.c.id.in_(ids))
        with self.engine.connect() as conn:
            return [event_from_row(r) for r in conn.execute(query).mappings()]

    def happenings(self, ids: list[str]) -> list[Event]:
        """The events of the table with these ids, each combined from every article's mention of it
        (every excerpt and source, the most precise date, the dates that disagree), as people merged
        and split them."""
        into, split = self._structure()
        wanted = ids + [k for k, v in into.items() if v in ids]  # merged into those asked for: they come too
        query = (select(events, articles.c.added_at).join(articles, articles.c.id == events.c.article_id)
                 .where(events.c.happening.in_(wanted) | events.c.id.in_(wanted))
                 .order_by(articles.c.added_at, events.c.article_id, events.c.position, events.c.id))
        groups: dict[str, list[Event]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                key = r["happening"] or r["id"]
                key = r["id"] if key in split else into.get(key, into.get(r["id"], key))
                if key in ids:
                    groups.setdefault(key, []).append(event_from_row(r))
        return [combine(group, key) for key, group in groups.items()]

    def mentions(self, key: str) -> int:
        """How many stored mentions the table's event ``key`` groups (its happening's, and those a
        person merged into it)."""
        into, split = self._structure()
        if key in split:
            return 1
        keys = [key, *(k for k, v in into.items() if v == key)]
        query = select(func.count()).select_from(events).where(events.c.happening.in_(keys) | events.c.id.in_(keys))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def _structure(self) -> tuple[dict[str, str], set[str]]:
        """The people's merges and splits as they hold now (see ``corrections.structure``)."""
        moves = self.edits(fields=("merged_into", "split"))
        return structure(self._places(), moves) if moves else ({}, set())

    def _places(self) -> pd.DataFrame:
        """Where every stored mention is told, with its happening: what edits are located by."""
        e = events.c
        query = select(e.id.label("event_id"), e.article_id, e.excerpt_start, e.excerpt_end, e.happening)
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all(),
                                columns=["event_id", "article_id", "excerpt_start", "excerpt_end", "happening"])

    def table(self) -> pd.DataFrame:
        """The event table of everything stored (the columns of ``timeline.table.COLUMNS``), read
        straight from SQL: no event objects are built, so it stays quick at 100,000 events."""
        query = (select(events.c.id.label("event_id"), events.c.date_start, events.c.date_end, events.c.precision,
                        events.c.derived, events.c.date_text, events.c.reason.label("date_reason"),
                        events.c.event_type, events.c.label, events.c.actors, events.c.excerpt,
                        events.c.excerpt_start, events.c.excerpt_end, events.c.article_id,
                        articles.c.title.label("article_title"), articles.c.published, events.c.mentions,
                        events.c.sources, events.c.countries, articles.c.publisher, articles.c.url,
                        articles.c.source, events.c.happening, events.c.subject, events.c.target,
                        events.c.location, events.c.location_country, events.c.cameo.label("cameo_code"),
                        events.c.plover.label("plover_type"), events.c.plover_mode)
                 .join(articles, articles.c.id == events.c.article_id))
        with self.engine.connect() as conn:
            frame = pd.DataFrame(conn.execute(query).mappings().all())
        if frame.empty:
            return pd.DataFrame(columns=COLUMNS)
        frame["happening"] = frame["happening"].fillna(frame["event_id"])
        changes = self.edits()
        into, split = structure(frame, changes)  # a person's merges and splits of happenings
        frame["happening"] = [into.get(h, into.get(i, h)) if h not in split else i
                              for h, i in zip(frame["happening"], frame["event_id"])]
        shared = frame["happening"].duplicated(keep=False)
        merged = self._merged_rows(sorted(set(frame.loc[shared, "happening"])))
        frame = frame[~shared].copy()
        frame["actors"] = frame["actors"].map(lambda v: "; ".join(json.loads(v)))
        frame["source_actors"] = frame["subject"].map(joined)
        frame["target_actors"] = frame["target"].map(joined)
        frame["quad_class"] = frame["event_type"].map(quad_class)
        frame["date_conflicts"] = ""
        for column in ("location", "location_country", "cameo_code", "plover_type", "plover_mode"):
            frame[column] = frame[column].fillna("")
        frame["derived"] = frame["derived"].astype(bool)
        frame["publisher"] = [publisher_of_row(p, u, s) for p, u, s in
                              zip(frame["publisher"], frame["url"], frame["source"])]
        if merged:
            frame = pd.concat([frame[COLUMNS[:-1]], pd.DataFrame(merged, columns=COLUMNS[:-1])], ignore_index=True)
        return sort_table(corrected(frame[COLUMNS[:-1]], changes)[COLUMNS])

    def edits(self, event_ids: list[str] | None = None, fields: tuple[str, ...] | None = None) -> list[Edit]:
        """People's corrections, in the order they were made (of these events, of these fields)."""
        query = select(edits).order_by(edits.c.id)
        if event_ids is not None:
            query = query.where(edits.c.event_id.in_(event_ids))
        if fields is not None:
            query = query.where(edits.c.field.in_(fields))
        with self.engine.connect() as conn:
            return [Edit(**r) for r in conn.execute(query).mappings()]

    def record(self, row: dict[str, Any], field: str, before: str, after: str, who: str, note: str = "",
               seen: int | None = None) -> Edit:
        """Keep one correction of the table row ``row``. ``seen`` is the event's edit count when the
        person read it: if someone saved an edit since, nothing is written and EditConflict says what
        changed (two saves of one reading cannot both land: (event, version) is unique)."""
        event_id = str(row["event_id"])
        try:
            with writing(self.engine) as conn:
                done = [Edit(**r) for r in conn.execute(select(edits).where(edits.c.event_id == event_id)
                                                        .order_by(edits.c.version, edits.c.id)).mappings()]
                if seen is not None and len(done) != seen:
                    raise EditConflict(f"event {event_id} was changed since you read it: "
                                       + "; ".join(str(e) for e in done[seen:]) + ". Reload it and edit again")
                values: dict[str, Any] = {"event_id": event_id, "version": len(done) + 1, "article_id": str(row["article_id"]),
                          "excerpt_start": int(row["excerpt_start"]), "excerpt_end": int(row["excerpt_end"]),
                          "field": field, "before": no_nul(before), "after": no_nul(after), "who": no_nul(who),
                          "at": now(), "note": no_nul(note)}
                key = conn.execute(insert(edits).values(**values)).inserted_primary_key
                new_id = key[0] if key else 0
            return Edit(id=int(new_id), **values)
        except IntegrityError as exc:
            raise EditConflict(f"event {event_id} was changed by someone else while you saved: reload it and "
                               "edit again") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"could not keep the edit of {event_id}: {_reason(exc)}") from exc

    def delete_article(self, article_id: str) -> int:
        """Remove an article, its sources and its own mentions of events (mentions other articles
        make of the same happenings stay, with their sources). Returns how many mentions went."""
        try:
            with writing(self.engine) as conn:
                gone = conn.execute(delete(events).where(events.c.article_id == article_id)).rowcount
                conn.execute(delete(mention_keys).where(mention_keys.c.article_id == article_id))
                conn.execute(delete(article_sources).where(article_sources.c.article_id == article_id))
                conn.execute(delete(articles).where(articles.c.id == article_id))
            return int(gone or 0)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not delete article {article_id}: {_reason(exc)}") from exc

    def _merged_rows(self, happenings: list[str]) -> list[dict[str, Any]]:
        """Table rows of the happenings that several articles report."""
        if not happenings:
            return []
        found = self.happenings(happenings)
        ids = sorted({x.article_id for e in found for x in e.excerpts})
        return table_rows(found, self.articles(ids))


def _add_source(conn: Any, a: Article) -> None:
    """Record where this copy of the article came from, once per source."""
    s = article_sources.c
    if conn.execute(select(s.source).where(s.article_id == a.id, s.source == a.source)).first() is None:
        conn.execute(insert(article_sources), [{
            "article_id": a.id, "source": a.source, "url": a.url, "title": a.title, "publisher": a.publisher,
            "published": a.published.isoformat() if a.published else None, "published_source": a.published_source,
            "added_at": now()}])


def _reason(exc: SQLAlchemyError) -> str:
    """The database's own one-line reason ("database is locked"), never the SQL statement or its
    parameters (which hold the article's text)."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else str(exc).split("[SQL:")[0]
    text = " ".join(text.split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"
