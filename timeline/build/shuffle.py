"""The merge pass's shuffle key: which task merges which mentions.

Mentions only ever join mentions that share a key of ``merge.meeting_keys``: (kind of act, derived,
actor, date window), a week window for spans up to ``refine_reach_days``, with the halo of
``day_conflict_days`` after a day date. The mentions linked by shared keys, directly or through
others, form a *cluster* (one pass of union-find over the keys: linear in mentions × keys). No
mention of one cluster can join a mention of another, so ``merge.group_across`` over any set of
whole clusters, in the corpus order, finds exactly the happenings it finds over the whole corpus.

Clusters are packed into buckets of about ``MENTIONS_PER_BUCKET`` mentions (largest first, each into
the lightest bucket); a bucket is one merge task. The packing depends only on the mentions, not on
the engine or its workers, so the local and the Dask build write the same files.
"""

from __future__ import annotations

import heapq
import json
import math
from typing import Any

import pandas as pd

from timeline.events.merge import meeting_keys
from timeline.schema import day_of

MENTIONS_PER_BUCKET = 4000
COLUMNS = ["id", "event_type", "derived", "actors", "date_start", "date_end", "precision"]


def _ordinal(value: Any) -> int | None:
    day = day_of(value if isinstance(value, str) else None)
    return day.toordinal() if day else None


def clusters(frame: pd.DataFrame) -> list[int]:
    """Each mention's cluster, as the position of its cluster's first mention in ``frame``.

    >>> frame = pd.DataFrame({"id": ["a", "b", "c", "d"], "event_type": ["04", "04", "04", "01"],
    ...     "derived": [False] * 4, "actors": ['["RUS"]', '["RUS", "CHN"]', '["CHN"]', '["RUS"]'],
    ...     "date_start": ["2025-07-14", "2025-07-01", "2025-07-15", "2025-07-14"],
    ...     "date_end": ["2025-07-14", "2025-07-31", "2025-07-15", "2025-07-14"],
    ...     "precision": ["day", "month", "day", "day"]})
    >>> clusters(frame)  # a and c meet through b (a month holding both days); d is another act
    [0, 0, 0, 3]
    """
    parent: list[int] = list(range(len(frame)))
    owner: dict[tuple[object, ...], int] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows = zip(frame["event_type"], frame["derived"], frame["actors"], frame["date_start"], frame["date_end"],
               frame["precision"])
    for i, (event_type, derived, actors, start, end, precision) in enumerate(rows):
        names = json.loads(actors) if isinstance(actors, str) else list(actors or ())
        for key in meeting_keys((event_type or "")[:2], bool(derived), names, _ordinal(start), _ordinal(end),
                                precision):
            j = owner.setdefault(key, i)
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the root is a cluster's first mention
    return [find(i) for i in range(len(frame))]


def buckets(frame: pd.DataFrame) -> pd.Series:
    """The merge task (bucket number) of each mention of ``frame``, indexed as ``frame``.

    ``frame`` holds at least ``COLUMNS``; its order does not matter (clusters are sized and
    ordered by their mentions' ids, not by position).
    """
    if frame.empty:
        return pd.Series([], index=frame.index, dtype="int64")
    order = frame.sort_values("id", kind="stable")
    cluster = pd.Series(clusters(order), index=order.index)
    sizes = cluster.value_counts(sort=False)
    first = pd.Series(order["id"].to_numpy(), index=order.index).groupby(cluster).first()
    count = max(1, math.ceil(len(frame) / MENTIONS_PER_BUCKET))
    lightest = [(0, b) for b in range(count)]
    where: dict[int, int] = {}
    for name in sorted(sizes.index, key=lambda c: (-int(sizes[c]), first[c])):
        load, bucket = heapq.heappop(lightest)
        where[name] = bucket
        heapq.heappush(lightest, (load + int(sizes[name]), bucket))
    return cluster.map(where).reindex(frame.index).astype("int64")
