"""Events under construction, and the deadlines derived from them: "a 50-day deadline" set on
Monday, "gave Russia two weeks", "must reach a deal by July 31" become future events, marked
derived, with the reason for their date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from timeline.events.genre import RULE
from timeline.events.text import Trigger, content_words, settings
from timeline.model import Actor, Excerpt, Span, TimeExpression
from timeline.temporal import anchor_duration, quote_of
from timeline.temporal.dates import fmt


@dataclass
class Draft:
    """An event under construction (mutable while an article is read)."""

    timex: TimeExpression | None
    trigger: Trigger | None
    actors: list[Actor]
    subject: list[Actor]
    label: str
    excerpts: list[Excerpt]
    derived: bool = False
    reason: str = ""
    words: set[str] = field(default_factory=set)
    target: list[Actor] = field(default_factory=list)  # who is acted on
    location: str = ""
    location_country: str | None = None
    cameo: str = ""

    spans: set[tuple[int, int]] = field(default_factory=set)  # the excerpts' offsets: each is added once

    def __post_init__(self) -> None:
        self.spans |= {(e.start, e.end) for e in self.excerpts}

    def add(self, excerpt: Excerpt) -> None:
        if (excerpt.start, excerpt.end) not in self.spans:
            self.spans.add((excerpt.start, excerpt.end))
            self.excerpts.append(excerpt)
            self.words |= content_words(excerpt.text)

    @property
    def interval(self) -> tuple[str | None, str | None]:
        return (self.timex.begin, self.timex.end_date) if self.timex else (None, None)

    @property
    def code(self) -> str:
        return self.trigger.code if self.trigger else "--"


def unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.id, actor)
    return list(seen.values())


def is_deadline(text: str, expr: TimeExpression) -> bool:
    after = text[expr.end : expr.end + 24].lower()
    before = text[max(0, expr.start - 14) : expr.start].lower()
    s = settings()
    return any(re.match(rf"\s*{re.escape(w)}\b", after) for w in s["deadline_after"]) or any(
        re.search(rf"\b{re.escape(w)}\s+$", before) for w in s["deadline_before"]) or re.search(
        s["deadline_giving"], text[max(0, expr.start - 60) : expr.start], re.I) is not None


def deadline_date(text: str, clause: Span, expr: TimeExpression) -> bool:
    """Whether a date is a deadline: "by"/"until" before it in a clause that demands or threatens."""
    s = settings()
    return (expr.resolved and expr.end_date is not None and expr.rule != RULE
            and re.search(s["deadline_by"], text[max(clause.start, expr.start - 20) : expr.start], re.I) is not None
            and re.search(s["deadline_context"], clause.text, re.I) is not None)


def date_deadline(parent: Draft, text: str, expr: TimeExpression, excerpt: Excerpt) -> Draft:
    """A derived event on the last day of a deadline date ("by the end of the month")."""
    assert expr.end_date is not None
    last = date.fromisoformat(expr.end_date)
    quote = quote_of(text, expr.start, expr.end)
    reason = f"'{quote}' sets a deadline: its last day, {fmt(last)}"
    gist = text[expr.start : expr.end]
    who = " and ".join(a.name for a in parent.subject)
    label = f"{who + chr(39) + 's ' if who else ''}deadline ({gist}) expires"
    timex = replace(expr, value=last.isoformat(), begin=last.isoformat(), end_date=last.isoformat(),
                    precision="day", reason=reason, rule="derived_deadline")
    return Draft(timex, parent.trigger, list(parent.actors), list(parent.subject), label[0].upper() + label[1:],
                 [excerpt], derived=True, reason=reason, target=list(parent.target))


def derive_deadline(parent: Draft, text: str, expr: TimeExpression, excerpt: Excerpt) -> Draft | None:
    if parent.timex is None or not parent.timex.begin or not parent.timex.resolved:
        return None
    start = date.fromisoformat(parent.timex.begin)
    quote = quote_of(text, parent.timex.start, parent.timex.end)
    anchored = anchor_duration(expr, start, quote)
    if anchored.end_date is None:
        return None
    first = last = anchored.end_date
    precision, reason = "day", anchored.reason
    if parent.timex.end_date and parent.timex.end_date != parent.timex.begin:  # counted from a span: a span
        last = anchor_duration(expr, date.fromisoformat(parent.timex.end_date), quote).end_date or first
        precision = "uncertain"
        reason = (f"'{expr.text}' counted from '{quote}' ({parent.timex.begin} … {parent.timex.end_date}): "
                  f"ends between {first} and {last}")
    tail = text[expr.end : expr.end + 80]
    obj = re.match(r"\s*(?:deadline|ultimatum)\s+((?:for|on|to)\s+[^,.;]+?)(?=\s+(?:to|or|and)\b|[,.;]|$)", tail)
    who = " and ".join(a.name for a in parent.subject)
    label = f"{who + chr(39) + 's ' if who else ''}{expr.text} deadline {obj.group(1) + ' ' if obj else ''}expires"
    value = first if first == last else first[:7]
    timex = TimeExpression(expr.article_id, expr.start, expr.end, expr.text, "DATE", value, None, anchored.anchor,
                           first, last, precision, True, reason, "derived_deadline")
    return Draft(timex, parent.trigger, list(parent.actors), list(parent.subject), label[0].upper() + label[1:],
                 [excerpt], derived=True, reason=reason, target=list(parent.target))
