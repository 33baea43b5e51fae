"""Parsed sentence -> acts: the trigger (a verb, or an event noun), who acts, on whom, where, and
whether the text asserts that it happened.

Reads Universal Dependencies relations off the shipped parser (``timeline.syntax``): the source is
the verb's subject, or the agent of a passive ("was shelled by Chadian rebels"); the target its
object when the verb's rule says so, else the object of a preposition the rule names ("demanded
guarantees from Washington", "imposed sanctions on the junta"); a place after a preposition of
place is the location. A speech verb's clausal complement is read as its own act. Acts that are
negated, conditional, hypothetical, future, or the infinitive of another verb ("threatened to
attack") are marked as not asserted; the builder keeps only asserted ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from timeline.events.vocabulary import VerbRule, choose, noun_rules, verb_rules
from timeline.resources import load_toml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ASSERTED = "asserted"


@cache
def settings() -> dict[str, Any]:
    """The ``[syntax]`` table of ``events.toml``: the word classes roles are read with."""
    return dict(load_toml("events.toml")["syntax"])


@dataclass(frozen=True, slots=True)
class Act:
    """One act read off a parsed sentence; every field is a token index into the sentence's Doc."""

    trigger: int
    rule: VerbRule
    noun: bool
    sources: tuple[int, ...]
    targets: tuple[int, ...]
    patient: int | None  # the object or passive subject (what is acted on), actor or not
    location: int | None
    complement: int | None  # a speech act's reported clause (its verb)
    status: str  # "asserted", or why not: "negated", "conditional", "modal", "future", "infinitive", "question"
    light: int | None = None  # the light verb an event noun is the object of ("held talks")
    passive: bool = False  # "was shelled (by …)": with no agent, no one is named as doing it


def _lemmas(token: Token) -> list[str]:
    """The parser's lemma, then the word form's regular stems (a safety net for the lemmatizer)."""
    word = token.lower_
    irregular = settings()["irregular"].get(word)
    return list(dict.fromkeys([*([irregular] if irregular else []), token.lemma_.lower(), word, *stems(word)]))


def stems(word: str) -> list[str]:
    """The lemmas a regular inflected form may have: "expelled" -> expell, expel, expelle;
    "denied" -> deny; "closing" -> clos, close.

    >>> "expel" in stems("expelled"), "deny" in stems("denied"), "close" in stems("closing")
    (True, True, True)
    """
    found = []
    if word.endswith(("ied", "ies")):
        found.append(word[:-3] + "y")
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            found.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "expelled" -> "expell" -> "expel"
            if suffix == "ing":
                found.append(stem + "e")
    return found


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _case(token: Token) -> str | None:
    marks = [c.lower_ for c in token.children if c.dep_ in ("case", "mark")]
    return marks[0] if marks else None


def _particle(token: Token) -> str | None:
    prt = _children(token, "compound:prt", "prt")
    return prt[0].lower_ if prt else None


def _object(token: Token) -> Token | None:
    """The direct object; else a bare noun the parser hung off the verb without a preposition."""
    objs = _children(token, "obj", "dobj") or [c for c in _children(token, "obl:unmarked", "obl")
                                               if c.tag_ in ("NN", "NNS", "NNP", "NNPS") and _case(c) is None
                                               and c.lemma_.lower() not in settings()["time_nouns"]
                                               and c.lower_ not in settings()["function_words"]]
    return objs[0] if objs else None


def _objects(token: Token) -> list[Token]:
    """Every noun the verb may have as its object: the parser's object first, then the second
    object of "gave Russia two weeks", then bare nouns it hung off the verb."""
    time_nouns = settings()["time_nouns"]
    return [c for c in token.children if c.dep_ in ("obj", "dobj", "iobj")] + [
        c for c in _children(token, "obl:unmarked", "obl", "nmod:unmarked")
        if c.tag_ in ("NN", "NNS", "NNP", "NNPS") and _case(c) is None and c.lemma_.lower() not in time_nouns
        and c.lower_ not in settings()["function_words"]]


