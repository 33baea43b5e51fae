"""``timeline build`` on the local engine: the Parquet layout, the views, the merge pass against the
in-process pipeline, incremental builds, bad inputs, old layouts, and ``export --parquet``."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import timeline.build.engine as engine_module
from timeline import columnar, pipeline
from timeline.build import Layout, LocalEngine, build
from timeline.build.layout import contents, parts
from timeline.cli import main
from timeline.errors import BuildError, StoreError
from timeline.events.merge import merge_across
from timeline.store import Store
from timeline.table import COLUMNS, event_table

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles"
SAMPLE = ROOT / "data" / "samples" / "kremlin-press.jsonl.gz"


def kremlin_lines(count: int, start: int = 0) -> list[str]:
    """Rows of the shipped Kremlin sample, as JSON lines."""
    return gzip.decompress(SAMPLE.read_bytes()).decode().splitlines()[start:start + count]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seed article and 12 Kremlin releases (one JSONL batch)."""
    folder = tmp_path_factory.mktemp("inputs")
    batch = folder / "kremlin.jsonl"
    batch.write_text("\n".join(kremlin_lines(12)) + "\n")
    return [SEED, batch]


@pytest.fixture(scope="module")
def built(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    report = build(inputs, out, LocalEngine(), partitions=3)
    assert report.new == 13 and not report.failures
    return out


def normal(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows comparable across pandas and DuckDB types: missing as None, numbers as int."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return sorted(({k: (int(v) if isinstance(v, int | float) and not isinstance(v, bool) else v)
                    for k, v in r.items()} for r in rows), key=lambda r: str(r.get("event_id") or r.get("id")))


def test_the_parquet_layout(built: Path) -> None:
    layout = Layout(built)
    assert layout.marker.read_text() == f"timeline build layout {columnar.FORMAT_VERSION}\n"
    assert len(parts(layout.articles)) == 3 and len(parts(layout.mentions)) == 3
    months = {p.parent.name for p in parts(layout.events)}
    assert months and all(m == "month=undated" or len(m) == len("month=2022-06") for m in months)
    event_file = parts(layout.events)[0]
    assert pd.read_parquet(event_file).columns.tolist() == COLUMNS
    assert layout.report.read_text() == ""


def test_the_views_follow_the_contract(built: Path) -> None:
    conn = duckdb.connect(str(Layout(built).db), read_only=True)
    columnar.check_format(conn, str(built))
    for name, columns in columnar.RELATIONS.items():
        assert [d[0] for d in conn.execute(f"SELECT * FROM {name} LIMIT 0").description] == columns
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (13,)
    assert conn.execute("SELECT count(DISTINCT happening) FROM mentions").fetchone() == \
        conn.execute("SELECT count(*) FROM event_table").fetchone()
    conn.close()


def test_the_event_table_is_the_pipelines(built: Path, inputs: list[Path]) -> None:
    """The merge pass gives what ``merge_across`` gives on the same mentions in the store's order
    (article id, position, id): the same happenings, the same rows."""
    done, failed = pipeline.read_articles(inputs)
    assert not failed
    mentions = sorted(((a.id, i, e.id), e) for a, found in done for i, e in enumerate(found))
    expected = event_table(merge_across(e for _, e in mentions), [a for a, _ in done])
    got = contents(Layout(built))["event_table"]
    assert normal(got) == normal(expected)
    assert got["mentions"].sum() == sum(len(e.excerpts) for _, e in mentions)


