"""Which sentences are worth parsing, and which words the parser should read as one: read off
the text alone, before any parse, so that most sentences are never parsed."""

from __future__ import annotations

import re
from functools import cache

from timeline.events.countries import country_code
from timeline.events.roles import settings as roles_settings
from timeline.events.roles import stems
from timeline.events.text import settings
from timeline.events.vocabulary import noun_rules, verb_rules

_WORD = re.compile(r"[A-Za-z]+")


@cache
def _screen() -> tuple[frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    """(verb lemmas, noun lemmas, irregular past forms, light verbs): what the screen looks for."""
    syntax = roles_settings()
    verbs = frozenset(lemma.split()[0] for lemma in verb_rules()) | frozenset(syntax["adjectives"])
    return verbs, frozenset(noun_rules()), dict(syntax["irregular"]), frozenset(syntax["light_verbs"])


def _past_stems(word: str) -> list[str]:
    """The lemmas a past form may have ("expelled" -> expel); none for other forms."""
    return stems(word) if word.endswith("ied") or word.endswith("ed") and len(word) >= 5 else []


@cache
def _captions() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(settings()["caption"], re.I), re.compile(settings()["photo_date"], re.I)


_CAPTION_LINE = 400  # a caption is a short line: its sentences and its credit


def is_caption(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` belongs to a photograph's caption: a short line that
    credits a photograph. Captions report no event and their dates date nothing.

    >>> line = "Putin attends a meeting in Moscow, July 18, 2025. REUTERS/Maxim Shemetov"
    >>> is_caption(line, 0, 49), is_caption("Putin met Xi.", 0, 13)
    (True, False)
    """
    low = max(0, start - _CAPTION_LINE)  # the line is looked for within reach only: linear in the text
    before = text.rfind("\n", low, start)
    after = text.find("\n", end, end + _CAPTION_LINE)
    first = before + 1 if before >= 0 else 0 if low == 0 else None
    last = after if after >= 0 else len(text) if len(text) <= end + _CAPTION_LINE else None
    if first is None or last is None or last - first > _CAPTION_LINE:
        return False
    return _captions()[0].search(text, first, last) is not None


def is_photo_date(text: str, start: int) -> bool:
    """Whether the date at ``start`` is the day a photograph was taken ("pictured on June 2")."""
    return _captions()[1].search(text, max(0, start - 40), start) is not None


_CAPITAL_INSIDE = re.compile(r"(?<=[\w,;:)\"”’] )[A-Z][a-z]")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")


def worth_parsing(sentence: str, dated: bool) -> bool:
    """Whether a sentence can hold an event, read without parsing it: a past form of a verb the
    rules know ("expelled", "met", "said"), or a light verb before an event noun ("held talks"), or
    an event noun with a date of its own; and someone who can act in it (a name or a pronoun).

    >>> worth_parsing("Poland expelled three diplomats.", False), worth_parsing("We think so.", False)
    (True, False)
    """
    if not (_CAPITAL_INSIDE.search(sentence) or _PRONOUN.search(sentence) or sentence[:1].isupper()):
        return False
    verbs, nouns, irregular, light = _screen()
    adjectives = roles_settings()["adjectives"]
    has_light = has_noun = False
    for word in _WORD.findall(sentence):
        low = word.lower()
        lemma = irregular.get(low)
        if lemma in verbs or any(s in verbs for s in _past_stems(low)) or low in ("says", "said") \
                or low in adjectives:
            return True
        has_light = has_light or lemma in light or low in light
        has_noun = has_noun or low in nouns or low.rstrip("s") in nouns
        if has_noun and (has_light or dated):
            return True
    return False


_NAME_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*[a-z][\w’'-]*(?:\s+(?:(?:al|el|bin|de|van|von|der|da)[- ])?[A-Z][\w’'.-]*[a-z][\w’'-]*)+")


def name_spans(sentence: str) -> list[tuple[int, int]]:
    """Runs of two or more capitalised words ("Recep Tayyip Erdogan", "Human Rights Watch"), which
    the parser reads better as one word; a run never starts with a capitalised function word.

    >>> s = "The talks with Recep Tayyip Erdogan ended."
    >>> [s[a:b] for a, b in name_spans(s)]
    ['Recep Tayyip Erdogan']
    """
    stop = _function_words()
    found = []
    for m in _NAME_RUN.finditer(sentence):
        run: list[tuple[int, int]] = []  # (start, end) of the words of a name being read
        for w in re.finditer(r"\S+", m.group(0)):
            word = w.group(0)
            if word.lower() in stop or country_code(word) or word in _org_words():
                # a country or a body's word is structure the parser should see: "Russian Foreign Ministry"
                if len(run) > 1:
                    found.append((m.start() + run[0][0], m.start() + run[-1][1]))
                run = []
            else:
                run.append((w.start(), w.end()))
        if len(run) > 1:
            found.append((m.start() + run[0][0], m.start() + run[-1][1]))
    return found


@cache
def _org_words() -> frozenset[str]:
    return frozenset(roles_settings()["organisation_words"])


@cache
def _function_words() -> frozenset[str]:
    return frozenset(roles_settings()["function_words"])
