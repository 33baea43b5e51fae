"""Property tests over every public entry point (issue 11): ``tag``, ``extract_events`` (through
``parse_text``), ingest of text, HTML, JSONL, CSV and feeds (``timeline.ingest.from_bytes``), and
``timeml annotate``. Texts are real sentences cut, joined and mutated, with datelines, header
lines, control and bidirectional characters; publication dates run from year 1 to 9999.

Each property holds for every input: no exception (a refusal names the input and is one of the
library's own), offsets exact (``text[start:end] == expr.text``), ``date_start <= date_end``.

The default run tries a few dozen examples per entry point; ``pytest --slow`` runs the ``slow``
copies with 10,000 examples each (CI does).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.events.build import extract_events
from timeline.ingest import Item, Options, from_bytes
from timeline.ingest.text import parse_text
from timeline.model import Article, Event, TimeExpression
from timeline.temporal import tag
from timeline.timeml import annotate, parse_timeml

ROOT = Path(__file__).resolve().parents[1]
KREMLIN = ROOT.parent / "shared" / "data" / "kremlin-press" / "articles.jsonl"
FAST, SLOW = 30, int(os.environ.get("TIMELINE_SLOW_EXAMPLES", "10000"))  # fewer only when trying it out
ANY_DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
TODAY = date(9999, 12, 31)  # so that no publication date is refused as lying in the future
# A refusal from the library names its input and says what is wrong; anything else raised is
# reported by its Python class: "x.txt: could not be read (IndexError: ...)". That is a bug.
BUG = re.compile(r"could not be read \(\w+(?:Error|Exception|Warning)\b|\bTraceback\b")


@cache
def sentences() -> tuple[str, ...]:
    """Real sentences: the shipped articles, and the Kremlin releases when shared/ is beside the repo."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    if KREMLIN.exists():
        texts += [json.loads(line)["text"] for line in KREMLIN.read_text(encoding="utf-8").splitlines()[:300]
                  if line.strip()]
    found = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if len(s.strip()) > 3]
    return tuple(dict.fromkeys(found))[:3000]


SEPARATORS = (" ", " ", "\n", "\n\n", "", "  ", "\t", "\r\n", "\u2029", " \u00a0")
NOISE = ("\x00", "\x01", "\x07", "\x0b", "\x1b", "\x7f", "\u200b", "\u200e", "\u200f", "\u202a", "\u202b",
         "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff", "\u00a0",
         "…", "—", "’", "\u0301", "ſ", "\u212a", "İ", "\ud7ff", "𝟚𝟘𝟚𝟝", "٢٠٢٥")
DATELINES = ("MOSCOW (Reuters) -", "KYIV, July 18 (Reuters) -", "WASHINGTON (AP) —", "MOSCOW (Reuters) -\n",
             "Posted on July 18, 2025", "Posted on 31 December 9999", "Last updated: July 20, 2025",
             "By Jane Doe; Editing by John Roe", "Published by Global Banking and Finance Review", "Key points:")
DATE_WORDS = ("on Monday", "31 December 9999", "1 January 0001", "last year", "2025", "January", "next week",
              "a 50-day deadline", "the day before", "0001-01-01", "10,000 years ago", "the 21st century",
              "the previous Friday", "a week later", "by the end of the month", "within two weeks")


@st.composite
def texts(draw: st.DrawFn, max_pieces: int = 8) -> str:
    """Real sentences cut, joined and mutated, with datelines, date words and noise."""
    pieces = []
    for _ in range(draw(st.integers(1, max_pieces))):
        kind = draw(st.sampled_from(("sentence", "sentence", "sentence", "cut", "dateline", "date", "noise")))
        if kind in ("sentence", "cut"):
            piece = draw(st.sampled_from(sentences()))
            if kind == "cut":
                a = draw(st.integers(0, len(piece)))
                piece = piece[a : draw(st.integers(a, len(piece)))]
        elif kind == "dateline":
            piece = draw(st.sampled_from(DATELINES))
        elif kind == "date":
            piece = draw(st.sampled_from(DATE_WORDS))
        else:
            piece = draw(st.text(min_size=1, max_size=12))
        pieces += [piece, draw(st.sampled_from(SEPARATORS))]
    text = "".join(pieces)
    for _ in range(draw(st.integers(0, 4))):  # mutations: control, bidi, odd characters anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
    return text


def check_expressions(text: str, found: list[TimeExpression]) -> None:
    for t in found:
        assert 0 <= t.start <= t.end <= len(text) and text[t.start : t.end] == t.text, t
        # only a readout's same-day date has no words of its own (an empty span at its act, by design)
        assert t.start < t.end or (t.text == "" and t.rule == "same_day_release"), t
        if t.begin and t.end_date:
            assert t.begin <= t.end_date, t


def check_article(article: Article) -> None:
    for s in article.sections:
        assert article.text[s.start : s.end] == s.text, s
    assert len(article.title) <= 300


def check_events(article: Article, found: list[Event]) -> None:
    text = article.text
    for e in found:
        if e.date_start and e.date_end:
            assert e.date_start <= e.date_end, e
        for x in e.excerpts:
            assert text[x.start : x.end] == x.text, x
            if x.date_start is not None and x.date_end is not None:
                assert x.start <= x.date_start <= x.date_end <= x.end or 0 <= x.date_start <= x.date_end <= len(text)
        if e.timex is not None:
            check_expressions(text, [e.timex])


