"""The README's run command, exactly as a newcomer types it: it starts, says where to chat, answers."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from bot.triage.knowledge import load_knowledge
from tests.support.stack import free_port

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.stack


def test_make_run_starts_charley_and_prints_where_to_chat(tmp_path):
    rasa_port, actions_port = free_port(), free_port()
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTIONS_PORT=str(actions_port))
    log = tmp_path / "make-run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["make", "run"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 240
        while "Charley is running" not in log.read_text(errors="replace"):
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "make run did not report that Charley is running"
            time.sleep(1)
        text = log.read_text(errors="replace")
        assert f"http://localhost:{rasa_port}/webhooks/widget/demo" in text
        reply = requests.post(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            json={"sender": "readme", "message": "my calf keeps seizing up at night, no swelling"},
            timeout=30,
        )
        assert reply.status_code == 200, reply.text
        said = " ".join(m.get("text") or "" for m in reply.json())
        assert "went wrong" not in said  # the action server on ACTIONS_PORT answered
        assert load_knowledge().question("duration").text in said
        assert (
            requests.get(f"http://127.0.0.1:{rasa_port}/webhooks/widget/demo", timeout=10).status_code == 200
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
