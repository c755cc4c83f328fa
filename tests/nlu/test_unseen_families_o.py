"""Families of misses read from blind set O (issue 13, twelfth round; sealed, then scored once on
the commit that fixed set N's families). Tested in words the set did not use."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.numbers import find_quantities
from bot.triage.case import Case
from bot.triage.engine import assess
from harness.cases import case_after, roles


# ------------------------------------------------------------------ muscle breakdown, told plainly
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I've hardly passed water all day", "little_urine"),
        ("not passed urine since this morning", "little_urine"),
        ("what came out was brown like coke", "dark_urine"),
        ("it came out dark", "dark_urine"),
    ],
)
def test_little_or_dark_urine_in_everyday_words(text, sign):
    assert "present" in roles(text, sign), extract(text)


def test_urine_like_cola_is_not_a_drink():
    assert "present" not in roles("my wee was dark like cola", "caffeine")


def test_cramps_after_days_of_hard_work_in_the_heat_with_little_dark_urine_are_an_emergency():
    first = case_after("two days shifting bales in the heat and my thighs keep seizing up")
    case = case_after(
        "not numb. barely passed water since last night and it was dark like tea",
        asked="accompanying_symptoms",
        before=first,
    )
    assert assess(case).level == "emergency"


# ------------------------------------------------------------------ meningitis with an elongated word
@pytest.mark.parametrize(
    "text", ["my neck is soooo stiff", "his neck's gone really stiff", "neck feels proper stiff"]
)
def test_a_stiff_neck_with_words_between(text):
    assert "present" in roles(text, "stiff_neck"), extract(text)


@pytest.mark.parametrize("text", ["I feel boiling", "she's feeling roasting"])
def test_feeling_boiling_is_a_fever(text):
    assert "present" in roles(text, "fever"), extract(text)


def test_a_stiff_neck_a_bad_head_and_feeling_boiling_is_an_emergency_not_a_redirect():
    text = "neck is sooo stiff and my head is pounding, slept funny maybe? feel boiling and been sick"
    assert assess(case_after(text)).level == "emergency"


# ------------------------------------------------------------------ pre-eclampsia
@pytest.mark.parametrize(
    "text",
    [
        "I'm 34 weeks pregnant with a headache paracetamol won't shift and I'm seeing flashing lights",
        "pregnant, 36 weeks, my face and hands have puffed up and there are zigzags in my eyes",
        "31 weeks pregnant, splitting headache and my fingers are so swollen my rings won't come off",
    ],
)
def test_headache_flashing_lights_or_sudden_swelling_in_pregnancy_is_an_emergency(text):
    assert assess(case_after(text)).level == "emergency", extract(text)


def test_a_headache_alone_in_pregnancy_is_not_an_emergency():
    assert assess(case_after("20 weeks pregnant and I have a bit of a headache")).level != "emergency"


def test_flashing_lights_without_pregnancy_do_not_fire_the_pregnancy_rule():
    fired = {f.rule.id for f in assess(case_after("seeing flashing lights and my head aches")).fired}
    assert "pre_eclampsia_signs" not in fired


# ------------------------------------------------------------------ a fall the cramp caused
def test_falling_over_when_the_cramp_hit_is_asked_about_not_assumed():
    case = case_after("got a massive cramp in my calf during the match and fell over, fine now")
    assert assess(case).level != "emergency"
    assert "balance_problems" not in {c for c in case.findings if case.is_present(c)}


def test_falling_over_again_and_again_stays_a_balance_problem():
    assert "present" in roles("my calf cramps and I keep falling over", "balance_problems")


# ------------------------------------------------------------------ answers the questions did not read
@pytest.mark.parametrize("text", ["walking loosens it", "moving about eases it", "walking makes them better"])
def test_walking_that_helps_is_not_walking_that_brings_it_on(text):
    assert "negated" in roles(text, "walking_induced"), extract(text)


def test_not_that_sort_of_thing_answers_the_walking_question():
    case = case_after("walking hurts but it's not that sort of thing", asked="walking_induced")
    assert not case.is_present("walking_induced")


@pytest.mark.parametrize(
    ("text", "days"), [("a week-ish", 7.0), ("two weeks-ish", 14.0), ("a month-ish", 30.0)]
)
def test_ish_after_a_span_keeps_the_span(text, days):
    assert case_after(text, asked="ongoing").ongoing_days == days, extract(text)


@pytest.mark.parametrize("text", ["dozens of times a day", "loads of times a day", "hundreds of times a day"])
def test_many_times_a_day_is_more_than_daily(text):
    assert (case_after(text).per_week or 0) > 7, extract(text)


@pytest.mark.parametrize("text", ["can't wiggle my toes properly", "he can't move his fingers"])
def test_toes_or_fingers_that_will_not_move_are_weakness(text):
    assert "present" in roles(text, "weakness"), extract(text)


# ------------------------------------------------------------------ how long the outing was
@pytest.mark.parametrize("text", ["did a 3 hr sportive", "after a 2 hour race", "during a 90 minute match"])
def test_the_length_of_an_outing_is_not_how_long_a_cramp_lasts(text):
    assert not [q for q in find_quantities(text) if q.entity == "episode_duration"], text


@pytest.mark.parametrize("text", ["loads to drink", "lots to eat"])
def test_an_amount_is_not_how_often(text):
    assert case_after(text).per_week is None, extract(text)


def test_on_my_knees_is_a_position_not_the_place():
    case = case_after("spent the day on my knees weeding and now my lower back has gone into spasm")
    assert case.location == "back"


# ------------------------------------------------------------------ an obvious cause, with a condition
def test_a_spasm_the_day_after_gardening_with_a_thyroid_condition_is_self_care():
    case = case_after(
        "lifted grow bags all yesterday and my lower back went into spasm this morning, I take thyroxine",
        before=Case(answered=frozenset({"accompanying_symptoms"})),
    )
    assert assess(case).level == "self_care"


def test_cramps_without_a_cause_with_diabetes_are_still_worth_an_appointment():
    case = case_after("I'm diabetic and get calf cramps a few times a week for no reason")
    assert assess(case).level == "routine"


# ------------------------------------------------------------------ told late, or in few words
def test_vomit_like_coffee_grounds_is_still_blood_beside_a_drink_word():
    text = "stomach cramps for days, on ibuprofen, just been sick and it looked like coffee grounds"
    assert assess(case_after(text)).level == "emergency"


@pytest.mark.parametrize(
    "text", ["35 weeks, headache that won't shift", "38wks. swollen face and a bad headache"]
)
def test_weeks_late_enough_to_be_a_pregnancy_opening_a_message_are_how_far_along(text):
    case = case_after(text)
    assert case.is_present("pregnancy") and case.ongoing_days is None, extract(text)


@pytest.mark.parametrize("text", ["3 weeks, calf cramps every night", "for 35 weeks now my calf cramps"])
def test_other_spans_of_weeks_are_how_long_it_has_gone_on(text):
    assert not case_after(text).is_present("pregnancy"), extract(text)


def test_a_no_passed_on_from_the_patient_answers_the_warning_signs():
    case = case_after("he says not really, it's just the pain", asked="accompanying_symptoms")
    assert "accompanying_symptoms" in case.answered and not case.is_present("numbness")


# ------------------------------------------------------------------ the new words, denied
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I don't feel sick", "vomiting"),
        ("no heaviness in my chest", "chest_pain"),
        ("not sweaty or clammy", "cold_sweat"),
        ("his jaw doesn't ache", "jaw_pain"),
        ("legs are not like jelly", "weakness"),
        ("no flashing lights", "vision_problems"),
        ("i haven't been feeling boiling", "fever"),
        ("wee is not dark brown like cola", "dark_urine"),
    ],
)
def test_rounds_10_to_12_phrases_denied_are_not_present(text, sign):
    assert "present" not in roles(text, sign), extract(text)
