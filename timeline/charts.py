"""Pure Plotly figure builders: a DataFrame in, a Figure out (testable without Streamlit)."""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.colours import type_colour
from timeline.table import readable_type

MAX_LANES = 20  # more lanes than this and the chart stops being readable
AGG_MARKS = 400  # counts are drawn with at most this many marks (fewer marks, faster redraws)
MAX_MARKS = 1500  # above this many marks the view shows counts per lane and period (level of detail)
BUCKETS = (("D", "day"), ("W-MON", "week"), ("MS", "month"), ("QS", "quarter"), ("YS", "year"))
_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"
AGGREGATE = "agg"
MAX_COUNTDOWNS = 30  # deadlines labelled with their countdown; the rest say it on hover
NEUTRAL = "#0072B2"  # the counts view's marks: one colour, their size says how many


def lane_name(value: object) -> str:
    """A lane as the chart names it: readable ("Unclassified"), wrapped every 18 characters.

    >>> lane_name("-- Unclassified"), lane_name("05 Engage in diplomatic cooperation")
    ('Unclassified', '05 Engage in<br>diplomatic<br>cooperation')
    """
    name = readable_type(value)
    return "<br>".join(textwrap.wrap(name, 18)) or name


def _lane_rows(table: pd.DataFrame, lane: str, kept: list[str] | None = None) -> pd.DataFrame:
    """Dated rows with a ``lane`` column; an event with several actors or countries sits in each
    of their lanes. ``kept``: the lanes that keep their own row when the table is a window of a
    larger view (the view's busiest, as ``busiest_lanes`` picks them); by default the table's own."""
    needed = ["event_id", "date_start", "date_end", "precision", "derived", "event_type", "label", "actors",
              "countries", "sources"] + (["location"] if "location" in table else [])
    rows = table.loc[table["date_start"].notna(), needed]
    if lane in ("actor", "country"):
        column = "actors" if lane == "actor" else "countries"
        rows["lane"] = rows[column].fillna("").str.split("; ")
        rows = rows.explode("lane")
        rows["lane"] = rows["lane"].replace("", f"(no {lane})")
    else:
        rows["lane"] = rows["event_type"]
    if kept is None:
        kept = busiest_lanes(rows["lane"].value_counts())  # most first; ties in the table's order
    if kept is not None:  # the busiest lanes stay readable; the rest share one
        rows["lane"] = rows["lane"].where(rows["lane"].isin(set(kept)), f"(other {lane}s)")
    rows["lane"] = rows["lane"].map({lane: lane_name(lane) for lane in rows["lane"].unique()})
    rows["start"] = pd.to_datetime(rows["date_start"])
    rows["end"] = pd.to_datetime(rows["date_end"]) + pd.Timedelta(days=1)
    return rows


def busiest_lanes(counts: pd.Series) -> list[str] | None:
    """The lanes that keep a row of their own, from the events per lane (most first): all (None)
    up to ``MAX_LANES``, else the ``MAX_LANES - 1`` busiest, and the rest share "(other …s)"."""
    return counts.index[: MAX_LANES - 1].tolist() if len(counts) > MAX_LANES else None


def _custom(rows: pd.DataFrame) -> list[list[str]]:
    start, end = rows["date_start"].astype(str), rows["date_end"].astype(str)
    when = start.where(start == end, start + " … " + end)
    detail = when + " · " + rows["precision"].astype(str) + " · " + rows["sources"].astype(str) + " source(s)"
    if "location" in rows:  # where, when the text says: data, so escaped like the label
        place = rows["location"].fillna("").astype(str)
        detail = detail + place.map(lambda v: f" · in {html.escape(v)}" if v else "")
    # Plotly reads tags in hover text (<a href>, <b>): data is escaped, only our <br> stays markup
    label = rows["label"].fillna("").map(
        lambda v: "<br>".join(html.escape(line) for line in textwrap.wrap(str(v), 44)) or html.escape(str(v)))
    actors = rows["actors"].fillna("").map(lambda v: html.escape(str(v)))
    return rows[["event_id"]].assign(label=label, detail=detail, actors=actors).fillna("").values.tolist()


def days_left(day: date, today: date) -> str:
    """A deadline's countdown: "12 days left", "today", or "passed 3 days ago"."""
    n = (day - today).days
    return "today" if n == 0 else (f"{n} days left" if n > 0 else f"passed {-n} days ago")


