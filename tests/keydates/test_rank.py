"""Key dates: date F1, the baselines, the day counts, the shipped model and the ranking."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import ResourceError
from timeline.ingest import load
from timeline.keydates import (FEATURES, DatedEvent, Digest, caveats, date_f1, digest, key_dates, mention_count,
                               pubcount, rank_by_count, read_entries, read_timeline, shipped)
from timeline.keydates.digest import Mention, on
from timeline.keydates.features import GROUPS, SCALES, candidates, log_shares, percentiles, raw_counts
from timeline.keydates.ranker import Model, rank, validate
from timeline.resources import load_toml

T17 = Path(__file__).resolve().parents[3] / "shared" / "data" / "t17"
D = date.fromisoformat
needs_t17 = pytest.mark.skipif(not T17.exists(), reason=f"{T17} is not there (../shared/data/t17)")


def days(*values: str) -> list[date]:
    return [D(v) for v in values]


@pytest.mark.parametrize(("predicted", "gold", "expected"), [
    (["2011-01-25", "2011-01-28"], ["2011-01-25", "2011-01-28"], 1.0),
    (["2011-01-25"], ["2011-01-26"], 0.0),
    ([], ["2011-01-26"], 0.0),
    (["2011-01-01", "2011-01-02"], ["2011-01-02", "2011-01-03", "2011-01-04"], 0.4),  # P 1/2, R 1/3
    (["2011-01-01", "2011-01-02", "2011-01-03", "2011-01-04"], ["2011-01-01", "2011-01-02"], 2 / 3),  # P 1/2, R 1
    (["2011-01-02", "2011-01-02"], ["2011-01-02"], 1.0),  # a set: a day picked twice is one day
], ids=["same", "disjoint", "nothing picked", "half and a third", "all of the gold among others", "repeat"])
def test_date_f1(predicted: list[str], gold: list[str], expected: float) -> None:
    assert date_f1(days(*predicted), days(*gold)) == pytest.approx(expected)


# Four articles: two published 2011-01-26, one 01-28, one 01-29; the days they name.
SYNTHETIC = [
    on("a", "2011-01-26", "2011-01-25", "2011-01-25"),
    on("b", "2011-01-26", "2011-01-25", "2011-01-28"),
    on("c", "2011-01-28", "2011-01-28", "2011-01-25", "2011-01-25"),
    on("d", "2011-01-29", "2011-01-20"),
]


@pytest.mark.parametrize(("ranker", "top", "between", "expected"), [
    (pubcount, 3, None, ["2011-01-26", "2011-01-28", "2011-01-29"]),  # 2, 1, 1: ties -> earlier day
    (pubcount, 1, ("2011-01-27", "2011-01-31"), ["2011-01-28"]),
    (pubcount, 9, None, ["2011-01-26", "2011-01-28", "2011-01-29"]),  # only days with articles
    (mention_count, 3, None, ["2011-01-25", "2011-01-28", "2011-01-20"]),  # 5, 2, 1
    (mention_count, 2, ("2011-01-21", "2011-01-31"), ["2011-01-25", "2011-01-28"]),
], ids=["pubcount", "pubcount between", "pubcount top above days", "mentions", "mentions between"])
def test_baselines_on_synthetic_digests(ranker, top: int, between: tuple[str, str] | None,
                                        expected: list[str]) -> None:
    window = (D(between[0]), D(between[1])) if between else None
    assert ranker(SYNTHETIC, top, window) == days(*expected)


def test_rank_by_count_breaks_ties_by_the_earlier_day() -> None:
    counts = {D("2011-02-03"): 2, D("2011-02-01"): 2, D("2011-02-02"): 2}
    assert rank_by_count(counts, 3) == days("2011-02-01", "2011-02-02", "2011-02-03")


WEEK = Mention(D("2011-01-24"), D("2011-01-30"), 0, 0, False)
EVENTS = (DatedEvent(D("2011-01-25"), "14", 3, ("Protesters",), "e1"),
          DatedEvent(D("2011-01-25"), "18", 4, ("Police", "Protesters"), "e2"),
          DatedEvent(D("2011-01-25"), "04", 1, ("Mubarak",), "e3"))
COUNTED = [*SYNTHETIC, on("e", "2011-02-10", "2011-01-25", lead=["2011-01-28"]), on("f", "2011-01-20", "2011-01-25"),
           Digest("g", D("2011-01-26"), (WEEK,), EVENTS)]


@pytest.mark.parametrize(("name", "day", "expected"), [
    ("mentions", "2011-01-25", 7),  # a 2, b 1, c 2, e 1, f 1
    ("articles", "2011-01-25", 5),  # a b c e f: distinct articles
    ("later", "2011-01-25", 4),  # a b c e published after it; f before it
    ("far", "2011-01-25", 1),  # e, 16 days later
    ("earlier", "2011-01-25", 1),  # f, published 01-20
    ("lead", "2011-01-28", 1),  # e names it in its lead
    ("lead", "2011-01-25", 0),
    ("coarse", "2011-01-27", 1 / 7),  # a week spread over its seven days
    ("neighbours", "2011-01-26", 5),  # 01-25 named by five articles, 01-27 by none
    ("published", "2011-01-26", 3),  # a b g
    ("next", "2011-01-25", 3),  # published the day after
    ("events", "2011-01-25", 3),
    ("material", "2011-01-25", 1),  # QuadClass 4
    ("conflict", "2011-01-25", 2),  # QuadClass 3 and 4
    ("actors", "2011-01-25", 3),  # Protesters, Police, Mubarak
    ("event_articles", "2011-01-25", 1),
], ids=lambda v: str(v))
def test_raw_counts(name: str, day: str, expected: float) -> None:
    assert raw_counts(COUNTED)[name].get(D(day), 0) == pytest.approx(expected)


def test_lag_is_the_mean_log_distance_of_those_looking_back() -> None:
    assert raw_counts(COUNTED)["lag"][D("2011-01-25")] == pytest.approx((2 * math.log(2) + math.log(4)
                                                                         + math.log(17)) / 4)


def test_every_feature_is_described_and_burst_marks_the_busy_day() -> None:
    counts = raw_counts([on(str(i), "2011-01-26") for i in range(5)] + [on("z", "2011-01-10")])
    assert counts["burst"][D("2011-01-26")] > counts["burst"].get(D("2011-01-10"), 0) > 0
    assert set(counts) == set(FEATURES)


def test_percentiles_share_ties_and_run_from_0_to_1() -> None:
    c = {name: {} for name in FEATURES} | {"later": {D("2011-01-02"): 2.0, D("2011-01-03"): 2.0, D("2011-01-04"): 5.0}}
    rows = percentiles(c, days("2011-01-01", "2011-01-02", "2011-01-03", "2011-01-04"))
    assert [rows[d]["later"] for d in sorted(rows)] == [0.0, 0.5, 0.5, 1.0]
    assert set(rows[D("2011-01-01")]) == set(FEATURES)


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_each_scale_runs_from_0_for_nothing_to_1_for_the_most(scale: str) -> None:
    c = {"later": {D("2011-01-02"): 2.0, D("2011-01-03"): 7.0}}
    rows = SCALES[scale](c, days("2011-01-01", "2011-01-02", "2011-01-03"), ["later"])
    values = [rows[d]["later"] for d in sorted(rows)]
    assert values[0] == 0.0 < values[1] < values[2] == 1.0


def test_a_log_share_keeps_how_far_ahead_the_busiest_day_is() -> None:
    c = {"later": {D("2011-01-02"): 2.0, D("2011-01-03"): 80.0}}
    assert log_shares(c, days("2011-01-02", "2011-01-03"), ["later"])[D("2011-01-02")]["later"] == pytest.approx(
        math.log(3) / math.log(81))


def test_every_feature_is_in_one_group() -> None:
    grouped = [f for names in GROUPS.values() for f in names]
    assert sorted(grouped) == sorted(FEATURES)


def test_candidates_are_named_dated_or_published_days_within_between() -> None:
    found = candidates(raw_counts(COUNTED), (D("2011-01-19"), D("2011-01-24")))
    assert found == days("2011-01-19", "2011-01-20", "2011-01-24")  # f the day before its publication; d; the week


def test_the_shipped_model_reads_the_features_of_its_groups() -> None:
    data = load_toml("keydates_model.toml")
    assert shipped().features == tuple(f for f in FEATURES if any(f in GROUPS[g] for g in data["groups"]))
    assert shipped().scale == data["scale"] in SCALES
    assert len(shipped().coef) == len(shipped().features) and "references" in data["groups"]
    assert set(data["loto"]) == set(data["trained_on"]) and f'{data["scale"]}: {"+".join(data["groups"])}' in data["ablation"]


@pytest.mark.parametrize(("change", "message"), [  # each a key of the shipped file changed
    ({"colour": "red"}, "unknown keys"),
    ({"kind": "forest"}, "kind must be"),
    ({"features": ["mentions", "fame"]}, "unknown features \\['fame'\\]"),
    ({"features": ["mentions", "mentions"]}, "distinct feature names"),
    ({"coef": [1.0]}, "coef must be"),
    ({"scale": "z-score"}, "scale must be one of"),
    ({"intercept": "high"}, "intercept must be"),
])
def test_a_broken_model_file_fails_with_what_is_wrong(change: dict[str, object], message: str) -> None:
    data = dict(load_toml("keydates_model.toml")) | change
    with pytest.raises(ResourceError, match=message):
        validate(data, "keydates_model.toml")


def test_a_day_first_on_every_count_ranks_first() -> None:
    model = Model(FEATURES, (1.0,) * len(FEATURES), 0.0)
    counts = {name: {D("2011-01-02"): 3.0, D("2011-01-01"): 1.0} for name in FEATURES}
    assert [d for d, _ in rank(counts, days("2011-01-01", "2011-01-02"), model)] == days("2011-01-02", "2011-01-01")


def test_key_dates_prefers_the_day_looked_back_at() -> None:
    ranked = key_dates(SYNTHETIC, top=2)
    assert ranked[0].day == D("2011-01-25") and ranked[0].score > ranked[1].score
    assert ranked[0].why.startswith("3 articles name it (3 later)")


def test_key_dates_link_the_events_of_the_day() -> None:
    found = {k.day: k for k in key_dates(COUNTED, top=30)}
    assert found[D("2011-01-25")].event_ids == ("e1", "e2", "e3") and found[D("2011-01-28")].event_ids == ()


@pytest.mark.parametrize(("top", "between"), [(1, None), (3, ("2011-01-25", "2011-01-28")), (50, None),
                                              (50, ("2011-01-26", "2011-01-27")), (5, ("2012-01-01", "2012-12-31"))])
def test_key_dates_keeps_within_between_and_top(top: int, between: tuple[str, str] | None) -> None:
    window = (D(between[0]), D(between[1])) if between else None
    ranked = key_dates(SYNTHETIC, top, window)
    picked = [k.day for k in ranked]
    assert len(picked) == len(set(picked)) <= top
    assert all(window[0] <= d <= window[1] for d in picked) if window else picked
    assert [k.score for k in ranked] == sorted((k.score for k in ranked), reverse=True)


def test_top_above_the_candidates_returns_every_candidate() -> None:
    every = candidates(raw_counts(SYNTHETIC))
    assert sorted(k.day for k in key_dates(SYNTHETIC, top=1000)) == every
    assert caveats(SYNTHETIC, top=1000) == [f"only {len(every)} candidate day(s): all of them are listed"]


# Bad input: what key_dates returns and what caveats says.
@pytest.mark.parametrize(("collection", "found", "note"), [
    ([], 0, "no articles: there is nothing to rank"),
    ([on("a", None), on("b", None)], 0, "no key dates: the 2 article(s) name no day and have no publication date"),
    ([on("a", "2011-01-26"), on("b", "2011-01-27")], 3, "no article names a day: days are ranked by when articles came"),
    ([on("a", "2011-01-26", "2011-01-25", "2011-01-20")], 3, "one article: its key dates are the days it names"),
    ([on("a", "2011-01-26", "2011-01-25"), on("b", "2011-01-26", "2011-01-24")], 3,
     "every article came out on 2011-01-26: publication counts tell no day from another"),
], ids=["nothing", "no dates at all", "no dated mentions", "one article", "every article on one day"])
def test_bad_input_gives_a_clear_note_and_no_crash(collection: list[Digest], found: int, note: str) -> None:
    assert len(key_dates(collection, top=10)) == found
    assert any(n.startswith(note) for n in caveats(collection)), caveats(collection)


def test_a_window_with_nothing_in_it_says_so() -> None:
    notes = caveats(SYNTHETIC, between=(D("2012-01-01"), D("2012-12-31")))
    assert notes == ["no key dates between 2012-01-01 and 2012-12-31: the 4 article(s) name no day and have no "
                     "publication date there"]


def test_read_entries_and_timeline(tmp_path: Path) -> None:
    text = "2011-01-25\nProtests begin .\n" + "-" * 32 + "\n2011-01-28\nA day of rage .\n2011 was long .\n" \
           + "-" * 32 + "\n2011-01-25\nMore on the first day .\n"
    (tmp_path / "tl.txt").write_text(text)
    assert read_timeline(tmp_path / "tl.txt") == days("2011-01-25", "2011-01-28")
    assert read_entries(tmp_path / "tl.txt") == {D("2011-01-25"): ["Protests begin .", "More on the first day ."],
                                                 D("2011-01-28"): ["A day of rage .", "2011 was long ."]}


@needs_t17
def test_read_timeline_of_egypt() -> None:
    gold = read_timeline(T17 / "egypt" / "timelines" / "tl8.txt")
    assert (len(gold), gold[0], gold[-1]) == (20, D("2011-01-25"), D("2011-02-13"))


@needs_t17
def test_digest_of_a_timeline17_article() -> None:
    """The first Egypt article (CNN Student News, 2011-01-25): "last night" is the State of the Union."""
    article = next(item.article for item in load([T17 / "egypt" / "articles.jsonl"]) if item.article)
    found = digest(article)
    assert found.published == D("2011-01-25") and {D("2011-01-24"), D("2011-01-25")} <= set(found.days)
    assert found.article is article and all(m.lead == (m.start < 400) for m in found.mentions)


@needs_t17
def test_the_first_days_of_the_egypt_uprising_come_first() -> None:
    """Articles of 25-27 January 2011: the protests of the 25th and 26th (both gold days) lead."""
    articles = [i.article for i in load([T17 / "egypt" / "articles.jsonl"])
                if i.article and i.article.published and i.article.published <= D("2011-01-27")]
    ranked = key_dates(articles, top=2, between=(D("2011-01-20"), D("2011-01-31")))
    assert {k.day for k in ranked} == {D("2011-01-25"), D("2011-01-26")}
    assert all(k.sentences for k in ranked)


def test_key_dates_of_a_table_keep_to_its_articles_and_dates() -> None:
    import pandas as pd

    from timeline.keydates import key_dates_of_table
    from timeline.keydates.digest import on

    found = [on("a", "2011-01-26", "2011-01-25"), on("b", "2011-02-03", "2011-01-25"), on("c", "2011-02-03", "2011-02-01")]
    view = pd.DataFrame({"article_id": ["a", "b"], "date_start": ["2011-01-20", None], "date_end": ["2011-01-30", None]})
    days = [str(k.day) for k in key_dates_of_table(found, view, top=5)]
    assert days and set(days) <= {str(d) for d in pd.date_range("2011-01-20", "2011-01-30").date}
