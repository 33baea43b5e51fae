"""The same article gives the same events in any process, whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# a Kremlin release (meeting on transport corridors) whose undated tellings could join either of two acts
CHILD = """
from timeline.events.build import extract_events
from timeline.ingest.sample import sample_items
article = next(i.article for i in sample_items() if i.article and i.article.id == "f8d4b8a2bea41995")
print([(e.id, [x.start for x in e.excerpts]) for e in extract_events(article)])
"""


def _events(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True,
                          cwd=ROOT).stdout


def test_an_undated_telling_joins_the_same_act_whatever_the_hash_seed() -> None:
    assert _events("0") == _events("3")
