"""One event per happening across articles: mentions of the same act in different articles join
one event that keeps every excerpt and source; the most precise date wins and dates that disagree
are kept as conflicts.

Two events are the same happening when they are the same kind of act (CAMEO root), by actors who
overlap, on targets that do not differ, at dates that agree (equal; one inside the other when the
wider spans at most ``refine_reach_days``; or day dates at most ``day_conflict_days`` apart), and
their passages say enough of the same things (``[merge]`` in ``events.toml``). The bar rises with
the disagreement: a refinement (a month refined by a day) needs more shared words than an equal
date, a conflict more still.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from timeline.events.text import content_words, settings
from timeline.model import PRECISIONS, Event


def _words(event: Event) -> set[str]:
    return {w for x in event.excerpts for w in content_words(x.text)}


def _code(event: Event) -> str:
    return event.event_type[:2]


def relation(a: Event, b: Event) -> str | None:
    """How two events' dates agree: "same", "refines" (one interval inside the other), "conflict"
    (day dates a little apart), or None (no merging).

    >>> from datetime import date
    >>> day = Event("a", date(2025, 7, 14), date(2025, 7, 14), "day", False, (), "01", "", (), None, "")
    >>> month = replace(day, date_start=date(2025, 7, 1), date_end=date(2025, 7, 31), precision="month")
    >>> relation(day, month), relation(day, replace(day, date_start=date(2025, 7, 15), date_end=date(2025, 7, 15)))
    ('refines', 'conflict')
    """
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return None
    assert a.date_start and a.date_end and b.date_start and b.date_end
    if (a.date_start, a.date_end) == (b.date_start, b.date_end):
        return "same"
    reach = int(settings()["merge"]["refine_reach_days"])
    wider = max((a.date_end - a.date_start).days, (b.date_end - b.date_start).days)
    if wider <= reach and ((a.date_start <= b.date_start and b.date_end <= a.date_end) or (
            b.date_start <= a.date_start and a.date_end <= b.date_end)):
        return "refines"
    limit = int(settings()["merge"]["day_conflict_days"])
    if a.precision == b.precision == "day" and abs((a.date_start - b.date_start).days) <= limit:
        return "conflict"
    return None


WINDOW_DAYS = 7  # the date windows of ``meeting_keys``: a week


def meeting_keys(code: str, derived: bool, actors: Iterable[str], start: int | None, end: int | None,
                 precision: str) -> set[tuple[object, ...]]:
    """Keys that any two mentions ``same_happening`` could join share (days as ordinals).

    A key is (kind of act, derived, actor, date window): a mention of a span at most
    ``refine_reach_days`` wide holds the week windows it covers (a day date also the weeks
    ``day_conflict_days`` after it); a wider one, its exact span. Two mentions that share no key
    never meet, so a build can merge the groups of mentions linked by keys on their own (sharing a
    key does not make them one happening).

    >>> from datetime import date
    >>> day = date(2025, 7, 14).toordinal()
    >>> sorted(meeting_keys("04", False, ["RUS"], day, day, "day"))
    [('04', False, 'RUS', 'week', 105635)]
    >>> meeting_keys("04", False, ["RUS"], None, None, "undated")
    set()
    """
    if start is None or end is None:
        return set()  # an undated mention joins nothing
    merge = settings()["merge"]
    if end - start <= int(merge["refine_reach_days"]):
        last = max(end, start + int(merge["day_conflict_days"])) if precision == "day" else end
        spans: list[tuple[object, ...]] = [("week", w) for w in range(start // WINDOW_DAYS, last // WINDOW_DAYS + 1)]
    else:
        spans = [("span", start, end)]
    return {(code, derived, actor, *span) for actor in actors for span in spans}


def similarity(a: set[str], b: set[str]) -> float:
    """The share of the smaller passage's content words that the other has too (0..1)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def same_happening(a: Event, b: Event, words_a: set[str] | None = None, words_b: set[str] | None = None) -> bool:
    """Whether two events from different articles report one happening (see the module's doc)."""
    if a.derived != b.derived or _code(a) != _code(b) or not set(a.actors) & set(b.actors):
        return False
    if a.target and b.target and not set(a.target) & set(b.target):
        return False  # acts on different actors: Putin meets Xi, Putin meets Modi
    kind = relation(a, b)
    if kind is None:
        return False
    need = float(settings()["merge"][kind])
    if _code(a) == "--":  # no act named: only near-identical passages join
        need = max(need, float(settings()["merge"]["conflict"]))
    return similarity(words_a if words_a is not None else _words(a),
                      words_b if words_b is not None else _words(b)) >= need


