"""TimeML in and out: read TempEval-3 files, write our TIMEX3s into them, score TempEval-3 Task A.

The scorer follows the official toolkit (UzZaman et al., SemEval 2013): ``TE3-evaluation.py``
runs ``TimeML-Normalizer.jar``, which pairs each gold TIMEX3 with the system TIMEX3 that overlaps
it (a greedy one-to-one sweep, re-implemented in :func:`align`), then ``evaluate_entities.py``
counts pooled over all files: strict = paired with the same extent, relaxed = paired (any
overlap), and value/type F1 = (matching attribute / relaxed matches) x relaxed F1.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.errors import MalformedTimeML, TimelineError, UnreadableInput, one_line
from timeline.model import TimeExpression
from timeline.temporal import tag
from timeline.temporal.story import KINDS  # the tagger's document kinds: news, narrative

# Annotation a TempEval-3 Task A system file must not carry over from its input.
ANNOTATION_TAGS = frozenset({"TIMEX3", "EVENT", "SIGNAL", "MAKEINSTANCE", "TLINK", "SLINK", "ALINK"})

_TAG = re.compile(r"<[^>]*>")  # what the official strip_text removes
_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z_][\w.:-]*)")
_ATTR = re.compile(r"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 of a TimeML file; ``start``/``end`` index the plain text (``TimeMLDoc.text``)."""

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class _Tag:
    start: int  # raw offsets of the tag itself
    end: int
    at: int  # plain-text offset the tag sits at (before text[at])
    name: str
    closing: bool
    empty: bool  # <X ... />
    attrs: dict[str, str]


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML file: raw text, DCT, plain text (every tag removed, entities left as written), gold TIMEX3s.

    ``offsets[i]`` is the raw-file offset of ``text[i]``; ``body`` is the (start, end) of the
    ``<TEXT>`` element's content in ``text``; ``timexes`` are the TIMEX3s inside it, DCT excluded.
    """

    name: str
    raw: str
    dct: date
    dct_tid: str
    text: str
    offsets: tuple[int, ...] = field(repr=False)
    body: tuple[int, int]
    timexes: tuple[Timex, ...] = field(repr=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-file offsets of the plain-text span ``text[start:end]`` (``end > start``)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def _scan(raw: str) -> tuple[str, tuple[int, ...], list[_Tag]]:
    """Plain text, its raw offsets, and every tag with the plain offset it sits at."""
    parts: list[str] = []
    offsets: list[int] = []
    tags: list[_Tag] = []
    pos = at = 0
    for m in _TAG.finditer(raw):
        parts.append(raw[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        at += m.start() - pos
        pos = m.end()
        name = _NAME.match(m.group())
        if name:  # skips <?xml ...?>, <!-- ... -->, <!DOCTYPE ...>
            attrs = {k: html.unescape(a if a is not None else b) for k, a, b in _ATTR.findall(m.group())}
            tags.append(_Tag(m.start(), m.end(), at, name.group(2), bool(name.group(1)),
                             m.group().rstrip(">").rstrip().endswith("/"), attrs))
    parts.append(raw[pos:])
    offsets.extend(range(pos, len(raw)))
    return "".join(parts), tuple(offsets), tags


def _is_dct(t: _Tag) -> bool:
    return t.name == "TIMEX3" and not t.closing and t.attrs.get("functionInDocument") == "CREATION_TIME"


def _dct_tags(tags: list[_Tag]) -> set[int]:
    """Indices of the DCT TIMEX3's opening and closing tags."""
    keep: set[int] = set()
    for i in (i for i, t in enumerate(tags) if _is_dct(t)):
        close = next((j for j in range(i + 1, len(tags)) if tags[j].name == "TIMEX3" and tags[j].closing), None)
        keep |= {i} if tags[i].empty or close is None else {i, close}
    return keep


