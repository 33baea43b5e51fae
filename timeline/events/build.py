"""Articles -> events: one event per dated clause, deadlines derived, restatements attached."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from timeline.events.draft import (Draft, date_deadline, deadline_date, derive_deadline, is_deadline,
                                   unique)
from timeline.events.genre import RULE, same_day_source, same_day_timex
from timeline.events.text import (Mention, Trigger, clauses, content_words, find_actors, find_triggers,
                                   main_trigger, sentences, settings)
from timeline.model import BODY, SUMMARY, Actor, Article, Event, Excerpt, Span, TimeExpression, content_id
from timeline.temporal import tag

_DATED = ("DATE", "TIME")
UNDATED_REASON = "no date expression in this sentence: kept undated rather than guessed"
_LABEL_STOP = re.compile(r"[,.;:!?\"“”(]|\b(?:that|if|whether|on|in|at|since|during|as|because|while)\b", re.I)


def _subject(mentions: list[Mention], trigger: Trigger | None, text: str) -> list[Mention]:
    """The actor(s) doing the act: the mention group right before the trigger, else right after."""
    if trigger is None:
        return mentions[:1]
    before = [m for m in mentions if m.end <= trigger.start]
    if before:
        group = [before[-1]]
        for m in reversed(before[:-1]):
            gap = text[m.end : group[0].start]
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", gap):
                group.insert(0, m)
            else:
                break
        if re.search(r"[,;:]", text[group[-1].end : trigger.start]) is None:
            return group
    after = [m for m in mentions if m.start >= trigger.end]
    return after[:1] if after and after[0].start - trigger.end < 4 else (before[-1:] if before else [])


def conjugate(phrase: str, plural: bool) -> str:
    """A base-form verb phrase in the present tense for a singular or plural subject.

    >>> conjugate("hold talks", False), conjugate("be sworn in", True), conjugate("criticise", False)
    ('holds talks', 'are sworn in', 'criticises')
    """
    verb, _, rest = phrase.partition(" ")
    if verb == "be":
        verb = "are" if plural else "is"
    elif not plural:
        if re.search(r"[^aeiou]y$", verb):
            verb = verb[:-1] + "ies"
        elif re.search(r"(?:s|sh|ch|x|z|o)$", verb):
            verb += "es"
        else:
            verb += "s"
    return f"{verb} {rest}".strip()


def _label(subject: list[Actor], trigger: Trigger | None, text: str, clause: Span, stop_at: int) -> str:
    if trigger is None or not subject:  # no one to name as the actor: the clause speaks for itself
        words = clause.text.split()
        gist = " ".join(words[:12]).rstrip(",.;:")
        return gist[0].upper() + gist[1:] + ("…" if len(words) > 12 else "") if gist else "Unlabelled event"
    who = " and ".join(a.name for a in subject)
    verb = conjugate(trigger.present, len(subject) > 1)
    tail = text[trigger.end : stop_at]
    cut = _LABEL_STOP.search(tail)
    words = (tail[: cut.start()] if cut else tail).split()[:8]
    return " ".join([who, verb, *words]).strip()


def _headline_labels_the_lead(article: Article, drafts: list[Draft]) -> None:
    """A headline summarises the lead: the event of the first body sentence takes the title as its
    label when the title names one of that event's actors."""
    body = [s for s in article.sections if s.kind == BODY]
    title_at = article.text.find(article.title)
    if not body or title_at < 0 or not article.title:
        return
    lead = sentences(body[0])[0]
    in_title = {m.actor.id for m in find_actors(article.text, title_at, title_at + len(article.title),
                                                article.published)}
    for draft in drafts:
        first = draft.excerpts[0]
        if not draft.derived and first.start == lead.start and in_title & {a.id for a in draft.actors}:
            draft.label = article.title if len(article.title) <= 120 else article.title[:119] + "…"
            return


