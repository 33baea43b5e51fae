"""The event vocabulary: verbs.toml rows and their examples, validation, choose(), plover()."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.errors import ResourceError
from timeline.events.vocabulary import (
    CAMEO_ROOTS,
    VerbRule,
    choose,
    noun_rules,
    parse,
    parse_plover,
    plover,
    plover_context,
    root,
    verb_rules,
)
from timeline.resources import load_toml

BAD = Path("bad.toml")

# Past forms that do not contain the lemma (or the lemma less its final e/y).
IRREGULAR = {
    "say": "said", "tell": "told", "meet": "met", "hold": "held", "take": "took", "give": "gave",
    "fight": "fought", "strike": "struck", "seek": "sought", "shoot": "shot", "fly": "flew",
    "write": "wrote", "speak": "spoke", "break": "broke", "withdraw": "withdrew", "lend": "lent",
    "send": "sent", "freeze": "froze", "unfreeze": "unfroze", "blow": "blew", "forgive": "forgave",
    "leave": "left", "retake": "retook", "make": "made",
}


def _rows(kind: str) -> list[tuple[str, VerbRule]]:
    table = verb_rules() if kind == "verb" else noun_rules()
    return [(kind, rule) for rules in table.values() for rule in rules]


ROWS = _rows("verb") + _rows("noun")


def _spelled(kind: str, rule: VerbRule) -> str:
    if rule.particle is None:
        return rule.lemma
    return f"{rule.lemma} {rule.particle}" if kind == "verb" else f"{rule.particle} {rule.lemma}"


def _id(row: tuple[str, VerbRule]) -> str:
    kind, rule = row
    return f"{kind}:{_spelled(kind, rule)}:{rule.code}:{rule.line}"


@pytest.mark.parametrize("row", ROWS, ids=[_id(row) for row in ROWS])
def test_example_is_chosen_by_its_own_row(row: tuple[str, VerbRule]) -> None:
    kind, rule = row
    example = rule.example
    table = verb_rules() if kind == "verb" else noun_rules()
    chosen = choose(table[rule.lemma], rule.particle, example.get("object"))
    assert chosen is rule
    assert example["code"] == rule.code
    text = example["text"].lower()
    forms = {rule.lemma, IRREGULAR.get(rule.lemma, rule.lemma)}
    if rule.lemma.endswith(("e", "y")):
        forms.add(rule.lemma[:-1])
    assert any(form in text for form in forms), f"no form of {rule.lemma!r} in the example"
    if rule.particle:
        assert rule.particle in text.split() or rule.particle in text


def test_counts_cover_every_root() -> None:
    verbs = [rule for _, rule in _rows("verb")]
    nouns = [rule for _, rule in _rows("noun")]
    assert 250 <= len(verbs) and 50 <= len(nouns)
    assert {rule.root for rule in verbs} == set(CAMEO_ROOTS)


def test_roots_are_named_as_in_event_types() -> None:
    names = {t["code"]: t["name"] for t in load_toml("event_types.toml")["type"]}
    assert {code: name for code, name in names.items() if code in CAMEO_ROOTS} == CAMEO_ROOTS


def test_every_code_has_a_plover_type_except_statements_and_appeals() -> None:
    missing = {rule.code for _, rule in ROWS if plover(rule.code) == ("", "")}
    assert {root(code) for code in missing} <= {"00", "01", "02"}  # 00, change of office, is ours


def test_phrasal_verbs_are_split_into_lemma_and_particle() -> None:
    call_for = choose(verb_rules()["call"], "for", None)
    assert call_for is not None and (call_for.lemma, call_for.particle, call_for.code) == ("call", "for", "020")
    strike = choose(noun_rules()["strike"], "hunger", None)
    assert strike is not None and (strike.particle, strike.code) == ("hunger", "142")


def test_speech_verbs_are_marked() -> None:
    for lemma in ("say", "tell", "announce", "deny", "warn", "claim", "insist", "confirm"):
        rule = choose(verb_rules()[lemma], None, None)
        assert rule is not None and rule.speech, lemma


def test_mostly_non_political_lemmas_are_always_gated() -> None:
    """By an object ("held talks") or a preposition ("gave Iran until Friday")."""
    for lemma in ("take", "make", "hold", "give", "have", "get", "go", "open", "launch", "sign"):
        assert all(rule.object or rule.particle for rule in verb_rules().get(lemma, ())), lemma


# ---- choose() precedence ------------------------------------------------------------------------

PRECEDENCE = """
[[verb]]
lemma = "pull"
code = "190"
example = { text = "They pulled the rope.", source = "They", target = "", code = "190" }

[[verb]]
lemma = "pull out"
code = "080"
example = { text = "They pulled out.", source = "They", target = "", code = "080" }

[[verb]]
lemma = "pull"
code = "0874"
object = ["troop"]
example = { text = "They pulled troops.", source = "They", target = "", code = "0874", object = "troop" }

