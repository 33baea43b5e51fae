"""Timeline: the events on a Plotly timeline beside the excerpts that report them."""

import streamlit as st

from pages.shared import empty_state, load
from timeline.charts import LANES, selected_ids, timeline_figure
from timeline.display import evidence_html

events, articles, table = load()
st.title("Timeline")
if table.empty:
    empty_state()
    st.stop()

with st.sidebar:
    lane = st.radio("Lanes", list(LANES), format_func=LANES.get, key="lanes", bind="query-params")
    types = st.multiselect("Event types", sorted(table["event_type"].unique()), key="types",
                           bind="query-params", placeholder="All event types")
view = table[table["event_type"].isin(types)] if types else table
st.caption(f"{len(view)} events from {view['article_id'].nunique()} article(s). "
           "● exact day · ▬ month, year or uncertain span · ◇ derived deadline. "
           "Click a mark to see its sources; drag to pan, scroll to zoom.")

chart, panel = st.columns([3, 2], gap="medium")
with chart:
    selection = st.plotly_chart(timeline_figure(view, lane), on_select="rerun", key="chart",
                                selection_mode=("points", "box", "lasso"), width="stretch")
ids = selected_ids(selection)
if ids:
    st.query_params["event"] = ids
else:
    ids = [i for i in st.query_params.get_all("event") if i in set(view["event_id"])]
with panel:
    chosen = [e for e in events if e.id in set(ids)]
    if not chosen:
        st.info("Select an event on the timeline to see the excerpts it comes from.")
    for event in chosen:
        st.html(evidence_html(event, articles))
