"""Official readouts date their own acts by the day they are published.

A Kremlin or White House readout ("Vladimir Putin had a telephone conversation with …") seldom
says when: the genre's convention is that it reports the day's own acts. In an article from one
of an official source (a government, presidency, ministry or international body, recognised by the
shape of its address or its publisher's name: ``[same_day]`` in ``events.toml``), a body clause that names a past
act by an actor and carries no date is dated to the day of publication, and the reason says so.
Nowhere else is a clause without a date given one: there it stays undated.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlparse

from timeline.events.text import Trigger, settings
from timeline.model import Article, Span, TimeExpression
from timeline.resources import compile_pattern, path
from timeline.temporal.dates import fmt

RULE = "same_day_release"


@cache
def _future() -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(p, path("events.toml"), p) for p in settings()["same_day"]["future"])


def same_day_source(article: Article) -> str | None:
    """The host or publisher that makes this article an official readout, if it is one.

    >>> from timeline.ingest.text import parse_text
    >>> same_day_source(parse_text("Call\\nPutin spoke.", url="http://en.kremlin.ru/events/1"))
    'en.kremlin.ru'
    """
    conf = settings()["same_day"]
    host = (urlparse(article.url).hostname or "") if article.url else ""
    if host and re.search(conf["host_pattern"], host):
        return host
    if article.publisher and re.search(conf["publisher_pattern"], article.publisher):
        return article.publisher
    return None


def same_day_timex(article: Article, clause: Span, trigger: Trigger, source: str | None) -> TimeExpression | None:
    """The publication day as the date of a readout's own past act; None for other articles,
    acts told as future or planned, and articles without a publication date."""
    if source is None or article.published is None:
        return None
    if any(rx.search(article.text, clause.start, trigger.start) for rx in _future()):
        return None
    day = article.published.isoformat()
    reason = (f"official readout ({source}): its own act, told with no date, is dated to the day of "
              f"publication, {fmt(article.published)}")
    return TimeExpression(article.id, trigger.start, trigger.start, "", "DATE", day, None, day, day, day,
                          "day", True, reason, RULE)  # an empty span: no words of the text date it
