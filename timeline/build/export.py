"""``timeline export --parquet DIR``: a SQL store (SQLite, PostgreSQL) in the columnar form a build
writes, so the dashboard can serve it through DuckDB and ``timeline build`` can start from it.

``articles/`` and ``mentions/`` are the stored rows as they are (each mention keeps the happening
the store gave it); ``events/`` is ``Store.table()``, people's corrections included. A later
``timeline build --out DIR`` adds articles to it and merges every mention anew with the merge rules,
which replaces the exported event table: people's corrections live in the SQL store, not in DIR.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Table, select

from timeline.build.happen import month_of
from timeline.build.layout import Layout, arrow_schema, check_out, frame_table, mark, write_parquet, write_views
from timeline.errors import BuildError
from timeline.schema import articles, events
from timeline.store import Store

CHUNK = 20_000


def _rows(store: Store, table: Table, order: Any) -> Iterator[list[dict[str, Any]]]:
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=CHUNK).execute(select(table).order_by(order)).mappings()
        for chunk in result.partitions(CHUNK):
            yield [dict(r) for r in chunk]


def export_parquet(store: Store, out: Path) -> dict[str, int]:
    """Write ``store`` into ``out`` (a new or empty folder): Parquet and ``timeline.duckdb``.

    Returns how many articles, mentions and events were written.

    Raises:
        BuildError: ``out`` holds a build or other files already.
    """
    layout = Layout(out)
    check_out(layout)
    if out.exists() and any(p for p in out.iterdir() if p.name != "FORMAT"):
        raise BuildError(f"{out} holds a build already: export into a new or empty folder")
    mark(layout)
    counts = {"articles": 0, "mentions": 0, "events": 0}
    for relation, table, folder, order in (("articles", articles, layout.articles, articles.c.id),
                                           ("mentions", events, layout.mentions, events.c.id)):
        for number, chunk in enumerate(_rows(store, table, order)):
            write_parquet(folder / f"part-export-{number:05d}.parquet",
                          frame_table(pd.DataFrame(chunk), arrow_schema(relation)))
            counts[relation] += len(chunk)
    frame = store.table()
    schema = arrow_schema("event_table")
    for month, rows in frame.groupby(frame["date_start"].map(month_of), sort=True):
        write_parquet(layout.events / f"month={month}" / "export.parquet", frame_table(rows, schema))
    counts["events"] = len(frame)
    write_views(layout, "timeline export --parquet")
    return counts
