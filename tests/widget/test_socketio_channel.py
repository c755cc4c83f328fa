"""WidgetSocketIOInput / WidgetSocketIOOutput: what the widget relies on from the server."""

import asyncio
import re
import time
from typing import Any, Callable, Dict, List, Tuple

import pytest
from rasa.core.channels.socketio import SocketIOOutput

from bot.channels.widget.socketio_channel import WidgetSocketIOInput, WidgetSocketIOOutput, conversation_id
from harness.socketio_client import Client

from .stand_in_server import TRIAGE, TRIAGE_TEXT


class FakeSio:
    """Records what an output channel emits (python-socketio 5.9's emit signature)."""

    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Any, Dict[str, Any]]] = []

    async def emit(
        self, event, data=None, to=None, room=None, skip_sid=None, namespace=None, callback=None
    ) -> None:
        self.emitted.append((event, data, {"room": room}))


def _send(output_cls: type, message: Dict[str, Any]) -> FakeSio:
    sio = FakeSio()
    asyncio.run(output_cls(sio, "bot_uttered").send_response("session-1", message))
    return sio


def test_stock_rasa_output_cannot_deliver_the_triage_payload() -> None:
    """Why WidgetSocketIOInput exists: Rasa 3.6 emits custom json as **kwargs."""
    with pytest.raises(TypeError, match="triage"):
        _send(SocketIOOutput, {"text": TRIAGE_TEXT, "custom": {"triage": TRIAGE}})


def test_text_and_triage_arrive_as_one_event() -> None:
    sio = _send(WidgetSocketIOOutput, {"text": TRIAGE_TEXT, "custom": {"triage": TRIAGE}})
    assert sio.emitted == [
        ("bot_uttered", {"text": TRIAGE_TEXT, "custom": {"triage": TRIAGE}}, {"room": "session-1"})
    ]


def test_custom_with_buttons_keeps_them() -> None:
    sio = _send(
        WidgetSocketIOOutput,
        {
            "text": "Pick one",
            "buttons": [{"title": "Yes", "payload": "yes"}],
            "custom": {"triage": TRIAGE},
        },
    )
    ((event, data, _),) = sio.emitted
    assert data["quick_replies"] == [{"content_type": "text", "title": "Yes", "payload": "yes"}]
    assert data["custom"] == {"triage": TRIAGE}


def test_custom_alone_and_stock_conventions_still_work() -> None:
    sio = _send(WidgetSocketIOOutput, {"custom": {"triage": TRIAGE}})
    assert sio.emitted == [("bot_uttered", {"custom": {"triage": TRIAGE}}, {"room": "session-1"})]
    # the stock {"data": ...} convention emits data itself, as in Rasa
    sio = _send(WidgetSocketIOOutput, {"custom": {"data": {"x": 1}}})
    assert sio.emitted == [("bot_uttered", {"x": 1}, {"room": "session-1"})]
    # text with buttons and no custom: exactly Rasa's socket.io messages
    message = {"text": "A\n\nB", "buttons": [{"title": "T", "payload": "p"}]}
    ours = _send(WidgetSocketIOOutput, dict(message, buttons=list(message["buttons"])))
    stock = _send(SocketIOOutput, dict(message, buttons=list(message["buttons"])))
    assert ours.emitted == stock.emitted and len(ours.emitted) == 2


def test_from_credentials_reads_rasa_settings_and_origins() -> None:
    channel = WidgetSocketIOInput.from_credentials(
        {
            "session_persistence": True,
            "bot_message_evt": "bot_uttered",
            "cors_allowed_origins": "https://www.example.org",
        }
    )
    assert channel.name() == "socketio"
    assert channel.session_persistence is True
    assert channel.cors_allowed_origins == ["https://www.example.org"]
    assert WidgetSocketIOInput.from_credentials({}).cors_allowed_origins == []


