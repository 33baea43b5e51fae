"""Sources: each article with what was read off it, its events, and its dates highlighted."""

import streamlit as st

from pages.shared import empty_state, load
from timeline.display import article_html
from timeline.temporal import tag

events, articles, table = load()
st.title("Sources")
if not articles:
    empty_state()
    st.stop()

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
