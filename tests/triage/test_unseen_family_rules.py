"""Rule and question behaviour that blind set F showed was wrong: a shooting pain on its own, cramps
that belong to another complaint, cramps a new everyday strain explains, causes that do not fit the
place, questions that cannot change the result, and numbers changed by a reply to another question."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.triage.case import Case, Mention, Status, update_case
from bot.triage.engine import alerts, assess, complaint_kind, could_change_result, open_questions
from bot.triage.knowledge import load_knowledge
from bot.triage.render import triage_payload
from tests.triage.helpers import case

K = load_knowledge()


def test_a_shooting_pain_alone_is_urgent_not_an_emergency():
    a = assess(case("calf", present=["muscle_complaint", "shooting_pain"], days=2))
    assert a.level == "urgent"
    assert "nerve_irritation" in a.red_flags
    assert "sudden_neurological_signs" not in a.red_flags


@pytest.mark.parametrize("sign", ["weakness", "walking_difficulty", "balance_problems", "grip_difficulty"])
def test_a_shooting_pain_with_a_new_neurological_sign_is_an_emergency(sign):
    assert (
        assess(case("calf", present=["muscle_complaint", "shooting_pain", sign], days=2)).level == "emergency"
    )


@pytest.mark.parametrize("location", [None, "abdomen", "back"])
def test_cramps_with_a_period_in_the_belly_or_back_are_the_period_not_a_muscle(location):
    assert complaint_kind(case(location, present=["muscle_complaint", "period_pain"]), K) == "other"
    assert assess(case(location, present=["muscle_complaint", "period_pain"])).redirect


def test_a_calf_cramp_during_a_period_is_still_a_calf_cramp():
    assert complaint_kind(case("calf", present=["muscle_complaint", "period_pain"]), K) == "cramp"


def test_a_creaking_joint_is_not_a_muscle_complaint():
    assert complaint_kind(case("leg", present=["joint_problem"]), K) == "other"


@pytest.mark.parametrize("strain", ["exercise", "repetitive_work", "computer_work"])
def test_frequent_cramps_from_a_new_strain_are_self_care_until_two_weeks(strain):
    new = assess(
        case("hand", minutes=1, days=5, per_week=7, severity="mild", present=["muscle_complaint", strain])
    )
    old = assess(
        case("hand", minutes=1, days=21, per_week=7, severity="mild", present=["muscle_complaint", strain])
    )
    assert new.level == "self_care"
    assert old.level == "routine"
    assert "frequent_cramps" in {f.rule.id for f in old.fired}


def test_frequent_cramps_with_no_strain_to_explain_them_are_routine_at_once():
    a = assess(case("calf", minutes=1, days=5, per_week=7, severity="mild", present=["muscle_complaint"]))
    assert a.level == "routine"


def test_an_eyelid_cause_is_not_offered_for_a_foot_cramp():
    tired_foot = case(
        "foot", minutes=1, days=1, per_week=1, severity="mild", present=["muscle_complaint", "fatigue"]
    )
    tired_eye = case(
        "eyelid", minutes=1, days=1, per_week=1, severity="mild", present=["twitching", "fatigue"]
    )
    assert "eyelid_twitch" not in {c.id for c in assess(tired_foot).causes}
    assert "eyelid_twitch" in {c.id for c in assess(tired_eye).causes}


def test_a_question_whose_every_answer_gives_the_same_result_is_not_asked():
    # cramps every day for two months are "book an appointment" however bad they are
    settled = case("calf", days=60, per_week=7, present=["muscle_complaint"], absent=["numbness"])
    severity = K.question("severity")
    assert not could_change_result(settled, severity, K)
    assert severity not in open_questions(settled, K)


def test_a_question_that_can_change_the_result_is_asked():
    # one cramp today: a long one (over ten minutes) points to a nerve and is worth a doctor
    once = case("calf", days=0.5, per_week=0.25, present=["muscle_complaint"])
    assert could_change_result(once, K.question("duration"), K)
    assert K.question("duration") in open_questions(once, K)


def test_a_reply_to_another_question_does_not_change_a_number_already_given():
    given = Case(location="calf", ongoing_days=5.0, per_week=1.0)
    # to the background question: "paracetamol most days" is how often they take it
    after = update_case(given, [Mention("frequency", 5.0)], asked="background", text="paracetamol most days")
    assert after.per_week == 1.0
    assert after.ongoing_days == 5.0


def test_the_question_that_asks_for_a_number_may_change_it():
    given = Case(location="calf", ongoing_days=5.0, per_week=1.0)
    after = update_case(given, [Mention("frequency", 7.0)], asked="frequency", text="every day actually")
    assert after.per_week == 7.0


def test_a_correction_changes_a_number_whatever_was_asked():
    given = Case(location="calf", ongoing_days=5.0, per_week=1.0)
    after = update_case(
        given,
        [Mention("frequency", 7.0)],
        intent="correct",
        asked="background",
        text="sorry, I meant every day",
    )
    assert after.per_week == 7.0


def test_a_second_reply_about_how_long_does_not_change_how_often_already_given():
    # "how long, and how often?" - "not sure, most days"; then "how long?" - "comes and goes"
    asked_both = update_case(
        Case(location="thigh"),
        [Mention("frequency", 5.0)],
        asked="duration",
        text="not sure, on and off, most days",
    )
    assert asked_both.per_week == 5.0
    assert asked_both.episode_minutes == "unknown", "an unsure reply to both parts is not asked again"
    again = update_case(
        Case(location="thigh", per_week=5.0),
        [Mention("frequency", 0.5)],
        asked="duration",
        text="it comes and goes",
    )
    assert again.per_week == 5.0
    assert again.episode_minutes == "unknown"


def test_an_urgent_sign_waits_for_the_warning_signs_that_could_make_it_an_emergency():
    pain_down_legs = case("back", days=3, present=["muscle_complaint", "radiating_pain"])
    assert alerts(pain_down_legs) == ()
    assert [q.id for q in open_questions(pain_down_legs)] == ["accompanying_symptoms"]
    asked = replace(pain_down_legs, answered=frozenset({"accompanying_symptoms"}))
    assert alerts(asked) == ("nerve_irritation",)
    wet_himself = replace(asked, findings={**asked.findings, "bladder_problems": Status.PRESENT})
    assert assess(wet_himself).level == "emergency"


def test_a_neck_cricked_in_the_night_that_aches_all_day_is_not_a_long_spasm():
    cricked = case(
        "neck", minutes=1440, days=0.5, per_week=0.1, present=["muscle_complaint", "awkward_sleep"]
    )
    assert assess(cricked).level == "self_care"
    assert (
        assess(case("neck", minutes=30, days=0.5, per_week=0.1, present=["muscle_complaint"])).level
        == "routine"
    )


def test_scant_urine_after_a_hot_marathon_is_an_emergency_but_not_on_its_own():
    assert (
        assess(case("thigh", present=["muscle_complaint", "little_urine", "exercise"])).level == "emergency"
    )
    assert (
        "muscle_breakdown"
        not in assess(case("thigh", present=["muscle_complaint", "little_urine"])).red_flags
    )


def test_a_cricked_neck_there_all_day_since_yesterday_is_not_frequent_cramps():
    cricked = case(
        "neck", days=1, per_week=7, present=["muscle_complaint", "awkward_sleep"], absent=["numbness"]
    )
    assert "frequent_cramps" not in {f.rule.id for f in assess(cricked).fired}


def test_an_ordinary_twitch_is_not_called_a_cramp():
    thumb = case("hand", minutes=0.1, days=3, per_week=35, present=["twitching", "caffeine"])
    calf = case("calf", minutes=1, days=1, per_week=0.1, present=["muscle_complaint"])
    assert "ordinary twitch" in triage_payload(thumb, assess(thumb))["headline"]
    assert "ordinary cramp" in triage_payload(calf, assess(calf))["headline"]
