"""Events: the event table, sortable, with its sources and downloads."""

import streamlit as st

from pages.shared import empty_state, load
from timeline.display import evidence_html
from timeline.export import to_csv, to_json

events, articles, table = load()
st.title("Events")
if table.empty:
    empty_state()
    st.stop()

shown = table.drop(columns=["excerpt_start", "excerpt_end", "article_id", "event_id"])
picked = st.dataframe(
    shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="table",
    column_config={
        "date_start": st.column_config.TextColumn("From"), "date_end": st.column_config.TextColumn("To"),
        "derived": st.column_config.CheckboxColumn("Derived"), "label": st.column_config.TextColumn("Event"),
        "excerpt": st.column_config.TextColumn("Excerpt", width="large"),
        "date_reason": st.column_config.TextColumn("Why this date", width="medium"),
    },
)
left, right = st.columns(2)
left.download_button("Download CSV", to_csv(table), "events.csv", "text/csv")
right.download_button("Download JSON", to_json(table), "events.json", "application/json")
rows = picked["selection"]["rows"] if picked else []
if rows:
    event_id = table.iloc[rows[0]]["event_id"]
    st.html(evidence_html(next(e for e in events if e.id == event_id), articles))
else:
    st.caption("Select a row to see the excerpts it comes from.")
