"""One item's failure is that item's alone (issue 11): whatever it raises is reported with its name
and a one-line reason, the batch goes on, nothing stored is lost, and the CLI then exits 1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from timeline.ingest import Item, load
from timeline.ingest.text import parse_text
from timeline.keydates import read_digests
from timeline.pipeline import read_articles, store_items
from timeline.store import Store
from timeline.timeml import annotate_dir

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Talks end\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met Xi on Monday in Moscow.\n"
DATELINE_ALONE = "Talks end\nPosted on July 18, 2025\nMOSCOW (Reuters) -\nPutin met Xi on Monday in Moscow.\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("timeline")
    command = [exe] if exe else [sys.executable, "-m", "timeline.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def _broken() -> Item:
    """An item whose article is malformed (a publication date that is not a date): analysing or
    storing it raises a plain Python error, not one of the library's."""
    article = parse_text(GOOD, source="broken.txt")
    return Item("broken.txt", replace(article, published="not a date"))  # type: ignore[arg-type]


def test_an_item_that_raises_any_exception_is_its_own_failure(store_url: str) -> None:
    store = Store(store_url)
    good = parse_text(GOOD.replace("Xi", "Lula"), source="good.txt", published=date(2025, 7, 18))
    first = parse_text(GOOD, source="first.txt", published=date(2025, 7, 18))
    results = store_items([Item("first.txt", first), _broken(), Item("good.txt", good)], store)
    assert [r.status for r in results] == ["added", "failed", "added"]
    failure = results[1].error or ""
    assert failure.startswith("broken.txt: ") and "\n" not in failure
    assert store.count_articles() == 2  # nothing stored before or after it was lost


def test_a_reader_that_breaks_keeps_what_it_read_before() -> None:
    def items() -> Iterator[Item]:
        yield Item("first.txt", parse_text(GOOD, source="first.txt"))
        raise RuntimeError("the reader broke")

    store = Store("sqlite://")
    results = store_items(items(), store)
    assert [r.status for r in results] == ["added", "failed"]
    assert "RuntimeError: the reader broke" in (results[1].error or "") and store.count_articles() == 1


def test_publication_date_year_one_in_a_batch_does_not_abort_it(tmp_path: Path) -> None:
    rows = [{"text": "Putin met Xi on Monday. Talks go on next week and next year.", "published": "0001-01-01"},
            {"text": "Putin met Lula on Monday. They meet again next month.", "published": "2025-07-18"}]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in rows))
    result = run("ingest", str(batch), "--db", f"sqlite:///{tmp_path / 'b.db'}")
    assert result.returncode == 0, result.stderr
    assert "2 added, 0 unchanged, 0 revised, 0 failed" in result.stdout


def test_published_override_year_one_and_year_9999_never_raise(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD + "They meet again next week, next year, in two days and on Friday.\n")
    early = run("events", str(article), "--published", "0001-01-01", "--format", "json")
    assert early.returncode == 0, early.stderr
    tagged = run("tag", str(article), "--published", "9999-12-31")
    assert tagged.returncode == 0, tagged.stderr
    beyond = [json.loads(line) for line in tagged.stdout.splitlines() if "outside" in line]
    assert beyond and all(not t["value"][:1].isdigit() for t in beyond)  # next year: past 9999, unresolved
    late = run("events", str(article), "--published", "9999-12-31")  # a date in the future: refused by name
    assert late.returncode == 1 and "lies in the future" in late.stderr and "Traceback" not in late.stderr


def test_dateline_alone_on_its_line_costs_no_other_article(tmp_path: Path) -> None:
    (tmp_path / "a-dateline.txt").write_text(DATELINE_ALONE)
    (tmp_path / "b-good.txt").write_text(GOOD)
    result = run("ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'd.db'}")
    assert "Traceback" not in result.stderr
    stored = Store(f"sqlite:///{tmp_path / 'd.db'}")
    assert any(a.source.endswith("b-good.txt") for a in stored.articles())
    assert result.returncode == (1 if "failed:" in result.stderr else 0)


def test_read_articles_reports_each_failure_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_text(GOOD)
    done, failed = read_articles([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(done) == 1 and len(failed) == 1 and "a.txt" in (failed[0].error or "")


def test_key_dates_reads_the_rest_when_one_article_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(GOOD)
    digests, failed = read_digests([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(digests) == 1 and len(failed) == 1 and "a.txt" in failed[0]
    result = run("key-dates", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--top", "1")
    assert result.returncode == 1 and result.stdout.strip() == "2025-07-14"


def test_timeml_annotate_goes_on_past_a_bad_file_and_takes_any_dct(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    body = "<TEXT>Putin spoke on Monday. Talks go on next week and next year.</TEXT></TimeML>"
    for name, dct in (("a.tml", "0001-01-01"), ("c.tml", "9999-12-31")):
        (source / name).write_text(f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" '
                                   f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n{body}')
    (source / "b.tml").write_text("<TimeML><TEXT>no DCT</TEXT></TimeML>")
    results = dict(annotate_dir(source, out))
    assert results[Path("a.tml")] is None and results[Path("c.tml")] is None
    assert results[Path("b.tml")] and "DCT" in results[Path("b.tml")]
    assert "<TIMEX3" in (out / "c.tml").read_text()


def test_load_names_every_failure(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"%PDF-1.7\n")
    (item,) = load([tmp_path / "x.txt"])
    assert item.error and item.error.startswith(str(tmp_path / "x.txt"))
