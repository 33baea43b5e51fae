"""What happened on a key date: the sentences that best say it, most central first, no near-duplicates.

The sentences considered for a day are those that name it precisely (from any article) and the
first ``LEAD_SENTENCES`` sentences of the articles published on it or the day after (the news
cycle) that name no other day precisely; those that name it come first. Each becomes a tf-idf vector of its content words, dates left out (the idf taken over every sentence
considered for the days summarised together, so that a collection's topic words weigh little);
a sentence's centrality is its cosine with the centroid of its day's sentences. The most central
comes first; a sentence whose content words (counted, without idf: shared words are what makes a
repeat) are closer than ``DUPLICATE`` to those of one already picked is skipped.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from timeline.events.text import settings
from timeline.keydates.digest import Digest
from timeline.model import BODY, Article, Excerpt
from timeline.syntax import sentences

LEAD_SENTENCES = 2  # sentences of an article's lead taken for the day it was published and the day before
DUPLICATE = 0.5  # cosine above which a sentence says what a picked one said
MIN_WORDS, MAX_WORDS = 6, 60  # shorter is a fragment or a headline; longer a run-on the splitter missed
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]+")
_T17_TOKENS = {"-lrb-", "-rrb-", "-lsb-", "-rsb-", "``", "''"}
# names of days and months say when, not what: two sentences naming one date are not alike for it
_CALENDAR = {w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name) if w}


def _vector(text: str, stop: frozenset[str]) -> Counter[str]:
    words = _WORD.findall(text.lower())
    return Counter(w[:5] for w in words if len(w) > 2 and not w.isdigit() and w not in stop and w not in _T17_TOKENS
                   and w not in _CALENDAR)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


Splitter = Callable[[Article, int, int], list[tuple[int, int]]]


def _split(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    return sentences(article.text, start, end)


def _cached(split: Splitter) -> Splitter:
    """``split`` remembering each paragraph it split (a paragraph can name a day twice)."""
    done: dict[tuple[str, int, int], list[tuple[int, int]]] = {}

    def cached(article: Article, start: int, end: int) -> list[tuple[int, int]]:
        key = (article.id, start, end)
        if key not in done:
            done[key] = split(article, start, end)
        return done[key]
    return cached


def _sections(article: Article) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in article.sections if s.kind == BODY] or [(0, len(article.text))]


def _sentence_at(article: Article, start: int, split: Splitter = _split) -> tuple[int, int] | None:
    """The sentence of ``article`` around offset ``start`` (only its paragraph is split)."""
    for s, e in _sections(article):
        if s <= start < e:
            return next(((a, b) for a, b in split(article, s, e) if a <= start < b), None)
    return None


def lead_sentences(article: Article, split: Splitter = _split) -> list[tuple[int, int]]:
    """The first LEAD_SENTENCES sentences of an article's body, as offsets."""
    found: list[tuple[int, int]] = []
    for s, e in _sections(article):
        found += split(article, s, e)
        if len(found) >= LEAD_SENTENCES:
            break
    return found[:LEAD_SENTENCES]


def pool(day: date, collection: Iterable[Digest], split: Splitter = _split) -> list[Excerpt]:
    """The sentences considered for ``day``: those naming it, then the leads of the articles
    published on it or the next day; each sentence once, fragments and run-ons left out."""
    found: dict[tuple[str, int], Excerpt] = {}
    for d in collection:
        article = d.article
        if article is None:
            continue
        for m in d.mentions:
            if m.first == m.last == day:
                span = _sentence_at(article, m.start, split)
                if span and (article.id, span[0]) not in found:
                    found[(article.id, span[0])] = Excerpt(article.id, span[0], span[1], article.text[span[0]:span[1]],
                                                           BODY, m.start, m.end)
        if d.published in (day, day + timedelta(1)):
            others = [m.start for m in d.mentions if m.first == m.last != day]  # a lead about another day: not this one's
            for s, e in lead_sentences(article, split):
                if not any(s <= at < e for at in others):
                    found.setdefault((article.id, s), Excerpt(article.id, s, e, article.text[s:e]))
    return [x for x in found.values() if MIN_WORDS <= len(x.text.split()) <= MAX_WORDS]


def summaries(days: Sequence[date], collection: Sequence[Digest], per_day: int = 2) -> dict[date, tuple[Excerpt, ...]]:
    """For each day, up to ``per_day`` sentences that say what happened then, most central first.

    >>> from timeline.keydates.digest import digest
    >>> from timeline.ingest.text import parse_text
    >>> text = "Talks\\nPosted on July {}, 2025\\n{}"
    >>> arts = [parse_text(text.format(18, "Putin met Xi in Moscow on Monday for the first talks in years.")),
    ...         parse_text(text.format(20, "On July 14 Putin and Xi met in Moscow for talks on trade."))]
    >>> [x.text for x in summaries([date(2025, 7, 14)], [digest(a, []) for a in arts], 1)[date(2025, 7, 14)]]
    ['Putin met Xi in Moscow on Monday for the first talks in years.']
    """
    stop = frozenset(settings()["stopwords"])
    split = _cached(_split)
    pools = {day: pool(day, collection, split) for day in days}
    vectors = {(x.article_id, x.start): _vector(x.text, stop) for found in pools.values() for x in found}
    df: Counter[str] = Counter(w for v in vectors.values() for w in v)
    n = len(vectors) + 1
    unit = {key: _unit({w: tf * math.log(n / df[w]) for w, tf in v.items()}) for key, v in vectors.items()}
    plain = {key: _unit({w: float(tf) for w, tf in v.items()}) for key, v in vectors.items()}  # for likeness
    out: dict[date, tuple[Excerpt, ...]] = {}
    for day, found in pools.items():
        summed: dict[str, float] = defaultdict(float)
        for x in found:
            for w, v in unit[(x.article_id, x.start)].items():
                summed[w] += v
        centroid = _unit(summed)
        # a sentence that names the day says what happened on it; a lead of the news cycle only may
        ranked = sorted(found, key=lambda x: (x.date_start is None, -_dot(unit[(x.article_id, x.start)], centroid),
                                              x.article_id, x.start))
        picked: list[Excerpt] = []
        for x in ranked:
            if len(picked) >= per_day:
                break
            if all(_dot(plain[(x.article_id, x.start)], plain[(p.article_id, p.start)]) <= DUPLICATE for p in picked):
                picked.append(x)
        out[day] = tuple(picked)
    return out
