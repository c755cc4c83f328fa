"""Rasa's SQL tracker store with the same table and rows, made cheaper per turn.

Every message loads the conversation and stores the turn's new events. With Rasa 3.6's
`SQLTrackerStore` that was a third of the Rasa server's CPU time (docs/benchmarks.md):

* SQLAlchemy 1.4 gives a SQLite file a `NullPool`, so every load and every save opened the file,
  and closing the last connection checkpointed the write-ahead log. Here the engine keeps its
  connections (SQLAlchemy 2.0's default for SQLite files).
* loading built an ORM object per stored event only to read its JSON, and every load and save
  built the same ORM query again; here two plain SQL statements (the same conditions as Rasa's
  `_event_query`) read only that column or count, and one multi-row INSERT saves.

SQLite also runs in write-ahead-log mode with synchronous=NORMAL: each commit no longer rewrites a
rollback journal and syncs twice. The database stays consistent after a crash of the process or
the machine; only the last turns before a power cut may be lost. PostgreSQL keeps Rasa's engine
(pool settings from SQL_POOL_SIZE / SQL_MAX_OVERFLOW) and gets the leaner queries.

Configured in endpoints.yml as `type: bot.rasa_overrides.tracker_store.CharleySQLTrackerStore` with
Rasa's SQL options (dialect, db, url, port, username, password).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
from typing import Any, Iterator

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

# Rasa's own logger and wording, so debug logs (and scripts/bench/profile.py) read the same.
logger = logging.getLogger("rasa.core.tracker_store")

# The events of a conversation, or of its latest session only: those from its latest
# SessionStarted on, or all of them if it never had one.
_CONVERSATION = "FROM events WHERE sender_id = :sender_id"
_SESSION_START = f"(SELECT max(timestamp) FROM events WHERE sender_id = :sender_id AND type_name = '{SessionStarted.type_name}')"
_LATEST_SESSION = f"{_CONVERSATION} AND (timestamp >= {_SESSION_START} OR {_SESSION_START} IS NULL)"
_READ = {
    True: sa.text(f"SELECT data {_CONVERSATION} ORDER BY id"),
    False: sa.text(f"SELECT data {_LATEST_SESSION} ORDER BY id"),
}
_COUNT_LATEST_SESSION = sa.text(f"SELECT count(*) {_LATEST_SESSION}")
_LAST_STORED = sa.text(f"SELECT data {_LATEST_SESSION} ORDER BY id DESC LIMIT 1")
# Saves of one conversation wait for each other until commit (PostgreSQL's default isolation would
# let two saves count the same stored events); SQLite serialises writers already.
_SERIALISE_SAVES = {"postgresql": sa.text("SELECT pg_advisory_xact_lock(hashtext(:sender_id))")}


class StoreRequestError(RuntimeError):
    """The database refused one request's data (not the connection): that request fails alone."""


class ConversationChangedError(RuntimeError):
    """Another server stored events of this conversation after this turn loaded it: saving would
    drop this turn's message or theirs, so the turn is not stored and the person is told."""


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


class CharleySQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            # Rasa uses the store from its event-loop thread only; a pooled connection may still
            # be handed to another thread by SQLAlchemy, hence check_same_thread off.
            self.engine = sa.create_engine(
                url, poolclass=QueuePool, connect_args={"check_same_thread": False}
            )
            event.listen(self.engine, "connect", _tune_sqlite)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    @contextlib.contextmanager
    def session_scope(self) -> Iterator[Session]:
        """Rasa's scope turns any ValueError raised inside it into `sys.exit(1)`, meant for a
        missing PostgreSQL schema; a sender id the database driver rejects (a lone surrogate in
        SQLite, NUL in PostgreSQL) raises one too and would stop the whole server. Rasa's scope
        still checks the schema and closes the session; a ValueError from the work inside it
        fails this one request instead."""
        with super().session_scope() as session:
            try:
                yield session
            except ValueError as error:
                raise StoreRequestError(type(error).__name__) from None

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            rows = session.execute(_READ[fetch_events_from_all_sessions], {"sender_id": sender_id}).all()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for (data,) in rows], self.domain.slots
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender = {"sender_id": tracker.sender_id}
        with self.session_scope() as session:
            serialise = _SERIALISE_SAVES.get(self.engine.dialect.name)
            if serialise is not None:
                session.execute(serialise, sender)
            stored = session.execute(_COUNT_LATEST_SESSION, sender).scalar()
            if not _continues(tracker, stored, session.execute(_LAST_STORED, sender).scalar()):
                raise ConversationChangedError(
                    "The conversation was changed by another server while this turn ran."
                )
            rows = [
                self._row(tracker.sender_id, e.type_name, e.as_dict())
                for e in itertools.islice(tracker.events, stored, None)
            ]
            if rows:
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            session.commit()
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")

    @staticmethod
    def _row(sender_id: str, type_name: str, data: dict[str, Any]) -> dict[str, Any]:
        """The columns Rasa's own store writes for an event."""
        return {
            "sender_id": sender_id,
            "type_name": type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }


def _continues(tracker: DialogueStateTracker, stored: int, last_stored: str | None) -> bool:
    """Whether the tracker holds the stored events and this turn's after them: its event at the
    last stored position is the one stored there (timestamps are unique to the microsecond)."""
    if not stored:
        return True
    if stored > len(tracker.events) or last_stored is None:
        return False
    mine, theirs = tracker.events[stored - 1].as_dict(), json.loads(last_stored)
    return mine.get("event") == theirs.get("event") and mine.get("timestamp") == theirs.get("timestamp")