def test_allowed_origins_come_from_credentials_and_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("CHARLEY_ALLOWED_ORIGINS", " https://a.example/, https://b.example ,")
    channel = WidgetSocketIOInput.from_credentials({"cors_allowed_origins": ["https://c.example"]})
    assert channel.cors_allowed_origins == ["https://a.example", "https://b.example", "https://c.example"]


# ---------------------------------------------------------------- live server
def test_session_ids_are_validated_and_bound_to_the_socket(
    widget_server: str, received: Callable[[], List[Dict[str, Any]]]
) -> None:
    alice, mallory = Client(widget_server), Client(widget_server)
    try:
        for bad in ("../../etc/passwd", "x" * 500, {"nested": 1}, "", None, "short"):
            issued = mallory.request_session(bad)
            assert re.fullmatch(r"[0-9a-f]{32}", issued), (bad, issued)
        alice_session = alice.request_session("alice-session-0123456789")
        assert alice_session == "alice-session-0123456789"

        # Mallory may not speak in Alice's session without joining it first.
        before = len(received())
        mallory.sio.emit("user_uttered", {"message": "hi", "session_id": alice_session})
        time.sleep(0.5)
        assert len(received()) == before

        alice.sio.emit("user_uttered", {"message": "my calf cramps", "session_id": alice_session})
        alice.wait_for_bot(1)
        # stored under the widget's own namespace: the same id over REST is another conversation
        assert received()[-1]["sender_id"] == conversation_id(alice_session) == f"widget-{alice_session}"
        assert alice.bot[0]["quick_replies"]
        assert mallory.bot == []
    finally:
        alice.close()
        mallory.close()


def test_cors_allowed_origins_checks_the_origin_of_socket_connections() -> None:
    from .stand_in_server import build_app

    app = build_app(socketio_credentials={"cors_allowed_origins": ["https://www.example.org"]})
    handshake = "/socket.io/?EIO=4&transport=polling"
    _, refused = app.test_client.get(handshake, headers={"Origin": "https://evil.example"})
    assert refused.status == 400
    _, allowed = app.test_client.get(handshake, headers={"Origin": "https://www.example.org"})
    assert allowed.status == 200
    assert allowed.headers["access-control-allow-origin"] == "https://www.example.org"


def test_by_default_only_the_bots_own_origin_may_open_a_socket(monkeypatch) -> None:
    from .stand_in_server import build_app

    monkeypatch.delenv("CHARLEY_ALLOWED_ORIGINS", raising=False)
    app = build_app()
    handshake = "/socket.io/?EIO=4&transport=polling"
    for stranger in ("https://evil.example", "null", "http://127.0.0.1.evil.example"):
        _, refused = app.test_client.get(handshake, headers={"Origin": stranger})
        assert refused.status == 400, stranger
    request, no_origin = app.test_client.get(handshake)  # a non-browser client sends no Origin
    assert no_origin.status == 200
    _, own = app.test_client.get(handshake, headers={"Origin": f"http://{request.host}"})
    assert own.status == 200
    # A public name is not taken from the request: a forwarded host, or a Host header that a
    # rebound DNS name (evil.example -> this server) makes equal to the page's origin.
    for headers in (
        {
            "Origin": "https://bot.example.org",
            "X-Forwarded-Host": "bot.example.org",
            "X-Forwarded-Proto": "https",
        },
        {"Origin": "http://evil.example:5005", "Host": "evil.example:5005"},
    ):
        _, refused = app.test_client.get(handshake, headers=headers)
        assert refused.status == 400, headers


def test_an_origin_in_the_environment_is_allowed(monkeypatch) -> None:
    from .stand_in_server import build_app

    monkeypatch.setenv("CHARLEY_ALLOWED_ORIGINS", "https://clinic.example")
    app = build_app()
    handshake = "/socket.io/?EIO=4&transport=polling"
    _, allowed = app.test_client.get(handshake, headers={"Origin": "https://clinic.example"})
    assert allowed.status == 200
    _, refused = app.test_client.get(handshake, headers={"Origin": "https://evil.example"})
    assert refused.status == 400
