"""Number normalisation: durations, frequency, severity and age as the triage rules read them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlu import numbers
from bot.nlu.numbers import (
    age_years,
    episode_minutes,
    find_quantities,
    ongoing_days,
    parse_number,
    per_week,
    severity,
)

EPISODE_MINUTES = [
    ("A few seconds", 0.1),
    ("a few seconds", 0.1),
    ("it lasts about 15 minutes", 15),
    ("about fifteen minutes", 15),
    ("half an hour", 30),
    ("a minute or two", 1.5),
    ("More than 10 minutes", 11),
    ("longer than 10 minutes", 11),
    ("over ten minutes", 11),
    ("10+ minutes", 11),
    ("less than a minute", 0.5),
    ("under a minute", 0.5),
    ("A few minutes", 3),
    ("It doesn't let go", 1440),
    ("it won't let go", 1440),
    ("constant", 1440),
    ("it's there all the time", 1440),
    ("30 seconds", 0.5),
    ("30 secs", 0.5),
    ("5 to 10 minutes", 7.5),
    ("2-3 mins", 2.5),
    ("lasted 2 hours", 120),
    ("an hour and a half", 90),
    ("one and a half hours", 90),
    ("twenty-five minutes", 25),
    ("a few seconds to a minute", 0.55),
    ("a quarter of an hour", 15),
    ("my calf went rock hard for about half an hour", 30),
]


@pytest.mark.parametrize(("text", "expected"), EPISODE_MINUTES)
def test_episode_minutes(text: str, expected: float) -> None:
    assert episode_minutes(text) == pytest.approx(expected, abs=0.01)


ONGOING_DAYS = [
    ("for 3 days", 3),
    ("for three days", 3),
    ("since yesterday", 1),
    ("It started yesterday", 1),
    ("since last week", 7),
    ("a couple of weeks", 14),
    ("a fortnight", 14),
    ("for the past fortnight", 14),
    ("More than 2 weeks", 15),
    ("Months", 60),
    ("for months", 60),
    ("Started today", 0),
    ("this morning", 0),
    ("A few days", 3),
    ("About a week", 7),
    ("for the past 3 hours", 3 / 24),
    ("since 2 hours ago", 2 / 24),
    ("it started 3 hours ago", 3 / 24),
    ("2 weeks ago", 14),
    ("a couple of days ago", 2),
    ("it's been 10 days", 10),
    ("its been about 6 months", 180),
    ("for a year", 365),
    ("over a month", 31),
    ("less than a week", 3.5),
    ("since last month", 30),
    ("over the last month", 30),
    ("for weeks", 14),
    ("for years", 730),
]


@pytest.mark.parametrize(("text", "expected"), ONGOING_DAYS)
def test_ongoing_days(text: str, expected: float) -> None:
    assert ongoing_days(text) == pytest.approx(expected, abs=0.01)


PER_WEEK = [
    ("every night", 7),
    ("Every day or night", 7),
    ("daily", 7),
    ("nightly", 7),
    ("twice a week", 2),
    ("2-3 times a week", 2.5),
    ("two or three times a week", 2.5),
    ("several times a day", 21),
    ("A few times a week", 3),
    ("now and then", 0.5),
    ("Now and then", 0.5),
    ("occasionally", 0.5),
    ("every now and again", 0.5),
    ("just once", 0.1),
    ("Just once", 0.1),
    ("it's the first time", 0.1),
    ("once a month", 0.25),
    ("once a week", 1),
    ("once or twice a week", 1.5),
    ("3 nights a week", 3),
    ("every other day", 3.5),
    ("every few days", 7 / 3),
    ("most nights", 5),
    ("3 or 4 times a night", 24.5),
    ("3x/week", 3),
    ("rarely", 0.25),
]


@pytest.mark.parametrize(("text", "expected"), PER_WEEK)
def test_frequency_per_week(text: str, expected: float) -> None:
    assert per_week(text) == pytest.approx(expected, abs=0.01)


SEVERITY = [
    ("mild", "mild"),
    ("Mild", "mild"),
    ("slight", "mild"),
    ("a little painful", "mild"),
    ("hurts a bit", "mild"),
    ("not too bad", "mild"),
    ("not very painful", "mild"),
    ("moderate", "moderate"),
    ("quite painful", "moderate"),
    ("pretty sore", "moderate"),
    ("severe", "severe"),
    ("excruciating", "severe"),
    ("excrutiating", "severe"),
    ("unbearable", "severe"),
    ("it's agony", "severe"),
    ("very painful", "severe"),
    ("the worst pain of my life", "severe"),
    ("hurts like hell", "severe"),
    ("7/10", "severe"),
    ("7 out of 10", "severe"),
    ("seven out of ten", "severe"),
    ("10/10", "severe"),
    ("0/10", "mild"),
    ("3/10", "mild"),
    ("4/10", "moderate"),
    ("6 out of 10", "moderate"),
    ("8 or 9 out of 10", "severe"),
]


@pytest.mark.parametrize(("text", "expected"), SEVERITY)
def test_severity(text: str, expected: str) -> None:
    assert severity(text) == expected


AGE = [
    ("I'm 70", 70),
    ("I am 70.", 70),
    ("im 45 and fit", 45),
    ("70 years old", 70),
    ("a 47-year-old", 47),
    ("I'm a 47 year old man", 47),
    ("I'm seventy", 70),
    ("aged 62", 62),
    ("age: 58", 58),
    ("I'm 33yo", 33),
    ("in my sixties", 65),
    ("I'm in my 40s", 45),
]


@pytest.mark.parametrize(("text", "expected"), AGE)
def test_age(text: str, expected: float) -> None:
    assert age_years(text) == pytest.approx(expected)


NOT_A_NUMBER_WE_WANT = [
    ("my dad is 70 years old", "age"),
    ("I have a 3 year old", "age"),
    ("I'm 28 weeks pregnant", "age"),
    ("I'm 28 weeks pregnant", "ongoing_duration"),
    ("I'm 28 weeks along", "ongoing_duration"),
    ("I'm pregnant, 30 weeks", "ongoing_duration"),
    ("I'm 5 foot 6", "age"),
    ("I'm 100% sure", "age"),
    ("I drink 2 coffees a day", "ongoing_duration"),
    ("after walking for 10 minutes my calf cramps", "episode_duration"),
    ("a 10 minute walk", "episode_duration"),
    ("3 days a week", "ongoing_duration"),
    ("slightly swollen", "severity"),
    ("severe numbness", "severity"),
    ("I went to the doctor yesterday", "ongoing_duration"),
    ("I lost 10 pounds", "ongoing_duration"),
    ("it happens at 3am", "episode_duration"),
    ("I ran 5 miles", "episode_duration"),
    ("pain 7/10/2024", "severity"),
]


@pytest.mark.parametrize(("text", "entity"), NOT_A_NUMBER_WE_WANT)
def test_numbers_that_are_about_something_else(text: str, entity: str) -> None:
    assert entity not in {q.entity for q in find_quantities(text)}, find_quantities(text)


def test_hours_are_an_episode_unless_about_the_onset() -> None:
    assert episode_minutes("each cramp lasts 2 hours") == 120
    assert ongoing_days("each cramp lasts 2 hours") is None
    assert ongoing_days("for the past 3 hours") == pytest.approx(0.125)
    assert episode_minutes("for the past 3 hours") is None


def test_seconds_and_minutes_are_episodes_days_and_up_always_ongoing() -> None:
    assert episode_minutes("it lasted 10 minutes") == 10
    assert ongoing_days("lasts 3 days") == 3
    assert episode_minutes("lasts 3 days") is None


def test_minutes_ago_say_when_it_began_not_how_long_it_lasts() -> None:
    assert episode_minutes("started 10 minutes ago") is None
    assert ongoing_days("started 10 minutes ago") == 0
    assert episode_minutes("10 minutes ago my chest went into a cramp") is None


@pytest.mark.parametrize(
    "text",
    [
        "cramps after 2 hours weeding",
        "I do 12.5 hour shifts",
        "after 10 hours straight gaming",
        "3 hours of gardening",
    ],
)
def test_how_long_an_activity_went_on_is_not_an_episode(text: str) -> None:
    assert episode_minutes(text) is None


def test_every_half_hour_is_how_often() -> None:
    assert episode_minutes("every half hour or so") is None


def test_a_whole_message_with_everything() -> None:
    text = (
        "I've had cramps for 2 weeks, about 3 times a week, each lasting about 5 minutes. I'm 52, pain 6/10."
    )
    got = {q.entity: q.value for q in find_quantities(text)}
    assert got == {
        "ongoing_duration": 14,
        "frequency": 3,
        "episode_duration": 5,
        "age": 52,
        "severity": "moderate",
    }


def test_offsets_point_at_the_words() -> None:
    text = "It lasts about 15 minutes and happens twice a week."
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end].strip() == text[quantity.start : quantity.end]
        assert quantity.end > quantity.start
    assert {text[q.start : q.end] for q in find_quantities(text)} == {"about 15 minutes", "twice a week"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("a couple of", 2),
        ("a few", 3),
        ("an", 1),
        ("1.5", 1.5),
        ("seventeen", 17),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "banana", "twenty banana", "five twenty"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_empty_text() -> None:
    assert find_quantities("") == []
    for fn in (episode_minutes, ongoing_days, per_week, severity, age_years):
        assert fn("") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_values_are_sane(text: str) -> None:
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        if quantity.entity == numbers.SEVERITY:
            assert quantity.value in {"mild", "moderate", "severe"}
        else:
            assert isinstance(quantity.value, float)
            assert math.isfinite(quantity.value) and quantity.value >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pain's about an 8", "severe"),
        ("it's not that bad, maybe a 3", "mild"),
        ("I'd give it a 7", "severe"),
        ("it's like a 5", "moderate"),
    ],
)
def test_scores_without_out_of_ten(text: str, expected: str) -> None:
    assert expected in {q.value for q in find_quantities(text) if q.entity == "severity"}


def test_not_every_night_is_not_nightly() -> None:
    assert per_week("it's not every night, maybe twice a week") == 2


def test_days_since_a_weekday_count_from_the_today_the_person_names() -> None:
    assert ongoing_days("it started Saturday. It's now Wednesday and still painful") == 4


@pytest.mark.parametrize("text", ["since about 5pm today", "it started about teatime", "since 9am"])
def test_a_time_of_day_onset_means_it_began_today(text: str) -> None:
    assert ongoing_days(text) == 0
