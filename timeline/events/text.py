"""Actors named in the text (the gazetteer, state bodies, titled people), event type names, and
the words passages are compared by. Sentences and roles come from the parse (``timeline.syntax``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from timeline.errors import ResourceError
from timeline.events.gazetteer import ACTOR_KINDS, build, find_bodies
from timeline.events.officials import offices, people
from timeline.events.people import find_people, office_modifier
from timeline.trie import trie_pattern
from timeline.model import Actor
from timeline.resources import line_of, load_toml, path

__all__ = ["ACTOR_KINDS", "Mention", "content_words", "event_types", "find_actors", "gazetteer", "settings"]


@cache
def settings() -> dict[str, Any]:
    """The settings of ``events.toml``."""
    return load_toml("events.toml")


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in the text."""

    start: int
    end: int
    text: str
    actor: Actor


@cache
def gazetteer() -> tuple[dict[str, Actor], re.Pattern[str]]:
    """Name patterns -> canonical actors (offices, resolved by date, left out), and one regex
    matching any pattern of the gazetteer (longest first). See ``timeline.events.gazetteer``."""
    built = build()
    return {p: e.actor for p, e in built.entries.items() if e.actor is not None}, built.regex


def _holder(office_id: str, on: date) -> Actor:
    """The person who held an office on a day; the office itself when no known holder did."""
    office = offices()[office_id]
    name = office.holder(on)
    if name is None:
        return Actor(office.id, office.id, "person", office.country, office.org, office.id)
    person = people()[name]
    country = office.country if office.country is not None else person.country
    return Actor(name, name, "person", country, office.org or person.org, office.id)


def _inside(m: Mention, s: int, e: int) -> bool:
    return s <= m.start and m.end <= e


def _crosses(m: Mention, s: int, e: int) -> bool:
    return m.start < s < m.end or m.start < e < m.end or (m.start <= s and e <= m.end and (m.start, m.end) != (s, e))


def _add_bodies(found: list[Mention], titled: list[Mention], text: str, start: int, end: int) -> list[Mention]:
    """State bodies named by country win over the country inside them, never over a longer name."""
    for s, e, actor in find_bodies(text, start, end):
        if not any(_crosses(m, s, e) for m in found + titled):
            found = [m for m in found if not _inside(m, s, e)] + [Mention(s, e, text[s:e], actor)]
    return found


def _add_people(found: list[Mention], text: str, start: int, end: int) -> list[Mention]:
    """Titled people: a known person inside the span wins; a country inside it is an affiliation;
    so is a body right before it ("Hamas spokesman X")."""
    for s, e, actor in find_people(text, start, end):
        if any(_crosses(m, s, e) or (_inside(m, s, e) and m.actor.kind == "person" and not m.actor.office)
               for m in found):
            continue
        body = next((m for m in found if m.actor.kind in ("organization", "government")
                     and text[m.end : s].isspace()), None)
        if body is not None and actor.org is None:
            actor = Actor(actor.id, actor.name, actor.kind, actor.country or body.actor.country, body.actor.id)
            s = body.start
        found = [m for m in found if not _inside(m, s, e)] + [Mention(s, e, text[s:e], actor)]
    return found


