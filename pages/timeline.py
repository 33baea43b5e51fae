"""Timeline: the events on a Plotly timeline beside the excerpts that report them."""

import streamlit as st

st.title("Timeline")
top = st.container()  # notices and the count line, written once the event table is read
chart, panel = st.columns([3, 2], gap="medium")
warmup = st.empty()
if not st.session_state.get("plotly_fetched"):
    # The browser loads Plotly's script (its biggest, 4.7 MB) only once a chart appears: a blank 10-px chart
    # sent before the imports below lets it fetch and compile Plotly while the server loads pandas and reads
    # the event table. Removed at the end of the run.
    warmup.plotly_chart({"data": [{"type": "scatter", "x": [], "y": []}], "layout": {
        "height": 10, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "xaxis": {"visible": False},
        "yaxis": {"visible": False}}}, config={"staticPlot": True}, theme=None)
    st.session_state["plotly_fetched"] = True

from pages.shared import evidence, filtered_view  # noqa: E402  (after the blank chart, on purpose)
from timeline.charts import selected_bucket, selected_ids, timeline_figure  # noqa: E402

with top:
    table, view, lane = filtered_view()


def zoom_into_bucket() -> None:
    """Clicking a count mark narrows the dates to its period, so its events show one by one."""
    bucket = selected_bucket(st.session_state.get("chart"))
    if bucket:
        st.session_state["from"], st.session_state["to"] = bucket


top.caption(f"{len(view):,} of {len(table):,} events from {view['article_id'].nunique():,} article(s). "
            "● exact day · ▬ month, year or uncertain span · ◇ derived deadline. "
            "Click or box-select marks to see their sources; drag to pan, scroll to zoom.")
with chart:
    if view.empty:
        st.info("No event matches these filters. Widen the dates or clear a filter in the sidebar.")
        selection = None
    else:
        figure = timeline_figure(view, lane, window=(st.session_state.get("from"), st.session_state.get("to")))
        selection = st.plotly_chart(figure, on_select=zoom_into_bucket, key="chart",
                                    selection_mode=("points", "box", "lasso"), width="stretch")
warmup.empty()
ids = selected_ids(selection)
if ids:
    st.query_params["event"] = ids
else:
    visible = set(view["event_id"])
    ids = [i for i in st.query_params.get_all("event") if i in visible]
with panel:
    if ids:
        if len(ids) > 20:
            st.caption(f"{len(ids)} events selected; showing the first 20.")
        evidence(ids[:20])
    else:
        st.info("Select an event on the timeline to see the excerpts it comes from.")
