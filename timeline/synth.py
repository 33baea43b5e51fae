"""A realistic synthetic corpus for benchmarks: articles whose sentences report dated events.

Many actors (the gazetteer's and made-up officials of many countries), every event type, a mix
of precisions (mostly days, some months, years, weeks, uncertain spans and a few long ranges),
bursts of news around a few crises, and derived deadlines. Events are written directly (no text
analysis), with excerpts whose offsets slice the articles' text, so every page works on them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from pathlib import Path

import pandas as pd

from timeline import columnar
from timeline.events.text import event_types, gazetteer
from timeline.model import BODY, Article, Event, Excerpt, Span, TimeExpression, content_id
from timeline.schema import article_row, event_rows
from timeline.store import Store
from timeline.table import COLUMNS, table_rows

OUTLETS = ("Reuters", "AP", "AFP", "TASS", "Kyiv Independent", "Xinhua", "BBC", "Al Jazeera")
SURNAMES = ("Ivanov", "Kovalenko", "Smith", "Chen", "Dubois", "Schmidt", "Rossi", "Nowak", "Yilmaz",
            "Sato", "Haddad", "Silva", "Okafor", "Singh", "Lindqvist", "Novak")
TITLES = ("Foreign Minister", "Defence Minister", "envoy", "spokesperson", "Prime Minister", "ambassador")
COUNTRIES = ("RUS", "UKR", "USA", "CHN", "FRA", "DEU", "TUR", "POL", "GBR", "IND", "BRA", "JPN")
PER_ARTICLE = 5


def _actors(rng: random.Random) -> list[tuple[str, str | None]]:
    known = sorted({(a.id, a.country) for a in gazetteer()[0].values()}, key=str)
    made = [(f"{rng.choice(TITLES)} {rng.choice('ABCDEFGHKLMNOPRSTV')}. {name}", country)
            for country in COUNTRIES for name in rng.sample(SURNAMES, 5)]
    return known + made


def _when(rng: random.Random, start: date, days: int, crises: list[int]) -> date:
    if rng.random() < 0.7:
        offset = int(rng.gauss(rng.choice(crises), 6))
    else:
        offset = rng.randrange(days)
    return start + timedelta(days=min(max(offset, 0), days - 1))


def _interval(rng: random.Random, day: date) -> tuple[date, date, str, str]:
    roll = rng.random()
    if roll < 0.75:
        return day, day, "day", f"on {day:%A, %B} {day.day}, {day.year}"
    if roll < 0.87:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return first, last, "month", f"in {day:%B %Y}"
    if roll < 0.90:
        return date(day.year, 1, 1), date(day.year, 12, 31), "year", f"in {day.year}"
    if roll < 0.93:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week", f"in the week of {monday:%B} {monday.day}"
    span = rng.choice((30, 60, 120, 365, 700))  # uncertain spans, a few of them long
    return day - timedelta(days=span), day, "uncertain", f"earlier, in the {span} days before {day:%B} {day.day}"


def articles(count: int, seed: int = 7, start: date = date(2024, 1, 1), days: int = 730
             ) -> Iterator[tuple[Article, list[Event]]]:
    """``count`` events in articles of five sentences each, reproducibly from ``seed``."""
    rng = random.Random(seed)
    actors = _actors(rng)
    types = sorted({(code, name, present) for code, name, present, noun in event_types()[0].values() if not noun})
    crises = [rng.randrange(days) for _ in range(6)]
    made = 0
    while made < count:
        n = min(PER_ARTICLE, count - made)
        plans = []
        for _ in range(n):
            (a, _), (b, _) = rng.sample(actors, 2)
            code, name, verb = rng.choice(types)
            day = _when(rng, start, days, crises)
            first, last, precision, phrase = _interval(rng, day)
            derived = code == "13" and rng.random() < 0.3
            if derived:
                first = last = day + timedelta(days=rng.choice((14, 30, 50, 90)))
                precision, phrase = "day", f"{(first - day).days}-day deadline from {day:%B} {day.day}, {day.year}"
            plans.append((a, b, code, name, verb, first, last, precision, phrase, derived))
        published = max(p[6] for p in plans if not p[9]) if any(not p[9] for p in plans) else start
        outlet = rng.choice(OUTLETS)
        sentences, spans = [], []
        offset = len(f"Synthetic report {made // PER_ARTICLE}\n")
        for a, b, _, _, verb, _, _, _, phrase, _ in plans:
            sentence = f"{a} said {b} would {verb.split()[0]} {phrase}."
            spans.append((offset, offset + len(sentence), sentence, sentence.index(phrase)))
            sentences.append(sentence)
            offset += len(sentence) + 1
        text = f"Synthetic report {made // PER_ARTICLE}\n" + "\n".join(sentences) + "\n"
        article = Article(content_id("synth", seed, made), text, f"Synthetic report {made // PER_ARTICLE}", outlet,
                          published, "batch column", None, None, f"synth:{seed}:{made}",
                          tuple(Span(s, e, t, BODY) for s, e, t, _ in spans))
        found = []
        for (a, b, code, name, verb, first, last, precision, phrase, derived), (s, e, t, at) in zip(plans, spans):
            timex = TimeExpression(article.id, s + at, s + at + len(phrase), phrase, "DATE", first.isoformat(),
                                   begin=first.isoformat(), end_date=last.isoformat(), precision=precision,
                                   reason=f"'{phrase}' → {first.isoformat()}" + ("" if first == last else f" … {last.isoformat()}"),
                                   rule="synthetic")
            excerpt = Excerpt(article.id, s, e, t, BODY, s + at, s + at + len(phrase))
            found.append(Event(content_id(article.id, s), first, last, precision, derived, (a, b),
                               "13 Threaten" if derived else f"{code} {name}", f"{a} {verb} {b}"[:80],
                               (excerpt,), timex, timex.reason, (article.id,)))
        made += n
        yield article, found


def write(store: Store, count: int, seed: int = 7, batch: int = 2000) -> int:
    """Write a synthetic corpus of ``count`` events; returns the number of articles added."""
    added, pending = 0, []
    for pair in articles(count, seed):
        pending.append(pair)
        if len(pending) >= batch:
            added += store.add_many(pending)
            pending = []
    return added + (store.add_many(pending) if pending else 0)


def write_columnar(path: Path, count: int, seed: int = 7, batch: int = 2000) -> int:
    """Write a synthetic corpus of ``count`` events as a columnar store (``timeline.columnar``: a
    DuckDB file of tables), in batches of ``batch`` articles so that a million events never sit in
    memory at once; replaces what the file held. Returns the number of articles written."""
    written = 0
    pending: list[tuple[Article, list[Event]]] = []

    def flush() -> None:
        nonlocal written
        frames = {"articles": pd.DataFrame([{**article_row(a), "revision": 1} for a, _ in pending]),
                  "mentions": pd.DataFrame([r for a, found in pending for r in event_rows(a, found)]),
                  "event_table": pd.DataFrame([r for a, found in pending for r in table_rows(found, [a])],
                                              columns=COLUMNS)}
        if written:
            columnar.append_tables(path, frames)
        else:
            columnar.write_tables(path, frames, f"timeline synth --events {count} --seed {seed}")
        written += len(pending)
        pending.clear()

    for pair in articles(count, seed):
        pending.append(pair)
        if len(pending) >= batch:
            flush()
    if pending or not written:
        flush()
    columnar.sort_event_table(path)
    return written
