"""Families of misses read from blind set K (issue 13, eighth round; scored once sealed first)."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.numbers import find_quantities
from bot.triage.engine import assess
from harness.cases import case_after, roles


# ------------------------------------------------------------------ a tooth is not a muscle
@pytest.mark.parametrize(
    "text",
    [
        "tooth at the back been killing me 2 days cant chew on that side no swelling in my face tho",
        "my back teeth are throbbing since last night",
        "molar at the bottom is agony when I bite",
        "my back teeth r killin me when i chew",
    ],
)
def test_toothache_is_redirected_and_not_read_as_the_back(text):
    case = case_after(text)
    assert case.location != "back", extract(text)
    assert assess(case).redirect, extract(text)


def test_a_back_spasm_is_still_the_back():
    assert case_after("my lower back has gone into spasm").location == "back"


# ------------------------------------------------------------------ driving words are not eyesight
@pytest.mark.parametrize(
    "text",
    [
        "I can barely turn my head to check my blind spot",
        "cant turn my neck to see the blind spot when reversing",
    ],
)
def test_checking_a_blind_spot_is_not_an_eyesight_problem(text):
    assert "present" not in roles(text, "vision_problems"), extract(text)


@pytest.mark.parametrize("text", ["my vision went blurry", "I've got a blind spot in my left eye"])
def test_eyesight_trouble_is_still_read(text):
    assert "present" in roles(text, "vision_problems"), extract(text)


def test_a_stiff_neck_on_waking_names_the_neck():
    assert case_after("woke up with a stiff neck, must have slept on it wrong").location == "neck"


# ------------------------------------------------------------------ asking why Charley asks
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("why do you need to know about fever for a stiff neck?", "fever"),
        ("why do you need to know about fever for a stiff neck?", "stiff_neck"),
        ("why do you ask about numbness", "numbness"),
        ("y do u wanna know about swelling", "swelling"),
        ("why are you asking about my bladder control?", "bladder_problems"),
    ],
)
def test_a_sign_named_in_why_do_you_ask_is_not_present(text, value):
    assert "present" not in roles(text, value), extract(text)


def test_why_do_you_ask_does_not_raise_the_alarm_in_a_neck_spasm():
    first = case_after("woke up with a stiff neck, slept on it wrong. no temperature, no headache")
    after = case_after(
        "why do you need to know about fever for a stiff neck?", before=first, intent="why_ask"
    )
    assert assess(after).level != "emergency"


@pytest.mark.parametrize("text", ["why do my legs go numb at night", "why is my calf swollen"])
def test_a_why_question_about_their_own_sign_keeps_it(text):
    value = "numbness" if "numb" in text else "swelling"
    assert "present" in roles(text, value), extract(text)


# ------------------------------------------------------------------ what a medicine is for, told with when
@pytest.mark.parametrize(
    "text",
    [
        "The doctor put her on a water tablet a month ago for swollen ankles and since then she gets cramps",
        "started water pills in march for my swollen legs",
        "on a water tablet two weeks ago for swolen ankles",
    ],
)
def test_what_a_medicine_was_started_for_is_not_a_new_sign(text):
    assert "present" not in roles(text, "swelling"), extract(text)
    assert "present" in roles(text, "diuretic"), extract(text)


def test_a_medicine_for_swollen_ankles_with_night_cramps_is_not_a_clot():
    text = (
        "Asking for my mum, she's 80. The doctor put her on a water tablet a month ago for swollen ankles "
        "and since then she gets cramps in her hands and calves most nights."
    )
    assert assess(case_after(text)).level == "routine"


@pytest.mark.parametrize(
    "text",
    [
        "I started water tablets a month ago and now my calf is swollen",
        "on water pills, calf swollen and red",
    ],
)
def test_a_swelling_told_apart_from_the_medicine_is_present(text):
    assert "present" in roles(text, "swelling"), extract(text)


# ------------------------------------------------------------------ "2 time in month"
@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("2 time in month", 0.5),
        ("Is happen maybe 2 time this month.", 0.5),
        ("3 time a week", 3.0),
        ("4 time in week", 4.0),
    ],
)
def test_a_count_without_the_plural(text, per_week):
    found = [q.value for q in find_quantities(text) if q.entity == "frequency"]
    assert found == [pytest.approx(per_week)], found


@pytest.mark.parametrize("text", ["a few minutes at a time", "one at a time a day", "first time in a month"])
def test_a_time_that_is_not_a_count(text):
    assert not [q for q in find_quantities(text) if q.entity == "frequency" and q.value not in (0.1,)], text


# ------------------------------------------------------------------ since something happened last week
@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("since I started the new job last week", 7.0),
        ("since last wk", 7.0),
        ("since he fell off his bike last week his back spasms", 7.0),
        ("since I started the water pills last month my calves cramp", 30.0),
    ],
)
def test_since_an_event_last_week_or_month(text, days):
    assert case_after(text).ongoing_days == days, extract(text)


def test_the_medicine_in_a_since_clause_is_still_read():
    assert "present" in roles("since I started the water pills last month my calves cramp", "diuretic")


# ------------------------------------------------------------------ a day named beside a span
def test_a_day_that_dates_one_event_does_not_shorten_the_span():
    text = (
        "I've got diabetes and for the past week my hands keep cramping, and now my fingers are going numb, "
        "I struggled with a bottle top yesterday"
    )
    assert case_after(text).ongoing_days == 7.0


def test_a_new_spell_since_yesterday_after_years_of_spasms_is_since_yesterday():
    text = "I've had back spasms on and off for years but this time its different, since yesterday my foot slaps down"
    assert case_after(text).ongoing_days == 1.0


def test_a_day_named_alone_is_still_how_long():
    assert case_after("my calf cramped last night").ongoing_days == 1.0


# ------------------------------------------------------------------ "my hamstring went"
@pytest.mark.parametrize("text", ["my hamstring went", "his back's gone again", "my hammy has gone"])
def test_a_muscle_that_went_is_the_complaint(text):
    assert "present" in roles(text, "muscle_complaint"), extract(text)


def test_a_limp_after_a_muscle_that_went_is_asked_about_not_taken_as_the_red_flag():
    text = "played 5 a side last night and my hamstring went and I had to hobble off"
    assert roles(text, "walking_difficulty") == {"uncertain"}, extract(text)


@pytest.mark.parametrize("text", ["I went back to bed", "the pain has gone now"])
def test_going_back_or_gone_alone_is_not_a_cramp(text):
    assert "present" not in roles(text, "muscle_complaint"), extract(text)


# ------------------------------------------------------------------ a background reply unsure of names
@pytest.mark.parametrize(
    "text",
    [
        "tablets for my blood pressure and arthritis, not sure of the names",
        "some pills for my heart, dont know what they're called",
    ],
)
def test_a_background_reply_unsure_of_the_names_answers_it(text):
    assert "background" in case_after(text, asked="background", intent="inform").answered


def test_a_bare_not_sure_to_the_background_question_is_dont_know_not_a_medicine():
    case = case_after("not sure", asked="background", intent="dont_know")
    assert "background" in case.answered
    assert not [c for c, s in case.findings.items() if s.value == "present"]


# ------------------------------------------------------------------ a medicine beside a new strain
def test_a_back_spasm_the_morning_after_digging_is_not_blamed_on_a_statin():
    first = case_after(
        "I'm 70 and spent all yesterday digging the veg patch. This morning my lower back keeps going into spasm "
        "when I bend. No pain down my legs, no numbness, waterworks normal, I'm walking about fine."
    )
    after = case_after("I take a statin for cholesterol", asked="background", before=first, intent="inform")
    result = assess(after)
    assert result.level == "self_care"
    assert "medication_side_effect" in {c.id for c in result.causes}


@pytest.mark.parametrize(
    "text",
    [
        "my calves cramp most nights since I started a statin",
        "cramps in my legs for 3 weeks, I run a lot and take a statin",
        "back spasms since I went on water pills",
    ],
)
def test_a_medicine_with_cramps_that_go_on_or_have_no_other_cause_is_routine(text):
    assert assess(case_after(text)).level == "routine", extract(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("why do you ask about numbness? my leg is numb", "numbness"),
        ("why do you need to know, my legs are numb and weak", "weakness"),
        ("why do you ask, I cant pee", "bladder_problems"),
    ],
)
def test_a_sign_told_after_why_do_you_ask_is_still_present(text, value):
    assert "present" in roles(text, value), extract(text)
