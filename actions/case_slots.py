"""Reading the case from the tracker and writing changes back as slot events."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.triage.case import Case
from bot.triage.turn import FORM_NAME, REASKED_SLOT  # noqa: F401 (re-exported)


def case_from_tracker(tracker: Tracker) -> Case:
    return Case.from_slots(tracker.slots)


def active_loop_name(tracker: Tracker) -> str | None:
    return (tracker.active_loop or {}).get("name")


def slot_events(changes: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [SlotSet(key, value) for key, value in changes.items()]
