"""Runs on every user message (a custom slot mapping): folds what was said into the case."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import asked_question, case_from_tracker, mentions_from_message, slot_changes
from actions.safety import SafeAction
from bot.triage.case import update_case
from bot.triage.engine import fired_rules


class ActionExtractCaseFacts(SafeAction):
    def name(self) -> str:
        return "action_extract_case_facts"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        message = tracker.latest_message or {}
        before = case_from_tracker(tracker)
        after = update_case(
            before,
            mentions_from_message(message),
            intent=(message.get("intent") or {}).get("name"),
            asked=asked_question(tracker),
            text=message.get("text") or "",
        )
        new_slots = after.to_slots()
        # A rule that no longer fires (the person took a symptom back) may alert again later.
        reported = tracker.get_slot("reported_rules") or []
        still_firing = {f.rule.id for f in fired_rules(after)}
        kept = [r for r in reported if r in still_firing]
        old_slots = before.to_slots() | {"reported_rules": reported or None}
        new_slots["reported_rules"] = kept or None
        return slot_changes(old_slots, new_slots)
