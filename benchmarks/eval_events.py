"""Event extraction against hand-checked gold: precision and recall of (date, actors, event type).

Gold tables live in tests/golden/kremlin/*.jsonl: a header line ``{"url", "published", "note"}``
(the seed names its file with ``path`` instead of a url), then one event a line:
``{"date_start", "date_end", "actors", "event_type", "evidence"}`` (dates ISO or null, the type a
2-digit CAMEO root code). The gold says what the TEXT says, not what the system outputs.

System events are matched to gold events one-to-one (a maximum bipartite matching). Under the
strictest reading, ``full``, a pair matches when the start dates are equal (and the end dates,
when the gold has one), the 2-digit types are equal ("04 Consult" -> "04") and the two share
at least one actor (case-insensitively). ``date+type`` drops the actor condition, ``date``
keeps only the dates, so the three rows show where the errors come from.

    python benchmarks/eval_events.py [--gold tests/golden/kremlin] [--corpus ../shared/data/kremlin-press/articles.jsonl] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "golden" / "kremlin"
CORPUS = ROOT.parent / "shared" / "data" / "kremlin-press" / "articles.jsonl"
MODES = ("full", "date+type", "date")


@dataclass(frozen=True)
class Ev:
    """One event reduced to what is scored."""

    date_start: str | None
    date_end: str | None
    actors: frozenset[str]
    event_type: str
    text: str = ""

    def __str__(self) -> str:
        when = self.date_start or "undated"
        if self.date_end and self.date_end != self.date_start:
            when += f"..{self.date_end}"
        return f"{when} {self.event_type} [{', '.join(sorted(self.actors))}] {self.text[:90]}"


def type_code(event_type: str | None) -> str:
    """The 2-digit root code of an event type: "04 Consult" -> "04"; unclassified -> "--"."""
    head = (event_type or "").strip()[:2]
    return head if head.isdigit() else "--"


def gold_event(row: dict) -> Ev:
    return Ev(row.get("date_start"), row.get("date_end"), frozenset(a.lower() for a in row.get("actors") or ()),
              type_code(row.get("event_type")), row.get("evidence", ""))


def system_event(event) -> Ev:  # noqa: ANN001 - a timeline.model.Event
    start = event.date_start.isoformat() if event.date_start else None
    end = event.date_end.isoformat() if event.date_end else None
    return Ev(start, end, frozenset(a.lower() for a in event.actors), type_code(event.event_type), event.label)


def compatible(gold: Ev, system: Ev, mode: str = "full") -> bool:
    """Whether a system event may count for a gold event under a mode (see the module's doc)."""
    if gold.date_start != system.date_start:
        return False
    if gold.date_end is not None and gold.date_end != system.date_end:
        return False
    if mode == "date":
        return True
    if gold.event_type != system.event_type:
        return False
    return mode == "date+type" or bool(gold.actors & system.actors)


def match(gold: Sequence[Ev], system: Sequence[Ev], mode: str = "full") -> list[tuple[int, int]]:
    """A largest one-to-one matching of gold to system events: (gold index, system index) pairs."""
    edges = [[j for j, s in enumerate(system) if compatible(g, s, mode)] for g in gold]
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


def read_gold(path: Path) -> tuple[dict, list[dict]]:
    """A gold file: its header and its event rows."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows or "published" not in rows[0] or not ("url" in rows[0] or "path" in rows[0]):
        raise ValueError(f"{path}: the first line must be a header with url (or path) and published")
    return rows[0], rows[1:]


def articles_for(headers: Sequence[dict], corpus: Path) -> Callable[[dict], object]:
    """A lookup from a gold header to the article the pipeline reads."""
    from timeline.ingest import Options, load

    by_url = {}
    if any(h.get("url") for h in headers):
        by_url = {i.article.url: i.article for i in load([corpus], Options(max_bytes=2**31)) if i.article}

    def article(header: dict):  # noqa: ANN202
        if header.get("url"):
            return by_url.get(header["url"])
        items = [i for i in load([ROOT / header["path"]]) if i.article]
        return items[0].article if items else None
    return article


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)
    from timeline.events.build import extract_events

    files = sorted(args.gold.glob("*.jsonl"))
    golds = [(f, *read_gold(f)) for f in files]
    article_of = articles_for([h for _, h, _ in golds], args.corpus)
    totals = {m: [0, 0, 0] for m in MODES}  # matched, gold, system
    unseeded = {m: [0, 0, 0] for m in MODES}  # the same without the seed: the Kremlin releases alone
    print(f"{'article':34} {'gold':>4} {'sys':>4} {'full':>4} {'d+t':>4} {'date':>4}")
    for path, header, rows in golds:
        article = article_of(header)
        if article is None:
            print(f"{path.stem}: article not found ({header.get('url') or header.get('path')})", file=sys.stderr)
            return 2
        if str(article.published) != header["published"]:
            print(f"{path.stem}: published {article.published} but the gold says {header['published']}",
                  file=sys.stderr)
        gold = [gold_event(r) for r in rows]
        system = [system_event(e) for e in extract_events(article)]
        counts = {}
        for mode in MODES:
            pairs = match(gold, system, mode)
            counts[mode] = len(pairs)
            totals[mode][0] += len(pairs)
            totals[mode][1] += len(gold)
            totals[mode][2] += len(system)
            if header.get("url"):
                for k, n in enumerate((len(pairs), len(gold), len(system))):
                    unseeded[mode][k] += n
        print(f"{path.stem:34} {len(gold):4} {len(system):4} {counts['full']:4} {counts['date+type']:4} "
              f"{counts['date']:4}")
        if args.verbose:
            pairs = match(gold, system, "full")
            hit_g, hit_s = {i for i, _ in pairs}, {j for _, j in pairs}
            for i, g in enumerate(gold):
                if i not in hit_g:
                    near = [s for s in system if compatible(g, s, "date")]
                    hint = f"   (same date: {near[0]})" if near else ""
                    print(f"    miss  {g}{hint}")
            for j, s in enumerate(system):
                if j not in hit_s:
                    print(f"    false {s}")
    print()
    for title, table in (("all gold files", totals), ("Kremlin releases only (no seed)", unseeded)):
        print(f"{title}:")
        print(f"  {'reading':10} {'P':>6} {'R':>6} {'F1':>6}   matched/gold/system")
        for mode in MODES:
            matched, n_gold, n_system = table[mode]
            p, r, f = prf(matched, n_gold, n_system)
            print(f"  {mode:10} {p:6.3f} {r:6.3f} {f:6.3f}   {matched}/{n_gold}/{n_system}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
