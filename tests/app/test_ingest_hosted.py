"""The Ingest page as hosted (issue 13, points 3 and 5): URLs fetched from public addresses only
unless the setting allows others, the limits shown, the sample one click away."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.ingest.sample import SAMPLE
from timeline.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = b"Talks end\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met Xi on Monday in Moscow.\n"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 serving an article; the list collects the paths asked for."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


def three_rows(folder: Path) -> Path:
    """The sample's first three rows, as the browser and AppTests load them."""
    rows = gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()[:3]
    path = folder / "three.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(rows).encode()))
    return path


def ingest_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **environ: str) -> AppTest:
    monkeypatch.setenv("TIMELINE_DB", f"sqlite:///{tmp_path / 'app.db'}")
    for name in ("TIMELINE_ALLOW_PRIVATE_URLS", "TIMELINE_APP_MAX_FILES", "TIMELINE_APP_MAX_URLS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/ingest.py").run()
    assert not at.exception
    return at


def rows(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def test_the_hosted_default_refuses_127_0_0_1_and_says_why_escaped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                   server: tuple[str, list[str]]) -> None:
    base, asked = server
    at = ingest_page(monkeypatch, tmp_path)
    at.text_area[1].input(f"{base}/<b>admin</b>")
    at.button(key="ingest").click().run()
    assert not at.exception and asked == []
    assert at.error[0].value.replace("\\", "").startswith("Nothing was stored: 1 of 1 input(s) failed")
    shown = rows(at)
    assert f"{base}/&lt;b&gt;admin&lt;/b&gt;: 127.0.0.1 is a loopback address: the hosted app fetches only public " \
           "addresses" in shown
    assert "<b>admin</b>" not in shown


def test_the_setting_lets_an_intranet_deployment_fetch_127_0_0_1(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                  server: tuple[str, list[str]]) -> None:
    base, asked = server
    at = ingest_page(monkeypatch, tmp_path, TIMELINE_ALLOW_PRIVATE_URLS="1")
    at.text_area[1].input(f"{base}/talks")
    at.button(key="ingest").click().run()
    assert not at.exception and asked == ["/talks"]
    assert at.success[0].value.startswith("1 added")


def test_the_limits_are_on_the_page_and_a_mistyped_setting_is_named(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    at = ingest_page(monkeypatch, tmp_path, TIMELINE_APP_MAX_FILES="3", TIMELINE_APP_MAX_URLS="lots")
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "512 KB per file, pasted text or page; 3 files per upload; 20 URLs per submission" in captions
    assert "public addresses only" in captions
    assert "TIMELINE_APP_MAX_URLS='lots' is not a whole number above 0" in at.warning[0].value.replace("\\", "")


def test_too_many_urls_are_refused_past_the_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  server: tuple[str, list[str]]) -> None:
    base, asked = server
    at = ingest_page(monkeypatch, tmp_path, TIMELINE_ALLOW_PRIVATE_URLS="1", TIMELINE_APP_MAX_URLS="1")
    at.text_area[1].input(f"{base}/one\n{base}/two")
    at.button(key="ingest").click().run()
    assert not at.exception and asked == ["/one"]
    assert at.warning[0].value.startswith("1 added")
    assert "not fetched: one submission fetches at most 1 URLs" in rows(at)


def test_the_sample_button_loads_the_sample(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = ingest_page(monkeypatch, tmp_path, TIMELINE_SAMPLE=str(three_rows(tmp_path)))
    button = at.button(key="sample")
    assert button.label.replace("\\", "") == "Load the sample: 3 Kremlin press releases (CC BY 4.0)"
    button.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("3 added")
    assert rows(at).count("tl-result tl-added") == 3
    urls = {a.url for a in Store(f"sqlite:///{tmp_path / 'app.db'}").articles()}
    assert "http://en.kremlin.ru/events/president/news/68700" in urls and len(urls) == 4  # the seed has none
    at.switch_page("pages/timeline.py").run()
    assert not at.exception and "events from" in at.caption[0].value


def test_the_shipped_sample_is_offered_by_its_size(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TIMELINE_SAMPLE", raising=False)
    at = ingest_page(monkeypatch, tmp_path)
    assert at.button(key="sample").label.replace("\\", "") == "Load the sample: 816 Kremlin press releases (CC BY 4.0)"