def _actors_of(clause: Span, text: str, trigger: Trigger | None, on: date | None
               ) -> tuple[list[Actor], list[Actor], list[Actor]]:
    """(subject, every actor, target) of a clause: who acts, everyone named, who is acted on; an
    office named without a name ("the U.S. President") is its holder on ``on``, the act's date."""
    mentions = find_actors(text, clause.start, clause.end, on)
    subject = _subject(mentions, trigger, text)
    if trigger is not None and trigger.code == "01":
        tail = text[trigger.end : clause.end].lstrip()
        if re.match(r"(?:[^,.;:\"“]{0,30}?\s)?(?:that|if|whether)\b|[:\"“]", tail):
            mentions = subject  # reported speech: the speaker acts; what is reported is another event
    acting = {m.actor.id for m in subject}
    target = [m.actor for m in mentions if trigger is not None and m.start >= trigger.end and m.actor.id not in acting]
    return (unique([m.actor for m in subject]), unique([m.actor for m in subject] + [m.actor for m in mentions]),
            unique(target))


def _deadline_setter(clause: Span, text: str, trigger: Trigger | None, anchor: date | None,
                     last: Draft | None) -> Draft:
    """Who sets a deadline a clause states: in reported content ("… said that Russia must …") the
    reporting event's actor, else the clause's own subject."""
    if last is not None and re.match(r"that\b", clause.text, re.I):
        return last
    subject, actors, target = _actors_of(clause, text, trigger, anchor)
    return Draft(None, trigger, actors, subject, "", [], target=target)


def _embedded(text: str, clause: Span, timex: TimeExpression, verb: Trigger | None) -> Draft | None:
    """The act a date belongs to when a noun names it inside a clause about another act:
    "condolences over yesterday's act of terrorism in Israel", "talks held in Moscow the day
    before" (a possessive date, or a participle such as "held" between the noun and the date)."""
    if verb is None or verb.noun:
        return None
    s = settings()["embedded"]
    nouns = [t for t in find_triggers(text, clause.start, clause.end)
             if t.noun and t.start > verb.start and t.code not in s["not_happenings"]]
    for noun in nouns:
        if noun.start > timex.end:  # "yesterday's … act of terrorism"
            ok = re.match(r"['’]s\b", text[timex.end:]) is not None and noun.start - timex.end <= s["possessive_reach"]
            phrase_end = next((m.start() for m in re.finditer(r"[,;.:]", text[noun.end:clause.end])), clause.end - noun.end)
            span = (timex.start, noun.end + phrase_end)
        else:  # "talks held in Moscow the day before"
            gap = text[noun.end:timex.start]
            owned = re.search(r"\b(?:his|her|its|their)\s+$", text[clause.start:noun.start], re.I) is not None
            ok = len(gap) <= s["participle_reach"] and (owned or re.search(s["participles"], gap, re.I) is not None)
            span = (max(clause.start, noun.start - 30), timex.end)
        if ok:
            lead = text[span[0]:noun.start]
            start = span[0] + (lead.rfind(",") + 1 if "," in lead else 0)
            on = _day(timex.begin)
            named = unique([m.actor for m in find_actors(text, start, span[1], on)]) or unique(
                [m.actor for m in find_actors(text, verb.end, noun.start, on)])  # "congratulated Ortega on his swearing in"
            phrase = text[noun.start:span[1]].strip(" ,.;:")
            return Draft(timex, noun, named, named, phrase[0].upper() + phrase[1:] if phrase else noun.text, [],
                         reason=timex.reason)
    return None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _excerpt(article: Article, span: Span, timex: TimeExpression | None) -> Excerpt:
    inside = timex is not None and span.start <= timex.start < timex.end <= span.end
    return Excerpt(article.id, span.start, span.end, span.text, span.kind,
                   timex.start if inside and timex else None, timex.end if inside and timex else None)


def _affiliations(actors: list[Actor]) -> set[str]:
    return {a.id for a in actors} | {a.org for a in actors if a.org}


def _countries(actors: list[Actor]) -> set[str]:
    return {a.country or a.id for a in actors}


def _similarity(words: set[str], actors: list[Actor], code: str, draft: Draft) -> float:
    covered = len(words & draft.words) / len(words) if words else 0.0
    return covered + 0.25 * bool(_countries(actors) & _countries(draft.actors)) + 0.2 * (code == draft.code)


