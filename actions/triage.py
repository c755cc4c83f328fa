"""Sends the triage result: the contract's `triage` object plus its plain-text rendering."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import case_from_tracker
from actions.safety import SafeAction
from bot.triage.engine import assess
from bot.triage.render import triage_payload, triage_text

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
        payload = triage_payload(case, assessment)
        updated = tracker.get_slot("triage_level") is not None
        text = ("Here is my updated advice.\n" if updated else "") + triage_text(payload)
        dispatcher.utter_message(text=text, json_message={"triage": payload}, buttons=FOLLOW_UP_BUTTONS)
        return [
            SlotSet("reported_rules", [f.rule.id for f in assessment.fired]),
            SlotSet("triage_level", assessment.level),
            SlotSet("requested_slot", None),
            ActiveLoop(None),
        ]
