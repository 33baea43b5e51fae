"""The dashboard's view state: filters read from a link, checked, and applied to the event table.

Pure functions of a DataFrame and plain values, so they are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from timeline.model import PRECISIONS

# Choices as the URL spells them (a bound radio puts its option's text in the link)
LANES = {"Event type": "event_type", "Actor": "actor", "Country": "country"}
DERIVED = ("All", "Reported", "Derived")
PICKER_FIRST, PICKER_LAST = date(1000, 1, 1), date(2999, 12, 31)  # what the date pickers take at least
PICKER_MARGIN_YEARS = 10  # how far before and after the data, a link or today they reach beyond that
# Precisions in the order the filter offers them: the model's ("century": "the 19th century")
PRECISION_ORDER = PRECISIONS
# URL parameter -> what it holds; anything else in a link is unknown
PARAMS = {"lanes": "lane", "from": "date", "to": "date", "span": "whole span", "types": "event type", "actors": "actor",
          "countries": "country", "precision": "precision", "derived": "reported/derived", "q": "keyword",
          "sources": "source", "places": "place", "event": "event id", "article": "article id",
          "top": "number of key dates", "keys": "key dates marked"}


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
        "dates": _span(table),
    }


def _span(table: pd.DataFrame) -> list[str]:
    """The first and last day the table knows of (events and publications), ISO; [] if none."""
    days = pd.concat([table[c].dropna().astype(str) for c in ("date_start", "date_end", "published") if c in table])
    days = days[days.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    return [days.min(), days.max()] if len(days) else []


def date_bounds(span: Sequence[str], link: Iterable[str], today: date) -> tuple[date, date]:
    """What the From/To pickers accept: any day from ``PICKER_FIRST`` to ``PICKER_LAST``, reaching
    further when the data, a link or today does (by ``PICKER_MARGIN_YEARS``), so that any date a
    person types or a link gives is taken — never today ± 10 years, Streamlit's default, which
    refuses Syria 2011, nor the data's span alone, which refuses a date typed before the first event.

    >>> date_bounds(["2011-11-12", "2025-07-18"], ["2001-05-01", "bad"], date(2026, 12, 2))
    (datetime.date(1000, 1, 1), datetime.date(2999, 12, 31))
    >>> date_bounds(["0850-03-01"], [], date(2026, 12, 2))[0]
    datetime.date(840, 1, 1)
    """
    days = [today]
    for value in [*span, *link]:
        try:
            days.append(date.fromisoformat(value))
        except ValueError:
            continue
    low, high = min(days).year - PICKER_MARGIN_YEARS, max(days).year + PICKER_MARGIN_YEARS
    return min(PICKER_FIRST, date(max(low, 1), 1, 1)), max(PICKER_LAST, date(min(high, 9999), 12, 31))


def publication_bounds(span: Sequence[str], today: date) -> tuple[date, date]:
    """What a publication-date picker accepts: from ``PICKER_FIRST`` (or the data's first day, if
    earlier) to today — a publication date in the future is refused anyway.

    >>> publication_bounds([], date(2026, 12, 2))
    (datetime.date(1000, 1, 1), datetime.date(2026, 12, 2))
    """
    first = min([PICKER_FIRST, *(date.fromisoformat(d) for d in span[:1])])
    return first, today


def count_line(view: pd.DataFrame, table: pd.DataFrame, where: str = "listed below the chart") -> str:
    """The count above the timeline: how many events the view holds, and how many of them are
    undated (they have no place on the axis: the page lists them under the chart).

    >>> t = pd.DataFrame({"date_start": ["2025-07-18", None, None], "article_id": ["a", "a", "b"]})
    >>> count_line(t, t)
    '3 events from 2 article(s), 2 undated — listed below the chart.'
    >>> count_line(t.iloc[:1], t), count_line(t.iloc[1:], t, "listed last")
    ('1 of 3 events from 1 article(s).', '2 of 3 events from 2 article(s), all undated — listed last.')
    """
    return count_text(len(view), len(table), view["article_id"].nunique(), int(view["date_start"].isna().sum()), where)


def count_text(events: int, total: int, articles: int, undated: int, where: str = "listed below the chart") -> str:
    """The count line from its numbers (``count_line`` of a frame; ``timeline.query`` counts in SQL).

    >>> count_text(3, 3, 2, 0)
    '3 events from 2 article(s).'
    """
    line = f"{events:,} events" if events == total else f"{events:,} of {total:,} events"
    line = f"{line} from {articles:,} article(s)"
    if undated == events and undated:
        return f"{line}, all undated — {where}."
    return f"{line}, {undated:,} undated — {where}." if undated else f"{line}."


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
            elif name in ("span", "keys") and value.lower() not in ("true", "false"):
                problems.append(f"{name} must be true or false, not {value!r}")
            elif name == "top" and not (value.isdigit() and 1 <= int(value) <= 50):
                problems.append(f"top must be a number of key dates from 1 to 50, not {value!r}")
            elif name == "lanes" and value not in LANES:
                problems.append(f"lanes must be one of {', '.join(LANES)}, not {value!r}")
            elif name == "derived" and value not in DERIVED:
                problems.append(f"derived must be one of {', '.join(DERIVED)}, not {value!r}")
            elif name in choices and value not in choices[name]:
                problems.append(f"no {PARAMS[name]} {value!r} in the data")
    dates = {name: params[name][0] for name in ("from", "to") if params.get(name)}
    try:
        if len(dates) == 2 and date.fromisoformat(dates["from"]) > date.fromisoformat(dates["to"]):
            problems.append(f"'from' ({dates['from']}) is after 'to' ({dates['to']}): no day lies between them")
    except ValueError:
        pass  # a malformed date is named above
    return problems
