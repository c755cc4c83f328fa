"""When the action server is killed, slow or answers garbage, the person still hears back in
under 5 seconds with how to get emergency help, and the conversation resumes once it is back."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.triage.knowledge import load_knowledge
from harness.conversation import Conversation
from harness.stack import ActionServer, RasaServer, free_port, sqlite_endpoints

pytestmark = pytest.mark.stack


class Switchboard(http.server.ThreadingHTTPServer):
    """Sits between Rasa and the action server: forwards, or misbehaves on demand."""

    daemon_threads = True

    def __init__(self, target: str) -> None:
        self.mode = "forward"
        self.target = target
        super().__init__(("127.0.0.1", free_port()), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/webhook"


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = self.server.mode
        if mode == "slow":
            time.sleep(10)
        if mode == "garbage":
            self._reply(200, b"<html>this is not what an action server says</html>", "text/html")
            return
        if mode == "bad_events":
            self._reply(200, b'{"events": [{"event": "no_such_event"}], "responses": 42}', "application/json")
            return
        request = urllib.request.Request(
            self.server.target, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                self._reply(response.status, response.read(), "application/json")
        except urllib.error.HTTPError as error:
            self._reply(error.code, error.read(), "application/json")
        except OSError:
            self.close_connection = True  # the action server is gone: drop the connection

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from harness.stack import ensure_model

    ensure_model()
    workdir: Path = tmp_path_factory.mktemp("failures")
    actions = ActionServer(workdir).start()
    board = Switchboard(actions.url)
    threading.Thread(target=board.serve_forever, daemon=True).start()
    rasa = RasaServer(workdir, sqlite_endpoints(workdir, board.url, workdir / "tracker.db")).start()
    try:
        yield rasa, board, actions
    finally:
        rasa.stop()
        board.shutdown()
        actions.stop()


def _timed(convo: Conversation, text: str):
    started = time.monotonic()
    reply = convo.send(text)
    return reply, time.monotonic() - started


@pytest.mark.parametrize("mode", ["killed", "slow", "garbage", "bad_events"])
def test_failure_gives_a_safe_reply_fast_and_the_conversation_resumes(stack, mode):
    rasa, board, actions = stack
    convo = Conversation(rasa.say)
    first = convo.send("my calf cramps after running")
    assert first.question is not None
    if mode == "killed":
        actions.stop()
    else:
        board.mode = mode
    try:
        reply, seconds = _timed(convo, "a few seconds")
        assert load_knowledge().emergency_line in reply.text
        assert seconds < 5, f"{mode}: {seconds:.1f} s"
    finally:
        if mode == "killed":
            actions.start()
        board.mode = "forward"
    # back to normal: the same conversation carries on to a result
    reply = convo.send("a few seconds")
    done = convo.answer_until_result(reply, {})
    assert done.triage is not None


def test_a_red_flag_typed_while_the_action_server_is_down_is_answered_and_recorded(stack):
    rasa, board, actions = stack
    convo = Conversation(rasa.say)
    first = convo.send("my calf cramps after running")
    assert first.question is not None
    actions.stop()
    try:
        reply, seconds = _timed(convo, "now my calf is warm to the touch")
        assert reply.triage is not None and reply.triage["level"] == "emergency", reply.text
        assert "warmth" in reply.triage["facts"]["present"]
        assert seconds < 5
    finally:
        actions.start()
    summary = convo.send("Summary for my doctor")
    assert "the area feels warm or hot" in summary.text, summary.text
