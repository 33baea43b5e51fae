"""Timeline: the events on a Plotly timeline, the excerpts of the selected ones beside it, and the
undated events listed under it."""

import streamlit as st

st.title("Timeline")
top = st.container()  # notices and the count line, written once the event table is read
body = st.container()  # the chart, with the evidence panel beside it once something is selected
warmup = st.empty()
if not st.session_state.get("plotly_fetched"):
    # The browser loads Plotly's script (its biggest, 4.7 MB) only once a chart appears: a blank 10-px chart
    # sent before the imports below lets it fetch and compile Plotly while the server loads pandas and reads
    # the event table. Removed at the end of the run.
    warmup.plotly_chart({"data": [{"type": "scatter", "x": [], "y": []}], "layout": {
        "height": 10, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "xaxis": {"visible": False},
        "yaxis": {"visible": False}}}, config={"staticPlot": True}, theme=None)
    st.session_state["plotly_fetched"] = True

from pages.shared import evidence, filtered_view, key_dates_of  # noqa: E402  (after the blank chart, on purpose)
from timeline.charts import mark_key_dates, selected_bucket, selected_ids  # noqa: E402
from timeline.display import md_literal  # noqa: E402
from timeline.export import readable  # noqa: E402

UNDATED_SHOWN = 1_000  # the undated events listed under the chart (their count says how many in all)

with top:
    q, filters, lane = filtered_view()
count = q.count(filters)
undated = q.undated(filters, UNDATED_SHOWN) if count.undated else None


def _select(ids: list[str]) -> None:
    if ids:
        st.query_params["event"] = ids
    elif "event" in st.query_params:
        del st.query_params["event"]


def chart_selected() -> None:
    """Clicking a count mark narrows the dates to its period, so its events show one by one;
    selecting marks shows their excerpts, and clearing the selection closes the panel."""
    state = st.session_state.get("chart")
    bucket = selected_bucket(state)
    if bucket:
        st.session_state["from"], st.session_state["to"] = bucket
    else:
        _select(selected_ids(state))


def list_selected() -> None:
    """A row picked in the list of undated events shows its excerpts."""
    rows = (st.session_state.get("undated") or {}).get("selection", {}).get("rows", [])
    _select([undated.iloc[rows[0]]["event_id"]] if rows and undated is not None else [])


top.caption(md_literal(count.line()) + " ● exact day · ▬ month, year or uncertain span · ◇ derived deadline. "
            "Click or box-select marks to see their sources; drag to pan, scroll to zoom.")
# the view's events named in the link (a selection writes them there), so the panel is known before drawing
linked = st.query_params.get_all("event")
picked = q.by_ids(linked, filters) if linked else None
ids = [i for i in linked if picked is not None and i in set(picked["event_id"])]
if ids:
    chart, panel = body.columns([3, 2], gap="medium")
else:  # nothing selected: the chart takes the width, no empty panel beside it
    chart, panel = body.container(), None

window = (st.session_state.get("from"), st.session_state.get("to"))
stretch = q.stretch(filters) if not any(window) and count.dated else None
with chart:
    if not count.events:
        st.info("No event matches these filters. Widen the dates or clear a filter in the sidebar.")
    elif not count.dated:
        st.info(f"None of these {count.events:,} events has a date, so none has a place on the timeline: "
                "they are listed below. Widen the filters to see dated events.")
    else:
        first, last = q.dated_span(filters)
        years = f"{(first or '')[:4]}–{(last or '')[:4]}"
        if stretch and not st.toggle(md_literal(f"Whole span ({years})"), key="span", bind="query-params",
                                     help="The timeline opens on its busiest stretch; this shows every date."):
            inside = q.count_within(filters, *stretch)
            st.caption(md_literal(f"Showing {stretch[0]} … {stretch[1]}, the busiest stretch: {inside:,} of "
                                  f"{count.dated:,} dated events. The toggle above shows them all."))
            window = stretch
        figure = q.figure(filters, lane, window)
        if st.toggle("Mark the key dates", key="keys", bind="query-params",
                     help="The ten days that mattered most in these articles (see the Key dates page)."):
            found = key_dates_of(q, filters, 10)
            if found is None:
                st.caption("Too many articles behind this view to rank its key dates here: narrow the filters.")
            else:
                mark_key_dates(figure, [k.day for k in found])
        st.plotly_chart(figure, on_select=chart_selected, key="chart", selection_mode=("points", "box", "lasso"),
                        width="stretch")
warmup.empty()
if undated is not None and len(undated):
    with body:
        st.subheader(f"Undated ({count.undated:,})")
        more = f" The first {len(undated):,} are listed; narrow the filters to see the others." \
            if count.undated > len(undated) else ""
        st.caption(md_literal("No date expression in their text, so no place on the axis. Select one to see its "
                              "excerpt." + more))
        st.dataframe(readable(undated)[["label", "event_type", "actors", "article_title", "published"]], hide_index=True,
                     width="stretch", on_select=list_selected, selection_mode="single-row", key="undated",
                     height=min(400, 38 + 35 * len(undated)),
                     column_config={"label": st.column_config.TextColumn("Event", width="medium"),
                                    "event_type": "Type", "actors": "Actors", "article_title": "Article",
                                    "published": "Published"})
if panel is not None:
    with panel:
        if len(ids) > 20:
            st.caption(f"{len(ids)} events selected; showing the first 20.")
        evidence(ids[:20], q.by_ids(ids[:20]))
