"""Who can reach the action server: `python -m rasa_sdk` listened on every interface without any
authentication, so anyone who could reach port 5055 could run the actions on a tracker of their
choosing. Charley's action server listens on loopback by default and asks for a token when one
is set, which Rasa sends from the endpoints file."""

from __future__ import annotations

import secrets
import socket

import pytest
import requests

from harness.conversation import Conversation
from harness.stack import ActionServer, RasaServer, accepts_connections, ensure_model, sqlite_endpoints

pytestmark = pytest.mark.stack

CALL = {"next_action": "action_show_summary", "sender_id": "x", "tracker": {"sender_id": "x", "events": []}}


def _outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_the_action_server_listens_on_loopback_only(tmp_path):
    address = _outward_address()
    if address is None:
        pytest.skip("this machine has no address besides loopback")
    actions = ActionServer(tmp_path).start()
    try:
        assert accepts_connections("127.0.0.1", actions.port)
        assert not accepts_connections(address, actions.port), f"reachable on {address}"
    finally:
        actions.stop()


def test_with_a_token_set_only_rasa_with_that_token_gets_answers(tmp_path):
    ensure_model()
    token = secrets.token_hex(32)
    actions = ActionServer(tmp_path, env={"CHARLEY_ACTIONS_TOKEN": token}).start()  # waits on /health
    endpoints = sqlite_endpoints(tmp_path, actions.url, tmp_path / "tracker.db")
    endpoints.write_text(endpoints.read_text().replace('/webhook"\n', f'/webhook"\n  token: "{token}"\n', 1))
    rasa = RasaServer(tmp_path, endpoints)
    try:
        for wrong in ("", "?token=" + secrets.token_hex(32)):
            refused = requests.post(actions.url + wrong, json=CALL, timeout=10)
            assert refused.status_code == 401, refused.text
        rasa.start()
        reply = Conversation(rasa.say).send("my calf is swollen, red and hot")
        assert reply.triage is not None and reply.triage["level"] == "emergency", reply.text
    finally:
        rasa.stop()
        actions.stop()
