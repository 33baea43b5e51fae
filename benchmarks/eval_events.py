"""Event rows against hand-checked gold: who did what to whom, when.

Gold: tests/golden/events/<kind>/<stem>.jsonl beside <stem>.txt (see that folder's README): a
header ``{"file", "published", "kind", "source"}`` then one event a line ``{"date_start",
"date_end", "source": [...], "target": [...], "event_type": "NN", "evidence"}`` with optional
``source_country`` / ``target_country``.

Matching: system and gold events are paired one-to-one (a maximum bipartite matching) where
all of (date, source, type) agree: the start date equal (and the end date when the gold gives
one), the 2-digit CAMEO root equal, and the sources sharing an actor — by name, case-insensitively,
or by country when the gold names a country ("Moscow demanded" → Russia, the system's "Russian
Foreign Ministry" → RUS). Per field: gold and system events are first paired by their evidence
(the system excerpt holds the gold's evidence, or they overlap), and each field is scored over
those pairs. "split" divides the articles in two fixed halves by a hash of their names:
``tune`` (read while writing rules) and ``check`` (not read): both are printed.

    python benchmarks/eval_events.py [--gold tests/golden/events] [--verbose] [--split tune|check|all]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "golden" / "events"


@dataclass(frozen=True)
class Row:
    date_start: str | None
    date_end: str | None
    source: frozenset[str]
    source_countries: frozenset[str]
    target: frozenset[str]
    target_countries: frozenset[str]
    code: str
    start: int
    end: int
    text: str

    def __str__(self) -> str:
        when = self.date_start or "undated"
        return f"{when} {self.code} {sorted(self.source)} -> {sorted(self.target)}  {self.text[:80]}"


def half(stem: str) -> str:
    """The fixed half an article falls in: "tune" or "check"."""
    return "tune" if int(hashlib.sha1(stem.encode()).hexdigest(), 16) % 2 == 0 else "check"


def _countries(names: Sequence[str], extra: str | None) -> frozenset[str]:
    from timeline.events.countries import country_code

    found = {country_code(n) for n in names}
    if extra:
        found.add(extra)
    return frozenset(c for c in found if c)


def gold_rows(path: Path, text: str) -> list[Row]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    out = []
    for r in rows:
        at = text.find(r["evidence"])
        out.append(Row(r.get("date_start"), r.get("date_end"), frozenset(s.lower() for s in r["source"]),
                       _countries(r["source"], r.get("source_country")), frozenset(t.lower() for t in r["target"]),
                       _countries(r["target"], r.get("target_country")), str(r["event_type"])[:2], at,
                       at + len(r["evidence"]), r["evidence"]))
    return out


def system_rows(events) -> list[Row]:  # noqa: ANN001 - timeline.model.Event
    from timeline.events.text import gazetteer

    by_name = {a.name: a.country for a in gazetteer()[0].values()}
    out = []
    for e in events:
        first = e.excerpts[0]
        src = frozenset(s.lower() for s in e.subject)
        out.append(Row(e.date_start.isoformat() if e.date_start else None,
                       e.date_end.isoformat() if e.date_end else None, src,
                       frozenset(c for c in (by_name.get(s) for s in e.subject) if c) | _countries(e.subject, None),
                       frozenset(t.lower() for t in e.target),
                       frozenset(c for c in (by_name.get(t) for t in e.target) if c) | _countries(e.target, None),
                       (e.event_type or "--")[:2], first.start, first.end, e.label))
    return out


def _named(text: str, start: int, end: int, on) -> list[str]:  # noqa: ANN001 - a date or None
    from timeline.events.text import find_actors

    names: list[str] = []
    for m in find_actors(text, max(start, 0), end, on):
        if m.actor.name not in names:
            names.append(m.actor.name)
    return names


def match(gold: Sequence[Row], system: Sequence[Row], compatible: Callable[[Row, Row], bool]) -> list[tuple[int, int]]:
    """A largest one-to-one matching of gold to system events (augmenting paths): (gold, system) index pairs."""
    edges = [[j for j, s in enumerate(system) if compatible(g, s)] for g in gold]
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def prf(matched: int, n_gold: int, n_system: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty side scores 1.0 when the other is empty too, else 0."""
    p = matched / n_system if n_system else (1.0 if not n_gold else 0.0)
    r = matched / n_gold if n_gold else (1.0 if not n_system else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def same_date(g: Row, s: Row) -> bool:
    return g.date_start == s.date_start and (g.date_end is None or g.date_end == s.date_end)


def same_actor(names: frozenset[str], countries: frozenset[str], s_names: frozenset[str],
               s_countries: frozenset[str]) -> bool:
    if not names:
        return not s_names
    return bool(names & s_names) or bool(countries & s_countries)


def same_source(g: Row, s: Row) -> bool:
    return same_actor(g.source, g.source_countries, s.source, s.source_countries)


def same_target(g: Row, s: Row) -> bool:
    return same_actor(g.target, g.target_countries, s.target, s.target_countries)


def full(g: Row, s: Row) -> bool:
    return same_date(g, s) and g.code == s.code and same_source(g, s)


def by_evidence(gold: list[Row], system: list[Row]) -> list[tuple[int, int]]:
    """Gold and system events paired by where they are told (one-to-one, same type preferred)."""
    pairs, used = [], set()
    for i, g in enumerate(gold):
        near = [j for j, s in enumerate(system) if j not in used and g.start >= 0
                and s.start < g.end and g.start < s.end]
        near.sort(key=lambda j: (system[j].code != g.code, not same_source(g, system[j])))
        if near:
            used.add(near[0])
            pairs.append((i, near[0]))
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--split", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    from timeline.events.build import extract_events
    from timeline.ingest import load

    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    baseline: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted(args.gold.rglob("*.jsonl")):
        header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        part = half(path.stem)
        if args.split != "all" and part != args.split:
            continue
        items = [i for i in load([path.parent / header["file"]]) if i.article]
        if not items:
            print(f"{path}: its article does not load", file=sys.stderr)
            return 2
        article = items[0].article
        if str(header.get("source", "")).startswith("http"):  # as ingested from its page: the address is known
            article = replace(article, url=header["source"])
        gold = gold_rows(path, article.text)
        system = system_rows(extract_events(article))
        pairs = match(gold, system, full)
        for key in (part, header["kind"], "all"):
            for k, n in enumerate((len(pairs), len(gold), len(system))):
                totals[key][k] += n
        for i, j in by_evidence(gold, system):
            g, s = gold[i], system[j]
            for name, ok in (("date", same_date(g, s)), ("source", same_source(g, s)), ("target", same_target(g, s)),
                             ("type", g.code == s.code), ("all three", full(g, s))):
                fields[name][0] += ok
                fields[name][1] += 1
        fields["told (gold events with a system event on their evidence)"][0] += len(by_evidence(gold, system))
        fields["told (gold events with a system event on their evidence)"][1] += len(gold)
        for g in gold:  # the baseline: the first actor the evidence names is the source, the second the target
            named = _named(article.text, g.start, g.end, article.published)
            guess = Row(g.date_start, g.date_end, frozenset(n.lower() for n in named[:1]), _countries(named[:1], None),
                        frozenset(n.lower() for n in named[1:2]), _countries(named[1:2], None), g.code, 0, 0, "")
            baseline["source"][0] += same_source(g, guess)
            baseline["target"][0] += same_target(g, guess)
            baseline["source"][1] += 1
            baseline["target"][1] += 1
        if args.verbose:
            hit_g, hit_s = {i for i, _ in pairs}, {j for _, j in pairs}
            print(f"== {path.relative_to(args.gold)} ({part}) gold {len(gold)} system {len(system)} matched {len(pairs)}")
            for i, g in enumerate(gold):
                if i not in hit_g:
                    print(f"   miss  {g}")
            for j, s in enumerate(system):
                if j not in hit_s:
                    print(f"   extra {s}")
            for i, j in by_evidence(gold, system):  # told on the same evidence, some field wrong
                g, s = gold[i], system[j]
                wrong = [name for name, ok in (("date", same_date(g, s)), ("source", same_source(g, s)),
                                               ("target", same_target(g, s)), ("type", g.code == s.code)) if not ok]
                if wrong:
                    print(f"   wrong {'/'.join(wrong)}: gold {g.code} {sorted(g.source)} -> {sorted(g.target)}; "
                          f"system {s.code} {sorted(s.source)} -> {sorted(s.target)}  {s.text[:60]}")
    print("(date, source, type) P/R/F1, matched/gold/system:")
    for key, (m, n_gold, n_system) in sorted(totals.items()):
        p, r, f = prf(m, n_gold, n_system)
        print(f"  {key:10} P {p:5.3f}  R {r:5.3f}  F1 {f:5.3f}   {m}/{n_gold}/{n_system}")
    print("per field, over gold events paired with a system event by evidence:")
    for name, (ok, n) in fields.items():
        print(f"  {name:12} {ok / n if n else 0:6.1%}  ({ok}/{n})")
    print("baseline over every gold event: the first actor its evidence names as source, the second as target:")
    for name, (ok, n) in baseline.items():
        print(f"  {name:12} {ok / n if n else 0:6.1%}  ({ok}/{n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
