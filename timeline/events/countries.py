"""Countries as actors: pycountry's names merged with the hand table of ``countries.toml``
(canonical names, more names, adjectives, demonyms, capitals), validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from timeline.errors import ResourceError
from timeline.resources import line_of, load_toml, path

FILE = "countries.toml"
_FIELDS = {"name", "names", "drop", "adj", "dem", "capital"}


@dataclass(frozen=True, slots=True)
class Country:
    """A country with every form that names it. ``adjectives[0]`` is the one body names use."""

    code: str  # ISO 3166 alpha-3 (or a user-assigned code, e.g. XKX for Kosovo)
    name: str  # canonical actor name
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form standing for the country (names, adjectives, demonyms, capitals)."""
        return tuple(dict.fromkeys((*self.names, *self.adjectives, *self.demonyms, *self.capitals)))


@dataclass(frozen=True, slots=True)
class Guard:
    """Contexts in which a form names no country ("Chad Wolf", "Atlanta, Georgia")."""

    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None

    def blocks(self, text: str, start: int, end: int) -> bool:
        """True when the text around ``text[start:end]`` says the form is something else."""
        before = self.not_before is not None and self.not_before.search(text, max(0, start - 40), start)
        after = self.not_after is not None and self.not_after.match(text[end : end + 40])
        return bool(before or after)


def _fail(needle: str, message: str) -> ResourceError:
    file = path(FILE)
    return ResourceError(f"{file}:{line_of(file, needle)}: {message}")


def _pycountry_names(code: str) -> list[str]:
    record = pycountry.countries.get(alpha_3=code)
    if record is None:
        return []
    found = [getattr(record, attr, None) for attr in ("common_name", "name", "official_name")]
    names = [re.sub(r"^the ", "", n) for n in found if n]
    return [n for n in names if not re.search(r"[,()]", n)]


def _strings(code: str, row: dict[str, Any], key: str) -> list[str]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(f"{code} =", f"country {code}: {key} must be a list of non-empty strings")
    return list(value)


def _country(code: str, row: Any, extra: dict[str, str]) -> Country:
    if not isinstance(row, dict):
        raise _fail(f"{code} =", f"country {code}: expected an inline table")
    if code not in extra and pycountry.countries.get(alpha_3=code) is None:
        raise _fail(f"{code} =", f"unknown ISO 3166 alpha-3 code {code!r} (add it to extra_codes if user-assigned)")
    unknown = set(row) - _FIELDS
    if unknown:
        raise _fail(f"{code} =", f"country {code}: unknown field(s) {', '.join(sorted(unknown))}")
    drop = set(_strings(code, row, "drop"))
    auto = [n for n in [extra.get(code, ""), *_pycountry_names(code)] if n and n not in drop]
    name = row.get("name") or (auto[0] if auto else "")
    if not isinstance(name, str) or not name:
        raise _fail(f"{code} =", f"country {code}: needs a name")
    adjectives = _strings(code, row, "adj")
    plurals = [a + "s" for a in adjectives if re.search(r"(?:an|i)$", a)]
    return Country(code, name, tuple(dict.fromkeys([name, *auto, *_strings(code, row, "names")])),
                   tuple(adjectives), tuple(dict.fromkeys([*plurals, *_strings(code, row, "dem")])),
                   tuple(_strings(code, row, "capital")))


@cache
def countries() -> tuple[Country, ...]:
    """Every country of ``countries.toml``, pycountry's names merged in.

    Raises:
        ResourceError: an unknown ISO code or field, or a form claimed by two countries (file:line).
    """
    data = load_toml(FILE)
    table, extra = data.get("country"), data.get("extra_codes", {})
    if not isinstance(table, dict) or not table or not data.get("examples"):
        raise ResourceError(f"{path(FILE)}: needs a [country] table and examples")
    found = tuple(_country(code, row, extra) for code, row in table.items())
    owner: dict[str, str] = {}
    for country in found:
        for form in country.forms:
            if owner.setdefault(form, country.code) != country.code:
                raise _fail(f'"{form}"', f"{form!r} names both {owner[form]} and {country.code}")
    return found


@cache
def by_code() -> dict[str, Country]:
    """Countries by ISO alpha-3 code.

    >>> by_code()["USA"].name, by_code()["GBR"].adjectives[0]
    ('United States', 'British')
    """
    return {c.code: c for c in countries()}


def is_country_code(code: str) -> bool:
    """True for a code of the country table or any ISO 3166 alpha-3 code pycountry knows."""
    return code in by_code() or (len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None)


@cache
def code_of_form() -> dict[str, str]:
    """Every country form -> ISO alpha-3 ("Russian" -> RUS, "Moscow" -> RUS, "U.S." -> USA)."""
    return {form: c.code for c in countries() for form in c.forms}


def country_code(name: str) -> str | None:
    """The ISO alpha-3 code a country name or adjective stands for (exact, then case-insensitive).

    >>> country_code("the Islamic Republic of Iran"), country_code("french republic"), country_code("Atlantis")
    ('IRN', 'FRA', None)
    """
    bare = re.sub(r"^the\s+", "", name.strip())
    exact = code_of_form().get(bare)
    return exact or _lowercase_forms().get(bare.lower())


@cache
def _lowercase_forms() -> dict[str, str]:
    return {form.lower(): code for form, code in code_of_form().items()}


@cache
def guards() -> dict[str, Guard]:
    """Forms that are often something else, with the contexts that rule them out."""
    found = {}
    for form, row in load_toml(FILE).get("guard", {}).items():
        if form not in code_of_form() or not isinstance(row, dict) or not set(row) <= {"not_before", "not_after"}:
            raise _fail(f"{form} =", f"guard {form!r}: must be a country form with not_before/not_after")
        compiled = []
        for key in ("not_before", "not_after"):
            try:
                compiled.append(re.compile(row[key]) if key in row else None)
            except re.error as exc:
                raise _fail(f"{form} =", f"guard {form!r}: bad {key} regex: {exc}") from exc
        found[form] = Guard(compiled[0], compiled[1])
    return found


def blocked() -> tuple[str, ...]:
    """Phrases containing a country form that name no actor ("South China Sea")."""
    return tuple(load_toml(FILE).get("blocked", ()))
