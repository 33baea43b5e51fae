"""Per-day features of a collection: what the key-date model reads about each candidate day.

A candidate day is one that some article names precisely, names within a week or a month, has a
typed event on, or was published on (or the day before: the news cycle). For every candidate the
raw counts below are taken (``RAW``); the model sees each count on a 0..1 scale within the candidates
considered, because collections differ in size by orders of magnitude and only the ranking of days
within one collection matters: ``percentiles`` (the count's rank) or ``log_shares``
(``log(1 + x) / log(1 + max x)``, which keeps how far ahead the busiest day is).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta

from timeline.keydates.digest import Digest

BURST_WINDOW = 7  # days either side of a day that set its publication baseline
FAR = 7  # an article published this many days after a day it names looks back from afar

RAW: dict[str, str] = {
    "mentions": "day-precise mentions of the day",
    "articles": "distinct articles naming the day precisely",
    "later": "... of them published after the day (looking back at it)",
    "far": f"... published {FAR} days or more after it",
    "lag": "mean log(1 + days) from the day to the articles that look back at it",
    "earlier": "distinct articles naming the day before it came (announced, scheduled)",
    "lead": "distinct articles naming the day in their lead",
    "coarse": "week- and month-mentions spread over their days",
    "neighbours": "distinct articles naming the day before or after (the most of the two)",
    "published": "articles published on the day",
    "next": "articles published the day after",
    "burst": f"articles published on the day and the next, above the mean of the {2 * BURST_WINDOW + 1} days around",
    "events": "typed events dated to the day",
    "material": "... of them material acts (QuadClass 2 and 4)",
    "conflict": "... of them conflict (QuadClass 3 and 4)",
    "actors": "distinct actors in the day's events",
    "event_articles": "distinct articles with an event on the day",
}
FEATURES = tuple(RAW)
# Features by what they read; the training script keeps the groups that help on topics left out.
GROUPS: dict[str, tuple[str, ...]] = {
    "references": ("mentions", "articles", "later", "far", "lag", "lead", "coarse"),  # what the texts name
    "context": ("earlier", "neighbours"),  # named before it came; the days around named
    "cycle": ("published", "next", "burst"),  # when articles came out
    "events": ("events", "material", "conflict", "actors", "event_articles"),  # typed events dated to it
}


def _inside(day: date, between: tuple[date, date] | None) -> bool:
    return between is None or between[0] <= day <= between[1]


def raw_counts(collection: Sequence[Digest]) -> dict[str, dict[date, float]]:
    """Every raw count of ``RAW`` on every day it is non-zero.

    >>> from timeline.keydates.digest import on
    >>> found = raw_counts([on("a", "2011-01-28", "2011-01-25", "2011-01-25", lead=["2011-01-27"])])
    >>> found["mentions"][date(2011, 1, 25)], found["later"][date(2011, 1, 25)], dict(found["lead"])
    (2.0, 1.0, {datetime.date(2011, 1, 27): 1.0})
    """
    t: dict[str, dict[date, float]] = {name: defaultdict(float) for name in RAW}
    lags: dict[date, list[float]] = defaultdict(list)
    actors: dict[date, set[str]] = defaultdict(set)
    event_articles: dict[date, set[str]] = defaultdict(set)
    named_by: dict[date, set[str]] = defaultdict(set)
    for d in collection:
        named = {m.first for m in d.mentions if m.first == m.last}
        for day in named:
            named_by[day].add(d.article_id)
            t["articles"][day] += 1
            if d.published and d.published > day:
                t["later"][day] += 1
                t["far"][day] += float((d.published - day).days >= FAR)
                lags[day].append(math.log1p((d.published - day).days))
            elif d.published and d.published < day:
                t["earlier"][day] += 1
        for day in {m.first for m in d.mentions if m.first == m.last and m.lead}:
            t["lead"][day] += 1
        for m in d.mentions:
            if m.first == m.last:
                t["mentions"][m.first] += 1
            else:
                length = (m.last - m.first).days + 1
                for i in range(length):
                    t["coarse"][m.first + timedelta(i)] += 1.0 / length
        for e in d.events:
            t["events"][e.day] += 1
            t["material"][e.day] += float(e.quad in (2, 4))
            t["conflict"][e.day] += float(e.quad in (3, 4))
            actors[e.day].update(e.actors)
            event_articles[e.day].add(d.article_id)
        if d.published:
            t["published"][d.published] += 1
            t["next"][d.published - timedelta(1)] += 1
    for day, values in lags.items():
        t["lag"][day] = sum(values) / len(values)
    for day, seen in actors.items():
        t["actors"][day] = len(seen)
    for day, seen in event_articles.items():
        t["event_articles"][day] = len(seen)
    for day in _candidates(t):
        beside = max(len(named_by.get(day - timedelta(1), ())), len(named_by.get(day + timedelta(1), ())))
        if beside:
            t["neighbours"][day] = beside
    cycle: dict[date, float] = {day: t["published"].get(day, 0.0) + t["next"].get(day, 0.0)
             for day in set(t["published"]) | set(t["next"])}
    for day, count in cycle.items():
        around = sum((cycle.get(day + timedelta(k), 0.0) for k in range(-BURST_WINDOW, BURST_WINDOW + 1)), 0.0)
        t["burst"][day] = count - around / (2 * BURST_WINDOW + 1)
    return t


def _candidates(t: Mapping[str, Mapping[date, float]]) -> set[date]:
    return {day for name in ("mentions", "coarse", "events", "published", "next") for day, v in t[name].items() if v > 0}


def candidates(counts: Mapping[str, Mapping[date, float]], between: tuple[date, date] | None = None) -> list[date]:
    """The candidate days (within ``between``, inclusive, if given), in calendar order."""
    return sorted(day for day in _candidates(counts) if _inside(day, between))


def percentiles(counts: Mapping[str, Mapping[date, float]], days: Iterable[date],
                names: Sequence[str] = FEATURES) -> dict[date, dict[str, float]]:
    """Each day's features ``names``: the percentile rank of its count among ``days``, 0 for the
    lowest and 1 for the highest, ties sharing their mean rank.

    >>> c = {"mentions": {date(2011, 1, 1): 1.0, date(2011, 1, 3): 3.0}}
    >>> [row["mentions"] for row in percentiles(c, [date(2011, 1, 1), date(2011, 1, 2), date(2011, 1, 3)],
    ...                                         ["mentions"]).values()]
    [0.5, 0.0, 1.0]
    """
    days = list(days)
    rows: dict[date, dict[str, float]] = {day: {} for day in days}
    last = max(len(days) - 1, 1)
    for name in names:
        values = [counts[name].get(day, 0.0) for day in days]
        order = sorted(range(len(days)), key=values.__getitem__)
        i = 0
        while i < len(order):  # a run of equal values shares the mean of its ranks
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                rows[days[order[k]]][name] = (i + j) / 2 / last
            i = j + 1
    return rows


def log_shares(counts: Mapping[str, Mapping[date, float]], days: Iterable[date],
               names: Sequence[str] = FEATURES) -> dict[date, dict[str, float]]:
    """Each day's features ``names`` as ``log(1 + x) / log(1 + max x)`` among ``days`` (``burst``,
    which can be negative, as ``x / max |x|``): the busiest day scores 1, and a count has
    diminishing returns (a 50th article adds less than a 2nd).

    >>> c = {"mentions": {date(2011, 1, 1): 1.0, date(2011, 1, 3): 3.0}}
    >>> [row["mentions"] for row in log_shares(c, [date(2011, 1, 1), date(2011, 1, 2), date(2011, 1, 3)],
    ...                                        ["mentions"]).values()]
    [0.5, 0.0, 1.0]
    """
    days = list(days)
    rows: dict[date, dict[str, float]] = {day: {} for day in days}
    for name in names:
        values = [counts[name].get(day, 0.0) for day in days]
        if name == "burst":
            top = max((abs(v) for v in values), default=0.0)
            scaled = [v / top if top else 0.0 for v in values]
        else:
            top = math.log1p(max(values, default=0.0))
            scaled = [math.log1p(v) / top if top > 0 else 0.0 for v in values]
        for day, value in zip(days, scaled):
            rows[day][name] = value
    return rows


Scale = Callable[[Mapping[str, Mapping[date, float]], Iterable[date], Sequence[str]], dict[date, dict[str, float]]]
SCALES: dict[str, Scale] = {"percentile": percentiles, "log-share": log_shares}
