"""Bare answers to Charley's questions that used to yield nothing (so the slot stayed empty and the
intent classifier saw no clinical cue), and ordinary words that must not become findings."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract
from bot.nlu.numbers import age_years, episode_minutes, ongoing_days, per_week, severity
from bot.triage.case import Case, Mention, Status, is_answered, update_case
from bot.triage.knowledge import load_knowledge


def _values(text: str, entity: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mention in extract(text):
        if mention.entity == entity:
            found.setdefault(str(mention.value), set()).add(str(mention.role))
    return found


# (text, entity, value, role): medicines and conditions the knowledge has no rule for are kept as
# the generic other_medicine / other_condition, so the background question counts as answered.
FINDINGS = [
    ("ramipril", "finding", "other_medicine", "present"),
    ("I take ramipril and amlodipine", "finding", "other_medicine", "present"),
    ("HRT", "finding", "other_medicine", "present"),
    ("I'm on hrt", "finding", "other_medicine", "present"),
    ("ibuprofen", "finding", "other_medicine", "present"),
    ("co-codamol", "finding", "other_medicine", "present"),
    ("I'm on the pill", "finding", "other_medicine", "present"),
    ("blood pressure tablets", "finding", "other_medicine", "present"),
    ("pills for my blood pressure", "finding", "other_medicine", "present"),
    ("I don't take painkillers", "finding", "other_medicine", "negated"),
    ("no, I'm not on any antidepressants", "finding", "other_medicine", "negated"),
    ("I have asthma", "finding", "other_condition", "present"),
    ("asthmatic", "finding", "other_condition", "present"),
    ("I don't have asthma", "finding", "other_condition", "negated"),
    ("high blood pressure", "finding", "other_condition", "present"),
    ("hypertension", "finding", "other_condition", "present"),
    ("fibromyalgia", "finding", "other_condition", "present"),
    ("my mum has arthritis", "finding", "other_condition", "family"),
    # The specific concept still wins over the generic one.
    ("my blue inhaler", "finding", "asthma_medicine", "present"),
    ("asthma inhaler", "finding", "asthma_medicine", "present"),
    ("rheumatoid arthritis", "finding", "autoimmune_disease", "present"),
    ("gliclazide", "finding", "diabetes", "present"),
    ("another regular medicine", "finding", "other_medicine", "present"),
    ("another long-term condition", "finding", "other_condition", "present"),
    # Grip: whatever is dropped, named or not.
    ("I keep dropping things", "finding", "grip_difficulty", "present"),
    ("keeps dropping my cup", "finding", "grip_difficulty", "present"),
    ("I keep dropping my coffee", "finding", "grip_difficulty", "present"),
    ("my hand is weak and keeps dropping", "finding", "grip_difficulty", "present"),
    ("I don't keep dropping things", "finding", "grip_difficulty", "negated"),
    ("my grip has gone", "finding", "grip_difficulty", "present"),
    ("can't do up my buttons", "finding", "grip_difficulty", "present"),
    # Locations.
    ("calve", "body_location", "calf", "present"),
    ("my lowerback", "body_location", "back", "present"),
    ("hammy", "body_location", "thigh", "present"),
    ("bum", "body_location", "leg", "present"),
]


@pytest.mark.parametrize(("text", "entity", "value", "role"), FINDINGS)
def test_found(text: str, entity: str, value: str, role: str) -> None:
    assert _values(text, entity).get(value) == {role}, extract(text)


NOT_FOUND = [
    ("my wifi keeps dropping out", "finding", "grip_difficulty"),
    ("the signal keeps dropping", "finding", "grip_difficulty"),
    ("my calls keep dropping off", "finding", "grip_difficulty"),
    ("I need the morning after pill", "finding", "other_medicine"),
    ("je suis fatigué", "finding", "fatigue"),  # French, not a typo of "fatigue"
    ("ich bin müde", "finding", "fatigue"),
]


@pytest.mark.parametrize(("text", "entity", "value"), NOT_FOUND)
def test_not_found(text: str, entity: str, value: str) -> None:
    assert value not in _values(text, entity), extract(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("sometimes", 0.5), ("it happens sometimes", 0.5), ("at times", 0.5), ("twice", 0.5), ("just twice", 0.5),
     ("three times so far", 0.5), ("once in a blue moon", 0.25), ("twice a week", 2.0)],
)  # fmt: skip
def test_bare_frequency(text: str, expected: float) -> None:
    assert per_week(text) == expected


def test_twice_inside_a_sentence_is_not_a_frequency() -> None:
    assert per_week("I woke up twice last night") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("sore", "mild"), ("just sore", "mild"), ("achy", "mild"), ("an ache", "mild"), ("ok-ish", "mild"),
     ("okayish", "mild"), ("mildish", "mild"), ("it's annoying", "mild"), ("bad", "moderate"),
     ("really sore", "severe"), ("very bad", "severe"), ("not bad", "mild")],
)  # fmt: skip
def test_bare_severity(text: str, expected: str) -> None:
    assert severity(text) == expected


@pytest.mark.parametrize(
    "text", ["my calf is sore", "sore throat", "bad cramps in my calf", "the weather is bad"]
)
def test_sore_or_bad_in_a_sentence_does_not_grade_the_spasm(text: str) -> None:
    assert severity(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ages", 60.0), ("for ages now", 60.0), ("a long time", 60.0), ("a while", 7.0), ("quite a while now", 7.0),
     ("I've had them for a while now", 7.0), ("since I was a kid", 730.0), ("since childhood", 730.0)],
)  # fmt: skip
def test_vague_ongoing(text: str, expected: float) -> None:
    assert ongoing_days(text) == expected


@pytest.mark.parametrize("text", ["after a while it eases", "wait a while", "it lasts a while"])
def test_a_while_inside_a_sentence_is_not_how_long_it_has_gone_on(text: str) -> None:
    assert ongoing_days(text) is None


def test_a_split_second_is_an_episode() -> None:
    assert episode_minutes("a split second") == 0.1
    assert episode_minutes("it lasts a split-second") == 0.1


@pytest.mark.parametrize(
    ("text", "expected"), [("mid fifties", 55.0), ("late 60s", 65.0), ("I'm early forties", 45.0)]
)
def test_bare_decade_is_an_age(text: str, expected: float) -> None:
    assert age_years(text) == expected


def test_a_decade_inside_a_sentence_is_not_an_age() -> None:
    assert age_years("it's in the mid 30s today") is None


def test_another_medicine_answers_the_background_question_without_a_rule() -> None:
    knowledge = load_knowledge()
    mentions = [Mention(m.entity, m.value, m.role) for m in extract("ramipril")]
    case = update_case(
        Case(), mentions, intent="inform", asked="background", text="ramipril", knowledge=knowledge
    )
    assert case.status("other_medicine") is Status.PRESENT
    assert is_answered(case, knowledge.question("background"))
