"""What a statement reports types it: "said Mubarak must step down" is a demand (10), "noted that
Ukraine was obstructing" or "called it illegal" criticism (11), "stressed that Russia is ready"
or "said a table will be opened" intent (03), "will retaliate" a threat (13). The word classes
are ``[syntax]`` lists of events.toml."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from timeline.events.roles import settings
from timeline.resources import load_toml

if TYPE_CHECKING:
    from spacy.tokens import Token


@cache
def _agent_nouns() -> frozenset[str]:
    return frozenset(load_toml("agents.toml")["agents"])


def reported_code(comp: Token) -> str | None:
    """The CAMEO code a reported clause gives its statement: a demand when it says someone must or
    should act, intent when it says someone is ready or willing; None otherwise. The clause's
    subject must be someone (a name or a pronoun): "problems needed to be resolved" is no demand."""
    s = settings()
    words = {t.lemma_.lower() for t in comp.subtree} | {t.lower_ for t in comp.subtree}
    if words & set(s["criticism_words"]):
        return str(s["criticism_code"])
    if comp.lemma_.lower() in s["intent_nouns"]:  # "reaffirmed Russia's willingness to …"
        return str(s["intent_code"])
    if _only_if_someone_acts(comp):  # "can only be suspended if Kiev ceases hostilities"
        return str(s["demand_code"])
    subject = reported_subject(comp)
    if subject is not None and comp.lemma_.lower() in s["accusation_verbs"] and subject.tag_ not in ("PRP",) \
            and not any(c.dep_ in ("advmod", "neg") and c.lemma_.lower() in s["negations"] for c in comp.children):
        return str(s["criticism_code"])
    if subject is None or not (subject.tag_ in ("NNP", "NNPS", "PRP") or subject.lemma_.lower() in s["actor_nouns"]
                               or subject.lemma_.lower() in _agent_nouns()):
        return None
    for c in comp.children:
        word = c.lower_
        if c.dep_ in ("aux",) and word in s["demand_words"] and word not in ("has", "have", "need", "needs"):
            return str(s["demand_code"])
    if comp.lemma_.lower() in ("need", "have") and any(x.dep_ == "xcomp" for x in comp.children):
        if any(k.lower_ == "to" for x in comp.children if x.dep_ == "xcomp" for k in x.children):
            return str(s["demand_code"])
    if comp.lemma_.lower() in s["intent_words"]:
        return str(s["intent_code"])
    if any(c.dep_ == "aux" and c.lower_ in s["future_words"] for c in comp.children) \
            and not any(c.lemma_.lower() in s["negations"] for c in comp.children if c.dep_ in ("advmod", "neg")):
        return str(s["threat_code"] if comp.lemma_.lower() in s["threat_verbs"] else s["intent_code"])
    return None


def _only_if_someone_acts(comp: Token) -> bool:
    """Whether a reported clause sets someone's act as its only condition ("the operation can
    only be suspended if Kiev ceases hostilities"): what must happen first is a demand on them.
    Read from the words after "if" up to the next comma, as a parser may hang a long condition
    anywhere in the clause."""
    s = settings()
    if not any(t.dep_ == "advmod" and t.lower_ == "only" for t in comp.subtree):
        return False
    mark = next((t for t in comp.subtree if t.lower_ == "if" and t.dep_ == "mark"), None)
    if mark is None:
        return False
    for t in comp.doc[mark.i + 1:]:
        if t.is_punct:
            return False
        if t.tag_ in ("NNP", "NNPS") or t.lemma_.lower() in s["actor_nouns"] or t.lemma_.lower() in _agent_nouns():
            return True
    return False


def object_code(verb: Token) -> str | None:
    """The code a speech verb's object gives its statement: "noted Russia's willingness" is intent."""
    s = settings()
    for obj in (c for c in verb.children if c.dep_ in ("obj", "dobj")):
        if obj.lemma_.lower() in s["intent_nouns"]:
            return str(s["intent_code"])
        if obj.lemma_.lower() in s["criticism_words"] or any(t.lower_ in s["criticism_words"] for t in obj.subtree):
            return str(s["criticism_code"])
    return None


def reported_subject(comp: Token) -> Token | None:
    """Whom a reported clause is about: its subject."""
    subj = [c for c in comp.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return subj[0] if subj else None
