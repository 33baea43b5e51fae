"""The key dates of a collection: candidates ranked by the shipped model, with what happened on each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from timeline.keydates.digest import Digest, Readable, digests
from timeline.keydates.features import candidates, raw_counts
from timeline.keydates.ranker import Model, rank
from timeline.keydates.summary import summaries
from timeline.model import Excerpt


@dataclass(frozen=True, slots=True)
class KeyDate:
    """A day that mattered: its model score, the evidence in words, what happened, its events."""

    day: date
    score: float  # the model's log-odds; comparable within one collection only
    why: str  # "5 articles name it (3 later); 2 typed events; 4 published that day or the next"
    sentences: tuple[Excerpt, ...]  # what happened, most central first (with the date's offsets when named)
    event_ids: tuple[str, ...] = ()  # the typed events dated to the day, to link to them

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.score:.3f} {self.why}"


def _evidence(day: date, counts: Mapping[str, Mapping[date, float]]) -> str:
    def n(name: str) -> int:
        return round(counts[name].get(day, 0))

    def many(count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'}"
    published = n("published") + n("next")
    names = "names" if n("articles") == 1 else "name"
    parts = [f"{many(n('articles'), 'article')} {names} it ({n('later')} later)" if n("articles") else "",
             many(n("events"), "typed event") if n("events") else "",
             f"{published} published that day or the next" if published else ""]
    return "; ".join(p for p in parts if p) or "coarser mentions only"


def key_dates(articles: Iterable[Readable], top: int = 10, between: tuple[date, date] | None = None,
              per_day: int = 2, model: Model | None = None) -> list[KeyDate]:
    """The ``top`` days that mattered most in a collection, best first, with what happened on each.

    Args:
        articles: articles, (article, events) pairs when the events are built, or digests
            (reading articles is the costly part: reuse digests).
        top: how many days at most; fewer when fewer days are candidates (``caveats`` says why).
        between: keep days from start to end, both inclusive.
        per_day: sentences per day (0 for none, which is faster).
        model: the ranking model; the shipped one by default.

    Returns:
        Key dates, best first (ties: the earlier day); an empty list when no day is a candidate.

    >>> from timeline.keydates.digest import on
    >>> found = [on("a", "2011-01-26", "2011-01-25"), on("b", "2011-02-03", "2011-01-25"), on("c", "2011-02-03")]
    >>> [(str(k.day), k.why) for k in key_dates(found, top=1)]
    [('2011-01-25', '2 articles name it (2 later); 1 published that day or the next')]
    """
    collection = digests(articles)
    counts = raw_counts(collection)
    ranked = rank(counts, candidates(counts, between), model)[: max(top, 0)]
    said = summaries([day for day, _ in ranked], collection, per_day) if per_day > 0 else {}
    events: dict[date, list[str]] = {}
    for d in collection:
        for e in d.events:
            events.setdefault(e.day, []).append(e.id)
    return [KeyDate(day, round(score, 4), _evidence(day, counts), said.get(day, ()), tuple(events.get(day, ())))
            for day, score in ranked]


def caveats(articles: Sequence[Readable], top: int | None = None, between: tuple[date, date] | None = None) -> list[str]:
    """What a reader of the key dates of this collection should know: why there are none, or why
    they say little (one article; every article on one day; no article naming a day).

    >>> from timeline.keydates.digest import on
    >>> caveats([on("a", "2011-01-26"), on("b", "2011-01-26")])
    ['no article names a day: days are ranked by when articles came out', 'every article came out on 2011-01-26: publication counts tell no day from another']
    """
    collection = digests(articles)
    if not collection:
        return ["no articles: there is nothing to rank"]
    counts = raw_counts(collection)
    found = candidates(counts, between)
    notes = []
    if not found:
        where = f" between {between[0]} and {between[1]}" if between else ""
        return [f"no key dates{where}: the {len(collection)} article(s) name no day and have no publication date"
                + (" there" if where else "")]
    if len(collection) == 1:
        notes.append("one article: its key dates are the days it names, ranked by how it names them")
    if not any(d.days for d in collection):
        notes.append("no article names a day: days are ranked by when articles came out")
    published = {d.published for d in collection}
    if len(collection) > 1 and len(published) == 1 and None not in published:
        notes.append(f"every article came out on {published.pop()}: publication counts tell no day from another")
    if top is not None and top > len(found):
        notes.append(f"only {len(found)} candidate day(s){' in the window' if between else ''}: all of them are listed")
    return notes


def key_dates_of_table(collection: Sequence[Digest], table: pd.DataFrame, top: int) -> list[KeyDate]:
    """The ``top`` key dates of the articles behind an event ``table`` (a filtered view), within
    the table's dates: what the dashboard's Key dates page and timeline marks show."""
    return key_dates_of_articles(collection, table["article_id"], table["date_start"].dropna().min(),
                                 table["date_end"].dropna().max(), top)


def key_dates_of_articles(collection: Sequence[Digest], article_ids: Iterable[str], low: object, high: object,
                          top: int) -> list[KeyDate]:
    """The ``top`` key dates of these articles between the days ``low`` and ``high`` (ISO; not
    bounded when either is not a day): what ``key_dates_of_table`` ranks, from a view's numbers."""
    ids = set(article_ids)
    chosen = [d for d in collection if d.article_id in ids]
    between = (date.fromisoformat(low), date.fromisoformat(high)) if isinstance(low, str) and isinstance(high, str) else None
    return key_dates(chosen, top=top, between=between)