def find_actors(text: str, start: int, end: int, on: date | None = None) -> list[Mention]:
    """Actor mentions in ``text[start:end]``, offsets into ``text``: the gazetteer's, state bodies
    named by country, and people found by their title. A gazetteer person inside an office span
    wins; a country inside it is the person's affiliation, not another actor.

    An office named without a name after it ("the U.S. President said") is its holder on ``on``
    (the event's date), or today when ``on`` is None; "former", "Deputy" and the like before it
    (``titles.toml`` office_modifiers) make it no one. Names ("Trump") are who they name, any day.

    >>> [m.actor.name for m in find_actors("Putin called Prime Minister of Israel Naftali Bennett.", 0, 54)]
    ['Vladimir Putin', 'Naftali Bennett']
    >>> [m.actor.name for m in find_actors("The U.S. President said so.", 0, 27, on=date(2022, 3, 1))]
    ['Joe Biden']
    """
    day = on or date.today()
    found: list[Mention] = []
    titled: list[Mention] = []  # offices, their actor resolved below
    for s, e, entry in build().matches(text, start, end):
        if entry.actor is not None:
            found.append(Mention(s, e, text[s:e], entry.actor))
        elif entry.office is not None:
            titled.append(Mention(s, e, entry.office, Actor(entry.office, entry.office, "office")))
    found = _add_bodies(found, titled, text, start, end)
    modifier = office_modifier()
    for t in titled:
        named = any(m.start >= t.end and m.actor.kind == "person" and re.fullmatch(r"[\s,]*", text[t.end : m.start])
                    for m in found)
        if not named and not modifier.search(text, max(start, t.start - 30), t.start):
            found.append(Mention(t.start, t.end, text[t.start : t.end], _holder(t.text, day)))
    found = _add_people(found, text, start, end)
    return sorted(found, key=lambda m: m.start)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that names what kind of event a clause reports."""

    start: int
    end: int
    text: str
    code: str
    name: str
    present: str
    noun: bool = False  # a noun that names an act ("talks"), not a verb


def _type_line(code: object) -> str:
    file = path("event_types.toml")
    needle = 'code = "' + str(code) + '"'
    return f"{file}:{line_of(file, needle)}"


@cache
def event_types() -> tuple[dict[str, tuple[str, str, str, bool]], dict[str, str], re.Pattern[str]]:
    """Trigger surface form -> (code, name, present form, is a noun); code -> name; a regex of all triggers."""
    triggers: dict[str, tuple[str, str, str, bool]] = {}
    names: dict[str, str] = {}
    for row in load_toml("event_types.toml").get("type", []):
        code, name = row.get("code"), row.get("name")
        if not (isinstance(code, str) and len(code) == 2 and name and row.get("triggers") and row.get("examples")):
            raise ResourceError(f"{_type_line(code)}: type {code!r} needs code, name, triggers, examples")
        if row.get("quad") not in QUAD_CLASSES:
            raise ResourceError(f"{_type_line(code)}: type {code!r}: quad must be 0, 1, 2, 3 or 4")
        names[code] = name
        for surface, present in row["triggers"].items():
            triggers.setdefault(surface.lower(), (code, name, present, False))
        for surface, present in row.get("nouns", {}).items():
            triggers.setdefault(surface.lower(), (code, name, present, True))
    alternation = trie_pattern(triggers).replace(r"\ ", r"\s+")  # a trie: one branch per next letter
    return triggers, names, re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


QUAD_CLASSES = {0: "0 Outside CAMEO", 1: "1 Verbal cooperation", 2: "2 Material cooperation",
                3: "3 Verbal conflict", 4: "4 Material conflict"}


@cache
def _quads() -> dict[str, int]:
    return {row["code"]: int(row.get("quad", 0)) for row in load_toml("event_types.toml").get("type", [])}


def quad_class(event_type: str) -> str:
    """GDELT's QuadClass of an event type ("13 Threaten" -> "3 Verbal conflict"); "" if unclassified.

    >>> quad_class("04 Consult"), quad_class("-- Unclassified")
    ('1 Verbal cooperation', '')
    """
    quad = _quads().get(event_type[:2])
    return QUAD_CLASSES[quad] if quad is not None else ""


def content_words(text: str) -> set[str]:
    """Stems of the content words of a passage, for comparing passages ("criticised" ~ "criticizes")."""
    stop = set(settings()["stopwords"])
    words = re.findall(r"[a-z0-9][a-z0-9'-]+", text.lower())
    return {w[:5] for w in words if w not in stop and len(w) > 2}  # a 5-letter prefix: a crude stem
