"""Reading plain-text articles: the seed's parts, the line rules' examples, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.errors import UnreadableInput
from timeline.ingest.text import line_rules, parse_text, read_file
from timeline.model import BODY, SUMMARY
from timeline.resources import load_toml

LINE_EXAMPLES = [(rule["role"], ex) for rule in load_toml("article.toml")["line"] for ex in rule["examples"]]


@pytest.mark.parametrize(("role", "line"), LINE_EXAMPLES, ids=[f"{r}:{e}" for r, e in LINE_EXAMPLES])
def test_line_rule_example(role: str, line: str) -> None:
    assert any(rule.role == role and rule.regex.search(line) for rule in line_rules())


def test_seed_header(seed_path: Path) -> None:
    article = read_file(seed_path)
    assert article.title == "Kremlin says Trump sanctions threat on Ukraine has not killed off US-Russia talks"
    assert article.publisher == "Global Banking and Finance Review"
    assert (article.published, article.published_source) == (date(2025, 7, 18), "header line")
    assert article.updated == date(2026, 1, 22)  # glued to "2 min read", and kept apart
    assert article.dateline == "MOSCOW (Reuters) -"


def test_seed_sections(seed_path: Path) -> None:
    article = read_file(seed_path)
    for span in article.sections:
        assert article.text[span.start : span.end] == span.text  # offsets map back to the original text
    body = [s.text for s in article.sections if s.kind == BODY]
    summary = [s.text for s in article.sections if s.kind == SUMMARY]
    assert body[0].startswith("The Kremlin said on Friday")  # the dateline is not body text
    assert body[-1].startswith("But no date has yet been set")
    assert len(summary) == 6  # the standfirst and five closing key points
    assert summary[0].startswith("The Kremlin believes")
    joined = "\n".join(s.text for s in article.sections)
    assert "Published by" not in joined and "Last updated" not in joined  # the repeated header is dropped
    assert "Explore more articles" not in joined  # site boilerplate
    assert "Reporting by" not in joined  # credits are not article text


def test_user_date_overrides_the_header(seed_path: Path) -> None:
    article = read_file(seed_path, published=date(2025, 7, 19))
    assert (article.published, article.published_source) == (date(2025, 7, 19), "user")


def test_article_without_date_has_none() -> None:
    article = parse_text("Talks stall\nThe envoys met on Monday and will meet again.")
    assert article.published is None and article.published_source == "none"


def test_plain_text_without_header_is_all_body() -> None:
    article = parse_text("Putin met Xi on Monday. They signed a treaty.")
    assert [s.kind for s in article.sections] == [BODY]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image .binary data."),
    (bytes(range(1, 32)) * 20, "binary"),
])
def test_bad_input_is_refused_by_name(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "bad.txt"
    file.write_bytes(content)
    with pytest.raises(UnreadableInput, match=message) as caught:
        read_file(file)
    assert str(file) in str(caught.value)


def test_non_utf8_text_is_decoded_by_detection(tmp_path: Path) -> None:
    file = tmp_path / "latin1.txt"
    text = "Déclaration du ministère\nLe président français a rencontré le chancelier allemand à Berlin lundi."
    file.write_bytes(text.encode("cp1252"))
    assert read_file(file).text == text


def test_file_above_size_limit_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "big.txt"
    file.write_text("Talks on Monday. " * 100)
    with pytest.raises(UnreadableInput, match="limit"):
        read_file(file, max_bytes=1000)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="cannot be read"):
        read_file(tmp_path / "nope.txt")
