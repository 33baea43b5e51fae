"""People's corrections: checked values, an audit trail, laid over the machine's table, kept
through re-extraction, refused when someone else saved first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.corrections import Corrector, check
from timeline.errors import CorrectionError, EditConflict
from timeline.ingest.text import parse_text
from timeline.store import Store

PUBLISHED = date(2025, 7, 18)


@pytest.fixture()
def store(store_url: str, seed_path: Path) -> Store:
    store = Store(store_url)
    pipeline.ingest([seed_path], store)
    return store


def _row(store: Store, event_type: str) -> dict[str, object]:
    table = store.table()
    return dict(table[table["event_type"] == event_type].iloc[0])


@pytest.mark.parametrize(("field", "value", "precision", "stored"), [
    ("date", "2025-07-14", None, "2025-07-14..2025-07-14|day"),
    ("date", "2025-07-01..2025-07-31", "month", "2025-07-01..2025-07-31|month"),
    ("date", " 2011-01-25 ", None, "2011-01-25..2011-01-25|day"),
    ("type", "043", None, "043"),
    ("type", "16 Reduce relations", None, "16"),
    ("source", "Russia;  Iran ; Russia", None, "Russia; Iran"),
    ("label", "Poland  expels three\nBelarusian diplomats", None, "Poland expels three Belarusian diplomats"),
    ("location", "", None, ""),
])
def test_values_are_checked_and_normalised(field: str, value: str, precision: str | None, stored: str) -> None:
    assert check(field, value, precision) == stored


@pytest.mark.parametrize(("field", "value", "precision", "hint"), [
    ("date", "2025-02-30", None, "type YYYY-MM-DD"),
    ("date", "last Tuesday", None, "type YYYY-MM-DD"),
    ("date", "2025-07-31..2025-07-01", None, "earlier date first"),
    ("date", "2025-07-14", "fortnight", "one of day, week"),
    ("type", "99", None, "no CAMEO code"),
    ("type", "Consult", None, "no CAMEO code"),
    ("source", " ; ", None, "actor names separated by ';'"),
    ("label", "   ", None, "type what happened"),
    ("label", "x" * 301, None, "shorten it"),
    ("actors", "Russia", None, "cannot edit 'actors'"),
])
def test_an_impossible_value_says_what_to_type(field: str, value: str, precision: str | None, hint: str) -> None:
    with pytest.raises(CorrectionError, match=hint):
        check(field, value, precision)


def test_a_correction_is_laid_over_the_table_with_who_and_why(store: Store) -> None:
    row = _row(store, "11 Disapprove")
    event_id = str(row["event_id"])
    Corrector(store, "ana").edit(event_id, {"date": "2025-07-16", "type": "112", "source": "Russia"},
                                 note="the ministry spoke on Wednesday")
    now = _row(store, "11 Disapprove")
    assert (now["event_id"], now["date_start"], now["precision"], now["cameo_code"]) == (event_id, "2025-07-16",
                                                                                        "day", "112")
    assert now["source_actors"] == "Russia" and now["corrected"] == "date; source; type"
    assert "corrected by ana" in str(now["date_reason"]) and "the ministry spoke on Wednesday" in str(now["date_reason"])
    history = store.edits([event_id])
    assert [(e.version, e.field, e.who) for e in history] == [(1, "date", "ana"), (2, "type", "ana"),
                                                              (3, "source", "ana")]
    assert history[0].before == f"{row['date_start']}..{row['date_end']}|{row['precision']}"
    untouched = store.table()
    assert (untouched["corrected"] == "").sum() == len(untouched) - 1


def test_a_failed_edit_changes_nothing(store: Store) -> None:
    event_id = str(_row(store, "11 Disapprove")["event_id"])
    before = store.table()
    with pytest.raises(CorrectionError):
        Corrector(store, "ana").edit(event_id, {"label": "Russia criticises", "type": "99"})
    assert store.edits() == [] and store.table().equals(before)
    with pytest.raises(CorrectionError, match="no event"):
        Corrector(store, "ana").edit("0000000000000000", {"label": "x"})
    with pytest.raises(CorrectionError, match="who makes it"):
        Corrector(store, " ")


def test_the_second_of_two_editors_is_refused_with_what_changed(store: Store) -> None:
    event_id = str(_row(store, "11 Disapprove")["event_id"])
    seen = len(store.edits([event_id]))  # both read the event with no edits
    Corrector(store, "ana").edit(event_id, {"label": "Russia criticises the sanctions"}, seen=seen)
    with pytest.raises(EditConflict, match="ana: label .* Russia criticises the sanctions"):
        Corrector(store, "bob").edit(event_id, {"label": "Moscow objects"}, seen=seen)
    assert _row(store, "11 Disapprove")["label"] == "Russia criticises the sanctions"
    assert [e.who for e in store.edits([event_id])] == ["ana"]


def test_hide_and_show_again(store: Store) -> None:
    event_id = str(_row(store, "11 Disapprove")["event_id"])
    Corrector(store, "ana").hide(event_id, "not an event")
    assert event_id not in set(store.table()["event_id"])
    Corrector(store, "bob").hide(event_id, hidden=False)
    assert event_id in set(store.table()["event_id"])
    assert [(e.field, e.after, e.who) for e in store.edits([event_id])] == [("hidden", "yes", "ana"),
                                                                             ("hidden", "no", "bob")]


def test_merge_then_split(store: Store) -> None:
    keep, other = (str(_row(store, t)["event_id"]) for t in ("11 Disapprove", "13 Threaten"))
    rows = len(store.table())
    Corrector(store, "ana").merge(keep, other, "one statement")
    merged = store.table()
    assert len(merged) == rows - 1 and other not in set(merged["event_id"])
    (happening,) = store.happenings([keep])
    assert len(happening.excerpts) > 1  # the card shows both mentions' excerpts
    Corrector(store, "ana").split(keep)
    assert len(store.table()) == rows and other in set(store.table()["event_id"])
    with pytest.raises(CorrectionError, match="into itself"):
        Corrector(store, "ana").merge(keep, keep)


def test_corrections_hold_when_the_machine_reads_the_article_again(store: Store) -> None:
    """Re-extraction (here: a new publication date, so new dates and new ids) rewrites the machine's
    rows; the person's value stays and finds its event by where it is told."""
    row = _row(store, "11 Disapprove")
    Corrector(store, "ana").edit(str(row["event_id"]), {"label": "Russia criticises EU sanctions"})
    pipeline.set_published(store, str(row["article_id"]), date(2025, 7, 25))
    again = store.table()
    moved = again[(again["excerpt_start"] == row["excerpt_start"]) & (again["event_type"] == "11 Disapprove")]
    assert moved.iloc[0]["event_id"] != row["event_id"]  # the machine's id changed with the date
    assert moved.iloc[0]["label"] == "Russia criticises EU sanctions" and moved.iloc[0]["corrected"] == "label"


def test_deleting_an_article_keeps_other_articles_mentions(store_url: str) -> None:
    store = Store(store_url)
    for name, text in (("a.txt", "Expulsion\nPosted on July 18, 2025\nPoland expelled three Belarusian diplomats "
                                  "on Monday."),
                       ("b.txt", "Diplomats out\nPosted on July 19, 2025\nPoland expelled three Belarusian "
                                 "diplomats on Monday, the ministry said.")):
        found = pipeline.extract_events(parse_text(text, source=name))
        store.add(parse_text(text, source=name), found)
    table = store.table()
    shared = table[table["sources"] == 2]
    assert len(shared) == 1
    first = sorted({a.id for a in store.articles()})[0]
    assert store.delete_article(first) >= 1
    left = store.table()
    assert len(left[left["event_type"].str.startswith("16")]) == 1 and store.article(first) is None
