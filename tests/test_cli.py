"""The `timeline` command, run as a real console script."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from timeline.table import COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("timeline")
    command = [exe] if exe else [sys.executable, "-m", "timeline.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_events_csv_has_the_documented_columns(seed_path: Path) -> None:
    result = run("events", str(seed_path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert table.columns.tolist() == COLUMNS
    assert sorted(table["date_start"]) == ["2025-01-01", "2025-01-01", "2025-07-14", "2025-07-17",
                                           "2025-07-18", "2025-09-02"]


def test_events_json(seed_path: Path) -> None:
    result = run("events", str(seed_path), "--format", "json")
    rows = json.loads(result.stdout)
    derived = [r for r in rows if r["derived"]]
    assert len(rows) == 6 and len(derived) == 1 and derived[0]["date_start"] == "2025-09-02"


def test_ingest_then_events_from_the_store(tmp_path: Path, seed_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first = run("ingest", str(seed_path), "--db", db)
    assert first.returncode == 0 and "1 added, 0 unchanged, 0 revised, 0 failed" in first.stdout
    again = run("ingest", str(seed_path), "--db", db)
    assert "0 added, 1 unchanged, 0 revised, 0 failed" in again.stdout
    stored = run("events", "--db", db, "--format", "json")
    assert len(json.loads(stored.stdout)) == 6


def test_failed_input_is_named_and_exit_code_is_nonzero(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\x00\x00\x00")
    result = run("ingest", str(bad), str(seed_path), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 1
    assert "photo.txt" in result.stderr and "binary" in result.stderr
    assert "1 added, 0 unchanged, 0 revised, 1 failed" in result.stdout


def test_published_override_must_be_a_date(seed_path: Path) -> None:
    result = run("events", str(seed_path), "--published", "last tuesday")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_tag_prints_timex_lines(seed_path: Path) -> None:
    result = run("tag", str(seed_path))
    values = [json.loads(line)["value"] for line in result.stdout.splitlines()]
    assert "2025-07-14" in values and "P50D" in values and "2025" in values


def test_tag_type_narrative_reads_a_history_in_its_own_years(tmp_path: Path) -> None:
    history = tmp_path / "kronstadt.txt"
    history.write_text("Kronstadt\n\nOn March 3, 1921, the sailors rebelled.\n\nOn March 18 the revolt was crushed.\n",
                       encoding="utf-8")
    values = {}
    for kind in ("news", "narrative"):
        result = run("tag", str(history), "--published", "2009-12-19", "--type", kind)
        assert result.returncode == 0, result.stderr
        values[kind] = [json.loads(line)["value"] for line in result.stdout.splitlines()]
    assert values == {"news": ["1921-03-03", "2009-03-18"], "narrative": ["1921-03-03", "1921-03-18"]}
