"""Pure Plotly figure builders: a DataFrame in, a Figure out (testable without Streamlit)."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
LANES = {"event_type": "Event type", "actor": "Actor"}
_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def _lane_rows(table: pd.DataFrame, lane: str) -> pd.DataFrame:
    rows = table.dropna(subset=["date_start"]).copy()
    if lane == "actor":
        rows["lane"] = rows["actors"].fillna("").str.split("; ").str[0].replace("", "(no actor)")
    else:
        rows["lane"] = rows["event_type"]
    rows["lane"] = rows["lane"].map(lambda v: "<br>".join(textwrap.wrap(str(v), 16)) or str(v))
    rows["start"] = pd.to_datetime(rows["date_start"])
    rows["end"] = pd.to_datetime(rows["date_end"]) + pd.Timedelta(days=1)
    start, end = rows["date_start"].astype(str), rows["date_end"].astype(str)
    when = start.where(start == end, start + " … " + end)
    rows["detail"] = when + " · " + rows["precision"].astype(str) + " · " + rows["sources"].astype(str) + " source(s)"
    return rows


def _custom(rows: pd.DataFrame) -> list[list[str]]:
    return rows[["event_id", "label", "detail", "actors"]].fillna("").values.tolist()


def timeline_figure(table: pd.DataFrame, lane: str = "event_type") -> go.Figure:
    """A timeline of the event table: day events as points, longer dates as bars over their
    interval, derived (future) events as open diamonds; colour is the event type; every mark carries its event_id as
    ``customdata[0]`` so a selection names the events.

    >>> fig = timeline_figure(pd.DataFrame(columns=["event_id", "date_start", "date_end", "precision",
    ...     "derived", "event_type", "label", "actors", "sources"]))
    >>> len(fig.data)
    0
    """
    rows = _lane_rows(table, lane)
    fig = go.Figure()
    lanes = sorted(rows["lane"].unique().tolist())
    derived_mask = rows["derived"].astype(bool)
    for i, event_type in enumerate(sorted(rows["event_type"].unique())):
        colour = PALETTE[i % len(PALETTE)]
        mine = rows[(rows["event_type"] == event_type) & ~derived_mask]
        spans, days = mine[mine["precision"] != "day"], mine[mine["precision"] == "day"]
        if len(spans):
            fig.add_trace(go.Bar(
                name=event_type, legendgroup=event_type, showlegend=not len(days), orientation="h",
                y=spans["lane"], base=spans["start"].dt.strftime("%Y-%m-%d"),
                x=(spans["end"] - spans["start"]).dt.total_seconds() * 1000, width=0.5,
                marker={"color": colour, "opacity": 0.5, "line": {"color": colour, "width": 1.5}},
                customdata=_custom(spans), hovertemplate=_HOVER))
        if len(days):
            fig.add_trace(go.Scatter(
                name=event_type, legendgroup=event_type, mode="markers", x=days["start"], y=days["lane"],
                customdata=_custom(days), hovertemplate=_HOVER,
                marker={"size": 16, "color": colour, "line": {"color": "white", "width": 1.5}}))
    derived = rows[derived_mask]
    if len(derived):
        fig.add_trace(go.Scatter(
            name="Deadline (derived)", mode="markers+text", x=derived["start"], y=derived["lane"],
            customdata=_custom(derived), text=["deadline"] * len(derived), textposition="top center",
            marker={"size": 18, "symbol": "diamond-open", "color": "#333", "line": {"width": 3}},
            hovertemplate=_HOVER))
    fig.update_layout(
        height=max(260, 120 + 70 * len(lanes)), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        bargap=0.4, barmode="overlay", clickmode="event+select", dragmode="pan",
        showlegend=lane != "event_type",  # lanes already name the types; colour then needs no key
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"align": "left"}, plot_bgcolor="white",
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eee", rangeslider={"visible": len(rows) > 0,
                                                                                  "thickness": 0.06})
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1], title=None, automargin=True)
    return fig


def selected_ids(selection: object) -> list[str]:
    """The event ids in a Plotly selection event (as ``st.plotly_chart(on_select=...)`` returns it)."""
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