def _rank(event: Event) -> tuple[int, int]:
    span = (event.date_end - event.date_start).days if event.date_start and event.date_end else 10**6
    return PRECISIONS.index(event.precision), span


def _when(event: Event) -> str:
    start = event.date_start.isoformat() if event.date_start else "undated"
    end = event.date_end.isoformat() if event.date_end else start
    return start if start == end else f"{start}..{end}"


def combine(group: list[Event], happening: str | None = None) -> Event:
    """One event from the mentions of a happening: the most precise date (ties: the first
    mention), every excerpt and article, every actor, and the dates that disagree as conflicts.
    ``happening`` names the result (default: the first mention's id)."""
    first = group[0]
    if len(group) == 1 and happening in (None, first.id):
        return first
    best = min(group, key=_rank)
    excerpts = list(best.excerpts) + [x for e in group if e is not best for x in e.excerpts]
    actors = list(dict.fromkeys(a for e in [best, *group] for a in e.actors))
    subject = tuple(dict.fromkeys(a for e in [best, *group] for a in e.subject))
    target = tuple(dict.fromkeys(a for e in [best, *group] for a in e.target if a not in subject))
    conflicts: list[str] = []
    for e in group:
        disagrees = best.date_start and e.date_start and not (
            e.date_start <= best.date_start and best.date_end and e.date_end and best.date_end <= e.date_end)
        note = f"{_when(e)} ({e.precision}): {e.reason}"
        if disagrees and note not in conflicts:
            conflicts.append(note)
    article_ids = tuple(dict.fromkeys(a for e in group for a in (e.article_ids or (e.excerpts[0].article_id,))))
    return replace(best, id=happening or first.id, actors=tuple(actors), excerpts=tuple(excerpts),
                   article_ids=article_ids, conflicts=tuple(conflicts), subject=subject, target=target)


def match(event: Event, candidates: Iterable[tuple[str, Event]], cache: dict[str, set[str]]) -> str | None:
    """The key of the first candidate from another article that reports the same happening."""
    if event.date_start is None:
        return None  # an undated mention joins nothing across articles
    home = _home(event)
    own = _cached_words(event, cache)
    for key, other in candidates:
        if _home(other) != home and relation(event, other) is not None and same_happening(
                event, other, own, _cached_words(other, cache)):
            return key
    return None


def _cached_words(event: Event, cache: dict[str, set[str]]) -> set[str]:
    words = cache.get(event.id)
    if words is None:
        words = cache[event.id] = _words(event)
    return words


def _home(event: Event) -> str:
    return event.article_ids[0] if event.article_ids else event.excerpts[0].article_id




def group_across(found: Iterable[Event]) -> list[list[Event]]:
    """Mentions grouped into happenings, in order of first mention: an event joins the first
    earlier happening that has no mention from its own article and one it matches. Happenings are
    indexed by (kind of act, actor, day) for day mentions and (kind of act, actor) for coarser
    ones, so each mention meets only happenings it could join (they must share an actor)."""
    groups: list[list[Event]] = []
    homes: list[set[str]] = []
    days: dict[tuple[str, str, int], list[int]] = {}
    coarse: dict[tuple[str, str], list[int]] = {}
    cache: dict[str, set[str]] = {}
    slack = int(settings()["merge"]["day_conflict_days"])

    for event in found:
        home, code, hit = _home(event), _code(event), None
        if event.date_start is not None and event.date_end is not None:
            first, last = event.date_start.toordinal(), event.date_end.toordinal()
            near: set[int] = set()
            for actor in event.actors:
                near.update(coarse.get((code, actor), ()))
                reach = int(settings()["merge"]["refine_reach_days"])
                span = range(first - slack, last + slack + 1) if last - first <= reach else range(0)
                for day in span:
                    near.update(days.get((code, actor, day), ()))
            pool = sorted(g for g in near if home not in homes[g])
            hit = match(event, ((str(g), m) for g in pool for m in groups[g]), cache)
        if hit is None:
            g = len(groups)
            groups.append([event])
            homes.append(set())
        else:
            g = int(hit)
            groups[g].append(event)
        homes[g].add(home)
        if event.date_start is not None and event.date_end is not None:
            for actor in event.actors:
                if event.date_start == event.date_end:
                    days.setdefault((code, actor, event.date_start.toordinal()), []).append(g)
                else:
                    coarse.setdefault((code, actor), []).append(g)
    return groups


def merge_across(found: Iterable[Event]) -> list[Event]:
    """Events of many articles, one per happening (see ``group_across`` and ``combine``)."""
    return [combine(g) for g in group_across(found)]
