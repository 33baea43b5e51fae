"""timeline.query answers in SQL what timeline.filters and timeline.charts answer on the pandas table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import charts, synth
from timeline.export import upcoming
from timeline.filters import Filters, apply, count_line, options
from timeline.pipeline import read_articles
from timeline.query import EventQuery
from timeline.table import event_table, sort_table

TODAY = date(2025, 3, 1)


@pytest.fixture(scope="module")
def table(seed_path: Path) -> pd.DataFrame:
    """A synthetic corpus with the seed article's events, a tenth of it made undated, and rows
    with empty actors, countries and places: every branch of every filter has rows to match."""
    pairs = list(synth.articles(3000, seed=11))
    done, _ = read_articles([seed_path])
    frame = event_table([e for _, found in pairs + done for e in found], [a for a, _ in pairs + done])
    undated = frame.index % 10 == 3
    frame.loc[undated, ["date_start", "date_end"]] = None
    frame.loc[undated, "precision"] = "undated"
    frame.loc[frame.index % 17 == 5, "actors"] = ""
    frame.loc[frame.index % 13 == 4, "countries"] = ""
    frame.loc[frame.index % 7 == 1, "location"] = "Moscow"
    return sort_table(frame)


@pytest.fixture(scope="module")
def query(table: pd.DataFrame) -> EventQuery:
    return EventQuery.of_table(table)


def _filters(table: pd.DataFrame) -> list[Filters]:
    o = options(table)
    return [
        Filters(), Filters(start=date(2024, 6, 1)), Filters(end=date(2024, 6, 1)),
        Filters(start=date(2024, 6, 1), end=date(2024, 6, 30)), Filters(start=date(2025, 7, 18), end=date(2025, 7, 18)),
        Filters(types=tuple(o["types"][:2])), Filters(actors=(o["actors"][0],)), Filters(actors=tuple(o["actors"][5:9])),
        Filters(countries=("RUS", "UKR")), Filters(precisions=("month", "undated")), Filters(derived="Derived"),
        Filters(derived="Reported", types=(o["types"][3],)), Filters(keyword="kremlin"), Filters(keyword="  SaId "),
        Filters(sources=tuple(o["sources"][:3])), Filters(places=("Moscow",)), Filters(places=("",)),
        Filters(start=date(2024, 3, 1), actors=(o["actors"][1],), countries=("USA",), derived="Reported"),
        Filters(keyword="no such words anywhere"),
    ]


CASES = range(19)


@pytest.mark.parametrize("case", CASES)
def test_the_rows_and_counts_of_sql_are_those_of_the_pandas_filters(table: pd.DataFrame, query: EventQuery,
                                                                     case: int) -> None:
    f = _filters(table)[case]
    view = apply(table, f)
    assert query.rows(f)["event_id"].tolist() == view["event_id"].tolist()
    assert query.count(f).line() == count_line(view, table)
    assert query.count_upcoming(f, TODAY) == len(upcoming(view, TODAY))
    undated = view[view["date_start"].isna()]
    assert query.undated(f, 25)["event_id"].tolist() == undated["event_id"].head(25).tolist()
    dated = view[view["date_start"].notna()]
    assert query.stretch(f) == (charts.busiest_stretch(dated["date_start"]) if len(dated) else None)


@pytest.mark.parametrize("case", [0, 1, 3, 4, 6, 8, 10, 17])
@pytest.mark.parametrize("lane", ["event_type", "actor", "country"])
@pytest.mark.parametrize("window", [(None, None), (date(2024, 3, 1), date(2024, 3, 20)), (date(2025, 1, 1), None),
                                    (None, date(2024, 2, 1))])
def test_the_timeline_from_sql_is_the_timeline_of_the_pandas_view(table: pd.DataFrame, query: EventQuery, case: int,
                                                                  lane: str, window: tuple[date | None, date | None]
                                                                  ) -> None:
    f = _filters(table)[case]
    expected = charts.timeline_figure(apply(table, f), lane, today=TODAY, window=window)
    assert query.figure(f, lane, window, today=TODAY).to_json() == expected.to_json()


def test_counts_per_lane_and_period_are_those_of_pandas(table: pd.DataFrame, query: EventQuery) -> None:
    data, _ = query.chart_data(Filters(), "actor", max_marks=50)
    assert isinstance(data, charts.LaneCounts)
    rows = charts._lane_rows(table, "actor")
    expected = charts.lane_counts(rows, charts.AGG_MARKS if 50 > charts.AGG_MARKS else 50)
    pd.testing.assert_frame_equal(data.counts, expected.counts, check_dtype=False)
    assert (data.period, data.first, data.last) == (expected.period, expected.first, expected.last)


def test_the_options_are_those_of_the_pandas_table(table: pd.DataFrame, query: EventQuery) -> None:
    assert query.options() == options(table)


def test_a_day_and_an_article_and_ids_read_their_rows(table: pd.DataFrame, query: EventQuery) -> None:
    day = table["date_start"].dropna().iloc[100]
    expected = table[(table["date_start"] <= day) & (table["date_end"] >= day) & (table["precision"] == "day")]
    assert query.on_day(Filters(), day, ["event_id"])["event_id"].tolist() == expected["event_id"].tolist()
    article = table["article_id"].iloc[7]
    assert query.of_article(article)["event_id"].tolist() == table[table["article_id"] == article]["event_id"].tolist()
    ids = table["event_id"].iloc[[3, 9, -1]].tolist()  # the last is undated
    assert sorted(query.by_ids(ids)["event_id"]) == sorted(ids)
    assert query.by_ids(ids, Filters(precisions=("undated",)))["event_id"].tolist() == ids[-1:]


def test_the_articles_behind_a_view_and_their_dates(table: pd.DataFrame, query: EventQuery) -> None:
    f = Filters(countries=("UKR",))
    view = apply(table, f)
    ids, first, last = query.articles_of(f, 10**6) or ([], None, None)
    assert set(ids) == set(view["article_id"]) and (first, last) == (view["date_start"].min(), view["date_end"].max())
    assert query.articles_of(f, 3) is None  # more than 3: too many to rank here


def test_an_empty_table_is_queried_like_any() -> None:
    empty = event_table([], [])
    q = EventQuery.of_table(empty)
    assert q.total() == 0 and q.options() == options(empty)
    assert len(q.figure(Filters()).data) == 0


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_filters_pass_the_same_rows_in_sql_and_pandas(table: pd.DataFrame, query: EventQuery,
                                                          data: st.DataObject) -> None:
    o = options(table)
    day = st.one_of(st.none(), st.dates(date(2023, 1, 1), date(2026, 12, 31)))
    some = lambda values: st.lists(st.sampled_from(values), max_size=3).map(tuple)  # noqa: E731
    f = Filters(data.draw(day), data.draw(day), data.draw(some(o["types"])), data.draw(some(o["actors"][:60])),
                data.draw(some(o["countries"])), data.draw(some(o["precision"])),
                data.draw(st.sampled_from(["All", "Reported", "Derived"])),
                data.draw(st.sampled_from(["", "said", "Kremlin", "  WOULD ", "sanction", "x"])),
                data.draw(some(o["sources"])), data.draw(some(o["places"] + [""])))
    view = apply(table, f)
    assert query.rows(f, ["event_id"])["event_id"].tolist() == view["event_id"].tolist()
    assert query.count(f).line() == count_line(view, table)
