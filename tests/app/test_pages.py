"""One AppTest per page: no exception, and the expected content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppTest:
    monkeypatch.setenv("TIMELINE_DB", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def test_timeline_page(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == "Timeline"
    assert "6 events from 1 article(s)." in app.caption[0].value.replace("\\", "")
    assert app.get("plotly_chart")


def test_timeline_page_leaves_only_the_timeline_chart(app: AppTest) -> None:
    # The first run sends a blank chart early (so the browser fetches Plotly) and removes it at the end.
    assert app.session_state["plotly_fetched"]
    charts = app.get("plotly_chart")
    assert len(charts) == 1 and '"event+select"' in charts[0].proto.spec
    app.run()  # later runs send no blank chart
    assert not app.exception and len(app.get("plotly_chart")) == 1


def test_opening_the_dashboard_loads_no_html_or_feed_reader() -> None:
    # trafilatura, htmldate and feedparser cost a cold start ~0.25 s of imports; only HTML and feeds need them.
    code = ("import sys, pages.shared, timeline.charts, timeline.pipeline; "
            "print(sorted(m for m in ('trafilatura', 'htmldate', 'feedparser') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_timeline_page_shows_the_event_named_in_the_link(app: AppTest) -> None:
    from timeline.pipeline import read_articles
    done, _ = read_articles([ROOT / "data" / "articles"])
    friday = next(e for e in done[0][1] if e.date_start and e.date_start.isoformat() == "2025-07-18")
    app.query_params["event"] = friday.id
    app.run()
    assert not app.exception
    html = " ".join(str(h.proto.body) for h in app.get("html"))
    assert "Kremlin says" in html and "tl-date" in html


def test_events_page(app: AppTest) -> None:
    app.switch_page("pages/events.py").run()
    assert not app.exception
    assert app.title[0].value == "Events"
    assert len(app.dataframe[0].value) == 6


def test_events_page_builds_exports_only_when_asked(app: AppTest) -> None:
    """A 250 KB article once made four 65 MB exports on every rerun: the files are built when their
    button is clicked (a deferred download), none is sent with the page."""
    app.switch_page("pages/events.py").run()
    buttons = app.get("download_button")
    assert len(buttons) == 4
    for button in buttons:
        if button.proto.disabled:
            continue
        assert button.proto.deferred_file_id and not button.proto.url, button.proto.label


def test_an_empty_export_says_why_instead_of_downloading_an_empty_file(app: AppTest) -> None:
    """The seed's only deadline has passed: the calendar of upcoming deadlines would be empty."""
    app.switch_page("pages/events.py").run()
    ics = [b for b in app.get("download_button") if "ics" in b.proto.label]
    assert len(ics) == 1 and ics[0].proto.disabled
    assert any("No upcoming deadline in this view" in c.value for c in app.caption)


def test_sources_page_shows_a_markdown_title_as_literal_text(app: AppTest) -> None:
    """An image in a title made the browser fetch it: the heading now escapes every markdown sign."""
    import os

    from timeline.ingest.text import parse_text
    from timeline.store import Store

    title = "![pixel](http://127.0.0.1:9/p.png) [Log in](https://phish.example) **now**"
    article = parse_text("Putin met Xi on Monday in Moscow.", source="hostile.txt", title=title)
    Store(os.environ["TIMELINE_DB"]).add(article, [])
    app.query_params["article"] = article.id
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    heading = app.subheader[-1].value
    assert heading.replace("\\", "").replace("\u2060", "") == title and "\\!\\[pixel\\]\\(http\\:" in heading


def test_sources_page(app: AppTest) -> None:
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    assert app.title[0].value == "Sources"
    assert "Published: 2025-07-18 (from header line)" in app.text[0].value
    assert "never used as an anchor" in app.text[0].value
    assert app.subheader[0].value.startswith("Kremlin says Trump sanctions threat")


def test_empty_store_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIMELINE_DB", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.chdir(ROOT)
    from timeline.store import Store
    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    store.add(__import__("timeline.ingest.text", fromlist=["parse_text"]).parse_text("Nothing happened."), [])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "timeline ingest" in at.info[0].value


def test_ingest_page_pasted_article_shows_up_on_the_timeline(app: AppTest) -> None:
    app.switch_page("pages/ingest.py").run()
    assert not app.exception and app.title[0].value == "Ingest"
    app.text_area[0].input("Putin and Xi talk\nPosted on March 2, 2022\nMOSCOW (Reuters) - Putin met Xi on Monday.")
    app.button[0].click().run()
    assert not app.exception
    assert app.success[0].value.startswith("1 added")
    assert 'tl-result tl-added' in " ".join(str(h.proto.body) for h in app.get("html"))
    app.switch_page("pages/timeline.py").run()
    assert "7 events from 2 article(s)." in app.caption[0].value.replace("\\", "")


def test_ingest_page_reports_a_bad_url(app: AppTest) -> None:
    app.switch_page("pages/ingest.py").run()
    app.text_area[1].input("ftp://example.invalid/x")
    app.button[0].click().run()
    assert not app.exception
    assert app.error[0].value.replace("\\", "").startswith("Nothing was stored: 1 of 1 input(s) failed")
    rows = " ".join(str(h.proto.body) for h in app.get("html"))
    assert rows.count("tl-result tl-failed") == 1 and "http" in rows


def test_ingest_page_counts_a_line_as_one_input_and_says_all_failed_in_red(app: AppTest) -> None:
    """ "not a url" was three inputs, and "5 failed. The Timeline shows the new events." was green."""
    app.switch_page("pages/ingest.py").run()
    app.text_area[1].input("not a url\nftp://x/y")
    app.button[0].click().run()
    assert not app.exception and not app.success and not app.warning
    said = app.error[0].value.replace("\\", "")
    assert "2 of 2 input(s) failed" in said and "Timeline shows" not in said
    rows = " ".join(str(h.proto.body) for h in app.get("html"))
    assert rows.count("tl-result tl-failed") == 2 and "<span>not a url</span>" in rows


def test_publication_date_pickers_accept_2011(app: AppTest) -> None:
    from datetime import date

    app.switch_page("pages/ingest.py").run()
    picker = app.date_input[0]
    assert picker.min <= date(2011, 11, 12) and picker.max == date.today()


def test_sources_page_sets_a_missing_date(app: AppTest) -> None:
    from datetime import date

    app.switch_page("pages/ingest.py").run()
    app.text_area[0].input("Talks stall\nKYIV (AP) - Putin met Xi on Monday.")
    app.button[0].click().run()
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    assert "1 article(s) need a publication date" in app.subheader[0].value
    app.date_input[0].set_value(date(2025, 7, 18))
    app.button[0].click().run()
    assert not app.exception
    assert not [h for h in app.subheader if "need a publication date" in h.value]  # it has its date now


@pytest.mark.parametrize("page", ["pages/timeline.py", "pages/events.py", "pages/keydates.py", "pages/sources.py",
                                  "pages/ingest.py"])
def test_every_page_opens_on_a_columnar_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str) -> None:
    from timeline.synth import write_columnar

    write_columnar(tmp_path / "timeline.duckdb", 120)
    monkeypatch.setenv("TIMELINE_DB", f"duckdb:///{tmp_path / 'timeline.duckdb'}")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in [*at.caption, *at.info, *at.markdown]).replace("\\", "")
    if page == "pages/ingest.py":
        assert "read-only columnar build" in shown
    elif page in ("pages/timeline.py", "pages/events.py"):
        assert "120 events from 24 article(s)" in shown