def _merge(drafts: list[Draft]) -> list[Draft]:
    """Drafts with the same dates and type whose actors speak for the same body become one."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.excerpts[0].kind != BODY):
        for other in kept:
            if (other.interval == draft.interval and other.code == draft.code and other.derived == draft.derived
                    and _affiliations(other.actors) & _affiliations(draft.actors)):
                for excerpt in draft.excerpts:
                    other.add(excerpt)
                other.actors = unique(other.actors + draft.actors)
                other.target = unique(other.target + draft.target)
                break
        else:
            kept.append(draft)
    return kept


def extract_events(article: Article) -> list[Event]:
    """Read an article's events: dated clauses, deadlines, and the passages that restate them.

    >>> from timeline.ingest.text import parse_text
    >>> a = parse_text("Talks\\nPosted on July 18, 2025\\nKYIV (AP) - Putin met Xi on Monday.")
    >>> [str(e) for e in extract_events(a)]
    ['2025-07-14 day 04 Consult [Vladimir Putin] Vladimir Putin meets Xi']
    """
    text, anchor = article.text, article.published
    drafts: list[Draft] = []
    pending: list[tuple[Span, Span]] = []  # undated clauses that may restate an event
    last: Draft | None = None
    pronouns = set(settings()["pronouns"])
    for section in article.sections:
        timexes = tag(text, anchor, article.id, section.start, section.end)
        continuing = last is not None and section.kind == BODY and text[: section.start].rstrip().endswith(":")
        if continuing and last is not None:
            last.add(_excerpt(article, section, None))
            continue
        for sentence in sentences(section):
            parts = clauses(sentence)
            dated = [[t for t in timexes if c.start <= t.start < c.end and t.type in _DATED
                      and (t.begin or not t.resolved)] for c in parts]
            for clause, dates in zip(parts, dated):
                span = sentence  # the whole sentence: the date is marked inside it
                trigger = main_trigger(text, clause.start, clause.end)
                embedded = _embedded(text, clause, dates[0], trigger) if dates else None
                if embedded is not None:  # the date is the embedded act's: the verb's act is read undated
                    drafts.append(embedded)
                    embedded.add(_excerpt(article, span, dates[0]))
                    pending.append((clause, sentence))
                    continue
                deadlines = [t for t in dates if deadline_date(text, clause, t)]
                if deadlines and len(deadlines) == len(dates):  # "must reach a deal by July 31": the
                    setter = _deadline_setter(clause, text, trigger, anchor, last)  # act itself is undated
                    drafts.extend(date_deadline(setter, text, t, _excerpt(article, span, t)) for t in deadlines)
                    pending.append((clause, sentence))
                    continue
                dates = [t for t in dates if t not in deadlines] + deadlines
                if dates:
                    timex = dates[0]
                    subject, actors, target = _actors_of(clause, text, trigger, _day(timex.begin) or anchor)
                    stop = min([t.start for t in dates if t.start > (trigger.end if trigger else 0)] + [clause.end])
                    draft = Draft(timex, trigger, actors, subject, _label(subject, trigger, text, clause, stop),
                                  [], reason=timex.reason, target=target)
                    draft.add(_excerpt(article, span, timex))
                    drafts.append(draft)
                    last = draft
                    for expr in timexes:
                        if not clause.start <= expr.start < clause.end:
                            continue
                        if expr.type == "DURATION" and is_deadline(text, expr):
                            derived = derive_deadline(draft, text, expr, _excerpt(article, span, None))
                            if derived:
                                drafts.append(derived)
                        elif expr in dates and deadline_date(text, clause, expr):
                            drafts.append(date_deadline(draft, text, expr, _excerpt(article, span, expr)))
                    continue
                first_word = clause.text.split()[0].lower().strip("\"“,") if clause.text.split() else ""
                if section.kind == BODY and last is not None and first_word in pronouns:
                    last.add(_excerpt(article, span if span is clause else clause, None))
                elif section.kind == SUMMARY or trigger is not None:
                    pending.append((clause, sentence))
    drafts = _merge(drafts)
    _attach(article, drafts, pending)
    drafts = _join_lead(article, drafts)
    _headline_labels_the_lead(article, drafts)
    events: dict[str, Event] = {}
    for d in drafts:  # two acts in one sentence with the same date and type stay two events
        event = _freeze(article, d)
        while event.id in events:
            event = replace(event, id=content_id(event.id, len(events)))
        events[event.id] = event
    return list(events.values())


def _attach(article: Article, drafts: list[Draft], pending: list[tuple[Span, Span]]) -> None:
    """Undated clauses join the event they restate (summaries) or continue (same actor, same act);
    a body clause that names an act and an actor and joins nothing becomes an undated event."""
    threshold = float(settings()["attach_threshold"])
    candidates = [d for d in drafts if not d.derived]
    readout = same_day_source(article)
    for clause, sentence in pending:
        trigger = main_trigger(article.text, clause.start, clause.end)
        subject, actors, target = _actors_of(clause, article.text, trigger, article.published)
        same_day = same_day_timex(article, clause, trigger, readout) if trigger and subject and clause.kind == BODY else None
        if same_day is not None:  # an official readout's own act: dated to its day, never to another event's
            draft = Draft(same_day, trigger, actors, subject, _label(subject, trigger, article.text, clause, clause.end),
                          [], reason=same_day.reason, target=target)
            draft.add(_excerpt(article, clause, None))
            drafts.append(draft)
            continue
        if clause.kind == BODY and (trigger is None or trigger.noun):
            continue  # a body clause that names no act by a verb neither restates an event nor makes one
        words = content_words(clause.text)
        code = trigger.code if trigger else "--"
        if clause.kind == BODY:  # a body clause joins only an event of the same act by the same actor
            pool = [d for d in candidates if d.code == code and _affiliations(subject) & _affiliations(d.actors)]
        else:
            pool = candidates
        scored = sorted(((_similarity(words, actors, code, d), i) for i, d in enumerate(pool)), reverse=True)
        if scored and scored[0][0] >= threshold:
            pool[scored[0][1]].add(_excerpt(article, clause if clause.kind == BODY else sentence, None))
        elif clause.kind == BODY and trigger is not None and subject:
            # an act with an actor but no date: kept, undated, never dated by guess
            draft = Draft(None, trigger, actors, subject, _label(subject, trigger, article.text, clause, clause.end),
                          [], reason=UNDATED_REASON, target=target)
            draft.add(_excerpt(article, clause, None))
            drafts.append(draft)


def _join_lead(article: Article, drafts: list[Draft]) -> list[Draft]:
    """In an official readout, what its principals say and do on the day (statements, appeals,
    exchanges of views) is part of its lead act: those drafts join the first draft of the day of
    publication in the text (dated by the readout rule or by an expression such as "today"). A title that names an act ("Telephone conversation with …") types the lead and labels it."""
    if same_day_source(article) is None or article.published is None:
        return drafts
    day = article.published.isoformat()
    same_day = sorted((d for d in drafts if d.timex is not None and not d.derived
                       and (d.timex.rule == RULE or d.interval == (day, day))), key=lambda d: d.excerpts[0].start)
    if not same_day:
        return drafts
    lead, joins = same_day[0], set(settings()["same_day"]["joins_lead"])
    titled = main_trigger(article.title, 0, len(article.title))
    if titled is not None and titled.code in joins:
        named = [m.actor for m in find_actors(article.title, titled.end, len(article.title), article.published)]
        lead.trigger, lead.label = titled, article.title
        lead.actors, lead.target = unique(lead.actors + named), unique(lead.target + named)
    joined = {id(d) for d in same_day[1:] if d.code in joins and _affiliations(d.subject) & _affiliations(lead.actors)}
    for draft in same_day[1:]:
        if id(draft) in joined:
            for excerpt in draft.excerpts:
                lead.add(excerpt)
            lead.actors = unique(lead.actors + draft.actors)
    return [d for d in drafts if id(d) not in joined]


def _freeze(article: Article, d: Draft) -> Event:
    start = date.fromisoformat(d.timex.begin) if d.timex and d.timex.begin else None
    end = date.fromisoformat(d.timex.end_date) if d.timex and d.timex.end_date else None
    precision = d.timex.precision if d.timex and start else "undated"
    first = d.excerpts[0]
    type_name = f"{d.trigger.code} {d.trigger.name}" if d.trigger else "-- Unclassified"
    subject = tuple(a.name for a in d.subject)
    target = tuple(dict.fromkeys(a.name for a in d.target if a.name not in subject))
    if d.derived:
        type_name = "13 Threaten"
    event_id = content_id(article.id, start, end, type_name, first.start, first.end, d.derived,
                          d.timex.start if d.timex else None)
    return Event(event_id, start, end, precision, d.derived, tuple(a.name for a in d.actors), type_name, d.label,
                 tuple(sorted(d.excerpts, key=lambda e: (e.date_start is None, e.kind != BODY, e.start))), d.timex, d.reason, (article.id,),
                 subject=subject, target=target)
