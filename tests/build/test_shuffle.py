"""The merge pass's shuffle (``timeline/build/shuffle.py``): mentions split into many buckets by
(CAMEO root, actor, date window) still give exactly the whole-corpus merge."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

import timeline.build.shuffle as shuffle
from timeline import pipeline
from timeline.build import Layout, LocalEngine, build
from timeline.build.happen import mention_frame
from timeline.build.layout import contents, parts
from timeline.events.merge import merge_across
from timeline.table import event_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "kremlin-press.jsonl.gz"


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 Kremlin releases and a second copy of each (another article: its text ends "Copy 1."):
    every dated act has a second mention to join."""
    rows = [json.loads(line) for line in gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()[:30]]
    copies = [{**r, "text": r["text"] + "\nCopy 1.", "url": r["url"] + "#copy-1"} for r in rows]
    batch = tmp_path_factory.mktemp("twins") / "twins.jsonl"
    batch.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows + copies) + "\n")
    return batch


def normal(frame: pd.DataFrame) -> list[dict[str, object]]:
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return sorted(({k: (int(v) if isinstance(v, int | float) and not isinstance(v, bool) else v)
                    for k, v in r.items()} for r in rows), key=lambda r: str(r["event_id"]))


def test_many_small_buckets_give_the_whole_corpus_merge(twins: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shuffle, "MENTIONS_PER_BUCKET", 10)
    report = build([twins], tmp_path / "out", LocalEngine())
    assert report.new == 60 and not report.failures
    layout = Layout(tmp_path / "out")
    assert len(parts(layout.happenings)) >= report.mentions // 10 > 10  # one file per bucket
    done, failed = pipeline.read_articles([twins])
    assert not failed
    mentions = sorted(((a.id, i, e.id), e) for a, found in done for i, e in enumerate(found))
    expected = event_table(merge_across(e for _, e in mentions), [a for a, _ in done])
    got = contents(layout)["event_table"]
    assert normal(got) == normal(expected)
    assert (got["mentions"] >= 2).sum() > 40  # the twins did join across buckets' worth of mentions


def test_buckets_hold_whole_clusters_and_do_not_depend_on_row_order(twins: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shuffle, "MENTIONS_PER_BUCKET", 10)
    build([twins], tmp_path / "out", LocalEngine())
    frame = mention_frame(parts(Layout(tmp_path / "out").mentions), shuffle.COLUMNS)
    bucket = shuffle.buckets(frame)
    cluster = pd.Series(shuffle.clusters(frame), index=frame.index)
    assert (bucket.groupby(cluster).nunique() == 1).all()  # a cluster is never split
    assert bucket.nunique() == -(-len(frame) // 10)
    shuffled = frame.sample(frac=1.0, random_state=7)
    assert shuffle.buckets(shuffled).reindex(frame.index).equals(bucket)
