"""Keeps a person safe when the action server is down, slow or answers with garbage.

Rasa 3.6 logs a failed custom action and carries on with no reply at all, and waits up to five
minutes for an answer. Here every call to the action server gets a short timeout; the first
failure in a user turn sends, at once, a message that says how to get emergency help, and later
calls in the same turn fail fast so the person hears back within seconds. A failed form
validation ends the questions for now; the next message resumes them.

Red-flag detection does not depend on the action server: when it cannot be reached, the two
actions that carry safety run here instead, from the same code (bot/triage/turn.py). The
message is folded into the case (so nothing said is lost from the record or the later summary),
and a red flag gets its full result rather than only the failure message. Installed by
`bot.rasa_overrides.install()`.
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from typing import Any, List

import rasa.core.actions.action as rasa_action
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.events import Event, SlotSet

from bot.triage.render import failure_text
from bot.triage.turn import fold_message, result_message

logger = logging.getLogger(__name__)
ACTION_TIMEOUT_SECONDS = float(os.environ.get("CHARLEY_ACTION_TIMEOUT", "3"))
_failed_turns: OrderedDict[tuple[str, str], None] = OrderedDict()
_MAX_REMEMBERED = 10_000


def _turn(tracker: Any) -> tuple[str, str]:
    message = tracker.latest_message
    return tracker.sender_id, str(getattr(message, "message_id", None) or id(message))


def _remember(turn: tuple[str, str]) -> None:
    _failed_turns[turn] = None
    while len(_failed_turns) > _MAX_REMEMBERED:
        _failed_turns.popitem(last=False)


def _fallback_events(action_name: str) -> List[Event]:
    # A form whose validation cannot run stops asking; the next message restarts it.
    return [SlotSet(REQUESTED_SLOT, None)] if action_name.startswith("validate_") else []


async def _in_process(action_name: str, output_channel: Any, tracker: Any) -> List[Event] | None:
    """The safety-carrying actions, run here; None for any other action (or if this fails too)."""
    try:
        slots = tracker.current_slot_values()
        if action_name == "action_extract_case_facts":
            latest = tracker.latest_message
            message = {**(latest.parse_data or {}), "text": latest.text} if latest else {}
            loop = tracker.active_loop_name
            return [SlotSet(k, v) for k, v in fold_message(slots, message, loop).items()]
        if action_name == "action_triage":
            message, result_slots = result_message(slots)
            await output_channel.send_response(tracker.sender_id, message)
            return [SlotSet(k, v) for k, v in result_slots.items()] + [SlotSet(REQUESTED_SLOT, None)]
    except Exception as error:  # noqa: BLE001 - fall back to the failure message
        logger.error("in-process %s failed: %s", action_name, type(error).__name__)
    return None


def install() -> None:
    if getattr(RemoteAction.run, "_charley_safe", False):
        return
    original = RemoteAction.run
    # A module constant RemoteAction reads at call time; kept well below the 60 s lock lifetime.
    rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT_SECONDS

    async def run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> List[Event]:
        turn = _turn(tracker)
        if turn in _failed_turns:
            handled = await _in_process(self.name(), output_channel, tracker)
            return handled if handled is not None else _fallback_events(self.name())
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - whatever broke, the person must hear back
            logger.error("custom action %s failed: %s", self.name(), type(error).__name__)
            _remember(turn)
            handled = await _in_process(self.name(), output_channel, tracker)
            if handled is not None and self.name() == "action_triage":
                return handled  # the result itself went out: no failure message needed
            await output_channel.send_response(tracker.sender_id, {"text": failure_text()})
            return handled if handled is not None else _fallback_events(self.name())

    run._charley_safe = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
