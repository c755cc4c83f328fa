"""Only advice that fits the case: no cramp relief for a twitch, no leg moves for a neck."""

from __future__ import annotations

import pytest

from bot.triage.case import Case, Status
from bot.triage.engine import assess
from bot.triage.knowledge import load_knowledge
from bot.triage.render import triage_payload

K = load_knowledge()
CRAMP_RELIEF = {a.text for a in K.advice if a.cramps_only}
LEG_MOVES = next(a.text for a in K.advice if a.id == "walk_it_off")


def _self_care(location: str, complaint: str) -> list[str]:
    case = Case(location=location, findings={complaint: Status.PRESENT}, ongoing_days=2)
    return triage_payload(case, assess(case))["self_care"]


@pytest.mark.parametrize("location", ["eyelid", "hand", "face"])
def test_a_twitch_gets_no_advice_for_a_cramp(location):
    advice = _self_care(location, "twitching")
    assert CRAMP_RELIEF and not CRAMP_RELIEF & set(advice)


def test_an_eyelid_twitch_gets_the_eyelid_advice():
    assert next(a.text for a in K.advice if a.id == "eyelid_habits") in _self_care("eyelid", "twitching")


@pytest.mark.parametrize("location", ["neck", "back", "hand"])
def test_leg_moves_are_only_for_a_leg(location):
    assert LEG_MOVES not in _self_care(location, "muscle_complaint")


@pytest.mark.parametrize("location", ["calf", "thigh", "foot"])
def test_a_leg_cramp_gets_the_stretch_and_the_leg_moves(location):
    advice = _self_care(location, "muscle_complaint")
    assert LEG_MOVES in advice
    assert next(a.text for a in K.advice if a.id == "stretch_and_hold") in advice


def test_the_reasons_quote_a_vague_answer_as_it_was_said():
    case = Case(
        location="calf",
        ongoing_days=14.0,
        per_week=3.0,
        findings={"diuretic": Status.PRESENT, "muscle_complaint": Status.PRESENT},
        said={"ongoing_days": "for a fortnight", "per_week": "a few times a week"},
    )
    because = " ".join(r["because"] for r in triage_payload(case, assess(case))["reasons"])
    assert '"for a fortnight"' in because and "14 days" not in because, because


def test_the_reasons_give_the_number_when_no_words_were_kept():
    case = Case(location="calf", ongoing_days=14.0, per_week=3.0, findings={"diuretic": Status.PRESENT})
    because = " ".join(r["because"] for r in triage_payload(case, assess(case))["reasons"])
    assert "about 14 days" in because, because


def test_an_ambulance_to_call_leads_over_a_department_to_go_to():
    case = Case(location="arm", findings={"weakness": Status.PRESENT, "stroke_signs": Status.PRESENT})
    payload = triage_payload(case, assess(case))
    assert payload["level"] == "emergency"
    assert payload["headline"].startswith("Call your emergency number"), payload["headline"]
    assert {r["rule"] for r in payload["reasons"]} >= {"stroke_signs", "sudden_neurological_signs"}


def test_new_weakness_alone_still_leads_with_its_own_headline():
    case = Case(location="leg", findings={"weakness": Status.PRESENT})
    assert "weakness" in triage_payload(case, assess(case))["headline"]
