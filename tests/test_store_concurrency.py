"""Writers at once, on SQLite and PostgreSQL: each waits its turn from its first read
(``timeline.writing``), so no two of them act on the same reading of the store.

Each test holds the first writer inside its transaction, just after its reads, and starts the
second: a second writer not held back would read now (and is let through at once when it does);
one waiting its turn reads only after the first has committed. The outcome is asserted, never a
duration: the pause ends when the second has read, or after a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import timeline.store as store_module
from timeline.corrections import Corrector
from timeline.errors import EditConflict
from timeline.events.build import extract_events
from timeline.ingest.text import parse_text
from timeline.model import Article, Event
from timeline.schema import articles
from timeline.store import Store

EXPULSION = ("Expulsion\nPosted on July 18, 2025\nPoland expelled three Belarusian diplomats on Monday.",
             "Diplomats out\nPosted on July 19, 2025\nPoland expelled three Belarusian diplomats on Monday, "
             "the ministry said.")
URL = "https://example.org/news/expulsion"


def _read(text: str, source: str, url: str | None = None) -> tuple[Article, list[Event]]:
    article = parse_text(text, source=source, url=url)
    return article, extract_events(article)


def _interleaved(monkeypatch: pytest.MonkeyPatch, after: str, first: Callable[[], Any],
                 second: Callable[[], Any]) -> tuple[Any, Any]:
    """Run ``first`` until it has called ``timeline.store.<after>`` (its reads done, its transaction
    open), then ``second`` beside it. Returns what each returned or raised."""
    real = getattr(store_module, after)
    first_read, second_read = threading.Event(), threading.Event()

    def hooked(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        if threading.current_thread().name == "first":
            first_read.set()
            second_read.wait(timeout=1)
        else:
            second_read.set()
        return out

    monkeypatch.setattr(store_module, after, hooked)
    results: dict[str, Any] = {}

    def run(name: str, job: Callable[[], Any]) -> None:
        try:
            results[name] = job()
        except Exception as exc:  # the outcome to assert
            results[name] = exc
        finally:
            first_read.set()

    threads = [threading.Thread(target=run, args=(name, job), name=name)
               for name, job in (("first", first), ("second", second))]
    threads[0].start()
    first_read.wait()
    threads[1].start()
    for thread in threads:
        thread.join()
    return results["first"], results["second"]


def test_two_articles_of_one_happening_stored_at_once_are_one_event(store_url: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (a, found_a), (b, found_b) = _read(EXPULSION[0], "a.txt"), _read(EXPULSION[1], "b.txt")
    store, other = Store(store_url), Store(store_url)  # as the dashboard and the command line
    outcome = _interleaved(monkeypatch, "happenings", lambda: store.add(a, found_a), lambda: other.add(b, found_b))
    assert outcome == ("added", "added")
    table = store.table()
    expelled = table[table["event_type"].str.startswith("16")]
    assert len(expelled) == 1 and expelled.iloc[0]["sources"] == 2


def test_one_article_stored_twice_at_once_is_added_once(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    article, found = _read(EXPULSION[0], "a.txt")
    store, other = Store(store_url), Store(store_url)
    outcome = _interleaved(monkeypatch, "happenings", lambda: store.add(article, found),
                           lambda: other.add(article, found))
    assert outcome == ("added", "unchanged")
    assert store.count_articles() == 1 and len(store.events()) == len(found)


def test_two_revisions_of_a_page_stored_at_once_leave_the_last(store_url: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store, other = Store(store_url), Store(store_url)
    store.add(*_read(EXPULSION[0], URL, URL))
    (second, found_second), (third, found_third) = (_read(EXPULSION[0].replace("three", n), URL, URL)
                                                    for n in ("two", "four"))
    outcome = _interleaved(monkeypatch, "happenings", lambda: store.add(second, found_second),
                           lambda: other.add(third, found_third))
    assert outcome == ("revised", "revised")
    with store.engine.connect() as conn:
        stored = conn.execute(select(articles.c.id, articles.c.revision).where(articles.c.url == URL)).all()
    assert [tuple(r) for r in stored] == [(third.id, 3)]
    assert {e.article_ids for e in store.events()} == {(third.id,)}


def test_the_second_of_two_editors_saving_at_once_is_told_what_the_first_changed(
        store_url: str, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(store_url)
    store.add(*_read(seed_path.read_text(encoding="utf-8"), "seed.txt"))
    table = store.table()
    event_id = str(table[table["event_type"] == "11 Disapprove"].iloc[0]["event_id"])
    ana, bob = Corrector(store, "ana"), Corrector(Store(store_url), "bob")
    first, second = _interleaved(monkeypatch, "now", lambda: ana.edit(event_id, {"label": "Russia objects"}, seen=0),
                                 lambda: bob.edit(event_id, {"label": "Moscow objects"}, seen=0))
    assert [e.who for e in first] == ["ana"]
    assert isinstance(second, EditConflict) and "ana: label" in str(second) and "Russia objects" in str(second)
    assert [(e.who, e.after) for e in store.edits([event_id])] == [("ana", "Russia objects")]


def test_stores_opened_at_once_on_a_new_database_all_open(store_url: str) -> None:
    start = threading.Barrier(4)
    opened: list[object] = []

    def open_store() -> None:
        start.wait()
        try:
            opened.append(Store(store_url).count_articles())
        except Exception as exc:  # the outcome to assert
            opened.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened == [0, 0, 0, 0]
