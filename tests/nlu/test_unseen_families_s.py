"""Families of misses read from blind set S (issue 13, sixteenth round; sealed, then scored once on
8bbdc27, round 15 in: 11 of 11 emergencies, 38 side questions all answered). Tested in words the
set did not use."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.triage.engine import complaint_kind
from harness.cases import case_after, roles


# ------------------------------------------------------------------ "no, but back to normal"
@pytest.mark.parametrize(
    "text",
    [
        "none now, was tingly from the cold earlier but back to normal",
        "nope, was a bit odd this morning but back to normal",
    ],
)
def test_a_no_with_a_sign_that_has_passed_answers_the_whole_list(text):
    first = case_after("my foot cramped at the end of my swim")
    case = case_after(text, asked="accompanying_symptoms", before=first)
    assert case.status("weakness").value == "absent" and case.status("saddle_numbness").value == "absent"


def test_a_no_but_a_new_sign_is_not_a_no_to_everything():
    first = case_after("my foot cramped at the end of my swim")
    case = case_after("no, but my toes are still numb", asked="accompanying_symptoms", before=first)
    assert case.is_present("numbness")


# ------------------------------------------------------------------ a head that cramps
@pytest.mark.parametrize(
    "text",
    ["my head feels like it's cramping, tight band round it", "headache like my skull is cramping up"],
)
def test_a_head_that_feels_like_cramping_is_a_headache(text):
    assert complaint_kind(case_after(text)) == "other", extract(text)


def test_a_headache_with_a_calf_cramp_is_still_a_cramp():
    assert complaint_kind(case_after("bit of a headache and my calf keeps cramping")) == "cramp"


def test_a_headache_with_a_stiff_neck_and_fever_is_still_an_emergency():
    from bot.triage.engine import assess

    assert (
        assess(case_after("my head feels like it's cramping, stiff neck and a fever of 39")).level
        == "emergency"
    )


# ------------------------------------------------------------------ an activity asked about
@pytest.mark.parametrize(
    "text",
    [
        "is it ok to keep going to the gym?",
        "should I still go running this week",
        "is it safe to keep swimming",
    ],
)
def test_an_activity_asked_about_is_not_what_brought_it_on(text):
    assert "present" not in roles(text, "exercise"), extract(text)


def test_the_activity_that_brought_it_on_is_still_read():
    assert "present" in roles("it cramped while I was swimming", "exercise")


# ------------------------------------------------------------------ getting by, not a run
@pytest.mark.parametrize(
    "text", ["running on coffee and 4 hours sleep this week", "been running on empty since the baby came"]
)
def test_running_on_fuel_is_getting_by_not_exercise(text):
    assert "present" not in roles(text, "exercise"), extract(text)


def test_running_on_a_treadmill_is_still_exercise():
    assert "present" in roles("it cramped running on the treadmill", "exercise")
