"""Families of misses read from blind set L (issue 13, ninth round; scored once sealed first, on
the commit that fixed set K's families)."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.numbers import find_quantities
from bot.triage.case import Case, Status
from bot.triage.engine import assess
from harness.cases import case_after, roles


def _frequencies(text: str) -> list[float]:
    return [q.value for q in find_quantities(text) if q.entity == "frequency"]


# ------------------------------------------------------------------ stroke signs in plain words
@pytest.mark.parametrize(
    "text",
    [
        "his face one side is going down",
        "her mouth has gone down on one side",
        "he speak strange words",
        "she's saying weird things",
        "talking wrong",
        "his words are coming out jumbled",
        "my dads face went down on the left",
    ],
)
def test_stroke_signs_in_everyday_and_learners_words(text):
    assert "present" in roles(text, "stroke_signs"), extract(text)


@pytest.mark.parametrize(
    "text", ["his face isn't drooping and he's talking fine", "no problem with her speech"]
)
def test_stroke_signs_denied_are_not_there(text):
    assert "present" not in roles(text, "stroke_signs"), extract(text)


def test_an_arm_cramp_with_a_falling_face_and_strange_words_is_an_emergency():
    text = (
        "Please help, my father 70 years, his right arm doing like cramp, he cannot lift it up, and his face "
        "one side is going down, he speak strange words. Start maybe 30 minute before."
    )
    assert assess(case_after(text)).level == "emergency"


# ------------------------------------------------------------------ an age said without "old"
@pytest.mark.parametrize(
    "text", ["my father 70 years, his arm cramps", "my mum, 82 years, gets cramps", "she is 90 yrs."]
)
def test_someones_age_without_old_is_not_how_long_it_has_gone_on(text):
    assert case_after(text).ongoing_days is None, extract(text)


@pytest.mark.parametrize(
    ("text", "days"), [("cramps for 2 years", 730.0), ("my dad has had cramps for 3 years", 1095.0)]
)
def test_years_of_cramps_are_still_how_long(text, days):
    assert case_after(text).ongoing_days == days, extract(text)


# ------------------------------------------------------------------ an arm that cannot be lifted
@pytest.mark.parametrize("text", ["his right arm cramped and he cannot lift it up", "cant raise it at all"])
def test_a_limb_that_cannot_be_lifted_is_weak(text):
    assert "present" in roles(text, "weakness"), extract(text)


@pytest.mark.parametrize("text", ["can't lift it, too heavy", "I can't lift the box"])
def test_a_load_too_heavy_to_lift_is_not_weakness(text):
    assert "present" not in roles(text, "weakness"), extract(text)


# ------------------------------------------------------------------ soiling they did not feel
@pytest.mark.parametrize(
    "text",
    [
        "i had an accident earlier, didnt even feel it coming, just noticed my pants were dirty",
        "the accident thing, i didnt feel myself go",
        "his underwear was soiled and he never felt it",
        "she didn't make it to the toilet and didn't feel it happen",
    ],
)
def test_soiling_without_feeling_it_is_lost_bowel_control(text):
    assert "present" in roles(text, "bowel_problems"), extract(text)


@pytest.mark.parametrize("text", ["I had a car accident last year", "no accidents, bowels fine"])
def test_other_accidents_are_not_bowel_trouble(text):
    assert "present" not in roles(text, "bowel_problems"), extract(text)


def test_a_back_spasm_with_soiling_told_later_is_an_emergency():
    first = case_after("back went into spasm bending over to tie my shoe, hurts like hell rn")
    later = case_after(
        "also kinda embarrassing but i had an accident earlier, didnt even feel it coming, "
        "just noticed my pants were dirty",
        asked="duration",
        before=case_after("lower back", asked="body_location", before=first, intent="inform"),
        intent="inform",
    )
    assert assess(later).level == "emergency"


# ------------------------------------------------------------------ a medicine they ask about
@pytest.mark.parametrize(
    "text",
    [
        "is it ok to take paracetamol for the soreness afterwards?",
        "Is it ok to give him children's ibuprofen when it happens?",
        "can I take ibuprofen?",
        "should i still take my statin",
    ],
)
def test_a_medicine_asked_about_is_not_one_they_take(text):
    found = {m.value for m in extract(text) if m.role == "present"}
    assert not found & {"other_medicine", "statin"}, extract(text)


@pytest.mark.parametrize("text", ["I take paracetamol", "yes I take a statin"])
def test_a_medicine_they_take_is_still_read(text):
    found = {m.value for m in extract(text) if m.role == "present"}
    assert found & {"other_medicine", "statin"}, extract(text)


# ------------------------------------------------------------------ amounts and trends are not how often
@pytest.mark.parametrize(
    "text",
    ["it's loosening up a bit more each day", "getting better every day", "loads of dribble", "lots of pain"],
)
def test_a_trend_or_an_amount_is_not_how_often(text):
    assert _frequencies(text) == [], text


@pytest.mark.parametrize(
    ("text", "per_week"),
    [("every day", 7.0), ("loads", 3.0), ("it gets worse every day and comes every day", 7.0)],
)
def test_how_often_is_still_read(text, per_week):
    assert per_week in _frequencies(text), text


# ------------------------------------------------------------------ a score beside a day's name
@pytest.mark.parametrize("text", ["was 7 Monday, about 3 today", "8 on sunday, 4 now"])
def test_a_score_beside_a_days_name_answers_how_bad(text):
    assert case_after(text, asked="severity", intent="inform").severity == "severe"


def test_a_number_of_days_is_not_a_score():
    assert case_after("7 days", asked="severity", intent="inform").severity is None


# ------------------------------------------------------------------ a teething baby
def test_a_teething_baby_is_not_a_muscle_problem():
    text = (
        "My 9 month old is so grizzly, gnawing on everything, loads of dribble and her cheeks are bright red. "
        "I can see two little bumps on her bottom gum. No temperature, feeding fine, plenty of wet nappies."
    )
    result = assess(case_after(text))
    assert result.redirect and result.level not in ("emergency", "urgent"), extract(text)


@pytest.mark.parametrize("text", ["he's teething", "she's cutting a tooth", "her teeth are coming through"])
def test_teething_in_other_words(text):
    assert "present" in roles(text, "tooth_problem"), extract(text)


# ------------------------------------------------------------------ a twitching thumb told at length
def test_a_thumb_of_the_right_hand_jumping_is_a_twitch_in_the_hand():
    case = case_after("My thumb of right hand is jumping little bit, no pain, since 4 days.")
    assert case.location == "hand" and case.status("twitching") is Status.PRESENT


def test_a_thumb_muscle_that_keeps_jumping_is_a_twitch_not_a_cramp():
    text = "my thumb muscle keeps jumping, like a little flutter under the skin"
    assert "present" not in roles(text, "muscle_complaint"), extract(text)


@pytest.mark.parametrize("text", ["spent all sunday pulling weeds", "weeding and mulching", "mowed the lawn"])
def test_garden_work_is_an_obvious_cause(text):
    assert "present" in roles(text, "repetitive_work"), extract(text)


# ------------------------------------------------------------------ "nothing, just ..." to a list
def test_nothing_just_something_off_the_list_answers_the_background_question():
    case = case_after("nothing, just monster energy lol", asked="background", intent="inform")
    assert "background" in case.answered
    assert not {c for c, s in case.findings.items() if s is Status.PRESENT} - {"caffeine"}


def test_nothing_now_with_a_past_sign_answers_the_warning_signs():
    case = case_after(
        "nothing now, the numbness was only from sitting on it and went in 2 mins",
        asked="accompanying_symptoms",
        before=Case(location="foot"),
        intent="inform",
    )
    assert "accompanying_symptoms" in case.answered
    assert case.status("numbness") is not Status.PRESENT
    assert case.status("swelling") is Status.ABSENT


def test_nothing_only_with_a_sign_in_other_words_does_not_clear_the_list():
    case = case_after(
        "nothing, only a bit odd when I stand", asked="accompanying_symptoms", before=Case(location="calf")
    )
    assert case.status("weakness") is not Status.ABSENT


# ------------------------------------------------------------------ cramps in the first days
def test_two_sharp_night_cramps_this_week_in_pregnancy_are_looked_after_at_home():
    first = case_after(
        "I'm 28 weeks pregnant and twice this week I've been woken by a cramp in my calf. It eased when I "
        "pulled my toes up towards me. No swelling, both legs look the same."
    )
    since = case_after("this week", asked="ongoing_days", before=first, intent="inform")
    after = case_after("sharp, 7, then gone", asked="severity", before=since, intent="inform")
    assert assess(after).level == "self_care"


def test_a_childs_cramps_after_football_twice_a_month_are_not_blamed_on_a_reliever_inhaler():
    first = case_after(
        "My son is 8 and twice this month he's woken up crying with a cramp in his foot after football "
        "practice. It goes once I rub it for a minute or two."
    )
    after = case_after(
        "he has a blue inhaler for asthma, hardly uses it", asked="background", before=first, intent="inform"
    )
    assert assess(after).level == "self_care"


# ------------------------------------------------------------------ "none, lots of gym"
@pytest.mark.parametrize(
    ("text", "value"),
    [("none, lots of gym and preworkout", "exercise"), ("nothing. my calf is swollen", "swelling")],
)
def test_a_none_on_its_own_does_not_deny_what_follows_the_comma(text, value):
    assert "present" in roles(text, value), extract(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("nothing like swelling or numbness", "numbness"), ("none of those, no numbness", "numbness")],
)
def test_a_none_that_names_what_it_denies_still_denies_it(text, value):
    assert "present" not in roles(text, value), extract(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("none, just numb", "numbness"),
        ("nothing, but my leg is numb", "numbness"),
        ("none - cant pee", "bladder_problems"),
    ],
)
def test_a_warning_sign_after_a_none_and_a_comma_is_present(text, value):
    assert "present" in roles(text, value), extract(text)
