"""Rasa's Redis lock store with every change to a lock made atomically.

Rasa 3.6's `RedisLockStore` changes a conversation's ticket lock by reading it (`GET`), changing it
in Python and writing it back (`SET`). Two Rasa servers taking messages of one conversation at the
same moment both read the same lock: both issue the same ticket number and run side by side, or
one server's `SET` wipes a ticket the other has just issued (RasaHQ/rasa#9213). Their events then
interleave in the shared tracker store and a message is lost although both requests were answered
(4 of 120 in an outside probe). Here each change runs in a Redis transaction watching the lock's
key, retried when another server changed the key in between (optimistic locking), so tickets are
handed out and given back one at a time across any number of servers.

Configured in endpoints.yml as `type: bot.rasa_overrides.lock_store.AtomicRedisLockStore` with the
options of Rasa's `redis` lock store (url, port, db, password, key_prefix, ...).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Callable, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# What a change does: from the stored lock (or None), the lock to store (None deletes it) and a result.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id
        outcome: list[T] = []

        def attempt(pipe: Any) -> None:
            outcome.clear()
            raw = pipe.get(key)
            lock, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
            outcome.append(result)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())

        # redis-py re-runs `attempt` whenever the watched key changed before EXEC.
        self.red.transaction(attempt, key)
        return outcome[0]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # noqa: BLE001 - Rasa's contract: any failure is a LockError
            raise LockError(f"Error while acquiring lock: {type(error).__name__}") from error

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncIterator[TicketLock]:
        """Rasa's ticket lock, except that a waiter whose own ticket expired queues again.

        In Rasa's loop a waiter whose ticket expired (the holder outlived it: a server killed
        mid-turn leaves its ticket until TICKET_LOCK_LIFETIME) is never served and waits until the
        client gives up; this happened whenever it had queued within a second of the dead ticket.
        """
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is None or not any(t.number == ticket and not t.has_expired() for t in lock.tickets):
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                if not lock.is_locked(ticket):
                    break
                await asyncio.sleep(wait_time_in_seconds)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Gives the ticket back and deletes the lock when nobody else holds a ticket, in one step:
        Rasa's check-then-delete could delete a ticket another server had just been issued."""

        def give_back(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, give_back)
