"""The first pass of a build: articles -> mention rows, one partition at a time.

A partition is a list of (source, article) pairs read on the client; its task extracts the events of
each article (``timeline.events.build.extract_events``, the expensive part) and writes two Parquet
files named by a hash of its article ids: ``articles/part-K.parquet`` and ``mentions/part-K.parquet``.
The mentions are written first: an article counts as built once its row is in ``articles/``, so a
task killed between the two is simply run again. Running a partition twice, on any worker, writes
the same two files (``added_at`` aside). One article that raises fails alone: it becomes a report
row and the rest of its partition goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from timeline.build.layout import Layout, arrow_schema, content_key, frame_table, write_parquet
from timeline.errors import one_line
from timeline.model import Article
from timeline.schema import article_row, event_rows


@dataclass(frozen=True, slots=True)
class Partition:
    """Articles to extract together, with the input each came from."""

    number: int
    articles: tuple[tuple[str, Article], ...]

    @property
    def key(self) -> str:
        """A content key: the same articles make the same key, whatever the partition's number.

        >>> Partition(0, ()).key
        'da39a3ee5e6b4b0d'
        """
        return content_key(a.id for _, a in self.articles)

    @property
    def name(self) -> str:
        """How a report names the partition: its number, key, and first and last input."""
        if not self.articles:
            return f"partition {self.number} (empty)"
        first, last = self.articles[0][0], self.articles[-1][0]
        span = first if first == last else f"{first} … {last}"
        return f"partition {self.number} [{self.key}] ({len(self.articles)} articles: {span})"


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a partition's task did: articles and mentions written, and the articles that failed."""

    number: int
    articles: int
    mentions: int
    failures: tuple[dict[str, Any], ...] = field(default=())


def split(pairs: list[tuple[str, Article]], count: int) -> list[Partition]:
    """Articles in ``count`` partitions of near-equal size, in input order.

    >>> [len(p.articles) for p in split([("s", None)] * 5, 2)]  # type: ignore[list-item]
    [3, 2]
    """
    count = max(1, min(count, len(pairs)))
    size, extra = divmod(len(pairs), count)
    out, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        out.append(Partition(number, tuple(pairs[start:end])))
        start = end
    return [p for p in out if p.articles]


PARTITION_CHARS = 1_000_000  # the text of one partition once the stream has started: ~10 s of work
FIRST_CHARS = 16_000  # the first partition's; each next one twice the last, up to PARTITION_CHARS


def stream(pairs: Iterable[tuple[str, Article]], size: int = PARTITION_CHARS, first: int = FIRST_CHARS
           ) -> Iterator[Partition]:
    """Partitions of articles as they are read: the first small and each next twice as large, up
    to ``size`` characters of text, so that the workers start at once, a small corpus still
    spreads over them and the last task to finish is a short one.

    >>> from types import SimpleNamespace as Text
    >>> pairs = [("s", Text(text="x" * 10)) for i in range(20)]
    >>> [len(p.articles) for p in stream(pairs, size=40, first=10)]  # type: ignore[arg-type]
    [1, 2, 4, 4, 4, 4, 1]
    """
    number, chunk, chars, limit = 0, [], 0, first
    for source, article in pairs:
        chunk.append((source, article))
        chars += len(article.text)
        if chars >= limit:
            yield Partition(number, tuple(chunk))
            number, chunk, chars, limit = number + 1, [], 0, min(size, 2 * limit)
    if chunk:
        yield Partition(number, tuple(chunk))


def extract_rows(part: Partition) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Article rows, mention rows and failure rows of a partition (no files written)."""
    from timeline.events.build import extract_events

    articles, mentions, failures = [], [], []
    for source, article in part.articles:
        try:
            found = extract_events(article)
            rows = event_rows(article, found)
            row = article_row(article)
        except Exception as exc:  # whatever one article raises is its own failure; the rest go on
            failures.append({"kind": "article", "source": source, "article_id": article.id,
                             "reason": one_line(exc, source)})
            continue
        articles.append({**row, "revision": 1})
        mentions.extend(rows)
    return articles, mentions, failures


def run_partition(part: Partition, out: str) -> PartitionResult:
    """The task of one partition: extract, then write its mentions and articles files under ``out``."""
    layout = Layout(Path(out))
    articles, mentions, failures = extract_rows(part)
    if articles:
        name = f"part-{part.key}.parquet"
        write_parquet(layout.mentions / name, frame_table(pd.DataFrame(mentions), arrow_schema("mentions")))
        write_parquet(layout.articles / name, frame_table(pd.DataFrame(articles), arrow_schema("articles")))
    return PartitionResult(part.number, len(articles), len(mentions), tuple(failures))
