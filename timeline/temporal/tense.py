"""The tense of the verb that governs a temporal expression, read off the words around it."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from timeline.resources import load_toml

PAST, PRESENT, FUTURE, UNKNOWN = "past", "present", "future", "unknown"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A sentence ends at ! ? ; or a line break, or at a full stop before a capital that does not close
# an abbreviation ("7 a.m. local time", "the U.S. envoy", "Mr. Lavrov", "Roe vs. Wade").
_SENTENCE_END = re.compile(
    r"[!?;\n]\s|(?<![A-Z])(?<!\b[ap]\.m)(?<!\b(?:Mr|Ms|Dr|St|No|Jr|Sr|vs|Lt|Mt|Ft))(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt))"
    r"(?<!\b(?:Capt|Prof|Gens))\.\s+(?=[A-Z\x22'`‘“(\[])")
_REGULAR_PAST = re.compile(r"[a-z]{2,}(?:ed|ised|ized)$")
_NOT_VERBS = frozenset("the a an his her its their this that these those our my your some all on in at by for from "
                       "with about into over under after before during".split())
_BE = frozenset("is are was were be been being am".split())
_MODALS = frozenset("will would shall 'll".split())  # not "could": "could not be located Wednesday"
_PASSIVE_AUX = frozenset("is are am be being".split())  # "the case is heard in May": the auxiliary's tense
_INFINITIVE_REACH = 4  # "to" this many words before the expression at most: "set to resume on [Monday]"
_CONTEXT = 160  # characters read either side; enough for the word window, bounded for speed
_PERFECT_PAST = re.compile(r"\b(?:had|hadn't|'d)\b", re.I)  # "they had filed reports by Wednesday"
_HAD_BEEN = ("had", "been")  # "had been scheduled to expire Friday": a plan of the past


@cache
def _lists() -> tuple[int, frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = load_toml("tense.toml")
    return (
        int(data["window"]),
        frozenset(data["future"]),
        frozenset(data["present"]),
        frozenset(data["past"]),
        frozenset(data["not_past"]),
    )


@cache
def _right_window() -> int:
    return int(load_toml("tense.toml").get("right_window", _lists()[0]))


@cache
def _future_to() -> frozenset[str]:
    return frozenset(load_toml("tense.toml").get("future_to", []))


@cache
def _before_reversed(key: str) -> re.Pattern[str]:
    """The phrases of tense.toml's list ``key``, which must end right before the expression (with
    whitespace between), as a pattern read backwards: matched at the start of the reversed window,
    it finds them without trying every position of the window as a search anchored at ``$`` does."""
    phrases = "|".join(re.escape(p[::-1]).replace(r"\ ", r"\s+") for p in load_toml("tense.toml").get(key, []))
    return re.compile(rf"\s+(?:{phrases})\b", re.I) if phrases else re.compile(r"(?!)")


def _ends_with(key: str, reversed_left: str) -> bool:
    """Whether the window (given reversed) ends with a phrase of ``key`` and whitespace."""
    return _before_reversed(key).match(reversed_left) is not None


@cache
def _idioms() -> re.Pattern[str]:
    phrases = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in load_toml("tense.toml").get("idioms", []))
    return re.compile(rf"\b(?:{phrases})\b", re.I) if phrases else re.compile(r"(?!)")


@cache
def _idiom_words() -> tuple[str, ...]:
    """The last word of each idiom, case-folded: a window without any of them holds no idiom."""
    return tuple(sorted({p.split()[-1].casefold() for p in load_toml("tense.toml").get("idioms", [])}))


def _without_idioms(window: str) -> str:
    """The window with its idioms blanked ("as expected" tells no tense); the regex runs only when
    the window holds an idiom's last word (most windows hold none)."""
    folded = window.casefold()
    if any(word in folded for word in _idiom_words()):
        return _idioms().sub(_blank, window)
    return window


_SENTENCE_PUNCT = re.compile(r"[!?;\n.]")  # where a sentence end (``_SENTENCE_END``) can begin


def _last_sentence_end(left: str) -> re.Match[str] | None:
    """The last match ``_SENTENCE_END.finditer(left)`` would give, trying only the positions of
    punctuation (every match begins at one) instead of every position of the window."""
    last, after = None, 0
    for punct in _SENTENCE_PUNCT.finditer(left):
        if punct.start() < after:
            continue
        found = _SENTENCE_END.match(left, punct.start())
        if found:
            last, after = found, found.end()
    return last


