"""The actor gazetteer: every name pattern of the resource files in one trie-shaped regex —
actors and organizations by name (``actors.jsonl``, ``organizations.jsonl``), countries with
their adjectives, demonyms and capitals (``countries.toml``), officials by name and offices by
title (``officials.jsonl``), and phrases that name no one (``countries.toml`` blocked) — plus the
finder of state bodies named by country (``bodies.toml``). Validated on load (file and line)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from timeline.errors import ResourceError
from timeline.events.countries import Guard, blocked, by_code, countries, guards, is_country_code
from timeline.events.officials import officials
from timeline.trie import trie_pattern
from timeline.model import Actor
from timeline.resources import line_of, load_jsonl_numbered, load_toml, path

ACTOR_KINDS = {"PERSON": "person", "ORG": "organization", "GOV": "government", "COUNTRY": "country"}
NAME_FILES = ("actors.jsonl", "organizations.jsonl")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a pattern names: a fixed actor, an office (resolved by date), or nothing (blocked)."""

    actor: Actor | None = None
    office: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Pattern -> entry, one regex matching any pattern (longest first), and the guarded forms."""

    entries: dict[str, Entry]
    regex: re.Pattern[str]
    guards: dict[str, Guard]

    def matches(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, Entry]]:
        """(start, end, entry) of every pattern in ``text[start:end]`` that a guard does not rule out."""
        for m in self.regex.finditer(text, start, end):
            guard = self.guards.get(m.group(0))
            if guard is None or not guard.blocks(text, m.start(), m.end()):
                yield m.start(), m.end(), self.entries[m.group(0)]


def _name_rows() -> Iterator[tuple[str, str, Entry]]:
    """(pattern, where, entry) of the EntityRuler-style name files."""
    for name in NAME_FILES:
        for line, row in load_jsonl_numbered(name, required=("label", "pattern", "id")):
            where = f"{path(name)}:{line}"
            if row["label"] not in ACTOR_KINDS:
                raise ResourceError(f"{where}: ({row['pattern']!r}): unknown label {row['label']!r}")
            country = row.get("country")
            if country is not None and not is_country_code(str(country)):
                raise ResourceError(f"{where}: ({row['pattern']!r}): unknown ISO 3166 alpha-3 code {country!r}")
            if not str(row["pattern"]).strip():
                raise ResourceError(f"{where}: empty pattern")
            actor = Actor(row["id"], row["id"], ACTOR_KINDS[row["label"]], country, row.get("org"))
            yield row["pattern"], where, Entry(actor)


def _country_rows() -> Iterator[tuple[str, str, Entry]]:
    file = path("countries.toml")
    for c in countries():
        actor = Entry(Actor(c.name, c.name, "country", c.code))
        for form in c.forms:
            yield form, f"{file}:{line_of(file, f'{c.code} =')}", actor
    for phrase in blocked():
        yield phrase, f"{file}:{line_of(file, phrase)}", Entry()


def _official_rows() -> Iterator[tuple[str, str, Entry]]:
    file, found = path("officials.jsonl"), officials()
    for person in found.people.values():
        actor = Entry(Actor(person.name, person.name, "person", person.country, person.org))
        for name in person.names:
            yield name, f"{file}:{person.line}", actor
    for office in found.offices.values():
        for form in office.forms:
            yield form, f"{file}:{office.line}", Entry(office=office.id)


@cache
def build() -> Gazetteer:
    """The gazetteer of every resource file, compiled once.

    Raises:
        ResourceError: a bad row, or one pattern naming two different actors (names file:line).
    """
    entries: dict[str, Entry] = {}
    origin: dict[str, str] = {}
    for pattern, where, entry in [*_name_rows(), *_country_rows(), *_official_rows()]:
        known = entries.setdefault(pattern, entry)
        if known != entry and (known.actor is None or entry.actor is None or known.actor.id != entry.actor.id):
            raise ResourceError(f"{where}: pattern {pattern!r} already names something else ({origin[pattern]})")
        origin.setdefault(pattern, where)
    regex = re.compile(rf"(?<![\w.])(?:{trie_pattern(entries)})(?!\w)")
    return Gazetteer(entries, regex, guards())


@dataclass(frozen=True, slots=True)
class BodyFinder:
    """Body forms -> canonical body, and the regexes that find a body and its country."""

    canonical: dict[str, str]
    body: re.Pattern[str]
    before: re.Pattern[str]  # "<adjective>" or "<Name>'s" right before the body
    after: re.Pattern[str]  # "of [the] <Name>" right after it


@cache
def body_finder() -> BodyFinder:
    """The state-body finder of ``bodies.toml``."""
    file = path("bodies.toml")
    data = load_toml("bodies.toml")
    table = data.get("body")
    if not isinstance(table, dict) or not table or "examples" not in data:
        raise ResourceError(f"{file}: needs a [body] table and examples")
    canonical: dict[str, str] = {}
    for body, forms in table.items():
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f for f in forms):
            raise ResourceError(f"{file}:{line_of(file, body)}: body {body!r} needs a list of forms")
        for form in forms:
            if canonical.setdefault(form, body) != body:
                raise ResourceError(f"{file}:{line_of(file, body)}: form {form!r} is also {canonical[form]!r}'s")
    names = [n for c in countries() for n in c.names]
    adjectives = [a for c in countries() for a in c.adjectives]
    return BodyFinder(
        canonical,
        re.compile(rf"(?<![\w])(?:{trie_pattern(canonical)})(?!\w)"),
        re.compile(rf"(?<![\w.])(?P<c>{trie_pattern(names + adjectives)})(?:['’]s)?\s+$"),
        re.compile(rf"\s+of\s+(?:the\s+)?(?P<c>{trie_pattern(names)})(?!\w)"),
    )


def find_bodies(text: str, start: int, end: int) -> list[tuple[int, int, Actor]]:
    """State bodies named by their country in ``text[start:end]``: (start, end, government actor).

    >>> [(a.name, a.country) for _, _, a in find_bodies("Egypt's Interior Ministry said", 0, 30)]
    [('Egyptian Interior Ministry', 'EGY')]
    """
    finder = body_finder()
    found = []
    for m in finder.body.finditer(text, start, end):
        before = country_before(text, start, m.start())
        after = None if before else finder.after.match(text, m.end(), end)
        if before:
            span, code = (before[0], m.end()), before[1]
        elif after:
            span, code = (m.start(), after.end()), _forms()[after.group("c")]
        else:
            continue
        country = by_code()[code]
        adjective = country.adjectives[0] if country.adjectives else country.name
        name = f"{adjective} {finder.canonical[m.group(0)]}"
        found.append((*span, Actor(name, name, "government", country.code)))
    return found


def country_before(text: str, start: int, at: int) -> tuple[int, str] | None:
    """(where it starts, ISO alpha-3) of a country adjective or "<Name>'s" ending right before
    ``at`` (whitespace between), not reaching back past ``start``.

    >>> country_before("with Saudi Arabia's Crown Prince", 0, 20)
    (5, 'SAU')
    """
    hit = body_finder().before.search(text, max(start, at - 60), at)
    return (hit.start("c"), _forms()[hit.group("c")]) if hit else None


@cache
def _forms() -> dict[str, str]:
    return {form: c.code for c in countries() for form in (*c.names, *c.adjectives)}
