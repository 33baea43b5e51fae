"""Who did what to whom, read off the parse: the issue's acceptance sentences and the classes of
English they stand for (passive agents, reported speech, conditionals, places, labels)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.build import extract_events
from timeline.ingest.text import parse_text
from timeline.model import Event
from timeline.resources import load_toml


def events_of(sentence: str, published: str = "July 18, 2025") -> list[Event]:
    return extract_events(parse_text(f"Title\nPosted on {published}\n{sentence}"))


def one(sentence: str) -> Event:
    found = events_of(sentence)
    assert len(found) == 1, [str(e) for e in found]
    return found[0]


def test_a_demand_from_a_capital_names_both_countries() -> None:
    event = one("Moscow demanded security guarantees from Washington.")
    assert (event.subject, event.target, event.event_type) == (("Russia",), ("United States",), "10 Demand")


def test_the_agent_of_a_passive_is_the_source_and_a_role_noun_keeps_its_country() -> None:
    event = one("A convoy bringing aid to Sudanese refugees was shelled by Chadian rebels.")
    assert event.event_type[:2] in ("18", "19")
    assert event.subject == ("Chadian rebels",) and "TCD" in event.countries
    assert event.target == ("Sudanese refugees",) and "SDN" in event.countries


def test_reported_speech_is_two_events_the_statement_dated_the_act_its_own() -> None:
    found = {e.event_type[:2]: e for e in events_of("Poland said on Monday it had expelled three Belarusian diplomats.")}
    assert set(found) == {"01", "16"}
    assert found["01"].subject == ("Poland",) and found["01"].date_start == date(2025, 7, 14)
    assert found["16"].subject == ("Poland",)
    assert "BLR" in found["16"].countries and found["16"].target


@pytest.mark.parametrize("sentence", [
    "Norway would send troops if Latvia were attacked.",
    "Russia did not attack Kyiv on Monday.",
    "Germany will impose sanctions on Iran next week.",
    "If Iran attacks, Israel could strike back.",
])
def test_negated_hypothetical_and_future_acts_are_no_events(sentence: str) -> None:
    assert [e for e in events_of(sentence) if e.event_type[:2] in ("16", "18", "19", "07")] == []


def test_a_place_after_a_preposition_of_place_is_the_location_not_the_target() -> None:
    event = one("Russia and Ukraine held talks in Turkey on Monday.")
    assert event.event_type == "04 Consult" and set(event.subject) == {"Russia", "Ukraine"}
    assert event.location == "Turkey" and "Turkey" not in event.target


def test_journalists_are_never_actors() -> None:
    assert [e for e in events_of("A BBC correspondent said on Monday that the talks had failed.")
            if e.event_type[:2] == "01" and "BBC" in " ".join(e.subject)] == []


@pytest.mark.parametrize("sentence", [
    "Suella Braverman told GB News on Monday that the system was unsustainable.",
    "The minister told Sky News on Monday that the plan would go ahead.",
    "Rishi Sunak told the press on Monday that the talks had gone well.",
])
def test_the_outlet_a_statement_is_told_to_is_no_target(sentence: str) -> None:
    (statement,) = [e for e in events_of(sentence) if e.event_type[:2] == "01"]
    assert statement.target == () and statement.subject


@pytest.mark.parametrize("sentence", [
    "Volodymyr Zelenskyy said on Monday that Zelenskyy would not resign.",
    "The Kremlin said on Friday that the Kremlin welcomed the talks.",
    "Poland said on Monday it had expelled three Belarusian diplomats.",
])
def test_a_label_never_repeats_its_actor(sentence: str) -> None:
    for event in events_of(sentence):
        for name in event.subject:
            assert event.label.count(name) <= 1, event.label


def test_a_sentence_without_a_full_stop_costs_linear_time_and_gives_no_wrong_event() -> None:
    text = " ".join(["Russia and Ukraine and"] * 700)  # 2,100 words, no full stop, no act
    assert events_of(text) == []


@pytest.mark.parametrize(("sentence", "code", "source", "target"), [
    ("Obama said Mubarak must step down.", "10", "Barack Obama", "Hosni Mubarak"),
    ("Vladimir Putin noted that Ukraine was obstructing these measures.", "11", "Vladimir Putin", "Ukraine"),
    ("Vladimir Putin said that the sanctions were illegal.", "11", "Vladimir Putin", None),
    ("Vladimir Putin stressed that rejecting neutrality would be wrong.", "11", "Vladimir Putin", None),
    ("Vladimir Putin emphasised that the operation can only be suspended if Kiev ceases hostilities.", "10",
     "Vladimir Putin", "Ukraine"),
    ("Vladimir Putin said the talks would go on if the weather allowed.", "01", "Vladimir Putin", None),
    ("Vladimir Putin stressed that Russia is ready to help.", "03", "Vladimir Putin", None),
    ("Vladimir Putin reaffirmed Russia's willingness to continue gas supplies to Italy.", "03",
     "Vladimir Putin", "Italy"),
])
def test_a_statement_is_typed_by_what_it_reports_and_aimed_at_whom_it_is_about(
        sentence: str, code: str, source: str, target: str | None) -> None:
    (statement,) = [e for e in events_of(sentence) if e.subject == (source,)]
    assert statement.event_type[:2] == code and statement.subject == (source,)
    assert statement.target == ((target,) if target else ())


def test_the_leaders_of_a_call_are_its_two_sides() -> None:
    found = events_of("Vladimir Putin had a telephone conversation with Emmanuel Macron on Friday. "
                      "The leaders agreed on Friday to maintain contacts.")
    (agreement,) = [e for e in found if e.event_type.startswith("03")]
    assert set(agreement.subject) == {"Vladimir Putin", "Emmanuel Macron"}


def test_a_group_named_by_whom_it_follows_is_not_that_person() -> None:
    (attack,) = [e for e in events_of("Supporters of Hosni Mubarak attacked protesters in Cairo on Friday.")
                 if e.event_type[:2] in ("18", "19")]
    assert attack.subject == ("Hosni Mubarak supporters",) and attack.location == "Cairo"


@pytest.mark.parametrize(("sentence", "code", "target"), [
    ("Vladimir Putin was critical of the arms deliveries to Ukraine.", "11", "Ukraine"),
    ("Iran is willing to resume talks with the United States.", "03", None),
])
def test_an_adjective_said_of_someone_can_be_their_act(sentence: str, code: str, target: str | None) -> None:
    (event,) = [e for e in events_of(sentence) if e.event_type[:2] == code]
    assert event.subject and (target is None or target in event.target)


def test_the_leader_is_the_last_person_of_that_country_named() -> None:
    found = events_of("Vladimir Putin spoke with Mario Draghi. The Russian leader criticised the sanctions.")
    (criticism,) = [e for e in found if e.event_type.startswith("11")]
    assert criticism.subject == ("Vladimir Putin",)


def test_a_reporting_clause_after_what_it_reports_reads_it() -> None:
    (statement,) = [e for e in events_of("Hosni Mubarak must step down now, Barack Obama said on Friday.")
                    if e.subject == ("Barack Obama",)]
    assert statement.event_type.startswith("10") and statement.target == ("Hosni Mubarak",)


@pytest.mark.parametrize(("adjective", "row"), load_toml("events.toml")["syntax"]["adjectives"].items())
def test_every_adjective_rule_example_gives_its_type(adjective: str, row: dict) -> None:
    assert any(e.event_type[:2] == row["code"][:2] for e in events_of(row["example"])), adjective


@pytest.mark.parametrize(("sentence", "speaker"), [
    # a role and its name in apposition: the name speaks, wherever the parser hangs it
    ("The spokesman of the ministry, John Smith, said on Monday the talks would go on.", "John Smith"),
    ("The spokesman of the Russian Foreign Ministry, Maria Zakharova, said on Monday the talks would go on.",
     "Maria Zakharova"),
    # two roles joined before one name are one person
    ("A parliamentary deputy and spokesman, Ali al-Dabagh, said on Monday the alliance favoured a trial.",
     "Ali al-Dabagh"),
    # a person whose name holds a place's name is the person, not the place's country
    ("Valeska Paris, an Australian woman, said on Monday that the church had imprisoned her.", "Valeska Paris"),
])
def test_a_role_given_a_name_is_that_person(sentence: str, speaker: str) -> None:
    statements = [e for e in events_of(sentence) if e.event_type.startswith("01")]
    assert [e.subject for e in statements] == [(speaker,)]


def test_a_surname_told_again_is_the_person_not_the_place() -> None:
    found = events_of("Valeska Paris said on Monday that she had been held for years. "
                      "Paris criticised the church on Tuesday.")
    assert all("France" not in e.subject for e in found) and any(e.subject == ("Valeska Paris",)
                                                                 for e in found if e.event_type.startswith("11"))


@pytest.mark.parametrize(("sentence", "call"), [
    ("Biden called Netanyahu on Monday.", ("Joe Biden", "Benjamin Netanyahu")),
    ("Palestinian Authority President Mahmoud Abbas called Mubarak on Saturday.", ("Mahmoud Abbas", "Hosni Mubarak")),
    ("Putin called Erdogan on Friday to discuss grain.", ("Vladimir Putin", "Recep Tayyip Erdogan")),
    ("Putin called the move illegal on Friday.", None),  # what someone called something is no phone call
    ("Trump called him a liar on Friday.", None),
    ("The operation was called Operation Glory.", None),
])
def test_calling_someone_named_is_a_phone_call(sentence: str, call: tuple[str, str] | None) -> None:
    calls = [(e.subject, e.target) for e in events_of(sentence) if e.cameo == "041"]
    assert calls == ([] if call is None else [((call[0],), (call[1],))])


def test_a_day_after_on_is_no_call_on() -> None:
    (appeal,) = [e for e in events_of("The UN called on Israel on Monday to allow aid.") if e.event_type.startswith("02")]
    assert appeal.target == ("Israel",)
    assert not any(e.event_type.startswith("02") for e in events_of("Biden called Netanyahu on Monday."))


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Saudi King Abdullah expressed support for Hosni Mubarak on Monday.", "King Abdullah"),
    ("The Saudi King Salman expressed support for Hosni Mubarak on Monday.", "King Salman"),
    ("The Saudi King expressed support for Hosni Mubarak on Monday.", "King of Saudi Arabia"),  # no name
    ("Chadian President Idriss Deby expressed support for Hosni Mubarak on Monday.", "Idriss Deby"),
])
def test_a_one_word_name_after_an_office_is_its_holder(sentence: str, speaker: str) -> None:
    (support,) = [e for e in events_of(sentence, "January 29, 2011") if e.event_type[:2] == "05"]
    assert support.subject == (speaker,) and support.target == ("Hosni Mubarak",)


@pytest.mark.parametrize("sentence", [
    "Labour's Shadow Home Secretary Yvette Cooper said on Monday that the plan was damning.",
    "Shadow Home Secretary Yvette Cooper said on Monday that the plan was damning.",
])
def test_the_name_after_a_run_of_titles_is_the_speaker(sentence: str) -> None:
    (statement,) = events_of(sentence, "January 25, 2023")
    assert statement.subject == ("Yvette Cooper",)
