"""The one FormValidationAction: decides which question comes next, from the triage core."""

from __future__ import annotations

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions.case_slots import case_from_tracker
from actions.safety import safe_failure_message
from bot.triage.engine import open_questions

CASE_SLOTS = {
    "body_location",
    "duration",
    "ongoing_days",
    "frequency",
    "severity",
    "age",
    "accompanying_symptoms",
    "findings",
    "answered_questions",
}
# Intents that are answers: when one of them changes nothing, the person gets a gentle re-ask.
# Any other intent (why do you ask?, out of scope, ...) is left to the rules by changing nothing.
ANSWER_INTENTS = {"inform", "affirm", "deny", "dont_know", "describe_spasm", "correct"}


def _just_heard_the_person(tracker: Tracker) -> bool:
    """True when the form runs straight after a message, not on return from a side question."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") != "triage_form":
            return False
    return False


def _changed_this_turn(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") in CASE_SLOTS:
            return True
    return False


class ValidateTriageForm(FormValidationAction):
    def name(self) -> str:
        return "validate_triage_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        return [q.slot for q in open_questions(case_from_tracker(tracker))]

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventType | None:
        # Our question slots can hold partial facts, so "filled" is decided by the core, not by None.
        remaining = await self.required_slots([], dispatcher, tracker, domain)
        return SlotSet(REQUESTED_SLOT, remaining[0] if remaining else None)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        try:
            events: List[EventType] = []
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            pending = tracker.get_slot(REQUESTED_SLOT)
            just_heard = _just_heard_the_person(tracker)
            if pending and just_heard and not _changed_this_turn(tracker) and intent in ANSWER_INTENTS:
                dispatcher.utter_message(response="utter_did_not_understand_answer")
                # Setting a case slot to its own value tells the form this turn was handled.
                events.append(SlotSet("answered_questions", tracker.get_slot("answered_questions")))
            next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
            return events + [next_slot]
        except Exception:  # noqa: BLE001 - end the form safely rather than leave the person stuck
            dispatcher.utter_message(text=safe_failure_message())
            return [SlotSet(REQUESTED_SLOT, None)]
