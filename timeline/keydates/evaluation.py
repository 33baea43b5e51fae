"""Scoring key dates against journalists' timelines: date F1, the gold reader, the two baselines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from timeline.keydates.digest import Readable, digests


def _inside(day: date, between: tuple[date, date] | None) -> bool:
    return between is None or between[0] <= day <= between[1]


def rank_by_count(counts: Mapping[date, float], top: int, between: tuple[date, date] | None = None) -> list[date]:
    """The ``top`` days with the highest counts, ties broken by the earlier day.

    >>> rank_by_count({date(2011, 1, 2): 3, date(2011, 1, 1): 3, date(2011, 1, 3): 5}, 2)
    [datetime.date(2011, 1, 3), datetime.date(2011, 1, 1)]
    """
    kept = [(day, n) for day, n in counts.items() if n > 0 and _inside(day, between)]
    return [day for day, _ in sorted(kept, key=lambda kv: (-kv[1], kv[0]))[: max(top, 0)]]


def pubcount(articles: Iterable[Readable], top: int, between: tuple[date, date] | None = None) -> list[date]:
    """Baseline PUBCOUNT: days ranked by how many articles were published on them."""
    return rank_by_count(Counter(d.published for d in digests(articles) if d.published), top, between)


def mention_count(articles: Iterable[Readable], top: int, between: tuple[date, date] | None = None) -> list[date]:
    """Baseline MENTIONS: days ranked by how many day-precise expressions point at them."""
    return rank_by_count(Counter(day for d in digests(articles) for day in d.days), top, between)


def date_f1(predicted: Iterable[date], gold: Iterable[date]) -> float:
    """Date selection F1 (Martschat and Markert 2018): set precision and recall of the days picked.

    >>> date_f1([date(2011, 1, 1), date(2011, 1, 2)], [date(2011, 1, 2), date(2011, 1, 3), date(2011, 1, 4)])
    0.4
    """
    picked, truth = set(predicted), set(gold)
    hits = len(picked & truth)
    if not hits:
        return 0.0
    precision, recall = hits / len(picked), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


_GOLD_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEPARATOR = "-" * 32


def read_entries(path: str | Path) -> dict[date, list[str]]:
    """A Timeline17 gold timeline (blocks split by 32 dashes, each a YYYY-MM-DD line then sentences):
    each day's sentences, days in calendar order (two blocks of one day are joined)."""
    entries: dict[date, list[str]] = {}
    current: list[str] | None = None
    block_start = True
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text == _SEPARATOR:
            block_start, current = True, None
        elif block_start and text:
            current = entries.setdefault(date.fromisoformat(text), []) if _GOLD_DAY.fullmatch(text) else None
            block_start = False
        elif current is not None and text:
            current.append(text)
    return dict(sorted(entries.items()))


def read_timeline(path: str | Path) -> list[date]:
    """The distinct days of a Timeline17 gold timeline, in order."""
    return list(read_entries(path))
