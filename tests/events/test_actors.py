"""Actors from the resource files: countries and their forms, state bodies, offices resolved by
date, and the validation that stops start-up with the file and line."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import timeline.resources as resources
from timeline.errors import ResourceError
from timeline.events import countries, gazetteer, officials, people
from timeline.events.build import extract_events
from timeline.events.text import find_actors
from timeline.ingest.text import read_file
from timeline.resources import load_toml
from timeline.table import countries_of


def _others(text: str, on: date | None = None) -> list[str]:
    return [m.actor.name for m in find_actors(text, 0, len(text), on) if m.actor.kind != "person"]


def _people(text: str, on: date | None = None) -> list[str]:
    return [m.actor.name for m in find_actors(text, 0, len(text), on) if m.actor.kind == "person"]


COUNTRY_EXAMPLES = load_toml("countries.toml")["examples"]
BODY_EXAMPLES = load_toml("bodies.toml")["examples"]


@pytest.mark.parametrize("example", COUNTRY_EXAMPLES, ids=[e["text"][:50] for e in COUNTRY_EXAMPLES])
def test_country_example(example: dict) -> None:
    assert _others(example["text"]) == example["actors"]


@pytest.mark.parametrize("example", BODY_EXAMPLES, ids=[e["text"][:50] for e in BODY_EXAMPLES])
def test_body_example(example: dict) -> None:
    assert _others(example["text"]) == example["actors"]


def test_every_un_member_and_four_others_are_countries() -> None:
    codes = {c.code for c in countries.countries()}
    assert len(codes) == 197 and {"TWN", "XKX", "PSE", "VAT"} <= codes


@pytest.mark.parametrize(("text", "expected"), [
    ("the US sanctions", ["United States"]),
    ("tell us more", []),
    ("Ivory Coast's President met Chinese and Dutch officials", ["Ivory Coast", "China", "Netherlands"]),
    ("Chad Myers , we appreciate it .", []),  # Timeline17, egypt: a CNN anchor
    ("Ukrainian forces shelled Kiev suburbs, Ukrainian officials said", ["Ukraine", "Ukraine", "Ukraine"]),
    ("Kazakhstan's capital Nur-Sultan and Astana are one city", ["Kazakhstan", "Kazakhstan", "Kazakhstan"]),
])
def test_country_forms_in_context(text: str, expected: list[str]) -> None:
    assert _others(text) == expected


@pytest.mark.parametrize(("text", "on", "holder"), [
    ("the U.S. President said", date(2022, 3, 1), "Joe Biden"),
    ("the U.S. President said", date(2025, 7, 14), "Donald Trump"),
    ("the US president said", date(2016, 6, 1), "Barack Obama"),
    ("President of the United States", date(2019, 1, 1), "Donald Trump"),
    # Kremlin, 2021-10-25: Telephone conversation with Prime Minister of the United Kingdom Boris Johnson
    ("The Russian President and the British Prime Minister exchanged assessments", date(2021, 10, 25), "Boris Johnson"),
    ("the British prime minister", date(2022, 10, 1), "Liz Truss"),
    ("the German Chancellor", date(2022, 3, 30), "Olaf Scholz"),
    ("the German Chancellor", date(2025, 7, 1), "Friedrich Merz"),
    ("Russian President", date(2010, 1, 1), "Dmitry Medvedev"),
    ("the Kremlin spokesman", date(2022, 6, 1), "Dmitry Peskov"),
    ("the NATO chief", date(2020, 1, 1), "Jens Stoltenberg"),
    ("the UN chief", date(2010, 1, 1), "Ban Ki-moon"),
    ("Israel's Prime Minister", date(2022, 3, 6), "Naftali Bennett"),
    ("the Egyptian President", date(2013, 1, 1), "Mohamed Morsi"),
    ("the Iraqi prime minister", date(2016, 1, 1), "Haider al-Abadi"),
    ("the Pope", date(2025, 6, 1), "Pope Leo XIV"),
])
def test_an_office_is_its_holder_on_the_date(text: str, on: date, holder: str) -> None:
    assert _people(text, on)[-1] == holder


def test_an_office_without_a_date_is_todays_holder() -> None:
    today = officials.offices()["President of the United States"].holder(date.today())
    (mention,) = find_actors("the U.S. President said", 0, 23)
    assert mention.actor.name == today and mention.actor.office == "President of the United States"


def test_a_name_is_who_it_names_whatever_the_date() -> None:
    text = "U.S. President Joe Biden and Trump"
    found = find_actors(text, 0, len(text), on=date(2025, 7, 14))
    assert [(m.actor.name, m.actor.office) for m in found] == [("Joe Biden", None), ("Donald Trump", None)]


@pytest.mark.parametrize("text", ["former U.S. President", "then-U.S. President", "Vice President of Russia",
                                  "Deputy Prime Minister of Russia", "Aide to the President of Russia"])
def test_a_modified_office_is_not_its_holder(text: str) -> None:
    assert _people(text, date(2022, 3, 1)) == []


def test_an_office_no_known_person_held_is_the_office() -> None:
    (mention,) = find_actors("the Afghan President", 0, 20, on=date(2023, 1, 1))
    assert (mention.actor.name, mention.actor.country, mention.actor.kind) == ("President of Afghanistan", "AFG", "person")


def test_countries_of_knows_offices_and_bodies() -> None:
    assert countries_of(["Egyptian Interior Ministry", "Joe Biden", "NATO", "President of Afghanistan"]) == [
        "AFG", "EGY", "USA"]


def test_reporting_credits_are_not_actors(seed_path: Path) -> None:
    credits = "(Reporting by Dmitry Antonov; Writing by Lucy Papachristou; Editing by Andrew Osborn)"
    assert find_actors(credits, 0, len(credits)) == []
    named = {a for e in extract_events(read_file(seed_path)) for a in e.actors}
    assert not named & {"Dmitry Antonov", "Lucy Papachristou", "Andrew Osborn"}


# Validation: a broken resource file stops start-up, naming the file and the line.

def _clear() -> None:
    for f in (resources.load_toml, resources.load_jsonl, resources.load_jsonl_numbered, countries.countries,
              countries.by_code, countries.code_of_form, countries._lowercase_forms, countries.guards,
              officials.officials, gazetteer.build, gazetteer.body_finder, gazetteer._forms, people.affiliation):
        f.cache_clear()


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for file in resources.RESOURCE_DIR.iterdir():
        if file.suffix in (".toml", ".jsonl"):
            shutil.copy(file, tmp_path / file.name)
    monkeypatch.setattr(resources, "RESOURCE_DIR", tmp_path)
    _clear()
    yield tmp_path
    monkeypatch.undo()
    _clear()


def _append(file: Path, line: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    return len(lines) + 1


def _replace(file: Path, old: str, new: str) -> int:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(("name", "row", "message"), [
    ("actors.jsonl", '{"label": "PLACE", "pattern": "Atlantis", "id": "Atlantis"}', "unknown label"),
    ("actors.jsonl", '{"label": "GOV", "pattern": "Atlantis", "id": "Atlantis", "country": "XXX"}', "unknown ISO"),
    ("actors.jsonl", '{"label": "GOV", "pattern": "Moscow", "id": "Moscow City Hall", "country": "RUS"}',
     "already names something else"),
    ("officials.jsonl", '{"office": "President of Russia", "holder": "Dmitry Medvedev", "from": "2020-01-01", "to": null}',
     "overlap"),
    ("officials.jsonl", '{"office": "Pope", "holder": "Pope Francis", "from": "2030-01-01", "to": "2029-01-01"}',
     "ends (2029-01-01) before it starts"),
    ("officials.jsonl", '{"office": "Pope", "holder": "Nobody", "from": "2030-01-01", "to": null}', "unknown holder"),
    ("officials.jsonl", '{"person": "Nobody", "country": "ZZZ", "names": ["Nobody"]}', "unknown ISO"),
    ("officials.jsonl", '{"office": "Pope", "holder": "Pope Francis", "from": "March 2013", "to": null}', "YYYY-MM-DD"),
])
def test_a_bad_row_names_its_file_and_line(copy: Path, name: str, row: str, message: str) -> None:
    line = _append(copy / name, row)
    with pytest.raises(ResourceError, match=re.escape(message)) as caught:
        find_actors("Moscow", 0, 6)
    assert f"{name}:{line}" in str(caught.value)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('BEL = { adj = ["Belgian"]', 'ZZZ = { adj = ["Belgian"]', "unknown ISO 3166 alpha-3 code 'ZZZ'"),
    ('GEO = { adj = ["Georgian"]', 'GEO = { adj = ["Georgian", "Russian"]', "names both"),
    ('Sofia = {', 'Sofiya = {', "guard 'Sofiya'"),
])
def test_a_bad_country_names_its_file_and_line(copy: Path, old: str, new: str, message: str) -> None:
    line = _replace(copy / "countries.toml", old, new)
    with pytest.raises(ResourceError, match=rf"countries.toml:(?:{line}|\d+): .*{message}") as caught:
        find_actors("Moscow", 0, 6)
    assert f"countries.toml:{line}:" in str(caught.value) or "names both" in message


@pytest.mark.parametrize(("old", "new", "message"), [
    ('code = "13"\nname = "Threaten"\nquad = 3', 'code = "13"\nname = "Threaten"\nquad = 7', "quad must be"),
    ('code = "18"\nname = "Assault"', 'code = "18"\nname = ""', "needs code, name"),
])
def test_a_bad_event_type_names_its_file_and_line(copy: Path, old: str, new: str, message: str) -> None:
    from timeline.events import text as events_text

    line = _replace(copy / "event_types.toml", old, new)
    events_text.event_types.cache_clear()
    try:
        with pytest.raises(ResourceError, match=re.escape(message)) as caught:
            events_text.event_types()
        assert f"event_types.toml:{line}:" in str(caught.value)
    finally:
        events_text.event_types.cache_clear()
