"""Article -> events, in one direction: sentences -> parse -> acts and roles -> actors -> dates ->
events -> merging within the article.

Each step has its module: sentences and the parse come from ``timeline.syntax``; acts, their roles
and whether they are asserted from ``roles``; actors from ``actors``; dates from the temporal
tagger, a date belonging to the act it hangs off in the parse; deadlines from ``draft``; an
official readout's own acts from ``genre``. Every stage is linear in the article's length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from datetime import date
from typing import TYPE_CHECKING

from timeline.events.actors import GROUP_PRONOUNS, PERSON_PRONOUNS, Memory, phrase, place, resolve, resolve_within
from timeline.events.draft import Draft, date_deadline, deadline_date, derive_deadline, is_deadline, unique
from timeline.events.genre import RULE, same_day_source, same_day_timex
from timeline.events.roles import ASSERTED, Act, acts, noun_acts, object_code, reported_code, reported_subject, viable
from timeline.events.roles import settings as roles_settings
from timeline.events.text import Trigger, content_words, find_actors, settings
from timeline.events.countries import country_code
from timeline.events.vocabulary import CAMEO_ROOTS, plover, root, verb_rules, noun_rules
from timeline.model import BODY, SUMMARY, Actor, Article, Event, Excerpt, Span, TimeExpression, content_id
from timeline.syntax import parse, sentences
from timeline.temporal import tag

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DATED = ("DATE", "TIME")
UNDATED_REASON = "no date expression for this act: kept undated rather than guessed"
MAX_LABEL_WORDS = 12
_WORD = re.compile(r"[A-Za-z]+")


@cache
def _screen() -> tuple[frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    """(verb lemmas, noun lemmas, irregular past forms, light verbs): what the screen looks for."""
    syntax = roles_settings()
    return (frozenset(lemma.split()[0] for lemma in verb_rules()), frozenset(noun_rules()),
            dict(syntax["irregular"]), frozenset(syntax["light_verbs"]))


def _past_stems(word: str) -> list[str]:
    """The lemmas a past form may have: "expelled" -> expell, expel, expelle; "met" via the table."""
    if word.endswith("ied"):
        return [word[:-3] + "y"]
    if not word.endswith("ed") or len(word) < 5:
        return []
    stem = word[:-2]
    return [stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else stem, word[:-1]]


_CAPITAL_INSIDE = re.compile(r"(?<=[\w,;:)\"”’] )[A-Z][a-z]")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")


def worth_parsing(sentence: str, dated: bool) -> bool:
    """Whether a sentence can hold an event, read without parsing it: a past form of a verb the
    rules know ("expelled", "met", "said"), or a light verb before an event noun ("held talks"), or
    an event noun with a date of its own; and someone who can act in it (a name or a pronoun).

    >>> worth_parsing("Poland expelled three diplomats.", False), worth_parsing("We think so.", False)
    (True, False)
    """
    if not (_CAPITAL_INSIDE.search(sentence) or _PRONOUN.search(sentence) or sentence[:1].isupper()):
        return False
    verbs, nouns, irregular, light = _screen()
    has_light = has_noun = False
    for word in _WORD.findall(sentence):
        low = word.lower()
        lemma = irregular.get(low)
        if lemma in verbs or any(s in verbs for s in _past_stems(low)) or low in ("says", "said"):
            return True
        has_light = has_light or lemma in light or low in light
        has_noun = has_noun or low in nouns or low.rstrip("s") in nouns
        if has_noun and (has_light or dated):
            return True
    return False


_NAME_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*[a-z][\w’'-]*(?:\s+(?:(?:al|el|bin|de|van|von|der|da)[- ])?[A-Z][\w’'.-]*[a-z][\w’'-]*)+")


def name_spans(sentence: str) -> list[tuple[int, int]]:
    """Runs of two or more capitalised words ("Recep Tayyip Erdogan", "Human Rights Watch"), which
    the parser reads better as one word; a run never starts with a capitalised function word.

    >>> s = "The talks with Recep Tayyip Erdogan ended."
    >>> [s[a:b] for a, b in name_spans(s)]
    ['Recep Tayyip Erdogan']
    """
    stop = _function_words()
    found = []
    for m in _NAME_RUN.finditer(sentence):
        run: list[tuple[int, int]] = []  # (start, end) of the words of a name being read
        for w in re.finditer(r"\S+", m.group(0)):
            word = w.group(0)
            if word.lower() in stop or country_code(word) or word in _org_words():
                # a country or a body's word is structure the parser should see: "Russian Foreign Ministry"
                if len(run) > 1:
                    found.append((m.start() + run[0][0], m.start() + run[-1][1]))
                run = []
            else:
                run.append((w.start(), w.end()))
        if len(run) > 1:
            found.append((m.start() + run[0][0], m.start() + run[-1][1]))
    return found


@cache
def _org_words() -> frozenset[str]:
    return frozenset(roles_settings()["organisation_words"])


@cache
def _function_words() -> frozenset[str]:
    return frozenset(roles_settings()["function_words"])


def conjugate(phrase: str, plural: bool) -> str:
    """A base-form verb phrase in the present tense for a singular or plural subject.

    >>> conjugate("hold talks", False), conjugate("be sworn in", True), conjugate("have", False)
    ('holds talks', 'are sworn in', 'has')
    """
    verb, _, rest = phrase.partition(" ")
    if verb == "be":
        verb = "are" if plural else "is"
    elif verb == "have" and not plural:
        verb = "has"
    elif not plural:
        if re.search(r"[^aeiou]y$", verb):
            verb = verb[:-1] + "ies"
        elif re.search(r"(?:s|sh|ch|x|z|o)$", verb):
            verb += "es"
        else:
            verb += "s"
    return f"{verb} {rest}".strip()


_COMPACT = ("det", "amod", "compound", "nummod", "nmod:poss", "case", "flat", "compound:prt")


def _compact(doc: Doc, token: Token, limit: int = 8, skip: frozenset[int] = frozenset()) -> str:
    """A noun's core words: determiners, adjectives, numbers, compounds, and an "of" phrase
    ("two rounds of peace talks"), without prepositional phrases of place and time."""
    keep = {token.i}
    stack = [token]
    while stack:
        node = stack.pop()
        for c in node.children:
            if node is token and c.dep_ == "case" or c.i in skip or c.tag_ == "PRP$" or c.dep_ == "nmod:poss" and skip:
                continue  # the phrase's own preposition is the caller's to write; dates and owners are not its words
            if c.dep_ in _COMPACT or (c.dep_ == "nmod" and any(k.lower_ == "of" for k in c.children if k.dep_ == "case")):
                keep.add(c.i)
                stack.append(c)
    lo, hi = min(keep), max(keep) + 1
    words = [t.text for t in doc[lo:hi] if t.i in keep][:limit]
    if words and doc[lo].tag_ not in ("NNP", "NNPS"):
        words[0] = words[0].lower()
    return " ".join(words)


def _plural(doc: Doc, act: Act, subject: list[Actor]) -> bool:
    return len(subject) > 1 or any(doc[i].tag_ in ("NNS", "NNPS") for i in act.sources)


def _label(doc: Doc, act: Act, subject: list[Actor]) -> str:
    """A label read off the parse: "Russia demands security guarantees from Washington"; never
    "X says X" (a role that is the source is not repeated)."""
    trigger = doc[act.trigger]
    lemma = act.rule.lemma if not act.noun else (doc[act.light].lemma_ if act.light is not None else "")
    particle = act.rule.particle or ""
    who = " and ".join(a.name for a in subject)
    if act.rule.speech and act.complement is not None:
        comp = doc[act.complement]
        lo = min(t.i for t in comp.subtree)
        hi = max(t.i for t in comp.subtree) + 1
        words = [t.text for t in doc[lo:hi] if not (t.i == lo and t.lower_ == "that")]
        gist = " ".join(words[:MAX_LABEL_WORDS]).strip(" ,.;:\"“”")
        for actor in subject:  # "Kremlin says the Kremlin welcomed": the speaker is not named twice
            pronoun = "they" if actor.kind == "person" or len(subject) > 1 else "it"
            for form in (f"the {actor.name}", actor.name, actor.name.split()[-1]):
                gist = re.sub(rf"(?i)(?<!\w){re.escape(form)}(?!\w)", pronoun, gist, count=1)
                if pronoun in gist.split():
                    break
        verb = conjugate(lemma + (" " + particle if particle else ""), _plural(doc, act, subject))
        return f"{who} {verb} {gist}".strip() if who else f"{trigger.text.capitalize()} {gist}".strip()
    parts: list[str] = []
    plural = _plural(doc, act, subject)
    if act.noun:
        head = _compact(doc, trigger, 8)
        verb = conjugate(lemma, plural) if lemma else ("hold" if plural else "holds")
        parts = [verb, head]
    else:
        prt = any(c.dep_ in ("compound:prt", "prt") and c.lower_ == particle for c in trigger.children)
        parts = [conjugate(lemma + (" " + particle if particle and prt else ""), plural)]
        covered: tuple[int, int] = (0, 0)
        if act.patient is not None:
            patient = doc[act.patient]
            text = _compact(doc, patient, 7)
            covered = phrase(patient)
            if not any(a.name.lower() in text.lower() for a in subject):
                parts.append(text)
        for t in act.targets:
            tok = doc[t]
            if tok.i != act.patient and tok.dep_ in ("obl", "nmod") and not covered[0] <= tok.i < covered[1]:
                case = next((c.text for c in tok.children if c.dep_ == "case"), "")
                parts.append(f"{case} {_compact(doc, tok, 5)}".strip())
                break
        if particle and not prt:  # "gives Iran until the end of the year"
            obl = next((c for c in trigger.children if c.dep_ == "obl"
                        and any(k.lower_ == particle for k in c.children if k.dep_ == "case")), None)
            if obl is not None:
                parts.append(f"{particle} {_compact(doc, obl, 6)}")
    gist = " ".join(" ".join(parts).split()[:MAX_LABEL_WORDS])
    if who:
        return f"{who} {gist}"
    said = _compact(doc, doc[act.patient], 6) + " " if act.patient is not None and not act.noun else ""
    label = f"{said}{trigger.text}".strip()
    return label[0].upper() + label[1:]


def _trigger(doc: Doc, act: Act, offset: int) -> Trigger:
    token = doc[act.trigger]
    code = root(act.rule.code)
    if act.rule.particle:
        lemma = f"{act.rule.particle} {act.rule.lemma}" if act.noun else f"{act.rule.lemma} {act.rule.particle}"
    else:
        lemma = act.rule.lemma
    return Trigger(offset + token.idx, offset + token.idx + len(token.text), token.text, code,
                   CAMEO_ROOTS.get(code, "Unclassified"), lemma, act.noun)


def _timex_owner(doc: Doc, offset: int, timex: TimeExpression, triggers: dict[int, Act],
                 nouns: bool = True) -> tuple[int | None, bool]:
    """The token the date hangs off: the nearest act trigger up the parse from the date's head;
    (noun index, True) when an event noun that is no act yet comes first (an embedded act)."""
    span = doc.char_span(timex.start - offset, timex.end - offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, False
    node = span.root
    for _ in range(12):
        if node.i in triggers and not (span.start <= node.i < span.end):
            return node.i, False
        if nouns and (node.tag_.startswith("NN") or node.tag_ == "VBG" and node.i not in triggers) \
                and not (span.start <= node.i < span.end) and noun_acts(doc, node) is not None:
            return node.i, True
        if node.head.i == node.i:
            break
        node = node.head
    return None, False


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


def _affiliations(actors: list[Actor]) -> set[str]:
    return {a.id for a in actors} | {a.org for a in actors if a.org}


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
            if _affiliations(other.subject or other.actors) & _affiliations(draft.subject or draft.actors):
                for excerpt in draft.excerpts:
                    other.add(excerpt)
                other.actors = unique(other.actors + draft.actors)
                other.target = unique(other.target + [a for a in draft.target if a.id not in _affiliations(other.subject)])
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
        text = self.article.text
        if span.kind == SUMMARY:
            self.summaries.append(span)
            return
        if doc is None:
            self._remember(span)
            return
        found = acts(doc)
        triggers = {a.trigger: a for a in found if viable(a)}
        bound: dict[int, list[TimeExpression]] = defaultdict(list)
        embedded: dict[int, TimeExpression] = {}
        for timex in timexes:
            if timex.type not in _DATED or not (timex.begin or not timex.resolved):
                continue
            owner, is_noun = _timex_owner(doc, span.start, timex, triggers,
                                          nouns=not deadline_date(self.article.text, span, timex))
            if owner is None and len(triggers) == 1:  # the parse hangs the date off no act: the
                owner, is_noun = next(iter(triggers)), False  # sentence's one act owns it
            if owner is not None and is_noun:
                embedded.setdefault(owner, timex)
            elif owner is not None:
                bound[owner].append(timex)
        speech_tops = [a.complement for a in found if a.rule.speech and a.complement is not None]
        sentence_drafts: list[tuple[Act, Draft]] = []
        for act in found:
            reported = any(_inside(doc, act.trigger, top) for top in speech_tops)
            draft = self._act(span, doc, act, bound.get(act.trigger, []), reported, timexes)
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
        ids = _affiliations(subject)
        targets = [resolve_within(doc[i], text, offset, on, self.memory) for i in act.targets]
        target = unique([a for a in targets if a is not None and a.kind != "reporter" and a.id not in ids])
        return subject, target

    def _act(self, span: Span, doc: Doc, act: Act, dates: list[TimeExpression], reported: bool,
             timexes: list[TimeExpression], host: Draft | None = None) -> Draft | None:
        if act.status != ASSERTED:
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
                if actor is not None and actor.kind != "reporter" and actor.id not in _affiliations(subject) \
                        and not (actor.kind == "country" and actor.country in own):  # "Putin said Russia is ready"
                    target = [actor]
        embedded = host is not None or (act.noun and act.light is None and bool(dates))
        if host is not None and not subject and root(act.rule.code) in settings()["embedded"]["shared_by_host"]:
            # "in follow up to talks held in Moscow the day before": the talks of the call's parties
            subject, target = list(host.subject), unique(list(host.target) + list(host.actors))
            target = [a for a in target if a.id not in _affiliations(subject)]
        if not subject and not (embedded and dates):
            return None  # no one named as doing it: no event rather than a wrong one
        trigger = _trigger(doc, act, span.start)
        where, where_country = place(doc[act.location], text, span.start) if act.location is not None else ("", None)
        for actor in target + subject:  # the subject last: "he" in the next sentence is most often it
            self.memory.saw(actor)
        label = _label(doc, act, subject)
        if not subject or (embedded and host is not None and not act.sources):  # a dated happening a noun names
            where_words = f" in {where}" if where and where not in label else ""
            told = frozenset(t.i for d in dates for t in (doc.char_span(d.start - span.start, d.end - span.start,
                                                                         alignment_mode="expand") or []))
            label = re.sub(r"^(?:the|a|an)\s+", "", _compact(doc, doc[act.trigger], 8, told | {-1}))
            label = (label[0].upper() + label[1:] + where_words) if label else label
        def draft_of(when: TimeExpression | None, reason: str) -> Draft:
            return Draft(when, trigger, subject + target, subject, label, [], reason=reason, target=target,
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
                for affiliation in _affiliations(d.subject):
                    by_key.setdefault((d.code, affiliation), d)
        for u in self.undated:  # an undated telling of an act a dated one already has: one event
            match = next((by_key[(u.code, a)] for a in _affiliations(u.subject) if (u.code, a) in by_key), None)
            if match is not None:
                for excerpt in u.excerpts:
                    match.add(excerpt)
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
            scored = max(((len(words & d.words) / len(words)) + 0.2 * bool(
                {a.id for a in d.actors} & {m.actor.id for m in find_actors(self.article.text, span.start, span.end)}),
                i) for i, d in enumerate(pool))
            if scored[0] >= threshold:
                pool[scored[1]].add(_excerpt(self.article, span, None))


def _read(article: Article) -> list[Draft]:
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
    wanted = [i for i, (span, timexes) in enumerate(units)
              if span.kind == BODY and worth_parsing(span.text, any(t.type in _DATED for t in timexes))]
    docs: dict[int, Doc] = dict(zip(wanted, parse((units[i][0].text for i in wanted), names=name_spans)))
    reader = _Reader(article)
    for i, (span, timexes) in enumerate(units):
        reader.sentence(span, docs.get(i), timexes)
    drafts = reader.finish()
    if not _lead_act(article, drafts, reader.planned):
        _headline_labels_the_lead(article, drafts)
    return drafts


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


def _lead_act(article: Article, drafts: list[Draft], planned: frozenset[str] | set[str] = frozenset()) -> bool:
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
    trigger = _trigger(doc, titled, at)
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
    target = [a for a in named if a.id not in _affiliations(subject)]
    label = article.title if len(article.title) <= 120 else article.title[:119] + "…"
    lead = Draft(timex, trigger, subject + target, subject, label, [], reason=timex.reason, target=target,
                 cameo=titled.rule.code)
    if inside:
        lead.add(Excerpt(article.id, at, at + len(article.title), article.title, BODY))
    for draft in list(drafts):
        if (draft.code in joins and not draft.derived and draft.interval == day
                and (_affiliations(draft.actors) & _affiliations(lead.actors) or not draft.subject)):
            for excerpt in draft.excerpts:
                lead.add(excerpt)
            drafts.remove(draft)
    if lead.excerpts:  # quoted where the text tells it
        drafts.insert(0, lead)
    return True


def _headline_labels_the_lead(article: Article, drafts: list[Draft]) -> None:
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


def extract_events(article: Article) -> list[Event]:
    """Read an article's events: acts read off the parse, dated, with their deadlines and the
    passages that restate them.

    >>> from timeline.ingest.text import parse_text
    >>> a = parse_text("Talks\\nPosted on July 18, 2025\\nKYIV (AP) - Putin met Xi on Monday.")
    >>> [str(e) for e in extract_events(a)]
    ['2025-07-14 day 04 Consult [Vladimir Putin, Xi Jinping] Vladimir Putin meets Xi']
    """
    events: dict[str, Event] = {}
    for d in _read(article):
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
