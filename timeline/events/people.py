"""People no gazetteer names, found by their office: "Prime Minister of Israel Naftali Bennett",
"French President Emmanuel Macron". Each becomes an actor (person) with the country the office
belongs to; the country adjectives and names are those of ``countries.toml``."""

from __future__ import annotations

import re
from functools import cache

from timeline.errors import ResourceError
from timeline.events.countries import country_code
from timeline.events.gazetteer import build, country_before
from timeline.model import Actor
from timeline.resources import load_toml, path

_CAP = r"[A-Z][\w'’-]*"
_NAME_WORD = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*")


@cache
def _finder() -> re.Pattern[str]:
    data = load_toml("titles.toml")
    titles = data.get("titles")
    if not titles or not data.get("examples") or not isinstance(data.get("office_modifiers"), list):
        raise ResourceError(f"{path('titles.toml')}: needs titles, office_modifiers and examples")
    alternation = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles, key=len, reverse=True))
    pattern = (rf"\b(?P<title>{alternation})"
               rf"(?P<of>\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:of\s+(?:the\s+)?)?{_CAP}){{0,5}})?"
               rf"(?P<name>(?:\s+{_CAP}){{0,3}})")
    return re.compile(pattern)


@cache
def office_modifier() -> re.Pattern[str]:
    """Words before an office that make it someone other than its holder ("former", "Deputy")."""
    words = load_toml("titles.toml")["office_modifiers"]
    return re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(w) for w in words)})[\s-]+$")


@cache
def affiliation(name: str) -> tuple[str | None, str | None]:
    """(country ISO alpha-3, organisation) that a name after "TITLE of" stands for, if any: the
    gazetteer's countries and organisations first, then any form of a country, in any case."""
    bare = re.sub(r"^the\s+", "", name.strip())
    entry = build().entries.get(bare)
    actor = entry.actor if entry else None
    if actor is not None and actor.kind in ("country", "organization", "government"):
        return (actor.country, None) if actor.kind == "country" else (actor.country, actor.id)
    return country_code(bare), None


def _split(words: list[str]) -> tuple[str | None, str | None, list[str]]:
    """The affiliation and the name in the words after "TITLE of": the shortest leading run that
    is a country or organisation, the rest (2 or 3 capitalised words) the name."""
    for k in range(1, len(words) - 1):
        name = words[k:]
        if 2 <= len(name) <= 3 and all(_NAME_WORD.fullmatch(w) for w in name):
            country, org = affiliation(" ".join(words[:k]))
            if country or org:
                return country, org, name
    return None, None, []


def find_people(text: str, start: int, end: int) -> list[tuple[int, int, Actor]]:
    """Titled people in ``text[start:end]``: (start, end, actor), offsets into ``text``; the span
    runs from the title (or its country adjective) to the end of the name.

    >>> [(a.name, a.country) for _, _, a in find_people("with Prime Minister of Israel Naftali Bennett.", 0, 46)]
    [('Naftali Bennett', 'ISR')]
    """
    found = []
    for m in _finder().finditer(text, start, end):
        before = country_before(text, start, m.start())
        country = before[1] if before else None
        span_start = before[0] if before else m.start()
        org = None
        if m.group("of"):
            words = (m.group("of") + m.group("name")).split()[1:]  # without the first "of"
            code, org, name = _split(words)
            country = code or country
        else:
            name = m.group("name").split()
        if not (2 <= len(name) <= 3 and all(_NAME_WORD.fullmatch(w) for w in name)):
            continue
        full = " ".join(name)
        name_end = text.rfind(name[-1], m.start(), m.end()) + len(name[-1])
        found.append((span_start, name_end, Actor(full, full, "person", country, org)))
    return found
