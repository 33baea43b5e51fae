"""Where a build's tasks run: in this process, in order (``local``), or on a Dask cluster (``dask``).

Both engines run the very same task functions (``extract.run_partition``, ``happen.happen_group``);
only the scheduling differs. On Dask the partitions are futures (``retries=2``; a task whose worker
dies is run again elsewhere) and the merge pass is a ``dask.dataframe`` shuffle by merge bucket
(``shuffle.py``: clusters of mentions linked by CAMEO root, actor and date window) with
``groupby(...).apply``, the task-based shuffle, which survives a lost worker. A task that still
fails after its retries is reported by the partition's name, never dropped.

The build folder must be reachable under the same path by every worker (a local folder for a
``LocalCluster``; a shared file system for a remote scheduler).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from timeline.build.extract import Partition, PartitionResult, run_partition
from timeline.build.happen import SUMMARY, bucketed, happen_group, mention_frame
from timeline.build.shuffle import COLUMNS as KEY_COLUMNS
from timeline.build.shuffle import buckets
from timeline.build.layout import Layout
from timeline.errors import BuildError, one_line

RETRIES = 2
IN_FLIGHT = 4  # partitions submitted ahead per worker while the inputs are still being read
# Our own LocalCluster's workers run long pure-Python tasks in a thread beside the worker's event
# loop, whose wakes take the GIL from the task, and the statistical profiler samples the task's
# stack every 10 ms: without the profiler and with slower housekeeping the tasks run ~3 % faster
# (docs/build.md has the measurements; a thread is still ~10 % slower than a process of its own).
QUIET_WORKERS = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
                 "distributed.admin.system-monitor.interval": "5s", "distributed.worker.memory.monitor-interval": "1s"}
Progress = Callable[[str, int, int | None], None]  # stage, tasks done, tasks in all (None: not known yet)


def quiet(stage: str, done: int, total: int | None) -> None:
    """A progress callback that says nothing."""


def printer(stream: Any = None) -> Progress:
    """A progress callback printing ``extract: 3/8 tasks`` lines on stderr (``extract: 3 tasks``
    while the total is not known yet; rewritten in place on a terminal)."""
    out = stream or sys.stderr
    live = out.isatty()

    def show(stage: str, done: int, total: int | None) -> None:
        line = f"{stage}: {done}/{total} tasks" if total else f"{stage}: {done} tasks"
        if live:
            print(f"\r{line}", end="\n" if done == total else "", file=out, flush=True)
        elif done == 1 or done == total or done % max(1, (total or 100) // 10) == 0:  # a log: about ten lines
            print(line, file=out, flush=True)
    return show


class Engine(Protocol):
    """What a build needs of an engine."""

    name: str

    def workers(self) -> int: ...

    def extract(self, parts: Iterable[Partition], out: Path, progress: Progress
                ) -> tuple[list[PartitionResult], list[tuple[Partition, str]]]: ...

    def merge(self, layout: Layout, paths: list[Path], stage: str, progress: Progress) -> pd.DataFrame: ...

    def close(self) -> None: ...


class LocalEngine:
    """The tasks in this process, one after another, each partition tried ``1 + RETRIES`` times."""

    name = "local"

    def workers(self) -> int:
        return 1

    def extract(self, parts: Iterable[Partition], out: Path, progress: Progress
                ) -> tuple[list[PartitionResult], list[tuple[Partition, str]]]:
        done, failed = [], []
        for count, part in enumerate(parts, 1):
            reason = ""
            for _ in range(1 + RETRIES):
                try:
                    done.append(run_partition(part, str(out)))
                    break
                except Exception as exc:  # a partition's failure is reported by its name below
                    reason = one_line(exc)
            else:
                failed.append((part, reason))
            progress("extract", count, None)
        if done or failed:
            progress("extract", len(done) + len(failed), len(done) + len(failed))
        return done, failed

    def merge(self, layout: Layout, paths: list[Path], stage: str, progress: Progress) -> pd.DataFrame:
        groups = bucketed(mention_frame(paths))
        summaries = [SUMMARY]
        for count, group in enumerate(groups, 1):
            summaries.append(happen_group(group, str(layout.root), stage))
            progress("merge", count, len(groups))
        return pd.concat(summaries, ignore_index=True)

    def close(self) -> None:
        pass


class DaskEngine:
    """The tasks on a Dask cluster: a scheduler's address, a client given, or a ``LocalCluster`` of
    one single-threaded worker process per core (on 127.0.0.1) started here and closed after."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, client: Any = None, workers: int | None = None) -> None:
        from distributed import Client, LocalCluster

        self._cluster = None
        if client is not None:
            self.client = client
        elif scheduler:
            self.client = Client(scheduler, timeout="20s")
        else:
            import dask

            with dask.config.set(QUIET_WORKERS):
                self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                             processes=True, host="127.0.0.1", dashboard_address=":0",
                                             silence_logs=logging.ERROR, env=_worker_env())
            self.client = Client(self._cluster)
        self._own = client is None

    @property
    def dashboard(self) -> str | None:
        """The Dask dashboard's address, when the scheduler serves one."""
        try:
            if not self.client.scheduler_info().get("services", {}).get("dashboard"):
                return None
            return str(self.client.dashboard_link) + ("" if _bokeh() else " (install bokeh to see it)")
        except Exception:  # a scheduler that does not say: nothing to show
            return None

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info()["workers"]))

    def extract(self, parts: Iterable[Partition], out: Path, progress: Progress
                ) -> tuple[list[PartitionResult], list[tuple[Partition, str]]]:
        from distributed import as_completed

        pending = as_completed()
        by_key: dict[str, Partition] = {}
        done: list[PartitionResult] = []
        failed: list[tuple[Partition, str]] = []
        ahead = IN_FLIGHT * self.workers()

        def collect(future: Any) -> None:
            if future.status == "error":
                failed.append((by_key[future.key], one_line(future.exception())))
            else:
                done.append(future.result())
            future.release()
            progress("extract", len(done) + len(failed), None if reading else len(by_key))

        reading = True
        for part in parts:  # submitted as the inputs are read; at most `ahead` waiting at a time
            key = f"extract-{part.number}-{part.key}"
            by_key[key] = part
            pending.add(self.client.submit(run_partition, part, out=str(out), retries=RETRIES, pure=False, key=key))
            if pending.count() > ahead:
                collect(next(pending))
        reading = False
        for future in pending:
            collect(future)
        return sorted(done, key=lambda r: r.number), sorted(failed, key=lambda f: f[0].number)

    def merge(self, layout: Layout, paths: list[Path], stage: str, progress: Progress) -> pd.DataFrame:
        import dask.dataframe as dd
        from distributed import as_completed, futures_of

        # the shuffle key is worked out on the client from a few narrow columns (see shuffle.py)
        keys = mention_frame(paths, KEY_COLUMNS)
        where = pd.Series(buckets(keys).to_numpy(), index=keys["id"].to_numpy())
        frame = dd.read_parquet([str(p) for p in paths])
        # few input partitions: the task shuffle's cost grows with inputs × outputs, and a build of
        # many small partition files would spend more on it than on merging
        frame = frame.repartition(npartitions=min(frame.npartitions, 2 * self.workers()))
        frame = frame.map_partitions(_with_bucket, where, meta={**frame.dtypes.to_dict(), "bucket": "int64"})
        summary = frame.groupby("bucket").apply(happen_group, str(layout.root), stage, meta=SUMMARY,
                                                shuffle_method="tasks")
        persisted = self.client.persist(summary, retries=RETRIES)
        futures = futures_of(persisted)
        for count, _ in enumerate(as_completed(futures), 1):
            progress("merge", count, len(futures))
        try:
            result = self.client.compute(persisted).result()
        except Exception as exc:
            raise BuildError(f"the merge pass failed after {RETRIES} retries ({one_line(exc)}); the event "
                             "table of the last build is kept: run the build again") from exc
        return pd.concat([SUMMARY, result], ignore_index=True)

    def close(self) -> None:
        if self._own:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _with_bucket(frame: pd.DataFrame, where: pd.Series) -> pd.DataFrame:
    """A partition of mentions with each one's merge bucket."""
    return frame.assign(bucket=frame["id"].map(where).astype("int64"))


def _bokeh() -> bool:
    """Whether Dask's dashboard can draw (it needs bokeh; without it, its pages say so)."""
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True


def _worker_env() -> dict[str, str]:
    """Workers import this very ``timeline`` (a worktree's, not an installed copy)."""
    here = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {"PYTHONPATH": here + (os.pathsep + path if path else "")}


def engine(name: str, scheduler: str | None = None) -> Engine:
    """The engine a command line names (``--engine``, ``--scheduler``)."""
    if name == "local":
        if scheduler:
            raise BuildError("--scheduler needs --engine dask")
        return LocalEngine()
    return DaskEngine(scheduler)
