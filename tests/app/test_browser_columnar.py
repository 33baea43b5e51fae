"""The dashboard on a columnar store (TIMELINE_DB=duckdb:///PATH) in a real browser: the chart is
drawn from SQL, the sidebar and a link filter it, and the pages that write say the store is read-only."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from timeline.filters import Filters, apply
from timeline.store import open_store
from timeline.synth import write_columnar

_spec = importlib.util.spec_from_file_location("columnar_conftest", Path(__file__).parents[1] / "conftest.py")
assert _spec and _spec.loader
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
start_app, stop_app = _conftest.start_app, _conftest.stop_app
pytestmark = pytest.mark.browser
EVENTS = 3000  # more marks than the chart draws one by one: it opens on counts


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("columnar-app")
    write_columnar(folder / "timeline.duckdb", EVENTS)
    url = f"duckdb:///{folder / 'timeline.duckdb'}"
    table = open_store(url).table()
    kind = sorted(table["event_type"].unique())[2]
    counts = {"derived": f"{len(apply(table, Filters(derived='Derived'))):,} of {EVENTS:,} events",
              "type": f"{len(apply(table, Filters(types=(kind,)))):,} of {EVENTS:,} events", "kind": kind,
              "articles": f"{EVENTS:,} events from {table['article_id'].nunique():,} article(s)"}
    proc, app = start_app(url, folder / "streamlit.log")
    yield app, counts
    stop_app(proc)


def _chart(page: Page) -> None:
    page.locator(".js-plotly-plot .cartesianlayer .point").first.wait_for(timeout=60_000)


def test_the_timeline_of_a_columnar_store_is_drawn_and_filtered_from_the_sidebar(
        page: Page, served: tuple[str, dict[str, str]]) -> None:
    app, counts = served
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(app)
    _chart(page)
    expect(page.get_by_text(counts["articles"])).to_be_visible()
    sidebar = page.locator("section[data-testid=stSidebar]")
    sidebar.get_by_role("radiogroup", name="Events").get_by_text("Derived", exact=True).click()
    expect(page.get_by_text(counts["derived"])).to_be_visible(timeout=30_000)
    _chart(page)
    assert "derived=Derived" in page.url


def test_a_link_filters_a_columnar_store(page: Page, served: tuple[str, dict[str, str]]) -> None:
    app, counts = served
    page.goto(f"{app}/?{urlencode({'types': counts['kind'], 'lanes': 'Actor', 'span': 'true'})}")
    _chart(page)
    expect(page.get_by_text(counts["type"])).to_be_visible()
    expect(page.locator("section[data-testid=stSidebar]").get_by_role("radio", name="Actor")).to_be_checked()


def test_the_events_page_lists_rows_and_ingest_says_read_only(page: Page, served: tuple[str, dict[str, str]]) -> None:
    app, counts = served
    page.goto(f"{app}/events?derived=Derived")
    expect(page.get_by_text(counts["derived"])).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="CSV", exact=True)).to_be_enabled()
    page.goto(f"{app}/ingest")
    expect(page.get_by_text("read-only columnar build")).to_be_visible(timeout=60_000)
