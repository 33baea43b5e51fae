"""Every kind of input, served or written for real: HTML over HTTP on 127.0.0.1, feeds, batches,
and every kind of bad input — each reported by name while the rest carry on."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from timeline.ingest import Options, load
from timeline.pipeline import ingest, set_published
from timeline.store import Store

BODY = ("MOSCOW (Reuters) - The Kremlin said on Friday that it did not believe a tougher stance by Donald Trump "
        "means the end of talks. Trump unveiled his new position on Monday, setting a 50-day deadline for "
        "Moscow to reach a ceasefire in Ukraine or face sanctions. Peskov said many problems still needed "
        "to be resolved in order to improve ties with Washington.")


def page(body: str = BODY, published: str = "2025-07-18T09:00:00Z", modified: str = "2026-01-22T10:00:00Z",
         title: str = "Kremlin says talks go on") -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in body.split(". "))
    return (f"<!doctype html><html><head><title>{title} | Example News</title>"
            f'<meta property="og:site_name" content="Example News"><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{published}">'
            f'<meta property="article:modified_time" content="{modified}"></head>'
            f"<body><nav>Home | World | Business</nav><article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>Copyright Example News</footer></body></html>")


def feed(entries: list[tuple[str, str, str, str]]) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{format_datetime(datetime.fromisoformat(d).replace(tzinfo=timezone.utc))}</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>" for t, link, d, body in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>{items}</channel></rss>'


class Site:
    """A real HTTP server on 127.0.0.1 whose pages the tests set."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                if self.path == "/slow":
                    time.sleep(2)
                if self.path.startswith("/loop"):
                    self.send_response(302)
                    self.send_header("Location", "/loop2" if self.path == "/loop" else "/loop")
                    self.end_headers()
                    return
                status, ctype, data = site.pages.get(self.path, (404, "text/plain", b"not found"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test): nothing to answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def set(self, path: str, body: str, ctype: str = "text/html; charset=utf-8", status: int = 200) -> str:
        self.pages[path] = (status, ctype, body.encode("utf-8"))
        return self.url + path


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()


@pytest.fixture
def store(store_url: str) -> Store:
    return Store(store_url)


def test_html_page_anchors_on_published_not_modified(site: Site, store: Store) -> None:
    url = site.set("/news/kremlin", page())
    (result,) = ingest([url], store)
    assert result.status == "added", result.error
    (article,) = store.articles()
    assert (article.published, article.published_source) == (date(2025, 7, 18), "html meta")
    assert article.updated == date(2026, 1, 22)
    assert article.publisher == "Example News" and article.title == "Kremlin says talks go on"
    assert article.url == url and "Home | World" not in article.text
    dates = {e.date_start for e in store.events()}
    assert date(2025, 7, 14) in dates and date(2025, 7, 18) in dates and all(d.year == 2025 for d in dates)


def test_changed_page_at_same_url_is_a_revision(site: Site, store: Store) -> None:
    url = site.set("/news/a", page())
    assert ingest([url], store)[0].status == "added"
    assert ingest([url], store)[0].status == "unchanged"
    site.set("/news/a", page(BODY.replace("on Monday", "on Tuesday")))
    assert ingest([url], store)[0].status == "revised"
    assert store.count_articles() == 1
    dates = {e.date_start for e in store.events()}
    assert date(2025, 7, 15) in dates and date(2025, 7, 14) not in dates  # the old events are gone


def test_feed_entries_become_articles_fetching_short_ones(site: Site, store: Store) -> None:
    long_url = site.set("/a1", page())
    short_url = site.set("/a2", page(BODY.replace("Kremlin", "Russian government"), published="2025-07-19T08:00:00Z",
                                     title="Russia answers"))
    url = site.set("/feed.xml", feed([("Kremlin says talks go on", long_url, "2025-07-18", BODY),
                                      ("Russia answers", short_url, "2025-07-19", "Short teaser.")]),
                   ctype="application/rss+xml")
    results = ingest([url], store)
    assert [r.status for r in results] == ["added", "added"], results
    by_title = {a.title: a for a in store.articles()}
    assert by_title["Kremlin says talks go on"].published_source == "feed entry"
    assert by_title["Russia answers"].published_source == "html meta"  # fetched from its link


def test_batches_load_as_documented(tmp_path: Path, store: Store) -> None:
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"url": "https://example.org/1", "title": "Talks", "published": "2022-03-02T10:00:00Z",
                                 "text": "Putin held talks with Macron yesterday."}) + "\n")
    csv = tmp_path / "batch.csv"
    csv.write_text("title,published,text,source\nCall,2022-03-01,Putin spoke to Xi on Monday.,Kremlin\n")
    results = ingest([jsonl, csv], store)
    assert [r.status for r in results] == ["added", "added"]
    starts = sorted(str(e.date_start) for e in store.events())
    assert starts == ["2022-02-28", "2022-03-01"]
    assert {a.published_source for a in store.articles()} == {"batch column"}


