"""Key dates: rank the days a collection of articles points at by how much they mattered.

Each article is first read into a ``Digest`` (its publication date, the days it mentions, its
dated events). Five signals then score every candidate day:

``references``  distinct articles naming the day precisely; an article published *after* the day
                counts twice (later reporting that looks back at a day is the strongest salience
                cue in the timeline-summarisation literature: Kessler et al. 2012, news-tls)
``mentions``    day-precise mentions, plus coarser ones (a week, a month) spread over their days
``events``      dated events of a CAMEO type, material acts (QuadClass 2 and 4) and changes of
                office counting twice verbal ones, plus the distinct actors in them
``burst``       articles published that day or the next above the level of the fortnight around
``published``   articles published that day or the next (news-tls's two-day news cycle)

The signals have different scales from one collection to the next, so each is put on a 0..1
scale within the days considered, ``log(1 + x) / log(1 + max x)``: the busiest day of a signal
scores 1 on it, and counts have diminishing returns (a 50th article adds less than a 2nd). A
day's score is the weighted sum, every weight 1 except ``published`` at 0.5 (publication volume
alone is the weakest cue on Timeline17). Nothing was fitted to data. Ties rank the earlier day first.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from timeline.errors import one_line
from timeline.events.build import extract_events
from timeline.ingest import Options, load
from timeline.ingest.text import MAX_BYTES
from timeline.model import BODY, Article
from timeline.resources import load_toml
from timeline.temporal import tag

SIGNALS = ("references", "mentions", "events", "burst", "published")
WEIGHTS: dict[str, float] = {"references": 1.0, "mentions": 1.0, "events": 1.0, "burst": 1.0, "published": 0.5}
LOOK_BACK = 2.0  # what an article published after the day it names counts, against 1
BURST_WINDOW = 7  # days either side of a day that set its publication baseline
MAX_SPREAD = 31  # coarser mentions up to a month are spread over their days; longer ones say nothing

DatedEvent = tuple[date, float, tuple[str, ...]]  # an event in a digest: day, type weight, actors


@dataclass(frozen=True, slots=True)
class Digest:
    """What one article says about days: when it came out, the days it names, its dated events."""

    article_id: str
    published: date | None
    days: tuple[date, ...] = ()  # one entry per day-precise mention
    spans: tuple[tuple[date, date], ...] = ()  # coarser mentions: first and last day
    events: tuple[DatedEvent, ...] = ()


def _type_weights() -> dict[str, float]:
    """CAMEO code -> weight: material acts and changes of office 2, verbal acts 1."""
    return {t["code"]: 2.0 if t["quad"] in (0, 2, 4) else 1.0 for t in load_toml("event_types.toml")["type"]}


def digest(article: Article) -> Digest:
    """Read the days an article points at: its mentions (day-precise or coarser) and dated events.

    >>> from timeline.ingest.text import parse_text
    >>> d = digest(parse_text("Talks\\nPosted on July 18, 2025\\nPutin met Xi on Monday. Talks go on this month."))
    >>> [str(x) for x in d.days], d.spans, [(str(e[0]), e[1]) for e in d.events]
    (['2025-07-14'], ((datetime.date(2025, 7, 1), datetime.date(2025, 7, 31)),), [('2025-07-14', 1.0)])
    """
    days: list[date] = []
    spans: list[tuple[date, date]] = []
    # the body only: header lines restate the publication date, summaries restate the body
    body = [(s.start, s.end) for s in article.sections if s.kind == BODY] or [(0, len(article.text))]
    for t in [t for start, end in body for t in tag(article.text, article.published, article.id, start, end)]:
        if t.type not in ("DATE", "TIME") or not t.resolved or not t.begin or not t.end_date:
            continue
        begin, end = date.fromisoformat(t.begin), date.fromisoformat(t.end_date)
        if t.precision == "day" and begin == end:
            days.append(begin)
        elif 0 < (end - begin).days < MAX_SPREAD:
            spans.append((begin, end))
    weights = _type_weights()
    events = tuple((e.date_start, weights.get(e.event_type[:2], 0.0), e.actors) for e in extract_events(article)
                   if e.precision == "day" and e.date_start and not e.derived and e.event_type[:2] in weights)
    return Digest(article.id, article.published, tuple(days), tuple(spans), events)


Readable = Article | Digest  # key_dates takes either; digests are the costly part, reuse them


def _digests(articles: Iterable[Readable]) -> list[Digest]:
    return [a if isinstance(a, Digest) else digest(a) for a in articles]


def _inside(day: date, between: tuple[date, date] | None) -> bool:
    return between is None or between[0] <= day <= between[1]


def _tally(digests: Sequence[Digest], look_back: float) -> dict[str, dict[date, float]]:
    """Per-day counts: the five signals and the evidence ``why`` quotes."""
    t: dict[str, dict[date, float]] = {name: defaultdict(float) for name in (
        *SIGNALS, "naming", "later", "day mentions", "typed events")}
    actors: dict[date, set[str]] = defaultdict(set)
    for d in digests:
        for day in set(d.days):
            later = d.published is not None and d.published > day
            t["references"][day] += look_back if later else 1.0
            t["naming"][day] += 1
            t["later"][day] += later
        for day in d.days:
            t["mentions"][day] += 1.0
            t["day mentions"][day] += 1
        for begin, end in d.spans:
            length = (end - begin).days + 1
            for i in range(length):
                t["mentions"][begin + timedelta(i)] += 1.0 / length
        for day, weight, names in d.events:
            t["events"][day] += weight
            t["typed events"][day] += 1
            actors[day].update(names)
        if d.published:  # the news cycle: a day's news comes out that day and the next
            t["published"][d.published] += 1
            t["published"][d.published - timedelta(1)] += 1
    for day, seen in actors.items():
        t["events"][day] += len(seen)
    cycle = t["published"]
    for day, count in cycle.items():
        around = sum(cycle.get(day + timedelta(k), 0.0) for k in range(-BURST_WINDOW, BURST_WINDOW + 1))
        t["burst"][day] = count - around / (2 * BURST_WINDOW + 1)
    return t


def signals(digests: Sequence[Digest], between: tuple[date, date] | None = None,
            look_back: float = LOOK_BACK) -> dict[str, dict[date, float]]:
    """Each signal's value on every day it is positive (within ``between``, inclusive, if given).

    >>> d = [Digest("a", date(2011, 1, 3), days=(date(2011, 1, 2),)), Digest("b", date(2011, 1, 2))]
    >>> found = signals(d)
    >>> found["references"], sorted(found["published"].values())
    ({datetime.date(2011, 1, 2): 2.0}, [1.0, 1.0, 2.0])
    """
    tally = _tally(digests, look_back)
    return {name: {day: v for day, v in tally[name].items() if v > 0 and _inside(day, between)}
            for name in SIGNALS}


def _scaled(values: Mapping[date, float]) -> dict[date, float]:
    """A signal on a 0..1 scale: log(1 + x) / log(1 + max x).

    >>> _scaled({date(2011, 1, 1): 1.0, date(2011, 1, 2): 3.0})
    {datetime.date(2011, 1, 1): 0.5, datetime.date(2011, 1, 2): 1.0}
    """
    top = math.log1p(max(values.values(), default=0.0))
    return {day: math.log1p(v) / top for day, v in values.items()} if top > 0 else {}


def _why(day: date, tally: Mapping[str, Mapping[date, float]]) -> str:
    def n(name: str) -> int:
        return round(tally[name].get(day, 0))

    def many(count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'}"
    parts = [f"{many(n('naming'), 'article')} name it ({n('later')} later)" if n("naming") else "",
             many(n("day mentions"), "day mention") if n("day mentions") else "",
             many(n("typed events"), "typed event") if n("typed events") else "",
             f"{n('published')} published that day or the next" if n("published") else ""]
    return "; ".join(p for p in parts if p) or "coarser mentions only"


def key_dates(articles: Iterable[Readable], top: int = 10, between: tuple[date, date] | None = None,
              weights: Mapping[str, float] = WEIGHTS, look_back: float = LOOK_BACK) -> list[tuple[date, float, str]]:
    """The ``top`` most salient days of a collection, most salient first: (day, score, why).

    Args:
        articles: articles, or their digests (reading them is the costly part; reuse digests).
        top: how many days at most (fewer if fewer days are pointed at).
        between: keep days from start to end, both inclusive.
        weights: each signal's weight in the fusion (a missing signal counts 0).
        look_back: what a reference from an article published after the day counts (against 1).

    >>> from timeline.ingest.text import parse_text
    >>> text = "Talks\\nPosted on July {}, 2025\\nPutin met Xi on {}."
    >>> arts = [parse_text(text.format(18, "Monday")), parse_text(text.format(20, "July 14"))]
    >>> [(str(day), why) for day, _, why in key_dates(arts, top=1)]
    [('2025-07-14', '2 articles name it (2 later); 2 day mentions; 2 typed events')]
    """
    tally = _tally(_digests(articles), look_back)
    score: dict[date, float] = defaultdict(float)
    for name in SIGNALS:
        weight = weights.get(name, 0.0)
        if weight:
            inside = {day: v for day, v in tally[name].items() if v > 0 and _inside(day, between)}
            for day, value in _scaled(inside).items():
                score[day] += weight * value
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[: max(top, 0)]
    return [(day, round(value, 4), _why(day, tally)) for day, value in ranked]


def rank_by_count(counts: Mapping[date, float], top: int, between: tuple[date, date] | None = None) -> list[date]:
    """The ``top`` days with the highest counts, ties broken by the earlier day.

    >>> rank_by_count({date(2011, 1, 2): 3, date(2011, 1, 1): 3, date(2011, 1, 3): 5}, 2)
    [datetime.date(2011, 1, 3), datetime.date(2011, 1, 1)]
    """
    kept = [(day, n) for day, n in counts.items() if n > 0 and _inside(day, between)]
    return [day for day, _ in sorted(kept, key=lambda kv: (-kv[1], kv[0]))[: max(top, 0)]]


def pubcount(articles: Iterable[Readable], top: int, between: tuple[date, date] | None = None) -> list[date]:
    """Baseline PUBCOUNT: days ranked by how many articles were published on them."""
    return rank_by_count(Counter(d.published for d in _digests(articles) if d.published), top, between)


def mention_count(articles: Iterable[Readable], top: int, between: tuple[date, date] | None = None) -> list[date]:
    """Baseline MENTIONS: days ranked by how many day-precise expressions point at them."""
    return rank_by_count(Counter(day for d in _digests(articles) for day in d.days), top, between)


def date_f1(predicted: Iterable[date], gold: Iterable[date]) -> float:
    """Date selection F1 (Martschat and Markert 2018): set precision and recall of the days picked.

    >>> date_f1([date(2011, 1, 1), date(2011, 1, 2)], [date(2011, 1, 2), date(2011, 1, 3), date(2011, 1, 4)])
    0.4
    """
    picked, truth = set(predicted), set(gold)
    hits = len(picked & truth)
    if not hits:
        return 0.0
    precision, recall = hits / len(picked), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


_GOLD_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEPARATOR = "-" * 32


def read_timeline(path: str | Path) -> list[date]:
    """The distinct days of a Timeline17 gold timeline (blocks split by 32 dashes), in order."""
    days: set[date] = set()
    block_start = True
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() == _SEPARATOR:
            block_start = True
        elif block_start and line.strip():
            if _GOLD_DAY.fullmatch(line.strip()):
                days.add(date.fromisoformat(line.strip()))
            block_start = False
    return sorted(days)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def cmd_key_dates(args: argparse.Namespace) -> int:
    """Print the most salient days of the articles given, one YYYY-MM-DD a line; failures on stderr."""
    between = (args.between[0], args.between[1]) if args.between else None
    if between and between[0] > between[1]:
        print(f"error: --between {between[0]} {between[1]}: the start is after the end", file=sys.stderr)
        return 2
    digests, failed = read_digests(args.paths, Options(published=args.published, max_bytes=args.max_bytes))
    for error in failed:
        print(f"failed: {error}", file=sys.stderr)
    for day, score, why in key_dates(digests, args.top, between):
        print(f"{day.isoformat()}\t{score:.4f}\t{why}" if args.why else day.isoformat())
    return 1 if failed else 0


def read_digests(sources: Iterable[str | Path], options: Options = Options()) -> tuple[list[Digest], list[str]]:
    """The digests of the articles read from ``sources``, and one line per item that failed (to be
    read, or to be digested: whatever one article raises, the others are still read)."""
    digests, failed = [], []
    for item in load(sources, options):
        if item.article is None:
            failed.append(item.error or f"{item.source}: could not be read")
            continue
        try:
            digests.append(digest(item.article))
        except Exception as exc:
            failed.append(one_line(exc, item.source))
    return digests, failed


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``key-dates`` on the ``timeline`` subparsers."""
    cmd = subparsers.add_parser("key-dates", help="print the days that mattered most in a set of articles")
    cmd.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders, JSONL/CSV batches or URLs")
    cmd.add_argument("--top", type=_positive, default=10, help="how many days (default 10)")
    cmd.add_argument("--between", nargs=2, type=_day, metavar=("START", "END"),
                     help="keep days from START to END, both included (YYYY-MM-DD)")
    cmd.add_argument("--published", type=_day, help="publication date to use (YYYY-MM-DD)")
    cmd.add_argument("--max-bytes", type=int, default=MAX_BYTES, help="largest input read (default 20 MB)")
    cmd.add_argument("--why", action="store_true", help="add each day's score and evidence, tab-separated")
    cmd.set_defaults(run=cmd_key_dates)
