"""Inputs -> articles: text files, HTML pages, URLs, RSS/Atom feeds, JSONL and CSV batches.

Every input yields items; an item is an article or a failure naming the input and its reason,
so one bad input never costs the rest of a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline.errors import TimelineError, UnreadableInput, one_line
from timeline.ingest.batch import Record, read_csv, read_jsonl
from timeline.ingest.feeds import looks_like_feed, read_feed
from timeline.ingest.html import looks_like_html, parse_html
from timeline.ingest.limits import AppLimits, Submission, app_limits
from timeline.ingest.text import MAX_BYTES, check_published, decode, parse_text
from timeline.ingest.web import fetch

APP_MAX_BYTES = AppLimits().max_bytes  # the dashboard's per-article limit (see ``app_options``)
from timeline.model import Article

SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".csv", ".xml", ".rss", ".atom")


@dataclass(frozen=True, slots=True)
class Item:
    """One article read from an input, or the reason it could not be."""

    source: str
    article: Article | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Options:
    """How inputs are read: a user's publication date, limits, whether links may be fetched, from
    which addresses, and (in the dashboard) the submission whose limits every input counts against."""

    published: date | None = None
    timeout: float = 10.0
    max_bytes: int = MAX_BYTES
    fetch_links: bool = True
    today: date | None = None
    public_only: bool = False
    submission: Submission | None = None


def app_options(published: date | None = None, limits: AppLimits | None = None) -> Options:
    """The options of one submission in the dashboard, held to ``limits`` (by default those the
    settings give, see ``limits.py``): ``TIMELINE_APP_MAX_BYTES`` (512 KB) per article, so that one
    upload cannot hold a shared server for long (every stage is linear: 512 KB of prose is read in a
    few seconds), a 10 s fetch deadline, counts of files, URLs and bytes, and public addresses only
    unless ``TIMELINE_ALLOW_PRIVATE_URLS=1``.

    >>> app_options().max_bytes, app_options().public_only
    (524288, True)
    """
    limits = limits or app_limits()[0]
    return Options(published=published, max_bytes=limits.max_bytes, public_only=not limits.allow_private,
                   submission=Submission(limits))


def _checked(article: Article, options: Options) -> Item:
    try:
        check_published(article.published, article.source, options.today)
    except TimelineError as exc:
        return Item(article.source, error=str(exc))
    return Item(article.source, article)


def _kind(name: str, content_type: str, head: str) -> str:
    lower, ctype = name.lower().split("?")[0], content_type.lower()
    if lower.endswith(".jsonl"):
        return "jsonl"
    if lower.endswith(".csv") or "text/csv" in ctype:
        return "csv"
    if lower.endswith((".rss", ".atom")) or "rss" in ctype or "atom" in ctype or looks_like_feed(head):
        return "feed"
    if lower.endswith((".html", ".htm")) or "html" in ctype or looks_like_html(head):
        return "html"
    return "text"


def from_records(records: Iterable[Record], options: Options) -> Iterator[Item]:
    """Articles from batch rows or feed entries; an entry without text is fetched from its link."""
    for record in records:
        if record.error:
            yield Item(record.source, error=record.error)
            continue
        published = options.published or record.published
        if not record.text:
            if record.url and options.fetch_links:
                linked = replace(options, fetch_links=False)
                for item in from_url(record.url, linked):
                    if item.article and item.article.published is None and record.published:
                        # the page gives no date: the feed entry's or batch row's date anchors it
                        dated = replace(item.article, published=record.published,
                                        published_source=record.published_source)
                        item = _checked(dated, options)
                    yield item
            else:
                yield Item(record.source, error=f"{record.source}: no text (and its link is not fetched)")
            continue
        try:
            article = parse_text(record.text, source=record.source, published=published,
                                 published_source="user" if options.published else record.published_source,
                                 title=record.title, publisher=record.publisher, updated=record.updated,
                                 url=record.url)
        except Exception as exc:  # any error is this row's failure; the other rows go on
            yield Item(record.source, error=one_line(exc, record.source))
            continue
        yield _checked(article, options)


def from_bytes(name: str, data: bytes, options: Options = Options(), url: str | None = None,
               content_type: str = "") -> Iterator[Item]:
    """Articles from the bytes of a file or a response, whatever its kind. Whatever reading raises
    becomes a failed item named after the input (the items read before it stay)."""
    try:
        if len(data) > options.max_bytes:  # uploads and pastes are held to the limit files are
            raise UnreadableInput(f"{name}: {len(data):,} bytes is above the {options.max_bytes:,}-byte limit "
                                  "per article; split it, or ingest it with `timeline ingest`")
        if options.submission:
            options.submission.take_bytes(name, len(data))
        text = decode(data, name)
        kind = _kind(name, content_type, text[:1000])
        if kind == "jsonl":
            records = read_jsonl(text, name)
        elif kind == "csv":
            records = read_csv(text, name)
        elif kind == "feed":
            records = read_feed(data, name)
        elif kind == "html":
            records = None
            item = _checked(parse_html(text, name, url=url, published=options.published), options)
        else:
            records = None
            item = _checked(parse_text(text, source=name, published=options.published, url=url), options)
    except Exception as exc:  # not only TimelineError: one input's bug must not end the batch
        yield Item(name, error=one_line(exc, name))
        return
    if records is None:
        yield item
    else:
        yield from from_records(records, options)


def from_upload(name: str, data: bytes, options: Options = Options()) -> Iterator[Item]:
    """Articles from an uploaded file: one more file for the submission's count, then ``from_bytes``."""
    if options.submission:
        try:
            options.submission.take_file(name)
        except TimelineError as exc:
            yield Item(name, error=str(exc))
            return
    yield from from_bytes(name, data, options)


def from_url(url: str, options: Options = Options()) -> Iterator[Item]:
    """Articles from a URL: a page, a feed, or a batch file."""
    try:
        if options.submission:
            options.submission.take_url(url)
        fetched = fetch(url, options.timeout, options.max_bytes, options.public_only)
    except Exception as exc:
        yield Item(url, error=one_line(exc, url))
        return
    yield from from_bytes(url, fetched.data, options, url=fetched.url, content_type=fetched.content_type)


def from_path(path: Path, options: Options = Options()) -> Iterator[Item]:
    """Articles from a file, or from the readable files inside a folder."""
    if path.is_dir():
        try:
            children = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        except OSError as exc:
            yield Item(str(path), error=f"{path}: the folder cannot be read ({exc.strerror or exc})")
            return
        for child in children:
            yield from from_path(child, options)
        return
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise UnreadableInput(f"{path}: {size:,} bytes is above the {options.max_bytes:,}-byte limit; "
                                  "split it or raise --max-bytes")
        data = path.read_bytes()
    except OSError as exc:
        yield Item(str(path), error=f"{path}: cannot be read ({exc.strerror or exc})")
        return
    except (TimelineError, ValueError) as exc:  # ValueError: a name the system refuses (a NUL byte)
        yield Item(str(path), error=one_line(exc, str(path)))
        return
    yield from from_bytes(str(path), data, options)


def load(sources: Iterable[str | Path], options: Options = Options()) -> Iterator[Item]:
    """Articles from paths, folders and URLs, in order.

    >>> [i.error for i in load(["no/such/file.txt"])][0].endswith("cannot be read (No such file or directory)")
    True
    """
    for source in sources:
        text = str(source)
        if text.startswith(("http://", "https://")):
            yield from from_url(text, options)
        else:
            yield from from_path(Path(source), options)