def _rule_for(token: Token, table: dict[str, tuple[VerbRule, ...]]) -> VerbRule | None:
    """The rule of a verb (or noun): a row gated by one of its objects first, then by its
    particle or a preposition it governs, then its plain row."""
    objects = [o.lemma_.lower() for o in _objects(token)]
    when = set(settings()["time_nouns"]) | set(settings()["function_words"])  # "on Saturday" is no "call on"
    preps = [p for p in (_particle(token), *(_case(c) for c in _children(token, "obl", "obl:agent")
                                             if c.lower_ not in when and c.lemma_.lower() not in when
                                             and c.tag_ != "CD")) if p]
    for lemma in _lemmas(token):
        rules = table.get(lemma)
        if not rules:
            continue
        for obj_lemma in objects:
            for prep in [*preps, None]:
                rule = choose(rules, prep, obj_lemma)
                if rule is not None and rule.object:
                    return rule
        for prep in [*preps, None]:
            rule = choose(rules, prep, None)
            if rule is not None and (not rule.named_object or _names_someone_only(token)):
                return rule
    return None


def _names_someone_only(token: Token) -> bool:
    """Whether a verb's object is someone named (a proper name, "him", "her") and the verb says
    nothing more of it: "Abbas called Mubarak", not "called the move illegal", "called him a
    liar", "was called Glory" (a ``named_object`` row)."""
    obj = _named_object(token)
    if obj is None or not (obj.tag_ in ("NNP", "NNPS") or obj.lower_ in ("him", "her")):
        return False
    more = ("xcomp", "ccomp", "oprd", "iobj", "obj", "aux:pass", "nsubj:pass")
    return not any(c.dep_ in more and c.i != obj.i for c in token.children)


def _named_object(token: Token) -> Token | None:
    """The object of a ``named_object`` verb: its object, or else the proper name the parser made
    its complement ("Abbas called Mubarak" is often read as naming, "called [him] Mubarak")."""
    obj = _object(token)
    if obj is not None:
        return obj
    return next((c for c in _children(token, "xcomp") if c.tag_ in ("NNP", "NNPS")), None)


@cache
def adjective_rules() -> dict[str, VerbRule]:
    """``[syntax.adjectives]`` of events.toml as rules (an adjective's act has no object)."""
    return {lemma: VerbRule(lemma, None, str(row["code"]), frozenset(), tuple(row.get("target", ())), False, False,
                            {"text": row["example"]})
            for lemma, row in settings()["adjectives"].items()}


def _adjective_rule(token: Token) -> VerbRule | None:
    return adjective_rules().get(token.lower_) or (adjective_rules().get(token.lemma_.lower())
                                                   if token.tag_ == "JJ" else None)


def _noun_rule(token: Token) -> VerbRule | None:
    rule = _rule_for(token, noun_rules())
    modifiers = [c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")]
    for lemma in _lemmas(token) if modifiers else []:
        rules = noun_rules().get(lemma)
        chosen = choose(rules, modifiers, None) if rules else None  # "hunger strike", "telephone conversation"
        if chosen is not None and chosen.particle:
            return chosen
    if rule is None and token.lemma_.lower() in settings()["measure_nouns"]:
        for nmod in _children(token, "nmod"):  # "two rounds of peace talks"
            if _case(nmod) == "of":
                return _rule_for(nmod, noun_rules())
    return rule


def _status(token: Token) -> str:
    """Whether the text asserts that the act happened, read off the verb and its clause chain."""
    s = settings()
    node = token
    while True:
        if any(c.lemma_.lower() in s["negations"] for c in node.children if c.dep_ in ("advmod", "neg", "det")):
            return "negated"
        auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "aux:pass")]
        if any(a in s["modal_auxiliaries"] for a in auxes):
            return "modal"
        if any(a in s["future_auxiliaries"] for a in auxes):
            return "future"
        if any(c.lower_ in s["conditional_marks"] for c in _children(node, "mark")):
            return "conditional"
        if node.dep_ == "xcomp" or (node.tag_ == "VB" and any(c.lower_ == "to" for c in _children(node, "mark"))):
            return "infinitive"
        if node.dep_ in ("conj",) and node.head is not node:
            node = node.head  # "would meet and sign": the first verb's auxiliaries count
            continue
        if node.dep_ in ("advcl", "ccomp", "csubj") and node.head is not node:
            if any(c.lower_ in s["conditional_marks"] for c in _children(node, "mark")):
                return "conditional"
        break
    if token.tag_ in ("VB", "VBG") and not any(c.dep_ in ("aux", "aux:pass") for c in token.children) \
            and token.dep_ not in ("acl", "advcl", "conj", "ROOT", "root"):
        return "infinitive"
    return ASSERTED


