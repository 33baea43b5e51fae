"""Find temporal expressions in text. Knows nothing about dates: emits underspecified candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.errors import ResourceError
from timeline.resources import compile_pattern, line_of, load_toml, path
from timeline.trie import trie_pattern

# Read in this order: on a tie (same span) the earlier rule wins.
RULES_FILES = ("temporal.toml", "temporal_durations.toml", "temporal_periods.toml", "temporal_times.toml")
WORDS_FILE = "temporal_words.toml"
KINDS = frozenset(
    "date month year decade weekday relday relunit ago duration season quarter period the_unit ref set "
    "clock holiday century anaphor elapsed ordinal_day".split()
)
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
_MONTH_ABBREVIATED = r"\.|\s*\d"  # what must follow "Jan", "Sept" for it to be a month
_WEEKDAY_ABBREVIATED = r"\."  # what must follow "Sun", "Wed" for it to be a weekday


@dataclass(frozen=True, slots=True)
class Candidate:
    """An underspecified temporal expression: what a rule matched, before any anchor is applied.

    ``fields`` holds the rule's named groups that matched, lower-cased, e.g.
    ``(("weekday", "monday"),)``; the resolver reads them.
    """

    rule: str
    kind: str
    type: str
    start: int
    end: int
    text: str
    fields: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        """The value of a named group, or None if it did not match."""
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def __str__(self) -> str:
        return f"{self.rule}({self.text!r}@{self.start})"


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled extraction rule from the rules file."""

    name: str
    kind: str
    type: str
    regex: re.Pattern[str]
    examples: tuple[dict[str, Any], ...]
    needs: re.Pattern[str] | None = None  # a text without a match of this is skipped (speed)
    reach: int | None = None  # every match lies within this many characters of a ``needs`` match
    gate: tuple[str, ...] | None = None  # words one of which a text holding ``needs`` holds (case-folded)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The stretches of ``text`` to scan: all of it, none (no ``needs`` match), or the
        merged windows of ``reach`` characters around each ``needs`` match."""
        if self.needs is None:
            return [(0, len(text))]
        if self.reach is None:
            return [(0, len(text))] if self.needs.search(text) else []
        windows: list[tuple[int, int]] = []
        reach, size = self.reach, len(text)
        first = last = -1  # the window being grown
        for match in self.needs.finditer(text):
            start, end = match.span()
            if last < 0 or start - reach > last:
                if last >= 0:
                    windows.append((first, last))
                first = max(0, start - reach)
            last = min(size, end + reach)
        if last >= 0:
            windows.append((first, last))
        return windows


def _is_abbreviation(word: str, table: dict[str, Any]) -> bool:
    """"jan", "sun": a word that begins a longer word of the table with the same value."""
    return any(other != word and other.startswith(word) and value == table[word] for other, value in table.items())


def _alternation(words: dict[str, Any], case_sensitive: bool, short: str = "") -> str:
    """The words as a regex alternation; capitalised (or all capitals) when ``case_sensitive``,
    and abbreviations ("Jan", "Sun") then only when followed by ``short`` (a lookahead)."""
    forms = sorted(words, key=len, reverse=True)
    if case_sensitive:
        alts = "|".join(
            f"(?:{re.escape(w[0].upper() + w[1:])}|{re.escape(w.upper())})"
            + (f"(?={short})" if short and _is_abbreviation(w, words) else "") for w in forms)
        return f"(?-i:{alts})"
    return trie_pattern(forms).replace(r"\ ", r"\s+")  # a trie: one branch per next letter, longest first


@cache
def words() -> dict[str, dict[str, Any]]:
    """The word tables of the rules (months, weekdays, numbers, ...), keys lower-case."""
    tables = load_toml(WORDS_FILE).get("words", {})
    return {name: {k.lower(): v for k, v in table.items()} for name, table in tables.items()}


def _placeholders() -> dict[str, str]:
    w = words()
    return {
        # "Jan" (a first name) and "Sun" (Sun Microsystems) are dates only as "Jan. 14", "Sun."
        "month": f"(?P<month>{_alternation(w['months'], True, short=_MONTH_ABBREVIATED)})",
        "weekday": f"(?P<weekday>{_alternation(w['weekdays'], True, short=_WEEKDAY_ABBREVIATED)})",
        "day": r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "year": rf"(?P<year>(?:1[89]|20)\d\d|{_spelled_years(w['numbers'])})",
        # after a word that makes a number a year ("March 1776", "the spring of 1776"): from 1000 on
        "datedyear": rf"(?P<year>1\d\d\d|20\d\d|{_spelled_years(w['numbers'])})",
        # after a day and a month any four digits are its year: "31 December 9999", "January 1, 0001"
        "fullyear": rf"(?P<year>\d{{4}}|{_spelled_years(w['numbers'])})",
        "number": rf"(?P<number>\d{{1,4}}|{_compound_numbers(w['numbers'])}|{_alternation(w['numbers'], False)})",
        # the first count of a range ("two to three weeks"): a number, not "a", "several" or "a few"
        "low": rf"(?P<low>\d{{1,4}}|{_compound_numbers(w['numbers'])}|{_alternation(_counts(w['numbers']), False)})",
        "unit": f"(?P<unit>{_alternation(w['units'], False)})",
        "season": f"(?P<season>{_alternation(w['seasons'], False)})",
        "ordinal": f"(?P<ordinal>{_alternation(w['ordinals'], False)})",
        "approx": f"(?P<approx>{_alternation(w['mods'], False)})",
        "holiday": f"(?P<holiday>{_alternation(w['holidays'], False)})",
    }


def _counts(numbers: dict[str, Any]) -> dict[str, Any]:
    """The number words that say a count ("two", "twelve"), not "a", "an" or "several"."""
    return {w: v for w, v in numbers.items() if isinstance(v, int) and w not in ("a", "an")}


def _tens_ones(numbers: dict[str, Any]) -> tuple[str, str]:
    """The number words for 20, 30, ... 90 and for 1 ... 9, each as an alternation."""
    tens = "|".join(w for w, v in numbers.items() if isinstance(v, int) and 20 <= v < 100 and v % 10 == 0)
    ones = "|".join(w for w, v in numbers.items() if isinstance(v, int) and 1 <= v < 10 and w not in ("a", "an"))
    return tens, ones


def _compound_numbers(numbers: dict[str, Any]) -> str:
    """Tens and ones in words: "twenty-four", "twenty four"."""
    tens, ones = _tens_ones(numbers)
    first = "".join(sorted({w[0] for w in tens.split("|")}))
    return rf"(?=[{first}])(?:{tens})[- ](?:{ones})\b"  # (?=...): first letters, for speed


def _spelled_years(numbers: dict[str, Any]) -> str:
    """Years said in words, as transcripts write them: "nineteen ninety-four", "two thousand one"
    (a bare "two thousand" is a year only after "the year": rule the_unit)."""
    tens, ones = _tens_ones(numbers)
    teens = "|".join(w for w, v in numbers.items() if isinstance(v, int) and 10 <= v < 20)
    return (rf"nineteen[- ](?:(?:{tens})(?:[- ](?:{ones}))?\b|(?:{teens})\b)"
            rf"|two\s+thousand\s+(?:and\s+)?(?:{teens}|{ones})\b(?!\s+(?:hundred|thousand))")


def year_number(value: str) -> str:
    """A year as digits: "1994" stays, "nineteen ninety-four" -> "1994", "two thousand one" -> "2001".

    >>> year_number("nineteen ninety-four"), year_number("two thousand")
    ('1994', '2000')
    """
    if value.isdigit():
        return value
    parts = [p for p in re.split(r"[\s-]+", value.lower()) if p not in ("and", "")]
    numbers = words()["numbers"]
    base = 1900 if parts[0] == "nineteen" else 2000
    rest = parts[1:] if base == 1900 else parts[2:]
    return str(base + sum(int(numbers[p]) for p in rest))


def _gate_words(needs: str) -> tuple[str, ...] | None:
    """Words one of which every match of a ``needs`` pattern holds, when the pattern is an
    alternation of plain words (word boundaries, whitespace and a plural "s?" aside): a text whose
    case-folded form holds none of them has no match, and a substring test says so far faster than
    a regex scan. None for other patterns.

    >>> _gate_words(r"\\b(?:jan|feb|days?|from\\s+now)\\b"), _gate_words(r"q[1-4]")
    (('jan', 'feb', 'day', 'from'), None)
    """
    body = needs.replace(r"\b", "")
    if body.startswith("(?:") and body.endswith(")") and body.count("(") == 1:
        body = body[3:-1]
    words = []
    for alternative in body.split("|"):
        pieces = [p.removesuffix("s?") for p in re.split(r"\\s\+?", alternative) if p]
        if not pieces or not all(re.fullmatch(r"[a-z0-9-]+", p) for p in pieces):
            return None
        words.append(max(pieces, key=len))  # a match holds every piece: the longest is the best gate
    return tuple(words)


@cache
def rules() -> tuple[Rule, ...]:
    """All extraction rules, compiled and validated.

    Raises:
        ResourceError: a rule has an unknown kind/type, a bad regex, or matches the empty string.
    """
    holders = _placeholders()
    compiled: list[Rule] = []
    seen: set[str] = set()
    for file, raw in ((path(name), raw) for name in RULES_FILES for raw in load_toml(name).get("rule", [])):
        name = raw.get("name", "")
        where = f"{file}:{line_of(file, f'name = {name!r}'.replace(chr(39), chr(34)))}"
        if not name or name in seen:
            raise ResourceError(f"{where}: rule needs a unique name (got {name!r})")
        seen.add(name)
        if raw.get("kind") not in KINDS:
            raise ResourceError(f"{where}: rule {name!r}: unknown kind {raw.get('kind')!r}")
        if raw.get("type") not in TYPES:
            raise ResourceError(f"{where}: rule {name!r}: unknown type {raw.get('type')!r}")
        if not raw.get("examples"):
            raise ResourceError(f"{where}: rule {name!r}: every rule needs examples")
        pattern = raw.get("pattern", "")
        for key, expansion in holders.items():
            pattern = pattern.replace("{" + key + "}", expansion)
        regex = compile_pattern(pattern, file, name)
        if regex.groups != len(regex.groupindex):
            raise ResourceError(f"{where}: rule {name!r}: use named groups only, not positional ones")
        needs = compile_pattern(raw["needs"], file, name) if raw.get("needs") else None
        reach = raw.get("reach")
        if reach is not None and (needs is None or not isinstance(reach, int) or reach < 1):
            raise ResourceError(f"{where}: rule {name!r}: reach must be a positive number of characters, "
                                f"with needs")
        gate = _gate_words(raw["needs"]) if raw.get("needs") else None
        compiled.append(Rule(name, raw["kind"], raw["type"], regex, tuple(raw["examples"]), needs, reach, gate))
    return tuple(compiled)


_SPACES = re.compile(r"\s+")


def _lower_one_spaced(value: str) -> str:
    """A matched group as the resolver reads it: lower case, runs of whitespace made one space."""
    lower = value.lower()
    return lower if lower.isalnum() else _SPACES.sub(" ", lower)


def extract(text: str) -> list[Candidate]:
    """Find temporal expressions; overlapping matches keep the longest (then the earlier rule).

    >>> [c.text for c in extract("Trump unveiled his plan on Monday, setting a 50-day deadline.")]
    ['Monday', '50-day']
    """
    found: list[tuple[int, int, int, re.Match[str]]] = []
    stretches: dict[tuple[str | None, int | None], list[tuple[int, int]]] = {}  # rules that need the same share
    folded = text.casefold()  # for the rules' word gates (casefold: what IGNORECASE matches, and more)
    for order, rule in enumerate(rules()):
        seen = -1
        key = (rule.needs.pattern if rule.needs else None, rule.reach)
        if key not in stretches:
            gated = rule.gate is not None and not any(word in folded for word in rule.gate)
            stretches[key] = [] if gated else rule.spans(text)
        for start, end in stretches[key]:
            for match in rule.regex.finditer(text, start, end):
                if match.end() > match.start() and match.start() > seen:
                    found.append((match.end() - match.start(), match.start(), order, match))
                    seen = match.start()
    found.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken = bytearray(len(text))
    chosen: list[Candidate] = []
    all_rules = rules()
    for _, start, order, match in found:
        end = match.end()
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        rule = all_rules[order]
        fields = tuple(
            (key, year_number(value) if key == "year" else _lower_one_spaced(value))
            for key, value in match.groupdict().items()
            if value is not None
        )
        chosen.append(Candidate(rule.name, rule.kind, rule.type, start, end, match.group(0), fields))
    chosen.sort(key=lambda c: c.start)
    return chosen
