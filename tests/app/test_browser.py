"""The dashboard in a real browser: Playwright driving Debian's Chromium against `streamlit run`."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.browser


def _open_timeline(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .point").first.wait_for(timeout=30_000)


def _click_event(page: Page, index: int) -> None:
    point = page.locator(".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .point").nth(index)
    box = point.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_chart_renders_every_dated_event(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    _open_timeline(page, app_url)
    # 3 day events + 1 derived deadline are points; January and "earlier this year" are bars.
    expect(page.locator(".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .point")).to_have_count(4)
    expect(page.locator(".js-plotly-plot .cartesianlayer .subplot.xy .barlayer .point")).to_have_count(2)
    # the blank chart that made the browser fetch Plotly early is gone; the count line sits above the chart
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    # nothing selected: no evidence panel, the chart takes the page's width (it once took 430 of 1280 px)
    expect(page.locator(".tl-card")).to_have_count(0)
    plot = page.locator(".js-plotly-plot").bounding_box()
    main = page.locator("[data-testid=stCaptionContainer]").first.bounding_box()  # the content's width
    assert plot and main and plot["width"] >= main["width"] - 20, (plot, main)
    caption = page.get_by_text("6 events from 1 article(s).").bounding_box()
    chart = page.locator(".js-plotly-plot").bounding_box()
    assert caption and chart and caption["y"] + caption["height"] <= chart["y"]


def test_clicking_an_event_shows_its_excerpt_with_the_date_highlighted(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    _open_timeline(page, app_url)
    for index in range(5):  # find the Kremlin statement's marker among the day events
        before = page.url
        _click_event(page, index)
        # the panel opens beside the chart (which narrows and redraws): wait for the new selection's card
        page.wait_for_url(lambda u: "event=" in u and u != before, timeout=15_000)
        card = page.locator(".tl-card").first
        card.wait_for(timeout=15_000)
        page.wait_for_timeout(1000)
        if "The Kremlin said on Friday" in card.inner_text():
            break
    card = page.locator(".tl-card").first
    expect(card).to_contain_text("The Kremlin said on Friday")
    expect(card).to_contain_text("the day of publication, Fri 2025-07-18")
    expect(card.locator("mark.tl-date").first).to_have_text("Friday")
    expect(card).to_contain_text("Global Banking and Finance Review, 2025-07-18")
    assert "event=" in page.url  # the selection travels in the link
    page.screenshot(path=str(SHOTS / "timeline-desktop.png"), full_page=True)


def test_phone_width_screenshot(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open_timeline(page, app_url)
    _click_event(page, 0)
    page.locator(".tl-card").first.wait_for(timeout=15_000)
    expect(page.locator(".tl-card mark.tl-date").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "timeline-phone.png"), full_page=True)


def test_uploaded_article_appears_on_the_timeline(page: Page, app_url: str, tmp_path: Path) -> None:
    article = tmp_path / "putin-xi.txt"
    article.write_text("Putin and Xi hold talks\nPosted on March 2, 2022\n"
                       "MOSCOW (Reuters) - Vladimir Putin met Xi Jinping in Beijing on Monday.\n")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{app_url}/ingest")
    page.locator("input[type=file]").set_input_files(str(article))
    page.get_by_text("putin-xi.txt").wait_for(timeout=15_000)
    page.get_by_role("button", name="Ingest").click()
    expect(page.get_by_text("The Timeline shows the new events")).to_be_visible(timeout=30_000)
    page.screenshot(path=str(SHOTS / "ingest-desktop.png"), full_page=True)
    page.goto(app_url)
    expect(page.get_by_text("7 events from 2 article(s).")).to_be_visible(timeout=30_000)
