"""Runs on every user message (a custom slot mapping): folds what was said into the case."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import (
    REASKED_SLOT,
    SIDE_QUESTION_INTENTS,
    asked_question,
    case_from_tracker,
    mentions_from_message,
    slot_changes,
)
from actions.safety import SafeAction
from bot.triage.case import apply_answer, update_case
from bot.triage.engine import alerts, fired_rules
from bot.triage.knowledge import load_knowledge


class ActionExtractCaseFacts(SafeAction):
    def name(self) -> str:
        return "action_extract_case_facts"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        asked = asked_question(tracker)
        before = case_from_tracker(tracker)
        after = update_case(
            before, mentions_from_message(message), intent=intent, asked=asked, text=message.get("text") or ""
        )
        new_slots = after.to_slots()
        old_slots = before.to_slots()
        if asked and after == before and intent not in SIDE_QUESTION_INTENTS:
            # A reply Charley could not read: ask once more, then move on as "don't know" so
            # nobody is stuck on a question.
            reasked = list(tracker.get_slot(REASKED_SLOT) or [])
            if asked in reasked:
                after = apply_answer(after, load_knowledge().question(asked), "dont_know", False)
                new_slots = after.to_slots()
            else:
                old_slots[REASKED_SLOT] = reasked or None
                new_slots[REASKED_SLOT] = reasked + [asked]
        # A rule that no longer fires (the person took a symptom back) may alert again later.
        reported = tracker.get_slot("reported_rules") or []
        still_firing = {f.rule.id for f in fired_rules(after)} | set(alerts(after))
        old_slots["reported_rules"] = reported or None
        new_slots["reported_rules"] = [r for r in reported if r in still_firing] or None
        return slot_changes(old_slots, new_slots)
