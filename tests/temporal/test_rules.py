"""Every example in timeline/resources/temporal*.toml, and a corpus of resolution cases."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.resources import load_toml
from timeline.temporal import extract, parse_date, tag, tense_at
from timeline.temporal.extract import RULES_FILES, rules

EXAMPLES = [(rule["name"], ex) for name in RULES_FILES for rule in load_toml(name)["rule"] for ex in rule["examples"]]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r}:{e['text']}" for r, e in EXAMPLES])
def test_rule_example(rule: str, example: dict) -> None:
    anchor = date.fromisoformat(example["anchor"]) if "anchor" in example else None
    expr = example.get("expr", example["text"])
    found = {c.text: c for c in extract(example["text"])}
    assert expr in found, f"{rule} did not tag {expr!r}; tagged {list(found)}"
    assert found[expr].rule == rule
    tagged = {t.text: t for t in tag(example["text"], anchor, kind=example.get("kind", "news"))}
    assert tagged[expr].value == example["value"]


# (expected value, anchor, [texts with the expression marked by [brackets]])
CORPUS = [
    ("2025-07-14", "2025-07-18", ["Trump unveiled his new position [on Monday].",
                                   "[On Monday], Trump unveiled his new position.",
                                   "Trump, who spoke [on Monday], set a deadline."]),
    ("2025-07-18", "2025-07-18", ["The Kremlin said [on Friday] that talks go on.",
                                   "Asked [on Friday] if talks would end, Peskov said no."]),
    ("2025-07-21", "2025-07-18", ["The envoys will meet [on Monday].", "Talks are set to resume [on Monday].",
                                   "The delegations meet again [next Monday]."]),
    ("2025-07-17", "2025-07-18", ["A move the ministry sharply criticised [on Thursday]."]),
    ("2025-01", "2025-07-18", ["Ties improved after Trump retook office [in January]."]),
    ("2026-01", "2025-07-18", ["The summit will be held [in January]."]),
    ("2025", "2025-07-18", ["They held two rounds of talks [earlier this year]."]),
    ("2025-07-17", "2025-07-18", ["Putin spoke to Xi [yesterday]."]),
    ("2025-W28", "2025-07-18", ["The ministers met [last week]."]),
    ("2024", "2025-07-18", ["Trade fell [last year]."]),
    ("P50D", "2025-07-18", ["Trump set a [50-day] deadline.", "Moscow has [50 days] to agree."]),
    ("2022-02-24", "2025-07-18", ["It began on [February 24, 2022].", "It began on [24 February 2022]."]),
    ("XXXX-WXX-1", None, ["Trump unveiled his new position [on Monday]."]),
    ("1989-Q3", "1989-11-02", ["Citadel posted a [third-quarter] net loss.", "Taxes were paid during [the quarter].",
                               "Aetna had a loss in [the latest quarter]."]),
    ("1988-Q3", "1989-11-02", ["Third-quarter net rose 11% from $8 million [a year earlier].",
                               "In [the year-earlier quarter], the company lost money."]),
    ("P9M", "1989-11-02", ["Net rose 5% in [the first nine months].", "Net fell in [the nine months]."]),
    ("1988-11", "1989-11-02", ["Sales have slumped since [last November]."]),
    ("1989", "1989-11-02", ["Elco earned $7.8 million in [fiscal 1989].", "For [the year], volume was flat."]),
    ("P2Y", "1998-02-19", ["Talks have been cut off for [nearly two years]."]),
    ("1990-W32-WE", "1990-08-13", ["The ambassador said over [the weekend] that war was near."]),
]
CASES = [(value, anchor, text) for value, anchor, texts in CORPUS for text in texts]


@pytest.mark.parametrize(("value", "anchor", "marked"), CASES, ids=[c[2] for c in CASES])
def test_resolution(value: str, anchor: str | None, marked: str) -> None:
    start = marked.index("[")
    text = marked.replace("[", "").replace("]", "")
    expected = marked[start + 1 : marked.index("]")].split(" ", 1)[-1] if marked[start + 1 :].startswith(
        ("on ", "On ", "in ")) else marked[start + 1 : marked.index("]")]
    found = tag(text, date.fromisoformat(anchor) if anchor else None)
    values = {t.text: t.value for t in found}
    assert values.get(expected) == value, f"{expected!r} in {text!r}: got {values}"


def test_earlier_this_year_spans_january_to_publication() -> None:
    (expr,) = tag("Russia and Ukraine held talks earlier this year.", date(2025, 7, 18))
    assert (expr.value, expr.begin, expr.end_date, expr.precision) == ("2025", "2025-01-01", "2025-07-18", "uncertain")


def test_unresolved_expression_says_why() -> None:
    (expr,) = tag("Trump unveiled his plan on Monday.", None)
    assert not expr.resolved
    assert "publication date" in expr.reason and "unknown" in expr.reason


def test_parse_date_reads_header_dates() -> None:
    assert parse_date("July 18, 2025") == date(2025, 7, 18)
    assert parse_date("no date here") is None


# The TIMEX3 value grammar (TimeML 1.2.1) for the values this tagger emits.
VALUE = re.compile(
    r"^(?:\d{4}|X{4})(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?(?:T(?:MO|AF|EV|NI|\d{2}(?::\d{2}(?::\d{2})?)?))?|-W(?:\d{2}|XX)(?:-(?:\d|WE))?(?:T(?:MO|AF|EV|NI))?"
    r"|-(?:SP|SU|FA|WI)|-Q[1-4]|-H[12])?$|^\d{3}$|^P(?:\d+|X)(?:D|W|M|Y|DE|CE|Q)$|^PT(?:\d+|X)[HM]$"
    r"|^(?:PRESENT|PAST|FUTURE)_REF$")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_text_tags_without_error(text: str, anchor: date) -> None:
    for expr in tag(text, anchor):
        assert 0 <= expr.start < expr.end <= len(text)
        assert text[expr.start : expr.end] == expr.text
        assert VALUE.match(expr.value), expr.value


WORDS = st.sampled_from(["on", "Monday", "January", "2025", "last", "week", "earlier", "this", "year", "the",
                         "50-day", "deadline", "said", "will", "meet", "18", ",", "ago", "two", "days", "-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_date_like_word_salad_keeps_offsets_and_grammar(words: list[str], anchor: date) -> None:
    text = " ".join(words)
    for expr in tag(text, anchor):
        assert text[expr.start : expr.end] == expr.text
        assert VALUE.match(expr.value), expr.value


@pytest.mark.parametrize("text", ["1" * 20000, "-" * 20000, "January " * 3000, "2025-" * 4000,
                                  "on Monday " * 2000, ("12 " * 5000)])
def test_adversarial_input_finishes(text: str) -> None:
    tag(text, date(2025, 7, 18))  # a backtracking blow-up would hang here (pytest-timeout in CI logs)


def test_every_rule_has_examples_and_named_groups_only() -> None:
    for rule in rules():
        assert rule.examples
        assert rule.regex.groups == len(rule.regex.groupindex)


def test_a_place_after_to_is_not_the_future() -> None:
    (expr,) = tag("He traveled to Kyiv on Monday.", date(2025, 7, 18))
    assert expr.value == "2025-07-14"


# TimeBank conventions: words that are no temporal expression in news (a majority of the gold
# leaves them out) or would be mistaken for one.
@pytest.mark.parametrize("text", [
    "Sun Microsystems said Sun shipped more systems.",  # "Sun" the company: weekday abbreviations need a period
    "Jan Smith, the chairman, resigned.",  # "Jan" the first name: a month abbreviation needs "." or a day
    "The stock would carry a dividend rate of $1.76 a year.",  # a rate, not a duration
    "It raised its quarterly dividend.",  # "quarterly" the adjective
    "The company previously said it would sell the unit.",  # "previously": 3 of 23 in TimeBank
    "It is difficult at the moment to say.",
    "Howes, 37 years old when he was kidnapped, died.",  # an age: 40 of 41 in TimeBank are not tagged
    "Revenue fell to $300 million from $450 million the year before.",  # relative to another year, not publication's
    "Year-end net was below forecasts.",  # "year-end" the adjective: no date
    "He won gold at the 24th Winter Olympics and the Olympic Winter Games.",  # a capitalised season in a name
    "Protesters joined the annual March for Life and the March of the Combatant Mothers.",  # processions
])
def test_no_timex_in(text: str) -> None:
    assert [t.text for t in tag(text, date(1989, 11, 2))] == []


def test_a_year_earlier_loss_is_the_adjective_not_a_year() -> None:
    found = {t.text: t.value for t in tag("Third-quarter net was $5 million, against a year-earlier loss.",
                                          date(1989, 11, 2))}
    assert found == {"Third-quarter": "1989-Q3", "year-earlier": "1988-Q3"}


def test_the_1988_quarter_is_a_quarter_not_a_duration() -> None:
    (expr,) = tag("It lost $376,000 in the 1988 quarter.", date(1989, 10, 30))
    assert (expr.text, expr.type, expr.value) == ("the 1988 quarter", "DATE", "1988-Q3")


def test_a_quarter_covers_its_three_months() -> None:
    (expr,) = tag("Revenue rose in the latest quarter.", date(1989, 10, 30))
    assert (expr.value, expr.begin, expr.end_date, expr.precision) == ("1989-Q3", "1989-07-01", "1989-09-30", "quarter")


def test_a_year_ago_outside_a_report_of_figures_is_the_year_before() -> None:
    text = "Sales rose in the first quarter. The war ended a year ago."
    assert {t.text: t.value for t in tag(text, date(2013, 3, 21))}["a year ago"] == "2012"


def test_a_quarter_century_is_no_reporting_quarter() -> None:
    text = "Unemployment is just above its quarter-century low. Wages were 3.8 percent higher than a year earlier."
    assert {t.text: t.value for t in tag(text, date(1998, 2, 6))}["a year earlier"] == "1997"


def test_a_year_ago_in_a_nine_month_report_is_the_year() -> None:
    text = "Net for the first nine months rose to $9 million from $7 million a year ago."
    assert {t.text: t.value for t in tag(text, date(1989, 11, 2))}["a year ago"] == "1988"


def test_a_past_infinitive_is_past() -> None:
    (expr,) = tag("Police officials declined to comment Saturday.", date(1998, 10, 26))
    assert expr.value == "1998-10-24"


def test_a_date_a_week_ahead_in_a_past_sentence_is_this_year() -> None:
    (expr,) = tag("He said the boy must be returned by Jan. 14.", date(2000, 1, 7))
    assert expr.value == "2000-01-14"


def test_two_thousand_alone_is_a_number_not_a_year() -> None:
    assert [t.text for t in tag("Two thousand troops arrived in nineteen ninety-one.", date(1998, 1, 15))] == [
        "nineteen ninety-one"]


def test_holidays_and_clock_times_without_a_publication_date_stay_unresolved() -> None:
    found = {t.text: t for t in tag("They met at noon Thursday and again at Christmas.", None)}
    assert found["noon Thursday"].value == "XXXX-WXX-4T12:00"
    assert found["Christmas"].value == "XXXX-12-25"
    assert not found["Christmas"].resolved


def test_a_holiday_in_the_future_tense_is_the_next_one() -> None:
    (expr,) = tag("The boy will be home by Thanksgiving.", date(2001, 3, 1))
    assert expr.value == "2001-11-22"


# The tense that decides which side of publication a weekday or month falls on.
@pytest.mark.parametrize(("text", "expr", "tense"), [
    ("The case is heard in May.", "May", "present"),  # passive: the auxiliary's tense
    ("The stock would be paid in January.", "January", "future"),
    ("The case was heard in May.", "May", "past"),
    ("Officials postponed until Tuesday any action.", "Tuesday", "future"),
    ("Qantas said it would double flights by August.", "August", "future"),
    ("Members had filed reports by Wednesday.", "Wednesday", "past"),  # a past perfect: a past deadline
    ("Until Thursday, they had not called him a suspect.", "Thursday", "past"),
    ("Prices have risen since Monday.", "Monday", "past"),
    ("A hearing has been set for Friday.", "Friday", "future"),
    ("The vote was postponed to Monday.", "Monday", "future"),
    ("Saddam said he will begin withdrawing troops from Iranian territory on Friday.", "Friday", "future"),
    ("Police have searched for him since shortly after the Oct. 23 slaying.", "Oct. 23", "past"),
    ("They were planning to drive around the airport on Monday.", "Monday", "future"),
    ("The wind was not as strong as expected during the past year, winter dragged on.", "winter", "past"),
    ("Voters go to the polls Sunday.", "Sunday", "present"),
    ("The split would be paid on a still unspecified date in January.", "January", "future"),  # -ed adjective
    ("Canada said it is a suspect in shootings that injured doctors in November.", "November", "past"),
    ("In January, a week after the 25th anniversary of the Roe vs. Wade Supreme Court decision, a clinic bombing "
     "in Birmingham, Ala., killed a guard.", "January", "past"),  # fronted: the verb comes late
    ("It had been due to expire Friday evening.", "Friday evening", "past"),
    ("On Tuesday, the National Abortion and Reproductive Rights Action League plans to hold a news conference.",
     "Tuesday", "future"),
])
def test_tense_of(text: str, expr: str, tense: str) -> None:
    start = text.index(expr)
    assert tense_at(text, start, start + len(expr)) == tense


@pytest.mark.parametrize(("text", "clock", "value"), [
    ("The truce took effect at midnight on Sunday.", "midnight", "2013-03-17T24"),
    ("On Friday at 3 p.m., the polls closed.", "3 p.m.", "2013-03-15T15:00"),
    ("The blast came at 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", "2013-03-15T10:35"),
    ("Polls open at 7 a.m. local time on Sunday.", "7 a.m.", "2013-03-24T07:00"),
    ("The polls closed at 3 p.m.", "3 p.m.", "2013-03-20T15:00"),  # no day: the publication day
    ("He left Monday. At 5 p.m. the talks ended.", "5 p.m.", "2013-03-20T17:00"),  # not across a sentence
    ("Talks ran from Monday to 5 p.m.", "5 p.m.", "2013-03-20T17:00"),  # "to" does not join them
])
def test_a_clock_time_takes_the_day_next_to_it(text: str, clock: str, value: str) -> None:
    found = {t.text: t.value for t in tag(text, date(2013, 3, 20))}
    assert found[clock] == value


@pytest.mark.parametrize(("text", "expr", "type_", "value"), [
    ("We are doing hundreds of interviews a day.", "a day", "SET", "P1D"),  # a rate
    ("The appeal takes a week.", "a week", "DURATION", "P1W"),  # after a verb: a duration
    ("He was jailed for a year.", "a year", "DURATION", "P1Y"),
    ("Sales rose 5% from a year earlier.", "a year earlier", "DATE", "1988"),
])
def test_a_rate_is_a_set(text: str, expr: str, type_: str, value: str) -> None:
    found = {t.text: (t.type, t.value) for t in tag(text, date(1989, 11, 2))}
    assert found[expr] == (type_, value)


def test_an_unnumbered_period_is_the_quarter_the_report_opens_with() -> None:
    text = ("Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat second quarter, "
            "it cited consumer sales. The quarterly comparison was helped by charges in the year-earlier period.")
    found = {t.text: t.value for t in tag(text, date(1989, 11, 1))}
    assert found["the year-earlier period"] == "1988-Q3"


@pytest.mark.parametrize(("text", "expected"), [
    ("Munero fled in June 1998 and returned later that year.", {"June 1998": "1998-06", "later that year": "1998"}),
    ("It began on Friday. The following week, talks resumed.", {"Friday": "2013-03-15", "The following week": "2013-W12"}),
    ("Market makers suffer losses on trades made that day.", {}),  # no date before: no anaphor
    ("Prices fell in 1998. Traders sold that day.", {"1998": "1998"}),  # a year is too coarse for "that day"
    ("Stocks closed Friday down 4.5% from the previous Friday.", {"Friday": "2013-03-15",
                                                                 "the previous Friday": "2013-03-08"}),
    ("Stocks fell 4.5% from the previous Friday.", {}),  # no day before it: left untagged
])
def test_an_anaphor_counts_from_the_date_before_it(text: str, expected: dict[str, str]) -> None:
    assert {t.text: t.value for t in tag(text, date(2013, 3, 20))} == expected


def test_a_rule_with_reach_scans_only_around_what_it_needs() -> None:
    (rule,) = [r for r in rules() if r.name == "ago"]
    text = "x" * 500 + " two years ago " + "y" * 500 + " a week earlier"
    spans = rule.spans(text)
    assert len(spans) == 2 and all(b - a <= 2 * rule.reach + 20 for a, b in spans)  # type: ignore[operator]
    assert [t.text for t in tag(text, date(2013, 3, 20))] == ["two years ago", "a week earlier"]
