"""Files -> articles -> events -> store, and the event table the CLI and the pages show."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from timeline.errors import TimelineError
from timeline.events.build import extract_events
from timeline.ingest.text import read_file
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
    """What happened to one input: added, unchanged (already stored) or failed, with why."""

    source: str
    status: str
    article_id: str | None = None
    title: str | None = None
    events: int = 0
    error: str | None = None


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the ``.txt`` files inside folders named, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(p.glob("*.txt"))
        else:
            yield p


def read_articles(paths: Iterable[str | Path], published: date | None = None
                  ) -> tuple[list[tuple[Article, list[Event]]], list[IngestResult]]:
    """Read and analyse files without storing them: (article, events) pairs and the failures."""
    done, failed = [], []
    for file in expand(paths):
        try:
            article = read_file(file, published=published)
        except TimelineError as exc:
            failed.append(IngestResult(str(file), "failed", error=str(exc)))
            continue
        done.append((article, extract_events(article)))
    return done, failed


def ingest(paths: Iterable[str | Path], store: Store, published: date | None = None) -> list[IngestResult]:
    """Read, analyse and store files; one result per input, failures included (the rest carry on)."""
    results = []
    for file in expand(paths):
        try:
            article = read_file(file, published=published)
            if store.has_article(article.id):
                results.append(IngestResult(str(file), "unchanged", article.id, article.title))
                continue
            found = extract_events(article)
            added = store.add(article, found)
        except TimelineError as exc:
            results.append(IngestResult(str(file), "failed", error=str(exc)))
            continue
        results.append(IngestResult(str(file), "added" if added else "unchanged", article.id, article.title,
                                    len(found)))
    return results


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
