"""A columnar store (duckdb:///PATH) opened read-only: the read API of Store, writes refused, a wrong
file refused with what to run, and the CLI on it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from timeline import columnar, synth
from timeline.columnstore import ColumnStore
from timeline.errors import StoreError
from timeline.pipeline import ensure_shipped
from timeline.query import query_of
from timeline.store import Store, open_store
from timeline.table import COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The `timeline` command, as tests/test_cli.py runs it."""
    exe = shutil.which("timeline")
    command = [exe] if exe else [sys.executable, "-m", "timeline.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The same synthetic corpus as a columnar store (written by the CLI) and in SQLite."""
    folder = tmp_path_factory.mktemp("columnar")
    url = f"duckdb:///{folder / 'timeline.duckdb'}"
    result = run("synth", "--events", "203", "--db", url)
    assert result.returncode == 0, result.stderr
    assert "203 events in 41 synthetic articles" in result.stdout
    sql = f"sqlite:///{folder / 'same.db'}"
    synth.write(Store(sql), 203)
    return url, sql


def test_a_columnar_store_reads_as_the_sql_store_of_the_same_corpus(built: tuple[str, str]) -> None:
    url, sql = built
    store, same = open_store(url), Store(sql)
    assert isinstance(store, ColumnStore) and store.read_only and not same.read_only
    table, expected = store.table(), same.table()
    assert table.columns.tolist() == COLUMNS
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert store.count_articles() == same.count_articles() == 41
    listing = store.article_list()
    pd.testing.assert_frame_equal(listing, same.article_list(), check_dtype=False)
    assert len(store.article_list(limit=5)) == 5
    first = listing["id"].iloc[0]
    assert store.has_article(first) and not store.has_article("nope")
    assert store.article(first) == same.article(first) and store.articles([first]) == same.articles([first])
    ids = table["event_id"].head(4).tolist()
    assert store.happenings(ids) == same.happenings(ids)
    assert store.events(ids) == same.events(ids)
    assert store.mentions(ids[0]) == same.mentions(ids[0]) == 1
    assert store.edits() == [] and len(store.sources(first)) == 1
    assert query_of(store).options() == query_of(same).options()


@pytest.mark.parametrize("write", ["add", "add_many", "record", "delete_article", "set_published", "add_source"])
def test_writes_are_refused_with_what_to_do(built: tuple[str, str], write: str) -> None:
    store = open_store(built[0])
    with pytest.raises(StoreError, match="read-only columnar build: ingest into SQLite/PostgreSQL .* or build again"):
        getattr(store, write)(None, [])
    assert ensure_shipped(store) == []  # the dashboard's first start fills no build


def test_the_cli_prints_the_table_of_a_columnar_store_and_refuses_to_ingest(built: tuple[str, str],
                                                                            seed_path: Path) -> None:
    url, sql = built
    printed = run("events", "--db", url)
    assert printed.returncode == 0, printed.stderr
    table = pd.read_csv(io.StringIO(printed.stdout))
    assert table.columns.tolist() == COLUMNS and len(table) == 203
    assert json.loads(run("events", "--db", url, "--format", "json").stdout) == \
        json.loads(run("events", "--db", sql, "--format", "json").stdout)
    refused = run("ingest", str(seed_path), "--db", url)
    assert refused.returncode == 1 and "read-only columnar build" in refused.stderr


def test_a_missing_file_names_the_path_and_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no columnar store at .*nothing\.duckdb: build one with `timeline build"):
        open_store(f"duckdb:///{tmp_path / 'nothing.duckdb'}")
    result = run("events", "--db", f"duckdb:///{tmp_path / 'nothing.duckdb'}")
    assert result.returncode == 1 and "timeline synth --events N" in result.stderr


def test_a_file_of_another_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE events (id VARCHAR)")
    conn.close()
    with pytest.raises(StoreError, match="is not a timeline store .*timeline build"):
        open_store(f"duckdb:///{path}")
    conn = duckdb.connect(str(path))
    columnar.mark_format(conn, "test")
    conn.execute("UPDATE timeline_format SET version = 0")
    conn.close()
    with pytest.raises(StoreError, match="written in layout 0 .* build it again"):
        open_store(f"duckdb:///{path}")
    (tmp_path / "junk.duckdb").write_text("not a database")
    with pytest.raises(StoreError, match="cannot open the columnar store .*junk.duckdb"):
        open_store(f"duckdb:///{tmp_path / 'junk.duckdb'}")


def test_a_build_moved_into_place_is_noticed_and_read_anew(tmp_path: Path) -> None:
    path = tmp_path / "timeline.duckdb"
    synth.write_columnar(path, 10)
    store = open_store(f"duckdb:///{path}")
    assert isinstance(store, ColumnStore) and not store.replaced()
    version = store.version()
    synth.write_columnar(tmp_path / "next.duckdb", 20)
    (tmp_path / "next.duckdb").replace(path)  # a build writes a new file and moves it over the old one
    assert store.replaced() and len(store.table()) == 10  # the open file is the old one
    store.close()
    again = open_store(f"duckdb:///{path}")
    assert len(again.table()) == 20 and again.version() != version
