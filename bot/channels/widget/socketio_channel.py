"""Rasa's socket.io channel with the fixes Charley's widget needs.

Use it in ``credentials.yml`` instead of ``socketio:`` (same settings)::

    bot.channels.widget.socketio_channel.WidgetSocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
      cors_allowed_origins: ["https://www.example.org"]   # optional, see docs/widget.md

Why not the stock ``socketio`` channel of Rasa 3.6:

* ``SocketIOOutput.send_custom_json`` calls ``sio.emit(event, **json_message)``, so a
  custom payload such as ``{"triage": {...}}`` (the triage contract) raises
  ``TypeError: emit() got an unexpected keyword argument 'triage'`` and never reaches
  the browser; only ``{"data": ...}``-shaped payloads work. Here a custom payload is
  sent as ``{"custom": {...}}`` and, when the same bot message also has text (and
  buttons), as ONE event ``{"text": ..., "quick_replies": [...], "custom": {...}}`` so
  the widget can show the card instead of a duplicate text rendering.
* ``session_request`` trusts any ``session_id`` a client sends, and ``user_uttered``
  accepts any ``session_id``; here a session id must look like the ones we issue and a
  socket can only speak in the session it joined. The conversation is stored as
  ``widget-<session id>``, so a session id sent as a REST sender (or a REST sender's id
  asked for over the socket) names a different conversation: an id a client can choose
  never reaches another channel's conversations (the REST channel refuses ``widget-`` ids).
* ``enter_room`` became a coroutine in python-socketio 5.10; it is awaited when needed.
* Rasa switches python-engineio's Origin check off, so any web page could open a WebSocket
  to the bot and talk as its visitor. Here a browser connection is accepted only from the
  bot's own origin on a loopback address (the demo page of ``make run``) and the origins listed
  in ``cors_allowed_origins`` or in the environment variable ``CHARLEY_ALLOWED_ORIGINS``
  (comma-separated); ``"*"`` must be listed explicitly to allow every site. A public name is
  never trusted from the request's Host header (DNS rebinding).
"""

import inspect
import json
import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List

import rasa.shared.utils.io
from rasa.core.channels.channel import (
    InputChannel,
    OutputChannel,
    UserMessage,
    decode_bearer_token,
)
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels import plain_user_text
from bot.channels.safety_net import handle_safely

logger = logging.getLogger(__name__)

# uuid4().hex as issued by Rasa and by the widget, or similar opaque ids.
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
CONVERSATION_PREFIX = "widget-"


def conversation_id(session_id: str) -> str:
    """Where a widget session's conversation is stored: bound to this channel."""
    return CONVERSATION_PREFIX + session_id


def _room(recipient_id: str) -> str:
    # Sockets join the room of the session id the widget knows, not the stored conversation id.
    return (
        recipient_id[len(CONVERSATION_PREFIX) :]
        if recipient_id.startswith(CONVERSATION_PREFIX)
        else recipient_id
    )


# Keyword arguments of AsyncServer.emit: a custom payload made only of these is the
# stock "emit these kwargs" convention (e.g. {"data": {...}}) and is left as it is.
_EMIT_KWARGS = {"data", "to", "room", "skip_sid", "namespace", "callback"}


ALLOWED_ORIGINS_ENV = "CHARLEY_ALLOWED_ORIGINS"
# Both Sanic (1 MiB) and engine.io (1 MB) closed the socket on a bigger message without a word;
# up to this size a message is read (its start, see MAX_MESSAGE_CHARS) and answered.
MAX_SOCKET_MESSAGE_BYTES = 4 * 2**20


def allowed_origins(configured: Any) -> List[str]:
    """The origins from credentials.yml plus those in CHARLEY_ALLOWED_ORIGINS."""
    if isinstance(configured, str):
        configured = [configured]
    listed = [str(o) for o in configured or []]
    listed += os.environ.get(ALLOWED_ORIGINS_ENV, "").split(",")
    return sorted({o.strip().rstrip("/") for o in listed if o.strip()})


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})


