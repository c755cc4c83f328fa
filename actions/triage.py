"""Sends the triage result: the contract's `triage` object plus its plain-text rendering."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import slot_events
from actions.safety import SafeAction
from bot.triage.turn import result_message


class ActionTriage(SafeAction):
    gives_result = True

    def name(self) -> str:
        return "action_triage"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        message, slots = result_message(tracker.slots)
        dispatcher.utter_message(
            text=message["text"], json_message=message.get("custom"), buttons=message.get("buttons") or []
        )
        return [*slot_events(slots), SlotSet("requested_slot", None), ActiveLoop(None)]
