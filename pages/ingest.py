"""Ingest: upload files, paste text, or give URLs or a feed; a result per item."""

from datetime import date

import streamlit as st

from pages.shared import load, store
from pages.workbench import sign_in_box
from timeline.display import md_literal, results_html
from timeline.errors import one_line
from timeline.filters import publication_bounds
from timeline.ingest import app_options, from_bytes, from_url
from timeline.pipeline import IngestResult, store_items, summary

st.title("Ingest")
acc = sign_in_box()
if not acc.can_write:  # a hosted app's anonymous visitor reads and filters only
    st.info(md_literal(acc.refusal("ingest articles")))
    st.stop()
st.caption("Plain text, HTML, RSS/Atom, JSONL or CSV. Each article is stored once; a changed page at a "
           "stored URL becomes a new revision.")
uploads = st.file_uploader("Files", accept_multiple_files=True,
                           type=["txt", "html", "htm", "jsonl", "csv", "xml", "rss", "atom"])
pasted = st.text_area("Or paste an article", placeholder="Headline\nPosted on July 18, 2025\nMOSCOW (Reuters) - …")
urls = st.text_area("Or give URLs or feeds, one per line", placeholder="https://…")
known = st.checkbox("I know the publication date")
earliest, today = publication_bounds(load()[1]["dates"], date.today())  # load() also sends the stylesheet
published = st.date_input("Publication date", value=None, min_value=earliest, max_value=today, disabled=not known,
                          format="YYYY-MM-DD", help="Overrides the date found in the articles.")

if st.button("Ingest", type="primary"):
    options = app_options(published if known else None)
    inputs = [(f.name, lambda f=f: from_bytes(f.name, f.getvalue(), options)) for f in uploads or []]
    if pasted.strip():
        inputs.append(("pasted text", lambda: from_bytes("pasted text", pasted.encode("utf-8"), options)))
    # one input per line: "not a url" is one bad input, not three
    inputs += [(u, lambda u=u: from_url(u, options)) for u in (line.strip() for line in urls.splitlines()) if u]
    if not inputs:
        st.warning("Nothing to ingest: add a file, paste an article, or give a URL.")
        st.stop()
    bar, results = st.progress(0.0, text="Starting…"), []
    for done, (name, items) in enumerate(inputs, start=1):
        bar.progress((done - 1) / len(inputs), text=f"Reading {md_literal(name)}…")
        try:
            results += store_items(items(), store())
        except Exception as exc:  # one input's failure, named with its reason; the others go on
            results.append(IngestResult(name, "failed", error=one_line(exc, name)))
    bar.progress(1.0, text=f"Done: {len(inputs)} input(s)")
    tone, line = summary(results)
    {"error": st.error, "warning": st.warning, "success": st.success, "info": st.info}[tone](md_literal(line))
    st.html(results_html(results))  # trusted-html: timeline.display escapes every piece of data (styled by load())
