"""Sources: the articles, what was read off each, its events, and its dates highlighted."""

from datetime import date

import streamlit as st

from pages.shared import article_list, empty_state, load, store
from pages.workbench import sign_in_box
from timeline.display import article_html, md_literal
from timeline.errors import TimelineError, one_line
from timeline.filters import publication_bounds
from timeline.pipeline import set_published
from timeline.temporal import tag

LISTED = 5_000  # articles in the list; the count says how many the store holds

q, choices = load()
st.title("Sources")
acc = sign_in_box()
writable = acc.can_write and not store().read_only  # a columnar build is read as it was built
listing = article_list(LISTED)
if listing.empty:
    empty_state()
    st.stop()

undated = listing[listing["published"].isna()] if writable else listing.iloc[0:0]
earliest, today = publication_bounds(choices["dates"], date.today())  # 2011 too, not today - 10 years
if len(undated):
    st.subheader(f"{len(undated)} article(s) need a publication date")
    st.caption("Their relative dates (\"on Monday\", \"last week\") stay unresolved until they have one.")
    for row in undated.head(20).itertuples(index=False):
        with st.form(f"date-{row.id}"):
            st.text(f"{row.title}\n{row.source}")
            day = st.date_input("Published on", value=None, min_value=earliest, max_value=today, format="YYYY-MM-DD")
            if st.form_submit_button("Set date") and day:
                try:
                    set_published(store(), row.id, day)
                    st.rerun()
                except Exception as exc:  # the date could not be set: say why, keep the page
                    st.error(md_literal(exc if isinstance(exc, TimelineError) else one_line(exc, row.source)))

total = store().count_articles()
shown = f"{total:,} article(s)" if total == len(listing) else f"{total:,} articles, the {len(listing):,} newest listed"
st.caption(md_literal(f"{shown}. Select one to read it with its dates highlighted."))
picked = st.dataframe(listing[["title", "publisher", "published", "published_source", "events", "url"]],
                      hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                      key="articles", height=min(400, 38 + 35 * len(listing)),
                      column_config={"url": st.column_config.LinkColumn("Link"),
                                     "published_source": st.column_config.TextColumn("Date from")})
rows = picked["selection"]["rows"] if picked else []
if rows:
    st.query_params["article"] = listing.iloc[rows[0]]["id"]
linked = st.query_params.get("article")
chosen = linked if linked and (linked in set(listing["id"]) or store().has_article(linked)) else listing.iloc[0]["id"]
article = store().articles([chosen])[0]
st.subheader(md_literal(article.title))  # a title is data: literal text, never markdown
published = article.published.isoformat() if article.published else "unknown — relative dates unresolved"
st.text(f"Publisher: {article.publisher or 'unknown'}\n"
        f"Published: {published} (from {article.published_source})\n"
        f"Updated: {article.updated.isoformat() if article.updated else '—'} (never used as an anchor)\n"
        f"Dateline: {article.dateline or '—'}\nSource: {article.url or article.source}")
copies = store().sources(article.id)
if len(copies) > 1:
    st.caption(f"The same text came from {len(copies)} sources, each with its own title and date:")
    st.dataframe(copies, hide_index=True, width="stretch")
mine = q.of_article(article.id)
st.dataframe(mine[["date_start", "date_end", "precision", "event_type", "label"]], hide_index=True, width="stretch")
st.html(article_html(article, tag(article.text, article.published, article.id)))  # trusted-html: escaped by timeline.display
if writable:
    with st.expander("Delete this article", icon=":material/delete:"):
        st.caption(md_literal(f"Removes the article and its own {len(mine)} event mention(s). Events other "
                              "articles also report stay, with their other sources. Corrections stay in the audit trail."))
        sure = st.checkbox("Yes, delete it", key=f"delete-sure:{article.id}")
        if st.button("Delete", key=f"delete:{article.id}", disabled=not sure, type="primary"):
            try:
                gone = store().delete_article(article.id)
            except TimelineError as exc:
                st.error(md_literal(exc))
            else:
                st.query_params.pop("article", None)
                st.toast(md_literal(f"Deleted the article and {gone} mention(s)."))
                st.rerun()
