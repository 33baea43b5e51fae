"""One event per happening across articles: corroboration, refinement, conflicts, and what never merges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy

from timeline.events.build import extract_events
from timeline.events.merge import merge_across
from timeline.ingest.text import parse_text, read_file
from timeline.model import Article, Event
from timeline.store import Store

DATA = Path(__file__).parent / "data"
AP = DATA / "ap-trump-50-day-deadline.txt"
MONTH = DATA / "month-only-announcement.txt"


def _republished(seed: Article, publisher: str) -> Article:
    """The seed's text under another publisher's header: another article with the same story."""
    head, _, rest = seed.text.partition("\n")
    text = head + "\n" + rest.replace("Global Banking and Finance Review", publisher)
    return parse_text(text, source=f"{publisher}.txt")


def _events(*articles: Article) -> list[Event]:
    return merge_across(e for a in articles for e in extract_events(a))


def _on(found: list[Event], day: str, code: str) -> Event:
    hits = [e for e in found if e.date_start == date.fromisoformat(day) and e.event_type.startswith(code)]
    assert len(hits) == 1, [str(e) for e in found]
    return hits[0]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Article:
    return read_file(seed_path)


def test_two_copies_of_one_article_give_each_event_two_sources(seed: Article) -> None:
    copy = _republished(seed, "Example Daily")
    assert copy.id != seed.id
    alone, both = _events(seed), _events(seed, copy)
    assert len(both) == len(alone)
    dated = [e for e in both if e.date_start]
    assert dated and all(set(e.article_ids) == {seed.id, copy.id} for e in dated)
    assert all(len(e.excerpts) == 2 * len(a.excerpts) for e, a in zip(dated, [x for x in alone if x.date_start]))


def test_a_second_article_about_the_announcement_corroborates_it(seed: Article) -> None:
    found = _events(seed, read_file(AP))
    announcement = _on(found, "2025-07-14", "01")
    assert len(announcement.article_ids) == 2 and announcement.subject == ("Donald Trump",)
    assert any("U.S. President Donald Trump on Monday unveiled" in x.text for x in announcement.excerpts)
    deadline = _on(found, "2025-09-02", "13")
    assert deadline.derived and len(deadline.article_ids) == 2
    assert len([e for e in found if e.date_start == date(2025, 7, 14)]) == 1


def test_a_month_mention_is_refined_by_a_day_mention(seed: Article) -> None:
    found = _events(read_file(MONTH), seed)  # the month mention comes first; the day still wins
    announcement = _on(found, "2025-07-14", "01")
    assert announcement.precision == "day" and len(announcement.article_ids) == 2
    assert "'on Monday'" in announcement.reason and not announcement.conflicts
    assert not [e for e in found if e.precision == "month" and e.date_start == date(2025, 7, 1)]


def test_a_coarse_anchor_gives_a_deadline_window_not_a_day() -> None:
    (deadline,) = [e for e in extract_events(read_file(MONTH)) if e.derived]
    assert (deadline.date_start, deadline.date_end) == (date(2025, 8, 20), date(2025, 9, 19))
    assert deadline.precision == "uncertain" and "ends between 2025-08-20 and 2025-09-19" in deadline.reason


def test_dates_that_disagree_are_kept_as_conflicts(seed: Article) -> None:
    other = parse_text("Trump deadline\nPosted on July 16, 2025\nTrump unveiled his new position on Tuesday, "
                       "setting a 50-day deadline for Moscow to reach a ceasefire in Ukraine or face sanctions.",
                       source="tuesday.txt")
    found = _events(seed, other)
    announcement = _on(found, "2025-07-14", "01")
    assert len(announcement.article_ids) == 2
    assert any(c.startswith("2025-07-15 (day): 'on Tuesday'") for c in announcement.conflicts)


@pytest.mark.parametrize("second", [
    "Putin met Indian Prime Minister Narendra Modi on Monday in Moscow.",  # another target
    "Putin met Xi on Monday in Beijing, a week after the summit.",  # another day
    "Putin criticised Xi on Sunday in Beijing.",  # another kind of act
])
def test_other_happenings_stay_apart(second: str) -> None:
    one = parse_text("Putin in Beijing\nPosted on July 15, 2025\nPutin met Xi on Monday in Beijing.", source="a.txt")
    two = parse_text(f"Putin abroad\nPosted on July 22, 2025\n{second}", source="b.txt")
    found = _events(one, two)
    assert all(len(e.article_ids) == 1 for e in found), [str(e) for e in found]


def test_the_store_merges_across_articles_and_shows_every_source(seed: Article, store_url: str) -> None:
    store = Store(store_url)
    ap, month = read_file(AP), read_file(MONTH)
    for article in (seed, ap, month):
        store.add(article, extract_events(article))
    table = store.table()
    row = table[(table.date_start == "2025-07-14") & table.event_type.str.startswith("01")]
    assert len(row) == 1 and row.iloc[0]["sources"] == 3 and row.iloc[0]["source_actors"] == "Donald Trump"
    assert row.iloc[0]["quad_class"] == "1 Verbal cooperation"
    (event,) = store.happenings([row.iloc[0]["event_id"]])
    assert set(event.article_ids) == {seed.id, ap.id, month.id} and event.precision == "day"
    assert len(table[(table.date_start == "2025-07-14")]) == 1
    assert len(store.events()) > len(table)  # mentions stay stored one per article


KREMLIN = "http://en.kremlin.ru/events/president/news/1"


def _readout(body: str, title: str = "Telephone conversation with Prime Minister of Israel Naftali Bennett",
             url: str | None = KREMLIN) -> list[Event]:
    article = parse_text(body, source="release.txt", published=date(2022, 3, 6), title=title, url=url)
    return extract_events(article)


def test_a_readouts_own_act_is_dated_to_its_day_with_the_reason() -> None:
    found = _readout("Vladimir Putin had a telephone conversation with Prime Minister of Israel Naftali Bennett. "
                     "Vladimir Putin noted the importance of further contacts. "
                     "The President of Russia exchanged views with Naftali Bennett on the situation in Ukraine.")
    call = _on(found, "2022-03-06", "04")
    assert (call.precision, call.subject) == ("day", ("Vladimir Putin",))
    assert "official readout (en.kremlin.ru)" in call.reason and "Sun 2022-03-06" in call.reason
    assert call.label.startswith("Telephone conversation with") and "Naftali Bennett" in call.target
    assert all(x.date_start is None for x in call.excerpts)
    assert any(x.text.startswith("Vladimir Putin had a telephone conversation") for x in call.excerpts)


def test_what_is_said_in_a_readout_is_its_own_event_on_the_same_day() -> None:
    found = _readout("Vladimir Putin had a telephone conversation with Prime Minister of Israel Naftali Bennett. "
                     "Vladimir Putin noted the importance of further contacts.")
    statement = _on(found, "2022-03-06", "01")
    assert statement.subject == ("Vladimir Putin",) and "official readout" in statement.reason


@pytest.mark.parametrize(("sentence", "told_to"), [
    ("Vladimir Putin shared his opinion of the state of the negotiating process.", ("Naftali Bennett",)),
    ("The President of Russia informed the other parties about the latest events.", ("Naftali Bennett",)),
    ("Vladimir Putin informed the Security Council about the call.", ("Security Council",)),  # named: kept
])
def test_what_one_side_of_a_call_tells_no_one_named_is_told_to_the_other(sentence: str,
                                                                       told_to: tuple[str, ...]) -> None:
    found = _readout("Vladimir Putin had a telephone conversation with Prime Minister of Israel Naftali Bennett. "
                     + sentence)
    (statement,) = [e for e in found if e.event_type[:2] == "01"]
    assert statement.subject == ("Vladimir Putin",) and told_to[0] in " ".join(statement.target)


def test_a_statement_outside_a_conversation_readout_keeps_no_target() -> None:
    found = _readout("Vladimir Putin shared his opinion of the state of the negotiating process.",
                     title="Meeting on economic issues")
    (statement,) = [e for e in found if e.event_type[:2] == "01"]
    assert statement.target == ()


def test_a_meeting_told_as_future_in_a_readout_is_no_event_of_the_day() -> None:
    assert [e for e in _readout("Vladimir Putin will meet Naftali Bennett in Moscow.", title="Talks") if e.date_start] == []


@pytest.mark.parametrize(("body", "url"), [
    ("Vladimir Putin held talks with Naftali Bennett.", "https://www.reuters.com/world/1"),  # not a readout
    ("Vladimir Putin held talks with Naftali Bennett.", None),
])
def test_elsewhere_an_undated_act_stays_undated(body: str, url: str | None) -> None:
    (event,) = _readout(body, title="Talks", url=url)
    assert event.date_start is None and event.precision == "undated"


def test_reported_content_with_its_own_date_is_its_own_event() -> None:
    article = parse_text("Talks go on\nPosted on July 18, 2025\nThe Kremlin said on Friday that Trump had unveiled "
                         "his new position on Monday.", source="reported.txt")
    found = extract_events(article)
    statement, reported = _on(found, "2025-07-18", "01"), _on(found, "2025-07-14", "01")
    assert statement.subject == ("Kremlin",) and statement.target == ("Donald Trump",)  # what it is about
    assert reported.subject == ("Donald Trump",) and "'on Monday'" in reported.reason
    assert statement.excerpts[0].text == reported.excerpts[0].text  # both quote the whole sentence


@pytest.mark.parametrize(("sentence", "day", "code", "label"), [
    ("Putin expressed condolences over yesterday's act of terrorism, which took several lives.",
     "2022-03-19", "18", "Act of terrorism"),
    ("Putin discussed the results of the talks held in Moscow on Friday.", "2022-03-18", "04", "Talks in Moscow"),
])
def test_a_date_inside_a_clause_dates_the_act_a_noun_names(sentence: str, day: str, code: str, label: str) -> None:
    article = parse_text(f"News\nPosted on March 20, 2022\n{sentence}", source="embedded.txt")
    found = extract_events(article)
    embedded = _on(found, day, code)
    assert embedded.label == label and embedded.excerpts[0].text == sentence
    assert not [e for e in found if e.date_start == date.fromisoformat(day) and e is not embedded]


@pytest.mark.parametrize(("sentence", "deadline", "reason"), [
    ("Trump on Monday gave Russia two weeks to agree to a ceasefire.", "2025-07-28",
     "'two weeks' counted from 'on Monday' (Mon 2025-07-14): 2025-07-14 + 2 weeks = Mon 2025-07-28"),
    ("The EU on Monday gave Iran until the end of the year to respond.", "2025-12-31",
     "'until the end of the year' sets a deadline: its last day, Wed 2025-12-31"),
    ("Trump said on Monday that Russia must reach a deal by July 31 or face tariffs.", "2025-07-31",
     "'by July 31' sets a deadline: its last day, Thu 2025-07-31"),
    ("Russia must reach a deal by July 31, Trump said.", "2025-07-31",
     "'by July 31' sets a deadline: its last day, Thu 2025-07-31"),
])
def test_deadlines_become_derived_events_and_date_nothing_else(sentence: str, deadline: str, reason: str) -> None:
    found = extract_events(parse_text(f"News\nPosted on July 18, 2025\n{sentence}", source="deadline.txt"))
    (derived,) = [e for e in found if e.derived]
    assert (derived.date_start, derived.precision, derived.reason) == (date.fromisoformat(deadline), "day", reason)
    assert derived.event_type == "13 Threaten" and derived.actors
    assert not [e for e in found if not e.derived and e.date_start == derived.date_start]


def test_until_without_a_demand_is_no_deadline() -> None:
    found = extract_events(parse_text("News\nPosted on July 18, 2025\nThe exhibition stays open until July 31.",
                                      source="plain.txt"))
    assert not [e for e in found if e.derived]


def test_by_the_end_of_the_month_is_a_deadline_on_its_last_day() -> None:
    found = extract_events(parse_text("News\nPosted on July 18, 2025\nTrump said on Monday that Russia must reach a "
                                      "deal by the end of the month or face tariffs.", source="month.txt"))
    (derived,) = [e for e in found if e.derived]
    assert derived.date_start == date(2025, 7, 31)
    assert derived.reason == "'by the end of the month' sets a deadline: its last day, Thu 2025-07-31"


def test_two_acts_in_one_sentence_with_one_date_get_two_ids_and_store() -> None:
    article = parse_text("Expulsions\nPosted on October 26, 2021\nOn Monday, Russia expelled two Polish diplomats and "
                         "Poland expelled two Russian diplomats.", source="two.txt")
    found = extract_events(article)
    assert len(found) >= 2 and len({e.id for e in found}) == len(found)
    assert Store("sqlite://").add(article, found) == "added"


def test_a_database_from_before_the_keys_gets_them_and_merges(store_url: str, seed: Article) -> None:
    old = Store(store_url)
    old.add(seed, extract_events(seed))
    with old.engine.begin() as conn:  # as a database made before mention_keys existed
        conn.execute(sqlalchemy.text("DELETE FROM mention_keys"))
    old.engine.dispose()
    store = Store(store_url)
    ap = read_file(AP)
    store.add(ap, extract_events(ap))
    row = store.table().query("date_start == '2025-07-14'")
    assert len(row) == 1 and row.iloc[0]["sources"] == 2


def _dated(start: date, end: date, precision: str, actor: str = "RUS", code: str = "04") -> Event:
    return Event(f"{start}-{end}-{precision}", start, end, precision, False, (actor,), f"{code} Consult", "", (),
                 None, "")


def test_mentions_that_could_join_share_a_meeting_key() -> None:
    """The build's merge shuffle relies on it (``timeline/build/shuffle.py``): whenever ``relation``
    lets two mentions of one act by one actor join, they share a key; spans far apart share none."""
    from datetime import timedelta

    from timeline.events.merge import meeting_keys, relation

    def keys(e: Event) -> set[tuple[object, ...]]:
        assert e.date_start and e.date_end
        return meeting_keys(e.event_type[:2], e.derived, e.actors, e.date_start.toordinal(),
                            e.date_end.toordinal(), e.precision)

    origin = date(2025, 6, 25)
    mentions = [_dated(origin + timedelta(d), origin + timedelta(d), "day") for d in range(0, 60)]
    mentions += [_dated(date(2025, m, 1), date(2025, m + 1, 1) - timedelta(1), "month") for m in (6, 7, 8)]
    mentions += [_dated(origin + timedelta(d), origin + timedelta(d + 6), "week") for d in range(0, 50, 3)]
    mentions += [_dated(date(2025, 1, 1), date(2025, 6, 30), "half"), _dated(date(2025, 1, 1), date(2025, 12, 31), "year"),
                 _dated(date(2024, 1, 1), date(2024, 12, 31), "year")]
    related = apart = 0
    for a in mentions:
        for b in mentions:
            if relation(a, b) is not None:
                related += 1
                assert keys(a) & keys(b), (a.id, b.id)
            elif abs((a.date_start - b.date_start).days) > 30 and a.precision == b.precision == "day":  # type: ignore[operator]
                apart += 1
                assert not keys(a) & keys(b), (a.id, b.id)
    assert related > 500 and apart > 500
    other = _dated(origin, origin, "day", actor="CHN")
    assert not keys(other) & keys(mentions[0]) and not keys(_dated(origin, origin, "day", code="01")) & keys(mentions[0])
