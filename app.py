"""The dashboard's entry point: routes to the pages, nothing else."""

import streamlit as st

from timeline.display import md_literal

# a local icon: a ":material/…" page icon makes every browser fetch it from Google's font server
st.set_page_config(page_title="Diplomatic timeline", page_icon="assets/icon.png", layout="wide")
pages = [
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", default=True),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:"),
    st.Page("pages/keydates.py", title="Key dates", icon=":material/event_upcoming:"),
    st.Page("pages/sources.py", title="Sources", icon=":material/article:"),
    st.Page("pages/ingest.py", title="Ingest", icon=":material/upload_file:"),
]
page = st.navigation(pages, position="hidden")
with st.sidebar:  # the links (config.toml turns Streamlit's own list off: see there)
    for link, title in zip(pages, ("Timeline", "Events", "Key dates", "Sources", "Ingest")):
        st.page_link(link, label=md_literal(title))
page.run()