def check_items(items: list[Item]) -> None:
    for item in items:
        if item.article is None:
            assert item.error and not BUG.search(item.error), item.error
        else:
            check_article(item.article)


def both(prop: Callable[..., None], *strategies: Any, fast: int = FAST) -> tuple[Any, Any]:
    """The property as two tests: a quick one for every run, and a ``slow`` one of 10,000 examples."""
    common = {"deadline": None, "database": None, "derandomize": False,
              "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
    quick = settings(max_examples=fast, **common)(given(*strategies)(prop))
    slow = pytest.mark.slow(settings(max_examples=SLOW, **common)(given(*strategies)(prop)))
    return quick, slow


# --- tag -------------------------------------------------------------------------------------------

def prop_tag(text: str, anchor: date | None) -> None:
    check_expressions(text, tag(text, anchor))


test_tag, test_tag_slow = both(prop_tag, texts(), st.none() | ANY_DAY, fast=60)


# --- events (through parse_text) -------------------------------------------------------------------

def prop_events(text: str, anchor: date | None) -> None:
    if not text.strip():
        return
    article = parse_text(text, source="prop.txt", published=anchor)
    check_article(article)
    check_events(article, extract_events(article))


test_events, test_events_slow = both(prop_events, texts(), st.none() | ANY_DAY)


# --- ingest: plain text, in UTF-8 or UTF-16 --------------------------------------------------------

def prop_ingest_text(text: str, codec: str, published: date | None) -> None:
    data = text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")
    check_items(list(from_bytes("prop.txt", data, Options(published, today=TODAY))))


test_ingest_text, test_ingest_text_slow = both(
    prop_ingest_text, texts(), st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1252")), st.none() | ANY_DAY)


# --- ingest: HTML ----------------------------------------------------------------------------------

def _page(title: str, body: str, published: date) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{html.escape(title)}</title>"
            f'<meta property="article:published_time" content="{published.isoformat()}T09:00:00Z"></head>'
            f"<body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")


def prop_ingest_html(title: str, body: str, published: date) -> None:
    page = _page(title, body, published)
    check_items(list(from_bytes("prop.html", page.encode("utf-8", "surrogatepass"), Options(today=TODAY))))


test_ingest_html, test_ingest_html_slow = both(prop_ingest_html, texts(2), texts(), ANY_DAY)


# --- ingest: JSONL and CSV batches -----------------------------------------------------------------

ROW = st.fixed_dictionaries({"text": texts()}, optional={
    "title": texts(2), "published": ANY_DAY.map(date.isoformat) | st.text(max_size=12),
    "publisher": st.text(max_size=20), "id": st.integers() | st.text(max_size=8)})


def prop_ingest_jsonl(rows: list[dict[str, Any]]) -> None:
    data = "\n".join(json.dumps(r) for r in rows).encode()
    check_items(list(from_bytes("prop.jsonl", data, Options(today=TODAY, fetch_links=False))))


def prop_ingest_csv(rows: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["text", "title", "published", "publisher", "id"])
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8", "surrogatepass")
    check_items(list(from_bytes("prop.csv", data, Options(today=TODAY, fetch_links=False))))


test_ingest_jsonl, test_ingest_jsonl_slow = both(prop_ingest_jsonl, st.lists(ROW, min_size=1, max_size=3))
test_ingest_csv, test_ingest_csv_slow = both(prop_ingest_csv, st.lists(ROW, min_size=1, max_size=3))


# --- ingest: RSS feeds ------------------------------------------------------------------------------

def prop_ingest_feed(entries: list[tuple[str, str, date]]) -> None:
    items = "".join(
        f"<item><title>{html.escape(title)}</title><link>http://127.0.0.1:9/{i}</link>"
        f"<pubDate>{published:%a, %d %b %Y} 09:00:00 GMT</pubDate>"
        f"<description>{html.escape(body)}</description></item>"
        for i, (title, body, published) in enumerate(entries))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Prop</title>{items}</channel></rss>'
    check_items(list(from_bytes("prop.rss", feed.encode("utf-8", "surrogatepass"),
                                Options(today=TODAY, fetch_links=False))))


test_ingest_feed, test_ingest_feed_slow = both(
    prop_ingest_feed, st.lists(st.tuples(texts(2), texts(12), ANY_DAY), min_size=1, max_size=3))


# --- timeml annotate ------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAGS = re.compile(r"<[^>]*>")


def prop_timeml(text: str, dct: date) -> None:
    body = html.escape(_NOT_XML.sub(" ", text), quote=False)
    raw = (f'<?xml version="1.0"?>\n<TimeML><DOCID>prop</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
           f'value="{dct.isoformat()}" functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n'
           f"<TEXT>{body}</TEXT></TimeML>\n")
    doc = parse_timeml(raw, "prop.tml")
    out = annotate(doc)
    assert _TAGS.sub("", out) == _TAGS.sub("", raw)  # the text is kept byte for byte
    again = parse_timeml(out, "prop.tml")
    assert again.text == doc.text
    for t in again.timexes:
        assert again.text[t.start : t.end] == t.text


test_timeml_annotate, test_timeml_annotate_slow = both(prop_timeml, texts(), ANY_DAY)
