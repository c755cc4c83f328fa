"""Lets a tracker store failure reach the channel instead of starting a blank conversation.

Rasa 3.6 wraps every tracker store in a `FailSafeTrackerStore` that, when the database cannot be
read, silently starts a fresh conversation in memory (and logs the failing SQL with its
parameters): the person would be greeted as new and the turn lost. Passing the error on lets
`bot/channels/safety_net.py` tell the person that their record cannot be reached.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import FailSafeTrackerStore


async def _retrieve(self: FailSafeTrackerStore, sender_id: str) -> Any:
    return await self._tracker_store.retrieve(sender_id)


async def _retrieve_full_tracker(self: FailSafeTrackerStore, sender_id: str) -> Any:
    return await self._tracker_store.retrieve_full_tracker(sender_id)


async def _save(self: FailSafeTrackerStore, tracker: Any) -> None:
    await self._tracker_store.save(tracker)


def install() -> None:
    FailSafeTrackerStore.retrieve = _retrieve  # type: ignore[method-assign]
    FailSafeTrackerStore.retrieve_full_tracker = _retrieve_full_tracker  # type: ignore[method-assign]
    FailSafeTrackerStore.save = _save  # type: ignore[method-assign]
