"""Article text is data: escaped wherever it is shown, never markup."""

from __future__ import annotations

import pytest

from timeline.display import article_html, evidence_html, highlight
from timeline.events.build import extract_events
from timeline.ingest.text import parse_text
from timeline.temporal import tag

HOSTILE = ('Evil <script>alert(1)</script> and <img src=x onerror="alert(2)"> and [click](javascript:alert(3)) '
           "and **bold**")


@pytest.mark.parametrize("marks", [[], [(0, 4, "date")], [(5, 13, "actor"), (0, 4, "date")]])
def test_highlight_escapes_everything(marks: list[tuple[int, int, str]]) -> None:
    out = highlight(HOSTILE, 0, marks)
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img" in out


def test_mark_kind_cannot_inject_attributes() -> None:
    out = highlight("Friday", 0, [(0, 6, 'x" onmouseover="alert(1)')])
    assert out == '<mark class="tl-xonmouseoveralert1">Friday</mark>'


def test_evidence_and_article_html_escape_article_text() -> None:
    article = parse_text(f"Title <b>x</b>\nPosted on July 18, 2025\nKYIV (AP) - Putin met Xi on Monday. {HOSTILE}")
    (event,) = extract_events(article)
    for out in (evidence_html(event, {article.id: article}), article_html(article, tag(article.text, article.published))):
        assert "<script>" not in out and "<img" not in out and "<b>x</b>" not in out
    assert '<mark class="tl-date">Monday</mark>' in evidence_html(event, {article.id: article})


@pytest.mark.parametrize(("url", "linked"), [("https://example.org/a?x=1&y=\"2\"", True),
                                             ("javascript:alert(1)", False), (None, False)])
def test_evidence_links_only_web_addresses(url: str | None, linked: bool) -> None:
    from dataclasses import replace

    article = replace(parse_text("Talks\nPosted on July 18, 2025\nKYIV (AP) - Putin met Xi on Monday."), url=url)
    (event,) = extract_events(article)
    out = evidence_html(event, {article.id: article})
    assert ("<a href=" in out) == linked
    if linked:
        assert 'href="https://example.org/a?x=1&amp;y=&quot;2&quot;"' in out
    assert "javascript:" not in out
