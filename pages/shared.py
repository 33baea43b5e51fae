"""What the pages share: the store (opened once, filled with the shipped articles on first start),
the queries of its event table (timeline.query: SQL, whatever the store), the sidebar filters bound
to the URL, and evidence cards. Logic lives in timeline/; this is only Streamlit glue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from timeline.corrections import as_corrected
from timeline.display import STYLE, evidence_html, md_literal
from timeline.errors import TimelineError
from timeline.columnstore import ColumnStore
from timeline.keydates import digests, key_dates_of_articles
from timeline.filters import DERIVED, LANES, PARAMS, Filters, check_link, date_bounds
from pages.workbench import sign_in_box
from timeline.pipeline import ensure_shipped
from timeline.query import EventQuery, query_of
from timeline.store import Store, open_store
from timeline.store import default_url as _database
from timeline.table import readable_type

KEY_DATES_ALL = 50_000  # up to this many articles, key dates digest them all once per version of the store
KEY_DATES_VIEW = 2_000  # beyond, a view's key dates digest its own articles, up to this many


def default_url() -> str:
    """The store's URL: ``TIMELINE_DB``, else the database the app's ``secrets.toml`` names (see
    ``timeline.store.default_url``), else the local SQLite file."""
    try:
        secrets = st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml (StreamlitSecretNotFoundError is one)
        secrets = {}
    return _database(secrets)


@st.cache_resource(show_spinner="Opening the store…")
def _store(url: str) -> Store:
    store = open_store(url)
    ensure_shipped(store)  # not into a columnar build: it is read-only
    return store


def store() -> Store:
    """The store, opened once (and filled with the shipped articles on first start); a columnar
    build opened again when a new one has replaced its file."""
    try:
        opened = _store(default_url())
        if isinstance(opened, ColumnStore) and opened.replaced():
            opened.close()
            _store.clear()
            opened = _store(default_url())
        return opened
    except TimelineError as exc:
        st.error(f"The event store could not be opened: {md_literal(exc)}")
        st.stop()


# cache_resource, not cache_data: one shared query object, never copied per rerun. A SQL store's
# table is copied into DuckDB once per version; a columnar build is queried in its own file.
@st.cache_resource(show_spinner="Reading the event table…", max_entries=1)
def _query(url: str, version: str) -> EventQuery:
    return query_of(_store(url))


@st.cache_resource(show_spinner="Reading the articles' dates for key dates…", max_entries=1)
def _digests(url: str, version: str) -> list[Any]:
    return digests(_store(url).articles())


@st.cache_data(show_spinner="Reading the articles' dates for key dates…", max_entries=8)
def _view_digests(url: str, version: str, ids: tuple[str, ...]) -> list[Any]:
    return digests(_store(url).articles(list(ids)))


def key_dates_of(q: EventQuery, filters: Filters, top: int) -> list[Any] | None:
    """The ``top`` key dates of the articles behind the view (timeline.keydates); None when the
    store is too large to digest whole and the view holds more than ``KEY_DATES_VIEW`` articles."""
    url, version = default_url(), store().version()
    behind = q.articles_of(filters, KEY_DATES_VIEW if store().count_articles() > KEY_DATES_ALL else 10**9)
    if behind is None:
        return None
    ids, first, last = behind
    if store().count_articles() > KEY_DATES_ALL:
        return key_dates_of_articles(_view_digests(url, version, tuple(sorted(ids))), ids, first, last, top)
    return key_dates_of_articles(_digests(url, version), ids, first, last, top)


@st.cache_data(show_spinner=False, max_entries=2)
def _article_list(url: str, version: str, limit: int) -> pd.DataFrame:
    return _store(url).article_list(limit=limit)


def article_list(limit: int) -> pd.DataFrame:
    """The newest ``limit`` articles without their text (``Store.article_list``), read once per version."""
    return _article_list(default_url(), store().version(), limit)


def load() -> tuple[EventQuery, dict[str, list[str]]]:
    """The queries of the event table and the values its filters offer, anew whenever the store changes."""
    st.html(STYLE)  # trusted-html: timeline.display's fixed stylesheet
    q = _query(default_url(), store().version())
    return q, q.options()


def empty_state() -> None:
    """What to show when the store holds no events."""
    if store().read_only:
        st.info("This columnar build holds no events: build it again from its inputs "
                "(`timeline build INPUT... --out DIR`).")
        return
    st.info("No events yet. Add articles on the **Ingest** page (files, pasted text, URLs or a feed), "
            "or load the sample there (816 Kremlin press releases, CC BY 4.0), or from a terminal with "
            "`timeline ingest PATH|URL...` or `timeline ingest --sample`.")


def _notice_bad_link(choices: dict[str, list[str]]) -> None:
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    problems = check_link(raw, {"types": choices["types"], "actors": choices["actors"],
                                "countries": choices["countries"], "precision": choices["precision"],
                                "sources": choices["sources"], "places": choices["places"]})
    for key in [k for k in raw if k not in PARAMS]:
        del st.query_params[key]
    empty = [p for p in problems if p.startswith("'from' (")]  # both dates valid, the wrong way round
    problems = [p for p in problems if p not in empty]
    for problem in empty:
        st.warning(md_literal(f"This link's date range is empty: {problem}. Swap the dates or clear one in the "
                              "sidebar."), icon=":material/date_range:")
    if problems:
        # the problems quote the link's parameters: shown as literal text, never as markdown
        st.warning(md_literal("Parts of this link could not be used, so the view opened without them: "
                              + "; ".join(problems) + "."), icon=":material/link_off:")


def sidebar(choices: dict[str, list[str]]) -> tuple[Filters, str]:
    """The filters, each bound to a URL parameter so that a copied link reopens the same view."""
    _notice_bad_link(choices)
    with st.sidebar:
        lane = st.radio("Lanes", list(LANES), key="lanes", bind="query-params", horizontal=True)
        # one field per row: two side by side cut the date ("2021, ⊗"); the bounds are the data's,
        # and reach any date the link gives, so ?from=2011-01-01 is kept (Streamlit's default
        # bounds, today ± 10 years, would drop it without a word)
        low, high = date_bounds(choices["dates"], [st.query_params.get("from", ""), st.query_params.get("to", "")],
                                date.today())
        start = st.date_input("From", value=None, key="from", bind="query-params", min_value=low, max_value=high,
                              format="YYYY-MM-DD")
        end = st.date_input("To", value=None, key="to", bind="query-params", min_value=low, max_value=high,
                            format="YYYY-MM-DD")
        types = st.multiselect("Event types", choices["types"], key="types", bind="query-params",
                               placeholder="All types", format_func=readable_type)
        actors = st.multiselect("Actors", choices["actors"], key="actors", bind="query-params",
                                placeholder="All actors")
        countries = st.multiselect("Countries", choices["countries"], key="countries", bind="query-params",
                                   placeholder="All countries")
        precision = st.multiselect("Date precision", choices["precision"], key="precision",
                                   bind="query-params", placeholder="Any precision")
        derived = st.radio("Events", DERIVED, key="derived", bind="query-params", horizontal=True)
        keyword = st.text_input("Keyword", key="q", bind="query-params", placeholder="in labels and excerpts")
        sources = st.multiselect("Sources", choices["sources"], key="sources", bind="query-params",
                                 placeholder="All sources")
        places = st.multiselect("Places", choices["places"], key="places", bind="query-params",
                                placeholder="Anywhere")
    sign_in_box()
    filters = Filters(start, end, tuple(types), tuple(actors), tuple(countries), tuple(precision), derived,
                      keyword, tuple(sources), tuple(places))
    return filters, LANES[lane]


def filtered_view() -> tuple[EventQuery, Filters, str]:
    """The queries of the event table, the sidebar's filters and the lane choice; stops the page
    with what to do when the store holds no events."""
    q, choices = load()
    if not q.total():
        empty_state()
        st.stop()
    filters, lane = sidebar(choices)
    return q, filters, lane


def evidence(ids: list[str], table: pd.DataFrame | None = None) -> None:
    """An escaped evidence card per event: its excerpts, their articles, the date's reason, and the
    people's corrections (the values of ``table``, the corrected event table's rows, and each edit)."""
    found = store().happenings(ids)
    article_ids = sorted({x.article_id for e in found for x in e.excerpts})
    articles: dict[str, Any] = {a.id: a for a in store().articles(article_ids)}
    rows: dict[str, dict[str, Any]] = {} if table is None else {
        str(r["event_id"]): {str(k): v for k, v in r.items()} for r in table[table["event_id"].isin(ids)].to_dict("records")}
    edits: dict[str, list[Any]] = {}
    for edit in store().edits(ids):
        edits.setdefault(edit.event_id, []).append(edit)
    for event in sorted(found, key=lambda e: ids.index(e.id) if e.id in ids else 0):
        shown = as_corrected(event, rows.get(event.id))
        st.html(evidence_html(shown, articles, edits.get(event.id, [])))  # trusted-html: escaped by timeline.display
