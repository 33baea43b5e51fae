"""Article text made safe to show: every piece HTML-escaped, marks added around known spans.

Article text is data. Nothing here lets it become markup: pages render these strings with
``st.html`` (which does not read markdown), and every character of article text passes
through ``html.escape`` first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from timeline.events.text import find_actors
from timeline.model import SUMMARY, Article, Event, TimeExpression
from timeline.pipeline import IngestResult
from timeline.table import publisher_of

STYLE = """<style>
.tl-excerpt { font-size: 1rem; line-height: 1.6; white-space: pre-wrap; margin: 0.25rem 0 0.75rem 0; }
.tl-excerpt mark.tl-date { background: #FFE08A; color: inherit; padding: 0 2px; border-radius: 3px; }
.tl-excerpt mark.tl-actor { background: #D6EAF8; color: inherit; padding: 0 2px; border-radius: 3px; }
.tl-excerpt mark.tl-timex { background: #FFF3C4; color: inherit; padding: 0 1px; border-radius: 3px; }
.tl-card { border: 1px solid #e3e6ea; border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
.tl-label { font-weight: 600; font-size: 1.1rem; margin-bottom: 0.2rem; }
.tl-meta, .tl-source { color: #555; font-size: 0.9rem; }
.tl-reason { margin: 0.4rem 0; font-size: 0.95rem; }
.tl-source { margin-top: 0.6rem; font-style: italic; }
.tl-result { border-left: 4px solid #8C8C8C; padding: 0.35rem 0.75rem; margin: 0.35rem 0; background: #fafafa;
             overflow-wrap: anywhere; }
.tl-result.tl-failed { border-color: #B3240F; } .tl-result.tl-added, .tl-result.tl-revised { border-color: #05573C; }
.tl-result .tl-status { font-weight: 600; margin-right: 0.5rem; }
.tl-result .tl-why { color: #333; font-size: 0.95rem; }
</style>"""


_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


_AUTOLINK = re.compile(r"(?i):(?=//)|\bwww(?=\.)")


def md_literal(text: object) -> str:
    """``text`` as literal text in a Streamlit element that renders markdown (titles, captions,
    warnings): every ASCII punctuation character backslash-escaped, so no link, image, emphasis,
    heading, directive or HTML tag can be formed from data; line breaks become spaces.

    An address keeps its look but is no link: a word joiner (U+2060) after "://" and "www" stops
    the renderer's autolinking of bare addresses.

    >>> print(md_literal("![x](http://evil/) **bold**"))
    \\!\\[x\\]\\(http\\:\u2060\\/\\/evil\\/\\) \\*\\*bold\\*\\*
    """
    flat = _AUTOLINK.sub(lambda m: m.group(0) + "\u2060", " ".join(str(text).split()))
    return _MARKDOWN.sub(r"\\\1", flat)


def highlight(text: str, start: int, marks: list[tuple[int, int, str]]) -> str:
    """Escaped HTML of ``text`` (which starts at offset ``start`` of its article) with
    ``<mark class="tl-KIND">`` around each (start, end, kind) span that lies inside it.

    >>> highlight("said <b>on Friday</b>", 10, [(21, 27, "date")])
    'said &lt;b&gt;on <mark class="tl-date">Friday</mark>&lt;/b&gt;'
    """
    end = start + len(text)
    inside = sorted((max(s, start), min(e, end), k) for s, e, k in marks if s < end and e > start and e > s)
    out, pos = [], start
    for s, e, kind in inside:
        if s < pos:  # overlapping marks: keep the first
            continue
        out.append(html.escape(text[pos - start : s - start]))
        safe_kind = "".join(ch for ch in kind if ch.isalnum()) or "mark"
        out.append(f'<mark class="tl-{safe_kind}">{html.escape(text[s - start : e - start])}</mark>')
        pos = e
    out.append(html.escape(text[pos - start :]))
    return "".join(out)


def excerpt_block(text: str, start: int, marks: list[tuple[int, int, str]]) -> str:
    """An excerpt as a block of escaped, highlighted HTML."""
    return f'<div class="tl-excerpt">{highlight(text, start, marks)}</div>'


def _when(event: Event) -> str:
    if event.date_start is None:
        return "undated"
    start, end = event.date_start.isoformat(), event.date_end.isoformat() if event.date_end else ""
    return start if start == end or not end else f"{start} … {end}"


def evidence_html(event: Event, articles: dict[str, Article], edits: Sequence[object] = ()) -> str:
    """One event as an escaped HTML card: label, date, precision, the date's reason, the people's
    corrections (``edits``, each shown by its ``str``), and each excerpt with its date expression
    and actors highlighted, under its article's title and date."""
    e = html.escape
    flag = " · derived" if event.derived else ""
    parts = [
        '<div class="tl-card">',
        f'<div class="tl-label">{e(event.label)}</div>',
        f'<div class="tl-meta">{e(_when(event))} · {e(event.precision)}{flag} · {e(event.event_type)}'
        f' · {e(", ".join(event.actors) or "no actor")}</div>',
        f'<div class="tl-reason"><b>Why this date:</b> {e(event.reason or "no date expression")}</div>',
        *(f'<div class="tl-reason"><b>Another source dates it:</b> {e(c)}</div>' for c in event.conflicts),
        *(f'<div class="tl-reason tl-edit"><b>Edited:</b> {e(str(x))}</div>' for x in edits),
    ]
    sources = len(dict.fromkeys(x.article_id for x in event.excerpts))
    if sources > 1:
        parts.append(f'<div class="tl-meta">Reported by {sources} sources</div>')
    for x in event.excerpts:
        article = articles.get(x.article_id)
        on = event.date_start or (article.published if article else None)
        marks = [(m.start, m.end, "actor") for m in find_actors(article.text, x.start, x.end, on)] if article else []
        if x.date_start is not None and x.date_end is not None:
            marks.insert(0, (x.date_start, x.date_end, "date"))
        if article is not None:
            published = article.published.isoformat() if article.published else "no publication date"
            source = f"{article.title} — {publisher_of(article)}, {published}"
        else:
            source = "article not in the store"
        kind = " (summary line)" if x.kind == SUMMARY else ""
        link = ""
        if article is not None and article.url and article.url.lower().startswith(("http://", "https://")):
            link = (f' · <a href="{e(article.url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                    "open the article</a>")
        parts.append(f'<div class="tl-source">{e(source)}{e(kind)}{link}</div>')
        parts.append(excerpt_block(x.text, x.start, marks))
    parts.append("</div>")
    return "".join(parts)


def article_html(article: Article, expressions: list[TimeExpression]) -> str:
    """An article's whole text, escaped, with its temporal expressions marked (value on hover)."""
    marks = [(t.start, t.end, "timex") for t in expressions]
    body = highlight(article.text, 0, marks)
    return f'<div class="tl-excerpt">{body}</div>'


def results_html(results: list[IngestResult]) -> str:
    """One escaped row per ingested item: what happened, the input, and the title and events or the
    reason, wrapping at any width (a table's cell would cut the reason off at a phone's edge).

    >>> print(results_html([IngestResult("<x>.txt", "failed", error="<x>.txt: the file is empty")]))
    <div class="tl-result tl-failed"><span class="tl-status">failed</span><span>&lt;x&gt;.txt</span><div class="tl-why">&lt;x&gt;.txt: the file is empty</div></div>
    """
    e = html.escape
    rows = []
    for r in results:
        if r.status == "failed":
            detail = r.error or "no reason given"
        else:
            detail = f"{r.title or 'untitled'} — {r.events} event(s)" + (" · needs a publication date" if r.needs_date else "")
        status = "".join(ch for ch in r.status if ch.isalnum())
        rows.append(f'<div class="tl-result tl-{status}"><span class="tl-status">{e(r.status)}</span>'
                    f'<span>{e(r.source)}</span><div class="tl-why">{e(detail)}</div></div>')
    return "\n".join(rows)
