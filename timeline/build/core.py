"""``timeline build``: inputs -> Parquet + a DuckDB file of views, in two passes.

1. Read the inputs on the client (anything ``ingest`` reads, and the folders of an earlier build or
   ``timeline export --parquet``), keep the articles whose content id is not built yet, cut them into
   partitions as they are read (growing ones, ``extract.stream``; ``--partitions N``: N equal ones,
   after reading everything) and extract each partition's events as one task (``extract.py``) while
   the reading goes on.
2. Merge every mention of the corpus, old and new, into happenings: a shuffle by CAMEO root, actor
   and date window (``shuffle.py``, ``happen.py``), written to staging folders that replace
   ``events/`` and ``happenings/`` whole.

Then the views are written and the report. Re-running on the same ``--out`` extracts only the new
articles; the merge pass and the views are redone over all mentions. One build at a time per folder.
"""

from __future__ import annotations

import gzip
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from timeline.build.engine import Engine, Progress, quiet
from timeline.build.extract import split, stream
from timeline.build.happen import stage_paths
from timeline.build.layout import MARKER, Layout, check_out, mark, parts, read_ids, write_report, write_views
from timeline.errors import one_line
from timeline.ingest import Item, Options, from_bytes, load
from timeline.model import Article
from timeline.schema import article_from_row


@dataclass(frozen=True, slots=True)
class BuildReport:
    """How a build went: articles new, unchanged and failed, partitions that failed, what it holds."""

    out: Path
    engine: str
    new: int
    unchanged: int
    failures: tuple[dict[str, Any], ...]
    partitions: int
    mentions: int
    events: int
    seconds: float
    phases: tuple[tuple[str, float], ...] = ()

    @property
    def failed_partitions(self) -> list[dict[str, Any]]:
        return [f for f in self.failures if f["kind"] == "partition"]

    @property
    def failed_articles(self) -> int:
        return sum(f["kind"] != "partition" for f in self.failures)

    def summary(self) -> str:
        """One line: what the build did.

        >>> BuildReport(Path("b"), "local", 3, 1, (), 2, 40, 35, 2.0).summary()
        '3 new, 1 unchanged, 0 failed articles in 2 partitions (local, 2.0 s, 1.5 articles/s); 35 events from 40 mentions in b/timeline.duckdb'
        """
        rate = self.new / self.seconds if self.seconds else 0.0
        lost = f", {len(self.failed_partitions)} partitions FAILED" if self.failed_partitions else ""
        return (f"{self.new} new, {self.unchanged} unchanged, {self.failed_articles} failed articles in "
                f"{self.partitions} partitions{lost} ({self.engine}, {self.seconds:.1f} s, {rate:,.1f} articles/s); "
                f"{self.events:,} events from {self.mentions:,} mentions in {self.out / 'timeline.duckdb'}")

    def timings(self) -> str:
        """Where the time went, phase by phase.

        >>> BuildReport(Path("b"), "local", 0, 0, (), 0, 0, 0, 2.0, (("read", 0.5), ("extract", 1.5))).timings()
        'read 0.5 s, extract 1.5 s'
        """
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.phases)


def is_build(path: Path) -> bool:
    """Whether a folder is a build's (or an export's): it has the marker and ``articles/``."""
    return path.is_dir() and (path / MARKER).exists() and (path / "articles").is_dir()


def built_articles(path: Path) -> Iterator[Article]:
    """The articles of an earlier build or export folder."""
    for part in parts(Layout(path).articles):
        for row in pq.read_table(part).to_pylist():
            yield article_from_row(row)


def read_inputs(sources: Iterable[str | Path], options: Options
                ) -> Iterator[tuple[str, Article | None, str | None]]:
    """(source, article, error) of every input: ``ingest``'s readers, gzip-compressed files given by
    name, and build folders read whole."""
    for source in sources:
        if not str(source).startswith(("http://", "https://")) and is_build(Path(source)):
            try:
                for article in built_articles(Path(source)):
                    yield article.source, article, None
            except Exception as exc:  # an unreadable Parquet file fails that input alone
                yield str(source), None, one_line(exc, str(source))
            continue
        items = _gzipped(Path(source), options) if str(source).endswith(".gz") else load([source], options)
        for item in items:
            yield item.source, item.article, item.error


