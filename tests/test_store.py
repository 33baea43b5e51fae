"""The store on a real SQLite file and a real PostgreSQL database: once and only once, transactions,
configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.errors import StoreError
from timeline.events.build import extract_events
from timeline.ingest.text import read_file
from timeline.pipeline import ensure_shipped, ingest
from timeline.store import Store, default_url


def test_ingesting_twice_adds_nothing(store_url: str, seed_path: Path) -> None:
    store = Store(store_url)
    first = ingest([seed_path], store)
    second = ingest([seed_path], store)
    assert [r.status for r in first] == ["added"] and first[0].events == 6
    assert [r.status for r in second] == ["unchanged"]
    assert store.count_articles() == 1 and len(store.events()) == 6


def test_events_round_trip(store_url: str, seed_path: Path) -> None:
    article = read_file(seed_path)
    found = extract_events(article)
    store = Store(store_url)
    store.add(article, found)
    reopened = Store(store_url)
    assert [str(e) for e in reopened.events()] == [str(e) for e in found]
    assert reopened.events()[0].excerpts == found[0].excerpts
    assert reopened.articles()[0] == article


def test_a_failed_write_leaves_the_store_as_it_was(store_url: str, seed_path: Path) -> None:
    article = read_file(seed_path)
    found = extract_events(article)
    store = Store(store_url)
    with pytest.raises(StoreError):
        store.add(article, [found[0], found[0]])  # a duplicate event id breaks the transaction
    assert store.count_articles() == 0 and store.events() == []


def test_bad_input_is_reported_and_the_batch_carries_on(store_url: str, tmp_path: Path, seed_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    store = Store(store_url)
    results = ingest([empty, seed_path], store)
    assert [r.status for r in results] == ["failed", "added"]
    assert "empty.txt" in (results[0].error or "") and "empty" in (results[0].error or "")
    assert store.count_articles() == 1


def test_timeline_db_environment_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIMELINE_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert default_url() == f"sqlite:///{tmp_path / 'env.db'}"
    Store()
    assert (tmp_path / "env.db").exists()


def test_default_database_lives_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    assert default_url().endswith("/data/timeline.db")


def test_unusable_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="TIMELINE_DB"):
        Store("nosuchdriver://x")


def test_first_start_fills_an_empty_store_once(store_url: str) -> None:
    store = Store(store_url)
    assert [r.status for r in ensure_shipped(store)] == ["added"]
    assert ensure_shipped(store) == []


@pytest.mark.parametrize(("secrets", "url"), [
    ({"TIMELINE_DB": "postgresql+psycopg://app:pw@db.example/timeline"}, "postgresql+psycopg://app:pw@db.example/timeline"),
    ({"connections": {"timeline": {"url": "postgresql+psycopg://app:pw@db.example/t"}}},
     "postgresql+psycopg://app:pw@db.example/t"),
    ({"connections": {"timeline": {"dialect": "postgresql", "driver": "psycopg", "host": "db.example", "port": 6543,
                                   "database": "timeline", "username": "app", "password": "p@ss",
                                   "query": {"sslmode": "require"}}}},
     "postgresql+psycopg://app:p%40ss@db.example:6543/timeline?sslmode=require"),
    ({"connections": {"other": {"url": "postgresql://x"}}}, None),
    ({}, None),
])
def test_a_hosted_app_finds_its_database_in_its_secrets(monkeypatch: pytest.MonkeyPatch, secrets: dict,
                                                        url: str | None) -> None:
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    found = default_url(secrets)
    assert found == url if url else found.endswith("/data/timeline.db")
    monkeypatch.setenv("TIMELINE_DB", "sqlite:///elsewhere.db")  # the environment comes first
    assert default_url(secrets) == "sqlite:///elsewhere.db"


def test_a_database_error_never_shows_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://app:s3cret-pw@127.0.0.1:1/timeline")  # nothing listens on port 1
    assert "s3cret-pw" not in str(caught.value) and "app:***@127.0.0.1:1" in str(caught.value)
