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


_CLEARS_SLOTS = {"restart", "session_started", "reset_slots"}


def slots_before_latest_message(tracker: Tracker) -> Dict[str, Any] | None:
    """The slot values as they were just before the person's latest message; None when the
    events sent along do not reach back that far."""
    user_events = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    last_user = user_events[-1] if user_events else len(tracker.events)
    slots: Dict[str, Any] = {}
    if not any(e.get("event") == "slot" for e in tracker.events[:last_user]):
        return None
    for event in tracker.events[:last_user]:
        kind = event.get("event")
        if kind in _CLEARS_SLOTS:
            slots = {}
        elif kind == "slot":
            slots[event.get("name")] = event.get("value")
    return slots
