"""Nothing from an article, a link or a file name is rendered as markdown (issue 11): every
Streamlit call in the pages that shows text gets a literal string, text escaped by ``md_literal``,
or trusted HTML from ``timeline.display`` marked with a ``# trusted-html:`` comment."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import shutil
from pathlib import Path

import pandas as pd
import pytest

from timeline.display import md_literal
from timeline.filters import Filters, apply, check_link, options

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py")])
# Elements whose text Streamlit renders as markdown (or HTML), and the arguments holding it
SHOWS_TEXT = {"markdown", "write", "title", "header", "subheader", "caption", "info", "warning", "error",
              "success", "toast", "metric", "button", "download_button", "link_button", "page_link", "checkbox",
              "toggle", "radio", "selectbox", "multiselect", "text_input", "text_area", "date_input",
              "file_uploader", "form_submit_button", "progress", "spinner", "expander", "tabs", "popover",
              "status", "html", "latex", "badge", "help", "number_input", "slider", "select_slider"}
TEXT_KEYWORDS = {"body", "label", "text", "help", "caption"}
ALLOW = "# trusted-html:"


def _is_literal(node: ast.expr) -> bool:
    """A string fixed in the code, text escaped by md_literal, or a number: nothing from data."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, int, float)) or node.value is None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("md_literal", "len"):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(_is_literal(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):  # "{n:,}" cannot format a string: a number
        spec = ast.unparse(node.format_spec) if node.format_spec else ""
        return _is_literal(node.value) or "," in spec
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) and _is_literal(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal(node.left) and _is_literal(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_is_literal(e) for e in node.elts)
    return False


def _text_calls(path: Path) -> list[tuple[int, str, ast.expr, str]]:
    """(line, element, argument, source line) for every text argument of a text-showing call."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in SHOWS_TEXT):
            continue
        args = node.args[:1] + [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        if node.func.attr == "html":
            args = node.args[:1]
        elif node.func.attr == "progress":  # its first argument is the fraction done
            args = [k.value for k in node.keywords if k.arg == "text"] + node.args[1:2]
        elif node.func.attr == "page_link":  # its first argument is the page; the label is the text
            args = [k.value for k in node.keywords if k.arg == "label"] + node.args[1:2]
        for arg in args:
            found.append((node.lineno, node.func.attr, arg, lines[node.lineno - 1]))
    return found


CALLS = [(path, *call) for path in PAGES for call in _text_calls(path)]


def test_the_scan_sees_the_pages_text_calls() -> None:
    elements = {element for _, _, element, _, _ in CALLS}
    assert {"title", "caption", "warning", "subheader", "html", "download_button"} <= elements


@pytest.mark.parametrize(("path", "line", "element", "arg", "code"), CALLS,
                         ids=[f"{p.name}:{line}:{element}" for p, line, element, _, _ in CALLS])
def test_no_text_call_renders_data_as_markdown(path: Path, line: int, element: str, arg: ast.expr,
                                               code: str) -> None:
    if _is_literal(arg):
        return
    assert ALLOW in code, (f"{path.name}:{line}: st.{element}({ast.unparse(arg)}) may render data as "
                           f"markdown: wrap it in md_literal(...), or mark trusted HTML with {ALLOW!r}")
    assert element == "html", f"{path.name}:{line}: {ALLOW!r} is for st.html of timeline.display's escaped HTML"


@pytest.mark.parametrize("title", [
    "![x](http://127.0.0.1:9/pixel.png)", "[Click here](https://phish.example/login)", "**bold** _it_ `code`",
    "# heading", "<img src=x onerror=alert(1)>", ":red[coloured] :material/home:", "$x^2$", "www.evil.example",
])
def test_md_literal_leaves_no_markdown_syntax(title: str) -> None:
    escaped = md_literal(title)
    unescaped = escaped.replace("\\", "").replace("\u2060", "")
    assert unescaped == title  # shown as written (the word joiner that stops autolinks is invisible)
    assert "://" not in escaped.replace("\\", "") and "www." not in escaped.replace("\\", "").lower()
    for i, ch in enumerate(escaped):  # every punctuation character carries its backslash
        if ch.isascii() and not ch.isalnum() and not ch.isspace() and ch != "\\":
            assert escaped[i - 1] == "\\", (title, escaped)


def test_a_links_bad_parameter_is_quoted_for_literal_display() -> None:
    problems = check_link({"types": ["[Log in](https://phish.example)"]}, {"types": ["01 Make public statement"]})
    shown = md_literal("; ".join(problems))
    assert "\\[Log in\\]\\(https\\:\u2060\\/\\/phish\\.example\\)" in shown


def test_century_precision_is_offered_and_filterable() -> None:
    table = pd.DataFrame({"date_start": ["1801-01-01", "2025-07-14"], "date_end": ["1900-12-31", "2025-07-14"],
                          "precision": ["century", "day"], "event_type": ["x", "x"], "actors": ["A", "A"],
                          "countries": ["", ""], "derived": [False, False], "label": ["l", "l"],
                          "excerpt": ["e", "e"], "publisher": ["p", "p"]})
    assert options(table)["precision"] == ["day", "century"]
    assert apply(table, Filters(precisions=("century",)))["precision"].tolist() == ["century"]
    assert check_link({"precision": ["century"]}, {"precision": options(table)["precision"]}) == []


def test_cli_csv_neutralises_formulas_like_the_dashboard(tmp_path: Path) -> None:
    article = tmp_path / "formula.txt"
    article.write_text('=HYPERLINK("http://evil.example","Click")\nPosted on July 18, 2025\n'
                       "MOSCOW (Reuters) - Putin met Xi on Monday in Moscow.\n")
    exe = shutil.which("timeline")
    command = [exe] if exe else [sys.executable, "-m", "timeline.cli"]
    result = subprocess.run([*command, "events", str(article)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert len(table) and all(t.startswith("'=HYPERLINK") for t in table["article_title"])
