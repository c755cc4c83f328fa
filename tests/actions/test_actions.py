"""The actions with real rasa_sdk Tracker objects: what a person would see and what is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.explain import (
    ActionAnswerHowSerious,
    ActionClinicianSummary,
    ActionExplainAdvice,
    ActionExplainQuestion,
)
from actions.extract import ActionExtractCaseFacts
from actions.fallback import ActionDefaultFallback
from actions.form import ValidateTriageForm
from actions.questions import question_message
from actions.triage import ActionTriage
from bot.triage.case import Case, Status
from bot.triage.knowledge import load_knowledge

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
EXTRACTOR = "ClinicalEntityExtractor"


def entity(name: str, value: Any, role: str | None = None, extractor: str = EXTRACTOR) -> dict:
    e = {"entity": name, "value": value, "extractor": extractor}
    if role:
        e["role"] = role
    return e


def tracker(
    slots=None, entities=(), intent="describe_spasm", text="", requested=None, events=None, loop=True
):
    slots = dict(slots or {})
    if requested:
        slots["requested_slot"] = requested
    return Tracker(
        sender_id="t",
        slots=slots,
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": list(entities),
        },
        events=events or [{"event": "user", "text": text}],
        paused=False,
        followup_action=None,
        active_loop={"name": "triage_form"} if loop and requested else {},
        latest_action_name="action_listen",
    )


async def run(action, t):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, DOMAIN)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_extraction_fills_slots_from_the_first_message():
    t = tracker(
        entities=[
            entity("body_location", "calf", "present"),
            entity("finding", "diuretic", "present"),
            entity("finding", "swelling", "negated"),
            entity("frequency", 7.0),
        ]
    )
    _, slots = await run(ActionExtractCaseFacts(), t)
    assert slots["body_location"] == "calf"
    assert slots["accompanying_symptoms"] == {"swelling": "absent"}
    assert slots["findings"] == {"diuretic": "present"}
    assert slots["frequency"] == 7.0


async def test_extraction_ignores_entities_not_from_our_extractor():
    t = tracker(
        entities=[
            entity("finding", "bladder_problems", extractor=None),
            entity("body_location", "calf", extractor="x"),
        ]
    )
    _, slots = await run(ActionExtractCaseFacts(), t)
    assert slots == {}


async def test_unchanged_case_sets_no_slot_so_digressions_reach_the_rules():
    t = tracker(
        slots={"body_location": "calf"},
        intent="ask_why_question",
        text="why do you ask?",
        requested="duration",
    )
    assert (await run(ActionExtractCaseFacts(), t))[1] == {}


async def test_dont_know_answers_the_pending_question():
    t = tracker(slots={"body_location": "calf"}, intent="dont_know", text="no idea", requested="duration")
    _, slots = await run(ActionExtractCaseFacts(), t)
    assert slots["duration"] == "unknown"
    assert "duration" in slots["answered_questions"]


async def test_form_asks_the_first_open_question_and_skips_answered_ones():
    answered = {"answered_questions": ["accompanying_symptoms"]}
    t = tracker(slots={"body_location": "calf", "duration": 2.0, **answered}, requested=None)
    _, slots = await run(ValidateTriageForm(), t)
    # How long it has gone on cannot change the advice for a calf until we know how often it comes.
    assert slots["requested_slot"] == "frequency"


async def test_the_warning_signs_come_straight_after_where_it_is():
    messages, slots = await run(ValidateTriageForm(), tracker(slots={"body_location": "calf"}))
    assert slots["requested_slot"] == "accompanying_symptoms"
    assert "numbness or tingling" in messages[-1]["text"]


async def test_how_long_and_how_often_are_asked_in_one_question_while_both_are_open():
    answered = {"answered_questions": ["accompanying_symptoms"]}
    messages, slots = await run(ValidateTriageForm(), tracker(slots={"body_location": "calf", **answered}))
    assert slots["requested_slot"] == "duration"
    assert "how long" in messages[-1]["text"] and "how often" in messages[-1]["text"]
    # once how often is known, only how long is asked
    t = tracker(slots={"body_location": "calf", "frequency": 7.0, **answered})
    messages, _ = await run(ValidateTriageForm(), t)
    assert "how often" not in messages[-1]["text"]


async def test_i_dont_know_to_the_joint_question_answers_both_parts():
    answered = {"answered_questions": ["accompanying_symptoms"]}
    t = tracker(
        slots={"body_location": "calf", **answered}, intent="dont_know", text="no idea", requested="duration"
    )
    _, slots = await run(ActionExtractCaseFacts(), t)
    assert slots["duration"] == "unknown" and slots["frequency"] == "unknown"


async def test_a_question_that_got_three_replies_counts_as_dont_know_and_the_form_moves_on():
    """Three replies in a row the classifier reads as a side question ("he says it's bad") end
    the question as "I don't know", so it is never asked a fourth time."""
    asked = {"event": "slot", "name": "requested_slot", "value": "severity"}
    user = {"event": "user", "text": "he says it's bad"}
    events = [{"event": "slot", "name": "requested_slot", "value": "frequency"}, user, asked]
    slots = {"body_location": "calf", "frequency": 1.0, "duration": 1.0, "ongoing_days": 20.0}
    slots["answered_questions"] = ["accompanying_symptoms"]
    _, after_two = await run(
        ValidateTriageForm(), tracker(slots, requested="severity", events=events + [user, asked, user])
    )
    assert after_two["requested_slot"] == "severity"
    _, after_three = await run(
        ValidateTriageForm(),
        tracker(slots, requested="severity", events=events + [user, asked, user, asked, user]),
    )
    assert after_three["severity"] == "unknown"
    assert after_three["requested_slot"] != "severity"


async def test_form_ends_at_once_on_a_red_flag():
    t = tracker(
        slots={"body_location": "calf", "accompanying_symptoms": {"swelling": "present"}},
        requested="duration",
        events=[{"event": "user"}, {"event": "slot", "name": "accompanying_symptoms"}],
    )
    _, slots = await run(ValidateTriageForm(), t)
    assert slots["requested_slot"] is None


async def test_an_unreadable_reply_is_asked_again_once_then_taken_as_dont_know():
    first = tracker(
        slots={"body_location": "calf", "answered_questions": ["accompanying_symptoms"]},
        intent="inform",
        text="purple",
        requested="duration",
    )
    _, slots = await run(ActionExtractCaseFacts(), first)
    assert slots == {"reasked_questions": ["duration"]}
    # as Rasa calls the form: its own execution follows the message and the extraction's events
    events = [
        {"event": "user"},
        {"event": "slot", "name": "reasked_questions", "value": ["duration"]},
        {"event": "action", "name": "triage_form"},
    ]
    form = tracker(
        slots={
            "body_location": "calf",
            "reasked_questions": ["duration"],
            "answered_questions": ["accompanying_symptoms"],
        },
        intent="inform",
        requested="duration",
        events=events,
    )
    messages, slots = await run(ValidateTriageForm(), form)
    assert messages[0]["text"].startswith(load_knowledge().conversation["did_not_understand_answer"])
    assert load_knowledge().emergency_line in messages[0]["text"]
    assert slots["requested_slot"] == "duration"
    second = tracker(
        slots={
            "body_location": "calf",
            "reasked_questions": ["duration"],
            "answered_questions": ["accompanying_symptoms"],
        },
        intent="out_of_scope",
        text="purple again",
        requested="duration",
    )
    _, slots = await run(ActionExtractCaseFacts(), second)
    assert slots["duration"] == "unknown" and "duration" in slots["answered_questions"]


async def test_side_questions_do_not_count_as_failed_answers():
    t = tracker(slots={"body_location": "calf"}, intent="ask_why_question", text="why?", requested="duration")
    assert (await run(ActionExtractCaseFacts(), t))[1] == {}


async def test_checklist_question_lists_only_what_is_still_unknown():
    t = tracker(
        slots={
            "body_location": "calf",
            "duration": 1.0,
            "ongoing_days": 3.0,
            "frequency": 7.0,
            "severity": "moderate",
            "accompanying_symptoms": {"swelling": "absent"},
        },
        events=[{"event": "bot"}, {"event": "user"}],
        requested="severity",
    )
    messages, slots = await run(ValidateTriageForm(), t)
    assert slots["requested_slot"] == "accompanying_symptoms"
    assert "swelling" not in messages[0]["text"].lower()
    assert "numbness" in messages[0]["text"].lower()
    assert {"title": "None of these", "payload": "None of these"} in messages[0]["buttons"]


async def test_triage_sends_the_contract_object_with_text_and_ends_the_form():
    t = tracker(
        slots={"body_location": "back", "accompanying_symptoms": {"bladder_problems": "present"}},
        requested="duration",
    )
    messages, slots = await run(ActionTriage(), t)
    triage = messages[0]["custom"]["triage"]
    assert triage["level"] == "emergency"
    assert set(triage) >= {
        "level",
        "headline",
        "reasons",
        "causes",
        "self_care",
        "seek_help_now_if",
        "facts",
        "disclaimer",
    }
    assert triage["reasons"][0]["source"] in load_knowledge().sources
    assert triage["headline"] in messages[0]["text"] and triage["disclaimer"] in messages[0]["text"]
    assert messages[0]["text"].startswith("EMERGENCY")  # what to do now comes first
    assert slots["requested_slot"] is None and slots["reported_rules"] == ["spinal_cord_or_nerve_compression"]


async def test_why_this_advice_lists_rules_and_sources():
    t = tracker(slots={"body_location": "calf", "duration": 15.0, "triage_level": "routine"})
    messages, _ = await run(ActionExplainAdvice(), t)
    assert (
        "10 minutes" in messages[0]["text"]
        and "Muscle Spasms Common Causes And When To Seek Help" in messages[0]["text"]
    )


async def test_why_do_you_ask_explains_the_pending_question():
    t = tracker(slots={"body_location": "calf"}, requested="duration", intent="ask_why_question")
    messages, _ = await run(ActionExplainQuestion(), t)
    assert messages[0]["text"].startswith(load_knowledge().question("duration").purpose)


async def test_summary_lists_what_was_reported_and_denied():
    t = tracker(
        slots={
            "body_location": "calf",
            "accompanying_symptoms": {"numbness": "absent", "weakness": "present"},
        }
    )
    messages, _ = await run(ActionClinicianSummary(), t)
    text = messages[0]["text"]
    assert "Reports: weakness" in text and "Denies: numbness" in text


async def test_an_error_in_an_action_still_gives_the_emergency_line(monkeypatch):
    import actions.triage as triage_module

    def broken(*_):
        raise RuntimeError("boom")

    monkeypatch.setattr(triage_module, "result_message", broken)
    messages, slots = await run(ActionTriage(), tracker(slots={"body_location": "calf"}))
    assert load_knowledge().emergency_line in messages[0]["text"]
    assert slots == {}


async def test_the_first_question_says_what_was_understood_and_that_it_is_not_a_diagnosis():
    t = tracker(
        slots={
            "body_location": "calf",
            "accompanying_symptoms": {"swelling": "absent"},
            "findings": {"diuretic": "present"},
        }
    )
    messages, slots = await run(ValidateTriageForm(), t)
    intro = messages[0]["text"]
    assert "calf" in intro and "no swelling" in intro and "diuretic" in intro and "not a diagnosis" in intro
    assert slots["requested_slot"] == "accompanying_symptoms"
    assert messages[1]["text"].startswith(load_knowledge().question("accompanying_symptoms").text)
    later = tracker(
        slots={"body_location": "calf"}, events=[{"event": "bot", "text": "hi"}, {"event": "user"}]
    )
    messages, _ = await run(ValidateTriageForm(), later)
    assert len(messages) == 1
    assert messages[0]["text"].startswith(load_knowledge().question("accompanying_symptoms").text)


async def test_on_return_from_a_side_question_the_pending_question_comes_again_without_a_sorry():
    events = [
        {"event": "bot", "text": "When a spasm comes, how long does it usually last?"},
        {"event": "user"},
        {"event": "action", "name": "action_explain_question"},
        {"event": "action", "name": "triage_form"},
    ]
    t = tracker(
        slots={"body_location": "calf", "answered_questions": ["accompanying_symptoms"]},
        intent="ask_why_question",
        requested="duration",
        events=events,
    )
    messages, slots = await run(ValidateTriageForm(), t)
    assert slots == {"requested_slot": "duration"}
    assert [m["text"] for m in messages] == [load_knowledge().question("duration").together_text]


async def test_for_a_leg_the_warning_signs_list_asks_about_walking_too():
    messages, _ = await run(ValidateTriageForm(), tracker(slots={"body_location": "calf"}))
    assert load_knowledge().label("walking_induced") in messages[-1]["text"]
    messages, _ = await run(ValidateTriageForm(), tracker(slots={"body_location": "neck"}))
    assert load_knowledge().label("walking_induced") not in messages[-1]["text"]
    # "None of these" answers the walking question as well: it is not asked on its own
    t = tracker(
        slots={"body_location": "calf"},
        intent="deny",
        text="none of these",
        requested="accompanying_symptoms",
    )
    _, slots = await run(ActionExtractCaseFacts(), t)
    assert slots["findings"]["walking_induced"] == "absent"


async def test_a_correction_that_changes_nothing_kept_is_thanked_not_called_unreadable():
    events = [
        {"event": "user"},
        {"event": "slot", "name": "reasked_questions", "value": ["background"]},
        {"event": "action", "name": "triage_form"},
    ]
    slots = {"body_location": "hand", "reasked_questions": ["background"]}
    slots["answered_questions"] = ["accompanying_symptoms", "duration", "frequency"]
    t = tracker(
        slots=slots, intent="correct", text="oh wait its my right hand", requested="background", events=events
    )
    messages, _ = await run(ValidateTriageForm(), t)
    assert messages[0].get("text") == load_knowledge().conversation["acknowledge_correction_kept"]
    assert not any("didn't catch" in (m.get("text") or "") for m in messages)


async def test_what_causes_cramps_names_the_everyday_causes_dehydration_and_electrolytes_first():
    from actions.explain import ActionShareKnowledge

    messages, _ = await run(ActionShareKnowledge(), tracker(intent="ask_causes", loop=False))
    text = messages[0]["text"]
    everyday = [c for c in load_knowledge().causes.values() if c.everyday]
    assert {"dehydration", "electrolyte_imbalance"} <= {c.id for c in everyday}
    assert all(c.title in text for c in everyday)
    assert "spinal cord" not in text  # the serious causes are named only when a case points to them


async def test_a_reply_the_assistant_cannot_read_mid_questions_gets_the_question_again():
    dispatcher = CollectingDispatcher()
    t = tracker(text="purple monkey dishwasher", intent="nlu_fallback", requested="severity")
    events = await ActionDefaultFallback().run(dispatcher, t, DOMAIN)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_default"]
    assert events == [{"event": "followup", "timestamp": None, "name": "triage_form"}]


async def test_a_reply_the_assistant_cannot_read_outside_the_questions_is_forgotten():
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(
        dispatcher, tracker(text="purple monkey", intent="nlu_fallback"), DOMAIN
    )
    assert [m.get("response") for m in dispatcher.messages] == ["utter_default"]
    assert [e["event"] for e in events] == ["rewind"]


async def test_is_it_serious_with_a_first_description_answers_then_starts_the_questions():
    described = Case(location="hand", findings={"twitching": Status.PRESENT}).to_slots()
    dispatcher = CollectingDispatcher()
    t = tracker(slots=described, intent="ask_is_it_serious", text="my thumb jumps by itself, is normal?")
    events = await ActionAnswerHowSerious().run(dispatcher, t, DOMAIN)
    assert dispatcher.messages, "the side question is answered"
    assert {"event": "followup", "timestamp": None, "name": "triage_form"} in events


async def test_is_it_serious_with_nothing_described_does_not_start_questions():
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerHowSerious().run(dispatcher, tracker(intent="ask_is_it_serious"), DOMAIN)
    assert not [e for e in events if e.get("event") == "followup"]


def test_the_warning_sign_list_offers_none_and_not_sure_first():
    _, buttons = question_message(load_knowledge().question("accompanying_symptoms"), Case(location="calf"))
    titles = [b["title"] for b in buttons]
    assert titles[:2] == ["None of these", "I'm not sure"]
    assert len(titles) == len(set(titles)) > 12


def _reasked_background(intent: str, text: str):
    events = [
        {"event": "user", "text": text},
        {"event": "slot", "name": "reasked_questions", "value": ["background"]},
        {"event": "action", "name": "triage_form"},
    ]
    slots = {"body_location": "hand", "reasked_questions": ["background"]}
    slots["answered_questions"] = ["accompanying_symptoms", "duration", "frequency"]
    return tracker(slots=slots, intent=intent, text=text, requested="background", events=events)


async def test_a_thank_you_before_the_last_question_is_welcomed_and_the_question_comes_again():
    messages, slots = await run(ValidateTriageForm(), _reasked_background("thanks", "cheers, much obliged"))
    assert messages[0].get("text") == load_knowledge().conversation["welcome_mid_questions"]
    assert not any("didn't catch" in (m.get("text") or "") for m in messages)
    assert slots["requested_slot"] == "background"


async def test_a_thank_you_read_as_goodbye_mid_questions_is_welcomed_too():
    messages, _ = await run(ValidateTriageForm(), _reasked_background("goodbye", "ta love, I'll rest it"))
    assert messages[0].get("text") == load_knowledge().conversation["welcome_mid_questions"]


async def test_a_question_charley_cannot_answer_is_sent_to_a_clinician_not_called_unreadable():
    messages, slots = await run(
        ValidateTriageForm(), _reasked_background("inform", "Would my heart pills need changing?")
    )
    assert messages[0]["text"].startswith(load_knowledge().conversation["question_for_a_clinician"])
    assert load_knowledge().emergency_line in messages[0]["text"]
    assert slots["requested_slot"] == "background"


@pytest.mark.parametrize(
    "text", ["does zinc help w this", "would a hot water bottle be ok", "can I still drive"]
)
async def test_a_question_without_a_question_mark_is_still_sent_to_a_clinician(text):
    messages, _ = await run(ValidateTriageForm(), _reasked_background("nlu_fallback", text))
    assert messages[0]["text"].startswith(load_knowledge().conversation["question_for_a_clinician"])


async def test_a_correction_the_classifier_missed_is_acknowledged_not_called_unreadable():
    text = "correction, the race was 10k not 5k, not that it matters"
    messages, _ = await run(ValidateTriageForm(), _reasked_background("nlu_fallback", text))
    assert messages[0].get("text") == load_knowledge().conversation["acknowledge_correction_kept"]


async def test_a_statement_charley_cannot_read_still_gets_didnt_catch_that():
    messages, _ = await run(ValidateTriageForm(), _reasked_background("inform", "the usual stuff really"))
    assert messages[0]["text"].startswith(load_knowledge().conversation["did_not_understand_answer"])
