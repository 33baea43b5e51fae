"""The hosted Ingest page in a real browser at 1280 and 390 px (issue 13, points 3 and 5): a URL on
127.0.0.1 refused with its reason shown as text, the limits on the page, the sample one click away
with a progress bar. The app runs with the hosted defaults (no TIMELINE_ALLOW_PRIVATE_URLS) and a
three-row sample (TIMELINE_SAMPLE)."""

from __future__ import annotations

import gzip
import importlib.util
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from timeline.ingest.sample import SAMPLE

_spec = importlib.util.spec_from_file_location("hosted_conftest", Path(__file__).parents[1] / "conftest.py")
assert _spec and _spec.loader
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
start_app, stop_app = _conftest.start_app, _conftest.stop_app
pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def local() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1: the address the hosted app must not fetch."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hosted")
    rows = gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()[:3]
    (folder / "three.jsonl.gz").write_bytes(gzip.compress("\n".join(rows).encode()))
    with pytest.MonkeyPatch.context() as patch:  # start_app passes os.environ on to the server
        patch.delenv("TIMELINE_ALLOW_PRIVATE_URLS", raising=False)
        patch.setenv("TIMELINE_SAMPLE", str(folder / "three.jsonl.gz"))
        proc, url = start_app(f"sqlite:///{folder / 'hosted.db'}", folder / "streamlit.log")
        assert "TIMELINE_ALLOW_PRIVATE_URLS" not in os.environ
    yield url
    stop_app(proc)


def _shot(page: Page, name: str, width: int) -> None:
    """The whole page: the app scrolls inside its main pane, so the window is made as tall as it first."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(int(height), 600), 4000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_hosted_ingest_refuses_127_0_0_1_and_loads_the_sample(page: Page, hosted: str,
                                                              local: tuple[str, list[str]], width: int) -> None:
    base, asked = local
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    # the Timeline first: on a fresh server, a first visit to a page's own address shows no menu (app.py
    # draws it; Streamlit's own list, turned off in config.toml, listed the files of pages/ there)
    page.goto(hosted)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    page.goto(f"{hosted}/ingest")
    expect(page.get_by_text("URLs are fetched from public addresses only.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Load the sample: 3 Kremlin press releases (CC BY 4.0)")).to_be_visible()
    menu = page.get_by_test_id("stSidebar").get_by_role("link")
    expect(menu).to_contain_text(["Timeline", "Events", "Key dates", "Sources", "Ingest"])  # (icon names + titles)
    _shot(page, "ingest-hosted", width)

    target = f"{base}/**admin**"
    page.get_by_label("Or give URLs or feeds, one per line").fill(target)
    page.get_by_role("button", name="Ingest", exact=True).click()
    row = page.locator(".tl-result.tl-failed").first
    expect(row).to_contain_text(f"{target}: 127.0.0.1 is a loopback address: the hosted app fetches only public "
                                "addresses", timeout=30_000)
    assert asked == []
    why = row.locator(".tl-why").bounding_box()
    assert why and why["x"] + why["width"] <= width, why  # the reason wraps inside the window
    _shot(page, "ingest-refused", width)

    page.get_by_label("Or give URLs or feeds, one per line").fill("")
    page.get_by_role("button", name="Load the sample: 3 Kremlin press releases (CC BY 4.0)").click()
    expect(page.get_by_text("Sample loaded: 3 articles")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("The Timeline shows the new events").or_(page.get_by_text("3 unchanged"))).to_be_visible()
    _shot(page, "ingest-sample", width)
