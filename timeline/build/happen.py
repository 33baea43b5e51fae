"""The second pass of a build: one event per happening across the whole corpus.

Mentions only ever join mentions of the same kind of act by a shared actor at dates that agree
(``timeline.events.merge``), so the pass is a shuffle by (CAMEO root, actor, date window): the
mentions linked by those keys form clusters that cannot meet one another, packed into buckets of a
few thousand mentions (``shuffle.py``). Each bucket is merged on its own: its mentions in the
corpus order (article id, position in the article, id: the order ``Store.events`` reads),
``merge.group_across`` over them, and ``merge.combine`` for each happening of several mentions. The
groups are exactly those ``group_across`` gives on the whole corpus; the rules are ``merge.py``'s,
not a copy.

Each bucket's task writes the event table rows of its happenings
(``events/month=YYYY-MM/happen-KEY.parquet``, KEY a hash of its mention ids) and each mention's
happening (``happenings/happen-KEY.parquet``): a
single mention's row comes straight from its mention row and its article's metadata, as
``Store.table`` makes it in SQL; a merged happening's comes from ``table.table_rows``, with the one
article it needs (its primary excerpt's) read from ``articles/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from timeline.build.layout import Layout, arrow_schema, content_key, frame_table, write_parquet
from timeline.build.shuffle import buckets
from timeline.events.merge import combine, group_across
from timeline.events.text import quad_class
from timeline.model import Article
from timeline.schema import article_from_row, event_from_row, joined
from timeline.table import COLUMNS, primary, publisher_of_row, table_rows

SUMMARY = pd.DataFrame({"key": pd.Series(dtype=object), "mentions": pd.Series(dtype="int64"),
                        "events": pd.Series(dtype="int64")})
_INTEGERS = ("position", "excerpt_start", "excerpt_end", "mentions", "sources")
_META = ["id", "title", "published", "publisher", "url", "source"]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as dicts, missing values as None and counts as ints, in the merge pass's order."""
    rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in
                                  frame.astype(object).where(frame.notna(), None).to_dict("records")]
    for row in rows:
        for column in _INTEGERS:
            if row.get(column) is not None:
                row[column] = int(row[column])
        row["derived"] = bool(row["derived"])
    return sorted(rows, key=lambda r: (r["article_id"], r["position"], r["id"]))