def _gzipped(path: Path, options: Options) -> Iterator[Item]:
    """The articles of a gzip-compressed input (``batch.jsonl.gz``), read as its name without ``.gz``
    says; its uncompressed size is held to the same limit as any input's."""
    name = str(path).removesuffix(".gz")
    try:
        with gzip.open(path) as stream:
            data = stream.read(options.max_bytes + 1)
    except (OSError, EOFError) as exc:
        yield Item(str(path), error=f"{path}: cannot be read as gzip ({exc})")
        return
    if len(data) > options.max_bytes:
        yield Item(str(path), error=f"{path}: more than {options.max_bytes:,} bytes uncompressed; split it")
        return
    yield from from_bytes(name, data, options)


def build(sources: Iterable[str | Path], out: Path, engine: Engine, partitions: int | None = None,
          published: date | None = None, progress: Progress = quiet) -> BuildReport:
    """Build (or add to) the columnar store in ``out``: see the module's doc.

    Raises:
        BuildError: ``out`` is of another layout, or holds other files.
    """
    started = time.monotonic()
    layout = Layout(out)
    check_out(layout)
    mark(layout)
    _sweep(layout)
    have = read_ids(layout.articles)
    failures: list[dict[str, Any]] = []
    unchanged = 0

    def fresh() -> Iterator[tuple[str, Article]]:
        nonlocal unchanged
        for source, article, error in read_inputs(sources, Options(published=published)):
            if article is None:
                failures.append({"kind": "input", "source": source, "article_id": None,
                                 "reason": error or "failed"})
            elif article.id in have:
                unchanged += 1
            else:
                have.add(article.id)
                yield source, article

    clock = [("start", time.monotonic())]
    chunks = split(list(fresh()), partitions) if partitions else stream(fresh())
    done, lost = engine.extract(chunks, layout.root, progress)
    clock.append(("read and extract", time.monotonic()))
    for result in done:
        failures.extend(result.failures)
    for part, reason in lost:
        failures.append({"kind": "partition", "source": part.name, "article_id": None,
                         "reason": f"failed after its retries: {reason}"})
    stage = uuid.uuid4().hex[:12]
    mentions = parts(layout.mentions)
    summary = engine.merge(layout, mentions, stage, progress) if mentions else None
    _swap(layout, stage)
    clock.append(("merge", time.monotonic()))
    write_views(layout, f"timeline build ({engine.name})")
    write_report(layout, failures)
    clock.append(("views", time.monotonic()))
    return BuildReport(out, engine.name, sum(r.articles for r in done), unchanged, tuple(failures),
                       len(done) + len(lost),
                       int(summary["mentions"].sum()) if summary is not None else 0,
                       int(summary["events"].sum()) if summary is not None else 0, time.monotonic() - started,
                       tuple((name, at - clock[i][1]) for i, (name, at) in enumerate(clock[1:])))


def _swap(layout: Layout, stage: str) -> None:
    """Put a whole merge pass in place of the last one's folders."""
    for staged, final in stage_paths(layout, stage).items():
        staged.mkdir(parents=True, exist_ok=True)
        old = final.with_name(f".old-{final.name}-{stage}")
        if final.exists():
            final.rename(old)
        staged.rename(final)
        shutil.rmtree(old, ignore_errors=True)


def _sweep(layout: Layout) -> None:
    """Remove what a build that stopped half-way left: staging folders and temporary files."""
    for path in layout.root.glob(".*"):
        if path.is_dir() and path.name.startswith((".events-", ".happenings-", ".old-")):
            shutil.rmtree(path, ignore_errors=True)
    for folder in (layout.articles, layout.mentions):
        for temp in folder.glob(".*.tmp") if folder.exists() else ():
            temp.unlink(missing_ok=True)
