"""RSS and Atom feeds -> one record per entry (feedparser)."""

from __future__ import annotations

from datetime import date
from xml.sax import SAXException

from timeline.errors import UnreadableInput
from timeline.ingest.batch import Record

MIN_WORDS = 40  # an entry with less text than this is fetched from its link when fetching is allowed


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS or Atom feed."""
    head = head.lstrip()[:1000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _day(parsed: object) -> date | None:
    try:
        return date(*parsed[:3]) if parsed else None  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def read_feed(data: bytes, source: str) -> list[Record]:
    """The entries of a feed as records: text from the entry's content (HTML made plain), or
    none (``text=""``) when the entry is too short and its link should be fetched instead.

    Raises:
        UnreadableInput: the feed is malformed and has no entries.
    """
    import feedparser  # here, not at the top: reading a text file or opening the dashboard need neither
    import trafilatura

    feed = feedparser.parse(data)
    problem = getattr(feed, "bozo_exception", None)
    if isinstance(problem, SAXException) or not feed.entries:
        raise UnreadableInput(f"{source}: not a readable RSS/Atom feed ({problem or 'no entries'}); "
                              "check the feed's address or its XML")
    publisher = feed.feed.get("title") or None
    records = []
    for number, entry in enumerate(feed.entries, start=1):
        html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        text = (trafilatura.html2txt(html) or "").strip() if "<" in html else html.strip()
        records.append(Record(
            source=f"{source}#{number}", text=text if len(text.split()) >= MIN_WORDS else "",
            title=entry.get("title") or None, url=entry.get("link") or None,
            published=_day(entry.get("published_parsed")), updated=_day(entry.get("updated_parsed")),
            published_source="feed entry", publisher=publisher))
    return records
