"""Families of misses read from blind set M (issue 13, tenth round; sealed, then scored once on
the commit that fixed set L's families). Each family is tested in words the set did not use."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.triage.case import Case
from bot.triage.engine import assess, complaint_kind, open_questions
from bot.triage.knowledge import load_knowledge
from harness.cases import case_after, roles


# ------------------------------------------------------------------ a severe allergic reaction
@pytest.mark.parametrize(
    "text",
    [
        "my throat is going tight",
        "her throat feels like its closing up",
        "throat getting tighter by the minute",
        "my lips feel fat",
        "his tongue looks huge",
        "my throat is going tihgt",  # typo
    ],
)
def test_a_tight_throat_or_swollen_lips_are_an_allergic_emergency(text):
    assert "present" in roles(text, "allergic_swelling"), extract(text)
    assert assess(case_after(text)).level == "emergency"


@pytest.mark.parametrize("text", ["my throat isn't tight and my lips are fine", "no swelling of the lips"])
def test_a_throat_or_lips_said_to_be_fine_are_not_an_allergic_reaction(text):
    assert "present" not in roles(text, "allergic_swelling"), extract(text)


def test_a_sting_with_swelling_lips_and_a_tightening_throat_is_an_emergency_not_a_redirect():
    text = "wasp got me on the wrist 5 mins ago, now my lips have gone puffy and my throat is going tight"
    assert assess(case_after(text)).level == "emergency"


# ------------------------------------------------------------------ the heart, in other words
@pytest.mark.parametrize(
    "text",
    ["there's a heaviness in my chest", "a weight on his chest", "a squeezing across my chest"],
)
def test_a_heavy_or_squeezed_chest_is_chest_pain(text):
    assert "present" in roles(text, "chest_pain"), extract(text)


@pytest.mark.parametrize(
    "text", ["I have come over rather sweaty", "he's gone all clammy", "she came over a bit sweaty"]
)
def test_coming_over_sweaty_is_a_sudden_sweat(text):
    assert "present" in roles(text, "cold_sweat"), extract(text)


def test_an_arm_cramp_with_a_heavy_chest_then_pain_into_the_jaw_is_an_emergency():
    first = case_after("I'm 74 and have a cramp in my left arm since hoovering the stairs")
    chest = case_after("no numbness. I feel a bit sick and there is a heaviness in my chest", before=first)
    assert assess(chest).level == "emergency"
    jaw = case_after("it's going up into my jaw now and I have come over sweaty", before=first)
    assert assess(jaw).level == "emergency"


@pytest.mark.parametrize(
    "text", ["chest feels heavy and I feel a bit sick", "a tight chest and she's feeling really queasy"]
)
def test_chest_pressure_with_feeling_sick_is_an_emergency(text):
    assert assess(case_after(text)).level == "emergency", extract(text)


def test_pain_going_down_the_leg_while_sweating_after_a_run_is_not_a_heart_attack():
    case = case_after("my back spasm shoots down my leg, and I came over all sweaty after my run")
    assert "heart_attack_signs" not in {f.rule.id for f in assess(case).fired}


# ------------------------------------------------------------------ weak legs in everyday words
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my legs have gone to jelly", "weakness"),
        ("his legs won't hold him", "weakness"),
        ("jelly legs since the fall", "weakness"),
        ("I can't stand up properly", "walking_difficulty"),
        ("he cant stand on them", "walking_difficulty"),
        ("can barely stand", "walking_difficulty"),
    ],
)
def test_legs_like_jelly_and_not_standing_are_weakness_and_trouble_walking(text, sign):
    assert "present" in roles(text, sign), extract(text)


@pytest.mark.parametrize("text", ["I can't stand the pain", "I can't stand cramps, they drive me mad"])
def test_cant_stand_something_is_not_trouble_walking(text):
    assert "present" not in roles(text, "walking_difficulty"), extract(text)


def test_a_sign_after_cant_stand_keeps_its_own_reading():
    text = "legs like jelly, can't stand on em proper, and me left foot's all pins and needles"
    assert "present" in roles(text, "numbness"), extract(text)


def test_a_back_spasm_after_a_fall_with_legs_that_wont_hold_is_an_emergency():
    before = case_after("came off a ladder and landed on my back, it's in spasm")
    case = case_after(
        "legs have gone like jelly, cant stand on em", asked="accompanying_symptoms", before=before
    )
    assert assess(case).level == "emergency"


# ------------------------------------------------------------------ "it's not a cramp"
@pytest.mark.parametrize(
    "text",
    [
        "not a cramp obvs but my throat is killing me",
        "this isn't a muscle thing but it burns when I pee",
        "not a spasm, I just get a sour taste and burning coming up into my throat",
        "it's not a cramp, I've got a pain behind my breastbone after meals",
    ],
)
def test_what_they_say_is_not_a_cramp_is_pointed_elsewhere(text):
    assert complaint_kind(case_after(text)) == "other", extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "it's not a cramp, my calf is swollen red and hot",
        "not really a cramp, my back locks up and I can't wee",
    ],
)
def test_not_a_cramp_keeps_a_warning_sign_in_a_limb_or_the_back(text):
    assert assess(case_after(text)).level == "emergency", extract(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my throat is so sore", "sore_throat"),
        ("like swallowing razor blades", "sore_throat"),
        ("it stings like crazy when I wee", "urinary_symptoms"),
        ("acid coming up into my throat at night", "belly_pain"),
        ("a bitter taste at the back of my throat", "belly_pain"),
    ],
)
def test_everyday_complaints_that_are_not_muscles(text, concept):
    assert "present" in roles(text, concept), extract(text)


def test_behind_the_breastbone_is_the_chest():
    assert case_after("behind the breastbone", asked="location").location == "chest"


# ------------------------------------------------------------------ hearsay is not a diagnosis
@pytest.mark.parametrize(
    "text",
    [
        "I googled it and one site said MS",
        "the internet says it could be ALS",
        "a forum reckons it's my thyroid",
    ],
)
def test_what_a_website_said_is_not_a_condition_they_have(text):
    case = case_after(text)
    assert not any(case.is_present(c) for c in ("multiple_sclerosis", "als", "thyroid_disease")), extract(
        text
    )


def test_a_symptom_told_after_what_a_website_said_is_still_present():
    assert "present" in roles("google says it could be ALS and my hand is weak", "weakness")


# ------------------------------------------------------------------ passed, and other people's time
@pytest.mark.parametrize(
    "text",
    [
        "the numb leg was yesterday and went in seconds",
        "my foot went numb but it passed in a minute",
        "the tingling was last night, fine now",
    ],
)
def test_numbness_that_has_passed_is_not_there_now(text):
    assert "present" not in roles(text, "numbness"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Just a thyroid tablet, been on it for years",
        "a water pill, I've been taking it for 6 months",
        "diabetes tablets, had them since 2019",
    ],
)
def test_how_long_they_have_taken_a_medicine_is_not_how_long_the_cramps_have_gone_on(text):
    assert case_after(text, asked="background").ongoing_days is None, extract(text)


def test_a_cramp_once_a_month_with_a_thyroid_condition_is_self_care():
    case = case_after(
        "a calf cramp at night about once a month, a minute or so, I take a thyroid tablet",
        before=Case(answered=frozenset({"accompanying_symptoms"})),
    )
    assert assess(case).level == "self_care"


def test_cramps_every_week_with_a_thyroid_condition_are_worth_an_appointment():
    case = case_after("calf cramps most nights for a month, and I have an underactive thyroid")
    assert assess(case).level == "routine"


# ------------------------------------------------------------------ a spasm that never lets go
def test_constant_to_how_long_and_how_often_answers_both():
    knowledge = load_knowledge()
    before = case_after(
        "my lower back is in spasm", before=Case(answered=frozenset({"accompanying_symptoms"}))
    )
    asked = open_questions(before, knowledge)[0]
    assert asked.slot == "duration" and asked.together_with == "frequency"
    case = case_after("doesn't let go, constant", asked="duration", before=before)
    assert "frequency" not in {q.slot for q in open_questions(case, knowledge)}


# ------------------------------------------------------------------ how often they are seen or dosed
@pytest.mark.parametrize(
    "text",
    [
        "doctor is checking me every 6 month",
        "I have bloods every 3 months for my kidneys",
        "I take my water pill every morning",
        "I check my sugar every day",
    ],
)
def test_how_often_they_are_seen_or_take_a_medicine_is_not_how_often_the_cramps_come(text):
    assert case_after(text).per_week is None, extract(text)


@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("I see the nurse every week and the cramps come every night", 7.0),
        ("cramps twice a week, I check my sugar every day", 2.0),
    ],
)
def test_the_cramps_own_rhythm_is_kept_beside_their_care(text, per_week):
    assert case_after(text).per_week == per_week, extract(text)


def test_nightly_cramps_for_months_with_kidney_disease_checked_twice_a_year_are_routine():
    text = (
        "My legs is doing cramp in the night, every night since two months, I am waking 2 or 3 time. "
        "I have problem of kidney, doctor is checking me every 6 month."
    )
    assert assess(case_after(text)).level == "routine"