def _detailed(fig: go.Figure, rows: pd.DataFrame, today: date) -> None:
    derived_mask = rows["derived"].astype(bool)
    for event_type in sorted(rows["event_type"].unique()):
        colour = type_colour(event_type)
        mine = rows[(rows["event_type"] == event_type) & ~derived_mask]
        spans, days = mine[mine["precision"] != "day"], mine[mine["precision"] == "day"]
        if len(spans):
            fig.add_trace(go.Bar(
                name=readable_type(event_type), legendgroup=event_type, showlegend=not len(days), orientation="h",
                y=spans["lane"], base=spans["start"].dt.strftime("%Y-%m-%d"),
                x=(spans["end"] - spans["start"]).dt.total_seconds() * 1000, width=0.5,
                marker={"color": colour, "opacity": 0.5, "line": {"color": colour, "width": 1.5}},
                customdata=_custom(spans), hovertemplate=_HOVER))
        if len(days):
            fig.add_trace(go.Scatter(
                name=readable_type(event_type), legendgroup=event_type, mode="markers", x=days["start"], y=days["lane"],
                customdata=_custom(days), hovertemplate=_HOVER,
                marker={"size": 14, "color": colour, "line": {"color": "white", "width": 1.5}}))
    derived = rows[derived_mask]
    if len(derived):
        countdown = [days_left(d.date(), today) for d in derived["start"]]
        custom = _custom(derived)
        for row, left in zip(custom, countdown):
            row[2] = f"{row[2]} · {left}"
        fig.add_trace(go.Scatter(
            name="Deadline (derived)", mode="markers", x=derived["start"], y=derived["lane"], customdata=custom,
            marker={"size": 16, "symbol": "diamond-open", "color": "#333", "line": {"width": 3}},
            hovertemplate=_HOVER))
        # the countdowns as annotations, not trace text: the range slider redraws every trace in
        # miniature, and would repeat each label over its marks
        for day, lane, left in list(zip(derived["start"], derived["lane"], countdown))[:MAX_COUNTDOWNS]:
            fig.add_annotation(x=day, y=lane, text=left, showarrow=False, xanchor="right", yanchor="bottom",
                               xshift=-6, yshift=6, font={"size": 11, "color": "#333"})


def bucket_size(rows: pd.DataFrame, max_marks: int) -> tuple[str, str]:
    """The finest period (day … year) whose counts per lane fit in ``max_marks`` marks."""
    lanes = max(rows["lane"].nunique(), 1)
    for freq, name in BUCKETS:
        if rows["start"].dt.to_period(freq[0]).nunique() * lanes <= max_marks:
            return freq, name
    return BUCKETS[-1]


@dataclass(frozen=True, slots=True)
class LaneCounts:
    """Events per lane and period: what the timeline draws instead of its marks when they are many."""

    counts: pd.DataFrame  # lane (as drawn), first and last day of the period (Timestamps), count
    period: str  # day, week, month, quarter or year
    first: pd.Timestamp  # the first day counted
    last: pd.Timestamp  # the day after the last day counted (the end of the last interval)


def lane_counts(rows: pd.DataFrame, max_marks: int) -> LaneCounts:
    """The counts per lane and period of lane rows (``_lane_rows``), in the finest period that fits
    ``max_marks`` marks. A row may stand for several events (its ``events`` column: ``timeline.query``
    counts the rows of a lane, first and last day in SQL, and passes those counts)."""
    freq, name = bucket_size(rows, max_marks)
    period = rows["start"].dt.to_period(freq[0])
    grouped = rows.assign(bucket=period).groupby(["lane", "bucket"], observed=True)
    counts = (grouped["events"].sum() if "events" in rows else grouped.size()).rename("count").reset_index()
    counts["first"] = counts["bucket"].dt.start_time
    counts["last"] = counts["bucket"].dt.end_time.dt.normalize()
    return LaneCounts(counts[["lane", "first", "last", "count"]], name, rows["start"].min(), rows["end"].max())


def _aggregated(fig: go.Figure, counts: pd.DataFrame, name: str) -> None:
    biggest = max(int(counts["count"].max()), 1)
    custom = [[f"{AGGREGATE}|{a:%Y-%m-%d}|{b:%Y-%m-%d}|{lane}", f"{n:,} events", f"{name} of {a:%Y-%m-%d}",
               "click to see them one by one"] for a, b, lane, n in
              zip(counts["first"], counts["last"], counts["lane"], counts["count"])]
    fig.add_trace(go.Scatter(
        name=f"events per {name}", mode="markers", x=counts["first"], y=counts["lane"], customdata=custom,
        hovertemplate=_HOVER, showlegend=False,
        marker={"size": 6 + 26 * (counts["count"] / biggest) ** 0.5, "color": NEUTRAL, "opacity": 0.6,
                "line": {"color": "white", "width": 1}}))