def parse_timeml(raw: str, name: str = "") -> TimeMLDoc:
    """Read TimeML from a string; ``name`` is used in error messages.

    >>> doc = parse_timeml('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
    ...     'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\\n<TEXT>Talks resume '
    ...     '<TIMEX3 tid="t1" type="DATE" value="1998-01-09">tomorrow</TIMEX3>.</TEXT></TimeML>')
    >>> doc.dct, doc.text[doc.body[0]:doc.body[1]], [(t.text, t.value) for t in doc.timexes]
    (datetime.date(1998, 1, 8), 'Talks resume tomorrow.', [('tomorrow', '1998-01-09')])

    Raises:
        MalformedTimeML: not well-formed XML, no single TEXT element, or no (single) DCT
            TIMEX3 (functionInDocument="CREATION_TIME") whose value starts with a date.
    """
    try:
        ET.fromstring(raw.encode("utf-8"))
    except ET.ParseError as exc:
        raise MalformedTimeML(f"{name}: not well-formed XML ({exc})") from None
    text, offsets, tags = _scan(raw)
    opens = [t for t in tags if t.name == "TEXT" and not t.closing]
    closes = [t for t in tags if t.name == "TEXT" and t.closing]
    if len(opens) != 1 or len(closes) != 1:
        raise MalformedTimeML(f"{name}: needs exactly one <TEXT> element, found {len(opens)}")
    body = (opens[0].at, closes[0].at)
    dcts = [t for t in tags if _is_dct(t)]
    if not dcts:
        raise MalformedTimeML(f'{name}: no DCT (a TIMEX3 with functionInDocument="CREATION_TIME")')
    if len(dcts) > 1:
        raise MalformedTimeML(f"{name}: {len(dcts)} TIMEX3s are marked CREATION_TIME; expected one")
    value = dcts[0].attrs.get("value", "")
    try:
        if not _DAY.match(value):
            raise ValueError(value)
        dct = date.fromisoformat(value[:10])
    except ValueError:
        raise MalformedTimeML(f"{name}: DCT value {value!r} is not a date (YYYY-MM-DD...)") from None
    timexes: list[Timex] = []
    for i, t in enumerate(tags):
        if t.name != "TIMEX3" or t.closing or t.empty or _is_dct(t):
            continue
        close = next((c for c in tags[i + 1 :] if c.name == "TIMEX3" and c.closing), None)
        if close is None or not (body[0] <= t.at and close.at <= body[1]):
            continue
        a = t.attrs
        timexes.append(Timex(t.at, close.at, text[t.at : close.at], a.get("tid", ""), a.get("type", ""),
                             a.get("value", ""), a.get("mod")))
    return TimeMLDoc(name, raw, dct, dcts[0].attrs.get("tid", ""), text, offsets, body, tuple(timexes))


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read a TimeML (.tml) file, keeping its bytes exactly (line endings included).

    Raises:
        UnreadableInput: the file cannot be read or is not UTF-8.
        MalformedTimeML: see :func:`parse_timeml`.
    """
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            raw = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"{path}: cannot read ({exc})") from None
    return parse_timeml(raw, str(path))


def annotate(doc: TimeMLDoc, kind: str = "news", found: Sequence[TimeExpression | Timex] | None = None) -> str:
    """A TempEval-3 Task A system file: ``doc.raw`` with our TIMEX3s (or ``found``, another system's
    expressions at plain-text offsets) instead of its annotation.

    Every EVENT, SIGNAL, TIMEX3 (but the DCT's, kept exactly), MAKEINSTANCE and *LINK tag is
    removed (the official normalizer rejects links to timexes that are gone); everything else is
    kept byte for byte, so stripping all tags gives the input's stripped text. Expressions are
    tagged inside <TEXT> only. ``kind`` is the tagger's (``temporal.tag``): "news" anchors an
    expression without a year on the DCT unless its paragraph narrates another year; "narrative"
    on the story's last date.

    >>> doc = parse_timeml('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2025-07-18" '
    ...     'functionInDocument="CREATION_TIME">July 18</TIMEX3></DCT>\\n<TEXT>Putin '
    ...     '<EVENT eid="e1">spoke</EVENT> on Monday.</TEXT></TimeML>')
    >>> annotate(doc).split("\\n")[1]
    '<TEXT>Putin spoke on <TIMEX3 tid="t1" type="DATE" value="2025-07-14">Monday</TIMEX3>.</TEXT></TimeML>'
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    _, _, tags = _scan(doc.raw)
    dct = _dct_tags(tags)
    drop = [t for i, t in enumerate(tags) if t.name in ANNOTATION_TAGS and i not in dct]
    kept_at = sorted(t.at for i, t in enumerate(tags) if t.name not in ANNOTATION_TAGS or i in dct)
    inserts: list[tuple[int, int, str]] = []  # (raw offset, 0 = closing first, tag)
    number = 0
    for expr in tag(doc.text, doc.dct, doc.name, doc.body[0], doc.body[1], kind) if found is None else found:
        if expr.end <= expr.start or any(expr.start < at < expr.end for at in kept_at):
            continue  # would cross an element we keep
        number += 1
        if f"t{number}" == doc.dct_tid:
            number += 1
        attrs = {"tid": f"t{number}", "type": expr.type, "value": expr.value}
        if expr.mod:
            attrs["mod"] = expr.mod
        start, end = doc.raw_span(expr.start, expr.end)
        opening = "<TIMEX3 " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">"
        inserts += [(start, 1, opening), (end, 0, "</TIMEX3>")]
    events = sorted([(pos, 0, order, text) for pos, order, text in inserts]
                    + [(t.start, 1, t.end, "") for t in drop])
    out: list[str] = []
    cursor = 0
    for pos, is_drop, extra, text in events:
        out += [doc.raw[cursor:pos], text]
        cursor = extra if is_drop else pos
    out.append(doc.raw[cursor:])
    return "".join(out)


def annotate_dir(in_dir: str | Path, out_dir: str | Path, kind: str = "news") -> list[tuple[Path, str | None]]:
    """Annotate every ``*.tml`` under ``in_dir`` into the same relative path under ``out_dir``.

    Returns one ``(relative path, error or None)`` per file; a failed file is skipped, not fatal.
    """
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    results: list[tuple[Path, str | None]] = []
    for path in sorted(in_dir.rglob("*.tml")):
        rel = path.relative_to(in_dir)
        try:
            system = annotate(read_timeml(path), kind)
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(system)
            results.append((rel, None))
        except Exception as exc:  # whatever one file raises is its own failure; the others go on
            results.append((rel, str(exc) if isinstance(exc, (TimelineError, OSError)) else one_line(exc, str(rel))))
    return results


def align(gold: Iterable[Timex], system: Iterable[Timex]) -> list[tuple[Timex | None, Timex | None]]:
    """Pair gold and system TIMEX3s of one document as TimeML-Normalizer does.

    Sweeping starts left to right (gold first on a tie), a TIMEX3 that starts inside an unpaired
    TIMEX3 of the other side pairs with it; each pairs at most once. Blank ones are ignored (the
    normalizer drops them). Returns (gold, system) pairs and (gold, None) / (None, system) leftovers.

    >>> g, s = Timex(0, 14, "Sunday morning", "t1", "TIME", "X"), Timex(0, 6, "Sunday", "t9", "DATE", "X")
    >>> align([g], [s]) == [(g, s)]
    True
    """
    sides = ([t for t in gold if t.text.strip()], [t for t in system if t.text.strip()])
    partner: tuple[dict[int, int], dict[int, int]] = ({}, {})
    starts = sorted((t.start, side, i) for side in (0, 1) for i, t in enumerate(sides[side]))
    for pos, side, i in starts:
        other = 1 - side
        for j, o in enumerate(sides[other]):
            opened = o.start < pos if side == 0 else o.start <= pos
            if opened and pos < o.end:
                if j not in partner[other]:
                    partner[side][i], partner[other][j] = j, i
                break
    pairs: list[tuple[Timex | None, Timex | None]] = [
        (g, sides[1][partner[0][i]] if i in partner[0] else None) for i, g in enumerate(sides[0])]
    pairs += [(None, s) for j, s in enumerate(sides[1]) if j not in partner[1]]
    return sorted(pairs, key=lambda p: min(t.start for t in p if t is not None))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """Pooled TempEval-3 Task A counts and the official figures, in percent (see :meth:`of`)."""

    files: int
    gold: int
    system: int
    relaxed: int  # paired (overlapping) gold/system TIMEX3s
    strict: int  # paired with the same extent
    value: int  # relaxed matches with the same value
    type: int  # relaxed matches with the same type
    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_f1: float  # value accuracy over relaxed matches x relaxed F1 (official "Attribute F1")
    type_f1: float

    @classmethod
    def of(cls, files: int, gold: int, system: int, relaxed: int, strict: int, value: int, type: int) -> Scores:
        """The figures of pooled counts; no TIMEX3 on either side scores 100 everywhere, as officially.

        >>> round(Scores.of(1, gold=4, system=2, relaxed=2, strict=1, value=1, type=2).value_f1, 2)
        33.33
        """
        if gold == system == 0:
            return cls(files, 0, 0, 0, 0, 0, 0, *[100.0] * 8)
        sp, sr = (100 * strict / system if system else 0.0), (100 * strict / gold if gold else 0.0)
        rp, rr = (100 * relaxed / system if system else 0.0), (100 * relaxed / gold if gold else 0.0)
        rf = _f1(rp, rr)
        value_f1, type_f1 = (value / relaxed * rf, type / relaxed * rf) if relaxed else (0.0, 0.0)
        return cls(files, gold, system, relaxed, strict, value, type, sp, sr, _f1(sp, sr), rp, rr, rf,
                   value_f1, type_f1)

    def table(self) -> str:
        """The figures as a small text table."""
        return "\n".join([
            f"{'':8}{'P':>8}{'R':>8}{'F1':>8}",
            f"{'strict':8}{self.strict_p:8.2f}{self.strict_r:8.2f}{self.strict_f1:8.2f}",
            f"{'relaxed':8}{self.relaxed_p:8.2f}{self.relaxed_r:8.2f}{self.relaxed_f1:8.2f}",
            f"{'value':8}{'':16}{self.value_f1:8.2f}",
            f"{'type':8}{'':16}{self.type_f1:8.2f}",
            f"{self.files} files, {self.gold} gold and {self.system} system TIMEX3s, "
            f"{self.relaxed} relaxed and {self.strict} strict matches"])


def score_docs(pairs: Iterable[tuple[TimeMLDoc, TimeMLDoc]]) -> Scores:
    """Score (gold, system) documents, pooling the counts over all of them.

    >>> doc = parse_timeml('<T><DCT><TIMEX3 tid="t0" value="1998-01-08" functionInDocument='
    ...     '"CREATION_TIME">x</TIMEX3></DCT><TEXT><TIMEX3 tid="t1" type="DATE" value="1998">'
    ...     '1998</TIMEX3></TEXT></T>')
    >>> score_docs([(doc, doc)]).value_f1
    100.0

    Raises:
        MalformedTimeML: a system document's TEXT differs from its gold document's (tags aside).
    """
    counts = [0] * 7
    for gold, system in pairs:
        if gold.text[slice(*gold.body)] != system.text[slice(*system.body)]:
            raise MalformedTimeML(f"{system.name}: its TEXT differs from the gold file's ({gold.name})")
        found = align(gold.timexes, system.timexes)
        matched = [(g, s) for g, s in found if g and s]
        counts = [a + b for a, b in zip(counts, [
            1, sum(g is not None for g, _ in found), sum(s is not None for _, s in found), len(matched),
            sum((g.start, g.end) == (s.start, s.end) for g, s in matched),
            sum(g.value == s.value for g, s in matched), sum(g.type == s.type for g, s in matched)])]
    return Scores.of(*counts)


def score(gold_dir: str | Path, system_dir: str | Path) -> Scores:
    """Score the ``*.tml`` files under ``system_dir`` against those under ``gold_dir`` (TempEval-3 Task A).

    Files pair by relative path; as with the official normalizer, both folders must hold the same files.

    Raises:
        MalformedTimeML: the file sets differ, a file is malformed, or a system text differs from gold.
        UnreadableInput: a file cannot be read.
    """
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    gold = {p.relative_to(gold_dir) for p in gold_dir.rglob("*.tml")}
    system = {p.relative_to(system_dir) for p in system_dir.rglob("*.tml")}
    if gold != system:
        missing, extra = sorted(map(str, gold - system)), sorted(map(str, system - gold))
        raise MalformedTimeML(f"{system_dir}: the folders must hold the same .tml files; "
                              f"missing {missing[:5]}{'...' if len(missing) > 5 else ''}, "
                              f"extra {extra[:5]}{'...' if len(extra) > 5 else ''}")
    return score_docs((read_timeml(gold_dir / rel), read_timeml(system_dir / rel)) for rel in sorted(gold))


def cmd_annotate(args: argparse.Namespace) -> int:
    """Annotate a folder; one stderr line per failed file, non-zero exit if any failed."""
    results = annotate_dir(args.in_dir, args.out_dir, args.kind)
    failed = [(rel, error) for rel, error in results if error]
    for rel, error in failed:
        print(f"failed: {rel}: {error}", file=sys.stderr)
    print(f"{len(results) - len(failed)} annotated, {len(failed)} failed")
    return 1 if failed else 0


def cmd_score(args: argparse.Namespace) -> int:
    """Print the TempEval-3 Task A figures of a system folder against a gold folder."""
    print(score(args.gold_dir, args.system_dir).table())
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``timeml annotate`` and ``timeml score`` on the ``timeline`` subparsers."""
    timeml = subparsers.add_parser("timeml", help="annotate and score TempEval-3 TimeML files")
    sub = timeml.add_subparsers(dest="timeml_command", required=True)
    ann = sub.add_parser("annotate", help="write our TIMEX3s into every .tml file of a folder")
    ann.add_argument("in_dir", type=Path, metavar="IN_DIR")
    ann.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    ann.add_argument("--type", dest="kind", choices=KINDS, default="news", help="document type (default: news)")
    ann.set_defaults(run=cmd_annotate)
    sc = sub.add_parser("score", help="TempEval-3 Task A figures of SYSTEM_DIR against GOLD_DIR")
    sc.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    sc.add_argument("system_dir", type=Path, metavar="SYSTEM_DIR")
    sc.set_defaults(run=cmd_score)