def _word_tense(word: str) -> str | None:
    _, future, present, past, not_past = _lists()
    word = word.lower().replace("’", "'")
    if word in future:
        return FUTURE
    if word in past:
        return PAST
    if word in present:
        return PRESENT
    if word not in not_past and _REGULAR_PAST.match(word):
        return PAST
    return None


# Not "that": it is as often a relative pronoun ("shootings that injured doctors").
_DETERMINERS = frozenset("a an the this these those its his her their our my your".split())


def _is_adjective(words: list[str], i: int) -> bool:
    """Whether the regular -ed word ``words[i]`` modifies a noun: after a determiner, perhaps with
    an adverb between ("the planned visit", "a still unspecified date")."""
    word = words[i].lower()
    if word in _lists()[3] or i == 0:  # an irregular past form is a verb
        return False
    before = words[i - 1].lower()
    return before in _DETERMINERS or (i > 1 and words[i - 2].lower() in _DETERMINERS
                                      and (before.endswith("ly") or before in ("still", "long", "much")))


def _infinitive(words: list[str], to: int) -> str:
    """The tense of an infinitive whose "to" is ``words[to]``: past when a past verb governs it."""
    if to > 0 and _word_tense(words[to - 1]) == PAST and words[to - 1].lower() not in _future_to() and \
            (to < 2 or words[to - 2].lower() not in _BE):
        return PAST  # governed by a past verb: "declined to comment Saturday"
    if to > 2 and tuple(w.lower() for w in words[to - 3 : to - 1]) == _HAD_BEEN:
        return PAST  # "had been scheduled to expire at midnight Friday"
    return FUTURE  # an infinitive: "set to resume on Monday", "are set to resume"


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def tense_at(text: str, start: int, end: int) -> str:
    """The tense governing ``text[start:end]``: the nearest tense-bearing word in the same
    sentence, left side first, then right side.

    >>> tense_at("Trump unveiled his new position on Monday.", 34, 40)
    'past'
    >>> tense_at("The envoys will meet on Monday.", 24, 30)
    'future'
    """
    return _tense(text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT])


@lru_cache(maxsize=4096)  # repeated windows (tables, lists, "January January ...") are read once
def _tense(left: str, right: str) -> str:
    """The tense read off the window before an expression and the window after it."""
    window = _lists()[0]
    backwards = left[::-1]
    if _ends_with("past_before", backwards):
        return PAST  # "since Monday"
    ahead = _ends_with("future_before", backwards)
    cut = _last_sentence_end(left)
    if cut is not None:
        left = left[cut.end() :]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[: stop.start()]
    left, right = _without_idioms(left), _without_idioms(right)  # "as expected" tells no tense
    every = list(_WORD.finditer(left))
    words = [t.group() for t in every]  # the window's words, read with the words before them as context
    first = max(0, len(words) - window)
    if ahead and not _PERFECT_PAST.search(left + " " + right):
        return FUTURE  # "could come as early as Tuesday", "postponed until Tuesday" (but "had ... by Monday")
    for i in range(len(words) - 1, first - 1, -1):
        found = _word_tense(words[i])
        if found == PAST and i > 0 and words[i - 1].lower() in _PASSIVE_AUX:
            if i > 1 and words[i - 1].lower() == "be" and words[i - 2].lower() in _MODALS:
                return FUTURE  # "would be paid in January", "will be held Monday"
            continue  # a participle: "is heard" reads the tense of "is"
        if found == PAST and _is_adjective(words, i):
            continue  # "a still unspecified date", "the planned visit"
        if words[i].lower() == "to" and len(words) - i <= _INFINITIVE_REACH and i + 1 < len(words) and \
                words[i + 1].islower() and words[i + 1] not in _NOT_VERBS and \
                not left[every[i].end() : every[i + 1].start()].strip():
            return _infinitive(words, i)
        if found == PRESENT and i > 0 and words[i - 1].lower() == "to":
            return _infinitive(words, i - 1)  # "due to expire Friday"
        if found in (PRESENT, PAST) and any(w.lower() in ("will", "shall", "'ll", "going")
                                            for w in words[max(0, i - 3) : i]):
            return FUTURE  # a verb group: "will meet", "will be held", "is going to meet"
        if found:
            return found
    fronted = len(words) <= 2  # "In January, a week after ..., a bombing killed": the verb comes late
    for word in _WORD.findall(right)[: 3 * _right_window() if fronted else _right_window()]:
        found = _word_tense(word)
        if found:
            return found
    return UNKNOWN
