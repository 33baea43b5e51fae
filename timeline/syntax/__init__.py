"""The parser: the shipped spaCy model, loaded once, and the package's one sentence splitter.

The model (tagger, morphologizer, lemmatizer, dependency parser; CNN, no vectors) is trained from
UD English GUM by ``python -m timeline.syntax.train`` and lives in ``timeline/syntax/model/``;
nothing is downloaded at run time. Sentences come from the model's tokenizer and a rule
sentencizer (cheap, so every sentence is found without parsing); only the sentences that can
hold an event are parsed (``parse``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import ResourceError
from timeline.resources import load_toml, path

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lexeme import Lexeme
    from spacy.tokens import Doc

MODEL = Path(__file__).resolve().parent / "model"
REBUILD = "python -m timeline.syntax.train"
MAX_SENTENCE_TOKENS = 120
NAME_FEATURES = ("john", "J", "ohn", "Xxxx")  # what a merged multi-word name looks like to the parser  # longer "sentences" (tables, lists, run-on text) are not parsed


@cache
def model() -> Language:
    """The shipped parser, loaded once per process.

    Raises:
        ResourceError: the model folder is missing or unreadable (names it and the rebuild command).
    """
    import spacy

    if not (MODEL / "config.cfg").is_file():
        raise ResourceError(f"the parser model is missing at {MODEL}; rebuild it with `{REBUILD}`")
    try:
        nlp = spacy.load(MODEL, exclude=["morphologizer"])
    except Exception as exc:  # noqa: BLE001 - any failure to load is a corrupt model
        raise ResourceError(f"the parser model at {MODEL} cannot be loaded ({type(exc).__name__}: "
                            f"{str(exc)[:120]}); rebuild it with `{REBUILD}`") from exc
    for form, norm in norms().items():  # rare forms read as their common one (resources/norms.toml)
        nlp.vocab[form].norm_ = norm
    return nlp


def _as_a_name(lexeme: Lexeme) -> None:
    """A merged name's word features (norm, prefix, suffix, shape) those of a common name, so the
    parser reads "Xi Jinping" as a name, not as a verb in -ing."""
    lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = NAME_FEATURES


def norms() -> dict[str, str]:
    """Rare forms -> the common form the parser reads them as: every prefix + irregular form of
    ``norms.toml``.

    >>> norms()["retook"], norms()["withdrew"]
    ('took', 'drew')
    """
    data = load_toml("norms.toml")
    forms, prefixes = data.get("forms"), data.get("prefixes")
    if not forms or not prefixes:
        raise ResourceError(f"{path('norms.toml')}: needs prefixes and forms")
    return {prefix + form: form for prefix in prefixes for form in forms}


@cache
def _splitter() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.tokenizer = model().tokenizer
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end) offsets into ``text``, trimmed.

    >>> t = "The U.S. envoy met Gen. Smith on Monday. He left."
    >>> [t[s:e] for s, e in sentences(t)]
    ['The U.S. envoy met Gen. Smith on Monday.', 'He left.']
    """
    end = len(text) if end is None else end
    found: list[tuple[int, int]] = []
    for block_start, block_end in _lines(text, start, end):
        doc = _splitter()(text[block_start:block_end])
        for sent in doc.sents:
            s, e = block_start + sent.start_char, block_start + sent.end_char
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                found.append((s, e))
    return found


def _lines(text: str, start: int, end: int, size: int = 20_000) -> Iterator[tuple[int, int]]:
    """Lines (a line break always ends a sentence: headlines, datelines, paragraphs), each cut at
    a space into pieces of at most ``size`` characters, so that no call sees an unbounded text."""
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop + 1
        if stop - pos > size:
            cut = text.rfind(" ", pos, pos + size)
            stop = cut + 1 if cut > pos else pos + size
        if text[pos:stop].strip():
            yield pos, stop
        pos = stop


def parse(texts: Iterable[str], names: Callable[[str], list[tuple[int, int]]] | None = None) -> Iterator[Doc]:
    """Parse sentences (one text each) with the shipped model, ``names`` giving the (start, end)
    offsets of multi-word names in a text that the parser should read as one word; a text longer than
    ``MAX_SENTENCE_TOKENS`` tokens comes back tokenized but unparsed (``doc.has_annotation("DEP")``
    is then False)."""
    import numpy
    from spacy.attrs import SENT_START

    nlp = model()
    docs = [nlp.make_doc(t) for t in texts]
    for doc in docs:
        if names is not None:  # a multi-word name is one word to the parser: "Recep Tayyip Erdogan"
            spans = [doc.char_span(s, e) for s, e in names(doc.text)]
            with doc.retokenize() as retokenizer:
                for span in spans:
                    if span is not None and len(span) > 1:
                        retokenizer.merge(span)
                        _as_a_name(nlp.vocab[span.text])
        if len(doc):  # each text is one sentence already: the parser must not split it again
            starts = numpy.full((len(doc), 1), -1, dtype="int64")
            starts[0, 0] = 1
            starts = starts.astype("uint64")  # spaCy's arrays are uint64; -1 ("not a start") wraps and back
            doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # thinc types it Ints2d
    short = [d for d in docs if len(d) <= MAX_SENTENCE_TOKENS]
    parsed = iter(nlp.pipe(short, batch_size=64))
    for doc in docs:
        yield next(parsed) if len(doc) <= MAX_SENTENCE_TOKENS else doc
