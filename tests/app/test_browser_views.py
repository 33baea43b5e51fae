"""The analyst's views in a real browser: links that carry the view, exports, hostile text."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import jsonschema
import pandas as pd
import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from timeline.pipeline import ingest
from timeline.store import Store

_spec = importlib.util.spec_from_file_location("views_conftest", Path(__file__).parents[1] / "conftest.py")
assert _spec and _spec.loader
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
SEED, start_app, stop_app = _conftest.SEED, _conftest.start_app, _conftest.stop_app
pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PIXEL = "http://198.51.100.7/pixel.png"  # TEST-NET-2: a request to it would mean markup was rendered
HOSTILE = (f'Hostile <script>window.__xss = 1</script> page ![pixel]({PIXEL})\nPosted on July 18, 2025\n'
           'MOSCOW (Reuters) - The Kremlin said on Friday <img src=x onerror="window.__xss = 2"> that '
           '[talks](javascript:window.__xss=3) and **bold** claims go on.\n')

# TimelineJS 3's JSON format (https://timeline.knightlab.com/docs/json-format.html), as a schema.
DATE = {"type": "object", "required": ["year"], "additionalProperties": False, "properties": {
    k: {"type": ["string", "number"]} for k in ("year", "month", "day", "hour", "minute", "second", "millisecond")
} | {"display_date": {"type": "string"}, "format": {"type": "string"}}}
TEXT = {"type": "object", "additionalProperties": False,
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
SLIDE = {"type": "object", "additionalProperties": False, "required": ["start_date"], "properties": {
    "start_date": DATE, "end_date": DATE, "text": TEXT, "media": {"type": "object"}, "group": {"type": "string"},
    "display_date": {"type": "string"}, "background": {"type": "object"}, "autolink": {"type": "boolean"},
    "unique_id": {"type": "string"}}}
TIMELINEJS = {"type": "object", "required": ["events"], "additionalProperties": False, "properties": {
    "events": {"type": "array", "items": SLIDE}, "title": {**SLIDE, "required": []},
    "eras": {"type": "array"}, "scale": {"enum": ["human", "cosmological"]}}}


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("views")
    published = date.today() - timedelta(days=2)
    upcoming = folder / "upcoming.txt"
    upcoming.write_text(f"Deadline set\nPosted on {published:%B} {published.day}, {published.year}\n"
                        "WASHINGTON (Reuters) - Trump unveiled a new plan yesterday, setting a 60-day deadline "
                        "for Moscow to agree.\n")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE)
    db = f"sqlite:///{folder / 'views.db'}"
    store = Store(db)
    ingest([SEED, upcoming, hostile], store)
    table = store.table()
    ids = {"total": str(len(table)), "statements": str(int(((table["event_type"] == "01 Make public statement")
                                                             & ~table["derived"]).sum())),
           "friday": table[(table["date_start"] == "2025-07-18") & table["label"].str.startswith("Kremlin says Trump")]["event_id"].iloc[0],
           "hostile": table[table["article_title"].str.startswith("Hostile")]["event_id"].iloc[0],
           "hostile_article": table[table["article_title"].str.startswith("Hostile")]["article_id"].iloc[0]}
    proc, url = start_app(db, folder / "streamlit.log")
    yield url, ids
    stop_app(proc)


def _chart(page: Page) -> None:
    page.locator(".js-plotly-plot .cartesianlayer .point").first.wait_for(timeout=30_000)


def test_a_shared_link_restores_filters_and_selection(page: Page, views: tuple[str, dict[str, str]]) -> None:
    url, ids = views
    query = urlencode({"types": "01 Make public statement", "derived": "Reported", "lanes": "Actor",
                       "event": ids["friday"]})
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{url}/?{query}")
    _chart(page)
    sidebar = page.locator("section[data-testid=stSidebar]")
    expect(sidebar.get_by_text("01 Make public statement")).to_be_visible()
    expect(sidebar.get_by_role("radio", name="Actor")).to_be_checked()
    expect(page.get_by_text(f"{ids['statements']} of {ids['total']} events")).to_be_visible()
    expect(page.locator(".tl-card").first).to_contain_text("The Kremlin said on Friday")
    page.screenshot(path=str(SHOTS / "shared-link-desktop.png"), full_page=True)


def test_a_malformed_link_opens_the_default_view_with_a_notice(page: Page, views: tuple[str, dict[str, str]]) -> None:
    url, ids = views
    page.goto(f"{url}/?zoom=3&from=2025-13-01&types=No+such+type&lanes=sideways")
    _chart(page)
    notice = page.get_by_text("Parts of this link could not be used")
    expect(notice).to_be_visible()
    for part in ("unknown parameter 'zoom'", "'from' is not a date", "No such type", "sideways"):
        expect(notice).to_contain_text(part)
    expect(page.get_by_text(f"{ids['total']} events from")).to_be_visible()


def test_every_export_downloads_and_parses(page: Page, views: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    url, ids = views
    total = int(ids["total"])
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{url}/events")
    page.get_by_role("heading", name="Events").wait_for(timeout=30_000)
    files = {}
    for name in ("CSV", "JSON", "TimelineJS", "Deadlines .ics"):
        with page.expect_download() as info:
            page.get_by_role("button", name=name, exact=True).click()
        files[name] = tmp_path / info.value.suggested_filename
        info.value.save_as(files[name])
    table = pd.read_csv(files["CSV"])
    assert len(table) == total and "label" in table.columns
    assert not table["excerpt"].astype(str).str.startswith(("=", "+", "-", "@")).any()
    assert len(json.loads(files["JSON"].read_text())) == total
    timelinejs = json.loads(files["TimelineJS"].read_text())
    jsonschema.validate(timelinejs, TIMELINEJS)
    assert len(timelinejs["events"]) == total
    assert "<script>" not in files["TimelineJS"].read_text()
    calendar = Calendar.from_ical(files["Deadlines .ics"].read_bytes())
    deadlines = [c for c in calendar.walk("VEVENT")]
    assert len(deadlines) == 1 and "60-day deadline" in str(deadlines[0]["SUMMARY"])
    page.screenshot(path=str(SHOTS / "events-desktop.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_hostile_article_text_stays_text(page: Page, views: tuple[str, dict[str, str]], width: int) -> None:
    url, ids = views
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    page.goto(f"{url}/?event={ids['hostile']}")
    card = page.locator(".tl-card").first
    card.wait_for(timeout=30_000)
    expect(card).to_contain_text('<img src=x onerror="window.__xss = 2">')
    expect(card).to_contain_text("[talks](javascript:window.__xss=3) and **bold**")
    assert card.locator("img, a, strong, script").count() == 0
    page.goto(f"{url}/sources?article={ids['hostile_article']}")
    expect(page.locator("h3").filter(has_text="Hostile <script>window.__xss = 1</script> page")).to_be_visible()
    body = page.locator(".tl-excerpt").last
    expect(body).to_contain_text('<img src=x onerror="window.__xss = 2">')
    assert body.locator("img, a, strong, script").count() == 0
    assert page.evaluate("() => window.__xss") is None and not dialogs


@pytest.mark.parametrize("width", [1280, 390])
def test_markup_in_a_title_or_a_link_is_text_on_every_page_and_nothing_leaves_127_0_0_1(
        page: Page, views: tuple[str, dict[str, str]], width: int) -> None:
    url, ids = views
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    bad = f"[click me]({PIXEL}) ![x]({PIXEL}) <img src={PIXEL}>"
    pages = ["/", "/events", "/sources", f"/sources?article={ids['hostile_article']}", "/ingest",
             "/?" + urlencode({"actors": bad, "q": bad}), "/events?" + urlencode({"countries": bad})]
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        page.locator("[data-testid='stAppViewContainer']").wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        assert page.locator(f"img[src='{PIXEL}'], a[href='{PIXEL}']").count() == 0, path
    page.goto(f"{url}/sources?article={ids['hostile_article']}")
    # shown as written (a word joiner after "://" keeps the address from becoming a link)
    expect(page.locator("h3").filter(has_text=re.compile(r"!\[pixel\]\(http:\u2060?//198\.51\.100\.7"))).to_be_visible()
    page.goto(url + "/?" + urlencode({"actors": bad}))
    expect(page.get_by_text("[click me](", exact=False).first).to_be_visible()
    outside = [r for r in requests if not r.startswith((url, "data:", "blob:", "about:"))]
    assert outside == [], sorted(set(outside))
