"""The sample corpus: 816 Kremlin press releases (CC BY 4.0), shipped gzip-compressed in
``data/samples/`` and loaded on request (``timeline ingest --sample``, the Ingest page's button).

``$TIMELINE_SAMPLE`` names another JSONL file (``.gz`` or not) to load instead: the browser tests
point it at a few rows.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from timeline.errors import UnreadableInput
from timeline.ingest import Item, Options, from_records
from timeline.ingest.batch import Record, read_jsonl

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "kremlin-press.jsonl.gz"
PUBLISHER = "President of Russia (en.kremlin.ru)"
LICENCE = "CC BY 4.0"


def sample_path() -> Path:
    """The sample's file: ``$TIMELINE_SAMPLE``, else the shipped one."""
    return Path(os.environ.get("TIMELINE_SAMPLE") or SAMPLE)


@cache
def _records(path: Path, stamp: float) -> tuple[Record, ...]:
    try:
        data = path.read_bytes()
        text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"{path}: the sample cannot be read ({exc}); restore it with "
                              "`git checkout data/samples`") from None
    name = path.name.removesuffix(".gz")
    return tuple(replace(r, publisher=r.publisher or PUBLISHER) for r in read_jsonl(text, name))


def sample_records(path: Path | None = None) -> tuple[Record, ...]:
    """The sample's rows, read once per file version.

    Raises:
        UnreadableInput: the file is missing or not gzip/UTF-8, naming it and how to restore it.

    >>> len(sample_records())
    816
    """
    path = path or sample_path()
    try:
        stamp = path.stat().st_mtime
    except OSError as exc:
        raise UnreadableInput(f"{path}: the sample cannot be read ({exc.strerror or exc}); restore it with "
                              "`git checkout data/samples`") from None
    return _records(path, stamp)


def sample_label(path: Path | None = None) -> str:
    """What the sample is, in a few words: "816 Kremlin press releases (CC BY 4.0)"."""
    return f"{len(sample_records(path)):,} Kremlin press releases ({LICENCE})"


def sample_items(options: Options = Options(), path: Path | None = None) -> Iterator[Item]:
    """The sample's articles, each with its URL, title and publication date (links never fetched).

    >>> next(sample_items()).article.url
    'http://en.kremlin.ru/events/president/news/68700'
    """
    yield from from_records(sample_records(path), replace(options, fetch_links=False, submission=None))
