"""The dashboard's speed and memory in a real browser (headless Chromium, software rendering).

1. Cold start on the shipped data, --runs times: `streamlit run app.py` on a fresh database (the
   first-start ingest included), then the page opened in a new browser context. With an EMPTY cache
   (a new user opening a shared link) and with a WARM cache (the same context, a fresh server and
   database). Measured in the page, from navigation start (the request for the page) to the first
   frame painted after the chart's marks are drawn and visible; the server is already up (its own
   start is printed apart). Milestones (medians, same clock): the title shown, Plotly's script
   (Streamlit's biggest chunk) requested and received, the chart drawn.
2. For synthetic corpora of 10,000 and 100,000 events (`timeline synth`): from a filter change in the
   sidebar (the Events radio and the Lanes radio, in turn) to the chart redrawn with the new data —
   measured in the page, from the click's pointerdown to the first frame painted after a visible
   chart with new data and drawn marks, and nothing stale left; --changes changes after two
   warm-ups. The wall clock around Playwright's click (its actionability checks included) is printed
   too. Then the server's resident memory (current and peak) with the table loaded.

   With --db-kind duckdb the corpora are columnar stores (`timeline synth --db duckdb:///…`), served
   through DuckDB; --keep DIR keeps the corpora there and reuses them (a million events take minutes
   to write).

    python benchmarks/bench_dashboard.py [--runs 5] [--sizes 10000 100000] [--changes 12]
        [--db-kind sqlite|duckdb] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, start_app, stop_app  # noqa: E402  (the same launcher the browser tests use)

from timeline import synth  # noqa: E402
from timeline.store import Store  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
CHANGES = [("Events", "Derived"), ("Events", "All"), ("Lanes", "Actor"), ("Lanes", "Event type"),
           ("Events", "Reported"), ("Events", "All"), ("Lanes", "Country"), ("Lanes", "Event type")]
# A chart counts as drawn when a visible Plotly graph (Streamlit hides one until it knows its width)
# has marks with a size, and no element is left stale from the run before.
DRAWN = """(before) => {
  if (document.querySelector('[data-stale="true"]')) return false;
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (!gd.data || gd.data === before || !gd.layout || !gd.layout.width) continue;
    if (getComputedStyle(gd).visibility === 'hidden') continue;
    const mark = gd.querySelector('.cartesianlayer .point');
    const box = mark && mark.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) return true;
  }
  return false; }"""
WATCH = """(before) => new Promise(done => {
  const frame = () => new Promise(r => requestAnimationFrame(r));
  const poll = async () => { while (!(%s)(before)) await frame(); await frame(); await frame(); done(performance.now()); };
  poll(); })""" % DRAWN
COLD = """window.__marks = {};
(%s)(undefined).then(t => { window.__marks.chart = t; });
new MutationObserver(() => { if (!window.__marks.title && document.querySelector('h1')) window.__marks.title = performance.now(); })
  .observe(document, {subtree: true, childList: true});""" % WATCH


def _rss(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f}, n={len(values)})"


def _first_chart(page: Page, url: str) -> dict[str, float]:
    """Open the app; seconds from navigation start to the chart drawn, and the milestones."""
    page.goto(url)
    page.wait_for_function("() => window.__marks && window.__marks.chart", timeout=300_000, polling=100)
    marks = page.evaluate("""() => { const r = performance.getEntriesByType('resource')
        .find(e => e.name.includes('/PlotlyChart.'));
      return {...window.__marks, requested: r ? r.startTime : NaN, received: r ? r.responseEnd : NaN}; }""")
    return {"title shown": marks["title"] / 1000, "plotly requested": marks["requested"] / 1000,
            "plotly received": marks["received"] / 1000, "chart drawn": marks["chart"] / 1000}


def _cold(browser: Browser, folder: str, runs: int) -> None:
    empty, warm, launch, up = [], [], [], []
    cached = browser.new_context(viewport={"width": 1280, "height": 800})
    cached.add_init_script(COLD)
    for run in range(runs + 1):  # run 0 only fills the warm context's cache
        started = time.perf_counter()
        proc, url = start_app(f"sqlite:///{folder}/shipped-{run}.db", Path(folder) / f"shipped-{run}.log")
        ready = time.perf_counter() - started
        if run:
            context = browser.new_context(viewport={"width": 1280, "height": 800})  # an empty cache
            context.add_init_script(COLD)
            empty.append(_first_chart(context.new_page(), url))
            context.close()
            up.append(ready)
            launch.append(time.perf_counter() - started)
        stop_app(proc)
        proc, url = start_app(f"sqlite:///{folder}/shipped-{run}-warm.db", Path(folder) / f"shipped-{run}.log")
        page = cached.new_page()
        timings = _first_chart(page, url)
        page.close()
        if run:
            warm.append(timings)
        stop_app(proc)
    cached.close()
    print(f"shipped data, cold start (fresh server and database each run; the server up in {_summary(up)}):")
    print(f"  empty browser cache: page opened → first chart drawn {_summary([t['chart drawn'] for t in empty])}")
    print("    milestones (medians from navigation start): " + ", ".join(
        f"{name} {statistics.median(t[name] for t in empty):.2f} s" for name in empty[0]))
    print(f"  server launch → first chart, empty cache: {_summary(launch)}")
    print(f"  warm browser cache: page opened → first chart drawn {_summary([t['chart drawn'] for t in warm])}")


def _change(page: Page, group: str, option: str) -> tuple[float, float]:
    """Seconds in the page from the click to the chart redrawn, and Playwright's wall clock."""
    page.evaluate("""(watch) => { const gd = document.querySelector('.js-plotly-plot'); window.__redrawn = null;
      document.addEventListener('pointerdown', () => { window.__clicked = performance.now(); }, {capture: true, once: true});
      (eval(watch))(gd.data).then(t => { window.__redrawn = t; }); }""", WATCH)
    radio = page.locator("section[data-testid=stSidebar]").get_by_role("radiogroup", name=group)
    started = time.perf_counter()
    radio.get_by_text(option, exact=True).click()
    page.wait_for_function("() => window.__redrawn", timeout=120_000, polling=20)
    wall = time.perf_counter() - started
    return page.evaluate("(window.__redrawn - window.__clicked) / 1000"), wall


