"""Events: the filtered event table, sortable, with its sources and downloads."""

from datetime import date
from functools import partial

import streamlit as st

from pages.shared import evidence, filtered_view, store
from pages.workbench import correction_panel
from timeline.columnstore import READ_ONLY
from timeline.display import md_literal
from timeline.export import readable, to_csv, to_ics, to_json, to_timelinejs, undated_note
from timeline.query import EXPORT_LIMIT

SHOWN = 10_000  # rows in the table; the count line says how many the view holds

st.title("Events")
q, filters, _ = filtered_view()
count = q.count(filters)
view = q.rows(filters, limit=SHOWN)
more = (f" The first {len(view):,} in date order are shown (sorting sorts those): narrow the filters to see the "
        f"others. The downloads hold the first {min(count.events, EXPORT_LIMIT):,}." if count.events > len(view) else
        " Sort by a column's header; the downloads hold this view.")
st.caption(md_literal(count.line("listed last")) + md_literal(more))

shown = readable(view)[["date_start", "date_end", "precision", "label", "corrected", "actors", "source_actors", "target_actors", "location",
              "event_type", "cameo_code", "plover_type", "quad_class", "date_text", "date_reason", "date_conflicts", "derived", "excerpt", "article_title",
              "published", "publisher", "mentions", "sources"]]
text = st.column_config.TextColumn
picked = st.dataframe(
    shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="table",
    column_config={
        "date_start": text("From"), "date_end": text("To"), "precision": text("Precision"),
        "label": text("Event", width="medium"), "corrected": text("Corrected", help="fields a person corrected"),
        "actors": text("Actors"), "source_actors": text("Who acts"),
        "target_actors": text("Acted on"), "location": text("Where"), "event_type": text("Type"),
        "cameo_code": text("CAMEO"), "plover_type": text("PLOVER"), "quad_class": text("QuadClass"),
        "date_conflicts": text("Other sources' dates", width="medium"),
        "date_text": text("Date as written"), "date_reason": text("Why this date", width="medium"),
        "derived": st.column_config.CheckboxColumn("Derived"), "excerpt": text("Excerpt", width="large"),
        "article_title": text("Article"), "published": text("Published"), "publisher": text("Source"),
        "mentions": st.column_config.NumberColumn("Mentions"), "sources": st.column_config.NumberColumn("Sources"),
    },
)
columns = st.columns(4)
# A download needs no rerun, and a rerun while the browser fetches the file cancels the download.
# Each file is built only when its button is clicked (a callable ``data``), not on every rerun.
undated, deadlines = count.undated, q.count_upcoming(filters, date.today())
exports = [("CSV", to_csv, "events.csv", "text/csv", ":material/download:", None, ""),
           ("JSON", to_json, "events.json", "application/json", ":material/download:", None, ""),
           ("TimelineJS", to_timelinejs, "timelinejs.json", "application/json", ":material/download:",
            "TimelineJS 3 JSON", undated_note(undated) + "." if undated else ""),
           ("Deadlines .ics", to_ics, "deadlines.ics", "text/calendar", ":material/event:",
            "iCalendar of the upcoming derived deadlines",
            "" if deadlines else "No upcoming deadline in this view, so no calendar to download.")]
for column, (label, build, name, mime, icon, tip, note) in zip(columns, exports):
    empty = view.empty or (name == "deadlines.ics" and not deadlines)  # an empty file says nothing: say why
    column.download_button(md_literal(label), partial(q.export, filters, build), name, mime, icon=icon,
                           help=md_literal(tip) if tip else None, on_click="ignore", disabled=empty)
    if view.empty:
        note = "No event in this view: widen the filters."
    if note:
        column.caption(md_literal(note))
rows = picked["selection"]["rows"] if picked else []
if rows:
    evidence([view.iloc[rows[0]]["event_id"]], view.iloc[rows[:1]])
    if store().read_only:
        st.caption(md_literal(f"No corrections here: this store {READ_ONLY}."))
    else:
        correction_panel(view.iloc[rows[0]], view, store())
else:
    st.caption("Select a row to see the excerpts it comes from.")
