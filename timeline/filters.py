"""The dashboard's view state: filters read from a link, checked, and applied to the event table.

Pure functions of a DataFrame and plain values, so they are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from timeline.model import PRECISIONS

# Choices as the URL spells them (a bound radio puts its option's text in the link)
LANES = {"Event type": "event_type", "Actor": "actor", "Country": "country"}
DERIVED = ("All", "Reported", "Derived")
# Precisions in the order the filter offers them: the model's ("century": "the 19th century")
PRECISION_ORDER = PRECISIONS
# URL parameter -> what it holds; anything else in a link is unknown
PARAMS = {"lanes": "lane", "from": "date", "to": "date", "types": "event type", "actors": "actor",
          "countries": "country", "precision": "precision", "derived": "reported/derived", "q": "keyword",
          "sources": "source", "places": "place", "event": "event id", "article": "article id"}


@dataclass(frozen=True, slots=True)
class Filters:
    """What the analyst has narrowed the table to; empty means no restriction."""

    start: date | None = None
    end: date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    derived: str = "All"
    keyword: str = ""
    sources: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # where the events happened ("Moscow")


def _split(column: pd.Series) -> pd.Series:
    return column.fillna("").str.split("; ")


def options(table: pd.DataFrame) -> dict[str, list[str]]:
    """The values each multi-choice filter offers, most frequent first for actors and countries."""
    def ranked(column: str) -> list[str]:
        values = _split(table[column]).explode()
        return values[values != ""].value_counts().index.tolist()

    return {
        "types": sorted(table["event_type"].dropna().unique().tolist()),
        "actors": ranked("actors"),
        "countries": ranked("countries"),
        "precision": _precisions(set(table["precision"].dropna())),
        "sources": sorted(table["publisher"].dropna().unique().tolist()),
        "places": ranked("location") if "location" in table else [],
    }


def _precisions(present: set[str]) -> list[str]:
    """The precisions present, in ``PRECISION_ORDER``; any other after them, so every one is filterable.

    >>> _precisions({"undated", "century", "day"})
    ['day', 'century', 'undated']
    """
    return [p for p in PRECISION_ORDER if p in present] + sorted(present - set(PRECISION_ORDER))


def _has_any(column: pd.Series, wanted: Sequence[str]) -> pd.Series:
    wanted_set = set(wanted)
    return _split(column).map(lambda values: not wanted_set.isdisjoint(values))


def apply(table: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of the event table that pass every filter. A dated event passes a date range when
    its interval overlaps it; undated events pass only when no range is set.

    >>> t = pd.DataFrame({"date_start": ["2025-01-01"], "date_end": ["2025-01-31"], "event_type": ["x"],
    ...     "actors": ["A"], "countries": [""], "precision": ["month"], "derived": [False], "label": ["l"],
    ...     "excerpt": ["e"], "publisher": ["p"]})
    >>> len(apply(t, Filters(start=date(2025, 1, 15)))), len(apply(t, Filters(start=date(2025, 2, 1))))
    (1, 0)
    """
    keep = pd.Series(True, index=table.index)
    if f.start:
        keep &= table["date_end"].fillna("") >= f.start.isoformat()
    if f.end:
        keep &= table["date_start"].notna() & (table["date_start"].fillna("") <= f.end.isoformat())
    if f.types:
        keep &= table["event_type"].isin(f.types)
    if f.actors:
        keep &= _has_any(table["actors"], f.actors)
    if f.countries:
        keep &= _has_any(table["countries"], f.countries)
    if f.precisions:
        keep &= table["precision"].isin(f.precisions)
    if f.derived != "All":
        keep &= table["derived"].astype(bool) == (f.derived == "Derived")
    if f.keyword.strip():
        needle = f.keyword.strip().lower()
        keep &= (table["label"].str.lower().str.contains(needle, regex=False)
                 | table["excerpt"].fillna("").str.lower().str.contains(needle, regex=False))
    if f.sources:
        keep &= table["publisher"].isin(f.sources)
    if f.places:
        keep &= table["location"].fillna("").isin(f.places)
    return table if keep.all() else table[keep]


def check_link(params: Mapping[str, Sequence[str]], choices: Mapping[str, Sequence[str]]) -> list[str]:
    """Problems with a link's parameters: unknown names, malformed dates, values not on offer.
    The view opens with the defaults for those; the rest of the link still applies.

    >>> check_link({"from": ["2025-13-01"], "zoom": ["3"]}, {})
    ["'from' is not a date (YYYY-MM-DD): '2025-13-01'", "unknown parameter 'zoom'"]
    """
    problems = []
    for name, values in params.items():
        if name not in PARAMS:
            problems.append(f"unknown parameter {name!r}")
            continue
        for value in values:
            if PARAMS[name] == "date":
                try:
                    date.fromisoformat(value)
                except ValueError:
                    problems.append(f"{name!r} is not a date (YYYY-MM-DD): {value!r}")
            elif name == "lanes" and value not in LANES:
                problems.append(f"lanes must be one of {', '.join(LANES)}, not {value!r}")
            elif name == "derived" and value not in DERIVED:
                problems.append(f"derived must be one of {', '.join(DERIVED)}, not {value!r}")
            elif name in choices and value not in choices[name]:
                problems.append(f"no {PARAMS[name]} {value!r} in the data")
    return problems
