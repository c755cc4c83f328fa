"""The one FormValidationAction: decides which question comes next, from the triage core."""

from __future__ import annotations

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions.case_slots import REASKED_SLOT, case_from_tracker
from bot.triage.engine import open_questions
from bot.triage.render import failure_text


def _just_heard_the_person(tracker: Tracker) -> bool:
    """True when the form runs straight after a message, not on return from a side answer."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") != "triage_form":
            return False
    return False


def _reasked_this_turn(tracker: Tracker, question: str) -> bool:
    """True when this message was a reply Charley could not read (see action_extract_case_facts)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == REASKED_SLOT:
            return question in (event.get("value") or [])
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
            pending = tracker.get_slot(REQUESTED_SLOT)
            # After an out-of-scope or fallback reply the rules have already said sorry.
            if pending and _reasked_this_turn(tracker, pending) and _just_heard_the_person(tracker):
                dispatcher.utter_message(response="utter_did_not_understand_answer")
            next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
            return [next_slot]
        except Exception:  # noqa: BLE001 - end the form safely rather than leave the person stuck
            dispatcher.utter_message(text=failure_text())
            return [SlotSet(REQUESTED_SLOT, None)]
