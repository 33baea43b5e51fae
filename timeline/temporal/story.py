"""Story time: the date a text is narrating, which gives its year to an expression that has none.

Every date the text gives may move the reference ("On March 3, 1921, …"); an expression counted
from publication ("on Monday", "last month") brings it back to now. A later "March 18" takes the
year of the reference when the text narrates another period and the publication's when it speaks
of now: a history always narrates; news narrates from a date that opens its sentence, in the past,
for the rest of that sentence and the sentences of the paragraph that open with a date
(``resources/temporal_story.toml``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from timeline.model import TimeExpression
from timeline.resources import load_toml
from timeline.temporal.extract import Candidate
from timeline.temporal.tense import FUTURE, PRESENT

STORY_FILE = "temporal_story.toml"
KINDS = ("news", "narrative")
_FRAME_PRECISIONS = frozenset({"day", "week", "month", "season", "quarter", "year"})
_STORY_KINDS = frozenset({"year", "anaphor"})  # a year given, or a date counted from the story's
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")
_OPENING_REACH = 40  # characters between a sentence's start and a date that opens it


@dataclass(frozen=True, slots=True)
class Settings:
    yearless: frozenset[str]
    counted: frozenset[str]
    counted_directions: frozenset[str]
    narrated: frozenset[str]
    deictic: frozenset[str]
    next_unit: dict[str, int]
    opening: re.Pattern[str]
    reach: int
    naming_before: re.Pattern[str]
    naming_after: re.Pattern[str]


@cache
def settings() -> Settings:
    data = load_toml(STORY_FILE)
    openers = "|".join(sorted(map(re.escape, data["openers"]), key=len, reverse=True))
    opening = re.compile(rf"[\s\"'“‘(\[,;:-]*(?:(?:{openers})\b[\s,]*)*", re.I)
    kinds = {name: frozenset(data[name]) for name in ("yearless", "counted", "counted_directions", "narrated",
                                                       "deictic")}
    return Settings(**kinds, next_unit=dict(data["next_unit"]), opening=opening, reach=int(data["news"]["reach"]),
                    naming_before=re.compile(data["naming"]["before"]), naming_after=re.compile(data["naming"]["after"]))


@dataclass(frozen=True, slots=True)
class Frame:
    """The last date the text narrates from: the expression, its first day, paragraph and sentence."""

    expr: TimeExpression
    day: date
    last: date  # its last day: what "the next spring" counts from
    paragraph: int
    sentence: int


class Story:
    """The moving reference time of one text (``kind`` "news" or "narrative").

    >>> from timeline.temporal import tag
    >>> text = "On March 3, 1921, the sailors rebelled. On March 18 the revolt was crushed."
    >>> [t.value for t in tag(text, date(2009, 12, 19), kind="narrative")]
    ['1921-03-03', '1921-03-18']
    """

    def __init__(self, text: str, anchor: date | None, kind: str = "news") -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.text, self.kind, self.anchor = text, kind, anchor
        self.frame: Frame | None = None
        self._paragraphs: list[int] | None = None  # break offsets, found on first need (one pass each)
        self._sentences: list[int] | None = None

    def _paragraph(self, offset: int) -> int:
        if self._paragraphs is None:
            breaks = _PARAGRAPH if _PARAGRAPH.search(self.text) else _LINE
            self._paragraphs = [m.start() for m in breaks.finditer(self.text)]
        return bisect_right(self._paragraphs, offset)

    def _sentence(self, offset: int) -> tuple[int, int]:
        """The index of the sentence around ``offset`` and the offset where it starts."""
        if self._sentences is None:
            self._sentences = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        index = bisect_right(self._sentences, offset)
        return index, self._sentences[index - 1] if index else 0

    def _opens_sentence(self, start: int) -> bool:
        """Whether only openers ("But on", "In") stand between its sentence's start and ``start``."""
        _, begins = self._sentence(start)
        if start - begins > _OPENING_REACH:
            return False
        return settings().opening.fullmatch(self.text, begins, start) is not None

    def may_frame(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` could take its year from the story (its tense is then worth reading)."""
        return self.frame is not None and (self._yearless(candidate) or _dayless_clock(candidate))

    def frame_for(self, candidate: Candidate, start: int, end: int, tense: str) -> Frame | None:
        """The frame a yearless ``candidate`` at ``start`` takes its year from, or None (publication)."""
        frame = self.frame
        if frame is None:
            return None
        if self.kind == "narrative" and _after_an_event(candidate, self.text, end):
            return frame  # "two days after the fall of Girona": from the date the history is at
        if _dayless_clock(candidate):  # "at 5:30 PM" in a history: on the story's day
            return frame if self.kind == "narrative" and frame.expr.precision == "day" else None
        if not self._yearless(candidate):
            return None
        if self.kind == "narrative":
            return frame
        if self.anchor is not None and frame.day.year == self.anchor.year or tense in (FUTURE, PRESENT):
            return None
        if start - frame.expr.end > settings().reach or self._paragraph(start) != frame.paragraph:
            return None
        if self._sentence(start)[0] != frame.sentence and not self._opens_sentence(start):
            return None
        return frame

    def _yearless(self, c: Candidate) -> bool:
        """Whether ``c`` gives no year of its own and can take the story's, or be counted from its date."""
        rules = settings()
        if c.get("year"):
            return False
        if c.get("rel") or c.get("relyear"):
            if c.kind == "duration":  # "the next year"
                return (c.get("rel") or "") in rules.next_unit and not c.get("number")
            return self.kind == "narrative" and c.kind in rules.narrated
        if c.kind == "clock":
            return c.get("month") is not None
        if c.kind == "ago":
            return (c.get("dir") or "") in rules.counted_directions
        return c.kind in rules.yearless or c.kind in rules.counted

    def _names_a_thing(self, start: int, end: int) -> bool:
        """Whether the year at ``start:end`` names a thing ("the Constitution of 1791 was …")."""
        rules = settings()
        return bool(rules.naming_before.search(self.text, max(0, start - 60), start)
                    and rules.naming_after.match(self.text, end, end + 20))

    def note(self, candidate: Candidate, expr: TimeExpression, framed: bool) -> None:
        """Move the reference to ``expr`` when it narrates: in its own year ("1921", "March 3,
        1921"; in news only a date that opens its sentence), in the story's (``framed``) or counted
        from it ("the following year"). In news, a date counted from publication ("on Monday", a
        yearless date told of now) brings the story back to now."""
        if not (expr.resolved and expr.begin and expr.type in ("DATE", "TIME") and expr.precision in _FRAME_PRECISIONS):
            return
        given = candidate.get("year") is not None or candidate.kind == "year"
        if candidate.kind == "year" and self._names_a_thing(expr.start, expr.end):
            return  # "the Civil Constitution of the Clergy (1790) was resented": the story stays
        if framed or candidate.kind in _STORY_KINDS and not given or (
                given and (self.kind == "narrative" or self._opens_sentence(expr.start))):
            self.frame = Frame(expr, date.fromisoformat(expr.begin), date.fromisoformat(expr.end_date or expr.begin),
                               self._paragraph(expr.start),
                               self._sentence(expr.start)[0])
        elif self.kind == "news" and not given and (candidate.kind in settings().deictic or self._yearless(candidate)):
            self.frame = None


def _dayless_clock(c: Candidate) -> bool:
    return c.kind == "clock" and not (c.get("month") or c.get("weekday") or c.get("relday"))


_AFTER = re.compile(r"\s+(?P<way>after|before)\s+(?!(?:the\s+)?(?:\d|(?-i:[A-Z][a-z]+\s+\d)))", re.I)


def _after_an_event(c: Candidate, text: str, end: int) -> bool:
    """"three weeks after the siege began": a count of units before "after" or "before" and no date."""
    return c.kind == "duration" and c.get("number") is not None and _AFTER.match(text, end) is not None


def _way(text: str, end: int) -> str:
    found = _AFTER.match(text, end)
    return found.group("way").lower() if found else "after"


def in_story(candidate: Candidate, frame: Frame, text: str = "") -> Candidate:
    """``candidate`` read in the story of ``frame``, to be resolved with the frame's date as its
    anchor: a yearless date with the frame's year ("March 18" after "March 3, 1921" → March 18,
    1921), "the next year" as the year after it; the rest as they are, counted from that date."""
    if candidate.kind == "duration" and candidate.get("number") is not None:  # "two days after the siege"
        return Candidate(candidate.rule, "anaphor", "DATE", candidate.start, candidate.end, candidate.text,
                         (("number", candidate.get("number") or ""), ("unit", candidate.get("unit") or "days"),
                          ("later", _way(text, candidate.end)), ("refprec", frame.expr.precision)))
    if candidate.kind == "duration":
        offset = settings().next_unit[candidate.get("rel") or ""]
        ana = "the following" if offset > 0 else "the previous"
        return Candidate(candidate.rule, "anaphor", "DATE", candidate.start, candidate.end, candidate.text,
                         (("ana", ana), ("unit", candidate.get("unit") or "year"), ("refprec", frame.expr.precision)))
    if candidate.kind in settings().yearless and not (candidate.get("rel") or candidate.get("relyear")):
        return replace(candidate, fields=candidate.fields + (("year", str(frame.day.year)),))
    return candidate


def told_in_story(expr: TimeExpression, candidate: Candidate, frame: Frame, quote: str) -> TimeExpression:
    """``expr`` (resolved from ``candidate`` as ``in_story`` read it) with a reason that names the
    story's date it was read from."""
    way = "the year of" if candidate.get("year") == str(frame.day.year) else "counted from"
    reason = f"'{quote}' → {way} '{frame.expr.text}', the last date the text gave ({frame.day.isoformat()}) → {expr.value}"
    return replace(expr, reason=reason, anchor=frame.day.isoformat())
