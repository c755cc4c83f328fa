"""The clinical sentence features the intent classifier gets from the extractor."""

from __future__ import annotations

import pytest

from bot.nlu import clinical_features as cf
from bot.nlu.extractor import extract


def names(text: str) -> frozenset[str]:
    return cf.feature_names(text, extract(text))


def test_the_vocabulary_is_fixed_and_unique() -> None:
    assert len(cf.FEATURES) == len(set(cf.FEATURES))
    assert cf.INDEX == {name: i for i, name in enumerate(cf.FEATURES)}
    assert cf.feature_row(["no_mention", "location"]) == sorted(
        [cf.INDEX["no_mention"], cf.INDEX["location"]]
    )


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a bare body location is an answer, wherever the location is
        ("behind my knee", {cf.LOCATION, cf.MOSTLY_MENTIONS, cf.ANY_MENTION}, {cf.NO_MENTION}),
        ("chest", {cf.LOCATION, cf.MOSTLY_MENTIONS}, {cf.LOCATION_NEGATED}),
        ("not my calf", {cf.LOCATION_NEGATED}, {cf.LOCATION}),
        # a denied symptom is negated, not present
        ("no numbness", {cf.FINDING_NEGATED, cf.MOSTLY_MENTIONS}, {"finding_symptom"}),
        ("my foot feels numb", {"finding_symptom"}, {cf.FINDING_NEGATED}),
        ("I can walk fine", {cf.FINDING_NEGATED}, {"finding_symptom"}),
        ("my dad had ALS", {cf.FINDING_QUALIFIED}, {"finding_condition", cf.FINDING_NEGATED}),
        ("I take a water pill", {"finding_medicine"}, set()),
        ("when I'm stressed", {"finding_trigger"}, set()),
        ("I have diabetes", {"finding_condition"}, set()),
        ("I'm pregnant", {"finding_context"}, set()),
        ("coughing makes it worse", {"finding_feature"}, set()),
        # numbers
        ("a year", {"ongoing_duration", cf.MOSTLY_MENTIONS}, {"episode_duration"}),
        ("a few seconds", {"episode_duration"}, {"ongoing_duration"}),
        ("Now and then", {"frequency", cf.MOSTLY_MENTIONS}, set()),
        ("quite sore", {"severity"}, set()),
        ("I'm 70", {"age"}, set()),
        ("15 seconds not 15 minutes", {"episode_duration", cf.NUMBER_NEGATED}, set()),
        ("15 seconds", {"episode_duration"}, {cf.NUMBER_NEGATED}),
        # nothing clinical
        ("what's the weather like today", {cf.NO_MENTION}, {cf.ANY_MENTION, cf.MOSTLY_MENTIONS}),
        # a sentence that names a body part is not mostly mentions
        (
            "I was wondering whether you could tell me something about my knee",
            {cf.LOCATION},
            {cf.MOSTLY_MENTIONS},
        ),
    ],
)
def test_mentions(text: str, expected: set[str], absent: set[str]) -> None:
    got = names(text)
    assert expected <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Yes", cf.STARTS_YES),
        ("yeah it does", cf.STARTS_YES),
        ("yesss", cf.STARTS_YES),
        ("yep, every time", cf.STARTS_YES),
        ("No", cf.STARTS_NO),
        ("nope, none", cf.STARTS_NO),
        ("nah it doesn't", cf.STARTS_NO),
        ("nooo", cf.STARTS_NO),
    ],
)
def test_a_leading_yes_or_no(text: str, feature: str) -> None:
    got = names(text)
    assert feature in got
    assert not {cf.STARTS_YES, cf.STARTS_NO} - {feature} & got


@pytest.mark.parametrize("text", ["yesterday", "nothing at all", "not sure", "now and then", "year"])
def test_words_that_only_start_like_yes_or_no(text: str) -> None:
    assert not {cf.STARTS_YES, cf.STARTS_NO} & names(text)


@pytest.mark.parametrize(
    ("text", "bucket"),
    [("calf", "words_1"), ("my left calf", "words_2_3"), ("it hurts when I walk", "words_4_7")],
)
def test_length(text: str, bucket: str) -> None:
    got = names(text)
    assert bucket in got
    assert len(got & set(cf.LENGTH_BUCKETS)) == 1


def test_long_message() -> None:
    assert "words_8_plus" in names("my calf keeps seizing up at night since I started a water pill")


@pytest.mark.parametrize(("text", "latin"), [("\U0001f602", False), ("你好", False), ("hola", True)])
def test_no_latin_letters(text: str, latin: bool) -> None:
    assert (cf.NO_LATIN_LETTERS in names(text)) is not latin


def test_every_name_is_in_the_vocabulary() -> None:
    texts = [
        "",
        "   ",
        "behind my knee",
        "no numbness, no swelling, I'm 70",
        "yes",
        "\U0001f602",
        "my dad had ALS",
    ]
    for text in texts:
        assert names(text) <= set(cf.FEATURES)
