"""Every action fails safe: whatever goes wrong, the person is told how to get emergency help."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.triage.render import failure_text
from bot.triage.turn import emergency_reminder_after_result

logger = logging.getLogger(__name__)


class SafeAction(Action, ABC):
    """Runs `act`; on any error logs the error type (never the person's words) and replies safely.

    After an emergency result, whatever the action said is followed by what to do now."""

    gives_result = False  # an action that sends the result says it all itself

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        try:
            events = await self.act(dispatcher, tracker, domain)
            reminder = None if self.gives_result else emergency_reminder_after_result(tracker.slots)
            if reminder and dispatcher.messages:
                dispatcher.utter_message(text=reminder)
            return events
        except Exception as error:  # noqa: BLE001 - the safety net must catch everything
            logger.error("action %s failed: %s", self.name(), type(error).__name__)
            dispatcher.messages.clear()
            dispatcher.utter_message(text=failure_text())
            return []
