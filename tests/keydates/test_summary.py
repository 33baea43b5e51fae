"""What happened on a key date: which sentences are considered, the most central first, no repeats."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.ingest.text import parse_text
from timeline.keydates.digest import Digest, digest
from timeline.keydates.summary import pool, summaries

DAY = date(2025, 7, 14)


def article(posted: str, body: str) -> Digest:
    return digest(parse_text(f"Grain talks\nPosted on {posted}, 2025\n{body}"), [])


NAMING = article("July 20", "Talks went on for weeks. On July 14 the ministers signed the grain deal in Istanbul.")
NEXT_DAY_LEAD = article("July 15", "Ministers signed a grain deal in Istanbul, ending months of hard talks. "
                                   "Ships may sail again. Prices fell at once across the region's markets.")
LATER_LEAD = article("July 17", "Ships loaded with grain left Odesa for the first time in months on Wednesday.")
FRAGMENT = article("July 21", "Deal signed July 14. The harbour was quiet all week, and nobody spoke to reporters.")


@pytest.mark.parametrize(("collection", "expected"), [
    ([NAMING], ["On July 14 the ministers signed the grain deal in Istanbul."]),
    ([NEXT_DAY_LEAD], ["Ministers signed a grain deal in Istanbul, ending months of hard talks."]),  # lead: 2, one short
    ([LATER_LEAD], []),  # published three days after, and names another day
    ([FRAGMENT], []),  # four words: a fragment
], ids=["names the day", "leads the next day's article", "neither", "too short"])
def test_the_sentences_considered(collection: list[Digest], expected: list[str]) -> None:
    assert sorted(x.text for x in pool(DAY, collection)) == expected


def test_a_sentence_naming_the_day_keeps_where_the_date_is() -> None:
    (found,) = pool(DAY, [NAMING])
    text = NAMING.article.text if NAMING.article else ""
    assert text[found.start:found.end] == found.text and text[found.date_start:found.date_end] == "July 14"


OTHER = article("July 18", "On July 14 the Danube ports reopened for barges carrying maize to Romania.")


def test_near_duplicates_are_said_once_and_the_most_central_first() -> None:
    again = article("July 19", "Back on July 14 the ministers signed the grain deal in Istanbul, officials said.")
    said = summaries([DAY], [NAMING, again, OTHER, NEXT_DAY_LEAD])[DAY]
    assert len(said) == 2 and "grain deal" in said[0].text and "Danube" not in said[0].text
    assert sum("ministers signed the grain deal" in x.text for x in said) == 1


@pytest.mark.parametrize("per_day", [0, 1, 2, 5])
def test_at_most_per_day_sentences(per_day: int) -> None:
    collection = [NAMING, NEXT_DAY_LEAD, OTHER, FRAGMENT]  # two things said: the deal (twice), the ports
    said = summaries([DAY], collection)[DAY] if per_day == 2 else summaries([DAY], collection, per_day)[DAY]
    assert len(said) == min(per_day, 2)


def test_a_digest_without_its_article_says_nothing() -> None:
    bare = Digest(NAMING.article_id, NAMING.published, NAMING.mentions)
    assert summaries([DAY], [bare]) == {DAY: ()}
