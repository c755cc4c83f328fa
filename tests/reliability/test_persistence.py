"""Restart both servers in the middle of a conversation: every event is still there and the
conversation carries on where it was, with SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy

from tests.support.conversation import Conversation
from tests.support.stack import ActionServer, RasaServer, ensure_model

pytestmark = pytest.mark.stack
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _endpoints(workdir: Path, action_url: str, store: str) -> Path:
    path = workdir / "endpoints.yml"
    path.write_text(f'action_endpoint:\n  url: "{action_url}"\ntracker_store:\n{store}')
    return path


def _events(url: str, sender: str) -> list[tuple]:
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sqlalchemy.text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                {"s": sender},
            )
            return [tuple(row) for row in rows]
    finally:
        engine.dispose()


def _drop_postgres_database(name: str) -> None:
    engine = sqlalchemy.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


def _postgres_database() -> tuple[str, str] | None:
    try:
        engine = sqlalchemy.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        name = f"charley_test_{uuid.uuid4().hex[:8]}"
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(f"CREATE DATABASE {name}"))
        return name, f"postgresql://postgres@127.0.0.1:5432/{name}"
    except Exception as error:  # noqa: BLE001 - any failure means the service is not usable here
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is required in CI: {error}")
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 is not reachable: {error}")
        return None


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_restart_mid_conversation_loses_nothing(tmp_path, backend):
    ensure_model()
    name = None
    if backend == "sqlite":
        db = tmp_path / "tracker.db"
        store, url = f"  type: SQL\n  dialect: sqlite\n  db: {db}\n", f"sqlite:///{db}"
    else:
        name, url = _postgres_database()
        store = (
            f"  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n  port: 5432\n  db: {name}\n"
            "  username: postgres\n"
        )
    actions = ActionServer(tmp_path).start()
    rasa = RasaServer(tmp_path, _endpoints(tmp_path, actions.url, store)).start()
    convo = Conversation(rasa.say)
    try:
        first = convo.send("my calf cramps at night since I started a water pill, no swelling")
        second = convo.send("a few seconds")
        assert first.question is not None and second.question is not None
        pending = second.question.id
        before = _events(url, convo.sender)
    finally:
        rasa.stop()
        actions.stop()

    actions = ActionServer(tmp_path, port=actions.port).start()
    rasa = RasaServer(tmp_path, rasa.endpoints, port=rasa.port).start()
    try:
        after_restart = _events(url, convo.sender)
        assert after_restart[: len(before)] == before and len(before) > 10
        reply = convo.send(
            {"ongoing_days": "about a week", "frequency": "Now and then"}.get(pending, "I don't know")
        )
        done = convo.answer_until_result(reply, {})
        assert done.triage is not None and done.triage["level"] == "routine"  # the water pill was remembered
        assert not convo.repeated_questions()
        events = _events(url, convo.sender)
        assert events[: len(before)] == before and len(events) > len(before)
    finally:
        rasa.stop()
        actions.stop()
        if name:
            _drop_postgres_database(name)
