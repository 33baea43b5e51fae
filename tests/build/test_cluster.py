"""``timeline build`` on a real Dask ``LocalCluster`` (2 single-threaded worker processes on
127.0.0.1): the same content as the local engine, and nothing lost when a worker is killed mid-build.

The Kremlin releases are the first 150 of the shipped 816 (the whole sample takes minutes on two
cores; ``benchmarks/bench_build.py`` runs it at scale); Timeline17 is the first 5 articles of each of
its six topics, from ``../shared/data/t17``.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from timeline.build import DaskEngine, Layout, LocalEngine, build
from timeline.build.layout import contents

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "kremlin-press.jsonl.gz"
T17 = ROOT.parent / "shared" / "data" / "t17"
TOPICS = ("egypt", "finan", "h1n1", "haiti", "iraq", "mj")


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """Two worker processes on this machine, importing this checkout's ``timeline``."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", processes=True,
                           dashboard_address=":0", env={"PYTHONPATH": str(ROOT)})
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def kremlin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import gzip

    batch = tmp_path_factory.mktemp("kremlin") / "kremlin-150.jsonl"
    batch.write_text("\n".join(gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()[:150]) + "\n")
    return batch


@pytest.fixture(scope="module")
def kremlin_local(kremlin: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("local") / "out"
    report = build([kremlin], out, LocalEngine())
    assert report.new > 140 and not report.failures
    return contents(Layout(out))


def same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_dask_and_local_builds_hold_the_same_kremlin_releases(client: Any, kremlin: Path, tmp_path: Path,
                                                             kremlin_local: dict[str, pd.DataFrame]) -> None:
    report = build([kremlin], tmp_path / "out", DaskEngine(client=client))
    assert report.engine == "dask" and not report.failures
    assert report.partitions >= 4  # partitions cut as the batch is read, growing: both workers have work
    same(contents(Layout(tmp_path / "out")), kremlin_local)


@pytest.mark.skipif(not T17.exists(), reason=f"{T17} is not there (../shared/data/t17)")
def test_dask_and_local_builds_hold_the_same_timeline17_topics(client: Any, tmp_path: Path) -> None:
    batch = tmp_path / "t17.jsonl"
    lines = [line for topic in TOPICS
             for line in (T17 / topic / "articles.jsonl").read_text().splitlines()[:5]]
    batch.write_text("\n".join(lines) + "\n")
    local = build([batch], tmp_path / "local", LocalEngine())
    dask = build([batch], tmp_path / "dask", DaskEngine(client=client), partitions=6)
    assert (local.new, dask.new) == (30, 30) and not local.failures and not dask.failures
    held = contents(Layout(tmp_path / "dask"))
    assert len(held["event_table"]) > 30
    same(held, contents(Layout(tmp_path / "local")))


def test_a_worker_killed_mid_build_loses_nothing(client: Any, kremlin: Path, tmp_path: Path,
                                                 kremlin_local: dict[str, pd.DataFrame]) -> None:
    pids = client.run(os.getpid)
    killed: list[str] = []

    def kill_one(stage: str, done: int, total: int) -> None:
        if stage == "extract" and done == 1 and not killed:
            busy = [addr for addr, keys in client.processing().items() if keys] or list(pids)
            killed.append(busy[0])
            os.kill(pids[busy[0]], signal.SIGKILL)

    report = build([kremlin], tmp_path / "out", DaskEngine(client=client), progress=kill_one)
    assert killed and not report.failures
    same(contents(Layout(tmp_path / "out")), kremlin_local)
    assert (tmp_path / "out" / "report.jsonl").read_text() == ""
    client.wait_for_workers(2, timeout=60)
    assert json.dumps(sorted(client.run(os.getpid).values())) != json.dumps(sorted(pids.values()))


def test_a_partition_that_keeps_failing_on_dask_is_reported_by_name(client: Any, kremlin: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "FORMAT").write_text("timeline build layout 1\n")
    (out / "mentions").write_text("a file where the mentions folder goes: every partition's write fails")
    report = build([kremlin], out, DaskEngine(client=client), partitions=2)
    assert [f["source"].split(" [")[0] for f in report.failed_partitions] == ["partition 0", "partition 1"]
    assert all("failed after its retries" in f["reason"] for f in report.failed_partitions)
    assert report.new == 0 and "2 partitions FAILED" in report.summary()


def test_the_command_builds_on_a_running_scheduler_and_prints_progress_and_its_dashboard(
        client: Any, kremlin: Path, tmp_path: Path) -> None:
    """`timeline build --engine dask --scheduler tcp://…` as a user runs it against a cluster of theirs."""
    import subprocess
    import sys

    small = tmp_path / "kremlin-20.jsonl"
    small.write_text("\n".join(kremlin.read_text().splitlines()[:20]) + "\n")
    address = client.scheduler.address
    done = subprocess.run([sys.executable, "-m", "timeline.cli", "build", str(small), "--out", str(tmp_path / "dask"),
                           "--engine", "dask", "--scheduler", address, "--partitions", "4"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "20 new, 0 unchanged, 0 failed articles in 4 partitions (dask" in done.stdout
    assert "dask: 2 workers, dashboard http://127.0.0.1:" in done.stderr and "install bokeh" not in done.stderr
    assert "extract: 4/4 tasks" in done.stderr
    build([small], tmp_path / "local", LocalEngine())
    same(contents(Layout(tmp_path / "dask")), contents(Layout(tmp_path / "local")))
