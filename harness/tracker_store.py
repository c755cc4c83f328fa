"""A throw-away tracker store for the stack tests, SQLite or PostgreSQL, and what is stored in it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy

from harness.databases import drop_postgres_database, postgres_database
from harness.stack import TRACKER_STORE_TYPE, sqlite_store

BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class TrackerDatabase:
    backend: str
    url: str  # SQLAlchemy URL the tests read the events with
    store: str  # the `tracker_store:` section of an endpoints file, as Rasa reads it
    name: str | None = None  # the PostgreSQL database


@contextmanager
def tracker_database(backend: str, workdir: Path) -> Iterator[TrackerDatabase]:
    """A SQLite file in `workdir`, or a fresh PostgreSQL database that is dropped afterwards
    (skipped if PostgreSQL is unreachable, failed with CI=true)."""
    if backend == "sqlite":
        db = workdir / "tracker.db"
        yield TrackerDatabase(backend, f"sqlite:///{db}", sqlite_store(db))
        return
    assert backend == "postgresql", backend
    name, url = postgres_database()
    store = (
        f"tracker_store:\n  type: {TRACKER_STORE_TYPE}\n  dialect: postgresql\n  url: 127.0.0.1\n  port: 5432\n"
        f"  db: {name}\n  username: postgres\n"
    )
    try:
        yield TrackerDatabase(backend, url, store, name)
    finally:
        drop_postgres_database(name)


def endpoints_file(workdir: Path, action_url: str, database: TrackerDatabase, more: str = "") -> Path:
    """The endpoints file of a test server; `more` adds sections (a lock store, say)."""
    path = workdir / "endpoints.yml"
    path.write_text(f'action_endpoint:\n  url: "{action_url}"\n{database.store}{more}')
    return path


def event_rows(url: str, sender: str | None = None) -> list[tuple]:
    """`(id, sender_id, type_name, timestamp, data)` of the stored events of `sender` (or all)."""
    query = "SELECT id, sender_id, type_name, timestamp, data FROM events"
    if sender is not None:
        query += " WHERE sender_id = :s"
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text(query + " ORDER BY id"), {"s": sender})
            return [tuple(row) for row in rows]
    finally:
        engine.dispose()


def events(url: str, sender: str) -> list[tuple]:
    """`(type_name, data)` of every stored event of `sender`, in order."""
    return [(type_name, data) for _, _, type_name, _, data in event_rows(url, sender)]
