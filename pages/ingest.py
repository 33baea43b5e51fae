"""Ingest: upload files, paste text, or give URLs or a feed; a result per item."""

from datetime import date

import pandas as pd
import streamlit as st

from pages.shared import store
from timeline.display import md_literal
from timeline.errors import one_line
from timeline.ingest import app_options, from_bytes, from_url
from timeline.pipeline import IngestResult, store_items

st.title("Ingest")
st.caption("Plain text, HTML, RSS/Atom, JSONL or CSV. Each article is stored once; a changed page at a "
           "stored URL becomes a new revision.")
uploads = st.file_uploader("Files", accept_multiple_files=True,
                           type=["txt", "html", "htm", "jsonl", "csv", "xml", "rss", "atom"])
pasted = st.text_area("Or paste an article", placeholder="Headline\nPosted on July 18, 2025\nMOSCOW (Reuters) - …")
urls = st.text_area("Or give URLs or feeds, one per line", placeholder="https://…")
known = st.checkbox("I know the publication date")
published = st.date_input("Publication date", value=None, max_value=date.today(), disabled=not known,
                          help="Overrides the date found in the articles.")

if st.button("Ingest", type="primary"):
    options = app_options(published if known else None)
    inputs = [(f.name, lambda f=f: from_bytes(f.name, f.getvalue(), options)) for f in uploads or []]
    if pasted.strip():
        inputs.append(("pasted text", lambda: from_bytes("pasted text", pasted.encode("utf-8"), options)))
    inputs += [(u, lambda u=u: from_url(u, options)) for u in urls.split() if u.strip()]
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
    table = pd.DataFrame([{"input": r.source, "result": r.status, "events": r.events, "title": r.title,
                           "needs a date": r.needs_date, "reason": r.error} for r in results])
    st.dataframe(table, hide_index=True, width="stretch")
    counts = table["result"].value_counts().to_dict()
    summary = ", ".join(f"{n} {k}" for k, n in counts.items()) + ". The Timeline shows the new events."
    if counts.get("failed"):
        st.warning(md_literal(summary + " See each failure's reason in the table."))
    else:
        st.success(md_literal(summary))
