"""Key dates in the dashboard (issue 14, point 3), in a real browser at 1280 and 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TIMEOUT = 60_000


@pytest.mark.parametrize("width", [1280, 390])
def test_the_key_dates_page_lists_the_days_with_what_happened(app_url: str, page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{app_url}/keydates?top=2", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Key dates")).to_be_visible(timeout=TIMEOUT)
    headings = page.get_by_role("heading", name=__import__("re").compile(r"^[12]\. \w+day 2025-07-\d\d"))
    expect(headings).to_have_count(2, timeout=TIMEOUT)
    expect(page.get_by_text("Why: 1 article names it").first).to_be_visible()
    expect(page.get_by_text("Trump unveiled his new position on Monday").first).to_be_visible()
    expect(page.get_by_role("link", name="See 2025-07-17 on the timeline")).to_have_attribute(
        "href", "/?from=2025-07-17&to=2025-07-17")
    page.screenshot(path=str(SHOTS / f"keydates-{width}.png"))


def test_the_key_dates_are_marked_on_the_timeline(app_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/?keys=true", wait_until="networkidle")
    expect(page.get_by_text("key 1").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("key 2").first).to_be_visible()
