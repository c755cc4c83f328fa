"""Families of misses read from blind set R (issue 13, fifteenth round; sealed, then scored once on
8f310cf, round 14 in: 13 of 13 emergencies, every miss an ordinary complaint raised too high).
Tested in words the set did not use; the alarms they sit beside are kept."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.triage.engine import assess, complaint_kind
from harness.cases import case_after, roles


# ------------------------------------------------------------------ a condition asked about
@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("is a twitchy thumb an early sign of ALS?", "als"),
        ("can diabetes give you cramps like this?", "diabetes"),
        ("are these twitches symptoms of MS", "multiple_sclerosis"),
    ],
)
def test_a_condition_asked_about_is_not_one_they_have(text, condition):
    assert "present" not in roles(text, condition), extract(text)


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("could my MS be behind this?", "multiple_sclerosis"),
        ("I have diabetes. Can that cause it?", "diabetes"),
    ],
)
def test_a_condition_they_name_as_theirs_stays(text, condition):
    assert "present" in roles(text, condition), extract(text)


# ------------------------------------------------------------------ numb from the cold
@pytest.mark.parametrize(
    "text",
    ["held ice on it till it went numb", "my leg was numb from the ice pack", "used a numbing spray on it"],
)
def test_numb_from_ice_or_a_spray_is_not_a_nerve_sign(text):
    assert "present" not in roles(text, "numbness"), extract(text)


def test_numb_toes_after_a_cramp_are_still_numbness():
    assert "present" in roles("after the cramp my toes stayed numb", "numbness")


# ------------------------------------------------------------------ a condition treated and over
@pytest.mark.parametrize(
    "text",
    [
        "had a bulging disc in 2019 but the physio fixed it",
        "slipped disc years back, surgery sorted it out",
    ],
)
def test_a_condition_treated_and_over_is_not_one_now(text):
    case = case_after("my back spasmed lifting a box. " + text)
    assert assess(case).level in ("self_care", "routine")
    assert case.findings.get("disc_problem") is None or not case.is_present("disc_problem")


def test_a_condition_not_yet_sorted_stays():
    assert "present" in roles("I've a slipped disc the physio hasn't sorted yet", "disc_problem")


# ------------------------------------------------------------------ cramps of pregnancy at night
def test_pregnancy_night_cramps_for_a_week_that_hurt_are_looked_after_at_home():
    case = case_after("30 wks pregnant, calf cramps in bed wake me twice a week, really painful")
    case = case_after("none of those", asked="accompanying_symptoms", before=case)
    case = case_after("about a week", asked="ongoing_days", before=case)
    assert assess(case).level == "self_care"


def test_pregnancy_night_cramps_for_a_month_get_an_appointment():
    case = case_after("30 wks pregnant, calf cramps in bed wake me three times a week, really painful")
    case = case_after("none of those", asked="accompanying_symptoms", before=case)
    case = case_after("a month", asked="ongoing_days", before=case)
    assert assess(case).level == "routine"


# ------------------------------------------------------------------ a cough
def test_a_cough_worse_at_night_is_a_cough_not_pain_worse_with_coughing():
    case = case_after("hacking cough 10 days, worse at night, no fever")
    assert "present" not in roles("hacking cough 10 days, worse at night", "worse_with_cough")
    assert complaint_kind(case) == "other"


def test_back_pain_worse_when_coughing_is_still_read():
    assert "present" in roles("the back pain is worse when I sneeze", "worse_with_cough")


# ------------------------------------------------------------------ when, not how often
@pytest.mark.parametrize("text", ["mostly at night", "usually in the mornings", "after work"])
def test_when_in_the_day_answers_how_often_as_not_known(text):
    assert case_after(text, asked="frequency").per_week == "unknown"


def test_a_count_given_with_the_time_of_day_is_kept():
    assert case_after("at night, most nights", asked="frequency").per_week == 5.0
