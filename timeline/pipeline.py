"""Files -> articles -> events -> store, and the event table the CLI and the pages show."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from timeline.errors import StoreError, TimelineError
from timeline.events.build import extract_events
from timeline.ingest import Item, Options, load
from timeline.ingest.text import check_published
from timeline.model import BODY, Article, Event
from timeline.store import PROJECT_DIR, Store
from timeline.temporal import quote_of

SHIPPED_ARTICLES = PROJECT_DIR / "data" / "articles"
COLUMNS = [
    "event_id", "date_start", "date_end", "precision", "derived", "date_text", "date_reason", "event_type",
    "label", "actors", "excerpt", "excerpt_start", "excerpt_end", "article_id", "article_title", "published",
    "mentions", "sources",
]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one input item: added, unchanged, revised or failed, with why."""

    source: str
    status: str
    article_id: str | None = None
    title: str | None = None
    events: int = 0
    error: str | None = None
    needs_date: bool = False


def read_articles(sources: Iterable[str | Path], published: date | None = None
                  ) -> tuple[list[tuple[Article, list[Event]]], list[IngestResult]]:
    """Read and analyse inputs without storing them: (article, events) pairs and the failures."""
    done, failed = [], []
    for item in load(sources, Options(published=published)):
        if item.article is None:
            failed.append(IngestResult(item.source, "failed", error=item.error))
        else:
            done.append((item.article, extract_events(item.article)))
    return done, failed


def ingest(sources: Iterable[str | Path], store: Store, options: Options = Options(),
           progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Read, analyse and store inputs (paths, folders, URLs), one transaction per article; one
    result per item, failures included (the rest carry on). ``progress`` is called per item."""
    return store_items(load(sources, options), store, progress)


def store_items(items: Iterable[Item], store: Store,
                progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Analyse and store items already read (uploads, pasted text, or ``load``'s output)."""
    results = []
    for item in items:
        article = item.article
        if article is None:
            result = IngestResult(item.source, "failed", error=item.error)
        else:
            try:
                if store.has_article(article.id):
                    result = IngestResult(item.source, "unchanged", article.id, article.title)
                else:
                    found = extract_events(article)
                    status = store.add(article, found)
                    result = IngestResult(item.source, status, article.id, article.title, len(found),
                                          needs_date=article.published is None)
            except TimelineError as exc:
                result = IngestResult(item.source, "failed", error=str(exc))
        results.append(result)
        if progress:
            progress(result)
    return results


def set_published(store: Store, article_id: str, day: date) -> int:
    """Give a stored article its publication date: its relative dates are resolved anew.

    Returns the number of events it now has.

    Raises:
        InvalidDate: the date lies in the future. StoreError: no such article.
    """
    article = store.article(article_id)
    if article is None:
        raise StoreError(f"no stored article has the id {article_id!r}; see `timeline events` for ids")
    dated = replace(article, published=check_published(day, article.source), published_source="user")
    found = extract_events(dated)
    store.set_published(dated, found)
    return len(found)


def ensure_shipped(store: Store, folder: Path = SHIPPED_ARTICLES) -> list[IngestResult]:
    """Fill an empty store with the shipped articles (the dashboard's first start)."""
    if store.count_articles():
        return []
    return ingest([folder], store)


def _primary(event: Event) -> int:
    for i, x in enumerate(event.excerpts):
        if x.date_start is not None:
            return i
    return next((i for i, x in enumerate(event.excerpts) if x.kind == BODY), 0)


def event_table(found: Iterable[Event], articles: Iterable[Article]) -> pd.DataFrame:
    """The event table: one row per event, its primary excerpt, and its article.

    >>> event_table([], []).columns[:3].tolist()
    ['event_id', 'date_start', 'date_end']
    """
    by_id = {a.id: a for a in articles}
    rows = []
    for e in found:
        x = e.excerpts[_primary(e)]
        article = by_id.get(x.article_id)
        timex = e.timex
        date_text = ""
        if timex is not None and article is not None:
            date_text = quote_of(article.text, timex.start, timex.end)
        rows.append({
            "event_id": e.id,
            "date_start": e.date_start.isoformat() if e.date_start else None,
            "date_end": e.date_end.isoformat() if e.date_end else None,
            "precision": e.precision, "derived": e.derived, "date_text": date_text, "date_reason": e.reason,
            "event_type": e.event_type, "label": e.label, "actors": "; ".join(e.actors),
            "excerpt": x.text, "excerpt_start": x.start, "excerpt_end": x.end, "article_id": x.article_id,
            "article_title": article.title if article else None,
            "published": article.published.isoformat() if article and article.published else None,
            "mentions": len(e.excerpts), "sources": len({y.article_id for y in e.excerpts}),
        })
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["date_start", "date_end", "event_id"], na_position="last", kind="stable",
                             ignore_index=True)
