"""HTML pages -> Article: main text, title and site name by trafilatura; dates by htmldate."""

from __future__ import annotations

from datetime import date

from timeline.errors import UnreadableInput
from timeline.ingest.text import parse_text
from timeline.model import Article


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def looks_like_html(head: str) -> bool:
    """Whether the start of a document is HTML."""
    head = head.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head or "<body" in head


def parse_html(page: str, source: str, url: str | None = None, published: date | None = None) -> Article:
    """Read an article off an HTML page. The article's text is the extracted main text (title
    first); the publication date is the page's original date (``article:published_time`` and
    the like), kept apart from its update date (``article:modified_time``).

    Raises:
        UnreadableInput: the page has no article text.
    """
    import htmldate  # here, not at the top: a text file or the dashboard's start need neither
    import trafilatura

    doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < 5:
        raise UnreadableInput(f"{source}: the page has no article text to read (is it an index or a login page?)")
    original = _day(htmldate.find_date(page, original_date=True, extensive_search=False))
    modified = _day(htmldate.find_date(page, original_date=False, extensive_search=False))
    return parse_text(
        text, source=source, url=url, published=published or original,
        published_source="user" if published else "html meta",
        title=getattr(doc, "title", None) or None, publisher=getattr(doc, "sitename", None) or None,
        updated=modified if modified and modified != original else None,
    )
