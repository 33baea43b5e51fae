"""Where a build keeps what: the Parquet folders, the layout marker, the report and the DuckDB file of
views over them (``timeline.columnar`` says what the relations hold).

    DIR/FORMAT                  "timeline build layout N": which layout DIR follows
    DIR/articles/part-K.parquet one file per extracted partition (K: a hash of its article ids)
    DIR/mentions/part-K.parquet the mentions of those articles (``happening`` = their own id)
    DIR/happenings/root-RR.parquet  (id, happening) of each mention, from the merge pass
    DIR/events/month=YYYY-MM/root-RR.parquet  the event table (``month=undated`` for undated events)
    DIR/report.jsonl            what failed in the last build: input, article id, reason
    DIR/timeline.duckdb         views ``articles``, ``mentions``, ``event_table`` and ``timeline_format``

The views name the Parquet files by absolute path: move DIR and the views point at the old place;
build again (nothing is extracted anew) to point them at the new one. Every file is written to a
temporary name and renamed, so a task run twice (a worker lost, a partition retried) leaves one
whole file.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import columnar
from timeline.errors import BuildError

MARKER = "FORMAT"
DB_NAME = "timeline.duckdb"
_ARROW = {"VARCHAR": pa.string(), "BOOLEAN": pa.bool_(), "INTEGER": pa.int32()}


@dataclass(frozen=True, slots=True)
class Layout:
    """The paths of one build directory.

    >>> Layout(Path("/tmp/b")).events
    PosixPath('/tmp/b/events')
    """

    root: Path

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    @property
    def mentions(self) -> Path:
        return self.root / "mentions"

    @property
    def happenings(self) -> Path:
        return self.root / "happenings"

    @property
    def events(self) -> Path:
        return self.root / "events"

    @property
    def marker(self) -> Path:
        return self.root / MARKER

    @property
    def report(self) -> Path:
        return self.root / "report.jsonl"

    @property
    def db(self) -> Path:
        return self.root / DB_NAME


def marker_text(version: int = columnar.FORMAT_VERSION) -> str:
    """What ``DIR/FORMAT`` says.

    >>> marker_text(1)
    'timeline build layout 1\\n'
    """
    return f"timeline build layout {version}\n"


def check_out(layout: Layout) -> None:
    """Refuse to build into a folder of another layout, or one that holds other things.

    Raises:
        BuildError: saying what the folder is and what to run.
    """
    root = layout.root
    if not root.exists():
        return
    if not root.is_dir():
        raise BuildError(f"{root} is a file, not a folder: give --out a folder to build into")
    if not layout.marker.exists():
        if any(root.iterdir()):
            raise BuildError(f"{root} holds files but no timeline build ({MARKER} is missing): "
                             "build into a new or empty --out")
        return
    text = layout.marker.read_text(encoding="utf-8", errors="replace").strip()
    version = text.rsplit(" ", 1)[-1]
    if text != marker_text().strip():
        raise BuildError(f"{root} was written in layout {version or '?'} and this version writes layout "
                         f"{columnar.FORMAT_VERSION}: remove {root} or build into a new --out "
                         "(`timeline build INPUT... --out NEW_DIR`)")


def mark(layout: Layout) -> None:
    """Write the layout marker (before anything else, so a half-written folder is still ours)."""
    layout.root.mkdir(parents=True, exist_ok=True)
    write_atomic(layout.marker, marker_text().encode())


def arrow_schema(relation: str, extra: Iterable[tuple[str, pa.DataType]] = ()) -> pa.Schema:
    """The Parquet schema of a relation: the contract's columns and types (and ``extra`` ones)."""
    fields = [pa.field(c, _ARROW[columnar.typed(c)]) for c in columnar.RELATIONS[relation]]
    return pa.schema(fields + [pa.field(name, kind) for name, kind in extra])


def frame_table(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """A frame as an Arrow table of exactly ``schema`` (missing columns empty)."""
    frame = frame.reindex(columns=schema.names)
    columns = [pa.array([None if _missing(v) else v for v in frame[f.name].tolist()], type=f.type)
               for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str | bool | int) and bool(pd.isna(value)))


