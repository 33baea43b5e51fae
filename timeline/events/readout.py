"""An official readout's own act: its title names it ("Telephone conversation with …"), its
principal is the one the release names most as acting, and its day is the day of publication."""

from __future__ import annotations

import re
from collections import defaultdict

from timeline.events.draft import Draft, unique
from timeline.events.genre import same_day_source, same_day_timex
from timeline.events.labels import trigger_of
from timeline.events.roles import ASSERTED, acts
from timeline.events.text import find_actors, settings
from timeline.events.vocabulary import root
from timeline.model import BODY, Actor, Article, Excerpt, Span
from timeline.syntax import parse, sentences


def affiliations(actors: list[Actor]) -> set[str]:
    """The ids of actors and of the bodies they speak for."""
    return {a.id for a in actors} | {a.org for a in actors if a.org}


def _principal(drafts: list[Draft], exclude: set[str]) -> Actor | None:
    """The person a readout is about: the one its acts name most as their source, its counterparts
    (the title's names) aside."""
    counts: dict[str, int] = defaultdict(int)
    by_id: dict[str, Actor] = {}
    for d in drafts:
        for a in d.actors:
            if a.kind == "person" and a.id not in exclude:
                counts[a.id] += 2 if a in d.subject else 1
                by_id[a.id] = a
    return by_id[max(counts, key=lambda k: (counts[k], k))] if counts else None


def lead_act(article: Article, drafts: list[Draft], planned: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether an official readout's title names its own act ("Telephone conversation with …", "Meeting
    with …"): an event of its own, dated by the genre rule, its source the readout's principal and
    its targets the title's names; the body's retellings of the same act (a meeting or call by the
    same parties that day) join it."""
    source = same_day_source(article)
    if source is None or article.published is None or not article.title:
        return False
    doc = next(iter(parse([article.title])))
    titled = next((a for a in acts(doc) if a.status == ASSERTED), None)
    joins = set(settings()["same_day"]["joins_lead"])
    if titled is None or root(titled.rule.code) not in joins:
        return False
    day = (article.published.isoformat(),) * 2
    told = [d for d in drafts if d.code == root(titled.rule.code) and d.interval == day]
    if not told and root(titled.rule.code) in planned:
        return False  # the body tells the meeting as one to come: the title names a plan, not the day's act
    at = article.text.find(article.title)
    inside = at >= 0  # a title given apart from the text is read as it is, but quoted from nowhere
    at = max(at, 0)
    trigger = trigger_of(doc, titled, at)
    timex = same_day_timex(article, Span(at, at, ""), trigger, source)
    if timex is None:
        return False
    named = unique([m.actor for m in (find_actors(article.text, at, at + len(article.title), article.published)
                                      if inside else find_actors(article.title, 0, len(article.title),
                                                                 article.published))])
    if not named:
        return False  # "Talks" alone names no counterpart: the body tells whether and when they happened
    named_ids = {a.id for a in named} | {a.id for d in drafts for a in d.actors
                                         if re.search(rf"\b{re.escape(a.name.split()[-1])}\b", article.title)}
    principal = _principal(drafts, named_ids)
    subject = [principal] if principal is not None else []
    target = [a for a in named if a.id not in affiliations(subject)]
    label = article.title if len(article.title) <= 120 else article.title[:119] + "…"
    lead = Draft(timex, trigger, subject + target, subject, label, [], reason=timex.reason, target=target,
                 cameo=titled.rule.code)
    if inside:
        lead.add(Excerpt(article.id, at, at + len(article.title), article.title, BODY))
    for draft in list(drafts):
        if (draft.code in joins and not draft.derived and draft.interval == day
                and (affiliations(draft.actors) & affiliations(lead.actors) or not draft.subject)):
            for excerpt in draft.excerpts:
                lead.add(excerpt)
            drafts.remove(draft)
    if root(titled.rule.code) == "04":
        told_to_the_other_side(drafts, unique(subject + target))
    if lead.excerpts:  # quoted where the text tells it
        drafts.insert(0, lead)
    return True


def told_to_the_other_side(drafts: list[Draft], sides: list[Actor]) -> None:
    """In the readout of a conversation, what one side told, explained or shared with no one named
    was told to the other side ("Vladimir Putin shared his opinion of the talks" in the readout of
    a call with Sauli Niinistö: told to Niinistö)."""
    ids = {a.id for a in sides}
    for draft in drafts:
        speakers = {a.id for a in draft.subject}
        if draft.code == "01" and not draft.derived and not draft.target and speakers and speakers < ids:
            draft.target = [a for a in sides if a.id not in speakers]
            draft.actors = unique(draft.actors + draft.target)


def headline_labels_the_lead(article: Article, drafts: list[Draft]) -> None:
    """A headline summarises the lead: the event of the first body sentence takes the title as its
    label when the title names one of that event's actors."""
    body = [s for s in article.sections if s.kind == BODY]
    if not body or not article.title or article.text.find(article.title) < 0:
        return
    first = sentences(article.text, body[0].start, body[0].end)
    if not first:
        return
    lead_start = first[0][0]
    at = article.text.find(article.title)
    in_title = {m.actor.id for m in find_actors(article.text, at, at + len(article.title), article.published)}
    for draft in drafts:
        if not draft.derived and draft.excerpts[0].start == lead_start and in_title & {a.id for a in draft.actors}:
            draft.label = article.title if len(article.title) <= 120 else article.title[:119] + "…"
            return
