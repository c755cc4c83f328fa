"""Families of misses read from blind set H (issue 13, fifth round; scored once sealed first)."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from harness.cases import roles as _roles


@pytest.mark.parametrize(
    "text",
    [
        "when i pee it burn and i go toilet many many times today",
        "it stings when he wees",
        "I go toilet many times",
    ],
)
def test_a_urine_complaint_in_plain_or_non_native_words(text):
    assert "present" in _roles(text, "urinary_symptoms"), extract(text)


@pytest.mark.parametrize("text", ["I had water on the run", "cramped during my long run", "after a run"])
def test_a_run_is_not_the_runs(text):
    assert not _roles(text, "diarrhoea"), extract(text)


def test_the_runs_is_still_diarrhoea():
    assert "present" in _roles("I have had the runs since yesterday", "diarrhoea")


@pytest.mark.parametrize(
    ("text", "value"),
    [("only ever on really long runs", "unknown"), ("3 times total", 0.5), ("just 2 times in total", 0.5)],
)
def test_how_often_tied_to_an_activity_or_counted_in_total(text, value):
    assert value in [m.value for m in extract(text) if m.entity == "frequency"], extract(text)


@pytest.mark.parametrize("text", ["whey protein only", "just protein shakes"])
def test_protein_is_a_supplement_named_to_the_background_question(text):
    assert "present" in _roles(text, "other_medicine"), extract(text)


@pytest.mark.parametrize("text", ["none, dad had ALS", "no, dad had ALS", "nothing, mum had MS"])
def test_a_relatives_condition_after_a_no_is_family_history(text):
    roles = {m.role for m in extract(text) if m.entity == "finding"}
    assert roles == {"family"}, extract(text)


def test_ones_own_condition_after_a_no_is_still_present():
    assert "present" in _roles("no meds, I have diabetes", "diabetes")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("more like 25 minutes before it let go", 25.0), ("10 minutes before it eased", 10.0)],
)
def test_minutes_before_it_let_go_is_how_long_it_lasted(text, minutes):
    assert [m.value for m in extract(text) if m.entity == "episode_duration"] == [minutes]


@pytest.mark.parametrize("text", ["ran out of water an hour before", "30 minutes before bed it cramps"])
def test_minutes_before_something_else_are_not_how_long_it_lasted(text):
    assert not [m for m in extract(text) if m.entity == "episode_duration"]
