"""Families of misses read from blind set G (issue 13, fourth round; scored once sealed first):
danger signs in a carer's or an athlete's words, a limp that is the cramp's, and short answers.
Each family has paraphrases, typos and negations of its own."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from harness.cases import roles as _roles


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("he's just wet himself and didn't realise", "bladder_problems"),
        ("mum keeps wetting herself since the fall", "bladder_problems"),
        ("dad has soiled himself twice today", "bowel_problems"),
        ("he says he can't feel his bum when he wipes", "saddle_numbness"),
        ("she cant feel her bottom", "saddle_numbness"),
        ("I can't feel anything when I wipe", "saddle_numbness"),
    ],
)
def test_a_carer_names_bladder_bowel_or_saddle_signs_of_someone_else(text, value):
    assert "present" in _roles(text, value), extract(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("he hasn't wet himself", "bladder_problems"),
        ("no, she has not soiled herself", "bowel_problems"),
    ],
)
def test_a_denied_carer_sign_is_denied(text, value):
    assert _roles(text, value) == {"negated"}, extract(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ive hardly peed since the marathon, when i did it was like coke", "dark_urine"),
        ("barely weeing and its the colour of tea", "dark_urine"),
        ("my pee looks like cola", "dark_urine"),
        ("ive hardly peed all day after the race", "little_urine"),
        ("passing much less urine than usual", "little_urine"),
        ("hardly any wee since the match", "little_urine"),
    ],
)
def test_dark_or_scant_urine_in_everyday_likenesses(text, value):
    assert "present" in _roles(text, value), extract(text)


def test_tea_that_is_drunk_is_not_urine():
    assert not _roles("I drank tea like water after the run", "dark_urine")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sweaty and a bit sick, chest feels tight", "chest_pain"),
        ("sweaty and a bit sick, chest feels tight", "cold_sweat"),
        ("feel sick and sweaty", "cold_sweat"),
        ("the ache has moved into my chest and jaw now", "chest_pain_spreading"),
        ("pain spread to his chest and left arm", "chest_pain_spreading"),
        ("my chest is heavy", "chest_pain"),
    ],
)
def test_heart_attack_signs_as_people_feel_them(text, value):
    assert "present" in _roles(text, value), extract(text)


@pytest.mark.parametrize("text", ["my chest doesn't feel tight", "no chest pain, not sweaty or sick"])
def test_a_chest_that_does_not_feel_tight_is_not_a_sign(text):
    assert "present" not in _roles(text, "chest_pain") | _roles(text, "cold_sweat"), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "my calf seized up on my run, had to stop and stretch it and hobble home",
        "cramp in my hamstring, limped off the pitch",
    ],
)
def test_a_limp_told_with_the_cramp_is_asked_about_not_taken_as_the_red_flag(text):
    assert _roles(text, "walking_difficulty") == {"uncertain"}, extract(text)


def test_a_limp_on_its_own_is_a_walking_problem():
    assert _roles("he has been limping since yesterday and his back hurts", "walking_difficulty") == {
        "present"
    }


@pytest.mark.parametrize(
    "text",
    [
        "toes went a bit numb in my shoes but that was fine once i took them off",
        "my hand was numb, fine as soon as I shook it",
    ],
)
def test_numbness_that_went_once_the_cause_was_removed_is_past(text):
    assert "present" not in _roles(text, "numbness"), extract(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("seconds, every day, mostly when resting", 0.1), ("minutes each time", 3.0), ("seconds", 0.1)],
)
def test_a_bare_unit_at_the_head_of_an_answer_is_how_long_one_lasts(text, minutes):
    assert [m.value for m in extract(text) if m.entity == "episode_duration"] == [minutes]


def test_a_unit_that_is_not_how_long_one_lasts_is_not_taken():
    assert not [m for m in extract("seconds later it came back") if m.entity == "episode_duration"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my thumb is jumping by itself, small moves under the skin", "hand"),
        ("my eyelid is jumping", "eyelid"),
        ("I can see ripples under the skin of my calf", "calf"),
    ],
)
def test_a_twitch_told_as_jumping_or_moving_under_the_skin_keeps_its_place(text, place):
    assert "present" in _roles(text, "twitching"), extract(text)
    assert place in [m.value for m in extract(text) if m.entity == "body_location"]


@pytest.mark.parametrize(
    "text", ["I think I sleep in wrong position on the sofa", "slept on the couch", "bad sleeping position"]
)
def test_sleeping_awkwardly_in_plain_or_non_native_words(text):
    assert "present" in _roles(text, "awkward_sleep"), extract(text)


def test_numbness_that_went_as_soon_as_the_shoes_came_off_is_past():
    text = "none now, the toe numbness went as soon as the shoes came off"
    assert "present" not in _roles(text, "numbness"), extract(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("first in years", "frequency", 0.1),
        ("the first one in ages", "frequency", 0.1),
        ("Maybe 10 times in one day", "frequency", 70.0),
        ("Some seconds only, maybe 10 times in one day", "episode_duration", 0.1),
    ],
)
def test_short_everyday_answers_about_how_often_and_how_long(text, entity, value):
    assert value in [m.value for m in extract(text) if m.entity == entity], extract(text)


@pytest.mark.parametrize("text", ["creatine", "protein shakes and creatine", "a preworkout powder"])
def test_a_supplement_named_to_the_background_question_is_read(text):
    assert "present" in _roles(text, "other_medicine"), extract(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Started with twitching in my left calf around Easter", 90.0),
        ("from the summer on", 90.0),
    ],
)
def test_a_start_told_by_a_season_or_holiday_is_a_couple_of_months_at_least(text, days):
    assert days in [m.value for m in extract(text) if m.entity == "ongoing_duration"], extract(text)


@pytest.mark.parametrize("text", ["3 or 4 times near the end", "twice towards the end of the race"])
def test_a_burst_at_the_end_of_one_outing_is_occasional(text):
    assert [m.value for m in extract(text) if m.entity == "frequency"] == [0.5], extract(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("3 times in the last 4 miles", "frequency", 0.5),
        ("some seconds when she move", "episode_duration", 0.1),
    ],
)
def test_a_burst_over_a_distance_and_a_bare_unit_before_when(text, entity, value):
    assert value in [m.value for m in extract(text) if m.entity == entity], extract(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("3 or 4 times in the last 7km", "frequency", 0.5),
        ("Once, maybe a twinge later", "frequency", 0.1),
        ("twice in 4 swims", "frequency", 0.5),
        ("3 long ones in 5 days", "frequency", 4.2),
        ("3 long ones in 5 days", "ongoing_duration", 5.0),
        ("this week", "ongoing_duration", 3.0),
        ("started earlier this month", "ongoing_duration", 14.0),
    ],
)
def test_counts_over_a_span_and_this_week_as_people_answer(text, entity, value):
    assert value in [m.value for m in extract(text) if m.entity == entity], extract(text)


def test_once_a_week_is_still_weekly():
    assert [m.value for m in extract("once a week") if m.entity == "frequency"] == [1.0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A couple of minutes, Once, maybe a twinge later", 0.1),
        ("a minute or two, twice so far", 0.5),
        ("3 times now", 0.5),
        ("once a week", 1.0),
    ],
)
def test_how_often_said_in_the_middle_of_an_answer_or_as_a_count_so_far(text, value):
    assert [m.value for m in extract(text) if m.entity == "frequency"] == [value], extract(text)


def test_constant_alone_is_still_how_long_one_lasts():
    assert [m.value for m in extract("constant") if m.entity == "episode_duration"] == [1440.0]
