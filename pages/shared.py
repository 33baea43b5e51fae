"""What every page shares: the store (opened once, filled with the shipped articles on first
start) and the cached event data. Logic lives in timeline/; this is only Streamlit glue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline.display import STYLE
from timeline.errors import TimelineError
from timeline.model import Article, Event
from timeline.pipeline import ensure_shipped, event_table
from timeline.store import Store, default_url


@st.cache_resource(show_spinner="Opening the store…")
def _store(url: str) -> Store:
    store = Store(url)
    ensure_shipped(store)
    return store


@st.cache_data(show_spinner=False)
def _load(url: str, version: str) -> tuple[list[Event], dict[str, Article], pd.DataFrame]:
    store = _store(url)
    events, articles = store.events(), store.articles()
    return events, {a.id: a for a in articles}, event_table(events, articles)


def store() -> Store:
    """The store, opened once (and filled with the shipped articles on first start)."""
    try:
        return _store(default_url())
    except TimelineError as exc:
        st.error(f"The event store could not be opened: {exc}")
        st.stop()


def load() -> tuple[list[Event], dict[str, Article], pd.DataFrame]:
    """Events, articles by id, and the event table, read anew whenever the store changes; stops
    the page with a clear error if the store cannot be opened."""
    url = default_url()
    try:
        data = _load(url, store().version())
    except TimelineError as exc:
        st.error(f"The event store could not be opened: {exc}")
        st.stop()
    st.html(STYLE)
    return data


def empty_state() -> None:
    """What to show when the store holds no events."""
    st.info("No events yet. Add articles on the **Ingest** page (files, pasted text, URLs or a feed), "
            "or from a terminal with `timeline ingest PATH|URL...`.")
