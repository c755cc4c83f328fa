"""Families of misses read from blind set F (issue 13, third round), each with paraphrases, typos
and negations of its own, so a fix holds for the family and not for one sentence."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from harness.cases import roles as _roles
from harness.cases import values as _values


@pytest.mark.parametrize(
    "text",
    [
        # the colour and the cold far from the limb, or split by a comma
        "my hand cramped this morning and now it's gone all cold and pale",
        "the foot cramped badly an hour ago, now its freezing and kind of white",
        "his leg is numb and cold, looks grey",
        "my toes are going bluish",
        "her fingers look purple and cold after the spasm",
    ],
)
def test_a_limb_gone_cold_and_pale_is_an_emergency_sign_however_it_is_worded(text):
    assert "present" in _roles(text, "cold_pale_limb"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "my foot is not cold or pale, just crampy",
        "my calf cramps when it's cold outside and the skin looks pale",
        "cramps on cold mornings in my legs, I'm pale as anything in winter",
    ],
)
def test_weather_and_denials_are_not_a_cold_white_limb(text):
    assert "present" not in _roles(text, "cold_pale_limb"), extract(text)


@pytest.mark.parametrize(
    "text", ["just eye drops for glaucoma", "I use ear drops for wax", "nose drops only"]
)
def test_drops_are_a_medicine_not_a_drooping_face(text):
    assert not _roles(text, "stroke_signs")
    assert "present" in _roles(text, "other_medicine")


def test_a_face_that_drops_is_still_a_stroke_sign():
    assert "present" in _roles("her face drops on one side", "stroke_signs")


@pytest.mark.parametrize(
    "text",
    [
        "it stings when I pee and I'm running to the loo all the time",
        "burning when I make wee, and I go to the toilet very often",
        "peeing a lot and it burns, is it a bladder cramp?",
    ],
)
def test_burning_or_frequent_peeing_is_a_urinary_complaint_not_a_bladder_that_cannot_empty(text):
    assert "present" in _roles(text, "urinary_symptoms")
    assert "present" not in _roles(text, "bladder_problems")


@pytest.mark.parametrize("text", ["he can't pee and his back is in spasm", "bladder and numbness"])
def test_a_bladder_that_cannot_empty_is_still_read(text):
    assert "present" in _roles(text, "bladder_problems")


@pytest.mark.parametrize(
    "text",
    ["is that cramp", "is this muscle cramp?", "is it my back muscles", "my hips ache, is that a spasm?"],
)
def test_asking_whether_it_is_a_cramp_does_not_say_it_is(text):
    assert "present" not in _roles(text, "muscle_complaint"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it normal that my calf cramps every night",
        "is it bad, my calf cramps",
        "is it serious? my neck keeps spasming",
    ],
)
def test_a_question_about_a_cramp_they_describe_keeps_it(text):
    assert "present" in _roles(text, "muscle_complaint"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "my knees ache on the stairs and creak",
        "hips clicking and achy when I walk",
        "my knee gives way sometimes",
    ],
)
def test_an_aching_creaking_joint_is_a_complaint_of_its_own(text):
    assert "present" in _roles(text, "joint_problem")


@pytest.mark.parametrize(
    "text",
    [
        "my leg went numb from kneeling on it, then my calf cramped",
        "sat cross-legged for ages and my foot went numb, then it cramped",
        "my foot went to sleep and was numb for a bit, then a toe cramp",
        "it was numb yesterday for a bit but it's been fine since",
    ],
)
def test_numbness_from_how_someone_sat_or_that_has_passed_is_not_a_sign_now(text):
    assert "present" not in _roles(text, "numbness"), extract(text)
    assert "leg" not in _values(text, "body_location") or "leg went" in text


def test_numbness_with_a_cramp_still_counts():
    assert "present" in _roles("my leg went numb and my calf cramps", "numbness")


@pytest.mark.parametrize(
    ("text", "concept", "role"),
    [
        ("I can grip things fine", "grip_difficulty", "negated"),
        ("no, I can hold stuff when it isn't cramping", "grip_difficulty", "negated"),
        ("I can't hold things", "grip_difficulty", "present"),
        ("no, I can hold stuff when it isn't cramping", "muscle_complaint", "present"),
        ("no, he's walking and running normally", "exercise", "present"),
    ],
)
def test_being_able_to_do_something_is_not_a_sign_and_not_a_denial_of_the_rest(text, concept, role):
    assert role in _roles(text, concept), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "been doing 10 hour shifts at the warehouse",
        "I've been doing 12-hour days at the desk",
        "spent 5 hours in the garden on Saturday",
        "did 4 hours on the allotment",
    ],
)
def test_time_spent_working_is_not_how_long_a_spasm_lasts(text):
    assert _values(text, "episode_duration") == [], extract(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("the whole season", 90.0),
        ("ages, since before the holidays", 60.0),
        ("one week, since the new job", 7.0),
        ("a week now", 7.0),
    ],
)
def test_how_long_it_has_been_going_on_in_everyday_words(text, days):
    assert days in _values(text, "ongoing_duration"), extract(text)


def test_since_a_month_counts_from_that_month():
    (days,) = _values("since October", "ongoing_duration")
    assert 30 <= days <= 366


@pytest.mark.parametrize("text", ["most of the morning", "half the evening", "all of the afternoon"])
def test_part_of_a_day_is_a_long_episode(text):
    assert [v for v in _values(text, "episode_duration") if isinstance(v, float) and v > 10], extract(text)


@pytest.mark.parametrize(
    "text",
    ["twice during the game", "3 or 4 times in the last hour of the race", "a few times during my shift"],
)
def test_a_burst_during_one_activity_is_occasional(text):
    (per_week,) = _values(text, "frequency")
    assert per_week < 1


@pytest.mark.parametrize(
    "text",
    [
        "it catches when I twist, loads of times a day",
        "lots of times at work when I reach up",
        "whenever I bend over",
    ],
)
def test_a_spasm_set_off_by_a_movement_comes_as_often_as_the_movement(text):
    assert set(_values(text, "frequency")) == {"unknown"}, extract(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("one of those charley horses in my hamstring", "thigh"),
        ("charley horse in the foot last night", "foot"),
        ("charley horse last night", "calf"),
    ],
)
def test_a_charley_horse_is_where_the_person_says(text, place):
    assert _values(text, "body_location") == [place]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("had one of those cramp things in my foot", False),
        ("yes, one of those", True),
        ("some of those, and numb", True),
    ],
)
def test_one_of_those_answers_the_list_only_on_its_own(text, said):
    assert ("present" in _roles(text, "unspecified_symptom")) is said


@pytest.mark.parametrize(
    "text",
    [
        "my leg has been numb since yesterday, like when your foot goes to sleep but it doesn't wear off",
        "my foot is numb as if it went to sleep",
        "sat cross-legged and my foot went numb, it's still numb hours later",
    ],
)
def test_numbness_only_likened_to_sitting_on_it_or_that_has_not_worn_off_is_a_sign(text):
    assert "present" in _roles(text, "numbness"), extract(text)