def busiest_stretch(starts: pd.Series, days: int = 366, share: float = 0.9) -> tuple[date, date] | None:
    """Where a timeline should open: the shortest run of dates holding ``share`` of the events
    (the latest such run) with its near neighbours, or, when that is longer than ``days``, the ``days``-long window holding
    the most events (the latest on a tie). None when the events need no narrowing (that run is
    already their whole span), so one 1982 event does not stretch a 2025 view to 45 years.

    >>> s = pd.Series(pd.to_datetime(["1982-04-02"] + [f"2025-07-{d:02d}" for d in range(1, 20)]))
    >>> busiest_stretch(s)
    (datetime.date(2025, 7, 1), datetime.date(2025, 7, 19))
    """
    return busiest_stretch_of(pd.to_datetime(starts.dropna()).value_counts(), days, share)


def busiest_stretch_of(per_day: pd.Series, days: int = 366, share: float = 0.9) -> tuple[date, date] | None:
    """``busiest_stretch`` of events given as counts per first day (a Series of counts indexed by
    day): the same answer, worked out over the days, not the events (a million events are a few
    thousand days). Runs of events are only looked at where they change: where a run of ``k``
    events starts or ends on a new day."""
    per_day = per_day[per_day > 0].sort_index()
    day = pd.DatetimeIndex(per_day.index)
    ends = np.cumsum(per_day.to_numpy(dtype=np.int64))  # the events up to each day, that day's included
    n = int(ends[-1]) if len(ends) else 0
    if n < 2:
        return None
    k = max(2, math.ceil(share * n))
    begins = ends - per_day.to_numpy(dtype=np.int64)  # where each day's events begin among all events in order
    runs = np.unique(np.concatenate([begins, begins - (k - 1)]))
    runs = runs[(runs >= 0) & (runs <= n - k)]
    low, high = day[np.searchsorted(ends, runs, side="right")], day[np.searchsorted(ends, runs + k - 1, side="right")]
    lengths = (high - low).days
    i = int(np.flatnonzero(lengths == lengths.min())[-1])  # the latest of the shortest runs
    first, last = low[i], high[i]
    reach = max((last - first) / 4, pd.Timedelta(days=3))  # the run's near neighbours belong to it
    near = day[(day >= first - reach) & (day <= last + reach)]
    first, last = near[0], near[-1]
    if (last - first).days > days:
        since = np.searchsorted(day, day - pd.Timedelta(days=days), side="left")  # the first day in each window
        counts = ends - np.where(since > 0, ends[since - 1], 0)
        j = int(np.flatnonzero(counts == counts.max())[-1])
        first, last = day[since[j]], day[j]
    if first == day[0] and last == day[-1]:
        return None
    return first.date(), last.date()


def timeline_figure(table: pd.DataFrame, lane: str = "event_type", today: date | None = None,
                    max_marks: int = MAX_MARKS, window: tuple[date | None, date | None] = (None, None),
                    kept: list[str] | None = None) -> go.Figure:
    """A timeline of the event table: day events as points, longer dates as bars over their
    interval, derived deadlines as open diamonds with their countdown; colour is the event type;
    every mark carries its event_id as ``customdata[0]``. Above ``max_marks`` marks it shows
    counts per lane and period instead (``customdata[0]`` = ``agg|first|last|lane``), with no range
    slider: the counts are the overview, and a range slider would draw every mark a second time
    (a fifth of each redraw). ``window`` (the date filter) bounds the x axis, so a long span
    overlapping it does not stretch the view.

    >>> fig = timeline_figure(pd.DataFrame(columns=["event_id", "date_start", "date_end", "precision",
    ...     "derived", "event_type", "label", "actors", "countries", "sources"]))
    >>> len(fig.data)
    0
    """
    today = today or date.today()
    rows = _lane_rows(table, lane, kept)
    if window[0] or window[1]:  # only what the window shows is drawn (and counted when there are many)
        low = pd.Timestamp(window[0]) if window[0] else rows["start"].min()
        high = pd.Timestamp(window[1]) + pd.Timedelta(days=1) if window[1] else rows["end"].max()
        rows = rows[(rows["end"] >= low) & (rows["start"] <= high)]
    if len(rows) > max_marks:
        return counts_figure(lane_counts(rows, min(max_marks, AGG_MARKS)), lane, today, window)
    fig = go.Figure()
    _detailed(fig, rows, today)
    keyed = lane != "event_type"  # lanes by type name the types; colour then needs no key
    entries = rows["event_type"].nunique() + bool(rows["derived"].astype(bool).any()) if keyed else 0
    span = (rows["start"].min(), rows["end"].max()) if len(rows) else None
    _lay_out(fig, sorted(rows["lane"].unique().tolist()), span, today, window, None, keyed, entries)
    return fig


