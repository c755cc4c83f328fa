"""Families of misses read from blind set N (issue 13, eleventh round; written beside set M, kept
sealed while M's families were fixed, then scored once). Tested in words the set did not use."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.triage.case import Case
from bot.triage.engine import assess, complaint_kind
from harness.cases import case_after, roles


# ------------------------------------------------------------------ meningitis signs a parent sees
@pytest.mark.parametrize(
    "text", ["she can't get her chin down", "he cant look down", "he cannot put his chin down"]
)
def test_a_chin_that_will_not_go_down_is_a_stiff_neck(text):
    assert "present" in roles(text, "stiff_neck"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "she cries when we open the blinds",
        "keeps turning his face away from the light",
        "hiding from the lights under the duvet",
        "wants the curtains shut all day",
    ],
)
def test_shying_from_light_as_a_carer_sees_it_is_light_sensitivity(text):
    assert "present" in roles(text, "light_sensitivity"), extract(text)


def test_a_child_with_a_fever_whose_neck_cramps_and_chin_will_not_go_down_is_an_emergency():
    text = "my 4 year old has a temp of 39 and says her neck is cramping, she cant get her chin down"
    assert assess(case_after(text)).level == "emergency"


def test_a_stiff_neck_from_sleeping_badly_without_fever_is_not_an_emergency():
    text = "woke up and I can't look down properly, slept on a hotel pillow, no temperature"
    assert assess(case_after(text)).level != "emergency"


# ------------------------------------------------------------------ the heart, in a night worker's words
@pytest.mark.parametrize(
    "text",
    [
        "my chest feels like somebody is sitting on it",
        "like an elephant sitting on my chest",
        "an elephant on my chest",
    ],
)
def test_a_weight_sitting_on_the_chest_is_chest_pain(text):
    assert "present" in roles(text, "chest_pain"), extract(text)


@pytest.mark.parametrize(
    "text", ["I'm sweating even though it's cold in here", "sweaty despite the freezing office"]
)
def test_sweating_in_the_cold_is_a_cold_sweat_not_the_heat(text):
    assert "present" in roles(text, "cold_sweat"), extract(text)


@pytest.mark.parametrize(
    "text",
    ["my left arm is crampy and heavy, my jaw aches as well", "shoulder cramping and an ache in my jaw"],
)
def test_an_arm_or_shoulder_cramp_with_an_aching_jaw_is_an_emergency(text):
    assert assess(case_after(text)).level == "emergency", extract(text)


@pytest.mark.parametrize("text", ["my jaw aches when I chew gum", "jaw cramps and aches after the dentist"])
def test_an_aching_jaw_on_its_own_is_not_a_heart_sign(text):
    assert assess(case_after(text)).level != "emergency", extract(text)


# ------------------------------------------------------------------ how often, said twice
@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("they've been waking me most nights, sometimes twice", 5.0),
        ("cramps every night now, the odd one in the day", 7.0),
        # a number says how often "now and again" is
        ("every so often, maybe once a month, my calf cramps", 0.25),
        # how it is now, not how it was
        ("used to be once a month, now it's a few times a week", 3.0),
        ("it was every night last winter but only once a week now", 1.0),
    ],
)
def test_the_most_often_said_in_one_message_is_how_often(text, per_week):
    assert case_after(text).per_week == per_week, extract(text)


def test_cramps_waking_an_older_person_most_nights_for_weeks_are_worth_an_appointment():
    text = "the odd cramp for years, but the last month they wake me most nights, sometimes twice"
    assert assess(case_after(text)).level == "routine"


# ------------------------------------------------------------------ a complaint that has passed
@pytest.mark.parametrize(
    "text",
    ["had a headache the first day but that went", "a bit of tummy ache yesterday, gone now"],
)
def test_a_complaint_that_has_passed_is_not_there_now(text):
    case = case_after(text)
    assert not any(case.is_present(c) for c in ("headache", "belly_pain")), extract(text)


def test_a_cricked_neck_with_a_headache_that_has_passed_stays_a_muscle_complaint():
    first = case_after("got a crick in my neck since the weekend, can turn my head but it catches")
    case = case_after("no tingling, had a headache the first day but that went", before=first)
    assert complaint_kind(case) != "other"


def test_a_headache_there_now_is_still_a_complaint():
    assert "present" in roles("I've still got a headache", "headache")


# ------------------------------------------------------------------ muscles and twitches in other words
@pytest.mark.parametrize(
    "text", ["his calf went rock hard", "hamstring was hard as a rock", "a crick in my back"]
)
def test_a_rock_hard_muscle_or_a_crick_is_the_muscle_complaint(text):
    assert "present" in roles(text, "muscle_complaint"), extract(text)


def test_a_childs_rock_hard_calf_at_night_that_passed_is_self_care():
    text = (
        "my 6 year old woke crying holding his leg, calf rock hard, we rubbed it and it went in a few minutes"
    )
    case = case_after(text, before=Case(answered=frozenset({"accompanying_symptoms"})))
    assert case.location in ("calf", "leg") and assess(case).level == "self_care"


@pytest.mark.parametrize("text", ["my bottom lip has been jumping", "my cheek keeps jumping on its own"])
def test_a_lip_or_cheek_jumping_is_a_twitch(text):
    assert "present" in roles(text, "twitching"), extract(text)


@pytest.mark.parametrize("text", ["it's the exam period", "a busy period at work"])
def test_a_stretch_of_time_called_a_period_is_not_period_pain(text):
    assert "present" not in roles(text, "period_pain"), extract(text)


def test_a_period_is_still_period_pain():
    assert "present" in roles("cramps with my period", "period_pain")


def test_burning_when_they_spend_a_penny_is_a_urinary_complaint():
    case = case_after("it stings when I spend a penny and I'm going all the time")
    assert complaint_kind(case) == "other"
