"""The calendar's ends (issue 11): publication dates from year 1 to 9999 never raise; a date that
counting would push outside years 1-9999 stays unresolved with the reason; a full date's year is
its own ("31 December 9999" is not this year's 31 December)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.model import TimeExpression
from timeline.temporal import anchor_duration, tag

RELATIVE = ("On Monday, yesterday, tomorrow and tonight; last week, next week, this weekend; last month, "
            "next month, in January, in December; last year, next year, this spring, next winter, Christmas; "
            "the fourth quarter, the year-earlier quarter, a year ago, three days ago, in two years, a decade "
            "ago, 10,000 years ago, two years from now; the next day, that year, a week later; 5 p.m. Friday; "
            "the 21st century; a 50-day deadline, the next 90 days.")
ANCHORS = [date(1, 1, 1), date(1, 1, 3), date(1, 12, 31), date(2, 1, 1), date(1999, 12, 31),
           date(9998, 12, 31), date(9999, 1, 1), date(9999, 12, 31)]


@pytest.mark.parametrize("anchor", ANCHORS, ids=str)
def test_publication_dates_at_the_calendars_ends_never_raise(anchor: date) -> None:
    found = tag(RELATIVE, anchor)
    assert len(found) > 20
    for t in found:
        assert RELATIVE[t.start : t.end] == t.text
        if t.begin and t.end_date:
            assert t.begin <= t.end_date
        if not t.resolved:
            assert "outside the dates" in t.reason or "unknown" in t.reason


def test_a_date_past_year_9999_stays_unresolved_with_its_reason() -> None:
    (next_year,) = tag("Talks resume next year.", date(9999, 12, 31))
    assert not next_year.resolved and next_year.begin is None
    assert next_year.reason == ("'next year' falls outside the dates this tool can count (years 1 to 9999): "
                                "left unresolved")
    (last_year,) = tag("Talks ended last year.", date(1, 6, 1))
    assert not last_year.resolved and "outside" in last_year.reason


@pytest.mark.parametrize(("text", "value"), [
    ("The lease runs until 31 December 9999.", "9999-12-31"),
    ("The lease runs until December 31, 9999.", "9999-12-31"),
    ("It was signed on 1 January 0001.", "0001-01-01"),
    ("Peter's decree of June 8, 1701 founded it.", "1701-06-08"),
])
def test_31_december_9999_is_its_own_year_not_this_years(text: str, value: str) -> None:
    (expr,) = tag(text, date(2025, 7, 18))
    assert expr.value == value and expr.begin == value


def test_a_full_date_in_year_zero_is_unresolved_not_moved_to_this_year() -> None:
    (expr,) = tag("It was signed on 1 January 0000.", date(2025, 7, 18))
    assert expr.text == "1 January 0000" and not expr.resolved and "outside" in expr.reason


def test_a_deadline_counted_past_9999_stays_a_bare_duration() -> None:
    duration = TimeExpression("a", 0, 6, "50-day", "DURATION", "P50D")
    assert anchor_duration(duration, date(9999, 12, 1), "Monday") == duration


def test_short_years_are_written_with_four_digits() -> None:
    values = {t.text: t.value for t in tag("Talks resume next spring and next month.", date(5, 7, 18))}
    assert values == {"next spring": "0006-SP", "next month": "0005-08"}


@pytest.mark.parametrize("text", ["Putin signed Decree No. 1982 on Monday.", "Executive Order No. 2022 was signed.",
                                  "Resolution 2014 of the Security Council.", "Flight 1549 landed in the Hudson."])
def test_a_number_that_names_a_document_is_no_year(text: str) -> None:
    from datetime import date as _date

    from timeline.temporal import tag as _tag

    assert [x.text for x in _tag(text, _date(2022, 3, 1)) if x.type == "DATE" and x.text.isdigit()] == []
