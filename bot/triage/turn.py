"""One user turn, as slot values: what a message adds to the case, and the result message.

Plain Python over plain dicts, so both sides run it: the action server (action_extract_case_facts,
action_triage) and the Rasa server when the action server cannot be reached
(bot/rasa_overrides/action_server_safety.py), so a red flag typed then is still recorded and answered.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Mapping

from bot.triage.case import Case, Mention, apply_answer, update_case
from bot.triage.engine import NOT_A_MUSCLE_PROBLEM, alerts, assess, fired_rules
from bot.triage.knowledge import load_knowledge
from bot.triage.render import (
    emergency_reminder,
    redirect_payload,
    redirect_text,
    triage_payload,
    triage_text,
    unchanged_advice_text,
)

FORM_NAME = "triage_form"
REASKED_SLOT = "reasked_questions"
REPORTED_RULES_SLOT = "reported_rules"
TRIAGE_LEVEL_SLOT = "triage_level"
# What the last result was given for: a later message that changes nothing gets a short reply.
ADVISED_CASE_SLOT = "advised_case"
# Side questions answered by the rules, after which the pending question is asked again as it was;
# they must leave the slots alone, or the form would not hand over to those rules. Any other reply
# to a question is an attempt to answer it, a greeting or a "thanks" included: a reply the NLU
# reads as chit-chat must not re-ask the same question forever, so it counts towards the one
# re-ask before moving on as "don't know" (a run of side questions is capped by the form).
SIDE_QUESTION_INTENTS = {
    "ask_why_question",
    "ask_why_advice",
    "ask_is_it_serious",
    "ask_causes",
    "ask_prevention",
    "ask_first_aid",
    "ask_what_is",
    "request_summary",
    "restart",
}
EXTRACTOR = "ClinicalEntityExtractor"
# Plain-text payloads the NLU understands (ask_why_advice, request_summary, restart), so a
# pressed button and a typed request take the same path.
FOLLOW_UP_BUTTONS: tuple[dict[str, str], ...] = (
    {"title": "Why this advice?", "payload": "Why this advice?"},
    {"title": "Summary for my doctor", "payload": "Summary for my doctor"},
    {"title": "Start over", "payload": "Start over"},
)


def mentions_from_message(message: Mapping[str, Any]) -> list[Mention]:
    """Only entities our extractor produced count: a typed `/intent{...}` cannot smuggle facts in."""
    text = message.get("text") or ""
    return [
        Mention(entity=e["entity"], value=e.get("value"), role=e.get("role"), said=_words(text, e))
        for e in message.get("entities") or []
        if e.get("extractor") == EXTRACTOR
    ]


# "my left calf", "right lower back": the side is kept with the place, in the person's words.
_SIDE_BEFORE = re.compile(
    r"\b(?:left|right|both|lft|rght)\s+(?:(?:upper|lower|inner|outer|side\s+of\s+(?:my|his|her|the))\s+)?$",
    re.I,
)


def _words(text: str, entity: Mapping[str, Any]) -> str | None:
    start, end = entity.get("start"), entity.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return None
    if entity.get("entity") == "body_location":
        side = _SIDE_BEFORE.search(text[max(0, start - 30) : start])
        if side:
            start -= len(side.group(0))
    return text[start:end][:80]


def asked_question(slots: Mapping[str, Any], active_loop: str | None) -> str | None:
    return slots.get("requested_slot") if active_loop == FORM_NAME else None


def fold_message(
    slots: Mapping[str, Any], message: Mapping[str, Any], active_loop: str | None
) -> dict[str, Any]:
    """The slot values that change when `message` is folded into the case."""
    intent = (message.get("intent") or {}).get("name")
    asked = asked_question(slots, active_loop)
    before = Case.from_slots(slots)
    after = update_case(
        before, mentions_from_message(message), intent=intent, asked=asked, text=message.get("text") or ""
    )
    new_slots = after.to_slots()
    old_slots = before.to_slots()
    if asked and after == before and intent not in SIDE_QUESTION_INTENTS:
        # A reply Charley could not read: ask once more, then move on as "don't know" so
        # nobody is stuck on a question.
        reasked = list(slots.get(REASKED_SLOT) or [])
        if asked in reasked:
            after = apply_answer(after, load_knowledge().question(asked), "dont_know", False)
            new_slots = after.to_slots()
        else:
            old_slots[REASKED_SLOT] = reasked or None
            new_slots[REASKED_SLOT] = reasked + [asked]
    # A rule that no longer fires (the person took a symptom back) may alert again later.
    reported = slots.get(REPORTED_RULES_SLOT) or []
    still_firing = {f.rule.id for f in fired_rules(after)} | set(alerts(after))
    old_slots[REPORTED_RULES_SLOT] = reported or None
    new_slots[REPORTED_RULES_SLOT] = [r for r in reported if r in still_firing] or None
    return {key: value for key, value in new_slots.items() if old_slots.get(key) != value}


def _fingerprint(case: Case) -> str:
    facts = {k: v for k, v in case.to_slots().items() if k != "said"}  # new words, same facts
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def result_message(slots: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The result for the case in `slots`: (the bot message, the slot values to set).

    After a result, a message that changes nothing in the case ("ok", "I don't know") gets one
    short line, not the whole advice again; after an emergency that line says what to do now."""
    case = Case.from_slots(slots)
    assessment = assess(case)
    reported = [f.rule.id for f in assessment.fired]
    advised = _fingerprint(case)
    updated = slots.get(TRIAGE_LEVEL_SLOT) is not None
    unchanged = updated and slots.get(ADVISED_CASE_SLOT) == advised
    redirect = assessment.redirect and assessment.level != "emergency"
    payload = redirect_payload(case, assessment) if redirect else triage_payload(case, assessment)
    if redirect:
        reported.append(NOT_A_MUSCLE_PROBLEM)
    message: dict[str, Any]
    if unchanged:
        message = {"text": unchanged_advice_text(payload), "buttons": list(FOLLOW_UP_BUTTONS)}
    elif redirect:
        message = {"text": redirect_text(payload), "custom": {NOT_A_MUSCLE_PROBLEM: payload}}
    else:
        text = ("Here is my updated advice.\n" if updated else "") + triage_text(payload)
        message = {"text": text, "custom": {"triage": payload}, "buttons": list(FOLLOW_UP_BUTTONS)}
    return message, {
        REPORTED_RULES_SLOT: reported,
        TRIAGE_LEVEL_SLOT: assessment.level,
        ADVISED_CASE_SLOT: advised,
    }


def emergency_reminder_after_result(slots: Mapping[str, Any]) -> str | None:
    """After an emergency result, what every other reply repeats; None otherwise."""
    if slots.get(TRIAGE_LEVEL_SLOT) != "emergency":
        return None
    case = Case.from_slots(slots)
    assessment = assess(case)
    return emergency_reminder(triage_payload(case, assessment)) if assessment.level == "emergency" else None