def counts_figure(counts: LaneCounts, lane: str = "event_type", today: date | None = None,
                  window: tuple[date | None, date | None] = (None, None)) -> go.Figure:
    """The timeline of many events: their counts per lane and period (``lane_counts``, or
    ``timeline.query``'s in SQL), each mark's ``customdata[0]`` = ``agg|first|last|lane``."""
    fig = go.Figure()
    _aggregated(fig, counts.counts, counts.period)
    title = f"Events per {counts.period} · click a mark to zoom in"
    span = (counts.first, counts.last) if len(counts.counts) else None
    _lay_out(fig, sorted(counts.counts["lane"].unique().tolist()), span, today or date.today(), window, title,
             False, 0)
    return fig


def _lay_out(fig: go.Figure, lanes: list[str], span: tuple[pd.Timestamp, pd.Timestamp] | None, today: date,
             window: tuple[date | None, date | None], title: str | None, keyed: bool, entries: int) -> None:
    """The axes, today's marker, the key and the size of a timeline (marks or counts alike)."""
    aggregated = title is not None
    if span is not None:
        first, last = span
        if window[0]:
            first = max(first, pd.Timestamp(window[0]))
        if window[1]:
            last = min(last, pd.Timestamp(window[1]) + pd.Timedelta(days=1))
        pad = max((last - first) * 0.04, pd.Timedelta(days=3))
        fig.update_xaxes(range=[first - pad, last + pad])
        stamp = pd.Timestamp(today)
        if first - pad <= stamp <= last + pad:
            fig.add_vline(x=stamp, line={"color": "#D55E00", "dash": "dot", "width": 1.5})
            fig.add_annotation(x=stamp, y=1, yref="paper", text="today", showarrow=False, yanchor="top",
                               xanchor="right", xshift=-2, bgcolor="rgba(255,255,255,0.8)",
                               font={"color": "#D55E00", "size": 11})
        else:
            side = "→" if stamp > last else "←"
            fig.add_annotation(x=1 if stamp > last else 0, xref="paper", y=1, yref="paper", showarrow=False,
                               text=f"today {today.isoformat()} {side}", yanchor="top", bgcolor="rgba(255,255,255,0.8)",
                               xanchor="right" if stamp > last else "left", font={"color": "#D55E00", "size": 11})
    fig.update_layout(
        # the key sits on top, where it is read first and never drifts: Plotly widens the top margin to
        # fit its rows, and the height grows by about as much
        height=max(280, 130 + 64 * len(lanes)) + 24 * math.ceil(entries / 3),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        bargap=0.4, barmode="overlay", clickmode="event+select", dragmode="pan",
        showlegend=keyed,
        legend={"orientation": "h", "yref": "paper", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left",
                "title": {"text": "Type"}},
        hoverlabel={"align": "left"}, hovermode="closest", plot_bgcolor="white",
        title={"text": title, "font": {"size": 13}} if title else None,
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eee",
                     rangeslider={"visible": span is not None and not aggregated, "thickness": 0.06})
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1], title=None, automargin=True)


def selected_ids(selection: object) -> list[str]:
    """The event ids in a Plotly selection event (as ``st.plotly_chart(on_select=...)`` returns it)."""
    return [c for c in _custom_ids(selection) if not c.startswith(AGGREGATE + "|")]


def selected_bucket(selection: object) -> tuple[date, date] | None:
    """The period of the first aggregated mark in a selection (first day, last day), if any."""
    for c in _custom_ids(selection):
        if c.startswith(AGGREGATE + "|"):
            _, first, last, _ = c.split("|", 3)
            return date.fromisoformat(first), date.fromisoformat(last)
    return None


def _custom_ids(selection: object) -> list[str]:
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return []
    ids = []
    for point in points or []:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom:
            ids.append(str(custom[0]))
    return list(dict.fromkeys(ids))


def mark_key_dates(fig: go.Figure, days: list[date]) -> go.Figure:
    """The key dates on a timeline: a thin line at each, numbered by rank at the foot of the plot.

    >>> len(mark_key_dates(go.Figure(), [date(2025, 7, 14), date(2025, 7, 18)]).layout.shapes)
    2
    """
    for rank, day in enumerate(days, start=1):
        stamp = pd.Timestamp(day) + pd.Timedelta(hours=12)  # the middle of the day, where its points sit
        fig.add_vline(x=stamp, line={"color": "#56B4E9", "dash": "dash", "width": 1})
        fig.add_annotation(x=stamp, y=0, yref="paper", text=f"key {rank}", showarrow=False, yanchor="bottom",
                           bgcolor="rgba(255,255,255,0.85)", font={"color": "#0072B2", "size": 10},
                           hovertext=f"key date {rank}: {day.isoformat()}")
    return fig
