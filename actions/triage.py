"""Sends the triage result: the contract's `triage` object plus its plain-text rendering."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import case_from_tracker
from actions.safety import SafeAction
from bot.triage.engine import NOT_A_MUSCLE_PROBLEM, assess
from bot.triage.render import redirect_payload, redirect_text, triage_payload, triage_text

FOLLOW_UP_BUTTONS = [
    {"title": "Why this advice?", "payload": "Why this advice?"},
    {"title": "Summary for my doctor", "payload": "Summary for my doctor"},
    {"title": "Start over", "payload": "Start over"},
]


class ActionTriage(SafeAction):
    def name(self) -> str:
        return "action_triage"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        case = case_from_tracker(tracker)
        assessment = assess(case)
        reported = [f.rule.id for f in assessment.fired]
        if assessment.redirect and assessment.level != "emergency":
            payload = redirect_payload(case, assessment)
            dispatcher.utter_message(
                text=redirect_text(payload), json_message={NOT_A_MUSCLE_PROBLEM: payload}
            )
            reported.append(NOT_A_MUSCLE_PROBLEM)
        else:
            payload = triage_payload(case, assessment)
            updated = tracker.get_slot("triage_level") is not None
            text = ("Here is my updated advice.\n" if updated else "") + triage_text(payload)
            dispatcher.utter_message(text=text, json_message={"triage": payload}, buttons=FOLLOW_UP_BUTTONS)
        return [
            SlotSet("reported_rules", reported),
            SlotSet("triage_level", assessment.level),
            SlotSet("requested_slot", None),
            ActiveLoop(None),
        ]
