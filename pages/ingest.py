"""Ingest: upload files, paste text, or give URLs or a feed, held to the hosted app's limits; or
load the sample corpus. A result per item."""

import math
import time
from collections.abc import Callable, Iterable
from datetime import date

import streamlit as st

from pages.shared import load, store
from pages.workbench import sign_in_box
from timeline.columnstore import READ_ONLY
from timeline.display import md_literal, results_html
from timeline.errors import TimelineError, one_line
from timeline.filters import publication_bounds
from timeline.ingest import Item, app_options, from_bytes, from_upload, from_url
from timeline.ingest.limits import MB, app_limits
from timeline.ingest.sample import sample_items, sample_label, sample_records
from timeline.pipeline import IngestResult, store_items, summary

limits, problems = app_limits()
st.title("Ingest")
acc = sign_in_box()
if not acc.can_write:  # a hosted app's anonymous visitor reads and filters only
    st.info(md_literal(acc.refusal("ingest articles")))
    st.stop()
if store().read_only:
    st.info(md_literal(f"Nothing can be ingested here: this store {READ_ONLY}."))
    st.stop()
st.caption("Plain text, HTML, RSS/Atom, JSONL or CSV. Each article is stored once; a changed page at a "
           "stored URL becomes a new revision.")
st.caption(md_literal(limits.describe()))
for problem in problems:  # a setting the operator mistyped: its default stands, and the page says so
    st.warning(md_literal(problem), icon=":material/settings:")
uploads = st.file_uploader("Files", accept_multiple_files=True,
                           type=["txt", "html", "htm", "jsonl", "csv", "xml", "rss", "atom"],
                           max_upload_size=max(1, math.ceil(limits.max_bytes / MB)))
pasted = st.text_area("Or paste an article", placeholder="Headline\nPosted on July 18, 2025\nMOSCOW (Reuters) - …")
urls = st.text_area("Or give URLs or feeds, one per line", placeholder="https://…")
known = st.checkbox("I know the publication date")
earliest, today = publication_bounds(load()[1]["dates"], date.today())  # load() also sends the stylesheet
published = st.date_input("Publication date", value=None, min_value=earliest, max_value=today, disabled=not known,
                          format="YYYY-MM-DD", help="Overrides the date found in the articles.")


def show(results: list[IngestResult], rows: Callable[[str], None] = st.html) -> None:
    """The summary in the colour of what happened, then one row per item."""
    tone, line = summary(results)
    {"error": st.error, "warning": st.warning, "success": st.success, "info": st.info}[tone](md_literal(line))
    rows(results_html(results))  # trusted-html: timeline.display escapes every piece of data (styled by load())


if st.button("Ingest", type="primary", key="ingest"):
    options = app_options(published if known else None, limits)
    inputs: list[tuple[str, Callable[[], Iterable[Item]]]] = [
        (f.name, lambda f=f: from_upload(f.name, f.getvalue(), options)) for f in uploads or []]
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
    show(results)

st.divider()
st.subheader("Sample corpus")
try:
    label, total = sample_label(), len(sample_records())
except TimelineError as exc:
    st.error(md_literal(str(exc)))
    st.stop()
st.caption("Press releases of the President of Russia, en.kremlin.ru, October 2021 to June 2022 (CC BY 4.0, "
           "collected by github.com/PeiYiZhuo/zelenskyy-putin): see what the tool does on a real corpus. One to "
           "two minutes on a small server; articles stored already are skipped.")
if st.button(f"Load the sample: {md_literal(label)}", key="sample"):
    bar, started, count = st.progress(0.0, text="Loading the sample…"), time.monotonic(), [0]

    def progress(result: IngestResult) -> None:
        count[0] += 1
        if count[0] % 5 == 0 or count[0] == total:
            rate = count[0] / max(time.monotonic() - started, 1e-9)
            bar.progress(min(count[0] / total, 1.0),
                         text=f"Loading the sample: {count[0]:,} of {total:,} ({rate:,.0f}/s)…")

    results = store_items(sample_items(), store(), progress)
    bar.progress(1.0, text=f"Sample loaded: {len(results):,} articles in {time.monotonic() - started:,.0f} s")
    show(results, lambda body: st.expander(f"The {len(results):,} articles").html(body))  # trusted-html: from results_html
