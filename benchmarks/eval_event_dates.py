"""Are events dated by their own clause? Measured against TimeBank's event–time links (TLINKs).

TimeML links an event to the date expression that holds it: ``<TLINK eventInstanceID="ei5"
relatedToTime="t3" relType="IS_INCLUDED"/>`` ("the sailors [rebelled] on [March 3]"). For every act
our pipeline reads off a TimeML file (its ``<TEXT>``, published on the file's creation time), the
TimeML EVENT at the act's trigger word is looked up; when that event is linked IS_INCLUDED or
DURING to a date expression of the text (not the creation time), the act's row is right when its
date expression is that one (their spans overlap). Printed per folder:

- covered: acts whose trigger is a linked TimeML event;
- ours: the share of covered acts whose row carries the linked date (an undated row is wrong);
- nearest: the same for a naive rule, the tagged date nearest the trigger in its sentence.

    python benchmarks/eval_event_dates.py [--timeml DIR ...] [-v]

By default TimeBank (the part the event rules were looked at against) and AQUAINT (not looked at)
of ``../shared/data/tempeval3-train``; ``-v`` prints each wrong act.
"""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench_heideltime import SHARED  # this folder
from timeline.events.build import read_acts
from timeline.model import BODY, Article, Span, content_id
from timeline.temporal import tag
from timeline.timeml import read_timeml

LINKS = frozenset({"IS_INCLUDED", "DURING"})
DEFAULT = (SHARED / "tempeval3-train" / "TimeBank", SHARED / "tempeval3-train" / "AQUAINT")


@dataclass(frozen=True)
class Linked:
    """A TimeML event of the text linked to a date expression of the text."""

    start: int
    end: int
    time_start: int
    time_end: int
    time_text: str


def _body_elements(raw: str) -> tuple[str, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """The plain text of ``<TEXT>`` and the offsets of its EVENTs (by eid) and TIMEX3s (by tid)."""
    root = ET.fromstring(raw)
    body = root.find("TEXT")
    if body is None:
        raise SystemExit("no <TEXT>")
    parts: list[str] = []
    events: dict[str, tuple[int, int]] = {}
    times: dict[str, tuple[int, int]] = {}

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "EVENT":
            events[node.get("eid", "")] = (start, start + len("".join(node.itertext())))
        elif node.tag == "TIMEX3":
            times[node.get("tid", "")] = (start, start + len("".join(node.itertext())))

    walk(body)
    return "".join(parts), events, times


def linked_events(path: Path) -> tuple[str, date | None, list[Linked]]:
    """The ``<TEXT>`` of a TimeML file, its creation date, and its events linked to a date of the text."""
    raw = path.read_text(encoding="utf-8")
    text, events, times = _body_elements(raw)
    instances = dict(re.findall(r'<MAKEINSTANCE[^>]*?eventID="(\w+)"[^>]*?eiid="(\w+)"', raw))
    by_instance = {eiid: eid for eid, eiid in instances.items()}
    by_instance.update({eiid: eid for eiid, eid in re.findall(r'<MAKEINSTANCE[^>]*?eiid="(\w+)"[^>]*?eventID="(\w+)"', raw)})
    found = []
    for attrs in re.findall(r"<TLINK\b([^>]*)>", raw):
        a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        eid = by_instance.get(a.get("eventInstanceID", ""))
        tid = a.get("relatedToTime", "")
        if a.get("relType") in LINKS and eid in events and tid in times:
            (s, e), (ts, te) = events[eid], times[tid]
            found.append(Linked(s, e, ts, te, text[ts:te]))
    return text, read_timeml(path).dct, found


def evaluate(folder: Path, verbose: bool) -> None:
    covered = ours = nearest = 0
    for path in sorted(folder.glob("*.tml")):
        text, dct, links = linked_events(path)
        by_span = {(link.start, link.end): link for link in links}
        article = Article(content_id(path.name), text, path.stem, None, dct, "timeml", None, None, str(path),
                          (Span(0, len(text), text, BODY),))
        timexes = [t for t in tag(text, dct) if t.type in ("DATE", "TIME")]
        for act in read_acts(article):
            trigger = act.trigger
            link = next((lk for (s, e), lk in by_span.items() if trigger and s <= trigger.start < e), None)
            if link is None or trigger is None:
                continue
            covered += 1
            mine = act.timex
            right = mine is not None and mine.start < link.time_end and link.time_start < mine.end
            ours += right
            sentence = next((x for x in act.excerpts if x.start <= trigger.start < x.end), None)
            inside = [t for t in timexes if sentence and sentence.start <= t.start < sentence.end]
            close = min(inside, key=lambda t: abs(t.start - trigger.start), default=None)  # the naive rule's
            nearest += close is not None and close.start < link.time_end and link.time_start < close.end
            if verbose and not right:
                where = text[sentence.start : sentence.end] if sentence else ""
                print(f"  {path.stem}: {trigger.text!r} linked to {link.time_text!r}, ours "
                      f"{mine.text if mine else None!r} | {where[:200]!r}")
    share = (lambda n: f"{100 * n / covered:.1f} %") if covered else (lambda n: "-")
    print(f"{folder.name:10} covered {covered:4d}  ours {share(ours)}  nearest date in the sentence {share(nearest)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeml", type=Path, nargs="*", default=list(DEFAULT))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for folder in args.timeml:
        evaluate(folder, args.verbose)


if __name__ == "__main__":
    main()
