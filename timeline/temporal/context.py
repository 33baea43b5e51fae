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


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    ordinals = "|".join(re.escape(w) for w in sorted(words()["ordinals"], key=len, reverse=True))
    mention = re.compile(
        rf"\b(?:(?P<ordinal>{ordinals})[- ](?:fiscal[- ])?quarter|(?P<quarter>quarter(?:ly)?|period)"
        r"|(?P<year>(?:nine|six)\s+months|fiscal\s+year|full\s+year|the\s+year\b(?!-)|annual))\b", re.I)
    numbered = re.compile(rf"\b(?P<ordinal>{ordinals})[- ](?:fiscal[- ])?quarter\b", re.I)
    return mention, numbered


def reporting_context(text: str, start: int, end: int) -> str | None:
    """``Q3`` (a third-quarter report), ``Q`` (a quarter, number unknown), ``Y`` (a year or
    nine months), or None: the nearest such mention before ``text[start:end]``, else after it.

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
        last = None
        for last in numbered.finditer(text, max(0, start - _WIDE), start):
            pass
        ordinal = last.group("ordinal") if last else None
    return f"Q{words()['ordinals'][ordinal.lower()]}" if ordinal else "Q"
