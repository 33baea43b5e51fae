"""Event vocabulary as data: verb and noun rules (verbs.toml) and the CAMEO -> PLOVER table (plover.toml).

Both files are validated on first use; a bad row raises ResourceError naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from timeline.errors import ResourceError
from timeline.resources import load_toml, path

VERBS_FILE = "verbs.toml"
PLOVER_FILE = "plover.toml"

CAMEO_ROOTS: dict[str, str] = {
    "00": "Change of office",  # the project's one root outside CAMEO (QuadClass 0): taking or leaving office
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}

_ROW_KEYS = frozenset({"lemma", "code", "object", "target", "object_is_target", "named_object", "speech", "example"})
_EXAMPLE_KEYS = frozenset({"text", "source", "target", "code", "object"})
_KINDS = ("verb", "noun")
_CODE = re.compile(r"\d{2,4}")
_WORD = re.compile(r"[^\W\d_A-Z](?:[^\W\d_A-Z]|['\-])*")  # one lower-case word; may hold - and '
_PLOVER_KEYS = frozenset({"event", "mode", "context"})


@dataclass(frozen=True, slots=True)
class VerbRule:
    """One row of verbs.toml: a verb (or event noun) lemma, what gates it, and its CAMEO code.

    ``particle`` is, for a verb, the particle or preposition the row needs ("call for" -> "for");
    for a noun, the compound or adjective modifier it needs ("hunger strike" -> "hunger").
    """

    lemma: str
    particle: str | None
    code: str
    object: frozenset[str]
    target: tuple[str, ...]
    object_is_target: bool
    speech: bool
    example: Mapping[str, str] = field(compare=False, hash=False)
    named_object: bool = False  # applies only when its object is someone named, and nothing more
    line: int = field(default=0, compare=False)

    @property
    def root(self) -> str:
        """The CAMEO root of the row's code ("1041" -> "10")."""
        return self.code[:2]


Rules = dict[str, tuple[VerbRule, ...]]


def root(code: str) -> str:
    """The CAMEO root of a code.

    >>> root("1041")
    '10'

    Raises:
        ValueError: the code is not 2-4 digits with a root 01-20.
    """
    if not _CODE.fullmatch(code) or code[:2] not in CAMEO_ROOTS:
        raise ValueError(f"not a CAMEO code: {code!r}")
    return code[:2]


def verb_rules() -> Rules:
    """Verb rules by head verb lemma ("call for" is filed under "call" with particle "for").

    >>> [rule.code for rule in verb_rules()["demand"] if not rule.object]
    ['100']
    """
    return _vocabulary()[0]


def noun_rules() -> Rules:
    """Event-noun rules by head noun lemma ("hunger strike" is filed under "strike", modifier "hunger")."""
    return _vocabulary()[1]


def choose(
    rules: Iterable[VerbRule], particle: str | Iterable[str] | None, object_lemma: str | None
) -> VerbRule | None:
    """The rule that applies, or None.

    A row with ``object`` applies only when ``object_lemma`` is one of them; a row with a particle
    only when that particle is present (``particle`` may be one word or several, e.g. every
    particle and preposition depending on the verb). Among rows that apply, a matching object wins,
    then a matching particle, then the plain row; ties go to the first row in the file.

    >>> choose(verb_rules()["impose"], "on", "sanction").code
    '163'
    >>> choose(verb_rules()["hold"], None, "umbrella") is None
    True
    """
    present = _words(particle)
    wanted = object_lemma.lower() if object_lemma else None
    best: VerbRule | None = None
    best_rank = -1
    for rule in rules:
        if rule.particle is not None and rule.particle not in present:
            continue
        if rule.object and wanted not in rule.object:
            continue
        rank = (2 if rule.object else 0) + (1 if rule.particle is not None else 0)
        if rank > best_rank:
            best, best_rank = rule, rank
    return best


def plover(code: str) -> tuple[str, str]:
    """The PLOVER (event type, mode) of a CAMEO code, from the longest prefix in the table.

    A code missing from the table falls back to its 3-digit parent, then its root; ("", "") when
    none is there (CAMEO 01 and 02 have no PLOVER type) or the code is not a CAMEO code.

    >>> plover("1041")
    ('REQUEST', 'change')
    >>> plover("010")
    ('', '')
    """
    row = _plover_row(code)
    return (row[0], row[1]) if row else ("", "")


def plover_context(code: str) -> tuple[str, ...]:
    """The PLOVER contexts of a CAMEO code ("1121" -> ("crime", "corruption")), same fallback as plover()."""
    row = _plover_row(code)
    return row[2] if row else ()


# ---- loading and validation -------------------------------------------------------------------


