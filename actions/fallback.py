"""When no rule fits a turn: say so, and inside the questions ask the pending question again, so a
reply Charley could not place never leaves the person without a question or a way forward."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import SafeAction

TRIAGE_FORM = "triage_form"


class ActionDefaultFallback(SafeAction):
    def name(self) -> str:
        return "action_default_fallback"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(response="utter_default")
        if (tracker.active_loop or {}).get("name") == TRIAGE_FORM:
            # The form reads this reply as one it could not use and asks its question again.
            return [FollowupAction(TRIAGE_FORM)]
        return [UserUtteranceReverted()]
