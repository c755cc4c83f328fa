"""Retention: deletes the conversations whose last event is older than a number of days.

Works on the `events` table of Rasa's SQL tracker store (one row per event, `sender_id` and a
Unix `timestamp` per row) through any SQLAlchemy engine; building the engine from Rasa's
endpoint configuration is the caller's job (scripts/forget_conversations.py). No Rasa import.

A conversation is all events of one `sender_id`. It is deleted as a whole, or not at all: a
conversation that is old but got one message yesterday is kept, older sessions included.
Events without a timestamp do not count as recent or old; a conversation with no timestamp at
all is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

SECONDS_PER_DAY = 86_400
EVENTS_TABLE = "events"

_events = sa.table(EVENTS_TABLE, sa.column("sender_id"), sa.column("timestamp"))


@dataclass(frozen=True)
class RetentionResult:
    """What was deleted (or, in a dry run, would be): counts only, never ids or text."""

    conversations: int
    events: int
    cutoff: float  # Unix time: conversations whose last event is before this are deleted
    dry_run: bool


def cutoff_timestamp(older_than_days: int, now: float | None = None) -> float:
    """The Unix time `older_than_days` days before `now`; refuses fewer than 1 day."""
    if isinstance(older_than_days, bool) or not isinstance(older_than_days, int) or older_than_days < 1:
        raise ValueError(f"older_than_days must be a whole number of at least 1, not {older_than_days!r}")
    return (time.time() if now is None else now) - older_than_days * SECONDS_PER_DAY


def _expired_senders(cutoff: float) -> sa.sql.Select:
    return (
        sa.select(_events.c.sender_id)
        .group_by(_events.c.sender_id)
        .having(sa.func.max(_events.c.timestamp) < cutoff)
    )


def _count(connection: Connection, cutoff: float) -> tuple[int, int]:
    expired = _expired_senders(cutoff).subquery()
    conversations = connection.execute(sa.select(sa.func.count()).select_from(expired)).scalar_one()
    events = connection.execute(
        sa.select(sa.func.count())
        .select_from(_events)
        .where(_events.c.sender_id.in_(sa.select(expired.c.sender_id)))
    ).scalar_one()
    return int(conversations), int(events)


def forget_conversations(
    engine: Engine, older_than_days: int, *, dry_run: bool = False, now: float | None = None
) -> RetentionResult:
    """Deletes, in one transaction, every conversation whose last event is older than the cutoff.

    On PostgreSQL the table is locked against writes (reads go on) for the length of the
    transaction, so a message arriving meanwhile waits instead of slipping between the count and
    the delete. SQLite locks the database file for the delete itself, and overwrites the deleted
    rows with zeros (`secure_delete`) instead of leaving them readable in free pages. A tracker
    store whose `events` table does not exist yet holds no conversations: nothing is deleted.
    """
    cutoff = cutoff_timestamp(older_than_days, now)
    if not sa.inspect(engine).has_table(EVENTS_TABLE):
        return RetentionResult(0, 0, cutoff, dry_run)
    with engine.begin() as connection:
        if not dry_run and connection.dialect.name == "postgresql":
            connection.execute(sa.text(f"LOCK TABLE {EVENTS_TABLE} IN EXCLUSIVE MODE"))
        if not dry_run and connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA secure_delete = ON")
        conversations, events = _count(connection, cutoff)
        if dry_run or conversations == 0:
            return RetentionResult(conversations, events, cutoff, dry_run)
        # The condition is evaluated again inside the DELETE, so a conversation that received a
        # message after the count is never deleted (on SQLite, where nothing blocks that write).
        deleted = connection.execute(
            sa.delete(_events).where(_events.c.sender_id.in_(_expired_senders(cutoff)))
        ).rowcount
    return RetentionResult(conversations, int(deleted), cutoff, dry_run)
