"""Families of misses read from blind set P (issue 13, thirteenth round; sealed, then scored once
on the commit after round 12). Tested in words the set did not use, with typos and denials."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.numbers import find_quantities
from bot.triage.case import Case
from bot.triage.engine import assess
from bot.triage.side_answers import asks_a_clinician
from harness.cases import case_after, roles


# ------------------------------------------------------------------ confusion as a carer sees it
@pytest.mark.parametrize(
    "text",
    [
        "she isn't making any sense",
        "he keeps asking me what year it is",
        "dad's talking rubbish",
        "she doesn't know where she is",
        "he's all muddled",
        "grandad's not with it at all",
    ],
)
def test_confusion_in_a_carers_words(text):
    assert "present" in roles(text, "confusion"), extract(text)


@pytest.mark.parametrize(
    "text",
    ["his skin is hot and dry", "she's stopped sweating", "he has stoped sweating and gone hot and dry"],
)
def test_heat_stroke_signs_in_everyday_words(text):
    assert "present" in roles(text, "heat_stroke_signs"), extract(text)


def test_not_sweating_alone_is_a_denial_not_heat_stroke():
    assert "present" not in roles("not sweating, not clammy", "heat_stroke_signs")


def test_cramps_on_a_hot_day_then_hot_dry_skin_is_an_emergency():
    first = case_after("my son's been cramping all afternoon at football, it was 35 out")
    case = case_after(
        "he's gone hot and dry and stopped sweating", asked="accompanying_symptoms", before=first
    )
    assert assess(case).level == "emergency"


@pytest.mark.parametrize("text", ["it was 36 today", "it was scorching", "a real scorcher"])
def test_the_weather_said_plainly_is_heat(text):
    assert "present" in roles(text, "heat"), extract(text)


@pytest.mark.parametrize("text", ["he chucked up twice", "she's been spewing", "barfed in the car"])
def test_vomiting_in_slang(text):
    assert "present" in roles(text, "vomiting"), extract(text)


# ------------------------------------------------------------------ saddle and bladder, as a wife tells it
@pytest.mark.parametrize(
    "text",
    [
        "says his backside feels funny, sort of fuzzy",
        "between her legs feels strange",
        "my groin feels wierd",
    ],
)
def test_a_changed_feeling_in_the_saddle_area(text):
    assert "present" in roles(text, "saddle_numbness"), extract(text)


@pytest.mark.parametrize(
    "text",
    ["he hasnt had a wee since breakfast", "she has not done a wee all day", "not done a pee since 9"],
)
def test_no_urine_passed_since_a_time(text):
    assert "present" in roles(text, "bladder_problems"), extract(text)


def test_a_back_spasm_with_no_wee_since_lunch_is_an_emergency_not_a_nerve():
    first = case_after("my husband did his back in lifting a mower")
    case = case_after(
        "his bottom feels odd and he hasn't had a wee since lunch though he's tried loads",
        asked="accompanying_symptoms",
        before=first,
    )
    assert assess(case).level == "emergency"


@pytest.mark.parametrize(
    "text", ["he's tried a few times", "I rang the surgery a couple of times", "asked her several times"]
)
def test_attempts_are_not_how_often_it_comes(text):
    assert [q for q in find_quantities(text) if q.entity == "frequency"] == []


# ------------------------------------------------------------------ tetanus told in slang
@pytest.mark.parametrize(
    "text",
    ["can barely open me jaw", "his jaw has gone rigid", "can't open her mouth properly"],
)
def test_a_jaw_that_will_not_open(text):
    assert "present" in roles(text, "lockjaw"), extract(text)


def test_a_jaw_that_feels_tight_from_clenching_is_not_lockjaw():
    assert "present" not in roles("my jaw feels tight when I clench at night", "lockjaw")


@pytest.mark.parametrize("text", ["the cramps are spreading", "spreading everywhere now"])
def test_spasms_that_spread(text):
    assert "present" in roles(text, "spreading_spasms"), extract(text)


def test_a_jaw_gone_tight_after_a_nail_wound_is_an_emergency():
    text = "stood on a nail last week and now me jaw's gone tight and my back keeps spasming"
    assert assess(case_after(text)).level == "emergency"


# ------------------------------------------------------------------ reassurance, denials, scores
def test_a_warm_foot_said_as_reassurance_is_not_warmth():
    case = case_after(
        "calf cramps when I walk, no swelling or redness, foot is warm, toes fine",
    )
    assert case.findings.get("warmth") is None
    assert assess(case).level != "emergency"


def test_a_hot_red_calf_is_still_warmth():
    assert "present" in roles("my calf is hot and red", "warmth")


def test_beyond_the_usual_ends_a_denial():
    text = "no bladder trouble beyond the usual getting up once in the night"
    assert "present" in roles(text, "night") or "negated" not in roles(text, "night")


@pytest.mark.parametrize(
    ("text", "severity"),
    [("seven when it grabs, nothing after", "severe"), ("about a three", "mild"), ("two", "mild")],
)
def test_scores_in_words_answer_how_bad(text, severity):
    assert case_after(text, asked="severity").severity == severity


def test_one_as_a_word_is_not_a_score():
    assert case_after("the worst one was agony", asked="severity").severity == "severe"


@pytest.mark.parametrize("text", ["probably back in the 90s", "she's in her 80s"])
def test_a_decade_is_not_seconds(text):
    assert [q for q in find_quantities(text) if q.entity == "episode_duration"] == []


def test_they_keep_coming_answers_how_long_as_not_known():
    assert case_after("they keep coming one after another", asked="duration").episode_minutes == "unknown"


# ------------------------------------------------------------------ a neck that has not settled
@pytest.mark.parametrize(
    "text",
    [
        "fell asleep on the bus and my neck's been stiff for 3 weeks",
        "neck stuck since I fell asleep in the chair a fortnight ago",
    ],
)
def test_a_neck_after_sleeping_awkwardly_that_has_not_settled_in_two_weeks_is_routine(text):
    case = case_after(text)
    assert case.findings.get("awkward_sleep") is not None, extract(text)


def test_a_neck_locked_after_dozing_on_the_sofa_three_weeks_ago_gets_an_appointment():
    case = case_after("fell asleep on the sofa 3 weeks ago, neck locked, still stiff and catching")
    case = case_after("none of those", asked="accompanying_symptoms", before=case)
    assert assess(case).level == "routine"


# ------------------------------------------------------------------ health questions off the muscle path
@pytest.mark.parametrize(
    "text",
    [
        "is it ok to take ibuprofen while breastfeeding?",
        "can I give her calpol",
        "what dose of magnesium should I take",
    ],
)
def test_a_medicine_question_goes_to_a_doctor_or_pharmacist(text):
    assert asks_a_clinician(text)


@pytest.mark.parametrize("text", ["what's the capital of france?", "i like pizza", "my paracetamol is blue"])
def test_off_topic_or_a_statement_is_not_a_medicine_question(text):
    assert not asks_a_clinician(text)


def test_empty_case_stays_empty():
    assert Case().is_empty()


# ------------------------------------------------------------------ denied, the new phrases are not there
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("he's not talking nonsense, he's fine", "confusion"),
        ("no, she hasn't stopped sweating", "heat_stroke_signs"),
        ("no problem opening my mouth, jaw's not gone tight", "lockjaw"),
        ("nothing feels weird between my legs", "saddle_numbness"),
    ],
)
def test_round_13_phrases_denied_are_not_present(text, sign):
    assert "present" not in roles(text, sign), extract(text)
