"""Officials and the offices they held, with dates (``officials.jsonl``): who "the U.S. President"
was on a given day. Validated on load: a bad row stops start-up with the file and line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from timeline.errors import ResourceError
from timeline.events.countries import Country, by_code, is_country_code
from timeline.resources import load_jsonl_numbered, path

FILE = "officials.jsonl"
PRECISIONS = ("day", "month")


@dataclass(frozen=True, slots=True)
class Person:
    """An official: canonical name, country (None for an international body's), names, body."""

    name: str
    country: str | None
    names: tuple[str, ...]
    org: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Tenure:
    """One holder's time in an office: ``start <= day < end`` (``end`` None: still in office)."""

    holder: str
    start: date
    end: date | None
    precision: str = "day"  # "month" when the exact day is not sure
    line: int = 0

    def covers(self, day: date) -> bool:
        """True when the holder held the office on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Office:
    """An office, the surface forms that name it, and who held it when."""

    id: str
    country: str | None
    org: str | None
    forms: tuple[str, ...]
    tenures: tuple[Tenure, ...]
    line: int = 0

    def holder(self, on: date) -> str | None:
        """The canonical name of whoever held the office on ``on``, if anyone known did.

        >>> offices()["President of the United States"].holder(date(2022, 3, 1))
        'Joe Biden'
        """
        return next((t.holder for t in self.tenures if t.covers(on)), None)


@dataclass(frozen=True, slots=True)
class Officials:
    """Everything ``officials.jsonl`` holds."""

    people: dict[str, Person]
    offices: dict[str, Office]


def _fail(line: int, message: str) -> ResourceError:
    return ResourceError(f"{path(FILE)}:{line}: {message}")


def _strings(line: int, row: dict[str, Any], key: str, required: bool = False) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(line, f"{key} must be a list of non-empty strings")
    if required and not value:
        raise _fail(line, f"{key} must not be empty")
    return tuple(value)


def _code(line: int, row: dict[str, Any]) -> str | None:
    code = row.get("country")
    if code is not None and not (isinstance(code, str) and is_country_code(code)):
        raise _fail(line, f"unknown ISO 3166 alpha-3 country code {code!r}")
    return code


def _day(line: int, row: dict[str, Any], key: str) -> date | None:
    value = row.get(key)
    if value is None and key == "to":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise _fail(line, f"{key} {value!r} is not a YYYY-MM-DD date") from exc


def office_forms(titles: tuple[str, ...], country: Country) -> list[str]:
    """The surface forms of a country's office from its titles: "<adjective> <title>", "<title> of
    [the] <name>", "<name>'s <title>", each also with the title in lower case.

    >>> office_forms(("President",), by_code()["FRA"])[:4]
    ['French President', 'President of France', 'President of the France', "France's President"]
    """
    forms: list[str] = []
    for title in dict.fromkeys(t for base in titles for t in (base, base.lower())):
        forms += [f"{adjective} {title}" for adjective in country.adjectives]
        for name in country.names:
            forms += [f"{title} of {name}", f"{title} of the {name}", f"{name}'s {title}", f"{name}’s {title}"]
    return list(dict.fromkeys(forms))


def _office(line: int, row: dict[str, Any]) -> Office:
    code = _code(line, row)
    titles, forms = _strings(line, row, "titles"), _strings(line, row, "forms")
    if titles and code is None:
        raise _fail(line, "an office with titles needs a country (write an international body's forms out)")
    generated = office_forms(titles, by_code()[code]) if titles and code in by_code() else []
    every = tuple(dict.fromkeys([*forms, *generated]))
    if not every:
        raise _fail(line, f"office {row['office']!r} has no titles or forms")
    return Office(row["office"], code, row.get("org"), every, (), line)


def _check_overlaps(offices: dict[str, Office]) -> None:
    for office in offices.values():
        ordered = sorted(office.tenures, key=lambda t: t.start)
        for before, after in zip(ordered, ordered[1:]):
            if before.end is None or before.end > after.start:
                later = max(before, after, key=lambda t: t.line)
                raise _fail(later.line, f"tenures of {office.id!r} overlap: {before.holder} from {before.start} "
                                        f"and {after.holder} from {after.start}")


def parse(rows: tuple[tuple[int, dict[str, Any]], ...]) -> Officials:
    """People, offices and tenures from numbered rows, validated.

    Raises:
        ResourceError: an unknown row kind, country code, office or holder; a bad or reversed date;
            overlapping tenures of one office; a name given twice (names file:line).
    """
    people: dict[str, Person] = {}
    offices: dict[str, Office] = {}
    tenures: dict[str, list[Tenure]] = {}
    for line, row in rows:
        if "person" in row:
            name = row["person"]
            if name in people:
                raise _fail(line, f"person {name!r} is already defined (line {people[name].line})")
            people[name] = Person(name, _code(line, row), _strings(line, row, "names", required=True),
                                  row.get("org"), line)
        elif "office" in row and "holder" in row:
            if row["office"] not in offices:
                raise _fail(line, f"unknown office {row['office']!r} (define it on an earlier line)")
            if row["holder"] not in people:
                raise _fail(line, f"unknown holder {row['holder']!r} (define the person on an earlier line)")
            start, end = _day(line, row, "from"), _day(line, row, "to")
            assert start is not None
            if end is not None and end <= start:
                raise _fail(line, f"tenure of {row['holder']!r} ends ({end}) before it starts ({start})")
            precision = row.get("precision", "day")
            if precision not in PRECISIONS:
                raise _fail(line, f"precision must be one of {', '.join(PRECISIONS)}")
            tenures.setdefault(row["office"], []).append(Tenure(row["holder"], start, end, precision, line))
        elif "office" in row:
            if row["office"] in offices:
                raise _fail(line, f"office {row['office']!r} is already defined (line {offices[row['office']].line})")
            offices[row["office"]] = _office(line, row)
        else:
            raise _fail(line, "a row must be a person, an office or a tenure (see FORMAT)")
    for name, office in offices.items():
        offices[name] = Office(office.id, office.country, office.org, office.forms, tuple(tenures.get(name, ())),
                               office.line)
    _check_overlaps(offices)
    return Officials(people, offices)


@cache
def officials() -> Officials:
    """The officials and offices of ``officials.jsonl`` (validated once, then cached)."""
    return parse(load_jsonl_numbered(FILE))


def offices() -> dict[str, Office]:
    """Offices by canonical name."""
    return officials().offices


def people() -> dict[str, Person]:
    """Officials by canonical name."""
    return officials().people