def _corpus(folder: Path, size: int, kind: str) -> str:
    """The URL of a synthetic corpus of ``size`` events in a store of ``kind``, written unless kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synth-{size}.{'duckdb' if kind == 'duckdb' else 'db'}"
    if not path.exists():
        started = time.perf_counter()
        if kind == "duckdb":
            synth.write_columnar(path, size)
        else:
            synth.write(Store(f"sqlite:///{path}"), size)
        print(f"{size:,} synthetic events written to {path.name} in {time.perf_counter() - started:.0f} s")
    return f"{'duckdb' if kind == 'duckdb' else 'sqlite'}:///{path}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--changes", type=int, default=12)
    parser.add_argument("--db-kind", choices=("sqlite", "duckdb"), default="sqlite",
                        help="the store of the synthetic corpora: SQLite, or a columnar store served by DuckDB")
    parser.add_argument("--keep", type=Path, help="a folder to keep the synthetic corpora in, and reuse them from")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        browser.new_page().goto("about:blank")  # the browser process is up: its own start is not the app's
        if args.runs:
            _cold(browser, folder, args.runs)
        for size in args.sizes:
            db = _corpus(args.keep or Path(folder), size, args.db_kind)
            launched = time.perf_counter()
            proc, url = start_app(db, Path(folder) / f"synth-{size}.log")
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(COLD)
            page = context.new_page()
            first = _first_chart(page, url)["chart drawn"]
            cold = time.perf_counter() - launched
            _change(page, "Events", "Derived")  # warm-ups
            _change(page, "Events", "All")
            times = [_change(page, *CHANGES[i % len(CHANGES)]) for i in range(args.changes)]
            rss, peak = _rss(proc.pid)
            stop_app(proc)
            context.close()
            print(f"{size:>9,} events ({args.db_kind}): server launch → first chart {cold:.1f} s (page opened → chart drawn {first:.1f} s); filter change → chart redrawn: "
                  f"{_summary([t for t, _ in times])}; wall clock around Playwright's click "
                  f"{_summary([w for _, w in times])}; server RSS {rss:,.0f} MB (peak {peak:,.0f} MB)")
        browser.close()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
