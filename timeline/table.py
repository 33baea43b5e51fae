"""The event table: one row per event, the columns the CLI prints, the store keeps and the pages show."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from timeline.events.gazetteer import find_bodies
from timeline.events.officials import offices
from timeline.events.text import gazetteer, quad_class
from timeline.model import BODY, Article, Event
from timeline.temporal import quote_of

COLUMNS = [
    "event_id", "date_start", "date_end", "precision", "derived", "date_text", "date_reason", "event_type",
    "label", "actors", "excerpt", "excerpt_start", "excerpt_end", "article_id", "article_title", "published",
    "mentions", "sources", "countries", "publisher", "url", "source_actors", "target_actors", "quad_class",
    "date_conflicts", "location", "location_country", "cameo_code", "plover_type", "plover_mode", "corrected",
]


# what the event table calls its unclassified events, as a person should read it: a cell starting
# with "-" is a formula to a spreadsheet, and "-- Unclassified" reads as a glitch on screen
READABLE_TYPES = {"-- Unclassified": "Unclassified"}


def readable_type(event_type: object) -> str:
    """An event type as pages, charts and exports name it.

    >>> readable_type("-- Unclassified"), readable_type("04 Consult")
    ('Unclassified', '04 Consult')
    """
    return READABLE_TYPES.get(str(event_type), str(event_type))


@cache
def _country_by_id() -> dict[str, str | None]:
    by_id = {office.id: office.country for office in offices().values()}
    by_id.update({actor.id: actor.country for actor in gazetteer()[0].values()})
    return by_id


@lru_cache(maxsize=4096)
def country_of(actor: str) -> str | None:
    """The country (ISO 3166 alpha-3) of a canonical actor: the gazetteer's actors and offices, and
    state bodies named by country ("Egyptian Interior Ministry" -> EGY).

    >>> country_of("Kremlin"), country_of("Egyptian Interior Ministry"), country_of("NATO")
    ('RUS', 'EGY', None)
    """
    if actor in _country_by_id():
        return _country_by_id()[actor]
    bodies = find_bodies(actor, 0, len(actor))
    return bodies[0][2].country if len(bodies) == 1 and bodies[0][:2] == (0, len(actor)) else None


def countries_of(actors: Iterable[str]) -> list[str]:
    """The countries (ISO 3166 alpha-3) of canonical actors (see ``country_of``)."""
    return sorted({c for a in actors if (c := country_of(a))})


def publisher_of_row(publisher: str | None, url: str | None, source: str | None) -> str:
    """Who published an article: its publisher, else its site, else its file's name."""
    if publisher:
        return publisher
    host = urlparse(url).netloc if url else ""
    return host or Path(source or "").name or "unknown"


def publisher_of(article: Article | None) -> str:
    """Who published an article (see ``publisher_of_row``)."""
    if article is None:
        return "unknown"
    return publisher_of_row(article.publisher, article.url, article.source)


def sort_table(table: pd.DataFrame) -> pd.DataFrame:
    """Events in date order, undated last, ties by id: the order every copy of the table has."""
    return table.sort_values(["date_start", "date_end", "event_id"], na_position="last", kind="stable",
                             ignore_index=True)


def primary(event: Event) -> int:
    """The index of the excerpt an event's row shows: the first that dates it, else its first
    passage of body text, else its first."""
    for i, x in enumerate(event.excerpts):
        if x.date_start is not None:
            return i
    return next((i for i, x in enumerate(event.excerpts) if x.kind == BODY), 0)


def table_rows(found: Iterable[Event], articles: Iterable[Article]) -> list[dict[str, object]]:
    """The event table's rows as dicts: one per event, its primary excerpt, and its article."""
    by_id = {a.id: a for a in articles}
    rows: list[dict[str, object]] = []
    for e in found:
        x = e.excerpts[primary(e)]
        article = by_id.get(x.article_id)
        timex = e.timex
        date_text = ""
        if timex is not None and article is not None:
            date_text = quote_of(article.text, timex.start, timex.end)
        rows.append({
            "event_id": e.id,
            "date_start": e.date_start.isoformat() if e.date_start else None,
            "date_end": e.date_end.isoformat() if e.date_end else None,
            "precision": e.precision, "derived": e.derived, "date_text": date_text, "date_reason": e.reason,
            "event_type": e.event_type, "label": e.label, "actors": "; ".join(e.actors),
            "excerpt": x.text, "excerpt_start": x.start, "excerpt_end": x.end, "article_id": x.article_id,
            "article_title": article.title if article else None,
            "published": article.published.isoformat() if article and article.published else None,
            "mentions": len(e.excerpts), "sources": len({y.article_id for y in e.excerpts} | set(e.article_ids)),
            "countries": "; ".join(sorted(set(countries_of(e.actors)) | set(e.countries))),
            "publisher": publisher_of(article),
            "url": article.url if article else None,
            "source_actors": "; ".join(e.subject), "target_actors": "; ".join(e.target),
            "quad_class": quad_class(e.event_type), "date_conflicts": "\n".join(e.conflicts),
            "location": e.location, "location_country": e.location_country, "cameo_code": e.cameo,
            "plover_type": e.plover, "plover_mode": e.plover_mode, "corrected": "",
        })
    return rows


def event_table(found: Iterable[Event], articles: Iterable[Article]) -> pd.DataFrame:
    """The event table: one row per event, its primary excerpt, and its article, in date order.

    >>> event_table([], []).columns[:3].tolist()
    ['event_id', 'date_start', 'date_end']
    """
    return sort_table(pd.DataFrame(table_rows(found, articles), columns=COLUMNS))
