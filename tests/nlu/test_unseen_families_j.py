"""Families of misses read from blind set J (issue 13, seventh round; scored once sealed first)."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.triage.case import Case
from bot.triage.engine import assess
from harness.cases import case_after as _case
from harness.cases import roles as _roles


# ------------------------------------------------------------------ meningitis signs in plain words
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("cant put my chin dwn to my chest at all", "stiff_neck"),
        ("he can't get his chin down to his chest", "stiff_neck"),
        ("im boiling hot and shivery", "fever"),
        ("she's got the shivers", "fever"),
        ("the light in the room is killin my eyes", "light_sensitivity"),
        ("light hurts", "light_sensitivity"),
        ("been sick twice", "vomiting"),
        ("was sick again this morning", "vomiting"),
    ],
)
def test_danger_signs_in_everyday_words(text, value):
    assert "present" in _roles(text, value), extract(text)


def test_a_neck_spasm_with_fever_a_stiff_neck_and_light_hurting_is_an_emergency():
    text = (
        "neck muscles hav gone into some kinda spasm, cant put my chin dwn to my chest at all, im boiling hot "
        "and shivery and the light in the room is killin my eyes. been sick twice"
    )
    assert assess(_case(text)).level == "emergency"


@pytest.mark.parametrize("text", ["the light doesn't bother my eyes", "no fever, not shivery"])
def test_the_same_signs_denied_are_not_there(text):
    found = {m.value for m in extract(text) if m.role == "present"}
    assert not found & {"light_sensitivity", "fever"}, extract(text)


@pytest.mark.parametrize("text", ["boiling the kettle", "had a boil on my arm"])
def test_boiling_is_a_fever_only_when_someone_is_boiling_hot(text):
    assert "present" not in _roles(text, "fever"), extract(text)


# ------------------------------------------------------------------ "no better" denies nothing after it
@pytest.mark.parametrize(
    "text",
    [
        "it's no better, really painful, and every time I sneeze it's like being stabbed",
        "no better today and it kills when I cough",
        "not any better, worse when i sneeze",
    ],
)
def test_no_better_does_not_deny_what_follows(text):
    assert "present" in _roles(text, "worse_with_cough"), extract(text)


def test_no_still_denies_what_follows():
    assert _roles("no worse when I cough", "worse_with_cough") != {"present"}


# ------------------------------------------------------------------ an ear is not a muscle
@pytest.mark.parametrize(
    "text", ["my little girl has been pulling at her right ear", "right ear", "left ear hurts"]
)
def test_an_ear_is_an_ear_problem(text):
    assert "present" in _roles(text, "ear_problem"), extract(text)
    assert assess(_case(text)).redirect


# ------------------------------------------------------------------ twitches spreading
def test_muscle_twitches_are_twitches_not_cramps():
    text = "for about 2 months ive had little muscle twitches, calves mostly, no weakness i can find"
    assert "muscle_complaint" not in {m.value for m in extract(text) if m.role == "present"}, extract(text)


def test_twitches_spreading_to_several_places_are_still_seen_promptly():
    # the article's red flag ("spasms spreading to multiple muscle groups"): never lowered
    assert assess(_case("twitches spreading to my arms and legs since monday")).level == "urgent"


def test_cramps_spreading_to_several_muscle_groups_are_still_urgent():
    assert assess(_case("the cramps are spreading to my thighs and arms")).level == "urgent"


def test_twitches_spreading_with_weakness_are_not_lowered():
    assert assess(_case("twitching all over and my arms are getting weaker")).level in ("urgent", "emergency")


# ------------------------------------------------------------------ "keep disrupting sleep"
def test_two_nights_of_cramps_in_pregnancy_are_self_care():
    text = (
        "I'm 28 weeks pregnant and the last two nights I've been woken by a cramp in my right calf. "
        "Flexing my foot up got rid of it within a minute. no swelling or redness"
    )
    assert assess(_case(text)).level == "self_care"


def test_cramps_waking_someone_most_nights_for_weeks_are_routine():
    assert assess(_case("calf cramps wake me most nights for the last 3 weeks")).level == "routine"


def test_spasms_spreading_to_several_muscle_groups_without_other_words_are_urgent():
    assert assess(_case("spasms spreading to several muscle groups")).level == "urgent"


def test_how_long_ago_a_relative_was_diagnosed_is_not_how_long_the_spasms_have_gone_on():
    text = "My mum was diagnosed with MS a few years back so I get a bit paranoid. Twice recently my foot cramped"
    assert not [m for m in extract(text) if m.entity == "ongoing_duration"], extract(text)


def test_a_duration_in_a_sentence_about_ones_own_cramps_is_kept():
    text = "my mum has MS and I have had these cramps for 3 weeks"
    assert [m.value for m in extract(text) if m.entity == "ongoing_duration"] == [21.0]


@pytest.mark.parametrize("text", ["twice, both in the pool", "twice"])
def test_a_bare_count_answers_how_often(text):
    assert [m.value for m in extract(text) if m.entity == "frequency"] == [0.5]


@pytest.mark.parametrize(
    "text", ["spasms every time I bend, aches in between", "depends what I'm doing", "off and on"]
)
def test_a_length_that_varies_answers_how_long_as_not_known(text):
    before = Case(location="back")
    assert _case(text, asked="duration", before=before, intent="inform").episode_minutes == "unknown"


def test_tingling_gone_by_the_time_they_got_home_has_passed():
    assert _roles("none now, the tingly fingers were gone by the time I got home", "numbness") != {"present"}


def test_frequent_cramps_of_a_few_days_in_pregnancy_are_not_yet_frequent():
    text = "28 weeks pregnant, calf cramps 3 nights this week, no swelling"
    assert "frequent_cramps" not in {f.rule.id for f in assess(_case(text)).fired}
