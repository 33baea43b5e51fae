"""Article -> events, in one direction: sentences -> parse -> acts and roles -> actors -> dates ->
events -> merging within the article.

Each step has its module: sentences and the parse come from ``timeline.syntax`` (``screen`` picks
the sentences worth parsing); acts, their roles and whether they are asserted from ``roles``
(``statements`` types a statement by what it reports);
actors from ``actors``; labels from ``labels``; dates from the temporal tagger, a date belonging to
the act it hangs off in the parse; deadlines from ``draft``; an official readout's own acts from
``genre`` and ``readout``; happenings across articles from ``merge``. Every stage is linear in
the article's length: sentences are bounded, and what refers back (pronouns, undated retellings,
summaries) looks in bounded or indexed places.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from timeline.events.actors import GROUP_PRONOUNS, PERSON_PRONOUNS, Memory, place, resolve, resolve_within
from timeline.events.draft import Draft, date_deadline, deadline_date, derive_deadline, is_deadline, unique
from timeline.events.genre import RULE, same_day_source, same_day_timex
from timeline.events.labels import compact, label, trigger_of
from timeline.events.readout import affiliations, headline_labels_the_lead, lead_act
from timeline.events.roles import ASSERTED, Act, acts, is_place, noun_acts, viable
from timeline.events.roles import settings as roles_settings
from timeline.events.screen import is_caption, is_photo_date, name_spans, worth_parsing
from timeline.events.statements import object_code, reported_code, reported_subject
from timeline.events.text import content_words, find_actors, settings
from timeline.events.vocabulary import plover, root
from timeline.model import BODY, SUMMARY, Actor, Article, Event, Excerpt, Span, TimeExpression, content_id
from timeline.syntax import parse, sentences
from timeline.temporal import tag

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DATED = ("DATE", "TIME")
_NOUN_CLAUSES = frozenset({"acl", "acl:relcl"})  # a clause that modifies a noun
_PREMODIFIERS = frozenset({"compound", "amod", "nummod", "nmod:poss", "det"})  # "the 1966 squad", "May's vote"
UNDATED_REASON = "no date expression for this act: kept undated rather than guessed"


def _timex_owner(doc: Doc, offset: int, timex: TimeExpression, triggers: dict[int, Act],
                 nouns: bool = True) -> tuple[int | None, bool, bool]:
    """The token the date hangs off: the nearest act trigger up the parse from the date's head;
    (noun index, True) when an event noun that is no act yet comes first (an embedded act). The
    third value tells a date that reaches its act through a noun ("the 1966 squad won"): it dates
    the noun's thing, and counts only when the act has no date of its own. A clause that modifies a
    noun ("a diplomat accused of spying last spring") keeps its date: nothing above it owns it."""
    span = doc.char_span(timex.start - offset, timex.end - offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, False, False
    before = span.start - 1
    if before >= 0 and before in triggers and doc[before].tag_.startswith("VB"):  # "said Thursday he had": the
        return before, False, False  # bare date right after a verb is its adverbial, however the parse hung it
    node = span.root
    if node.dep_ in _PREMODIFIERS and node.head.i not in triggers and noun_acts(doc, node.head) is None:
        # "the 1966 squad": the date of a thing, not of an act ("the 1988 elections" dates the elections)
        return None, False, True
    through_noun = False
    for _ in range(12):
        inside = span.start <= node.i < span.end
        if node.i in triggers and not inside:
            return node.i, False, through_noun
        if nouns and (node.tag_.startswith("NN") or node.tag_ == "VBG" and node.i not in triggers) \
                and not inside and noun_acts(doc, node) is not None:
            return node.i, True, False
        if not inside and node.dep_ in _NOUN_CLAUSES:  # "the talks held on Friday": the noun's, if an act
            named = nouns and noun_acts(doc, node.head) is not None
            return (node.head.i, True, False) if named else (None, False, False)
        through_noun |= not inside and node.tag_.startswith("NN")
        if node.head.i == node.i:
            break
        node = node.head
    return None, False, False


def _dates_of(doc: Doc, trigger: int, bound: dict[int, list[TimeExpression]]) -> list[TimeExpression]:
    """The dates of an act: its own, else those of the verb it is coordinated with ("Last week
    fighters killed three soldiers and wounded six": both last week)."""
    node = doc[trigger]
    for _ in range(8):
        if bound.get(node.i):
            return bound[node.i]
        if node.dep_ != "conj" or node.head.i == node.i or not node.tag_.startswith("VB") \
                or not node.head.tag_.startswith("VB"):
            return []
        node = node.head
    return []


def _inside(doc: Doc, token: int, top: int | None) -> bool:
    if top is None:
        return False
    node = doc[token]
    for _ in range(20):
        if node.i == top:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _excerpt(article: Article, span: Span, timex: TimeExpression | None) -> Excerpt:
    inside = timex is not None and span.start <= timex.start < timex.end <= span.end
    return Excerpt(article.id, span.start, span.end, span.text, span.kind,
                   timex.start if inside and timex else None, timex.end if inside and timex else None)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _merge(drafts: list[Draft]) -> list[Draft]:
    """Drafts with the same dates and type whose actors speak for the same body become one
    (bucketed by dates, type and derivation: linear in the number of drafts)."""
    buckets: dict[tuple[object, ...], list[Draft]] = defaultdict(list)
    kept: list[Draft] = []
    for draft in drafts:
        if draft.timex is not None and draft.timex.rule == RULE and draft.code != "04":
            kept.append(draft)  # a readout's statements share its day, not their content: each its own
            continue
        key = (draft.interval, draft.code, draft.derived)
        for other in buckets[key][-20:]:
            if affiliations(other.subject or other.actors) & affiliations(draft.subject or draft.actors):
                for excerpt in draft.excerpts:
                    other.add(excerpt)
                other.actors = unique(other.actors + draft.actors)
                other.target = unique(other.target + [a for a in draft.target if a.id not in affiliations(other.subject)])
                break
        else:
            buckets[key].append(draft)
            kept.append(draft)
    return kept


class _Reader:
    """Reads one article's sentences in order, keeping what later sentences refer back to."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.memory = Memory()
        self.readout = same_day_source(article)
        self.drafts: list[Draft] = []
        self.undated: list[Draft] = []
        self.summaries: list[Span] = []
        self.last: Draft | None = None
        at = article.text.find(article.title) if article.title else -1
        self.title_named = unique([m.actor for m in find_actors(article.text, at, at + len(article.title),
                                                                 article.published)]) if at >= 0 else []
        self.meeting: Draft | None = None  # the last meeting or call with both sides named
        self.planned: set[str] = set()  # types of acts the text tells as future or hypothetical
        self.first_person: list[Actor] | None = None  # a readout's first named person, once looked for

    def participants(self) -> list[Actor]:
        """Who "the leaders", "the parties", "both sides" are: the last meeting's sides, else the
        people the title names and the last person named apart from them."""
        if self.meeting is not None:
            return unique(self.meeting.subject + self.meeting.target)
        named = {t.id for t in self.title_named}
        other = next((a for a in reversed(self.memory.recent) if a.kind == "person" and a.id not in named), None)
        if other is None and self.readout is not None:  # a readout's principal, before the text names them
            if self.first_person is None:
                body = next((x for x in self.article.sections if x.kind == BODY), None)
                found = find_actors(self.article.text, body.start, body.end, self.article.published) if body else []
                self.first_person = [m.actor for m in found if m.actor.kind == "person" and m.actor.id not in named][:1]
            other = self.first_person[0] if self.first_person else None
        return unique(self.title_named + ([other] if other else []))

    def sentence(self, span: Span, doc: Doc | None, timexes: list[TimeExpression]) -> None:
        if span.kind == SUMMARY:
            self.summaries.append(span)
            return
        if doc is None:
            self._remember(span)
            return
        found = acts(doc)
        triggers = {a.trigger: a for a in found if viable(a)}
        bound: dict[int, list[TimeExpression]] = defaultdict(list)
        through: dict[int, list[TimeExpression]] = defaultdict(list)  # dates of an act's noun ("the 1966 squad")
        loose: list[TimeExpression] = []  # dates the parse hangs off no act
        embedded: dict[int, TimeExpression] = {}
        for timex in timexes:
            if timex.type not in _DATED or not (timex.begin or not timex.resolved):
                continue
            owner, is_noun, weak = _timex_owner(doc, span.start, timex, triggers,
                                                nouns=not deadline_date(self.article.text, span, timex))
            if owner is None and not weak:
                loose.append(timex)
            elif owner is not None and is_noun:
                embedded.setdefault(owner, timex)
            elif owner is not None and weak:
                through[owner].append(timex)
            elif owner is not None:
                bound[owner].append(timex)
        speech_tops = [a.complement for a in found if a.rule.speech and a.complement is not None and a.sources]
        sentence_drafts: list[tuple[Act, Draft]] = []
        for owner, weak_dates in through.items():  # after any date the act has of its own
            bound[owner].extend(weak_dates)
        if loose and len(triggers) == 1:  # the sentence's one act owns them, after any date the parse gave it
            bound[next(iter(triggers))].extend(loose)
        for act in found:
            reported = any(_inside(doc, act.trigger, top) for top in speech_tops)
            dates = _dates_of(doc, act.trigger, bound)
            if not dates and loose and len(triggers) > 1:  # no date of its own: the nearest the parse left loose
                at = span.start + doc[act.trigger].idx
                dates = [min(loose, key=lambda t: abs(t.start - at))]
            draft = self._act(span, doc, act, dates, reported, timexes)
            if draft is not None:
                sentence_drafts.append((act, draft))
        for noun_i, timex in embedded.items():
            named = noun_acts(doc, doc[noun_i])
            if named is None or root(named.rule.code) in settings()["embedded"]["not_happenings"]:
                continue
            host = next((d for a, d in sentence_drafts if _inside(doc, noun_i, a.trigger)), None)
            draft = self._act(span, doc, named, [timex], False, timexes, host)
            if draft is not None:
                sentence_drafts.append((named, draft))
        self._remember(span)

    def _remember(self, span: Span) -> None:
        for mention in find_actors(self.article.text, span.start, span.end, self.article.published):
            self.memory.saw(mention.actor)

    def _roles(self, doc: Doc, act: Act, offset: int, on: date | None) -> tuple[list[Actor], list[Actor]] | None:
        text = self.article.text
        group = set(roles_settings()["participant_nouns"])
        sources: list[Actor | None] = []
        for i in act.sources:
            token = doc[i]
            if token.lemma_.lower() in group and token.tag_ in ("NNS", "NNPS") or token.lower_ in ("both", "we"):
                sources.extend(self.participants())  # "the leaders agreed", "both sides"
            else:
                sources.append(resolve(token, text, offset, on, self.memory))
        if any(a is not None and a.kind == "reporter" for a in sources):
            return None  # journalists report events; they are not in them
        subject = unique([a for a in sources if a is not None])
        verb = doc[act.trigger]
        participle = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "acl")  # "…, setting a deadline"
        if not act.sources and not act.passive and not act.noun and not participle:
            # the parse found no subject for an active verb: the one actor named before it, if one only
            before = unique([m.actor for m in find_actors(text, offset, offset + verb.idx, on)])
            subject = before if len(before) == 1 else []
        ids = affiliations(subject)
        targets: list[Actor | None] = []
        for i in act.targets:
            token = doc[i]
            if token.lemma_.lower() in group and token.tag_ in ("NNS", "NNPS") and any(
                    c.lower_ == "other" for c in token.children):
                targets.extend(self.participants())  # "informed the other parties": the meeting's sides
            else:
                targets.append(resolve_within(token, text, offset, on, self.memory))
        target = unique([a for a in targets if a is not None and a.kind != "reporter" and a.id not in ids])
        return subject, target

    def _about(self, doc: Doc, act: Act, offset: int, subject: list[Actor]) -> list[Actor]:
        """The first actor named in what an act says or does (its object or reported clause) that
        is not its source nor its source's own country."""
        heads = [doc[i] for i in (act.patient, act.complement) if i is not None and i != act.trigger]
        if not heads:
            return []
        start = min(t.idx for h in heads for t in h.subtree)
        end = max(t.idx + len(t.text) for h in heads for t in h.subtree)
        own = affiliations(subject) | {a.country for a in subject if a.country}
        for mention in find_actors(self.article.text, offset + start, offset + end, self.article.published):
            named = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
            if named is not None and len(named) and is_place(named.root):
                continue  # "talks in Turkey": where, not whom
            actor = mention.actor
            if actor.id not in own and not (actor.kind == "country" and actor.country in own):
                return [actor]
        return []

    def _act(self, span: Span, doc: Doc, act: Act, dates: list[TimeExpression], reported: bool,
             timexes: list[TimeExpression], host: Draft | None = None) -> Draft | None:
        if act.status != ASSERTED:
            if act.status == "future":  # "Putin will meet Bennett": a readout's title names a plan
                self.planned.add(root(act.rule.code))
            return None
        article, text = self.article, self.article.text
        deadlines = [t for t in dates if deadline_date(text, span, t)]
        timex = next((t for t in dates if t not in deadlines), None)
        roles = self._roles(doc, act, span.start, _day(timex.begin) if timex else article.published)
        if roles is None:
            return None
        subject, target = roles
        if act.rule.speech and act.complement is None and (code := object_code(doc[act.trigger])) is not None:
            act = replace(act, rule=replace(act.rule, code=code))  # "noted Russia's willingness to help"
        if act.rule.speech and act.complement is not None:
            comp = doc[act.complement]
            code = reported_code(comp)
            if code is not None:  # "said Mubarak must step down": a demand
                act = replace(act, rule=replace(act.rule, code=code))
            about = reported_subject(comp)
            if about is not None and not target:  # a statement is about whom its clause is about
                actor = resolve(about, text, span.start, article.published, self.memory)
                own = {a.country for a in subject if a.country}
                if actor is not None and actor.kind != "reporter" and actor.id not in affiliations(subject) \
                        and not (actor.kind == "country" and actor.country in own):  # "Putin said Russia is ready"
                    target = [actor]
        if not target and subject:  # whom the act's content is about: "continue gas supplies to Italy"
            target = self._about(doc, act, span.start, subject)
        embedded = host is not None or (act.noun and act.light is None and bool(dates))
        if host is not None and not subject and root(act.rule.code) in settings()["embedded"]["shared_by_host"]:
            # "in follow up to talks held in Moscow the day before": the talks of the call's parties
            subject, target = list(host.subject), unique(list(host.target) + list(host.actors))
            target = [a for a in target if a.id not in affiliations(subject)]
        if not subject and not (embedded and dates):
            return None  # no one named as doing it: no event rather than a wrong one
        trigger = trigger_of(doc, act, span.start)
        where, where_country = place(doc[act.location], text, span.start) if act.location is not None else ("", None)
        for actor in target + subject:  # the subject last: "he" in the next sentence is most often it
            self.memory.saw(actor)
        named = label(doc, act, subject)
        if not subject or (embedded and host is not None and not act.sources):  # a dated happening a noun names
            where_words = f" in {where}" if where and where not in named else ""
            told = frozenset(t.i for d in dates for t in (doc.char_span(d.start - span.start, d.end - span.start,
                                                                         alignment_mode="expand") or []))
            named = re.sub(r"^(?:the|a|an)\s+", "", compact(doc, doc[act.trigger], 8, told | {-1}))
            named = (named[0].upper() + named[1:] + where_words) if named else named

        def draft_of(when: TimeExpression | None, reason: str) -> Draft:
            return Draft(when, trigger, subject + target, subject, named, [], reason=reason, target=target,
                         location=where, location_country=where_country, cameo=act.rule.code)

        for deadline in deadlines:  # "must reach a deal by July 31", "gave Iran until the end of the year"
            self.drafts.append(date_deadline(draft_of(None, ""), text, deadline, _excerpt(article, span, deadline)))
        if deadlines and timex is None:
            return None  # the act itself is told with no date of its own
        if timex is not None:
            return self._dated(draft_of(timex, timex.reason), _excerpt(article, span, timex), span, timexes)
        if not subject:
            return None
        subject_token = doc[act.sources[0]] if act.sources else None
        pronoun = subject_token is not None and subject_token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS
        if pronoun and not reported and self.last is not None and subject_token is not None \
                and subject_token.i <= 2 and not self.last.derived:
            self.last.add(_excerpt(article, span, None))  # "He also promised …": the same moment, told on
            return None
        past = not act.noun and doc[act.trigger].tag_ in ("VBD", "VBN") or act.noun and act.light is not None
        if self.readout is not None and not reported and past:
            same_day = same_day_timex(article, span, trigger, self.readout)
            if same_day is not None:
                return self._dated(draft_of(same_day, same_day.reason), _excerpt(article, span, None), span, [])
        draft = draft_of(None, UNDATED_REASON)
        draft.add(_excerpt(article, span, None))
        self.undated.append(draft)
        return draft

    def _dated(self, draft: Draft, excerpt: Excerpt, span: Span, timexes: list[TimeExpression]) -> Draft:
        self._met(draft)
        draft.add(excerpt)
        self.drafts.append(draft)
        self.last = draft
        self._deadlines(draft, span, timexes)
        return draft

    def _met(self, draft: Draft) -> None:
        if draft.code == "04" and draft.subject and draft.target:
            self.meeting = draft

    def _deadlines(self, draft: Draft, span: Span, timexes: list[TimeExpression]) -> None:
        text = self.article.text
        for expr in timexes:
            if expr.type == "DURATION" and is_deadline(text, expr):
                derived = derive_deadline(draft, text, expr, _excerpt(self.article, span, None))
                if derived:
                    self.drafts.append(derived)

    def finish(self) -> list[Draft]:
        drafts = _merge(self.drafts)
        by_key: dict[tuple[str, str], Draft] = {}
        for d in drafts:
            if not d.derived:
                for affiliation in affiliations(d.subject):
                    by_key.setdefault((d.code, affiliation), d)
        for u in self.undated:  # an undated telling of an act a dated one already has: one event
            # in the subject's order, not a set's: the same article gives the same events in any process
            ordered = dict.fromkeys(x for a in u.subject for x in (a.id, a.org) if x)
            match = next((by_key[(u.code, a)] for a in ordered if (u.code, a) in by_key), None)
            if match is not None:
                for excerpt in u.excerpts:
                    match.add(excerpt)
                match.actors = unique(match.actors + u.subject)
            else:
                drafts.append(u)
        drafts = _merge(drafts)
        self._attach_summaries(drafts)
        return drafts

    def _attach_summaries(self, drafts: list[Draft]) -> None:
        """Summary passages (standfirst, key points) restate the body: each joins the event it
        shares most words with, never becoming an event of its own."""
        threshold = float(settings()["attach_threshold"])
        pool = [d for d in drafts if not d.derived and d.timex is not None][:200]
        for span in self.summaries:
            words = content_words(span.text)
            if not words or not pool:
                continue
            named = {m.actor.id for m in find_actors(self.article.text, span.start, span.end)}  # once a passage
            scored = max(((len(words & d.words) / len(words)) + 0.2 * bool({a.id for a in d.actors} & named), i)
                         for i, d in enumerate(pool))
            if scored[0] >= threshold:
                pool[scored[1]].add(_excerpt(self.article, span, None))


def read_acts(article: Article) -> list[Draft]:
    """The acts of an article as drafts (trigger, date expression, actors, excerpts) before they are
    frozen into events: what ``extract_events`` returns, with the trigger's offsets kept."""
    text, anchor = article.text, article.published
    units: list[tuple[Span, list[TimeExpression]]] = []
    for section in article.sections:
        timexes = tag(text, anchor, article.id, section.start, section.end)
        at = 0
        for s, e in sentences(text, section.start, section.end):
            inside = []
            while at < len(timexes) and timexes[at].start < s:
                at += 1
            k = at
            while k < len(timexes) and timexes[k].start < e:
                inside.append(timexes[k])
                k += 1
            units.append((Span(s, e, text[s:e], section.kind), inside))
    units = [(span, [t for t in timexes if not is_photo_date(text, t.start)]) for span, timexes in units]
    wanted = [i for i, (span, timexes) in enumerate(units) if span.kind == BODY and not is_caption(text, span.start, span.end)
              and worth_parsing(span.text, any(t.type in _DATED for t in timexes))]
    docs: dict[int, Doc] = dict(zip(wanted, parse((units[i][0].text for i in wanted), names=name_spans)))
    reader = _Reader(article)
    for i, (span, timexes) in enumerate(units):
        reader.sentence(span, docs.get(i), timexes)
    drafts = reader.finish()
    if not lead_act(article, drafts, reader.planned):
        headline_labels_the_lead(article, drafts)
    return drafts


def extract_events(article: Article) -> list[Event]:
    """Read an article's events: acts read off the parse, dated, with their deadlines and the
    passages that restate them.

    >>> from timeline.ingest.text import parse_text
    >>> a = parse_text("Talks\\nPosted on July 18, 2025\\nKYIV (AP) - Putin met Xi Jinping on Monday.")
    >>> [str(e) for e in extract_events(a)]
    ['2025-07-14 day 04 Consult [Vladimir Putin, Xi Jinping] Vladimir Putin meets Xi Jinping']
    """
    events: dict[str, Event] = {}
    for d in read_acts(article):
        event = _freeze(article, d)
        while event.id in events:  # two acts in one sentence with the same date and type stay two
            event = replace(event, id=content_id(event.id, len(events)))
        events[event.id] = event
    return list(events.values())


def _freeze(article: Article, d: Draft) -> Event:
    start = date.fromisoformat(d.timex.begin) if d.timex and d.timex.begin else None
    end = date.fromisoformat(d.timex.end_date) if d.timex and d.timex.end_date else None
    precision = d.timex.precision if d.timex and start else "undated"
    first = d.excerpts[0]
    type_name = f"{d.trigger.code} {d.trigger.name}" if d.trigger else "-- Unclassified"
    cameo = d.cameo or (d.trigger.code if d.trigger else "")
    if d.derived:
        type_name, cameo = "13 Threaten", "13"
    subject = tuple(a.name for a in d.subject)
    target = tuple(dict.fromkeys(a.name for a in d.target if a.name not in subject))
    event_id = content_id(article.id, start, end, type_name, first.start, first.end, d.derived,
                          d.timex.start if d.timex else None)
    plover_type, plover_mode = plover(cameo) if cameo else ("", "")
    return Event(event_id, start, end, precision, d.derived, tuple(a.name for a in d.actors), type_name, d.label,
                 tuple(sorted(d.excerpts, key=lambda e: (e.date_start is None, e.kind != BODY, e.start))), d.timex,
                 d.reason, (article.id,), subject=subject, target=target, location=d.location,
                 location_country=d.location_country or "", cameo=cameo, plover=plover_type, plover_mode=plover_mode,
                 countries=tuple(sorted({a.country for a in d.actors if a.country})))