[[verb]]
lemma = "pull out"
code = "161"
object = ["troop"]
example = { text = "They pulled troops out.", source = "They", target = "", code = "161", object = "troop" }
"""


@pytest.mark.parametrize(
    ("particle", "object_lemma", "code"),
    [
        (None, None, "190"),  # the plain row
        ("out", None, "080"),  # a matching particle beats the plain row
        (None, "troop", "0874"),  # a matching object beats the plain row
        ("up", "troop", "0874"),  # an absent particle gates its row out
        (("of", "out"), "troop", "161"),  # object and particle together beat either
        ("out", "rope", "080"),  # a row with object applies only with that object
        ("OUT", "Troop", "161"),  # case does not matter
    ],
)
def test_choose_precedence(particle: str | tuple[str, ...] | None, object_lemma: str | None, code: str) -> None:
    verbs, _ = parse(PRECEDENCE, BAD)
    chosen = choose(verbs["pull"], particle, object_lemma)
    assert chosen is not None and chosen.code == code


def test_choose_returns_none_when_only_gated_rows() -> None:
    assert choose(verb_rules()["impose"], None, "umbrella") is None
    assert choose((), None, None) is None


# ---- validation ---------------------------------------------------------------------------------

GOOD = (
    '[[verb]]\nlemma = "demand"\ncode = "100"\n'
    'example = { text = "Moscow demanded guarantees.", source = "Moscow", target = "", code = "100" }\n'
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD.replace('code = "100"\n', 'code = "100"\nverb_form = "x"\n'), 4, "unknown key"),
        (GOOD.replace('code = "100"\n', ""), 1, "missing key 'code'"),
        ('[[verb]]\nlemma = "demand"\ncode = "100"\n', 1, "missing key 'example'"),
        (GOOD.replace('code = "100"\n', 'code = "1x"\n'), 3, "code must be"),
        (GOOD.replace('code = "100"\n', 'code = "21"\n'), 3, "code must be"),
        (GOOD.replace('"demand"', '"Demand"'), 2, "lemma must be"),
        (GOOD.replace('"demand"', '"call on for"'), 2, "lemma must be"),
        (GOOD + "\n" + GOOD, 6, "duplicate verb row for 'demand' (first at line 1)"),
        (GOOD.replace('code = "100"\n', 'code = "100"\nobject = ["guarantee"]\n'), 5, "needs object"),
        (GOOD.replace('code = "100"\n', 'code = "100"\nobject = "guarantee"\n'), 4, "must be a list"),
        (GOOD.replace('code = "100"\n', 'code = "100"\nspeech = "yes"\n'), 4, "true or false"),
        (GOOD.replace('source = "Moscow"', 'source = "Kyiv"'), 4, "does not occur"),
        (GOOD.replace(', code = "100" }', ' }'), 4, "needs a string 'code'"),
        (GOOD.replace(', code = "100" }', ', code = "100", note = "x" }'), 4, "unknown key(s) note"),
        (GOOD + '\n[[verbs]]\nlemma = "x"\n', 6, "unknown table 'verbs'"),
        ("[[verb]\n", 1, ""),
    ],
    ids=[
        "unknown-key", "missing-code", "missing-example", "code-not-digits", "root-above-20",
        "upper-case-lemma", "three-word-lemma", "duplicate-row", "object-without-example-object",
        "object-not-list", "speech-not-bool", "source-not-in-text", "example-without-code",
        "example-unknown-key", "unknown-table", "bad-toml",
    ],
)
def test_bad_rows_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ResourceError) as caught:
        parse(text, BAD)
    prefix = f"{BAD}:{line}" if message else f"{BAD}:"
    assert str(caught.value).startswith(prefix) and message in str(caught.value), str(caught.value)


def test_duplicate_object_between_two_rows_is_rejected() -> None:
    row = (
        '[[verb]]\nlemma = "impose"\ncode = "{code}"\nobject = [{objects}]\nexample = {{ text = "They imposed'
        ' sanctions.", source = "They", target = "", code = "{code}", object = "sanction" }}\n'
    )
    text = row.format(code="163", objects='"sanction"') + row.format(code="172", objects='"ban", "sanction"')
    claimed = r"bad\.toml:9: object 'sanction' of 'impose' is already claimed by the row at line 1"
    with pytest.raises(ResourceError, match=claimed):
        parse(text, BAD)


def test_noun_rows_take_their_head_from_the_last_word() -> None:
    text = (
        '[[noun]]\nlemma = "hunger strike"\ncode = "142"\n'
        'example = { text = "A hunger strike.", source = "", target = "", code = "142" }\n'
    )
    _, nouns = parse(text, BAD)
    assert [(rule.lemma, rule.particle) for rule in nouns["strike"]] == [("strike", "hunger")]


# ---- PLOVER and roots ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1041", ("REQUEST", "change")),
        ("10", ("REQUEST", "")),
        ("190", ("ASSAULT", "")),
        ("0871", ("RETREAT", "ceasefire")),
        ("163", ("COERCE", "restrict")),
        ("1049", ("REQUEST", "change")),  # not in the table: its parent 104
        ("1959", ("ASSAULT", "heavy-weapons")),  # not in the table: its parent 195
        ("010", ("", "")),  # PLOVER has no statements
        ("02", ("", "")),
        ("abc", ("", "")),
    ],
)
def test_plover(code: str, expected: tuple[str, str]) -> None:
    assert plover(code) == expected


def test_plover_context() -> None:
    assert plover_context("1121") == ("crime", "corruption")
    assert plover_context("010") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[cameo]\n"10" = { event = "REQUEST", mode = "", kind = "x" }\n', "bad.toml:2: CAMEO '10': unknown key(s) kind"),
        ('[cameo]\n"1x" = { event = "REQUEST" }\n', "bad.toml:2: CAMEO '1x': not a CAMEO code"),
        ('[cameo]\n"10" = { mode = "" }\n', "bad.toml:2: CAMEO '10': event must be"),
        ('[plover]\n"10" = { event = "REQUEST" }\n', "bad.toml: expected one [cameo] table"),
    ],
)
def test_bad_plover_rows_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ResourceError) as caught:
        parse_plover(text, BAD)
    assert str(caught.value).startswith(message), str(caught.value)


def test_root() -> None:
    assert root("1041") == "10" and root("20") == "20" and root("057") == "05"
    for bad in ("1", "21", "10a", "12345"):
        with pytest.raises(ValueError):
            root(bad)
