"""Story time: the examples of resources/temporal_story.toml, and what the story must not do."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.resources import load_toml
from timeline.temporal import tag
from timeline.temporal.story import STORY_FILE, Story

EXAMPLES = load_toml(STORY_FILE)["example"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['kind']}:{e['text'][:50]}" for e in EXAMPLES])
def test_story_example(example: dict) -> None:
    found = {t.text: t for t in tag(example["text"], date.fromisoformat(example["published"]), kind=example["kind"])}
    assert example["expr"] in found, f"{example['expr']!r} not tagged; tagged {list(found)}"
    assert found[example["expr"]].value == example["value"], found[example["expr"]].reason


def test_the_reason_names_the_date_the_year_came_from() -> None:
    text = "On March 3, 1921, the sailors rebelled. On March 18 the revolt was crushed."
    march_18 = tag(text, date(2009, 12, 19), kind="narrative")[1]
    assert march_18.reason == ("'On March 18' → the year of 'March 3, 1921', the last date the text gave "
                               "(1921-03-03) → 1921-03-18")
    assert march_18.anchor == "1921-03-03"


def test_a_history_without_a_date_yet_is_read_from_publication() -> None:
    [august] = tag("In August the army marched north.", date(2009, 12, 19), kind="narrative")
    assert august.value == "2009-08"


def test_news_by_default_and_no_other_kind() -> None:
    text = "On March 3, 1921, the sailors rebelled. Talks opened on March 18."
    assert tag(text, date(2009, 12, 19))[1].value == "2009-03-18"  # mid-sentence, a later sentence: of now
    with pytest.raises(ValueError, match="kind must be one of"):
        Story(text, None, "fiction")


def test_without_a_publication_date_the_story_still_gives_the_year() -> None:
    [_, march] = tag("In 2014, Russia annexed Crimea. On March 18 it signed the treaty.", None)
    assert march.value == "2014-03-18"


@pytest.mark.parametrize("text", ["The fleet landed 1500 troops.", "Losses reached 1200 men.",
                                  "A force of 1650 marched.", "He scored 1776 points."])
def test_a_number_below_1800_without_a_word_of_time_is_no_year(text: str) -> None:
    assert tag(text, date(2009, 12, 19), kind="narrative") == []


def test_story_time_is_linear_on_a_long_list_of_dates() -> None:
    """Paragraphs and sentences are found once per text; a long list costs one bisection per date."""
    text = "In 1921, it began. " + "On March 18 it went on. " * 20_000
    found = tag(text, date(2009, 12, 19), kind="narrative")
    assert len(found) == 20_001 and {t.value for t in found[1:]} == {"1921-03-18"}
