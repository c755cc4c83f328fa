"""Typo tolerance: misspelt vocabulary is repaired, real words never are."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.normalise import _is_transposition
from bot.nlu.pipeline import build_nlp

TYPOS = [
    ("numbess", "finding", "numbness"),
    ("numbnes in my toes", "finding", "numbness"),
    ("tingeling", "finding", "numbness"),
    ("swolen", "finding", "swelling"),
    ("my thigh is swollan", "finding", "swelling"),
    ("dieuretic", "finding", "diuretic"),
    ("diuretcs", "finding", "diuretic"),
    ("cramping in my claf", "body_location", "calf"),
    ("cramps in my calfs", "body_location", "calf"),
    ("my hamstrng", "body_location", "thigh"),
    ("lipitr", "finding", "statin"),
    ("inhaller", "finding", "asthma_medicine"),
    ("preganant", "finding", "pregnancy"),
    ("pregnent", "finding", "pregnancy"),
    ("my sholder", "body_location", "shoulder"),
    ("cramps in my ankel", "body_location", "foot"),
    ("pins and needels", "finding", "numbness"),
    ("stomache muscles", "body_location", "abdomen"),
    ("worse when I sneze", "finding", "worse_with_cough"),
    ("diabetis", "finding", "diabetes"),
    ("no redess", "finding", "redness"),
    ("swellling", "finding", "swelling"),
    ("dehidrated", "finding", "dehydration"),
    ("athorvastatin", "finding", "statin"),
    ("furosamide", "finding", "diuretic"),
    ("hydroclorothiazide", "finding", "diuretic"),
    ("sciattica", "finding", "radiating_pain"),
    ("thyriod problems", "finding", "thyroid_disease"),
    ("neuropahty", "finding", "neuropathy"),
    ("incontinance", "finding", "bladder_problems"),
]


@pytest.mark.parametrize(("text", "entity", "value"), TYPOS)
def test_typos_are_understood(text: str, entity: str, value: str) -> None:
    assert value in {str(m.value) for m in extract(text) if m.entity == entity}, extract(text)


REAL_WORDS = [
    "never",  # not "fever"
    "fewer",
    "colt",  # not "clot"
    "calm",
    "bowl",  # not "bowel"
    "walls",
    "lever",  # not "liver"
    "later",
    "wheat",  # not "heat"
    "knew",
    "sold",
    "fight",
    "might",
    "light",
    "right",
    "tinkling",
    "numbers",
    "hands-free",
]


@pytest.mark.parametrize("word", REAL_WORDS)
def test_real_words_are_not_repaired(word: str) -> None:
    assert [m for m in extract(f"I said {word} today") if m.entity == "finding"] == []


def test_short_words_are_only_repaired_by_a_swap() -> None:
    normaliser = build_nlp().get_pipe("charley_lexicon").normaliser
    assert normaliser.normalise("claf", "claf") == "calf"
    assert normaliser.normalise("cafl", "cafl") == "calf"
    assert normaliser.normalise("calx", "calx") == "calx"
    assert normaliser.normalise("clpt", "clpt") == "clpt"


def test_repair_is_deterministic_between_equal_candidates() -> None:
    normaliser = build_nlp().get_pipe("charley_lexicon").normaliser
    assert normaliser.normalise("needels", "needels") == "needle"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("claf", "calf", True),
        ("calf", "calf", False),
        ("abcd", "badc", False),
        ("ab", "ba", True),
        ("abc", "abcd", False),
    ],
)
def test_transposition(a: str, b: str, expected: bool) -> None:
    assert _is_transposition(a, b) is expected
