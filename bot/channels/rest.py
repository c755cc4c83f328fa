"""Rasa's REST channel, refusing malformed requests with 400 instead of failing with 500, and
answering with the failure text (never an empty list) when Charley cannot handle a message.

Registering it also closes Rasa's `/version` when the HTTP API is on with a token or a JWT secret
(`make run` with CHARLEY_API_TOKEN / CHARLEY_JWT_SECRET): Rasa answers it without any
authentication, and the exact version tells a caller which advisories apply.
"""

from __future__ import annotations

import hmac
import os
import unicodedata
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.common import call_potential_coroutine
from sanic import Blueprint, Sanic, response
from sanic.exceptions import InvalidUsage, SanicException, Unauthorized
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import plain_user_text
from bot.channels.safety_net import OnNewMessage, handle_safely

MAX_SENDER_LENGTH = 128
NOT_STORED_STATUS = 503
# Conversation ids other channels store under: a REST client must not reach them by choosing
# a sender ("widget-<session id>" of someone's browser, a Telegram or Slack pseudonym).
RESERVED_PREFIXES = ("widget-", "telegram-", "slack-")
# Control, format, surrogate and private-use characters: no client needs them in an id, and a lone
# surrogate or NUL makes the database driver refuse the row.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def valid_sender(sender: Any) -> bool:
    return (
        isinstance(sender, str)
        and bool(sender.strip())
        and len(sender) <= MAX_SENDER_LENGTH
        and not any(unicodedata.category(c) in _UNPRINTABLE for c in sender)
        and not sender.lower().startswith(RESERVED_PREFIXES)
    )


API_TOKEN_ENV = "CHARLEY_API_TOKEN"
JWT_SECRET_ENV = "CHARLEY_JWT_SECRET"


async def _version_needs_auth(request: Request) -> None:
    if request.path != "/version" or not (os.environ.get(API_TOKEN_ENV) or os.environ.get(JWT_SECRET_ENV)):
        return
    token = os.environ.get(API_TOKEN_ENV, "")
    if token and hmac.compare_digest((request.args.get("token") or "").encode(), token.encode()):
        return
    auth = getattr(request.app.ctx, "auth", None)
    if os.environ.get(JWT_SECRET_ENV) and auth is not None:
        try:
            if await call_potential_coroutine(auth.is_authenticated(request)):
                return
        except Exception:  # noqa: BLE001, S110 - a malformed token is simply not authenticated
            pass
    raise Unauthorized("This server's version is shown to authenticated API clients only.")


class _RestBlueprint(Blueprint):
    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        app.register_middleware(_version_needs_auth, "request")
        super().register(app, options)


class UnsupportedMediaType(SanicException):
    status_code = 415


def _require_json(request: Request) -> None:
    """A browser page on another site may post text/plain (or a form) without asking first; only
    application/json needs the CORS preflight that Rasa's CORS settings then decide."""
    if (request.content_type or "").split(";")[0].strip().lower() != "application/json":
        raise UnsupportedMediaType("Send the body as application/json.")


def _body(request: Request) -> dict[str, Any]:
    try:
        body = request.json
    except Exception as error:  # noqa: BLE001 - any unreadable body is the client's mistake
        raise InvalidUsage('The body must be JSON: {"sender": "...", "message": "..."}') from error
    if not isinstance(body, dict):
        raise InvalidUsage("The body must be a JSON object with 'sender' and 'message'.")
    return body


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # keeps POST /webhooks/rest/webhook

    async def _extract_sender(self, req: Request) -> str:
        sender = _body(req).get("sender")
        if not valid_sender(sender):
            raise InvalidUsage(
                f"'sender' must be a non-empty string of at most {MAX_SENDER_LENGTH} printable characters, "
                f"not starting with {', '.join(RESERVED_PREFIXES)}"
            )
        return sender

    def _extract_message(self, req: Request) -> str:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be a string.")
        return message

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()  # a client must not pass itself off as another channel

    def get_metadata(self, request: Request) -> Any:
        return None  # metadata from the outside world is never trusted or stored

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = _RestBlueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            _require_json(request)
            sender = await self._extract_sender(request)
            text = self._extract_message(request)
            if request.args.get("stream"):
                raise InvalidUsage("Streaming replies are not supported by this server.")
            collector = CollectingOutputChannel()
            # A typed `/intent{...}` would bypass NLU and be logged verbatim by Rasa: plain words.
            message = UserMessage(
                plain_user_text(text), collector, sender, input_channel=self.name(), metadata=None
            )
            stored = await handle_safely(on_new_message, message)
            # A turn that was not stored is an error for the client (the body still says what to
            # do), never a 200 that looks like a normal turn.
            return response.json(collector.messages, status=200 if stored else NOT_STORED_STATUS)

        return webhook
