"""Bad input through the widget's socket.io channel of the real stack: a helpful reply to every
message, malformed events ignored without harm, and a typed canary never in the logs."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
import requests
import websockets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.safety_net import MAX_MESSAGE_CHARS
from bot.triage.render import clipped_text
from harness.socketio_client import Client
from tests.reliability.test_bad_input import BAD_INPUTS

pytestmark = pytest.mark.stack

MALFORMED_EVENTS = [
    "just a string",
    ["a", "list"],
    42,
    None,
    {"message": {"nested": "object"}},
    {"message": 12345},
    {"message": "no session id"},
    {"message": "someone else's session", "session_id": uuid.uuid4().hex},
    {"message": "x" * 50_000, "session_id": "not a valid id!"},
]


@pytest.fixture()
def client(charley):
    client = Client(charley.url)
    yield client
    client.close()


def _text(messages: list[dict]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_messages_over_socketio_get_a_helpful_reply(client, name):
    session = client.request_session(uuid.uuid4().hex)
    said = _text(client.say(session, BAD_INPUTS[name]))
    assert said.strip(), f"{name}: no reply"
    if name in ("rtl", "spanish", "chinese", "emoji", "empty", "whitespace"):
        assert "emergency number" in said, f"{name}: {said[:200]}"


async def _over_websocket(url: str, texts: list[str]) -> list[str]:
    """Speaks engine.io v4 over a WebSocket, as the widget does once its connection is upgraded
    (the python-socketio client here can only poll). Returns the bot's text for each message."""
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(ws_url, max_size=None) as ws:

        async def event() -> list:
            while True:
                packet = await asyncio.wait_for(ws.recv(), 30)
                if packet == "2":  # engine.io ping
                    await ws.send("3")
                elif packet.startswith("42"):
                    return json.loads(packet[2:])

        assert (await ws.recv()).startswith("0")  # open
        await ws.send("40")
        assert (await ws.recv()).startswith("40")  # namespace connected
        await ws.send("42" + json.dumps(["session_request", {"session_id": uuid.uuid4().hex}]))
        name, session = await event()
        assert name == "session_confirm"
        replies = []
        for text in texts:
            await ws.send("42" + json.dumps(["user_uttered", {"message": text, "session_id": session}]))
            name, reply = await event()
            said = [reply.get("text") or ""]
            while True:  # the rest of the turn
                try:
                    said.append((await asyncio.wait_for(event(), 1.0))[1].get("text") or "")
                except asyncio.TimeoutError:
                    break
            replies.append(" ".join(said))
        return replies


def test_a_message_of_one_and_a_half_megabytes_over_the_websocket_is_answered(charley):
    """Sanic and engine.io closed the WebSocket on a message over 1 MB, without a reply."""
    huge, red_flag = asyncio.run(
        _over_websocket(
            charley.url, ["my calf cramps at night " + "x" * 1_500_000, "my calf is swollen and hot"]
        )
    )
    assert clipped_text(MAX_MESSAGE_CHARS) in huge, huge[:300]
    assert "emergency" in red_flag.lower(), red_flag[:300]  # the same socket carried on


def test_a_rebound_dns_name_cannot_open_the_widget_socket(charley):
    """DNS rebinding: evil.example resolves to this server, so its page's Origin equals the Host."""
    handshake = charley.url + "/socket.io/?EIO=4&transport=polling"
    port = charley.url.rsplit(":", 1)[1]
    rebound = {"Origin": f"http://evil.example:{port}", "Host": f"evil.example:{port}"}
    assert requests.get(handshake, headers=rebound, timeout=10).status_code == 400
    assert requests.get(handshake, headers={"Origin": charley.url}, timeout=10).status_code == 200


def test_malformed_events_are_ignored_and_the_socket_keeps_working(client):
    session = client.request_session(uuid.uuid4().hex)
    for event in MALFORMED_EVENTS:
        client.sio.emit("user_uttered", event)
    assert client.sio.connected
    reply = client.say(session, "my calf cramps at night")
    assert reply[-1].get("quick_replies"), reply  # the first question, with its answer buttons
    assert len(client.bot) == len(reply)  # nothing answered the malformed events
    # A malformed session request gets a fresh session, never an error.
    assert client.request_session("not a dict") != session and client.sio.connected


def test_intent_syntax_typed_in_the_widget_sets_nothing(client):
    session = client.request_session(uuid.uuid4().hex)
    client.say(session, "my calf cramps at night")
    client.say(session, '/inform{"accompanying_symptoms": {"swelling": "absent"}}')
    result = client.say(session, "and now it's swollen and red")
    card = next(m["custom"]["triage"] for m in result if "triage" in (m.get("custom") or {}))
    assert card["level"] == "emergency" and "swelling" in card["facts"]["present"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=200))
def test_generated_strings_over_socketio_always_get_an_answer(client, text):
    session = client.request_session(uuid.uuid4().hex)
    assert _text(client.say(session, text)).strip()


def test_a_canary_typed_in_the_widget_never_reaches_the_logs(charley, client):
    canary = f"CANARY-{uuid.uuid4().hex[:8]}-widget"
    session = client.request_session(uuid.uuid4().hex)
    client.say(session, f"my calf cramps {canary} at night")
    client.say(session, f"a few seconds {canary}")
    for log in charley.workdir.glob("*.log"):
        text = log.read_text(errors="replace")
        assert canary not in text, log.name
        # Nor any slot value: the body location "calf" was set from these messages.
        assert "calf" not in text.lower() and "SlotSet" not in text, log.name


def test_a_widget_session_id_is_not_a_key_to_it_over_rest_nor_a_rest_sender_over_the_socket(charley, client):
    """Issue 12: a conversation id a client can choose only reaches its own channel."""
    session = client.request_session(uuid.uuid4().hex)
    client.say(session, "my calf is swollen and red")  # the emergency answer, over the socket
    over_rest = _text(charley.say(session, "Summary for my doctor"))
    assert "swelling" not in over_rest.lower() and "nothing to summarise yet" in over_rest

    rest_sender = f"rest-person-{uuid.uuid4().hex[:8]}"
    charley.say(rest_sender, "my back is in spasm and I can't pee")
    other = Client(charley.url)
    try:
        joined = other.request_session(rest_sender)
        said = _text(other.say(joined, "Summary for my doctor"))
        assert "urine" not in said.lower() and "nothing to summarise yet" in said
    finally:
        other.close()
