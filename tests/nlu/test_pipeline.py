"""The spaCy pipeline built from code."""

from __future__ import annotations

from bot.nlu.entity_stage import SPAN_GROUP
from bot.nlu.pipeline import build_nlp


def test_built_once_per_process() -> None:
    assert build_nlp() is build_nlp()


def test_components_in_order() -> None:
    assert build_nlp().pipe_names == [
        "sentencizer",
        "charley_answer_after_question",
        "charley_lexicon",
        "medspacy_context",
    ]


def test_blank_english_without_a_trained_model() -> None:
    nlp = build_nlp()
    assert nlp.lang == "en"
    assert nlp.meta.get("name") in (None, "pipeline")


def test_mentions_carry_modifiers() -> None:
    doc = build_nlp()("no swelling but numb")
    spans = {s.kb_id_: s for s in doc.spans[SPAN_GROUP]}
    assert [m.category for m in spans["swelling"]._.modifiers] == ["NEGATED_EXISTENCE"]
    assert spans["numbness"]._.modifiers == ()


def test_run_together_clauses_are_split() -> None:
    tokens = [t.text for t in build_nlp()("no swelling;foot numb.tingly")]
    assert tokens == ["no", "swelling", ";", "foot", "numb", ".", "tingly"]
