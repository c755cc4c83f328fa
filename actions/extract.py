"""Runs on every user message (a custom slot mapping): folds what was said into the case."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import active_loop_name, slot_events
from actions.safety import SafeAction
from bot.triage.turn import fold_message


class ActionExtractCaseFacts(SafeAction):
    def name(self) -> str:
        return "action_extract_case_facts"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        changes = fold_message(tracker.slots, tracker.latest_message or {}, active_loop_name(tracker))
        return slot_events(changes)