def _own_origins(environ: Dict[str, Any]) -> List[str]:
    """The bot's own origin (the demo page), trusted only on a loopback address.

    The Host header is whatever name the browser resolved: with DNS rebinding a hostile site's
    name points at this server, and that site's page then has an origin equal to its Host. So a
    public name is never taken from the request; list it in CHARLEY_ALLOWED_ORIGINS."""
    host = environ.get("HTTP_HOST", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if name.lower() not in LOOPBACK_HOSTS:
        return []
    return [f"http://{host}", f"https://{host}"]


def origin_checker(origins: List[str]) -> Callable[[str, Dict[str, Any]], bool]:
    """python-engineio's `cors_allowed_origins` callable: own origin or a listed one."""

    def allowed(origin: str, environ: Dict[str, Any]) -> bool:
        return "*" in origins or origin in origins or origin in _own_origins(environ)

    return allowed


class WidgetSocketBlueprint(SocketBlueprint):
    def register(self, app: Any, options: Dict[str, Any]) -> None:
        # Sanic reads this when the server starts, after every channel has been registered.
        app.config.WEBSOCKET_MAX_SIZE = max(app.config.WEBSOCKET_MAX_SIZE, MAX_SOCKET_MESSAGE_BYTES)
        super().register(app, options)


def _is_emit_kwargs(json_message: Dict[str, Any]) -> bool:
    return "data" in json_message and set(json_message) <= _EMIT_KWARGS


class WidgetSocketIOOutput(SocketIOOutput):
    """socket.io output that delivers custom payloads (the triage card)."""

    async def _send_message(self, socket_id: str, response: Any) -> None:
        await super()._send_message(_room(socket_id), response)

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        if _is_emit_kwargs(json_message):
            await super().send_custom_json(_room(recipient_id), json_message, **kwargs)
            return
        await self._send_message(recipient_id, {"custom": json_message})

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        custom = message.get("custom")
        if not isinstance(custom, dict) or not custom or _is_emit_kwargs(custom):
            await super().send_response(recipient_id, message)
            return

        payload: Dict[str, Any] = {}
        if message.get("text"):
            payload["text"] = message["text"]
        buttons = message.get("quick_replies") or message.get("buttons")
        if buttons:
            payload["quick_replies"] = [
                {
                    "content_type": "text",
                    "title": button["title"],
                    "payload": button["payload"],
                }
                for button in buttons
            ]
        payload["custom"] = custom
        await self._send_message(recipient_id, payload)

        rest = {k: message[k] for k in ("image", "attachment", "elements") if message.get(k)}
        if rest:
            await super().send_response(recipient_id, rest)


class WidgetSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel (same name, same events) with the fixes above."""

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_allowed_origins = allowed_origins(credentials.get("cors_allowed_origins"))  # type: ignore[attr-defined]
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cors_allowed_origins: List[str] = allowed_origins(None)

    def get_output_channel(self) -> OutputChannel | None:
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Requests without an Origin header (non-browser clients) are not checked by engineio.
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=origin_checker(self.cors_allowed_origins),
            max_http_buffer_size=MAX_SOCKET_MESSAGE_BYTES,
        )
        socketio_webhook = WidgetSocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        # socket id -> the session it joined (only used with session_persistence)
        joined: Dict[str, str] = {}

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: Dict, auth: Dict | None) -> bool:
            if self.jwt_key:
                payload = None
                if auth and auth.get("token"):
                    payload = decode_bearer_token(auth.get("token"), self.jwt_key, self.jwt_algorithm)
                return bool(payload)
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            joined.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            if isinstance(requested, str) and SESSION_ID.match(requested):
                session_id = requested
            else:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                previous = joined.get(sid)
                if previous and previous != session_id:
                    await _maybe_await(sio.leave_room(sid, previous, self.namespace))
                await _maybe_await(sio.enter_room(sid, session_id, self.namespace))
                joined[sid] = session_id
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            if not isinstance(data, dict):
                return
            if self.session_persistence:
                session_id = data.get("session_id")
                if not session_id or joined.get(sid) != session_id:
                    rasa.shared.utils.io.raise_warning(
                        "A message without the session_id confirmed for this "
                        "socket was received and ignored. Send `session_request` "
                        "first and use the id from `session_confirm`."
                    )
                    return
                sender_id = conversation_id(session_id)
            else:
                sender_id = conversation_id(sid)

            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            text = data.get("message", "")
            if not isinstance(text, str):
                return
            output = WidgetSocketIOOutput(sio, self.bot_message_evt)
            message = UserMessage(
                plain_user_text(text),
                output,
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await handle_safely(on_new_message, message)

        return socketio_webhook


async def _maybe_await(result: Any) -> None:
    if inspect.isawaitable(result):
        await result
