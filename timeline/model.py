"""Plain data: articles, time expressions, events. Imports nothing else from the package.

Every span carries character offsets into ``Article.text`` (the original text, unchanged),
so ``article.text[start:end]`` is always exactly the quoted string.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Section kinds of an article's text.
BODY = "body"
SUMMARY = "summary"  # standfirst and closing key points: restate the body

# Date precisions of an event, most precise first.
PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "century", "uncertain", "undated")


def no_nul(value: str) -> str:
    """``value`` with every NUL character replaced by U+FFFD (no SQL database of ours stores NUL).

    >>> no_nul("a\\x00b")
    'a\\ufffdb'
    """
    return value.replace("\x00", "\ufffd")


def content_id(*parts: Any, length: int = 16) -> str:
    """A content hash (sha1 of sorted JSON, as sqlite-utils' hash_record): same content, same id.

    >>> content_id("a", 1) == content_id("a", 1)
    True
    """
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    kind: str = BODY


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its original text and what was read off it.

    ``published`` anchors relative dates; ``updated`` never does.
    """

    id: str
    text: str
    title: str
    publisher: str | None
    published: date | None
    published_source: str  # where the date came from: "header line", "user", "none", ...
    updated: date | None
    dateline: str | None
    source: str  # file path or URL the article came from
    sections: tuple[Span, ...] = ()  # body and summary passages, in text order
    url: str | None = None  # the page's address: a changed page at the same URL is a new revision

    def __str__(self) -> str:
        pub = self.published.isoformat() if self.published else "X"
        return f"Article({self.id} {pub} {self.title!r})"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3-style temporal expression found in an article and resolved (or not).

    ``value`` follows TimeML 1.2.1 (``2025-07-14``, ``2025-01``, ``P50D``, ``PAST_REF``);
    ``begin``/``end`` are the interval it covers (ISO days) when it is a date, or the
    anchored interval of a duration; ``resolved`` is False when no anchor was available.
    """

    article_id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    anchor: str | None = None  # the date a relative expression or duration was counted from
    begin: str | None = None
    end_date: str | None = None
    precision: str = "day"
    resolved: bool = True
    reason: str = ""
    rule: str = ""

    def __str__(self) -> str:
        mod = f" mod={self.mod}" if self.mod else ""
        span = f" [{self.begin}..{self.end_date}]" if self.begin else ""
        return f"{self.type}({self.text!r}={self.value}{mod}{span})"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: person, organization, government or country."""

    id: str
    name: str
    kind: str
    country: str | None = None
    org: str | None = None  # the body a person speaks for (Peskov -> Kremlin)
    office: str | None = None  # the office a person was named by ("the U.S. President"), if so


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A quoted passage that reports an event, with the date expression inside it."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str = BODY
    date_start: int | None = None  # offsets of the date expression in the article text
    date_end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening, with its evidence and the reason for its date."""

    id: str
    date_start: date | None
    date_end: date | None
    precision: str
    derived: bool
    actors: tuple[str, ...]
    event_type: str
    label: str
    excerpts: tuple[Excerpt, ...]
    timex: TimeExpression | None
    reason: str
    article_ids: tuple[str, ...] = field(default=())
    conflicts: tuple[str, ...] = ()  # other sources' dates that disagree: "2025-07-15 (day): reason"
    subject: tuple[str, ...] = ()  # who acts (CAMEO source)
    target: tuple[str, ...] = ()  # who is acted on (CAMEO target)
    location: str = ""  # where it happened, when the text says: "Moscow"
    location_country: str = ""  # ISO alpha-3 of the location
    cameo: str = ""  # the CAMEO code, a sub-code where the verb's pattern tells it ("1041")
    plover: str = ""  # PLOVER event type (the successor ontology of CAMEO): "DEMAND"
    plover_mode: str = ""  # PLOVER mode, where the CAMEO code gives one
    countries: tuple[str, ...] = ()  # ISO alpha-3 of the actors, as the extractor knew them

    def __str__(self) -> str:
        start = self.date_start.isoformat() if self.date_start else "X"
        end = self.date_end.isoformat() if self.date_end else "X"
        when = start if start == end else f"{start}..{end}"
        flag = " derived" if self.derived else ""
        return f"{when} {self.precision}{flag} {self.event_type} [{', '.join(self.actors)}] {self.label}"
