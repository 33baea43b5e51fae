"""Hostile and odd inputs (issue 11): each refused by name with what it is, or read as it should be;
titles bounded; a slow server held to the total deadline; one broken item never costs the batch."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from timeline.errors import FetchError, UnreadableInput
from timeline.ingest import Options, from_bytes, from_url, load
from timeline.ingest.text import MAX_TITLE, decode, parse_text, read_file
from timeline.ingest.web import fetch

ARTICLE = "Talks end\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met Xi on Monday in Moscow.\n"


def test_utf16_with_a_byte_order_mark_is_decoded_not_called_binary(tmp_path: Path) -> None:
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        file = tmp_path / f"{codec}.txt"
        data = ARTICLE.encode(codec)
        file.write_bytes(data if codec != "utf-16-be" else b"\xfe\xff" + data)
        article = read_file(file)
        assert article.text == ARTICLE and article.published == date(2025, 7, 18), codec


def test_gzip_bomb_is_refused_saying_it_is_gzip_compressed() -> None:
    bomb = gzip.compress(b"\x00" * 10_000_000)
    with pytest.raises(UnreadableInput, match="gzip-compressed") as caught:
        decode(bomb, "bomb.txt.gz")
    assert "bomb.txt.gz" in str(caught.value)
    (item,) = from_bytes("bomb.txt", bomb)
    assert item.article is None and "gzip-compressed" in (item.error or "")


def test_ascii_only_pdf_is_refused_as_a_pdf() -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    (item,) = from_bytes("report.txt", pdf)
    assert item.article is None and "PDF" in (item.error or "") and "report.txt" in (item.error or "")


def test_jsonl_text_given_as_a_list_is_refused_not_stored_as_its_repr() -> None:
    rows = [{"text": ["Putin met Xi", "on Monday."], "published": "2025-07-18"},
            {"text": "Putin met Xi on Monday in Moscow.", "published": "2025-07-18", "title": {"a": 1}},
            {"text": "Putin met Xi on Monday in Moscow.", "published": "2025-07-18"}]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    first, second, third = from_bytes("batch.jsonl", data)
    assert first.article is None and "'text' must be a string, not a list" in (first.error or "")
    assert "batch.jsonl:1" in (first.error or "")
    assert second.article is None and "'title' must be a string" in (second.error or "")
    assert third.article is not None and third.article.text == rows[2]["text"]


def test_text_without_a_line_break_gets_a_bounded_title() -> None:
    text = "Putin met Xi on Monday in Moscow and they talked " * 5000  # 250 KB on one line
    article = parse_text(text, published=date(2025, 7, 18))
    assert len(article.title) <= MAX_TITLE and article.title.endswith("…")
    given = parse_text("Putin met Xi on Monday.", title="x" * 10_000, publisher="p" * 10_000)
    assert len(given.title) == MAX_TITLE and len(given.publisher or "") == MAX_TITLE


class Drip:
    """A real HTTP server on 127.0.0.1 that answers slowly: one byte every 0.5 s, of the body
    (``/body``) or of the headers themselves (``/headers``); ``/ok`` answers at once."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                try:
                    if self.path == "/ok":
                        body = ARTICLE.encode()
                        self.send_response(200)
                        self.send_header("Content-Type", "text/plain")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        return
                    if self.path == "/headers":
                        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    else:
                        self.send_response(200)
                        self.send_header("Content-Type", "text/plain")
                        self.end_headers()
                    for _ in range(60):  # at most 30 s: the server stops by itself
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.5)
                except (BrokenPipeError, ConnectionResetError, socket.timeout):
                    pass  # the client gave up at its deadline

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def drip() -> Iterator[Drip]:
    server = Drip()
    yield server
    server.server.shutdown()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_timeout_bounds_the_whole_fetch_not_each_read(drip: Drip, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1.5 s"):
        fetch(drip.url + path, timeout=1.5)
    assert time.monotonic() - started < 4.0


def test_a_feed_entry_linking_to_a_slow_page_is_held_to_the_deadline(drip: Drip, tmp_path: Path) -> None:
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>'
            f"<item><title>Slow</title><link>{drip.url}/body</link><description>short</description></item>"
            f"<item><title>Fine</title><link>{drip.url}/ok</link><description>short</description></item>"
            "</channel></rss>")
    path = tmp_path / "feed.rss"
    path.write_text(feed)
    started = time.monotonic()
    slow, fine = load([path], Options(timeout=1.5))
    assert time.monotonic() - started < 6.0
    assert slow.article is None and "timed out" in (slow.error or "") and "/body" in (slow.error or "")
    assert fine.article is not None


def test_a_fetch_that_answers_in_time_is_read(drip: Drip) -> None:
    (item,) = from_url(drip.url + "/ok", Options(timeout=1.5))
    assert item.article is not None and item.article.published == date(2025, 7, 18)


def test_the_dashboard_refuses_an_upload_above_its_per_article_limit_naming_it(monkeypatch) -> None:  # noqa: ANN001
    from timeline.ingest import app_options, from_bytes

    monkeypatch.setenv("TIMELINE_APP_MAX_BYTES", "1000")
    (item,) = list(from_bytes("big.txt", b"Title\nPosted on July 18, 2025\n" + b"Putin met Xi. " * 200, app_options()))
    assert item.article is None and "1,000-byte limit per article" in item.error and "timeline ingest" in item.error
    (small,) = list(from_bytes("small.txt", b"Title\nPosted on July 18, 2025\nPutin met Xi.", app_options()))
    assert small.article is not None