def test_user_date_overrides_and_is_recorded(site: Site, store: Store) -> None:
    url = site.set("/p", page())
    ingest([url], store, Options(published=date(2025, 7, 25)))
    (article,) = store.articles()
    assert (article.published, article.published_source) == (date(2025, 7, 25), "user")


def test_article_without_date_is_stored_flagged_and_resolved_later(tmp_path: Path, store: Store) -> None:
    file = tmp_path / "undated.txt"
    file.write_text("Talks stall\nKYIV (AP) - Putin met Xi on Monday.")
    (result,) = ingest([file], store)
    assert result.status == "added" and result.needs_date
    (event,) = store.events()
    assert event.date_start is None and "unresolved" in event.reason
    set_published(store, result.article_id or "", date(2025, 7, 18))
    (event,) = store.events()
    assert event.date_start == date(2025, 7, 14)
    assert store.articles()[0].published_source == "user"


BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "no-article.html": b"<html><body><nav>Home</nav></body></html>",
    "broken.rss": b'<?xml version="1.0"?><rss><channel><item><title>x</ti',
    "no-text.csv": b"title,published\nA,2025-01-01\n",
    "bad-date.jsonl": json.dumps({"text": "Putin met Xi on Monday.", "published": "last Tuesday"}).encode(),
    "future.jsonl": json.dumps({"text": "Putin met Xi on Monday.", "published": "2999-01-01"}).encode(),
}
REASONS = {"empty.txt": "empty", "binary.txt": "binary", "no-article.html": "no article text",
           "broken.rss": "feed", "no-text.csv": "no 'text'", "bad-date.jsonl": "not a date",
           "future.jsonl": "in the future"}


def test_each_bad_input_is_named_with_its_reason_and_the_batch_carries_on(
        tmp_path: Path, store: Store, seed_path: Path, site: Site) -> None:
    paths = []
    for name, data in BAD.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    big = tmp_path / "big.txt"
    big.write_text("Talks on Monday. " * 1000)
    urls = [site.set("/gone", "x", status=404) and site.url + "/missing", site.url + "/loop", site.url + "/slow"]
    results = ingest([*paths, big, *urls, seed_path], store, Options(timeout=0.5, max_bytes=10_000))
    failed = {r.source: r.error or "" for r in results if r.status == "failed"}
    for name, reason in REASONS.items():
        source = next(s for s in failed if name in s)
        assert reason in failed[source] and name in failed[source], (name, failed[source])
    assert "limit" in failed[str(big)]
    assert "404" in failed[site.url + "/missing"]
    assert "redirect" in failed[site.url + "/loop"]
    assert "timed out" in failed[site.url + "/slow"]
    assert results[-1].status == "added" and store.count_articles() == 1  # nothing stored was lost


def test_loading_kremlin_sample_as_is() -> None:
    kremlin = Path(__file__).resolve().parents[3] / "shared" / "data" / "kremlin-press" / "articles.jsonl"
    if not kremlin.exists():
        pytest.skip("../shared is not beside this checkout")
    items = list(load([kremlin]))
    assert len(items) == 816 and all(i.article for i in items)
    assert items[0].article and items[0].article.published_source == "batch column"


SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def _corpus(name: str, count: int) -> list[dict[str, str]]:
    file = SHARED / name
    if not file.exists():
        pytest.skip("../shared is not beside this checkout")
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()[:count]]


def test_pages_and_feed_built_from_real_releases(site: Site, store: Store) -> None:
    rows = _corpus("kremlin-press/articles.jsonl", 4) + _corpus("t17/iraq/articles.jsonl", 2)
    links = []
    for number, row in enumerate(rows):
        body = row["text"].replace("&", "&amp;").replace("<", "&lt;")
        links.append(site.set(f"/r{number}", page(body, published=row["published"][:10] + "T12:00:00Z",
                                                  modified="2030-01-01T00:00:00Z",
                                                  title=row.get("title", f"Article {number}"))))
    url = site.set("/releases.rss", feed([(row.get("title", "x"), link, row["published"][:10], "Teaser.")
                                          for row, link in zip(rows, links)]), ctype="application/rss+xml")
    results = ingest([url], store)
    assert [r.status for r in results] == ["added"] * len(rows), [r.error for r in results]
    got = sorted(str(a.published) for a in store.articles())
    assert got == sorted(row["published"][:10] for row in rows)  # the pages' own published dates
    assert all(a.published_source == "html meta" for a in store.articles())
