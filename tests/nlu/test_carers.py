"""Someone writing for another person: a relative's symptom now is the patient's symptom.

Property (issue 11): for every red-flag phrase in the lexicon, prefixing "my husband", "my mum",
"my son", "he" or "she" keeps the red flag. Family history stays a relative's diagnosis.
"""

from __future__ import annotations

import re

import pytest

from bot.nlu.extractor import extract
from bot.nlu.lexicon import load_lexicon
from bot.triage.case import Case, Mention, update_case
from bot.triage.engine import assess
from bot.triage.knowledge import load_knowledge

PREFIXES = ("my husband", "my mum", "my son", "he", "she")


RED_FLAG_CONCEPTS = sorted(load_knowledge().red_flag_concepts)


def example_of(phrase: str) -> str | None:
    """One plain sentence a phrase pattern matches: the first of each set of alternatives, no
    optional words, no gap. Whole-message phrases ("=...") cannot take a prefix."""
    if phrase.startswith("="):
        return None
    words = []
    for token in phrase.split():
        if token == "...":
            continue
        if token.endswith("?"):
            continue
        token = token.lstrip("^~")
        words.append("3" if token == "#" else token.split("|")[0])
    return " ".join(words) or None


def _present(text: str) -> set[str]:
    return {str(m.value) for m in extract(text) if m.entity == "finding" and m.role == "present"}


CASES = [
    (concept, example)
    for concept in RED_FLAG_CONCEPTS
    for phrase in load_lexicon().phrases_for(concept)
    if (example := example_of(phrase)) and not re.search(r"\b(my|i|i'm|me)\b", example, re.IGNORECASE)
]


def test_there_are_red_flag_phrases_to_check() -> None:
    assert len(CASES) > 200
    assert {"bladder_problems", "swelling", "stroke_signs", "chest_pain_spreading"} <= set(RED_FLAG_CONCEPTS)


@pytest.mark.parametrize(("concept", "example"), CASES)
def test_a_red_flag_written_for_someone_else_is_still_a_red_flag(concept: str, example: str) -> None:
    if concept not in _present(example):
        pytest.skip("the plain example does not read as the concept on its own")
    for prefix in PREFIXES:
        text = f"{prefix} {example}"
        assert concept in _present(text), (text, extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "my husband cant pee and his back is in spasm",
        "my wife's calf is swollen red and hot",
        "my son is 7, his neck is really stiff and he has a fever",
        "my dad is 80, he can barely breathe and his lips look blue",
        "my mums face has gone funny on one side, her mouth is drooping and her words are slurry",
    ],
)
def test_a_carers_message_gets_the_emergency_answer(text: str) -> None:
    mentions = [Mention(m.entity, m.value, m.role) for m in extract(text)]
    assert assess(update_case(Case(), mentions)).level == "emergency", extract(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my dad had ALS", "als"),
        ("my mum has MS", "multiple_sclerosis"),
        ("my neighbour had a clot in his leg", "blood_clot"),
    ],
)
def test_a_relatives_diagnosis_is_family_history(text: str, concept: str) -> None:
    roles = {m.role for m in extract(text) if m.value == concept}
    assert roles == {"family"}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my husband has no numbness", "numbness"),
        ("she is not numb", "numbness"),
        ("my mum says her calf isn't swollen", "swelling"),
        ("my son can walk fine", "walking_difficulty"),
    ],
)
def test_a_denial_written_for_someone_else_stays_a_denial(text: str, concept: str) -> None:
    roles = {m.role for m in extract(text) if m.value == concept}
    assert roles == {"negated"}, extract(text)
