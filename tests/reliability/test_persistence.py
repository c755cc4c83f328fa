"""Restart both servers in the middle of a conversation: every event is still there and the
conversation carries on where it was, with SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import pytest

from harness.conversation import Conversation
from harness.stack import ActionServer, RasaServer, ensure_model
from harness.tracker_store import BACKENDS, endpoints_file, events, tracker_database

pytestmark = pytest.mark.stack


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_restart_mid_conversation_loses_nothing(tmp_path, backend):
    ensure_model()
    with tracker_database(backend, tmp_path) as database:
        url = database.url
        actions = ActionServer(tmp_path).start()
        rasa = RasaServer(tmp_path, endpoints_file(tmp_path, actions.url, database)).start()
        convo = Conversation(rasa.say)
        try:
            first = convo.send("my calf cramps at night since I started a water pill, no swelling")
            second = convo.send("no, none of those")
            assert first.question is not None and second.question is not None
            pending = second.question.id
            before = events(url, convo.sender)
        finally:
            rasa.stop()
            actions.stop()

        actions = ActionServer(tmp_path, port=actions.port).start()
        rasa = RasaServer(tmp_path, rasa.endpoints, port=rasa.port).start()
        try:
            after_restart = events(url, convo.sender)
            assert after_restart[: len(before)] == before and len(before) > 10
            reply = convo.send(
                {"ongoing_days": "about a week", "frequency": "Now and then"}.get(pending, "I don't know")
            )
            done = convo.answer_until_result(reply, {})
            assert (
                done.triage is not None and done.triage["level"] == "routine"
            )  # the water pill was remembered
            assert not convo.repeated_questions()
            stored = events(url, convo.sender)
            assert stored[: len(before)] == before and len(stored) > len(before)
        finally:
            rasa.stop()
            actions.stop()
