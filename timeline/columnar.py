"""The columnar form of a store: what ``timeline build`` writes, ``timeline synth`` and ``timeline
export --parquet`` can write, and the dashboard serves through DuckDB (``duckdb:///PATH``).

A columnar store is a DuckDB file holding three relations (tables, or views over Parquet files):

- ``articles``: one row per article, the columns of ``timeline.schema.articles``;
- ``mentions``: one row per article's mention of an event, the columns of ``timeline.schema.events``
  (``happening`` names the event of the table it is one with);
- ``event_table``: the event table, one row per happening, the columns of ``timeline.table.COLUMNS``;

and ``timeline_format`` (one row: ``version``, ``written_at``, ``writer``), which says which layout
it follows. Dates are ISO text (``YYYY-MM-DD``), as in the SQL store and the pandas table, so the
same comparisons hold everywhere. A file of another version is refused with what to run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from timeline.errors import StoreError
from timeline.schema import articles, events, now
from timeline.table import COLUMNS

FORMAT_VERSION = 1
SCHEME = "duckdb:///"
ARTICLE_COLUMNS = [c.name for c in articles.columns]
MENTION_COLUMNS = [c.name for c in events.columns]
RELATIONS = {"articles": ARTICLE_COLUMNS, "mentions": MENTION_COLUMNS, "event_table": COLUMNS}
# the DuckDB types of the columns that are not text
_TYPES = {"derived": "BOOLEAN", "position": "INTEGER", "revision": "INTEGER", "excerpt_start": "INTEGER",
          "excerpt_end": "INTEGER", "mentions": "INTEGER", "sources": "INTEGER"}


def is_columnar(url: str) -> bool:
    """Whether a store URL names a DuckDB file.

    >>> is_columnar("duckdb:///data/build/timeline.duckdb"), is_columnar("sqlite:///data/timeline.db")
    (True, False)
    """
    return url.startswith("duckdb://")


def path_of(url: str) -> Path:
    """The file a ``duckdb:///PATH`` URL names (``duckdb:////abs/path`` or ``duckdb:///rel/path``).

    >>> str(path_of("duckdb:///build/timeline.duckdb"))
    'build/timeline.duckdb'
    """
    if not url.startswith(SCHEME) or len(url) == len(SCHEME):
        raise StoreError(f"{url!r} is not a DuckDB store URL; write it as duckdb:///PATH/timeline.duckdb")
    return Path(url.removeprefix(SCHEME))


def typed(column: str) -> str:
    """The DuckDB type of a column of any relation."""
    return _TYPES.get(column, "VARCHAR")


def select_list(relation: str) -> str:
    """The relation's columns, each cast to its type, in their order: what a view selects."""
    return ", ".join(f'CAST("{c}" AS {typed(c)}) AS "{c}"' for c in RELATIONS[relation])


def check_format(conn: Any, where: str) -> None:
    """Refuse a columnar store written in another layout (or not by us), saying what to run.

    ``conn`` is a DuckDB connection; ``where`` names the store in the message."""
    try:
        row = conn.execute("SELECT max(version) FROM timeline_format").fetchone()
    except Exception as exc:  # duckdb.CatalogException: no such table
        raise StoreError(f"{where} is not a timeline store (no timeline_format table): build one with "
                         "`timeline build INPUT... --out DIR` or `timeline export --parquet DIR`") from exc
    version = row[0] if row else None
    if version != FORMAT_VERSION:
        raise StoreError(f"{where} was written in layout {version} and this version reads layout {FORMAT_VERSION}: "
                         "build it again with `timeline build INPUT... --out DIR` (the inputs, or "
                         "`timeline export --parquet` of the SQL store it came from)")
    missing = [name for name in RELATIONS if not _exists(conn, name)]
    if missing:
        raise StoreError(f"{where} lacks {', '.join(missing)}: build it again with `timeline build`")


def _exists(conn: Any, name: str) -> bool:
    return bool(conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                             [name]).fetchone()[0])


def mark_format(conn: Any, writer: str) -> None:
    """Write the ``timeline_format`` row (replacing any)."""
    conn.execute("CREATE OR REPLACE TABLE timeline_format (version INTEGER, written_at VARCHAR, writer VARCHAR)")
    conn.execute("INSERT INTO timeline_format VALUES (?, ?, ?)", [FORMAT_VERSION, now(), writer])


def conformed(frame: pd.DataFrame, relation: str) -> pd.DataFrame:
    """A frame with exactly the relation's columns, in order (missing ones empty)."""
    columns = RELATIONS[relation]
    return frame.reindex(columns=columns)


_NAME = re.compile(r"[a-z_]+")


def write_tables(path: Path, frames: dict[str, pd.DataFrame], writer: str) -> None:
    """Write a columnar store as tables in one DuckDB file (what ``synth`` and small exports do;
    ``timeline build`` writes views over Parquet instead). Replaces the relations it is given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _load(path, frames, "CREATE OR REPLACE TABLE {name} AS SELECT {columns} FROM incoming", writer)


def append_tables(path: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Append rows to the relations of a columnar store ``write_tables`` wrote (a corpus written in
    batches: ``timeline synth`` at a million events never holds it whole)."""
    _load(path, frames, "INSERT INTO {name} SELECT {columns} FROM incoming", None)


def _load(path: Path, frames: dict[str, pd.DataFrame], statement: str, writer: str | None) -> None:
    """Each frame into its relation by ``statement``, in one transaction (a new store, its views
    dropped and its layout marked, when ``writer`` is given)."""
    import duckdb

    conn = duckdb.connect(str(path))
    try:
        conn.execute("BEGIN")
        for name, frame in frames.items():
            if name not in RELATIONS or not _NAME.fullmatch(name):
                raise ValueError(f"unknown relation {name!r}")
            conn.register("incoming", conformed(frame, name))
            if writer is not None:
                conn.execute(f"DROP VIEW IF EXISTS {name}")
            conn.execute(statement.format(name=name, columns=select_list(name)))
            conn.unregister("incoming")
        if writer is not None:
            mark_format(conn, writer)
        conn.execute("COMMIT")
    finally:
        conn.close()


def sort_event_table(path: Path) -> None:
    """Store the event table in its order (``timeline.table.sort_table``'s), so date filters skip
    whole row groups and ordered reads need no sort."""
    import duckdb

    conn = duckdb.connect(str(path))
    try:
        conn.execute("CREATE OR REPLACE TABLE event_table AS SELECT * FROM event_table "
                     "ORDER BY date_start NULLS LAST, date_end NULLS LAST, event_id")
    finally:
        conn.close()
