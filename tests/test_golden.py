"""Golden event tables: one per shipped article under tests/golden/, diffed on failure.

Regenerate after a deliberate change with ``TIMELINE_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from timeline.pipeline import SHIPPED_ARTICLES, read_articles
from timeline.table import event_table

GOLDEN = Path(__file__).resolve().parent / "golden"
ARTICLES = sorted(SHIPPED_ARTICLES.glob("*.txt"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_event_table_matches_golden(article: Path) -> None:
    (done, failed) = read_articles([article])
    assert not failed
    table = event_table(done[0][1], [done[0][0]])
    actual = table.to_csv(index=False, lineterminator="\n")
    golden = GOLDEN / f"{article.stem}.csv"
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden", "actual"))
        pytest.fail(f"event table of {article.name} differs from {golden.name}:\n{diff}")