def parse(text: str, file: Path) -> tuple[Rules, Rules]:
    """Parse and validate the text of a verbs.toml; ``file`` names it in errors.

    Returns:
        (verb rules, noun rules), each by head lemma, rows in file order.

    Raises:
        ResourceError: bad TOML, an unknown key, a missing or bad value, a bad example, a duplicate
            row or an object lemma claimed by two rows of one lemma (names file:line).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{file}: {exc}") from exc
    return _build(data, text, file)


def parse_plover(text: str, file: Path) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Parse and validate the text of a plover.toml: CAMEO code -> (event, mode, contexts).

    Raises:
        ResourceError: bad TOML, an unknown key, a bad code or a missing event (names file:line).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{file}: {exc}") from exc
    return _build_plover(data, text, file)


@cache
def _vocabulary() -> tuple[Rules, Rules]:
    file = path(VERBS_FILE)
    return _build(load_toml(VERBS_FILE), file.read_text(encoding="utf-8"), file)


@cache
def _plover_table() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    file = path(PLOVER_FILE)
    return _build_plover(load_toml(PLOVER_FILE), file.read_text(encoding="utf-8"), file)


def _plover_row(code: str) -> tuple[str, str, tuple[str, ...]] | None:
    if not _CODE.fullmatch(code):
        return None
    table = _plover_table()
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


def _words(particle: str | Iterable[str] | None) -> frozenset[str]:
    if particle is None:
        return frozenset()
    if isinstance(particle, str):
        return frozenset({particle.lower()})
    return frozenset(word.lower() for word in particle)


def _blocks(text: str, kind: str) -> list[tuple[int, list[str]]]:
    """For each ``[[kind]]`` table in order: its header's 1-based line and the lines of its body."""
    header = re.compile(rf"\s*\[\[\s*{kind}\s*\]\]\s*(#.*)?")
    lines = text.splitlines()
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if header.fullmatch(line):
            current = []
            blocks.append((number, current))
        elif line.lstrip().startswith("["):
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _key_line(block: tuple[int, list[str]], key: str) -> int:
    """The line of ``key = ...`` inside a block, else the block's header line."""
    start, body = block
    pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
    for offset, line in enumerate(body, start=1):
        if pattern.match(line):
            return start + offset
    return start


def _build(data: dict[str, Any], text: str, file: Path) -> tuple[Rules, Rules]:
    for key in data:
        if key not in _KINDS:
            raise ResourceError(
                f"{file}:{_line_in(text, key)}: unknown table {key!r} (expected [[verb]] or [[noun]])"
            )
    built: list[Rules] = []
    for kind in _KINDS:
        rows = data.get(kind, [])
        blocks = _blocks(text, kind)
        if not isinstance(rows, list) or len(blocks) != len(rows):
            raise ResourceError(f"{file}:{_line_in(text, kind)}: write {kind} rows as [[{kind}]] tables, one per rule")
        by_lemma: dict[str, list[VerbRule]] = {}
        seen: dict[tuple[str, str | None, frozenset[str]], int] = {}
        claimed: dict[tuple[str, str | None, str], int] = {}
        for row, block in zip(rows, blocks, strict=True):
            rule = _rule(kind, row, block, file)
            row_key = (rule.lemma, rule.particle, rule.object)
            if row_key in seen:
                raise ResourceError(
                    f"{file}:{block[0]}: duplicate {kind} row for {_spelled(kind, rule)!r}"
                    f"{' with object ' + str(sorted(rule.object)) if rule.object else ''} (first at line {seen[row_key]})"
                )
            seen[row_key] = block[0]
            for lemma in rule.object:
                owner = claimed.setdefault((rule.lemma, rule.particle, lemma), block[0])
                if owner != block[0]:
                    raise ResourceError(
                        f"{file}:{_key_line(block, 'object')}: object {lemma!r} of {_spelled(kind, rule)!r}"
                        f" is already claimed by the row at line {owner}"
                    )
            by_lemma.setdefault(rule.lemma, []).append(rule)
        built.append({lemma: tuple(rules) for lemma, rules in by_lemma.items()})
    return built[0], built[1]


def _spelled(kind: str, rule: VerbRule) -> str:
    if rule.particle is None:
        return rule.lemma
    return f"{rule.lemma} {rule.particle}" if kind == "verb" else f"{rule.particle} {rule.lemma}"


