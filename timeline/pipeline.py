"""Files -> articles -> events -> store, and the event table the CLI and the pages show."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline.errors import StoreError, one_line
from timeline.events.build import extract_events
from timeline.ingest import Item, Options, load
from timeline.ingest.text import check_published
from timeline.model import Article, Event
from timeline.store import PROJECT_DIR, Store

SHIPPED_ARTICLES = PROJECT_DIR / "data" / "articles"


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


def summary(results: list[IngestResult]) -> tuple[str, str]:
    """How an ingest went, in one line, and its tone: "error" when every input failed, "warning"
    when some did, "success" when something new was stored, "info" when nothing was new.

    >>> summary([IngestResult("a", "failed", error="a: not a url")] * 5)
    ('error', 'Nothing was stored: 5 of 5 input(s) failed. Each reason is in its row below.')
    >>> summary([IngestResult("a", "added", events=3), IngestResult("b", "failed", error="b: empty")])
    ('warning', '1 added (3 events), 1 failed. The Timeline shows the new events; the reason for each failure is in its row below.')
    """
    count = {status: sum(r.status == status for r in results) for status in ("added", "revised", "unchanged", "failed")}
    new = count["added"] + count["revised"]
    if results and count["failed"] == len(results):
        return "error", f"Nothing was stored: {len(results)} of {len(results)} input(s) failed. Each reason is in its row below."
    events = sum(r.events for r in results if r.status in ("added", "revised"))
    parts = [f"{count['added']} added ({events:,} events)" if count["added"] else "",
             f"{count['revised']} revised" if count["revised"] else "",
             f"{count['unchanged']} unchanged (stored already)" if count["unchanged"] else "",
             f"{count['failed']} failed" if count["failed"] else ""]
    line = ", ".join(p for p in parts if p) + "."
    if new and count["failed"]:
        return "warning", f"{line} The Timeline shows the new events; the reason for each failure is in its row below."
    if count["failed"]:
        return "warning", f"{line} Nothing new was stored; the reason for each failure is in its row below."
    undated = sum(r.needs_date for r in results)
    later = f" {undated} article(s) need a publication date: give it on the Sources page." if undated else ""
    return ("success", f"{line} The Timeline shows the new events.{later}") if new else ("info", f"{line} Nothing new.")


def read_articles(sources: Iterable[str | Path], published: date | None = None
                  ) -> tuple[list[tuple[Article, list[Event]]], list[IngestResult]]:
    """Read and analyse inputs without storing them: (article, events) pairs and the failures."""
    done, failed = [], []
    for item in _guarded(load(sources, Options(published=published))):
        if item.article is None:
            failed.append(IngestResult(item.source, "failed", error=item.error))
            continue
        try:
            done.append((item.article, extract_events(item.article)))
        except Exception as exc:  # whatever one article raises is its own failure; the rest go on
            failed.append(IngestResult(item.source, "failed", item.article.id, item.article.title,
                                       error=one_line(exc, item.source)))
    return done, failed


def _guarded(items: Iterable[Item]) -> Iterator[Item]:
    """The items of a reader; should the reader itself break, a failed item says so and the items
    read before it are kept (the readers catch per item, so this is the last resort)."""
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:
            yield Item("input", error=one_line(exc, "input") + "; the inputs after it were not read")
            return
        yield item


def ingest(sources: Iterable[str | Path], store: Store, options: Options = Options(),
           progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Read, analyse and store inputs (paths, folders, URLs), one transaction per article; one
    result per item, failures included (the rest carry on). ``progress`` is called per item."""
    return store_items(load(sources, options), store, progress)


def store_items(items: Iterable[Item], store: Store,
                progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Analyse and store items already read (uploads, pasted text, or ``load``'s output)."""
    results = []
    for item in _guarded(items):
        article = item.article
        if article is None:
            result = IngestResult(item.source, "failed", error=item.error)
        else:
            try:
                if store.has_article(article.id):
                    store.add_source(article)
                    result = IngestResult(item.source, "unchanged", article.id, article.title)
                else:
                    found = extract_events(article)
                    status = store.add(article, found)
                    result = IngestResult(item.source, status, article.id, article.title, len(found),
                                          needs_date=article.published is None)
            except Exception as exc:  # any error is this article's failure: one transaction each, the rest go on
                result = IngestResult(item.source, "failed", article.id, article.title, error=one_line(exc, item.source))
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
    """Fill an empty store with the shipped articles (the dashboard's first start); a columnar
    build is read-only, and is served as it was built."""
    if store.read_only or store.count_articles():
        return []
    return ingest([folder], store)
