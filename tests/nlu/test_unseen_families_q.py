"""Families of misses read from blind set Q (issue 13, fourteenth round; written beside set P,
sealed while P's families were fixed, then scored once on d2892ad). Every miss was an alarm
raised for an ordinary cramp; tested in words the set did not use, with the alarms kept."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.numbers import find_quantities
from bot.triage.engine import assess
from bot.triage.side_answers import asks_a_clinician
from harness.cases import case_after, roles


# ------------------------------------------------------------------ organs said to be normal
@pytest.mark.parametrize(
    "text",
    [
        "the bladder and bowels are quite normal",
        "waterworks and bowels are perfectly fine",
        "bladder is totally normal",
    ],
)
def test_a_bladder_said_to_be_normal_is_denied(text):
    assert "present" not in roles(text, "bladder_problems"), extract(text)


def test_a_back_spasm_after_weeding_with_normal_bladder_and_bowels_is_not_an_emergency():
    first = case_after("my lower back went into spasm this morning after a day weeding")
    case = case_after(
        "none at all, legs strong, bladder and bowels are all fine",
        asked="accompanying_symptoms",
        before=first,
    )
    assert assess(case).level not in ("emergency", "urgent")


# ------------------------------------------------------------------ a past problem, a past date
def test_when_a_past_problem_was_is_not_how_long_this_has_gone_on():
    text = "I had a slipped disc about twenty years ago but this is new"
    assert [m for m in extract(text) if m.entity == "ongoing_duration"] == []


def test_a_cramp_that_began_weeks_ago_still_has_its_span():
    assert [
        m.value for m in extract("calf cramps started 3 weeks ago") if m.entity == "ongoing_duration"
    ] == [21.0]


# ------------------------------------------------------------------ numb only while it cramped
@pytest.mark.parametrize(
    "text",
    ["my toes went tingly only while it was cramping", "numb just during the spasm, fine after"],
)
def test_numbness_only_while_the_cramp_lasted_is_not_there_now(text):
    assert "present" not in roles(text, "numbness"), extract(text)


def test_numbness_only_when_standing_is_still_there():
    assert "present" in roles("my foot goes numb only when I stand", "numbness")


# ------------------------------------------------------------------ the length of a gym session
@pytest.mark.parametrize("text", ["did legs for about an hour", "did a workout for like 45 mins"])
def test_a_gym_session_is_not_how_long_a_cramp_lasts(text):
    assert [q for q in find_quantities(text) if q.entity == "episode_duration"] == []


def test_a_cramp_that_lasted_like_five_minutes_keeps_its_length():
    assert [m.value for m in extract("the cramp lasted like 5 mins") if m.entity == "episode_duration"] == [
        5.0
    ]


# ------------------------------------------------------------------ usual confusion, everyday puffiness
@pytest.mark.parametrize(
    "text",
    ["dad's always a little muddled, it's the alzheimers", "she's no more confused than usual"],
)
def test_someones_usual_confusion_is_not_new_confusion(text):
    assert "present" not in roles(text, "confusion"), extract(text)


@pytest.mark.parametrize("text", ["she's confused today, not her usual self", "he's suddenly very confused"])
def test_new_confusion_is_still_confusion(text):
    assert "present" in roles(text, "confusion"), extract(text)


def test_ankles_that_puff_up_by_the_evening_are_not_the_swelling_of_a_clot():
    assert "present" not in roles("my feet swell a bit in the evenings, both the same", "swelling")


def test_one_swollen_calf_is_still_swelling():
    assert "present" in roles("my left calf is swollen and tight", "swelling")


# ------------------------------------------------------------------ an itchy rash
def test_itchy_red_spots_are_not_a_rash_that_does_not_fade():
    text = "itchy little red spots all over my arms since I changed soap"
    assert "present" not in roles(text, "non_blanching_rash"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "tiny red spots on her tummy, they don't fade with a glass, a bit itchy",
        "purple spots on his legs, itching",
    ],
)
def test_spots_that_do_not_fade_stay_an_emergency_even_if_itchy(text):
    assert assess(case_after(text)).level == "emergency", extract(text)


# ------------------------------------------------------------------ walking brings it on
def test_cramp_on_walking_that_rest_relieves_with_a_warm_foot_is_not_an_emergency():
    # urgent, as the writers of sets A, B, D to G, J, L, M, N and P labelled it (K, O and Q: routine)
    case = case_after("my calf cramps every time I walk to the shop and goes when I stop, for months")
    case = case_after("no, foot is warm, none of those", asked="accompanying_symptoms", before=case)
    assert assess(case).level == "urgent"


def test_cramp_on_walking_with_a_cold_white_foot_is_an_emergency():
    case = case_after("my calf cramps when I walk and eases when I stop, and now my foot is cold and white")
    assert assess(case).level == "emergency"


# ------------------------------------------------------------------ questions and worries
@pytest.mark.parametrize(
    "text",
    ["how can I tell the difference between cramp and a DVT?", "how would you know if it was a clot"],
)
def test_asking_how_to_tell_a_clot_is_not_having_one(text):
    assert "present" not in roles(text, "blood_clot"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "30 weeks pregnant and my calves cramp at night. Is this normal?",
        "I have a cramp in my foot after swimming. Is that ok?",
    ],
)
def test_is_this_normal_after_a_story_is_not_a_medicine_question(text):
    assert not asks_a_clinician(text)
