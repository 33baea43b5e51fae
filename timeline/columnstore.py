"""A columnar store read through DuckDB (``duckdb:///PATH``): what ``timeline build`` and
``timeline synth --db duckdb:///…`` write (see ``timeline.columnar``), opened read-only.

It answers the read API of ``timeline.store.Store`` (so the CLI and the pages take either) and
refuses every write with what to do instead: a build is rebuilt, never edited. Corrections and
ingest stay with the SQL stores.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd

from timeline.columnar import check_format, path_of
from timeline.corrections import Edit
from timeline.errors import StoreError
from timeline.events.merge import combine
from timeline.model import Article, Event
from timeline.schema import article_from_row, event_from_row
from timeline.store import Store
from timeline.table import COLUMNS

ORDER = "date_start NULLS LAST, date_end NULLS LAST, event_id"  # the order of timeline.table.sort_table
READ_ONLY = ("is a read-only columnar build: ingest into SQLite/PostgreSQL (`timeline ingest --db sqlite:///…`), "
             "or build again (`timeline build INPUT... --out DIR`)")
# DuckDB's own memory (its buffers and the working memory of queries) for the dashboard's queries: a
# million events need far less, and the server stays within its budget of 1 GB (see docs/serve.md)
MEMORY_LIMIT = "512MB"
LISTED = ["id", "title", "publisher", "published", "published_source", "url", "source", "events"]


class ColumnStore(Store):
    """The articles, mentions and event table of a columnar build, read-only.

    >>> ColumnStore("duckdb:///no/such/timeline.duckdb")
    Traceback (most recent call last):
    ...
    timeline.errors.StoreError: no columnar store at no/such/timeline.duckdb: build one with `timeline build INPUT... --out DIR` or `timeline synth --events N --db duckdb:///no/such/timeline.duckdb`
    """

    read_only = True

    def __init__(self, url: str) -> None:  # noqa: D107  (no Store.__init__: there is no SQL engine)
        import duckdb

        self.url = url
        self.path = path_of(url)
        if not self.path.is_file():
            raise StoreError(f"no columnar store at {self.path}: build one with `timeline build INPUT... --out DIR` "
                             f"or `timeline synth --events N --db {url}`")
        try:
            self.conn = duckdb.connect(str(self.path), read_only=True, config={"memory_limit": MEMORY_LIMIT})
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the columnar store {self.path}: {' '.join(str(exc).split())[:200]}; "
                             "build it again with `timeline build`") from exc
        try:
            check_format(self.conn, str(self.path))
        except StoreError:
            self.conn.close()
            raise
        self._lock = threading.Lock()
        self._opened = self._identity()

    def _identity(self) -> tuple[int, int]:
        stat = self.path.stat()
        return stat.st_ino, stat.st_mtime_ns

    def replaced(self) -> bool:
        """Whether the file at the path is no longer the one opened (a build written anew and moved
        into place): a reader then opens it again, or it would go on reading the old one."""
        try:
            return self._identity() != self._opened
        except OSError:
            return True

    def close(self) -> None:
        """Let go of the file (DuckDB shares one open database per path within a process: the file
        moved into place is read only once the old one is closed)."""
        self.conn.close()

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        """A DuckDB cursor of its own (one per thread: the dashboard serves sessions in threads)."""
        with self._lock:
            cur = self.conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _frame(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).df()

    def _records(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self.cursor() as cur:
            result = cur.execute(sql, params or [])
            names = [d[0] for d in result.description]
            return [dict(zip(names, row)) for row in result.fetchall()]

    def _one(self, sql: str, params: list[Any] | None = None) -> Any:
        with self.cursor() as cur:
            row = cur.execute(sql, params or []).fetchone()
            return row[0] if row else None

    # reading
    def version(self) -> str:
        """Changes when the file is built again: a cache key for readers."""
        stat = self.path.stat()
        return f"duckdb:{stat.st_mtime_ns}:{stat.st_size}:{self._one('SELECT max(written_at) FROM timeline_format')}"

    def count_articles(self) -> int:
        """How many articles the build holds."""
        return int(self._one("SELECT count(*) FROM articles"))

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content id is in the build."""
        return bool(self._one("SELECT count(*) FROM articles WHERE id = ?", [article_id]))

    def article(self, article_id: str) -> Article | None:
        """One article by id."""
        rows = self._records("SELECT * FROM articles WHERE id = ?", [article_id])
        return article_from_row(rows[0]) if rows else None

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Articles (all, or those with the given ids), newest first."""
        where, params = ("WHERE list_contains(?, id)", [ids]) if ids is not None else ("", [])
        return [article_from_row(r) for r in self._records(
            f"SELECT * FROM articles {where} ORDER BY published DESC NULLS LAST, id", params)]

    def article_list(self, limit: int | None = None) -> pd.DataFrame:
        """One row per article without its text (as ``Store.article_list``), the first ``limit``."""
        frame = self._frame(
            "SELECT a.id, a.title, a.publisher, a.published, a.published_source, a.url, a.source, "
            "coalesce(m.events, 0) AS events FROM articles a LEFT JOIN (SELECT article_id, count(*) AS events "
            "FROM mentions GROUP BY article_id) m ON m.article_id = a.id ORDER BY a.published DESC NULLS LAST, a.id"
            + (f" LIMIT {int(limit)}" if limit is not None else ""))
        return frame[LISTED]

    def table(self) -> pd.DataFrame:
        """The whole event table, in its order (for the CLI: the dashboard asks ``timeline.query``)."""
        return self._frame(f"SELECT * FROM event_table ORDER BY {ORDER}")[COLUMNS]

    def events(self, ids: list[str] | None = None) -> list[Event]:
        """Mentions of events (all, or those with the given ids), in article and text order."""
        where, params = ("WHERE list_contains(?, id)", [ids]) if ids is not None else ("", [])
        return [event_from_row(r) for r in self._records(
            f"SELECT * FROM mentions {where} ORDER BY article_id, position, id", params)]

    def happenings(self, ids: list[str]) -> list[Event]:
        """The events of the table with these ids, each combined from every article's mention of it."""
        rows = self._records(
            "SELECT m.* FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE list_contains(?, coalesce(m.happening, m.id)) OR list_contains(?, m.id) "
            "ORDER BY a.added_at, m.article_id, m.position, m.id", [ids, ids])
        groups: dict[str, list[Event]] = {}
        for r in rows:
            key = r["happening"] or r["id"]
            if key in ids:
                groups.setdefault(key, []).append(event_from_row(r))
        return [combine(group, key) for key, group in groups.items()]

    def mentions(self, key: str) -> int:
        """How many mentions the table's event ``key`` groups."""
        return int(self._one("SELECT count(*) FROM mentions WHERE happening = ? OR id = ?", [key, key]) or 0)

    def edits(self, event_ids: list[str] | None = None, fields: tuple[str, ...] | None = None) -> list[Edit]:
        """A build holds no corrections of its own (they are laid over before it is built)."""
        return []

    def sources(self, article_id: str) -> pd.DataFrame:
        """Where the article came from: the one source the build keeps."""
        return self._frame("SELECT source, url, title, publisher, published, published_source FROM articles "
                           "WHERE id = ?", [article_id])

    # writing: refused
    def _refuse(self, *_: Any, **__: Any) -> Any:
        raise StoreError(f"{self.path} {READ_ONLY}")

    add = add_many = set_published = add_source = record = delete_article = _refuse
