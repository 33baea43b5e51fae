"""The sample corpus (issue 13, point 5): 816 Kremlin press releases shipped compressed, loaded on
request with their URLs and publication dates; never part of the shipped default store."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest.sample import SAMPLE, PUBLISHER, sample_items, sample_label, sample_records
from timeline.pipeline import SHIPPED_ARTICLES, ensure_shipped
from timeline.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("timeline")
    command = [exe] if exe else [sys.executable, "-m", "timeline.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """The sample's first three rows, as a gzip file of the same shape."""
    rows = gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()[:3]
    path = tmp_path / "three.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(rows).encode()))
    return path


def test_the_shipped_sample_is_the_documented_file() -> None:
    data = gzip.decompress(SAMPLE.read_bytes())
    note = (SAMPLE.parent / "README.md").read_text()
    assert hashlib.sha256(data).hexdigest() in note and "CC BY 4.0" in note and "PeiYiZhuo/zelenskyy-putin" in note
    records = sample_records()
    assert len(records) == 816 and sample_label() == "816 Kremlin press releases (CC BY 4.0)"
    assert all(r.text and r.url and r.url.startswith("http://en.kremlin.ru/") and r.published for r in records)
    assert min(r.published for r in records if r.published) == date(2021, 10, 24)


def test_sample_articles_keep_their_url_date_title_and_publisher(three: Path) -> None:
    items = list(sample_items(path=three))
    assert [i.error for i in items] == [None, None, None]
    first = items[0].article
    assert first is not None
    assert (first.url, first.published, first.published_source, first.title, first.publisher) == (
        "http://en.kremlin.ru/events/president/news/68700", date(2022, 6, 24), "batch column", "BRICS+ meeting",
        PUBLISHER)


def test_cli_ingest_sample(tmp_path: Path, three: Path) -> None:
    db = f"sqlite:///{tmp_path / 'sample.db'}"
    first = run("ingest", "--sample", "--db", db, env={"TIMELINE_SAMPLE": str(three)})
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 unchanged, 0 revised, 0 failed" in first.stdout
    again = run("ingest", "--sample", "--db", db, env={"TIMELINE_SAMPLE": str(three)})
    assert "0 added, 3 unchanged, 0 revised, 0 failed" in again.stdout
    urls = {a.url for a in Store(db).articles()}
    assert "http://en.kremlin.ru/events/president/news/68700" in urls and len(urls) == 3


def test_cli_ingest_needs_an_input_or_the_sample(tmp_path: Path) -> None:
    result = run("ingest", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.returncode == 2 and "give a PATH, URL or FEED to ingest, or --sample" in result.stderr


def test_a_missing_sample_is_named_with_how_to_restore_it(tmp_path: Path) -> None:
    result = run("ingest", "--sample", "--db", f"sqlite:///{tmp_path / 'm.db'}",
                 env={"TIMELINE_SAMPLE": str(tmp_path / "gone.jsonl.gz")})
    assert result.returncode == 1
    assert "gone.jsonl.gz: the sample cannot be read" in result.stderr and "git checkout data/samples" in result.stderr


def test_the_shipped_default_store_is_the_seed_alone(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    ensure_shipped(store)
    assert store.count_articles() == 1 and sorted(p.name for p in SHIPPED_ARTICLES.iterdir()) == [
        "2025-07-18-reuters-kremlin-trump-sanctions-threat.txt"]


@pytest.mark.slow
def test_cli_ingests_the_whole_sample(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'all.db'}"
    result = run("ingest", "--sample", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "815 added, 1 unchanged, 0 revised, 0 failed" in result.stdout  # two releases share one text
    assert json.loads(run("events", "--db", db, "--format", "json").stdout)


def test_the_readme_documents_the_flag() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "timeline ingest PATH|URL|FEED... [--sample]" in readme and "`timeline ingest --sample`" in readme
