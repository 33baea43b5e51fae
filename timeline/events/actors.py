"""Role tokens -> actors: the gazetteer's names first, then what the parse tells.

A role (a subject, an object, a prepositional object) is a token of the parse; its phrase is the
token's subtree without the clauses hanging off it. Inside that phrase the gazetteer, state bodies
named by country and people named by their office are looked up (``timeline.events.text``); a name
none of them holds becomes an actor from the parse: a run of proper nouns ("Human Rights Watch",
"Wagner Group", a commander named once), a person or an organisation by its words. A role noun of
``agents.toml`` ("rebels", "the ministry", "police") is an actor of the country an adjective or
possessive gives it ("Chadian rebels" -> Chad). Pronouns and bare role nouns ("he", "the
president") are the nearest fitting actor named before them. Reporters are never actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from timeline.events.countries import by_code, country_code
from timeline.events.text import Mention, find_actors
from timeline.model import Actor
from timeline.resources import load_toml

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLAUSES = ("acl", "acl:relcl", "advcl", "relcl", "punct", "cc", "conj", "appos", "parataxis", "dep")
PERSON_PRONOUNS = {"he", "him", "she", "her", "his"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}
_KINDS = {"GOV": "government", "MIL": "military", "REB": "armed group", "OPP": "opposition", "COP": "police",
          "JUD": "judiciary", "LEG": "legislature", "REF": "refugees", "CVL": "civilians"}


@cache
def agents() -> tuple[dict[str, str], frozenset[str]]:
    """Role noun lemma -> agent code, and the codes of people who only report (journalists)."""
    data = load_toml("agents.toml")
    return dict(data["agents"]), frozenset(data["reporters"])


@cache
def _org_words() -> re.Pattern[str]:
    words = load_toml("events.toml")["syntax"].get("organisation_words", [])
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b")


@cache
def _person_roles() -> frozenset[str]:
    return frozenset(load_toml("events.toml")["syntax"]["person_roles"])


@cache
def _followers() -> frozenset[str]:
    return frozenset(load_toml("events.toml")["syntax"]["follower_nouns"])


@dataclass
class Memory:
    """The actors an article has named so far, most recent last: what pronouns refer back to."""

    recent: list[Actor] = field(default_factory=list)
    surnames: dict[str, Actor] = field(default_factory=dict)

    def saw(self, actor: Actor) -> None:
        self.recent = [a for a in self.recent[-30:] if a.id != actor.id] + [actor]
        if actor.kind == "person":
            self.surnames[actor.name.split()[-1]] = actor

    def person(self) -> Actor | None:
        return next((a for a in reversed(self.recent) if a.kind == "person"), None)

    def group(self) -> Actor | None:
        return next((a for a in reversed(self.recent) if a.kind != "person"), None)

    def like(self, word: str) -> Actor | None:
        """The last actor whose name or office holds ``word`` ("the ministry", "the president")."""
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
        return next((a for a in reversed(self.recent) if pattern.search(a.name) or (a.office and pattern.search(a.office))), None)


def phrase(token: Token) -> tuple[int, int]:
    """The token indices [start, end) of a role's noun phrase: its subtree without clauses."""
    lo = hi = token.i
    stack = [token]
    while stack:
        node = stack.pop()
        lo, hi = min(lo, node.i), max(hi, node.i)
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSES)
    return lo, hi + 1


def _country_of(token: Token) -> str | None:
    for c in token.children:
        if c.dep_ in ("amod", "compound", "nmod:poss", "nmod") and (c.tag_ in ("JJ", "NNP", "NNPS")):
            code = country_code(c.text)
            if code:
                return code
    return None


_FLAT = ("flat", "flat:name")


def _flat_run(token: Token) -> list[Token]:
    """A proper noun and the words of one name that hang off it, and off them ("Valeska" -> Valeska
    Paris, "Ali" -> Ali al - Dabagh), in order."""
    run, stack = [token], [token]
    while stack:
        for c in stack.pop().children:
            if c.dep_ in _FLAT and c.tag_ in ("NNP", "NNPS"):
                run.append(c)
                stack.append(c)
    return sorted(run, key=lambda t: t.i)


def _run_span(token: Token) -> list[Token]:
    """A proper noun's name: its own words and the proper nouns compounded with it."""
    return sorted([*_flat_run(token), *(c for c in token.children if c.dep_ == "compound"
                                        and c.tag_ in ("NNP", "NNPS"))], key=lambda t: t.i)


def _name_run(token: Token) -> str:
    """The name a proper noun heads, as the text writes it ("Ali al-Dabagh")."""
    run = _run_span(token)
    if run[-1].i - run[0].i != len(run) - 1 and any(t.tag_ != "HYPH" for t in token.doc[run[0].i:run[-1].i + 1]
                                                    if t not in run):
        return " ".join(p.text for p in run)  # not one stretch of text: its words
    return token.doc[run[0].i:run[-1].i + 1].text


