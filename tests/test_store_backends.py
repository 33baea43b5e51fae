"""What PostgreSQL showed about the store, kept on SQLite too: text it cannot hold, upgrades of an
older database, connections the server drops, and one event table whichever database holds it."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, inspect, text

from timeline.errors import StoreError
from timeline.ingest import Item
from timeline.ingest.text import parse_text
from timeline.pipeline import read_articles, store_items
from timeline.store import Store

ROOT = Path(__file__).resolve().parents[1]
KREMLIN = ROOT.parent / "shared" / "data" / "kremlin-press" / "articles.jsonl"
EVENTS = ROOT / "tests" / "events" / "data"
NUL = "Talks\x00 end\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met\x00 Xi on Monday in Moscow.\n"


def test_nul_characters_are_kept_as_replacement_characters(store_url: str) -> None:
    """PostgreSQL refuses NUL in text ("cannot contain NUL (0x00) bytes"): it is read as U+FFFD,
    one character for one, so every offset still holds, on every database."""
    store = Store(store_url)
    article = parse_text(NUL, source="nul\x00.txt", title="Talks\x00", publisher="A\x00B")
    (result,) = store_items([Item(article.source, article)], store)
    assert result.status == "added", result.error
    (stored,) = store.articles()
    assert stored == article and "\x00" not in stored.text and stored.text.count("\ufffd") == 2
    assert (stored.title, stored.publisher, stored.source) == ("Talks\ufffd", "A\ufffdB", "nul\ufffd.txt")
    assert all(stored.text[x.start : x.end] == x.text for e in store.events() for x in e.excerpts)


def test_an_older_database_gets_the_columns_added_since(store_url: str) -> None:
    """Columns with a default (``DEFAULT ''`` included) are added to a database made before them."""
    store = Store(store_url)
    store.add(parse_text(NUL.replace("\x00", ""), source="a.txt"), [])
    with store.engine.begin() as conn:
        conn.execute(text('ALTER TABLE edits DROP COLUMN "note"'))
        conn.execute(text('ALTER TABLE articles DROP COLUMN "revision"'))
    store.engine.dispose()
    reopened = Store(store_url)
    columns = {t: {c["name"] for c in inspect(reopened.engine).get_columns(t)} for t in ("edits", "articles")}
    assert "note" in columns["edits"] and "revision" in columns["articles"]
    with reopened.engine.connect() as conn:
        assert conn.execute(text("SELECT revision FROM articles")).scalar_one() == 1


@pytest.mark.postgres
def test_the_store_reconnects_when_the_server_drops_its_connections(postgres_url: str, seed_path: Path) -> None:
    """A managed PostgreSQL closes idle connections; the dashboard holds its store for days."""
    store = Store(postgres_url)
    assert store.count_articles() == 0
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        dropped = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
    admin.dispose()
    assert dropped >= 1
    assert store.count_articles() == 0


@pytest.mark.postgres
def test_an_unreachable_server_is_a_clear_error(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="cannot open the database .* check --db or TIMELINE_DB"):
        Store(postgres_url.rsplit("/", 1)[0] + "/no_such_database")


def _corpus(tmp_path: Path) -> list[Path]:
    """The seed, two articles that report its happenings, and (beside the repository) 30 Kremlin
    releases."""
    paths = [ROOT / "data" / "articles" / "2025-07-18-reuters-kremlin-trump-sanctions-threat.txt",
             EVENTS / "ap-trump-50-day-deadline.txt", EVENTS / "month-only-announcement.txt"]
    if KREMLIN.exists():
        batch = tmp_path / "kremlin.jsonl"
        with KREMLIN.open(encoding="utf-8") as lines:
            batch.write_text("".join(next(lines) for _ in range(30)), encoding="utf-8")
        paths.append(batch)
    return paths


@pytest.mark.postgres
def test_the_event_table_is_the_same_on_sqlite_and_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """The dashboard's table, the articles, mentions and sources: equal, row for row, in order."""
    done, failed = read_articles(_corpus(tmp_path))
    assert not failed and len(done) >= 3
    stores = [Store(f"sqlite:///{tmp_path / 'same.db'}"), Store(postgres_url)]
    for store in stores:
        for article, found in done:
            store.add(article, found)
    lite, pg = stores
    pd.testing.assert_frame_equal(lite.table(), pg.table())
    assert (lite.table()["sources"] > 1).any()  # happenings grouped across articles, the same way
    pd.testing.assert_frame_equal(lite.article_list(), pg.article_list())
    assert [str(e) for e in lite.events()] == [str(e) for e in pg.events()]
    assert lite.articles() == pg.articles()
    first = lite.articles()[0].id
    pd.testing.assert_frame_equal(lite.sources(first), pg.sources(first))


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_postgresql_fails_under_ci(monkeypatch: pytest.MonkeyPatch, ci: str,
                                           outcome: type[BaseException]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("store_conftest", Path(__file__).parent / "conftest.py")
    assert spec and spec.loader
    conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conftest)
    monkeypatch.delenv("TIMELINE_TEST_POSTGRES", raising=False)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match=r"\.ci/postgres"):
        conftest._require_postgres()


def test_ci_gives_the_tests_a_postgresql_server() -> None:
    """.ci/run starts one (``.ci/postgres``) and hands its URL to the README's test command."""
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pg_url=$(.ci/postgres)" in run and "export TIMELINE_TEST_POSTGRES=$pg_url" in run
    assert run.index("TIMELINE_TEST_POSTGRES") < run.index('bash -c "$test_command"')
    if os.environ.get("CI") == "true":
        assert os.environ.get("TIMELINE_TEST_POSTGRES", "").startswith("postgresql")
