"""Events of the seed article, as the walking skeleton's acceptance lists them, and the rules' examples."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.events.build import extract_events
from timeline.events.text import find_actors
from timeline.ingest.text import parse_text, read_file
from timeline.model import Event
from timeline.resources import load_toml

@pytest.fixture(scope="module")
def seed_events(seed_path: Path) -> list[Event]:
    return extract_events(read_file(seed_path))


def _one(events: list[Event], start: str, event_type: str) -> Event:
    found = [e for e in events if e.date_start == date.fromisoformat(start) and e.event_type.startswith(event_type)]
    assert len(found) == 1, [str(e) for e in events]
    return found[0]


def test_kremlin_statement_on_friday(seed_events: list[Event]) -> None:
    e = _one(seed_events, "2025-07-18", "01")
    assert (e.date_end, e.precision) == (date(2025, 7, 18), "day")
    assert {"Kremlin", "Dmitry Peskov"} <= set(e.actors)
    assert "'on Friday' → the day of publication" in e.reason


def test_trump_announcement_on_monday(seed_events: list[Event]) -> None:
    e = _one(seed_events, "2025-07-14", "01")
    assert e.actors[0] == "Donald Trump" and e.precision == "day"
    assert e.reason == "'on Monday' → the Monday before publication, Fri 2025-07-18 → 2025-07-14"
    texts = " ".join(x.text for x in e.excerpts)
    assert "50-day deadline" in texts and "more missiles for Kyiv" in texts


def test_foreign_ministry_criticism_on_thursday(seed_events: list[Event]) -> None:
    e = _one(seed_events, "2025-07-17", "11")
    assert e.actors == ("Russian Foreign Ministry",)


def test_trump_retook_office_in_january(seed_events: list[Event]) -> None:
    e = _one(seed_events, "2025-01-01", "00")
    assert (e.date_end, e.precision, e.actors) == (date(2025, 1, 31), "month", ("Donald Trump",))


def test_turkey_talks_earlier_this_year_are_uncertain(seed_events: list[Event]) -> None:
    e = _one(seed_events, "2025-01-01", "04")
    assert (e.date_end, e.precision) == (date(2025, 7, 18), "uncertain")
    assert {"Russia", "Ukraine"} <= set(e.actors)


def test_deadline_is_derived(seed_events: list[Event]) -> None:
    e = _one(seed_events, "2025-09-02", "13")
    assert e.derived and e.precision == "day"
    assert "2025-07-14 + 50 days = Tue 2025-09-02" in e.reason
    assert e.timex is not None and e.timex.anchor == "2025-07-14"


def test_exactly_the_expected_events(seed_events: list[Event]) -> None:
    assert len(seed_events) == 6


def test_last_updated_line_is_not_an_anchor(seed_events: list[Event]) -> None:
    assert all(e.date_start and e.date_start.year == 2025 for e in seed_events)
    assert all(e.date_end and e.date_end.year == 2025 for e in seed_events)


def test_key_points_add_excerpts_never_events(seed_events: list[Event]) -> None:
    summary = [x for e in seed_events for x in e.excerpts if x.kind == "summary"]
    assert len(summary) >= 5
    talks = _one(seed_events, "2025-01-01", "04")
    kinds = [x.kind for x in talks.excerpts]
    assert kinds[:2] == ["body", "summary"] and "body" not in kinds[1:]


def test_every_excerpt_slices_the_article(seed_path: Path, seed_events: list[Event]) -> None:
    text = read_file(seed_path).text
    for e in seed_events:
        for x in e.excerpts:
            assert text[x.start : x.end] == x.text
            if x.date_start is not None and e.timex is not None and not e.derived:
                assert text[x.date_start : x.date_end] == e.timex.text


def test_no_publication_date_leaves_dates_unresolved_with_reason() -> None:
    article = parse_text("Talks stall\nKYIV (AP) - Putin met Xi on Monday.")
    (event,) = extract_events(article)
    assert event.date_start is None and event.precision == "undated"
    assert "publication date" in event.reason and "unresolved" in event.reason


def test_ids_are_stable_content_hashes(seed_path: Path) -> None:
    first = [e.id for e in extract_events(read_file(seed_path))]
    assert first == [e.id for e in extract_events(read_file(seed_path))]
    assert len(set(first)) == len(first)


def test_gazetteer_prefers_the_longest_name() -> None:
    text = "Kremlin spokesman Dmitry Peskov said"
    (mention,) = find_actors(text, 0, len(text))
    assert mention.actor.name == "Dmitry Peskov" and mention.actor.org == "Kremlin"


def test_an_act_without_a_date_is_kept_undated_never_guessed() -> None:
    article = parse_text("Talks\nPosted on July 18, 2025\nKYIV (AP) - Putin met Xi on Monday. "
                         "Peskov criticised the sanctions.")
    found = {e.event_type: e for e in extract_events(article)}
    undated = found["11 Disapprove"]
    assert undated.date_start is None and undated.precision == "undated"
    assert undated.actors == ("Dmitry Peskov",) and "never" not in undated.label
    assert "kept undated rather than guessed" in undated.reason


def test_the_noun_states_is_no_statement() -> None:
    article = parse_text("Trade\nPosted on July 18, 2025\nThe United States was a food exporter on Monday.")
    assert [e for e in extract_events(article) if e.event_type.startswith("01")] == []


TITLE_EXAMPLES = load_toml("titles.toml")["examples"]


@pytest.mark.parametrize("example", TITLE_EXAMPLES, ids=[e["person"] for e in TITLE_EXAMPLES])
def test_people_found_by_their_office(example: dict) -> None:
    text = example["text"]
    people = {m.actor.name: m.actor for m in find_actors(text, 0, len(text))}
    assert people[example["person"]].country == example["country"]
    assert people[example["person"]].kind == "person"
    assert people[example["person"]].org == example.get("org", people[example["person"]].org)


def test_a_country_in_an_office_is_an_affiliation_not_an_actor() -> None:
    text = "Putin had a telephone conversation with President of France Emmanuel Macron."
    assert [m.actor.name for m in find_actors(text, 0, len(text))] == ["Vladimir Putin", "Emmanuel Macron"]


def test_known_people_keep_their_canonical_name() -> None:
    text = "U.S. President Donald Trump and Kremlin spokesman Dmitry Peskov"
    assert [m.actor.name for m in find_actors(text, 0, len(text))] == ["Donald Trump", "Dmitry Peskov"]


# An act takes the date of its own clause (issue 12, point 4); each line is (text, a word of the
# label, the act's first day), published Friday 1998-02-20.
OWN_CLAUSE = [
    # a bare date right after the verb is its adverbial, however the parse hung it
    ("The top commander of the resistance force said Thursday he had sent a team to the border.", "says",
     "1998-02-19"),
    # coordinated verbs share the date
    ("Last week, Hezbollah fighters killed three Israeli soldiers and seriously wounded six others.", "wound",
     "1998-02-09"),
    # a clause that modifies a noun keeps its date
    ("Poland on Thursday expelled a Russian diplomat accused of spying last spring.", "expels", "1998-02-19"),
    # a date that modifies a noun dates the thing, not the act
    ("The 1966 squad of Russia met the Polish team on Thursday.", "meets", "1998-02-19"),
]


@pytest.mark.parametrize(("text", "word", "day"), OWN_CLAUSE, ids=[t[:40] for t, _, _ in OWN_CLAUSE])
def test_an_act_takes_the_date_of_its_own_clause(text: str, word: str, day: str | None) -> None:
    article = parse_text("Report\n" + text, published=date(1998, 2, 20))
    dated = {e.label: e.date_start for e in extract_events(article) if word in e.label}
    assert dated, [e.label for e in extract_events(article)]
    assert set(dated.values()) == {date.fromisoformat(day) if day else None}, dated


@pytest.mark.parametrize("caption", load_toml("events.toml")["caption_examples"])
def test_a_photo_caption_reports_no_event(caption: str) -> None:
    article = parse_text("Report\nPosted on July 18, 2025\n" + caption, source="caption.txt")
    assert extract_events(article) == []


def test_the_day_a_photo_was_taken_dates_nothing() -> None:
    article = parse_text("Report\nPosted on July 18, 2025\nProtesters, pictured on June 2, blocked the road "
                         "to the ministry. Police detained 40 people on Monday.", source="photo.txt")
    dates = {e.label: e.date_start for e in extract_events(article)}
    assert date(2025, 6, 2) not in dates.values() and date(2025, 7, 14) in dates.values(), dates
