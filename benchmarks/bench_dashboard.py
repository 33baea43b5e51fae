"""The dashboard's speed and memory in a real browser (headless Chromium, software rendering).

1. Cold start on the shipped data: `streamlit run app.py` on a fresh database (first-start ingest
   included) — seconds to a healthy server, then seconds from opening the page in a browser context
   with an empty cache to the first chart (the browser process itself already running).
2. For synthetic corpora of 10,000 and 100,000 events (`timeline synth`): seconds from a filter
   change in the sidebar (the Events radio and the Lanes radio, alternately) to the chart redrawn
   with the new data — median of --changes changes after one warm-up — and the server's resident
   memory (current and peak) once the table is loaded.

    python benchmarks/bench_dashboard.py [--sizes 10000 100000] [--changes 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, start_app  # noqa: E402  (the same launcher the browser tests use)

from timeline import synth  # noqa: E402
from timeline.store import Store  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
CHANGES = [("Events", "Derived"), ("Events", "All"), ("Lanes", "Actor"), ("Lanes", "Event type"),
           ("Events", "Reported"), ("Events", "All"), ("Lanes", "Country"), ("Lanes", "Event type")]
CHART = ".js-plotly-plot .cartesianlayer .point"
REDRAWN = """([old]) => { const gd = document.querySelector('.js-plotly-plot');
  return gd && gd.data && gd.data !== window.__before && !document.querySelector('[data-stale="true"]'); }"""


def _rss(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _first_chart(page: Page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.locator(CHART).first.wait_for(timeout=300_000)
    return time.perf_counter() - started


def _change(page: Page, group: str, option: str) -> float:
    page.evaluate("() => { window.__before = document.querySelector('.js-plotly-plot').data; }")
    radio = page.locator("section[data-testid=stSidebar]").get_by_role("radiogroup", name=group)
    started = time.perf_counter()
    radio.get_by_text(option, exact=True).click()
    page.wait_for_function(REDRAWN, arg=[None], timeout=120_000, polling="raf")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--changes", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        browser.new_page().goto("about:blank")  # the browser process is up: its own start is not the app's
        started = time.perf_counter()
        proc, url = start_app(f"sqlite:///{folder}/shipped.db", Path(folder) / "shipped.log")
        ready = time.perf_counter() - started
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()  # empty cache
        first = _first_chart(page, url)
        second = _first_chart(page, url)
        proc.terminate()
        proc.wait()
        port = int(url.rsplit(":", 1)[1])
        started = time.perf_counter()
        proc, url = start_app(f"sqlite:///{folder}/shipped-2.db", Path(folder) / "shipped-2.log", port)
        _first_chart(page, url)
        warm = time.perf_counter() - started
        proc.terminate()
        print(f"shipped data: fresh server up in {ready:.1f} s; first chart {first:.2f} s after opening the page "
              f"(empty browser cache, database built on this first start; {ready + first:.2f} s from server "
              f"launch), {second:.2f} s on reload; a fresh server and database with the browser's cache warm: "
              f"{warm:.2f} s from server launch to first chart")
        for size in args.sizes:
            db = f"sqlite:///{folder}/synth-{size}.db"
            synth.write(Store(db), size)
            proc, url = start_app(db, Path(folder) / f"synth-{size}.log")
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            first = _first_chart(page, url)
            _change(page, "Events", "Derived")  # warm-up
            _change(page, "Events", "All")
            times = [_change(page, *CHANGES[i % len(CHANGES)]) for i in range(args.changes)]
            rss, peak = _rss(proc.pid)
            proc.terminate()
            print(f"{size:>7,} events: first chart {first:.1f} s; filter change → chart redrawn: median "
                  f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, n={len(times)}); "
                  f"server RSS {rss:,.0f} MB (peak {peak:,.0f} MB)")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
