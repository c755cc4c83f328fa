"""Reading the case from the tracker and writing changes back as slot events."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.triage.case import Case, Mention

FORM_NAME = "triage_form"
REASKED_SLOT = "reasked_questions"
# Side questions answered by the rules, after which the pending question is asked again as it was.
# Any other reply to a question is an attempt to answer it, a greeting or a "thanks" included:
# a reply the NLU reads as chit-chat ("Every afternoon more" read as greet) must not re-ask the
# same question forever, so it counts towards the one re-ask before moving on as "don't know".
SIDE_QUESTION_INTENTS = {
    "ask_why_question",
    "ask_why_advice",
    "ask_is_it_serious",
    "ask_causes",
    "ask_prevention",
    "request_summary",
    "restart",
}
EXTRACTOR = "ClinicalEntityExtractor"


def case_from_tracker(tracker: Tracker) -> Case:
    return Case.from_slots(tracker.slots)


def mentions_from_message(message: Dict[str, Any]) -> List[Mention]:
    """Only entities our extractor produced count: a typed `/intent{...}` cannot smuggle facts in."""
    return [
        Mention(entity=e["entity"], value=e.get("value"), role=e.get("role"))
        for e in message.get("entities") or []
        if e.get("extractor") == EXTRACTOR
    ]


def asked_question(tracker: Tracker) -> str | None:
    loop = (tracker.active_loop or {}).get("name")
    return tracker.get_slot("requested_slot") if loop == FORM_NAME else None


def slot_changes(before: Dict[str, Any], after: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Only changed slots: an unchanged case must let the form reject and digressions run."""
    return [SlotSet(key, value) for key, value in after.items() if before.get(key) != value]