def test_a_second_build_adds_only_what_is_new(built: Path, inputs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = contents(Layout(out))
    files = set(parts(Layout(out).articles))
    again = build(inputs, out, LocalEngine())
    assert (again.new, again.unchanged, again.partitions) == (0, 13, 0)
    assert set(parts(Layout(out).articles)) == files
    after = contents(Layout(out))
    assert all(after[name].equals(before[name]) for name in before)

    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(kremlin_lines(2, start=12)) + "\n")
    grown = build([*inputs, more], out, LocalEngine())
    assert (grown.new, grown.unchanged) == (2, 13)
    added = set(parts(Layout(out).articles)) - files
    assert files < set(parts(Layout(out).articles))  # the old part files stay as they were
    assert sum(len(pd.read_parquet(p)) for p in added) == 2
    assert len(contents(Layout(out))["articles"]) == 15


def test_a_corrupt_input_fails_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEED.iterdir()), folder / "good.txt")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "1 new, 0 unchanged, 2 failed articles" in captured.out
    report = [json.loads(line) for line in (out / "report.jsonl").read_text().splitlines()]
    assert sorted(Path(r["source"]).name for r in report) == ["binary.txt", "empty.txt"]
    assert all(r["reason"] for r in report)
    assert "binary.txt" in captured.err and "empty.txt" in captured.err
    assert len(contents(Layout(out))["articles"]) == 1


def test_a_failed_partition_is_reported_by_name(tmp_path: Path, inputs: list[Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine_module.run_partition
    tries: list[int] = []

    def broken(part, out):  # type: ignore[no-untyped-def]
        if part.number == 0:
            tries.append(1)
            raise MemoryError("out of memory")
        return real(part, out)

    monkeypatch.setattr(engine_module, "run_partition", broken)
    report = build(inputs, tmp_path / "out", LocalEngine(), partitions=2)
    assert len(tries) == 3  # tried, then retried twice
    (lost,) = report.failed_partitions
    assert lost["source"].startswith("partition 0 [") and "MemoryError: out of memory" in lost["reason"]
    assert report.new == 6  # the other partition is built
    assert "partitions FAILED" in report.summary()


def test_an_older_layout_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "old"
    out.mkdir()
    (out / "FORMAT").write_text("timeline build layout 0\n")
    with pytest.raises(BuildError, match="written in layout 0 .* remove .* or build into a new --out"):
        build([SEED], out, LocalEngine())
    assert main(["build", str(SEED), "--out", str(out)]) == 1
    assert "layout 0" in capsys.readouterr().err


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(BuildError, match="no timeline build"):
        build([SEED], tmp_path, LocalEngine())


def test_a_view_file_of_another_version_is_refused(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    conn = duckdb.connect(str(Layout(out).db))
    conn.execute("UPDATE timeline_format SET version = 0")
    conn.close()
    with pytest.raises(StoreError, match="layout 0"):
        contents(Layout(out))


def test_export_then_build_from_the_export(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    pipeline.ingest([SEED], store)
    exported = tmp_path / "exported"
    assert main(["export", "--parquet", str(exported), "--db", store.url]) == 0
    held = contents(Layout(exported))
    assert normal(held["event_table"]) == normal(store.table())
    assert held["articles"]["id"].tolist() == [a.id for a in store.articles()]

    report = build([exported], tmp_path / "rebuilt", LocalEngine())
    assert (report.new, report.failures) == (1, ())
    rebuilt = contents(Layout(tmp_path / "rebuilt"))
    assert rebuilt["articles"]["id"].tolist() == held["articles"]["id"].tolist()
    assert rebuilt["event_table"]["event_id"].tolist() == held["event_table"]["event_id"].tolist()


def test_a_gzipped_batch_is_read_and_a_broken_one_fails_alone(tmp_path: Path) -> None:
    good, broken = tmp_path / "kremlin.jsonl.gz", tmp_path / "broken.jsonl.gz"
    good.write_bytes(gzip.compress(("\n".join(kremlin_lines(2)) + "\n").encode()))
    broken.write_bytes(b"not gzip at all")
    report = build([good, broken], tmp_path / "out", LocalEngine())
    assert report.new == 2
    (failure,) = report.failures
    assert failure["source"] == str(broken) and "cannot be read as gzip" in failure["reason"]
