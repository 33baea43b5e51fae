"""Classes of temporal expressions the tagger once missed (issue 12): ranges of years, split and
fiscal years, bare and ranged durations, elapsed times, ordinal days, relative decades, sets,
24-hour clock times. Each row: the text with the expression in [brackets], the anchor, and the
TIMEX3 type and value expected (the span is the bracketed text)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import tag

# (marked text, anchor, type, value)
CASES = [
    # a range of years is two dates; a year that straddles two is one, valued by its first
    ("Output fell in [2011]-2012.", "2025-07-18", "DATE", "2011"),
    ("Output fell in 2011-[2012].", "2025-07-18", "DATE", "2012"),
    ("The drought of 1968-[69] was severe.", "2025-07-18", "DATE", "1969"),
    ("The 1999-[2000] winter was mild.", "2025-07-18", "DATE", "2000"),
    ("Prices fell from [1990] to 1995.", "2025-07-18", "DATE", "1990"),
    ("Prices fell from 1990 to [1995].", "2025-07-18", "DATE", "1995"),
    ("Enrollment grew in [the 1998-99 school year].", "2025-07-18", "DATE", "1998"),
    ("The deficit will narrow in [fiscal 2011-12].", "2025-07-18", "DATE", "2011"),
    ("Spending rises in [fiscal year 2012].", "2025-07-18", "DATE", "2012"),
    ("Sales fell in [FY2012].", "2025-07-18", "DATE", "2012"),
    ("The company expects a loss [this fiscal year].", "1989-11-02", "DATE", "1989"),
    ("It lost money [last fiscal year].", "1989-11-02", "DATE", "1988"),
    # relative decades and weeks: "the past week" is the week before; "the last two weeks" a duration
    ("Wages lost ground to inflation [last decade].", "1998-02-06", "DATE", "198"),
    ("Growth will slow [this decade].", "2025-07-18", "DATE", "202"),
    ("Unions grew in the 1920s; [the following decade] they won the right to strike.", "2000-02-24", "DATE", "193"),
    ("Ties improved over [the past decade].", "1998-10-25", "DURATION", "P10Y"),
    ("The ministers met twice over [the past week].", "2025-07-18", "DATE", "2025-W28"),
    ("He has been in Bethesda for [the last week].", "2025-07-18", "DATE", "2025-W28"),
    ("Prices fell in [the last two weeks].", "2025-07-18", "DURATION", "P2W"),
    ("Fighting raged during [the last week] of August.", "2025-07-18", "DURATION", "P1W"),
    # durations: bare plurals, ranges of counts, "between", hyphenated, elapsed times
    ("The negotiators talked for [hours].", "2025-07-18", "DURATION", "PTXH"),
    ("The repairs took [weeks].", "2025-07-18", "DURATION", "PXW"),
    ("Ukraine was ruled from Moscow for [centuries].", "1998-02-27", "DURATION", "PXCE"),
    ("Shipments resume within [two to three weeks].", "1989-10-16", "DURATION", "PXW"),
    ("Acquisitions will be made during [the next 12 to 18 months].", "1989-10-16", "DURATION", "PXM"),
    ("Recovery takes between [six] and nine months.", "2025-07-18", "DURATION", "P6M"),
    ("Recovery takes between six and [nine months].", "2025-07-18", "DURATION", "P9M"),
    ("They ran a [six-week] course.", "2025-07-18", "DURATION", "P6W"),
    ("Kipchoge won the race in [2:11:48].", "2025-07-18", "DURATION", "PT2H11M48S"),
    # a day counted from an event: publication's when told as today, else not given
    ("In Saudi Arabia, today is [the eighth day] of the operation.", "1990-08-15", "DATE", "1990-08-15"),
    ("It's [the second day] of an offensive.", "1998-03-06", "DATE", "1998-03-06"),
    ("On [the 40th day] of the siege the city fell.", "2025-07-18", "DATE", "XXXX-XX-XX"),
    # sets
    ("Prices rise [every winter].", "2025-07-18", "SET", "XXXX-WI"),
    ("Shelling resumed [each night].", "2025-07-18", "SET", "XXXX-XX-XXTNI"),
    ("Elections are held [every four years].", "2025-07-18", "SET", "P4Y"),
    ("The board meets [every other week].", "2025-07-18", "SET", "P2W"),
    ("They march [every weekend].", "2025-07-18", "SET", "XXXX-WXX-WE"),
    ("The index is published [weekly].", "2025-07-18", "SET", "P1W"),
    ("Figures are updated [yearly].", "2025-07-18", "SET", "P1Y"),
    ("Average [hourly] earnings rose.", "1998-02-06", "SET", "PT1H"),
    # a 24-hour clock time with its zone, and the day after it read by the tense
    ("The polls closed at [10:00 GMT Sunday].", "2025-07-18", "TIME", "2025-07-13T10:00"),
    ("The polls will close at [10:00 GMT Sunday].", "2025-07-18", "TIME", "2025-07-20T10:00"),
    ("The strike began at [23:15 UTC] on Monday.", "2025-07-18", "TIME", "2025-07-14T23:15"),
]


def _marked(marked: str) -> tuple[str, str]:
    """The text without brackets, and the bracketed span."""
    start, end = marked.index("["), marked.index("]")
    return marked.replace("[", "").replace("]", ""), marked[start + 1 : end]


@pytest.mark.parametrize(("marked", "anchor", "type_", "value"), CASES, ids=[c[0] for c in CASES])
def test_class(marked: str, anchor: str, type_: str, value: str) -> None:
    text, span = _marked(marked)
    found = {(t.text, t.start): t for t in tag(text, date.fromisoformat(anchor))}
    key = (span, marked.index("["))
    assert key in found, f"{span!r} not tagged in {text!r}; tagged {[t.text for t in found.values()]}"
    assert (found[key].type, found[key].value) == (type_, value)


@pytest.mark.parametrize("text", ["In 2011-1999 nothing changed.", "Call 1998-2011-2012 today.",
                                  "The blast came at 10:35:12 on Friday.", "It lasted up to three weeks.",
                                  "Rent is due on the first day of next month.", "They won the match 21:15 on Sunday."])
def test_lookalikes_are_not_tagged(text: str) -> None:
    new_rules = {"year_range_from", "year_range_to", "split_year", "elapsed_time", "duration_range", "ordinal_day", "clock_time"}
    assert [t.text for t in tag(text, date(2025, 7, 18)) if t.rule in new_rules] == []


@pytest.mark.parametrize("text", ["He led a force of 1500 men north.", "The 1500 troops marched north.",
                                  "The 1200 men held the fort.", "Between 1200-1500 men were lost.",
                                  "An army of 1700 soldiers crossed the river."])
def test_a_count_the_size_of_an_early_year_is_not_a_year(text: str) -> None:
    assert [t.text for t in tag(text, date(2025, 7, 18), kind="narrative")] == []