def _rule(kind: str, row: dict[str, Any], block: tuple[int, list[str]], file: Path) -> VerbRule:
    def fail(key: str, message: str) -> ResourceError:
        return ResourceError(f"{file}:{_key_line(block, key)}: [[{kind}]] {message}")

    unknown = sorted(set(row) - _ROW_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_ROW_KEYS))})")
    for key in ("lemma", "code", "example"):
        if key not in row:
            raise fail(key, f"missing key {key!r}")
    lemma = row["lemma"]
    words = lemma.split(" ") if isinstance(lemma, str) else []
    if not words or len(words) > 2 or not all(_WORD.fullmatch(word) and word == word.lower() for word in words):
        raise fail("lemma", f"lemma must be one lower-case word or two (verb + particle, modifier + noun): {lemma!r}")
    # A verb is written "verb particle" ("call for"), a noun "modifier noun" ("hunger strike").
    head = words[0] if kind == "verb" else words[-1]
    particle = None if len(words) == 1 else (words[1] if kind == "verb" else words[0])
    code = row["code"]
    if not isinstance(code, str) or not _CODE.fullmatch(code) or code[:2] not in CAMEO_ROOTS:
        raise fail("code", f"{lemma!r}: code must be 2-4 digits with a CAMEO root 01-20, got {code!r}")
    objects = _word_list(row.get("object", []), lambda message: fail("object", f"{lemma!r}: object {message}"))
    targets = _word_list(row.get("target", []), lambda message: fail("target", f"{lemma!r}: target {message}"))
    flags: dict[str, bool] = {}
    for key in ("object_is_target", "named_object", "speech"):
        value = row.get(key, False)
        if not isinstance(value, bool):
            raise fail(key, f"{lemma!r}: {key} must be true or false, got {value!r}")
        flags[key] = value
    example = _example(
        row["example"], frozenset(objects), lambda key, message: fail(key, f"{lemma!r}: example {message}")
    )
    return VerbRule(
        lemma=head,
        particle=particle,
        code=code,
        object=frozenset(objects),
        target=tuple(targets),
        object_is_target=flags["object_is_target"],
        speech=flags["speech"],
        named_object=flags["named_object"],
        example=example,
        line=block[0],
    )


def _word_list(value: Any, fail: Callable[[str], ResourceError]) -> list[str]:
    if not isinstance(value, list):
        raise fail(f"must be a list of words, got {value!r}")
    for word in value:
        if not isinstance(word, str) or not _WORD.fullmatch(word) or word != word.lower():
            raise fail(f"must be single lower-case words, got {word!r}")
    if len(set(value)) != len(value):
        raise fail(f"lists a word twice: {value!r}")
    return value


def _example(
    value: Any, objects: frozenset[str], fail: Callable[[str, str], ResourceError]
) -> Mapping[str, str]:
    if not isinstance(value, dict):
        raise fail("example", f"must be a table {{ text, source, target, code }}, got {value!r}")
    unknown = sorted(set(value) - _EXAMPLE_KEYS)
    if unknown:
        raise fail("example", f"has unknown key(s) {', '.join(unknown)}")
    for key in ("text", "source", "target", "code"):
        if not isinstance(value.get(key), str):
            raise fail("example", f"needs a string {key!r}")
    if not value["text"].strip():
        raise fail("example", "has an empty text")
    for key in ("source", "target"):
        if value[key] and value[key] not in value["text"]:
            raise fail("example", f"{key} {value[key]!r} does not occur in its text")
    if not _CODE.fullmatch(value["code"]) or value["code"][:2] not in CAMEO_ROOTS:
        raise fail("example", f"code must be a CAMEO code, got {value['code']!r}")
    if objects and value.get("object") not in objects:
        raise fail("example", f"needs object = one of {sorted(objects)} (the object lemma in its text)")
    if not objects and "object" in value:
        raise fail("example", "has an object but the row has none")
    return MappingProxyType(dict(value))


def _build_plover(data: dict[str, Any], text: str, file: Path) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    if set(data) != {"cameo"} or not isinstance(data["cameo"], dict):
        raise ResourceError(f"{file}: expected one [cameo] table and nothing else")
    table: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for code, row in data["cameo"].items():
        line = _line_in(text, f'"{code}"')

        def fail(message: str, code: str = code, line: int = line) -> ResourceError:
            return ResourceError(f"{file}:{line}: CAMEO {code!r}: {message}")

        if not _CODE.fullmatch(code) or code[:2] not in CAMEO_ROOTS:
            raise fail("not a CAMEO code (2-4 digits, root 01-20)")
        if not isinstance(row, dict):
            raise fail("expected { event, mode, context }")
        unknown = sorted(set(row) - _PLOVER_KEYS)
        if unknown:
            raise fail(f"unknown key(s) {', '.join(unknown)}")
        event, mode, context = row.get("event"), row.get("mode", ""), row.get("context", [])
        if not isinstance(event, str) or not re.fullmatch(r"[A-Z]+", event):
            raise fail(f"event must be an upper-case PLOVER type, got {event!r}")
        if not isinstance(mode, str):
            raise fail(f"mode must be a string, got {mode!r}")
        if not isinstance(context, list) or not all(isinstance(item, str) and item for item in context):
            raise fail(f"context must be a list of strings, got {context!r}")
        table[code] = (event, mode, tuple(context))
    return table


def _line_in(text: str, needle: str) -> int:
    """The 1-based line of the first non-comment line holding ``needle`` (0 if none)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line and not line.lstrip().startswith("#"):
            return number
    return 0
