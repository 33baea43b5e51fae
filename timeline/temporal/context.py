"""What period a business text reports on, read off the words before an expression.

"Net rose 11% to $9 million from $8 million a year ago" means the same quarter a year before when
the paragraph is about third-quarter results, the year before when it is about nine months.
"""

from __future__ import annotations

import re
from functools import cache

from timeline.temporal.extract import words

CONTEXT_KINDS = frozenset({"ago", "period"})  # the candidate kinds whose value depends on it
_LEFT = 600  # characters read before the expression
_WIDE = 600
_LEAD = 2000  # the opening of a text, where a report names the quarter it is about
# A sentence reports figures when it has money, a percentage or a word of the accounts: "a year ago"
# there is the period reported on; elsewhere ("the war ended a year ago") it is just the year before.
_FIGURES = re.compile(r"[$£€¥#]\s?\d|\d\s?%|\b(?:percent|per\s+cent|cents?|a\s+share|net|profits?|earnings|"
                      r"revenues?|sales|income|loss(?:es)?|results|output|production|prices?|rates?|volume)\b", re.I)
# What a sentence must hold for _FIGURES to match: a sign, or one of these stems (case-folded)
_FIGURE_SIGNS = "$£€¥#%"
_FIGURE_STEMS = ("per", "cent", "share", "net", "profit", "earning", "revenue", "sales", "income", "loss",
                 "result", "output", "production", "price", "rate", "volume")
_SENTENCE = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n\s*\n")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    ordinals = "|".join(re.escape(w) for w in sorted(words()["ordinals"], key=len, reverse=True))
    mention = re.compile(
        rf"\b(?:(?P<ordinal>{ordinals})[- ](?:fiscal[- ])?quarter|(?P<quarter>quarter(?:ly)?(?!-)|period)"
        r"|(?P<year>(?:nine|six)\s+months|fiscal\s+year|full\s+year|the\s+year\b(?!-)|annual))\b", re.I)
    numbered = re.compile(rf"\b(?P<ordinal>{ordinals})[- ](?:fiscal[- ])?quarter\b", re.I)
    return mention, numbered


def reporting_context(text: str, start: int, end: int) -> str | None:
    """``Q3`` (a third-quarter report), ``Q`` (a quarter, number unknown), ``Y`` (a year or
    nine months), or None: the nearest such mention before ``text[start:end]``, else after it.
    An unnumbered mention ("the quarter", "the period") takes the quarter the text opens with
    ("Third-quarter net rose ... After a flat second quarter ... the year-earlier period": Q3).

    >>> reporting_context("Third-quarter net rose to $5 million from $4 million a year ago.", 49, 59)
    'Q3'
    """
    mention, numbered = _patterns()
    left = text[max(0, start - _LEFT) : start]
    found = None
    for found in mention.finditer(left):
        pass
    if found is None:
        found = mention.search(text, end, min(len(text), end + 200))
    if found is None:
        return None
    if found.group("year"):
        return "Y"
    ordinal = found.group("ordinal")
    if ordinal is None:
        found = numbered.search(text, 0, min(start, _LEAD))  # the quarter the report leads with
        if found is None:
            for found in numbered.finditer(text, max(0, start - _WIDE), start):
                pass
        ordinal = found.group("ordinal") if found else None
    return f"Q{words()['ordinals'][ordinal.lower()]}" if ordinal else "Q"


def reports_figures(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` reports figures (money, a percentage, sales...).

    >>> reports_figures("Net rose to $5 million from $4 million a year ago.", 39, 49)
    True
    >>> reports_figures("The war ended a year ago.", 14, 24)
    False
    """
    sentence = _sentence(text, start, end)
    if not any(c in sentence for c in _FIGURE_SIGNS):
        folded = sentence.casefold()
        if not any(stem in folded for stem in _FIGURE_STEMS):
            return False  # none of the words _FIGURES needs: no regex scan of the sentence
    return _FIGURES.search(sentence) is not None


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (at most 400 characters either side)."""
    left, right = text[max(0, start - 400) : start], text[end : end + 400]
    cut = None
    for cut in _SENTENCE.finditer(left):
        pass
    stop = _SENTENCE.search(right)
    return (left[cut.end() :] if cut else left) + text[start:end] + (right[: stop.start()] if stop else right)
