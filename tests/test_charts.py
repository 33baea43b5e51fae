"""Figure builders, tested without a browser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.charts import selected_ids, timeline_figure
from timeline.pipeline import read_articles
from timeline.table import event_table


def _seed_table(seed_path: Path) -> pd.DataFrame:
    done, _ = read_articles([seed_path])
    return event_table(done[0][1], [done[0][0]])


def test_marks_by_precision(seed_path: Path) -> None:
    table = _seed_table(seed_path)
    fig = timeline_figure(table)
    bars = [t for t in fig.data if t.type == "bar"]
    points = [t for t in fig.data if t.type == "scatter" and t.name != "Deadline (derived)"]
    derived = [t for t in fig.data if t.name == "Deadline (derived)"]
    assert sum(len(t.x) for t in bars) == 2  # January and "earlier this year"
    assert sum(len(t.x) for t in points) == 3
    assert len(derived) == 1 and derived[0].marker.symbol == "diamond-open"
    ids = {row[0] for t in fig.data for row in t.customdata}
    assert ids == set(table["event_id"])


def test_bar_spans_its_interval(seed_path: Path) -> None:
    fig = timeline_figure(_seed_table(seed_path))
    january = [(b, x) for t in fig.data if t.type == "bar" for b, x, c in zip(t.base, t.x, t.customdata)
               if "retakes office" in c[1]]
    (base, width), = january
    assert base == "2025-01-01" and width == 31 * 24 * 3600 * 1000


def test_lanes_by_actor(seed_path: Path) -> None:
    fig = timeline_figure(_seed_table(seed_path), lane="actor")
    lanes = {y for t in fig.data for y in t.y}
    assert "Donald Trump" in lanes and "Kremlin" in lanes
    assert fig.layout.showlegend


def test_selected_ids_reads_plotly_selection() -> None:
    event = {"selection": {"points": [{"customdata": ["abc", "x"]}, {"customdata": ["abc"]}, {"x": 1}]}}
    assert selected_ids(event) == ["abc"]
    assert selected_ids(None) == [] and selected_ids({"selection": {}}) == []


def test_many_actors_share_an_other_lane() -> None:
    rows = [{"event_id": str(i), "date_start": "2025-01-01", "date_end": "2025-01-01", "precision": "day",
             "derived": False, "event_type": "01 A", "label": "x", "actors": f"Actor {i % 40}", "countries": "",
             "sources": 1} for i in range(200)]
    fig = timeline_figure(pd.DataFrame(rows), lane="actor")
    lanes = {y for t in fig.data for y in t.y}
    assert len(lanes) == 20 and "(other actors)" in lanes


def test_range_slider_only_over_single_events(seed_path: Path) -> None:
    # The counts view is the overview already; a slider there would draw every mark twice per redraw.
    table = _seed_table(seed_path)
    assert timeline_figure(table).layout.xaxis.rangeslider.visible
    counts = timeline_figure(table, max_marks=2)
    assert counts.data[0].customdata[0][0].startswith("agg|")
    assert not counts.layout.xaxis.rangeslider.visible


def test_the_place_shows_in_the_hover_escaped_and_filters_the_table(seed_path: Path) -> None:
    from timeline.filters import Filters, apply, options

    table = _seed_table(seed_path)
    first = table.index[table["date_start"].notna()][0]
    table.loc[first, "location"] = "<b>Istanbul</b>"
    details = [row[2] for t in timeline_figure(table).data for row in t.customdata]
    assert any("in &lt;b&gt;Istanbul&lt;/b&gt;" in d for d in details) and not any("<b>Istanbul" in d for d in details)
    assert "<b>Istanbul</b>" in options(table)["places"] and "Turkey" in options(table)["places"]
    assert apply(table, Filters(places=("<b>Istanbul</b>",)))["event_id"].tolist() == [table.loc[first, "event_id"]]


def _day_rows(days: list[str], derived: bool = False) -> pd.DataFrame:
    return pd.DataFrame([{"event_id": f"e{i}", "date_start": d, "date_end": d, "precision": "day", "derived": derived,
                          "event_type": "04 Consult", "label": "x", "actors": "A", "countries": "", "sources": 1}
                         for i, d in enumerate(days)])


def test_one_1982_event_does_not_stretch_the_opening_view() -> None:
    from datetime import date

    from timeline.charts import busiest_stretch
    days = ["1982-04-02"] + [f"2025-{m:02d}-{d:02d}" for m in (5, 6, 7) for d in (1, 10, 20)]
    starts = pd.to_datetime(pd.Series(days))
    assert busiest_stretch(starts) == (date(2025, 5, 1), date(2025, 7, 20))
    assert busiest_stretch(starts.iloc[1:]) is None  # nothing to narrow: the whole span is the busy one
    # spread over years: the densest year, the latest on a tie
    spread = pd.to_datetime(pd.Series([f"{y}-06-01" for y in range(2000, 2020)] + ["2012-02-01", "2012-09-01"]))
    first, last = busiest_stretch(spread)  # type: ignore[misc]
    assert (last - first).days <= 366 and first.year == 2012


def test_countdowns_are_annotations_so_the_range_slider_does_not_repeat_them() -> None:
    from datetime import date
    fig = timeline_figure(_day_rows(["2025-07-01", "2025-09-02"], derived=True), today=date(2026, 12, 2))
    assert all(t.mode != "markers+text" and not t.text for t in fig.data)
    assert {a.text for a in fig.layout.annotations} >= {"passed 456 days ago", "passed 519 days ago"}


def test_the_key_sits_above_the_chart_in_actor_lanes() -> None:
    fig = timeline_figure(_day_rows(["2025-07-01"]), lane="actor")
    assert fig.layout.showlegend and fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y > 1
    assert fig.layout.margin.b == 10  # no blank band under the chart for a key that drifted there


def test_a_window_draws_and_counts_only_its_own_events() -> None:
    """A corpus spanning 1700–2099 opened on its busiest year: counted by day in that year, not by
    year across four centuries (one column of dots), and nothing outside it drawn."""
    days = pd.date_range("2022-01-01", "2022-12-31", freq="D")
    rows = [{"event_id": str(i), "date_start": str(d.date()), "date_end": str(d.date()), "precision": "day",
             "derived": False, "event_type": "04 Consult", "label": "x", "actors": "Russia", "countries": "RUS",
             "sources": 1} for i, d in enumerate(list(days) * 5)]
    rows += [{**rows[0], "event_id": "old", "date_start": "1700-01-01", "date_end": "1700-12-31"},
             {**rows[0], "event_id": "far", "date_start": "2099-01-01", "date_end": "2099-12-31"}]
    fig = timeline_figure(pd.DataFrame(rows), window=(date(2022, 1, 1), date(2022, 12, 31)))
    assert fig.layout.title.text.startswith("Events per day")  # 365 days fit: no year-wide column
    drawn = {str(c[0]) for t in fig.data for c in (t.customdata if t.customdata is not None else [])}
    assert not any("1700" in c or "2099" in c for c in drawn)


def _stretch_event_by_event(starts: pd.Series, days: int = 366, share: float = 0.9) -> tuple[date, date] | None:
    """busiest_stretch as it was first written, over every event: what the day-count version must equal."""
    import math

    ordered = pd.to_datetime(starts.dropna()).sort_values().reset_index(drop=True)
    n = len(ordered)
    if n < 2:
        return None
    k = max(2, math.ceil(share * n))
    lengths = (ordered.iloc[k - 1:].reset_index(drop=True) - ordered.iloc[: n - k + 1]).dt.days
    i = int(lengths[lengths == lengths.min()].index[-1])
    first, last = ordered.iloc[i], ordered.iloc[i + k - 1]
    reach = max((last - first) / 4, pd.Timedelta(days=3))
    near = ordered[(ordered >= first - reach) & (ordered <= last + reach)]
    first, last = near.iloc[0], near.iloc[-1]
    if (last - first).days > days:
        begins = ordered.searchsorted(ordered - pd.Timedelta(days=days), side="left")
        counts = pd.Series(range(n)) - begins + 1
        j = int(counts[counts == counts.max()].index[-1])
        first, last = ordered.iloc[int(begins[j])], ordered.iloc[j]
    if first == ordered.iloc[0] and last == ordered.iloc[-1]:
        return None
    return first.date(), last.date()


@pytest.mark.parametrize("seed", range(60))
def test_the_busiest_stretch_from_counts_per_day_is_that_of_the_events(seed: int) -> None:
    import random

    from timeline.charts import busiest_stretch

    rng = random.Random(seed)
    spread = rng.choice([3, 30, 400, 3000])
    base = date(2020, 1, 1)
    days = [base + pd.Timedelta(days=int(rng.gauss(spread, spread / 3)) if rng.random() < 0.7 else rng.randrange(spread * 3))
            for _ in range(rng.choice([1, 2, 3, 10, 50, 400]))]
    starts = pd.Series([d.isoformat() for d in days])
    for window, share in ((366, 0.9), (30, 0.5), (5, 0.99)):
        assert busiest_stretch(starts, window, share) == _stretch_event_by_event(starts, window, share)


def test_unclassified_events_are_named_plainly_on_the_chart() -> None:
    rows = pd.DataFrame([{"event_id": "u", "date_start": "2025-07-14", "date_end": "2025-07-14", "precision": "day",
                          "derived": False, "event_type": "-- Unclassified", "label": "x", "actors": "Russia",
                          "countries": "RUS", "sources": 1}])
    by_type = timeline_figure(rows, "event_type", today=date(2025, 7, 18))
    assert list(by_type.layout.yaxis.categoryarray) == ["Unclassified"]
    by_actor = timeline_figure(rows, "actor", today=date(2025, 7, 18))
    assert {trace.name for trace in by_actor.data} == {"Unclassified"}
