"""Labels read off the parse ("Russia demands security guarantees from Washington") and the
trigger an act is typed by."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from timeline.events.actors import phrase
from timeline.events.roles import Act
from timeline.events.text import Trigger
from timeline.events.vocabulary import CAMEO_ROOTS, root
from timeline.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_LABEL_WORDS = 12


def conjugate(phrase: str, plural: bool) -> str:
    """A base-form verb phrase in the present tense for a singular or plural subject.

    >>> conjugate("hold talks", False), conjugate("be sworn in", True), conjugate("have", False)
    ('holds talks', 'are sworn in', 'has')
    """
    verb, _, rest = phrase.partition(" ")
    if verb == "be":
        verb = "are" if plural else "is"
    elif verb == "have" and not plural:
        verb = "has"
    elif not plural:
        if re.search(r"[^aeiou]y$", verb):
            verb = verb[:-1] + "ies"
        elif re.search(r"(?:s|sh|ch|x|z|o)$", verb):
            verb += "es"
        else:
            verb += "s"
    return f"{verb} {rest}".strip()


_COMPACT = ("det", "amod", "compound", "nummod", "nmod:poss", "case", "flat", "compound:prt")


def compact(doc: Doc, token: Token, limit: int = 8, skip: frozenset[int] = frozenset()) -> str:
    """A noun's core words: determiners, adjectives, numbers, compounds, and an "of" phrase
    ("two rounds of peace talks"), without prepositional phrases of place and time."""
    keep = {token.i}
    stack = [token]
    while stack:
        node = stack.pop()
        for c in node.children:
            if node is token and c.dep_ == "case" or c.i in skip or c.tag_ == "PRP$" or c.dep_ == "nmod:poss" and skip:
                continue  # the phrase's own preposition is the caller's to write; dates and owners are not its words
            if c.dep_ in _COMPACT or (c.dep_ == "nmod" and any(k.lower_ == "of" for k in c.children if k.dep_ == "case")):
                keep.add(c.i)
                stack.append(c)
    lo, hi = min(keep), max(keep) + 1
    words = [t.text for t in doc[lo:hi] if t.i in keep][:limit]
    if words and doc[lo].tag_ not in ("NNP", "NNPS"):
        words[0] = words[0].lower()
    return " ".join(words)


def _plural(doc: Doc, act: Act, subject: list[Actor]) -> bool:
    return len(subject) > 1 or any(doc[i].tag_ in ("NNS", "NNPS") for i in act.sources)


def label(doc: Doc, act: Act, subject: list[Actor]) -> str:
    """A label read off the parse: "Russia demands security guarantees from Washington"; never
    "X says X" (a role that is the source is not repeated)."""
    trigger = doc[act.trigger]
    lemma = act.rule.lemma if not act.noun else (doc[act.light].lemma_ if act.light is not None else "")
    if trigger.tag_ == "JJ" or trigger.tag_ == "VBN" and lemma == trigger.lower_:  # "Putin is critical of …"
        lemma = f"be {lemma}"
    particle = act.rule.particle or ""
    who = " and ".join(a.name for a in subject)
    if act.rule.speech and act.complement is not None:
        comp = doc[act.complement]
        lo = min(t.i for t in comp.subtree)
        hi = max(t.i for t in comp.subtree) + 1
        words = [t.text for t in doc[lo:hi] if not (t.i == lo and t.lower_ == "that")]
        gist = " ".join(words[:MAX_LABEL_WORDS]).strip(" ,.;:\"“”")
        for actor in subject:  # "Kremlin says the Kremlin welcomed": the speaker is not named twice
            pronoun = "they" if actor.kind == "person" or len(subject) > 1 else "it"
            for form in (f"the {actor.name}", actor.name, actor.name.split()[-1]):
                gist = re.sub(rf"(?i)(?<!\w){re.escape(form)}(?!\w)", pronoun, gist, count=1)
                if pronoun in gist.split():
                    break
        verb = conjugate(lemma + (" " + particle if particle else ""), _plural(doc, act, subject))
        return f"{who} {verb} {gist}".strip() if who else f"{trigger.text.capitalize()} {gist}".strip()
    parts: list[str] = []
    plural = _plural(doc, act, subject)
    if act.noun:
        head = compact(doc, trigger, 8)
        verb = conjugate(lemma, plural) if lemma else ("hold" if plural else "holds")
        parts = [verb, head]
    else:
        prt = any(c.dep_ in ("compound:prt", "prt") and c.lower_ == particle for c in trigger.children)
        parts = [conjugate(lemma + (" " + particle if particle and prt else ""), plural)]
        covered: tuple[int, int] = (0, 0)
        if act.patient is not None:
            patient = doc[act.patient]
            text = compact(doc, patient, 7)
            covered = phrase(patient)
            if not any(a.name.lower() in text.lower() for a in subject):
                parts.append(text)
        for t in act.targets:
            tok = doc[t]
            if tok.i != act.patient and tok.dep_ in ("obl", "nmod") and not covered[0] <= tok.i < covered[1]:
                case = next((c.text for c in tok.children if c.dep_ == "case"), "")
                parts.append(f"{case} {compact(doc, tok, 5)}".strip())
                break
        if particle and not prt:  # "gives Iran until the end of the year"
            obl = next((c for c in trigger.children if c.dep_ == "obl"
                        and any(k.lower_ == particle for k in c.children if k.dep_ == "case")), None)
            if obl is not None:
                parts.append(f"{particle} {compact(doc, obl, 6)}")
    gist = " ".join(" ".join(parts).split()[:MAX_LABEL_WORDS])
    if who:
        return f"{who} {gist}"
    said = compact(doc, doc[act.patient], 6) + " " if act.patient is not None and not act.noun else ""
    label = f"{said}{trigger.text}".strip()
    return label[0].upper() + label[1:]


def trigger_of(doc: Doc, act: Act, offset: int) -> Trigger:
    token = doc[act.trigger]
    code = root(act.rule.code)
    if act.rule.particle:
        lemma = f"{act.rule.particle} {act.rule.lemma}" if act.noun else f"{act.rule.lemma} {act.rule.particle}"
    else:
        lemma = act.rule.lemma
    return Trigger(offset + token.idx, offset + token.idx + len(token.text), token.text, code,
                   CAMEO_ROOTS.get(code, "Unclassified"), lemma, act.noun)