def _named_by(token: Token) -> list[Token]:
    """The proper name a common noun of role is given beside it, if any: an apposition ("the
    spokesman of the ministry, John Smith"), a name run after it ("CEO of the Refugee Council Enver
    Solomon"), or a name set off by a comma after a coordination ("a deputy and spokesman, Ali
    al-Dabagh", which a parser may read as a third conjunct)."""
    if token.tag_ not in ("NN", "NNS") or token.lemma_.lower() not in _role_nouns():
        return []
    named = [c for c in token.children if c.i > token.i and c.tag_ in ("NNP", "NNPS") and (
        c.dep_ == "appos" or (c.dep_ == "conj" and token.doc[c.i - 1].text == ","))]
    # "the spokesman of the ministry, John Smith": the name is the role's, wherever the parser hangs it
    named += [c for m in token.children if m.dep_ == "nmod" and m.i > token.i for c in m.children
              if c.dep_ == "appos" and c.i > m.i and c.tag_ in ("NNP", "NNPS") and token.doc[c.i - 1].text == ","]
    if named:
        return named[:1]
    # "a deputy and spokesman, Ali al-Dabagh": roles joined by "and" before one name are one person,
    # whichever of them the parser hangs the name on
    for other in [token.head] * (token.dep_ == "conj") + [c for c in token.children if c.dep_ == "conj"]:
        shared = [c for c in other.children if c.i > max(token.i, other.i) and c.tag_ in ("NNP", "NNPS")
                  and c.dep_ == "appos"] if other.tag_ in ("NN", "NNS") and other.lemma_.lower() in _role_nouns() else []
        if shared:
            return shared[:1]
    run = [c for c in token.children if c.i > token.i + 1 and c.tag_ in ("NNP", "NNPS")
           and c.dep_ in ("flat", "flat:name")]
    return run if 2 <= len(run) <= 3 and run[-1].i - run[0].i == len(run) - 1 else []


def _name_after_titles(token: Token) -> Token | None:
    """The name that ends a run of capitalised titles: "Labour's Shadow Home Secretary Yvette
    Cooper" -> Yvette Cooper (the name read as one word, two or three long, after a title word)."""
    if token.tag_ != "NNP":
        return None
    flat = [c for c in token.children if c.i > token.i and c.dep_ in ("flat", "flat:name")]
    if flat and flat[-1].tag_ == "NNP" and 2 <= len(flat[-1].text.split()) <= 3 and any(
            w.lower() in _person_roles() for t in [token, *flat[:-1]] for w in t.text.split()):
        return flat[-1]
    return None


@cache
def _role_nouns() -> frozenset[str]:
    """Nouns that name someone by their role: agents.toml's, and the person roles of events.toml."""
    return frozenset(agents()[0]) | _person_roles()


