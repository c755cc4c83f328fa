"""Sender ids and messages from an attacker: the server answers every one and keeps running.

Rasa's SQL tracker store turned a database `ValueError` (a lone surrogate in a SQLite sender id,
NUL on PostgreSQL) into `sys.exit(1)`: one unauthenticated request stopped the server.
"""

from __future__ import annotations

import json

import pytest
import requests

pytestmark = pytest.mark.stack

SENDERS = [
    "\udfff",
    "a\udfffb",
    "\ud800",
    "nul\u0000id",
    "\u0000",
    "../../etc/passwd",
    "..\\..\\windows",
    "a/b?c#d",
    "%00%2e%2e",
    "\u202eevil",
    "\x1b[31mred",
    "x" * 129,
    " ",
]
MESSAGES = [
    "\udfff",
    "calf \ud83d cramp",
    "my calf\u0000 cramps",
    "/\u0000",
    "x" * 1_000_000,
    "../../../../etc/passwd",
]


def _post(url: str, body: dict) -> requests.Response:
    # json.dumps writes a lone surrogate as the escape "\udfff", exactly what a hostile client sends.
    return requests.post(
        url + "/webhooks/rest/webhook",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def test_hostile_senders_and_messages_never_crash_or_5xx(charley):
    pid = charley.process.pid
    statuses = []
    for sender in SENDERS:
        statuses.append(_post(charley.url, {"sender": sender, "message": "my calf cramps"}).status_code)
    for i, message in enumerate(MESSAGES):
        statuses.append(_post(charley.url, {"sender": f"hostile-msg-{i}", "message": message}).status_code)
    assert all(s < 500 for s in statuses), statuses
    assert charley.process.poll() is None and charley.process.pid == pid
    # and the server still serves an ordinary person
    reply = charley.say("after-hostile", "my calf is swollen and hot")
    assert any("triage" in (m.get("custom") or {}) for m in reply), reply


def test_bad_sender_ids_are_refused_with_400(charley):
    for sender in ("\udfff", "nul\u0000id", "\u202eevil"):
        assert _post(charley.url, {"sender": sender, "message": "hi"}).status_code == 400


@pytest.mark.parametrize("sender", ["widget-0123456789abcdef0123456789abcdef", "telegram-ab12", "Slack-42"])
def test_rest_cannot_address_another_channels_conversations(charley, sender):
    """A widget session id or a channel pseudonym chosen as a REST sender is refused."""
    response = _post(charley.url, {"sender": sender, "message": "Summary for my doctor"})
    assert response.status_code == 400
