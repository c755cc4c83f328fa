"""The README's run command, exactly as a newcomer types it: it starts, says where to chat, answers."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jwt
import pytest
import requests

from bot.triage.knowledge import load_knowledge
from harness.stack import free_port
from scripts.check_answering import SENDER

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.stack


@contextmanager
def make_run(tmp_path: Path, **env: str) -> Iterator[tuple[int, Path]]:
    """`make run` on free ports until "Charley is running"; yields the Rasa port and the log."""
    rasa_port, actions_port = free_port(), free_port()
    log = tmp_path / "make-run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["make", "run"],
            cwd=ROOT,
            env=dict(os.environ, RASA_PORT=str(rasa_port), ACTIONS_PORT=str(actions_port), **env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 300
        while "Charley is running" not in log.read_text(errors="replace"):
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "make run did not report that Charley is running"
            time.sleep(1)
        yield rasa_port, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_make_run_starts_charley_and_prints_where_to_chat(tmp_path):
    # make run keeps conversations in the project's charley.db: a fresh sender starts afresh.
    sender = f"readme-{uuid.uuid4().hex[:8]}"
    with make_run(tmp_path) as (rasa_port, log):
        text = log.read_text(errors="replace")
        assert f"http://localhost:{rasa_port}/webhooks/widget/demo" in text
        reply = requests.post(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            json={"sender": sender, "message": "my calf keeps seizing up at night, no swelling"},
            timeout=30,
        )
        assert reply.status_code == 200, reply.text
        said = " ".join(m.get("text") or "" for m in reply.json())
        assert "went wrong" not in said  # the action server on ACTIONS_PORT answered
        assert load_knowledge().question("accompanying_symptoms").text in said
        assert (
            requests.get(f"http://127.0.0.1:{rasa_port}/webhooks/widget/demo", timeout=10).status_code == 200
        )
        # Rasa's HTTP API (trackers, conversations, model) is off by default.
        assert requests.get(f"http://127.0.0.1:{rasa_port}/status", timeout=10).status_code == 404
        tracker = requests.get(f"http://127.0.0.1:{rasa_port}/conversations/{sender}/tracker", timeout=10)
        assert tracker.status_code == 404


def test_the_http_api_is_only_open_with_its_token_or_a_signed_jwt(tmp_path):
    token, secret = "t" * 40, "s" * 40
    with make_run(tmp_path, CHARLEY_API_TOKEN=token, CHARLEY_JWT_SECRET=secret) as (rasa_port, _):
        tracker = f"http://127.0.0.1:{rasa_port}/conversations/{SENDER}/tracker"
        assert requests.get(tracker, timeout=10).status_code == 401
        assert requests.get(tracker, params={"token": "x" * 40}, timeout=10).status_code == 401
        forged = jwt.encode({"user": {"username": "x", "role": "admin"}}, "wrong" * 8, algorithm="HS256")
        assert (
            requests.get(tracker, headers={"Authorization": f"Bearer {forged}"}, timeout=10).status_code
            == 401
        )

        # Rasa's /version too: it named the exact Rasa version to anyone.
        version = f"http://127.0.0.1:{rasa_port}/version"
        assert requests.get(version, timeout=10).status_code == 401
        assert requests.get(version, params={"token": token}, timeout=10).status_code == 200

        by_token = requests.get(tracker, params={"token": token}, timeout=10)
        assert by_token.status_code == 200 and by_token.json()["sender_id"] == SENDER
        signed = jwt.encode({"user": {"username": "x", "role": "admin"}}, secret, algorithm="HS256")
        by_jwt = requests.get(tracker, headers={"Authorization": f"Bearer {signed}"}, timeout=10)
        assert by_jwt.status_code == 200


def test_a_short_api_token_is_refused(tmp_path):
    result = subprocess.run(
        ["make", "run"],
        cwd=ROOT,
        env=dict(os.environ, RASA_PORT=str(free_port()), CHARLEY_API_TOKEN="secret"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "CHARLEY_API_TOKEN must be at least 32 characters" in result.stderr
