"""Rasa's REST channel, refusing malformed requests with 400 instead of failing with 500."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

MAX_SENDER_LENGTH = 128


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
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(
                f"'sender' must be a non-empty string of at most {MAX_SENDER_LENGTH} characters."
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
