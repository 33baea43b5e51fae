"""The dashboard's questions of the event table, asked in SQL (DuckDB), one way for every store.

A columnar build is queried in its own file; a SQL store's table (SQLite, PostgreSQL) is copied
once into an in-memory DuckDB table. Filters, counts, the counts per lane and period and the rows
of a zoomed window are SQL: only what a page draws reaches pandas. Every answer equals what
``timeline.filters`` and ``timeline.charts`` compute on the pandas table (tests/test_query.py).

Two approximations, both at the edge of the data: the keyword filter lowers text as DuckDB does
(``lower``: the same as Python's for all but a few letters such as "İ"), and ties between equally
frequent values are broken by first appearance in the table's order with ISO days (as stored).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go

from timeline import charts
from timeline.columnar import conformed, select_list
from timeline.filters import Filters, _precisions, count_text
from timeline.store import Store

SORT = "date_start NULLS LAST, date_end NULLS LAST, event_id"  # timeline.table.sort_table's order
# a text that sorts as SORT does (ISO days are all ten characters; '~' sorts after every digit)
FIRST_SEEN = "coalesce(date_start, '~') || '|' || coalesce(date_end, '~') || '|' || event_id"
CHART_COLUMNS = ["event_id", "date_start", "date_end", "precision", "derived", "event_type", "label", "actors",
                 "countries", "sources", "location"]
UNDATED_COLUMNS = ["event_id", "label", "event_type", "actors", "article_title", "published"]
EXPORT_LIMIT = 100_000  # rows a download of a view holds at most (the page says so when it holds more)
CACHED = 256  # answers kept per query object (counts and chart data: small)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Counted:
    """How many events a view holds, from how many articles, how many undated, of how many."""

    events: int
    articles: int
    undated: int
    total: int

    @property
    def dated(self) -> int:
        return self.events - self.undated

    def line(self, where: str = "listed below the chart") -> str:
        """The count line (``timeline.filters.count_line``)."""
        return count_text(self.events, self.total, self.articles, self.undated, where)


def where(f: Filters) -> tuple[str, list[Any]]:
    """The SQL predicate (and its parameters) of ``timeline.filters.apply``.

    >>> where(Filters(types=("04 Consult",), derived="Derived"))
    ('list_contains(?, event_type) AND coalesce(derived, false) = ?', [['04 Consult'], True])
    """
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        parts.append(sql)
        params.extend(values)

    if f.start:  # a dated event passes when its interval overlaps the range; undated ones never do
        add("coalesce(date_end, '') >= ?", f.start.isoformat())
    if f.end:
        add("date_start IS NOT NULL AND date_start <= ?", f.end.isoformat())
    if f.types:
        add("list_contains(?, event_type)", list(f.types))
    if f.actors:
        add("list_has_any(string_split(coalesce(actors, ''), '; '), ?)", list(f.actors))
    if f.countries:
        add("list_has_any(string_split(coalesce(countries, ''), '; '), ?)", list(f.countries))
    if f.precisions:
        add("list_contains(?, precision)", list(f.precisions))
    if f.derived != "All":
        add("coalesce(derived, false) = ?", f.derived == "Derived")
    if f.keyword.strip():
        needle = f.keyword.strip().lower()
        add("(coalesce(contains(lower(label), ?), false) OR contains(lower(coalesce(excerpt, '')), ?))", needle, needle)
    if f.sources:
        add("list_contains(?, publisher)", list(f.sources))
    if f.places:
        add("list_contains(?, coalesce(location, ''))", list(f.places))
    return " AND ".join(parts) or "TRUE", params


def _window(window: tuple[date | None, date | None]) -> tuple[str, list[Any]]:
    """What ``charts.timeline_figure`` keeps of a date window: intervals reaching into it (their end
    is the day after ``date_end``), so the day either side of it counts too."""
    if not (window[0] or window[1]):
        return "TRUE", []
    sql, params = ["date_end IS NOT NULL"], []
    if window[0]:
        sql.append("date_end >= ?")
        params.append((window[0] - timedelta(days=1)).isoformat())
    if window[1]:
        sql.append("date_start <= ?")
        params.append((window[1] + timedelta(days=1)).isoformat())
    return " AND ".join(sql), params


class EventQuery:
    """The event table as a DuckDB relation (the columns of ``timeline.table.COLUMNS``), and the
    questions the pages ask of it.

    >>> q = EventQuery.of_table(pd.DataFrame({"event_id": ["a"], "date_start": ["2025-07-18"],
    ...     "date_end": ["2025-07-18"], "article_id": ["x"], "actors": ["Kremlin; Donald Trump"]}))
    >>> q.count(Filters(actors=("Donald Trump",))).line()
    '1 events from 1 article(s).'
    """

    def __init__(self, conn: Any, relation: str = "event_table") -> None:
        self._conn, self._relation = conn, relation
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()

    @classmethod
    def of_table(cls, table: pd.DataFrame) -> EventQuery:
        """Over a copy of a pandas event table in an in-memory DuckDB (what a SQL store serves)."""
        import duckdb

        conn = duckdb.connect(":memory:")
        conn.register("incoming", conformed(table, "event_table"))
        conn.execute(f"CREATE TABLE event_table AS SELECT {select_list('event_table')} FROM incoming ORDER BY {SORT}")
        conn.unregister("incoming")
        return cls(conn)

    def _frame(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self._lock:  # one cursor per call: sessions query from their own threads
            cur = self._conn.cursor()
        try:
            return cur.execute(sql.replace("{rel}", self._relation), params or []).df()
        finally:
            cur.close()

    def _row(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
        with self._lock:
            cur = self._conn.cursor()
        try:
            return tuple(cur.execute(sql.replace("{rel}", self._relation), params or []).fetchone() or ())
        finally:
            cur.close()

    def _cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHED:
                self._cache.popitem(last=False)
        return value

    def _ranked(self, values: str, placed: str, params: list[Any], keep: str = "TRUE", cut: int | None = None,
                counts: pd.Series | None = None) -> pd.Series:
        """How often each value ``v`` of a relation occurs, most first, ties in the order the values
        first appear (row by row in the table's order, then ``i``, the place in the row): pandas'
        ``value_counts``. ``placed`` is ``values`` with ``i``; its keys are read for tied values only
        (only for those tied across the ``cut``-th place, when only the first ``cut`` matter)."""
        if counts is None:
            counts = self._frame(f"SELECT v, count(*) AS n FROM ({values}) WHERE v IS NOT NULL AND {keep} GROUP BY v",
                                 params).set_index("v")["n"]
        shared = counts[counts.duplicated(keep=False)]
        if cut is not None:
            edge = counts.sort_values(ascending=False).iloc[cut - 1] if 0 < cut < len(counts) else None
            shared = shared[shared == edge]
        tied = shared.index.tolist()
        first = pd.Series("", index=counts.index)
        if tied:
            keys = self._frame(f"SELECT v, min({FIRST_SEEN} || '|' || lpad(i::VARCHAR, 6, '0')) AS k FROM ({placed}) "
                               "WHERE list_contains(?, v) GROUP BY v", [*params, tied]).set_index("v")["k"]
            first.loc[keys.index] = keys
        order = pd.DataFrame({"n": counts, "k": first}).sort_values(["n", "k"], ascending=[False, True], kind="stable")
        return order["n"].rename_axis(None)

    # what the filters offer
    def total(self) -> int:
        """How many events the table holds."""
        return self._cached("total", lambda: int(self._row("SELECT count(*) FROM {rel}")[0]))

    def options(self) -> dict[str, list[str]]:
        """The values each filter offers: ``timeline.filters.options`` of the table."""
        return self._cached("options", self._options)

    def _options(self) -> dict[str, list[str]]:
        def distinct(column: str) -> list[str]:
            frame = self._frame(f"SELECT DISTINCT {column} AS v FROM {{rel}} WHERE {column} IS NOT NULL")
            return sorted(frame["v"].tolist())

        def ranked(column: str) -> list[str]:
            split = f"string_split(coalesce({column}, ''), '; ')"
            return self._ranked(f"SELECT *, unnest({split}) AS v FROM {{rel}}",
                                f"SELECT *, unnest({split}) AS v, generate_subscripts({split}, 1) AS i FROM {{rel}}",
                                [], "v <> ''").index.tolist()

        span = self._row("SELECT min(d), max(d) FROM (SELECT date_start AS d FROM {rel} UNION ALL SELECT date_end "
                         "FROM {rel} UNION ALL SELECT published FROM {rel}) WHERE regexp_full_match(d, '\\d{4}-\\d{2}-\\d{2}')")
        return {"types": distinct("event_type"), "actors": ranked("actors"), "countries": ranked("countries"),
                "precision": _precisions(set(distinct("precision"))), "sources": distinct("publisher"),
                "places": ranked("location"), "dates": [span[0], span[1]] if span and span[0] else []}

    # counts
    def count(self, f: Filters) -> Counted:
        """How many events pass the filters, from how many articles, how many undated."""
        def compute() -> Counted:
            sql, params = where(f)
            n, articles, undated = self._row("SELECT count(*), count(DISTINCT article_id), count(*) FILTER "
                                             f"(WHERE date_start IS NULL) FROM {{rel}} WHERE {sql}", params)
            return Counted(int(n), int(articles), int(undated), self.total())
        return self._cached(("count", f), compute)

    def count_upcoming(self, f: Filters, today: date) -> int:
        """How many derived deadlines of the view fall on ``today`` or later (``export.upcoming``)."""
        sql, params = where(f)
        return int(self._row(f"SELECT count(*) FROM {{rel}} WHERE {sql} AND coalesce(derived, false) AND "
                             "coalesce(date_start, '') >= ?", [*params, today.isoformat()])[0])

    def _days(self, f: Filters) -> pd.DataFrame:
        """The view's dated events per first and last day: ``date_start``, ``date_end``, ``events``
        (a few thousand rows whatever the size of the view)."""
        return self._raw_groups(f, "event_type").groupby(["date_start", "date_end"], dropna=False)["events"].sum(
        ).reset_index()

    def stretch(self, f: Filters) -> tuple[date, date] | None:
        """``charts.busiest_stretch`` of the view's dated events, from their counts per day."""
        def compute() -> tuple[date, date] | None:
            days = self._days(f)
            return charts.busiest_stretch_of(days.groupby(pd.to_datetime(days["date_start"]))["events"].sum())
        return self._cached(("stretch", f), compute)

    def dated_span(self, f: Filters) -> tuple[str | None, str | None]:
        """The first ``date_start`` and the last ``date_end`` of the view's dated events (ISO)."""
        days = self._days(f)
        first, last = days["date_start"].min(), days["date_end"].dropna().max()
        return (first if isinstance(first, str) else None), (last if isinstance(last, str) else None)

    def count_within(self, f: Filters, first: date, last: date) -> int:
        """How many dated events of the view reach into ``first`` … ``last``."""
        days = self._days(f)
        inside = days["date_end"].notna() & (days["date_end"] >= first.isoformat()) & \
            (days["date_start"] <= last.isoformat())
        return int(days.loc[inside, "events"].sum())

    # the timeline
    def _lane_rows(self, f: Filters, lane: str, placed: bool = False) -> tuple[str, list[Any]]:
        """SQL of the view's dated rows with a ``lane`` (an event in each of its actors' or
        countries' lanes, ``i`` its place there when ``placed``), as ``charts._lane_rows`` makes them."""
        sql, params = where(f)
        if lane not in ("actor", "country"):
            return f"SELECT *, event_type AS lane, 1 AS i FROM {{rel}} WHERE {sql} AND date_start IS NOT NULL", params
        split = f"string_split(coalesce({'actors' if lane == 'actor' else 'countries'}, ''), '; ')"
        place = f", generate_subscripts({split}, 1) AS i" if placed else ""
        return (f"SELECT * EXCLUDE (l), CASE WHEN l = '' THEN '(no {lane})' ELSE l END AS lane FROM (SELECT *, "
                f"unnest({split}) AS l{place} FROM {{rel}} WHERE {sql} AND date_start IS NOT NULL)", params)

    def busiest_lanes(self, f: Filters, lane: str) -> list[str] | None:
        """The lanes that keep a row of their own (``charts.busiest_lanes`` of the whole view)."""
        def compute() -> list[str] | None:
            rows, params = self._lane_rows(f, lane)
            placed, _ = self._lane_rows(f, lane, placed=True)
            counts = self._raw_groups(f, lane).groupby("lane")["events"].sum() if lane == "event_type" else None
            ranked = self._ranked(f"SELECT *, lane AS v FROM ({rows})", f"SELECT *, lane AS v FROM ({placed})", params,
                                  cut=charts.MAX_LANES - 1, counts=counts)
            return charts.busiest_lanes(ranked)
        return self._cached(("lanes", f, lane), compute)

    def _raw_groups(self, f: Filters, lane: str) -> pd.DataFrame:
        """The view's dated events per lane, first day and last day (``lane``, ``date_start``,
        ``date_end``, ``events``), every lane its own."""
        def compute() -> pd.DataFrame:
            rows, params = self._lane_rows(f, lane)
            return self._frame(f"SELECT lane, date_start, date_end, count(*) AS events FROM ({rows}) WHERE lane IS "
                               "NOT NULL GROUP BY ALL", params)
        return self._cached(("raw", f, lane), compute)

    def _lane_groups(self, f: Filters, lane: str) -> pd.DataFrame:
        """The view's dated events per lane as drawn (the busiest, and "(other …s)"), first day and
        last day: ``lane``, ``date_start``, ``date_end``, ``events``. Small (lanes × days), so a
        window's counts are worked out from it without another query."""
        def compute() -> pd.DataFrame:
            kept = self.busiest_lanes(f, lane)
            if lane == "event_type":  # a lane per type: few, so grouped here from every type's
                groups = self._raw_groups(f, lane)
                if kept is None:
                    return groups
                named = groups["lane"].where(groups["lane"].isin(set(kept)), f"(other {lane}s)")
                return groups.assign(lane=named).groupby(["lane", "date_start", "date_end"], dropna=False)["events"].sum(
                ).reset_index()
            rows, params = self._lane_rows(f, lane)
            named_sql = "lane" if kept is None else f"CASE WHEN list_contains(?, lane) THEN lane ELSE '(other {lane}s)' END"
            return self._frame(f"SELECT {named_sql} AS lane, date_start, date_end, count(*) AS events FROM ({rows}) "
                               "GROUP BY ALL", ([] if kept is None else [kept]) + params)
        return self._cached(("groups", f, lane), compute)

    def chart_data(self, f: Filters, lane: str, window: tuple[date | None, date | None] = (None, None),
                   max_marks: int = charts.MAX_MARKS) -> tuple[pd.DataFrame | charts.LaneCounts, list[str] | None]:
        """What the timeline of the view draws in ``window``: its rows (the columns the chart reads)
        when their marks fit in ``max_marks``, else their counts per lane and period; and the lanes
        that keep a row of their own."""
        return self._cached(("chart", f, lane, window, max_marks), lambda: self._chart_data(f, lane, window, max_marks))

    def _chart_data(self, f: Filters, lane: str, window: tuple[date | None, date | None], max_marks: int
                    ) -> tuple[pd.DataFrame | charts.LaneCounts, list[str] | None]:
        kept = self.busiest_lanes(f, lane)
        groups = self._lane_groups(f, lane)
        if window[0] or window[1]:  # as _window: intervals reaching into it
            inside = groups["date_end"].notna()
            if window[0]:
                inside &= groups["date_end"] >= (window[0] - timedelta(days=1)).isoformat()
            if window[1]:
                inside &= groups["date_start"] <= (window[1] + timedelta(days=1)).isoformat()
            groups = groups[inside]
        if groups["events"].sum() <= max_marks:
            sql, params = where(f)
            inside_sql, more = _window(window)
            return self._frame(f"SELECT {', '.join(CHART_COLUMNS)} FROM {{rel}} WHERE {sql} AND date_start IS NOT NULL "
                               f"AND {inside_sql} ORDER BY {SORT}", params + more), kept
        per_day = groups.groupby(["lane", "date_start"], as_index=False).agg(date_end=("date_end", "max"),
                                                                               events=("events", "sum"))
        names = {name: charts.lane_name(name) for name in per_day["lane"].unique()}
        rows = pd.DataFrame({"lane": per_day["lane"].map(names),
                             "start": pd.to_datetime(per_day["date_start"], format="%Y-%m-%d"),
                             "end": pd.to_datetime(per_day["date_end"], format="%Y-%m-%d") + pd.Timedelta(days=1),
                             "events": per_day["events"]})
        return charts.lane_counts(rows, min(max_marks, charts.AGG_MARKS)), kept

    def figure(self, f: Filters, lane: str = "event_type", window: tuple[date | None, date | None] = (None, None),
               today: date | None = None) -> go.Figure:
        """The view's timeline (``charts.timeline_figure``), drawn from SQL's rows or counts."""
        data, kept = self.chart_data(f, lane, window)
        if isinstance(data, charts.LaneCounts):
            return charts.counts_figure(data, lane, today, window)
        return charts.timeline_figure(data, lane, today, window=window, kept=kept)

    # rows
    def rows(self, f: Filters, columns: list[str] | None = None, limit: int | None = None) -> pd.DataFrame:
        """The rows of the view in the table's order (the first ``limit``)."""
        sql, params = where(f)
        return self._frame(f"SELECT {', '.join(columns) if columns else '*'} FROM {{rel}} WHERE {sql} ORDER BY {SORT}"
                           + ("" if limit is None else f" LIMIT {int(limit)}"), params)

    def export(self, f: Filters, build: Callable[[pd.DataFrame], bytes], limit: int = EXPORT_LIMIT) -> bytes:
        """A download of the view (its first ``limit`` rows) as ``build`` writes it (``timeline.export``)."""
        return build(self.rows(f, limit=limit))

    def undated(self, f: Filters, limit: int) -> pd.DataFrame:
        """The first ``limit`` undated rows of the view (what the list under the chart shows)."""
        sql, params = where(f)
        return self._frame(f"SELECT {', '.join(UNDATED_COLUMNS)} FROM {{rel}} WHERE {sql} AND date_start IS NULL "
                           f"ORDER BY {SORT} LIMIT {int(limit)}", params)

    def on_day(self, f: Filters, day: str, columns: list[str]) -> pd.DataFrame:
        """The view's day events on ``day`` (ISO)."""
        sql, params = where(f)
        return self._frame(f"SELECT {', '.join(columns)} FROM {{rel}} WHERE {sql} AND date_start <= ? AND "
                           f"date_end >= ? AND precision = 'day' ORDER BY {SORT}", [*params, day, day])

    def by_ids(self, ids: list[str], f: Filters | None = None) -> pd.DataFrame:
        """The rows with these event ids (those of them the filters let through, if given)."""
        sql, params = where(f or Filters())
        return self._frame(f"SELECT * FROM {{rel}} WHERE list_contains(?, event_id) AND {sql} ORDER BY {SORT}",
                           [list(ids), *params])

    def of_article(self, article_id: str) -> pd.DataFrame:
        """The rows whose excerpt comes from this article."""
        return self._frame(f"SELECT * FROM {{rel}} WHERE article_id = ? ORDER BY {SORT}", [article_id])

    def articles_of(self, f: Filters, limit: int) -> tuple[list[str], str | None, str | None] | None:
        """The articles behind the view (None when more than ``limit``) with its first and last
        dates: what key dates rank."""
        sql, params = where(f)
        ids = self._frame(f"SELECT DISTINCT article_id FROM {{rel}} WHERE {sql} LIMIT {int(limit) + 1}", params)
        if len(ids) > limit:
            return None
        first, last = self._row(f"SELECT min(date_start), max(date_end) FROM {{rel}} WHERE {sql}", params)
        return ids["article_id"].tolist(), first, last


def query_of(store: Store) -> EventQuery:
    """The queries of a store: in its own file for a columnar build, else over its event table
    copied into DuckDB (the pandas table is let go)."""
    from timeline.columnstore import ColumnStore

    if isinstance(store, ColumnStore):
        return EventQuery(store.conn)
    return EventQuery.of_table(store.table())