def content_key(ids: Iterable[str]) -> str:
    """A file's name part from the ids it holds: the same ids make the same key, in any order.

    >>> content_key([])
    'da39a3ee5e6b4b0d'
    """
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:16]


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: to a temporary name beside it, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def write_parquet(path: Path, table: pa.Table) -> None:
    """Write an Arrow table as one Parquet file, atomically (see ``write_atomic``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, temp, compression="zstd")
    os.replace(temp, path)


def parts(folder: Path) -> list[Path]:
    """The Parquet files under a folder, at any depth, in name order (temporary files left out)."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*.parquet") if not p.name.startswith("."))


def read_ids(folder: Path) -> set[str]:
    """The ids in the ``id`` column of every Parquet file under a folder."""
    return {i for p in parts(folder) for i in pq.read_table(p, columns=["id"]).column("id").to_pylist()}


def write_report(layout: Layout, rows: list[dict[str, Any]]) -> None:
    """The build's report: one JSON line per failure (kind, source, article_id, reason)."""
    write_atomic(layout.report, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())


def _scan(folder: Path, hive: bool = False) -> str:
    pattern = str(folder.resolve() / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{pattern}', union_by_name=true{', hive_partitioning=true' if hive else ''})"


def _empty(relation: str) -> str:
    return "SELECT " + ", ".join(f'CAST(NULL AS {columnar.typed(c)}) AS "{c}"'
                                 for c in columnar.RELATIONS[relation]) + " WHERE false"


def view_sql(layout: Layout) -> dict[str, str]:
    """The SQL of each view over the build's Parquet files (an empty relation where a folder has none).

    ``mentions`` takes each mention's ``happening`` from the merge pass (``happenings/``)."""
    sql = {}
    sql["articles"] = (f"SELECT {columnar.select_list('articles')} FROM {_scan(layout.articles)}"
                       if parts(layout.articles) else _empty("articles"))
    if parts(layout.mentions):
        source = _scan(layout.mentions)
        if parts(layout.happenings):
            source = (f"(SELECT m.* REPLACE (coalesce(h.happening, m.happening) AS happening) FROM {source} m "
                      f"LEFT JOIN {_scan(layout.happenings)} h ON h.id = m.id)")
        sql["mentions"] = f"SELECT {columnar.select_list('mentions')} FROM {source}"
    else:
        sql["mentions"] = _empty("mentions")
    sql["event_table"] = (f"SELECT {columnar.select_list('event_table')} FROM {_scan(layout.events, hive=True)}"
                          if parts(layout.events) else _empty("event_table"))
    return sql


def write_views(layout: Layout, writer: str) -> None:
    """Write ``DIR/timeline.duckdb``: the views and ``timeline_format``, replaced whole (built in a
    temporary file and renamed, so a reader never opens a half-written one)."""
    import duckdb

    temp = layout.db.with_name(f".{DB_NAME}.{uuid.uuid4().hex[:8]}.tmp")
    conn = duckdb.connect(str(temp))
    try:
        for name, select in view_sql(layout).items():
            conn.execute(f"CREATE OR REPLACE VIEW {name} AS {select}")
        columnar.mark_format(conn, writer)
        columnar.check_format(conn, str(layout.db))
    finally:
        conn.close()
    os.replace(temp, layout.db)


def open_db(layout: Layout) -> Any:
    """The build's DuckDB file, read-only, its layout checked."""
    import duckdb

    if not layout.db.exists():
        raise BuildError(f"{layout.db} does not exist: build it with `timeline build INPUT... --out {layout.root}`")
    conn = duckdb.connect(str(layout.db), read_only=True)
    columnar.check_format(conn, str(layout.db))
    return conn


_ORDER = {"articles": ["id"], "mentions": ["id"], "event_table": ["event_id"]}


def contents(layout: Layout) -> dict[str, pd.DataFrame]:
    """What a build holds, relation by relation, in a fixed row order and without ``added_at`` (the
    one column that says when rather than what): two builds of the same inputs compare equal."""
    conn = open_db(layout)
    try:
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY {', '.join(order)}").df()
                .drop(columns=["added_at"], errors="ignore") for name, order in _ORDER.items()}
    finally:
        conn.close()
