"""Failures below the conversation: the person is told what happened and how to get emergency
help, never answered with silence or with a conversation that silently starts over."""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
import sqlalchemy

from bot.channels.rest import NOT_STORED_STATUS
from bot.triage.knowledge import load_knowledge
from harness.conversation import Conversation, Reply
from harness.databases import POSTGRES_ADMIN
from harness.socketio_client import Client
from harness.stack import ActionServer, RasaServer, ensure_model, sqlite_endpoints
from harness.tracker_store import TrackerDatabase, endpoints_file, tracker_database
from scripts.check_answering import reply_problem

pytestmark = pytest.mark.stack


def test_a_model_that_failed_to_load_still_tells_the_person_what_to_do(tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(gzip.compress(b"not a model"))
    actions = ActionServer(tmp_path).start()
    rasa = RasaServer(tmp_path, sqlite_endpoints(tmp_path, actions.url, tmp_path / "t.db"), model=broken)
    try:
        rasa.start()
        reply = rasa.say("someone", "my calf cramps at night")  # stock Rasa answers [] here
        # ... and `make run` does not claim that Charley is running.
        assert "failure message" in (reply_problem(rasa.url) or "")
    finally:
        rasa.stop()
        actions.stop()
    knowledge = load_knowledge()
    assert [m["text"] for m in reply] == [f"{knowledge.failure} {knowledge.emergency_line}"]


def _allow_connections(database: str, allowed: bool) -> None:
    engine = sqlalchemy.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(
            sqlalchemy.text(f"ALTER DATABASE {database} ALLOW_CONNECTIONS {str(allowed).lower()}")
        )
        if not allowed:  # and drop the connections Rasa already holds
            connection.execute(
                sqlalchemy.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"),
                {"d": database},
            )
    engine.dispose()


@contextmanager
def _asking_the_warning_signs(
    backend: str, tmp_path: Path
) -> Iterator[tuple[TrackerDatabase, RasaServer, Conversation]]:
    """Charley on a fresh store of `backend`, one message in: it asks about the warning signs."""
    ensure_model()
    with tracker_database(backend, tmp_path) as database:
        actions = ActionServer(tmp_path).start()
        rasa = RasaServer(tmp_path, endpoints_file(tmp_path, actions.url, database)).start()
        try:
            convo = Conversation(rasa.say)
            first = convo.send("my calf cramps at night since I started a water pill, no swelling")
            assert first.question is not None and first.question.id == "accompanying_symptoms"
            yield database, rasa, convo
        finally:
            rasa.stop()
            actions.stop()


def _assert_told_the_store_is_unavailable(reply: Reply) -> None:
    knowledge = load_knowledge()
    assert reply.text == f"{knowledge.store_unavailable} {knowledge.emergency_line}"
    assert reply.question is None and reply.triage is None


def test_an_unreachable_tracker_store_gets_a_clear_message_not_a_fresh_start(tmp_path):
    with _asking_the_warning_signs("postgresql", tmp_path) as (database, rasa, convo):
        _allow_connections(database.name, False)
        try:
            for _ in range(2):  # the pool's dead connection, then a refused new one
                _assert_told_the_store_is_unavailable(convo.send("no, none of those"))
        finally:
            _allow_connections(database.name, True)

        # Back: the conversation carries on from what was stored before, not from scratch.
        back = convo.send("no, none of those")
        assert back.question is not None and back.question.id not in (
            "body_location",
            "accompanying_symptoms",
        )
        done = convo.answer_until_result(back, {"ongoing_days": "about a week"})
        assert done.triage is not None and done.triage["level"] == "routine"  # the water pill
        assert "accompanying_symptoms" not in convo.asked[1:]
    log = rasa.log_path.read_text(errors="replace")
    assert "tracker or lock store unreachable" in log and "no, none of those" not in log


REFUSE_WRITES = {
    "sqlite": [
        "CREATE TRIGGER refuse_writes BEFORE INSERT ON events BEGIN SELECT RAISE(FAIL, 'disk full'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_writes() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$"
        " LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_writes BEFORE INSERT ON events FOR EACH STATEMENT"
        " EXECUTE FUNCTION refuse_writes()",
    ],
}
ALLOW_WRITES = {
    "sqlite": ["DROP TRIGGER refuse_writes"],
    "postgresql": ["DROP TRIGGER refuse_writes ON events", "DROP FUNCTION refuse_writes()"],
}


def _run_sql(url: str, statements: list[str]) -> None:
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(sqlalchemy.text(statement))
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_that_cannot_be_written_is_never_acknowledged(backend, tmp_path):
    """Full disk or read-only database: the reply says so with the emergency line, and the advice
    of a turn that was not stored is not given as if it had been."""
    with _asking_the_warning_signs(backend, tmp_path) as (database, rasa, convo):
        _run_sql(database.url, REFUSE_WRITES[backend])
        try:
            for text in ("no, none of those", "my calf is swollen and hot"):
                _assert_told_the_store_is_unavailable(convo.send(text))
            # and the client sees an error, not a 200 that looks like a stored turn
            raw = requests.post(
                f"{rasa.url}/webhooks/rest/webhook",
                json={"sender": convo.sender, "message": "hi"},
                timeout=30,
            )
            assert raw.status_code == NOT_STORED_STATUS
        finally:
            _run_sql(database.url, ALLOW_WRITES[backend])
        # Nothing of the refused turns was kept: the pending question is asked again.
        back = convo.send("no, none of those")
        assert back.question is not None and back.question.id != "accompanying_symptoms"
        assert back.question.id != "body_location"


def test_the_widget_gets_no_advice_from_a_turn_that_was_not_stored(tmp_path):
    """Rasa sends each reply as an action utters it and saves at the end of the turn: over the
    widget's socket, the emergency card of an unstored turn arrived before the failure text."""
    with _asking_the_warning_signs("sqlite", tmp_path) as (database, rasa, _):
        client = Client(rasa.url)
        try:
            session = client.request_session(uuid.uuid4().hex)
            asked = client.say(session, "my calf cramps at night")
            assert asked and not any("triage" in (m.get("custom") or {}) for m in asked)
            _run_sql(database.url, REFUSE_WRITES["sqlite"])
            try:
                said = client.say(session, "my calf is swollen and hot")
            finally:
                _run_sql(database.url, ALLOW_WRITES["sqlite"])
        finally:
            client.close()
    knowledge = load_knowledge()
    assert [m.get("text") for m in said] == [f"{knowledge.store_unavailable} {knowledge.emergency_line}"]
