"""What one article says about days: a ``Digest`` of its mentions and dated events.

Reading an article (tagging its dates, building its events) is the costly part of key dates;
a digest keeps what the ranking and the summaries need, so it is built once and reused.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from timeline.errors import one_line
from timeline.events.build import extract_events
from timeline.ingest import Options, load
from timeline.model import BODY, Article, Event, TimeExpression
from timeline.resources import load_toml
from timeline.temporal import tag

LEAD_CHARS = 400  # a mention starting this close to the body's start is in the lead
MAX_SPREAD = 31  # coarser mentions up to a month are spread over their days; longer ones say nothing


class Mention(NamedTuple):
    """A date expression of an article: the days it covers and where it is in the text."""

    first: date
    last: date  # == first for a day-precise mention
    start: int
    end: int
    lead: bool  # in the first LEAD_CHARS characters of the body


class DatedEvent(NamedTuple):
    """A day-precise, typed event of an article."""

    day: date
    root: str  # CAMEO root, two digits
    quad: int  # QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    actors: tuple[str, ...]
    id: str  # the event's id, to link a key date to its events


@dataclass(frozen=True, slots=True)
class Digest:
    """What one article says about days: when it came out, the days it names, its dated events.

    ``article`` is kept (when known) so that a key date can quote the sentences that name it.
    """

    article_id: str
    published: date | None
    mentions: tuple[Mention, ...] = ()
    events: tuple[DatedEvent, ...] = ()
    article: Article | None = None

    @property
    def days(self) -> tuple[date, ...]:
        """One entry per day-precise mention."""
        return tuple(m.first for m in self.mentions if m.first == m.last)

    @property
    def spans(self) -> tuple[tuple[date, date], ...]:
        """Coarser mentions (a week, a month): first and last day."""
        return tuple((m.first, m.last) for m in self.mentions if m.first != m.last)


def on(article_id: str, published: str | None, *named: str, lead: Sequence[str] = ()) -> Digest:
    """A digest written by hand (tests, examples): ``named`` days are day-precise mentions, those in
    ``lead`` also in the lead.

    >>> on("a", "2011-01-26", "2011-01-25", lead=["2011-01-25"]).days
    (datetime.date(2011, 1, 25), datetime.date(2011, 1, 25))
    """
    days = [date.fromisoformat(d) for d in (*named, *lead)]
    leads = [False] * len(named) + [True] * len(lead)
    return Digest(article_id, date.fromisoformat(published) if published else None,
                  tuple(Mention(d, d, 0, 0, is_lead) for d, is_lead in zip(days, leads)))


@cache
def quads() -> dict[str, int]:
    """CAMEO root -> QuadClass, from ``event_types.toml``."""
    return {t["code"]: int(t["quad"]) for t in load_toml("event_types.toml")["type"]}


def _body(article: Article) -> list[tuple[int, int]]:
    # the body only: header lines restate the publication date, summaries restate the body
    return [(s.start, s.end) for s in article.sections if s.kind == BODY] or [(0, len(article.text))]


def timexes_of(article: Article) -> list[TimeExpression]:
    """The time expressions of an article's body."""
    return [t for start, end in _body(article) for t in tag(article.text, article.published, article.id, start, end)]


def from_parts(article: Article, timexes: Iterable[TimeExpression], events: Iterable[Event]) -> Digest:
    """A digest from an article's time expressions and events, already read."""
    lead_end = _body(article)[0][0] + LEAD_CHARS
    mentions = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not t.resolved or not t.begin or not t.end_date:
            continue
        first, last = date.fromisoformat(t.begin), date.fromisoformat(t.end_date)
        if (t.precision == "day" and first == last) or 0 < (last - first).days < MAX_SPREAD:
            mentions.append(Mention(first, last, t.start, t.end, t.start < lead_end))
    known = quads()
    dated = tuple(DatedEvent(e.date_start, e.event_type[:2], known[e.event_type[:2]], e.actors, e.id) for e in events
                  if e.precision == "day" and e.date_start and not e.derived and e.event_type[:2] in known)
    return Digest(article.id, article.published, tuple(mentions), dated, article)


def digest(article: Article, events: Iterable[Event] | None = None) -> Digest:
    """Read the days an article points at: its mentions (day-precise or coarser) and dated events.

    Args:
        article: the article.
        events: its events when already built (the costly part); else they are extracted here.

    >>> from timeline.ingest.text import parse_text
    >>> d = digest(parse_text("Talks\\nPosted on July 18, 2025\\nPutin met Xi on Monday. Talks go on this month."))
    >>> [str(x) for x in d.days], d.spans, [(str(e.day), e.root, e.quad) for e in d.events]
    (['2025-07-14'], ((datetime.date(2025, 7, 1), datetime.date(2025, 7, 31)),), [('2025-07-14', '04', 1)])
    """
    return from_parts(article, timexes_of(article), extract_events(article) if events is None else events)


Readable = Article | tuple[Article, Sequence[Event]] | Digest  # key dates take any; reuse digests


def digests(items: Iterable[Readable]) -> list[Digest]:
    """Digests of articles, of (article, events) pairs, or digests as they are."""
    out = []
    for item in items:
        if isinstance(item, Digest):
            out.append(item)
        elif isinstance(item, tuple):
            out.append(digest(item[0], item[1]))
        else:
            out.append(digest(item))
    return out


def read_digests(sources: Iterable[str | Path], options: Options = Options(),
                 events: bool = True) -> tuple[list[Digest], list[str]]:
    """The digests of the articles read from ``sources``, and one line per item that failed (to be
    read, or to be digested: whatever one article raises, the others are still read). With
    ``events`` False the events are not built (the costly part), and the digests have none."""
    found, failed = [], []
    for item in load(sources, options):
        if item.article is None:
            failed.append(item.error or f"{item.source}: could not be read")
            continue
        try:
            found.append(digest(item.article, None if events else ()))
        except Exception as exc:
            failed.append(one_line(exc, item.source))
    return found, failed
