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

shown = table[["date_start", "date_end", "precision", "label", "actors", "event_type", "date_text", "date_reason",
               "derived", "excerpt", "article_title", "published", "mentions", "sources"]]
text = st.column_config.TextColumn
picked = st.dataframe(
    shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="table",
    column_config={
        "date_start": text("From"), "date_end": text("To"), "precision": text("Precision"),
        "label": text("Event", width="medium"), "actors": text("Actors"), "event_type": text("Type"),
        "date_text": text("Date as written"), "date_reason": text("Why this date", width="medium"),
        "derived": st.column_config.CheckboxColumn("Derived"), "excerpt": text("Excerpt", width="large"),
        "article_title": text("Article"), "published": text("Published"),
        "mentions": st.column_config.NumberColumn("Mentions"), "sources": st.column_config.NumberColumn("Sources"),
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
