"""Key dates: the days that mattered most in the filtered events' articles, each with the sentences
that say what happened then and the events of that day."""

import streamlit as st

from pages.shared import KEY_DATES_VIEW, filtered_view, key_dates_of
from timeline.display import md_literal
from timeline.export import readable
from timeline.keydates import caveats

st.title("Key dates")
q, filters, _ = filtered_view()
top = st.number_input("How many dates", min_value=1, max_value=50, value=10, step=1, key="top", bind="query-params",
                      help="The days a learned model ranks highest: how many articles name the day, from how far "
                           "after it, and how much was published then.")
found = key_dates_of(q, filters, int(top))
if found is None:  # a large build: its articles are read for the view only, up to a limit
    st.info(md_literal(f"This view stands on {q.count(filters).articles:,} articles: key dates read each one's text, "
                       f"so in a store this large they are ranked for views of at most {KEY_DATES_VIEW:,} articles. "
                       "Narrow the filters (dates, actors, sources), or rank a corpus offline with "
                       "`timeline key-dates PATH... --top N`."))
    st.stop()
st.caption(md_literal(f"The {len(found)} days that mattered most in the {q.count(filters).articles:,} article(s) "
                      "behind this view, best first. Each links to the day on the timeline."))
if not found:
    st.info(md_literal("; ".join(caveats([])) or "No day is named precisely enough in these articles to rank it."))
    st.stop()
for rank, key in enumerate(found, start=1):
    day = key.day.isoformat()
    st.subheader(md_literal(f"{rank}. {key.day:%A} {day}"))
    st.caption(md_literal(f"Why: {key.why} (score {key.score:+.2f})"))
    for sentence in key.sentences:
        st.text(sentence.text)  # st.text: the article's words are shown as they are, never as markdown
    on_day = q.on_day(filters, day, ["label", "event_type", "actors"])
    if len(on_day):
        st.dataframe(readable(on_day)[["label", "event_type", "actors"]], hide_index=True, width="stretch",
                     column_config={"label": "Event", "event_type": "Type", "actors": "Actors"},
                     key=f"day:{day}")
    st.link_button(md_literal(f"See {day} on the timeline"), f"/?from={day}&to={day}")
