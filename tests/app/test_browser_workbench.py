"""The analyst's workbench in a real browser (issue 13, points 2 and 3): a correction made in the
UI, seen on the evidence card, after a restart and after the article is read again; a hosted app
that anonymous visitors only read, and a signed-in editor who corrects."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from timeline import pipeline
from timeline.store import Store

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TIMEOUT = 60_000


def _open_first_event(page: Page, url: str, width: int, go: bool = True) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
    if go:  # (a new page load is a new session: a signed-in editor stays on the page)
        page.goto(f"{url}/events", wait_until="networkidle")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible(timeout=TIMEOUT)
    time.sleep(1)
    box = grid.bounding_box()
    assert box
    page.mouse.click(box["x"] + 12, box["y"] + 52)  # the first row's selection box
    expect(page.get_by_text("Why this date:").first).to_be_visible(timeout=TIMEOUT)


def _correct_label(page: Page, label: str, note: str) -> None:
    page.get_by_text("Correct this event").click()
    # each field reaches the server as a rerun when it loses focus; typing into the next field while
    # that rerun is under way can be undone by it (seen under CI load): let each rerun end first
    for name, value in (("Label", label), ("Note (why)", note)):
        field = page.get_by_label(name)
        field.fill(value)
        field.blur()
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=30_000)
        expect(field).to_have_value(value, timeout=TIMEOUT)
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_text(re.compile(r"Edited:")).first).to_be_visible(timeout=TIMEOUT)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_correction_in_the_ui_holds_after_a_restart_and_a_new_reading(apps, browser, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                        width: int) -> None:
    db = f"sqlite:///{tmp_path / 'edits.db'}"
    store = Store(db)
    pipeline.ingest([apps.seed], store)
    proc, url = apps.start(db, tmp_path / "streamlit.log", env={"TIMELINE_USER": "ana"})
    try:
        page = browser.new_page()
        _open_first_event(page, url, width)
        _correct_label(page, f"Trump takes office ({width})", "checked against the source")
        card = page.get_by_text(re.compile(r"Edited: .* ana: label .* Trump takes office")).first
        expect(card).to_be_visible(timeout=TIMEOUT)
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"correction-{width}.png"))
        page.close()
    finally:
        apps.stop(proc)
    # the machine reads the article again (a new publication date: new dates, new ids) ...
    row = store.table().iloc[0]
    pipeline.set_published(store, str(row["article_id"]), date(2025, 7, 19))
    # ... and the dashboard starts again on the same database
    proc, url = apps.start(db, tmp_path / "streamlit-2.log")
    try:
        page = browser.new_page()
        _open_first_event(page, url, width)
        expect(page.locator(".tl-label", has_text=f"Trump takes office ({width})")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text(re.compile(r"Edited: .* ana: label")).first).to_be_visible(timeout=TIMEOUT)
        page.close()
    finally:
        apps.stop(proc)
    assert f"Trump takes office ({width})" in set(Store(db).table()["label"])


@pytest.fixture(scope="module")
def hosted(apps, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("hosted")
    secrets = folder / "secrets.toml"
    secrets.write_text('[timeline]\neditor_password = "s3cret"\n')
    db = f"sqlite:///{folder / 'hosted.db'}"
    pipeline.ingest([apps.seed], Store(db))
    proc, url = apps.start(db, folder / "streamlit.log", args=("--secrets.files", str(secrets)))
    yield url, db
    apps.stop(proc)


@pytest.mark.parametrize("width", [1280, 390])
def test_an_anonymous_visitor_of_a_hosted_app_reads_but_cannot_change(hosted, page: Page, width: int) -> None:  # type: ignore[no-untyped-def]
    url, db = hosted
    before = len(Store(db).edits())
    _open_first_event(page, url, width)
    expect(page.get_by_text("Sign in (in the sidebar) to correct events").first).to_be_visible(timeout=TIMEOUT)
    assert page.get_by_text("Correct this event").count() == 0
    page.goto(f"{url}/ingest", wait_until="networkidle")
    expect(page.get_by_text("Sign in (in the sidebar) to ingest articles").first).to_be_visible(timeout=TIMEOUT)
    assert page.get_by_role("button", name="Ingest").count() == 0
    page.screenshot(path=str(SHOTS / f"hosted-anonymous-{width}.png"))
    assert len(Store(db).edits()) == before


def test_a_signed_in_editor_corrects_and_is_the_who_of_the_edit(hosted, page: Page) -> None:  # type: ignore[no-untyped-def]
    url, db = hosted
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{url}/events", wait_until="networkidle")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_label("Your name").fill("Bob")
    sidebar.get_by_label("Editors' password").fill("wrong")
    sidebar.get_by_role("button", name="Sign in").click()
    expect(sidebar.get_by_text("Wrong password")).to_be_visible(timeout=TIMEOUT)
    sidebar.get_by_label("Editors' password").fill("s3cret")
    sidebar.get_by_role("button", name="Sign in").click()
    expect(sidebar.get_by_text("Signed in as Bob")).to_be_visible(timeout=TIMEOUT)
    _open_first_event(page, url, 1280, go=False)
    _correct_label(page, "Bob's reading", "seen in the original")
    assert [e.who for e in Store(db).edits()][-1] == "Bob"
