"""The shipped parser: loaded once, one sentence splitter, a clear error when the model is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import timeline.syntax as syntax
from timeline.errors import ResourceError


def test_the_model_is_shipped_with_its_accuracy() -> None:
    assert (syntax.MODEL / "config.cfg").is_file()
    assert (syntax.MODEL / "accuracy.json").is_file()


def test_the_model_parses_subject_and_object() -> None:
    doc = next(syntax.parse(["Moscow demanded security guarantees from Washington."]))
    deps = {t.text: t.dep_ for t in doc}
    assert deps["Moscow"] == "nsubj" and deps["demanded"] in ("ROOT", "root")
    assert {t.lemma_ for t in doc} >= {"demand", "guarantee"}


def test_an_overlong_sentence_is_not_parsed() -> None:
    doc = next(syntax.parse([" ".join(["word"] * (syntax.MAX_SENTENCE_TOKENS + 5))]))
    assert not doc.has_annotation("DEP")


@pytest.mark.parametrize("text, expected", [
    ("The U.S. envoy met Gen. Smith on Monday. He left.", ["The U.S. envoy met Gen. Smith on Monday.", "He left."]),
    ("Talks end\nPutin met Xi.", ["Talks end", "Putin met Xi."]),
    ("", []),
])
def test_sentences_keep_offsets_and_lines(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in syntax.sentences(text)] == expected


def test_a_missing_model_names_its_path_and_the_rebuild_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syntax, "MODEL", tmp_path / "absent")
    syntax.model.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"absent.*python -m timeline.syntax.train"):
            syntax.model()
    finally:
        syntax.model.cache_clear()


def test_a_corrupt_model_names_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "model"
    shutil.copytree(syntax.MODEL, broken)
    (broken / "tok2vec" / "model").write_bytes(b"not a model")
    monkeypatch.setattr(syntax, "MODEL", broken)
    syntax.model.cache_clear()
    try:
        with pytest.raises(ResourceError, match="cannot be loaded"):
            syntax.model()
    finally:
        syntax.model.cache_clear()


@pytest.mark.parametrize(("sentence", "verb"), [
    ("Trump retook office in January.", "retook"),
    ("The army withdrew its troops from the border.", "withdrew"),
])
def test_a_rare_prefixed_verb_is_read_as_a_verb(sentence: str, verb: str) -> None:
    doc = next(syntax.parse([sentence]))
    token = next(t for t in doc if t.text == verb)
    assert token.tag_ == "VBD" and any(c.dep_ in ("obj", "nsubj") for c in token.children)


def test_a_multi_word_name_is_one_word_that_reads_as_a_name() -> None:
    from timeline.events.screen import name_spans

    doc = next(syntax.parse(["Putin met Xi Jinping on Monday."], names=name_spans))
    name = next(t for t in doc if t.text == "Xi Jinping")  # not a verb in -ing
    assert name.tag_ == "NNP" and name.dep_ == "obj"
