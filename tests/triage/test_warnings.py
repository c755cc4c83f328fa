"""Which "get help if" warnings a result lists: every rule's warning where it fits the case, and
only there (meaning held in the knowledge's `warn_when`, not in the order of its sources)."""

from __future__ import annotations

import pytest

from bot.triage.case import Case, Status
from bot.triage.engine import assess
from bot.triage.knowledge import load_knowledge
from bot.triage.render import triage_payload
from tests.triage.helpers import case

KNOWLEDGE = load_knowledge()


def _warning(rule_id: str) -> str:
    return next(r.seek_help_now_if for r in KNOWLEDGE.rules if r.id == rule_id)


def _shown(c: Case) -> set[str]:
    a = assess(c)
    return set(a.seek_help_now_if) | set(a.see_doctor_if)


@pytest.mark.parametrize(
    ("location", "rule_id"),
    [
        ("calf", "breathlessness"),  # a clot in the leg can reach the lungs
        ("calf", "seizure_or_collapse"),
        ("calf", "limb_blood_supply_blocked"),
        ("neck", "fever_with_stiff_neck"),
        ("jaw", "locking_jaw"),
        ("chest", "heart_attack_signs"),
        ("eyelid", "stroke_signs"),
        ("back", "spinal_cord_or_nerve_compression"),
    ],
)
def test_a_general_danger_sign_that_fits_the_place_is_among_the_warnings(location, rule_id):
    assert _warning(rule_id) in _shown(case(location))


@pytest.mark.parametrize(
    ("location", "rule_id"),
    [
        ("eyelid", "spinal_cord_or_nerve_compression"),  # no groin numbness for an eyelid
        ("eyelid", "possible_blood_clot"),
        ("calf", "fever_with_stiff_neck"),
        ("calf", "locking_jaw"),
        ("back", "limb_blood_supply_blocked"),
    ],
)
def test_a_warning_that_does_not_fit_the_place_is_left_out(location, rule_id):
    assert _warning(rule_id) not in _shown(case(location))


def test_every_warning_in_the_knowledge_is_shown_for_some_case():
    # Tries every place with each single finding present: a warning no case can show is dead text.
    findings = [None, *KNOWLEDGE.concepts]
    shown: set[str] = set()
    for location in KNOWLEDGE.locations:
        for finding in findings:
            present = (finding, "muscle_complaint") if finding else ("muscle_complaint",)
            shown |= _shown(case(location, present=present))
    missing = [r.id for r in KNOWLEDGE.rules if r.seek_help_now_if and r.seek_help_now_if not in shown]
    assert not missing, f"warnings never shown: {missing}"


def test_a_sign_that_fits_a_trigger_is_shown_with_that_trigger_only():
    breakdown = _warning("muscle_breakdown")
    assert breakdown not in _shown(case("calf"))
    assert breakdown in _shown(case("calf", present=("exercise", "heat")))


def test_the_rule_that_fired_is_not_repeated_as_a_warning():
    result = assess(case("calf", present=("swelling",)))
    assert result.level == "emergency"
    assert _warning("possible_blood_clot") not in result.seek_help_now_if


def test_urgent_warnings_are_shown_below_urgent_and_say_to_see_a_doctor():
    text = triage_payload_text(case("calf", absent=("numbness",)))
    assert f"{KNOWLEDGE.warning_leads['urgent']} {_warning('progressive_weakness')}." in text
    assert f"{KNOWLEDGE.warning_leads['emergency']} {_warning('breathlessness')}." in text
    urgent = assess(case("calf", present=("numbness",)))
    assert urgent.level == "urgent" and not urgent.see_doctor_if


def test_a_complaint_that_is_not_a_muscle_one_gets_no_muscle_warnings():
    result = assess(Case(findings={"headache": Status.PRESENT}))
    assert result.redirect and not result.seek_help_now_if and not result.see_doctor_if


def test_sources_say_which_are_the_articles():
    assert len(KNOWLEDGE.articles) == 4
    general = [t for t in KNOWLEDGE.sources if KNOWLEDGE.source_kinds[t] == "general_safety"]
    assert general and not set(general) & set(KNOWLEDGE.articles)


def triage_payload_text(c: Case) -> list[str]:
    return triage_payload(c, assess(c))["seek_help_now_if"]
