"""Charley's SQL tracker store writes and reads exactly what Rasa's own SQL store does.

The stores meet the same conversation: several turns, a restarted session, a question-and-answer
with entities. Both are read back by both, row by row, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import class_from_module_path

from bot.rasa_overrides.tracker_store import CharleySQLTrackerStore
from harness.databases import drop_postgres_database, postgres_database
from harness.stack import ROOT, TRACKER_STORE_TYPE

DOMAIN = Domain.from_file(str(ROOT / "domain.yml"))
COLUMNS = "sender_id, type_name, timestamp, intent_name, action_name, data"


def _turns(sender: str) -> list[list]:
    parse = {
        "intent": {"name": "describe_spasm", "confidence": 0.97},
        "entities": [{"entity": "body_location", "value": "calf", "extractor": "ClinicalEntityExtractor"}],
        "text": "my calf cramps at night",
    }
    return [
        [ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.1)],
        [
            ActionExecuted("action_listen", timestamp=2.0),
            UserUttered("my calf cramps at night", parse_data=parse, timestamp=2.1),
            SlotSet("body_location", "calf", timestamp=2.2),
            BotUttered("How long does one episode last?", timestamp=2.3),
        ],
        [ActionExecuted("action_listen", timestamp=3.0), UserUttered("a minute", timestamp=3.1)],
        # A new session in the same conversation: `retrieve` reads from here on.
        [ActionExecuted("action_session_start", timestamp=4.0), SessionStarted(timestamp=4.1)],
        [ActionExecuted("action_listen", timestamp=5.0), UserUttered("hello again", timestamp=5.1)],
    ]


def _converse(store: SQLTrackerStore, sender: str) -> None:
    """Saves the conversation turn by turn, each time from the tracker the store hands back."""

    async def go() -> None:
        for turn in _turns(sender):
            tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
            for event in turn:
                tracker.update(event)
            await store.save(tracker)

    asyncio.run(go())


def _rows(store: SQLTrackerStore) -> list[tuple]:
    with store.engine.connect() as connection:
        return [
            tuple(r) for r in connection.execute(sqlalchemy.text(f"SELECT {COLUMNS} FROM events ORDER BY id"))
        ]


def _stores(backend: str, workdir: Path):
    """(Rasa's store, Charley's store) on two fresh databases of `backend`, and a cleanup."""
    if backend == "sqlite":
        made = [
            cls(DOMAIN, dialect="sqlite", db=str(workdir / f"{cls.__name__}.db"))
            for cls in (SQLTrackerStore, CharleySQLTrackerStore)
        ]
        return made, lambda: [s.engine.dispose() for s in made]
    names = [postgres_database()[0] for _ in range(2)]
    made = [
        cls(DOMAIN, dialect="postgresql", host="127.0.0.1", port=5432, db=name, username="postgres")
        for cls, name in zip((SQLTrackerStore, CharleySQLTrackerStore), names, strict=True)
    ]

    def cleanup() -> None:
        for store in made:
            store.engine.dispose()
        for name in names:
            drop_postgres_database(name)

    return made, cleanup


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_stores_the_same_rows_as_rasas_own_sql_store_and_reads_them_back_alike(backend, tmp_path):
    (rasa_store, charley_store), cleanup = _stores(backend, tmp_path)
    try:
        for store in (rasa_store, charley_store):
            _converse(store, "person")
        assert _rows(charley_store) == _rows(rasa_store)
        assert len(_rows(charley_store)) == sum(len(turn) for turn in _turns("person"))

        for reader in (rasa_store, charley_store):
            ours = asyncio.run(reader.retrieve("person"))
            theirs = asyncio.run(rasa_store.retrieve("person"))
            assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in theirs.events]
            # Only the latest session: from its SessionStarted on.
            assert [(type(e).__name__, e.timestamp) for e in ours.events][0] == ("SessionStarted", 4.1)
            assert len(ours.events) == 3
            full = asyncio.run(reader.retrieve_full_tracker("person"))
            assert len(full.events) == len(_rows(rasa_store))
        # Rasa's own store reads what Charley's wrote (a rollback to the stock store loses nothing).
        rasa_reads_ours = SQLTrackerStore(DOMAIN, **_same_database(charley_store))
        assert asyncio.run(rasa_reads_ours.retrieve_full_tracker("person")).current_state() == (
            asyncio.run(charley_store.retrieve_full_tracker("person")).current_state()
        )
        rasa_reads_ours.engine.dispose()
        assert asyncio.run(charley_store.retrieve("nobody")) is None
    finally:
        cleanup()


def _same_database(store: SQLTrackerStore) -> dict:
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        return {"dialect": "sqlite", "db": url.database}
    return {
        "dialect": "postgresql",
        "host": url.host,
        "port": url.port,
        "db": url.database,
        "username": url.username,
    }


def test_the_sqlite_store_keeps_one_connection_in_write_ahead_log_mode(tmp_path):
    store = CharleySQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    connects: list[object] = []
    sqlalchemy.event.listen(store.engine, "connect", lambda *_: connects.append(1))
    try:
        _converse(store, "person")
        assert len(connects) == 1  # Rasa's NullPool opened the file on every load and every save
        with store.engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(sqlalchemy.text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    finally:
        store.engine.dispose()


def test_the_endpoint_files_use_this_store_and_rasa_can_load_it():
    for path in (ROOT / "endpoints.yml", ROOT / "deploy" / "endpoints.production.yml"):
        assert yaml.safe_load(path.read_text())["tracker_store"]["type"] == TRACKER_STORE_TYPE, path
    # Rasa falls back to an in-memory store (with only a warning) when the class can't be loaded.
    assert class_from_module_path(TRACKER_STORE_TYPE) is CharleySQLTrackerStore


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("sender", ["\udfff", "nul\u0000id"])
def test_a_sender_the_database_refuses_fails_that_request_only(backend, sender, tmp_path):
    """Rasa's store calls sys.exit(1) on any ValueError in its session: the whole server stopped."""
    (_, store), cleanup = _stores(backend, tmp_path)
    try:
        tracker = DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen")])
        try:
            asyncio.run(store.save(tracker))
            asyncio.run(store.retrieve(sender))
        except SystemExit:  # pragma: no cover - the failure this test guards against
            pytest.fail("the tracker store exited the process")
        except Exception:  # noqa: BLE001 - refusing the row is fine, exiting is not
            pass
        ok = DialogueStateTracker.from_events("ordinary", [ActionExecuted("action_listen")])
        asyncio.run(store.save(ok))
        assert asyncio.run(store.retrieve("ordinary")) is not None
    finally:
        cleanup()
