"""The hosted app's limits per submission (issue 13, point 3): files per upload, URLs per submission
(links in feeds and batches included), bytes in all, bytes per article. Inputs past a limit are
refused by name with the limit's setting and what to do; the inputs within it are read."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from timeline.ingest import app_options, from_bytes, from_upload, from_url
from timeline.ingest.limits import AppLimits, app_limits

ARTICLE = "Talks end {n}\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met Xi on Monday in Moscow ({n}).\n"


@pytest.fixture
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 answering a distinct article at every path."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = ARTICLE.format(n=self.path).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(("environ", "expected", "problem"), [
    ({}, AppLimits(), None),
    ({"TIMELINE_APP_MAX_BYTES": "1000", "TIMELINE_APP_MAX_FILES": "3", "TIMELINE_APP_MAX_URLS": "4",
      "TIMELINE_APP_MAX_TOTAL_BYTES": "5000", "TIMELINE_ALLOW_PRIVATE_URLS": "1"},
     AppLimits(1000, 3, 4, 5000, True), None),
    ({"TIMELINE_ALLOW_PRIVATE_URLS": "yes"}, AppLimits(allow_private=True), None),
    ({"TIMELINE_ALLOW_PRIVATE_URLS": "0"}, AppLimits(), None),
    ({"TIMELINE_ALLOW_PRIVATE_URLS": "perhaps"}, AppLimits(), "TIMELINE_ALLOW_PRIVATE_URLS='perhaps' is not 1 or 0"),
    ({"TIMELINE_APP_MAX_FILES": "0"}, AppLimits(), "TIMELINE_APP_MAX_FILES='0' is not a whole number above 0"),
    ({"TIMELINE_APP_MAX_TOTAL_BYTES": "4 MB"}, AppLimits(),
     "TIMELINE_APP_MAX_TOTAL_BYTES='4 MB' is not a whole number above 0; the default, 4194304, is used"),
])
def test_settings(environ: dict[str, str], expected: AppLimits, problem: str | None) -> None:
    limits, problems = app_limits(environ)
    assert limits == expected
    assert [p[:len(problem)] for p in problems] == ([] if problem is None else [problem])


def test_the_limits_are_described_in_one_line() -> None:
    assert AppLimits().describe() == (
        "Limits: 512 KB per file, pasted text or page; 20 files per upload; 20 URLs per submission (links in "
        "feeds and batches included); 4 MB in all per submission. URLs are fetched from public addresses only.")


def test_files_past_the_count_are_refused_by_name_and_the_others_read() -> None:
    options = app_options(limits=AppLimits(max_files=2))
    items = [item for n in range(3) for item in from_upload(f"f{n}.txt", ARTICLE.format(n=n).encode(), options)]
    assert [i.article is not None for i in items] == [True, True, False]
    assert items[2].error == ("f2.txt: not read: one upload takes at most 2 files (TIMELINE_APP_MAX_FILES); "
                              "upload the rest in another go, or ingest them with `timeline ingest`")


def test_urls_past_the_count_are_refused_feed_and_batch_links_included(server: str) -> None:
    options = app_options(limits=AppLimits(max_urls=3, allow_private=True))
    batch = "\n".join(json.dumps({"url": f"{server}/row{n}", "published": "2025-07-18"}) for n in range(3)).encode()
    first = list(from_url(f"{server}/page", options))
    rows = list(from_bytes("links.jsonl", batch, options))
    assert first[0].article is not None
    assert [i.article is not None for i in rows] == [True, True, False]
    assert rows[2].error is not None and rows[2].error.startswith(
        f"{server}/row2: not fetched: one submission fetches at most 3 URLs, links in feeds and batches included "
        "(TIMELINE_APP_MAX_URLS); give the rest in another submission")
    (late,) = from_url(f"{server}/late", options)
    assert late.article is None and "TIMELINE_APP_MAX_URLS" in (late.error or "")
    (fresh,) = from_url(f"{server}/late", app_options(limits=AppLimits(max_urls=3, allow_private=True)))
    assert fresh.article is not None  # the count is per submission


def test_bytes_past_the_total_are_refused_by_name(server: str) -> None:
    body = ARTICLE.format(n="x").encode()
    options = app_options(limits=AppLimits(max_total_bytes=2 * len(body) + 10, allow_private=True))
    first, second, third = (list(from_bytes(f"f{n}.txt", body.replace(b"x", str(n).encode()), options))[0]
                            for n in range(3))
    assert first.article and second.article and third.article is None
    assert third.error is not None and third.error.startswith(f"f2.txt: not read: its {len(body):,} bytes would take "
                                                              f"this submission past {2 * len(body) + 10:,} bytes in all")
    assert "(TIMELINE_APP_MAX_TOTAL_BYTES); ingest it in another submission, or with `timeline ingest`" in third.error
    (fetched,) = from_url(f"{server}/page", options)  # fetched pages count too
    assert fetched.article is None and "TIMELINE_APP_MAX_TOTAL_BYTES" in (fetched.error or "")


def test_a_file_over_the_per_article_limit_names_it_and_does_not_use_up_the_total() -> None:
    options = app_options(limits=AppLimits(max_bytes=200, max_total_bytes=300))
    (big,) = from_upload("big.txt", b"x" * 201, options)
    assert big.error == ("big.txt: 201 bytes is above the 200-byte limit per article; split it, or ingest it "
                         "with `timeline ingest`")
    (small,) = from_upload("small.txt", ARTICLE.format(n=1).encode(), options)
    assert small.article is not None