def read_articles(layout: Layout, ids: set[str], columns: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows of ``articles/`` with these ids (all columns, or those given)."""
    if not ids:
        return []
    dataset = ds.dataset(str(layout.articles), format="parquet", exclude_invalid_files=True,
                         ignore_prefixes=["."])
    table = dataset.to_table(columns=columns, filter=pc.field("id").isin(pa.array(sorted(ids))))
    return list(table.to_pylist())


def single_row(r: dict[str, Any], article: dict[str, Any] | None) -> dict[str, Any]:
    """The event table's row of a happening that one mention reports (as ``Store.table`` makes it)."""
    a = article or {}
    return {
        "event_id": r["id"], "date_start": r["date_start"], "date_end": r["date_end"], "precision": r["precision"],
        "derived": r["derived"], "date_text": r["date_text"], "date_reason": r["reason"],
        "event_type": r["event_type"], "label": r["label"], "actors": joined(r["actors"]), "excerpt": r["excerpt"],
        "excerpt_start": r["excerpt_start"], "excerpt_end": r["excerpt_end"], "article_id": r["article_id"],
        "article_title": a.get("title"), "published": a.get("published"), "mentions": r["mentions"],
        "sources": r["sources"], "countries": r["countries"],
        "publisher": publisher_of_row(a.get("publisher"), a.get("url"), a.get("source")), "url": a.get("url"),
        "source_actors": joined(r["subject"]), "target_actors": joined(r["target"]),
        "quad_class": quad_class(r["event_type"]), "date_conflicts": "",
        "location": r["location"] or "", "location_country": r["location_country"] or "",
        "cameo_code": r["cameo"] or "", "plover_type": r["plover"] or "", "plover_mode": r["plover_mode"] or "",
        "corrected": "",
    }


def merge_rows(rows: list[dict[str, Any]], layout: Layout) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The event table rows of one bucket's mentions and each mention's happening (id, happening)."""
    events = [event_from_row(r) for r in rows]
    by_id = {r["id"]: r for r in rows}
    groups = group_across(events)
    meta = {a["id"]: a for a in read_articles(layout, {r["article_id"] for r in rows}, _META)}
    merged = {group[0].id: combine(group, group[0].id) for group in groups if len(group) > 1}
    # a row reads one article: its primary excerpt's (its title, and the date as written in its text)
    needed = {h.excerpts[primary(h)].article_id for h in merged.values()}
    full: dict[str, Article] = {a["id"]: article_from_row(a) for a in read_articles(layout, needed)}
    table: list[dict[str, Any]] = []
    links: list[tuple[str, str]] = []
    for group in groups:
        key = group[0].id
        links.extend((e.id, key) for e in group)
        if key in merged:
            happening = merged[key]
            article = full.get(happening.excerpts[primary(happening)].article_id)
            table.extend(table_rows([happening], [article] if article else []))
        else:
            row = by_id[key]
            table.append(single_row(row, meta.get(row["article_id"])))
    return table, links


def month_of(date_start: object) -> str:
    """The ``month=`` partition of an event.

    >>> month_of("2022-02-24"), month_of(None)
    ('2022-02', 'undated')
    """
    return date_start[:7] if isinstance(date_start, str) and date_start else "undated"


def happen_group(frame: pd.DataFrame, out: str, stage: str) -> pd.DataFrame:
    """The task of one bucket of mentions: merge them, write their event rows and happenings under
    the staging folders ``out/.events-STAGE`` and ``out/.happenings-STAGE`` (files named by a hash
    of the bucket's mention ids); a one-row summary."""
    layout = Layout(Path(out))
    rows = records(frame.drop(columns=["bucket"], errors="ignore"))
    if not rows:
        return SUMMARY.copy()
    table, links = merge_rows(rows, layout)
    key = content_key(r["id"] for r in rows)
    name = f"happen-{key}.parquet"
    write_parquet(layout.root / f".happenings-{stage}" / name,
                  pa.table({"id": [i for i, _ in links], "happening": [h for _, h in links]}))
    by_month: dict[str, list[dict[str, Any]]] = {}
    for row in table:
        by_month.setdefault(month_of(row["date_start"]), []).append(row)
    schema = arrow_schema("event_table")
    for month, month_rows in sorted(by_month.items()):
        write_parquet(layout.root / f".events-{stage}" / f"month={month}" / name,
                      frame_table(pd.DataFrame(month_rows, columns=COLUMNS), schema))
    return pd.DataFrame({"key": [key], "mentions": [len(rows)], "events": [len(table)]})


def stage_paths(layout: Layout, stage: str) -> dict[Path, Path]:
    """Where each staging folder of a merge pass goes once the pass is whole."""
    return {layout.root / f".events-{stage}": layout.events, layout.root / f".happenings-{stage}": layout.happenings}


def mention_frame(paths: list[Path], columns: list[str] | None = None) -> pd.DataFrame:
    """Every mention of ``mentions/`` in one frame (all columns, or those given), in file order."""
    import pyarrow.parquet as pq

    tables = [pq.read_table(p, columns=columns) for p in paths]
    if tables:
        return pa.concat_tables(tables).to_pandas()
    return pd.DataFrame(columns=columns or arrow_schema("mentions").names)


def bucketed(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """A frame of mentions split into its merge buckets (``shuffle.buckets``), in bucket order."""
    return [group for _, group in frame.assign(bucket=buckets(frame)).groupby("bucket", sort=True)]
