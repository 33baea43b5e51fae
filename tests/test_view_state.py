"""The view's bounds and words: date pickers bounded by the data and the link, the count line."""

from __future__ import annotations

from datetime import date

import pandas as pd

from timeline.filters import check_link, count_line, date_bounds, options, publication_bounds

TODAY = date(2026, 12, 2)


def test_date_pickers_reach_the_data_not_today_minus_ten_years() -> None:
    table = pd.DataFrame({"date_start": ["1982-04-02", "2011-11-12", None], "date_end": ["1982-04-02", "2011-11-12", None],
                          "published": ["1982-04-02", "2011-11-12", "2025-07-18"], "event_type": ["x"] * 3,
                          "actors": [""] * 3, "countries": [""] * 3, "precision": ["day", "day", "undated"],
                          "publisher": ["p"] * 3})
    low, high = date_bounds(options(table)["dates"], [], TODAY)
    assert low <= date(1982, 4, 2) and high >= TODAY


def test_a_link_reaching_outside_the_data_widens_the_pickers() -> None:
    low, high = date_bounds(["2025-07-01", "2025-07-18"], ["1950-03-01", "2090-01-01"], TODAY)
    assert low <= date(1950, 3, 1) and high >= date(2090, 1, 1)
    assert check_link({"from": ["2011-01-01"], "to": ["2012-12-31"]}, {}) == []


def test_a_date_typed_far_from_the_data_is_taken() -> None:
    """The data spans a fortnight of 2025; a person typing 1914 or 2100 is not refused."""
    low, high = date_bounds(["2025-07-01", "2025-07-18"], [], TODAY)
    assert low <= date(1914, 7, 28) and high >= date(2100, 1, 1)


def test_a_link_whose_range_is_empty_says_so() -> None:
    assert check_link({"from": ["2012-12-31"], "to": ["2011-01-01"]}, {}) == [
        "'from' (2012-12-31) is after 'to' (2011-01-01): no day lies between them"]
    assert check_link({"span": ["maybe"]}, {}) == ["span must be true or false, not 'maybe'"]


def test_publication_pickers_accept_2011_and_refuse_the_future() -> None:
    low, high = publication_bounds(["1850-01-01", "2025-07-18"], TODAY)
    assert low <= date(1850, 1, 1) and high == TODAY
    assert publication_bounds(["0900-05-01"], TODAY)[0] == date(900, 5, 1)
    assert publication_bounds([], TODAY)[0] <= date(2011, 11, 12)


def test_the_count_line_says_how_many_events_are_undated() -> None:
    """ "49 of 49 events" while 21 had no mark: the undated are counted and said to be listed."""
    table = pd.DataFrame({"date_start": ["2025-07-18"] * 28 + [None] * 21, "article_id": ["a"] * 49})
    assert count_line(table, table) == "49 events from 1 article(s), 21 undated — listed below the chart."


def test_the_key_date_parameters_are_checked() -> None:
    assert check_link({"top": ["5"], "keys": ["true"]}, {}) == []
    assert sorted(check_link({"top": ["0"], "keys": ["often"]}, {})) == [
        "keys must be true or false, not 'often'", "top must be a number of key dates from 1 to 50, not '0'"]