def resolve(token: Token, text: str, offset: int, on: date | None, memory: Memory) -> Actor | None:
    """The actor a role token stands for, or None. ``offset`` is where the sentence starts in ``text``."""
    word = token.lower_
    if token.tag_ in ("PRP", "PRP$") or word in PERSON_PRONOUNS | GROUP_PRONOUNS:
        if word in PERSON_PRONOUNS:
            return memory.person()
        if word in GROUP_PRONOUNS:
            return memory.group()
        return None
    titled = _name_after_titles(token)
    if titled is not None:
        return resolve(titled, text, offset, on, memory)
    named = _named_by(token)
    if len(named) == 1:  # "the spokesman of the ministry, John Smith": the name
        return resolve(named[0], text, offset, on, memory)
    if named:  # "CEO of the Refugee Council Enver Solomon": the name words hang off the role
        start, end = offset + named[0].idx, offset + named[-1].idx + len(named[-1].text)
        known = [m for m in find_actors(text, start, end, on) if (m.start, m.end) == (start, end)]
        name = named[0].doc[named[0].i:named[-1].i + 1].text
        return known[0].actor if known else memory.surnames.get(name) or Actor(name, name, "person", None)
    lo, hi = phrase(token)
    doc = token.doc
    start, end = offset + doc[lo].idx, offset + doc[hi - 1].idx + len(doc[hi - 1].text)
    mentions = find_actors(text, start, end, on)
    head_at = offset + token.idx
    table, reporters = agents()
    # a name read as one token is known by its last word: "Sky News", "the Associated Press" (media)
    code = table.get(token.lemma_.lower()) or table.get(word) or table.get(word.rsplit(" ", 1)[-1])
    person = memory.surnames.get(_name_run(token)) if token.tag_ in ("NNP", "NNPS") else None
    if person is not None and person.office is None and " of " not in person.name:
        return person  # "Paris" after "Valeska Paris": the person, not the city
    covering = [m for m in mentions if m.start <= head_at < m.end]
    if covering:  # the longest name holding the head: "Prime Minister of Israel Naftali Bennett"
        best = max(covering, key=lambda m: (m.end - m.start, m.actor.kind == "person"))
        return _titled(token, mentions, offset) or best.actor
    run = _flat_run(token)
    if token.tag_ in ("NNP", "NNPS") and len(run) in (2, 3) and run[-1].i - run[0].i == len(run) - 1 and any(
            offset + run[0].idx <= m.start and m.end <= offset + run[-1].idx + len(run[-1].text) for m in mentions):
        name = token.doc[run[0].i:run[-1].i + 1].text  # "Valeska Paris": a person whose name holds a place
        return Actor(name, name, "person", _country_of(token))
    the = any(c.lower_ == "the" for c in token.children if c.dep_ == "det")
    if the and token.tag_ == "NN" and token.lemma_.lower() in _person_roles():
        # "the Russian leader", "the president": the last person named (of that country, if told)
        country = _country_of(token) or next((m.actor.country for m in mentions if m.actor.country), None)
        person = next((a for a in reversed(memory.recent) if a.kind == "person"
                       and (country is None or a.country == country)), None)
        if person is not None:
            return person
    if mentions and token.tag_ in ("NN", "NNS") and code is None:
        owner = next((c for c in token.children if c.dep_ in ("nmod", "nmod:poss")), None)
        if owner is not None and token.lemma_.lower() in _followers():
            # "supporters of Hosni Mubarak", "Mubarak's supporters": a group of their own
            actor = mentions[0].actor
            name = f"{actor.name} {token.text.lower()}"
            return Actor(name, name, "group", actor.country)
    if mentions and (code is None or token.tag_ in ("NNP", "NNPS")):
        return _titled(token, mentions, offset) or mentions[0].actor
    if token.tag_ in ("NNP", "NNPS"):
        name = _name_run(token)
        if name in memory.surnames:
            return memory.surnames[name]
        if any(c.lower_ == "the" for c in token.children if c.dep_ == "det"):
            referred = memory.like(name)  # "the Interior Ministry" after "Egypt's Interior Ministry"
            if referred is not None:
                return referred
        if code in reporters:
            return Actor("reporter", "reporter", "reporter")
        kind = "organization" if _org_words().search(name) else "person" if 2 <= len(name.split()) <= 3 else None
        if kind is None:
            return None  # one unknown capitalised word: a place or a surname never introduced
        country = _country_of(token)
        return Actor(name, name, kind, country)
    if code is None:
        return None
    if code in reporters:
        return Actor("reporter", "reporter", "reporter")
    country = _country_of(token) or next((m.actor.country for m in mentions if m.actor.country), None)
    if country is None and any(c.lower_ == "the" for c in token.children if c.dep_ == "det"):
        referred = memory.like(token.lemma_)
        if referred is not None:
            return referred
    kind = _KINDS.get(code[:3], "group")
    if code == "GOV" and country is not None and country in by_code():
        # "three Belarusian diplomats", "Russian officials": they act for their state
        return Actor(by_code()[country].name, by_code()[country].name, "country", country)
    adjectives = [c.text for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]
    plural = token.tag_ == "NNS"
    noun = token.text.lower() if plural else token.lemma_.lower()
    name = " ".join([*adjectives, noun]) if adjectives else noun
    return Actor(name[0].upper() + name[1:], name[0].upper() + name[1:], kind, country)


def _titled(token: Token, mentions: list[Mention], offset: int) -> Actor | None:
    """A one-word name right after an office no one is known to hold that day is its holder, named
    by the title, whichever word the parser makes the head: "Saudi King Abdullah" -> King Abdullah
    (Saudi Arabia)."""
    names = [t for t in [token, *token.children] if t.tag_ == "NNP" and " " not in t.text and t.text[:1].isupper()
             and (t is token or t.dep_ in ("flat", "flat:name", "appos"))]
    for office in mentions:
        if not office.actor.office or office.actor.id != office.actor.office:
            continue
        after = [t for t in names if offset + t.idx == office.end + 1]
        if after and not (after[0].i + 1 < len(token.doc) and token.doc[after[0].i + 1].tag_ == "NNP"):
            name = f"{office.text.split()[-1]} {after[0].text}"
            return Actor(name, name, "person", office.actor.country, office.actor.org, office.actor.office)
    return None


def resolve_within(token: Token, text: str, offset: int, on: date | None, memory: Memory) -> Actor | None:
    """The actor a role stands for, or else the nearest actor its phrase carries ("a convoy bringing
    aid to Sudanese refugees" -> the refugees): a breadth-first walk of the subtree, two levels."""
    actor = resolve(token, text, offset, on, memory)
    if actor is not None or token.tag_ in ("PRP", "PRP$", "WDT", "WP"):
        return actor
    level = list(token.children)
    for _ in range(3):
        nxt: list[Token] = []
        for child in level:
            if child.tag_.startswith("NN") and child.dep_ not in ("compound", "flat", "amod", "nmod:poss"):
                found = resolve(child, text, offset, on, memory)
                if found is not None:
                    return found
            nxt.extend(child.children)
        level = nxt
    return None


def place(token: Token, text: str, offset: int) -> tuple[str, str | None]:
    """(place name, ISO alpha-3 or None) of a location token ("in Moscow" -> ("Moscow", "RUS"))."""
    name = _name_run(token)
    doc = token.doc
    mentions = find_actors(text, offset + doc[token.i].idx, offset + token.idx + len(token.text), None)
    country = mentions[0].actor.country if mentions else country_code(name)
    return name, country
