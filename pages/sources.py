"""Sources: each article with what was read off it, its events, and its dates highlighted."""

import streamlit as st

from datetime import date

from pages.shared import empty_state, load, store
from timeline.display import article_html
from timeline.errors import TimelineError
from timeline.pipeline import set_published
from timeline.temporal import tag

events, articles, table = load()
st.title("Sources")
if not articles:
    empty_state()
    st.stop()

undated = [a for a in articles.values() if a.published is None]
if undated:
    st.subheader(f"{len(undated)} article(s) need a publication date")
    st.caption("Their relative dates (\"on Monday\", \"last week\") stay unresolved until they have one.")
    for article in undated:
        with st.form(f"date-{article.id}"):
            st.text(f"{article.title}\n{article.source}")
            day = st.date_input("Published on", value=None, max_value=date.today())
            if st.form_submit_button("Set date") and day:
                try:
                    set_published(store(), article.id, day)
                    st.rerun()
                except TimelineError as exc:
                    st.error(str(exc))

for article in articles.values():
    with st.expander(article.title, expanded=len(articles) == 1):
        published = article.published.isoformat() if article.published else "unknown — relative dates unresolved"
        st.text(f"Publisher: {article.publisher or 'unknown'}\n"
                f"Published: {published} (from {article.published_source})\n"
                f"Updated: {article.updated.isoformat() if article.updated else '—'} (never used as an anchor)\n"
                f"Dateline: {article.dateline or '—'}\nSource: {article.source}")
        mine = table[table["article_id"] == article.id]
        st.dataframe(mine[["date_start", "date_end", "precision", "event_type", "label"]], hide_index=True,
                     width="stretch")
        st.html(article_html(article, tag(article.text, article.published, article.id)))