def _subjects(token: Token) -> tuple[list[Token], Token | None]:
    """(sources, passive subject) of a verb: its subject, or the agent of a passive; a conjoined
    verb shares the subject of the first; a relative clause's subject is the noun it modifies."""
    node = token
    for _ in range(4):
        agents = _children(node, "obl:agent")
        passive = _children(node, "nsubj:pass", "nsubjpass")
        subjects = _children(node, "nsubj", "nsubj:outer") or [
            # UD attaches a compound to a noun, never to a verb: a noun the parser hung before a
            # past verb as its "compound" is its subject misread ("the Russian leader reaffirmed")
            c for c in _children(node, "compound") if c.i < node.i and c.tag_.startswith("NN")
            and node.tag_ in ("VBD", "VBZ", "VBP")][-1:]
        if agents or subjects or passive:
            heads = agents or subjects
            relative = [h for h in heads if h.tag_ in ("WDT", "WP")]
            if relative and node.dep_.startswith("acl"):
                heads = [node.head]
            pat = passive[0] if passive else None
            if pat is not None and pat.tag_ in ("WDT", "WP") and node.dep_.startswith("acl"):
                pat = node.head
            return _with_conjuncts(heads), pat
        if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX") or (node.dep_ == "conj" and node.head.tag_.startswith("VB")):
            node = node.head
            continue
        if node.dep_ in ("acl",) and node.tag_ == "VBN":
            return [], node.head  # "talks held in Moscow": the noun is what was held
        break
    return [], None


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    found: list[Token] = []
    for head in heads:
        found.append(head)
        found.extend(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") or c.dep_ == "conj" and c.tag_.startswith("NN"))
    return found


def _targets(token: Token, rule: VerbRule, patient: Token | None) -> list[Token]:
    """Who is acted on: the object (when the rule says objects are targets), else the object of
    a preposition the rule names, on the verb or on its object ("sanctions on the junta")."""
    found: list[Token] = []
    if patient is not None and rule.object_is_target:
        found.append(patient)
    found.extend(_children(token, "iobj"))
    holders = [token] + ([patient] if patient is not None else [])
    for holder in holders:
        for c in holder.children:
            if c.dep_ in ("obl", "nmod") and _case(c) in rule.target:
                found.append(c)
    if not found and rule.target:  # the phrase hung one level lower by the parser: "demanded [security
        for c in token.children:   # guarantees from Washington]" read as a clause
            if c.dep_ in ("ccomp", "xcomp", "obj") and not _children(c, "mark"):
                found.extend(g for g in c.children if g.dep_ in ("obl", "nmod") and _case(g) in rule.target)
    return _with_conjuncts(found)


def _location(token: Token, rule: VerbRule) -> Token | None:
    """A proper noun after a preposition of place on the act, its object, a participle that
    describes it ("talks held in Moscow") or the noun it is "of" ("act of terrorism in Kyiv")."""
    places = settings()["place_prepositions"]
    holders = [token, *_children(token, "obj", "acl")]
    for _ in range(2):  # the noun an act or its object is "of": "two rounds of talks in Turkey"
        holders += [c for h in holders for c in _children(h, "nmod") if _case(c) == "of" and c not in holders]
    for holder in holders:
        for c in holder.children:
            if c.dep_ in ("obl", "nmod") and _case(c) in places and _case(c) not in rule.target \
                    and c.tag_ in ("NNP", "NNPS") and c.lower_ not in settings()["function_words"]:  # not "in January"
                return c
    return None


def is_place(token: Token) -> bool:
    """Whether a noun stands after a preposition of place ("in Turkey"): a location, never a role."""
    return _case(token) in settings()["place_prepositions"]


def _complement(token: Token) -> Token | None:
    """What a speech verb reports: its clausal complement, or, in "Russia is ready to help, Putin
    said", the clause it is set beside."""
    comps = _children(token, "ccomp", "parataxis")
    if comps:
        return comps[0]
    beside = token.dep_ == "parataxis" or token.dep_ == "advcl" and not _children(token, "mark")
    return token.head if beside and token.head is not token else None


def viable(act: Act) -> bool:
    """Whether an act can become an event: asserted, and someone may be named as doing it (its
    subject, or for an active verb the parser left without one, the actor named before it)."""
    return act.status == ASSERTED and (bool(act.sources) or not act.passive and not act.noun)


def acts(doc: Doc) -> list[Act]:
    """Every act in a parsed sentence, asserted or not, in text order.

    A verb names an act when ``verbs.toml`` has a rule for its lemma (with the particle,
    preposition or object the rule asks for). An event noun names one when it is the object of
    a light verb ("held talks", "had a telephone conversation"), the head of the sentence (a
    title: "Telephone conversation with …") or owns a date of its own (the builder decides that).
    """
    if not doc.has_annotation("DEP"):
        return []
    light = set(settings()["light_verbs"])
    found: list[Act] = []
    taken: set[int] = set()
    for token in doc:
        if token.i in taken:
            continue
        if token.tag_ == "VBN" and _adjective_rule(token) is not None \
                and any(c.dep_ in ("aux:pass", "cop") and c.lemma_.lower() == "be" for c in token.children):
            rule = _adjective_rule(token)  # "Turkey is prepared to host", "Hungary is opposed to"
            assert rule is not None
            subjects = _children(token, "nsubj", "nsubj:pass")
            targets = [c for c in _children(token, "obl", "nmod") if _case(c) in rule.target]
            found.append(Act(token.i, rule, False, tuple(t.i for t in subjects), tuple(t.i for t in targets),
                             None, None, None, _status(token)))
            continue
        if token.tag_.startswith("VB") or token.pos_ in ("VERB",):
            rule = _rule_for(token, verb_rules())
            obj = _object(token)
            noun_rule = _noun_rule(obj) if obj is not None else None
            if obj is not None and (rule is None or not rule.object) and noun_rule is not None \
                    and token.lemma_.lower() in light:
                # "held talks", "had a telephone conversation with": the noun names the act
                sources, _ = _subjects(token)
                targets = _targets(obj, noun_rule, None) + [
                    c for c in _children(token, "obl") if _case(c) in noun_rule.target]
                where = _location(token, noun_rule) or _location(obj, noun_rule)
                found.append(Act(obj.i, noun_rule, True, tuple(t.i for t in sources), tuple(t.i for t in targets),
                                 None, where.i if where is not None else None, None, _status(token), token.i))
                taken.add(obj.i)
                continue
            if rule is None:
                continue
            sources, patient = _subjects(token)
            if patient is None:
                patient = _named_object(token) if rule.named_object else obj
            targets = _targets(token, rule, patient)
            complement = _complement(token) if rule.speech else None
            where = _location(token, rule)
            passive = any(c.dep_ in ("aux:pass", "nsubj:pass", "nsubjpass", "auxpass") for c in token.children)
            found.append(Act(token.i, rule, False, tuple(t.i for t in sources), tuple(t.i for t in targets),
                             patient.i if patient is not None else None, where.i if where is not None else None,
                             complement.i if complement is not None else None, _status(token),
                             passive=passive or token.dep_ == "acl" and token.tag_ == "VBN"))
        elif token.tag_ == "JJ" and any(c.dep_ == "cop" for c in token.children):
            rule = _adjective_rule(token)  # "Putin was critical of …", "Russia is ready to help"
            if rule is None:
                continue
            sources, _ = _subjects(token)
            targets = [c for c in _children(token, "obl", "nmod") if _case(c) in rule.target]
            found.append(Act(token.i, rule, False, tuple(t.i for t in sources), tuple(t.i for t in targets),
                             None, None, None, _status(token)))
        elif token.tag_.startswith("NN") and (token.dep_ in ("ROOT", "root") or token.head.i == token.i):
            rule = _noun_rule(token)
            if rule is None:
                continue
            owners = _noun_agents(token)
            targets = _targets(token, rule, None)
            where = _location(token, rule)
            found.append(Act(token.i, rule, True, tuple(o.i for o in owners), tuple(t.i for t in targets), None,
                             where.i if where is not None else None, None, ASSERTED))
    return found


def noun_acts(doc: Doc, token: Token) -> Act | None:
    """The act an event noun names when a date belongs to it ("yesterday's act of terrorism",
    "talks held in Moscow the day before"), with its owner as source."""
    rule = _noun_rule(token)
    if rule is None:
        return None
    return Act(token.i, rule, True, tuple(t.i for t in _noun_agents(token)),
               tuple(t.i for t in _targets(token, rule, None)), None,
               where.i if (where := _location(token, rule)) is not None else None, None, ASSERTED)


def _noun_agents(token: Token) -> list[Token]:
    """Who does what an event noun names: its owner ("Russia's invasion"), its "by" phrase ("the
    attacks by militants"), or both sides of a "between" phrase ("clashes between police and
    protesters")."""
    owners = [o for o in _children(token, "nmod:poss") if o.tag_ not in ("PRP$",)]
    if owners:
        return _with_conjuncts(owners)
    for c in _children(token, "nmod", "acl"):
        if _case(c) in ("by", "between", "among"):
            return _with_conjuncts([c])
    return []
