"""Every channel's last line: whatever fails while a message is handled, the person hears back.

Rasa 3.6 answers nothing at all when its model failed to load ("no agent to handle it"), and
when handling a message raises (tracker store or lock store unreachable, a bug), the REST
channel logs the message text and returns an empty list. Here the failure is logged by type
only, and a person who got no reply is told what happened and how to get emergency help. A
store that cannot be reached gets its own wording: Charley must not carry on as if the
conversation had just begun.

That a store failure reaches this far at all is the work of
`bot/rasa_overrides/tracker_store_errors.py`, installed here because every channel imports this
module.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot import rasa_overrides
from bot.rasa_overrides.tracker_store import ConversationChangedError
from bot.triage.render import FailureKind, clipped_text, failure_text

rasa_overrides.install()
logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
_WHY_UNSTORED = {
    "store_unavailable": " (tracker or lock store unreachable)",
    "conversation_busy": " (another server changed the conversation meanwhile)",
}

# Longer messages are cut to this many characters before Rasa sees them: NLU on 100 KB held the
# event loop for seconds (every other conversation waited), and the text, stored in the tracker,
# was sent to the action server on every later call until its request limit refused it. The
# widget's text box stops at 1,000 characters; pasted or scripted text may be longer.
MAX_MESSAGE_CHARS = 4000


def is_store_failure(error: BaseException) -> bool:
    """Tracker store (SQL) or lock store (Redis) unreachable, directly or as the cause."""
    import sqlalchemy.exc
    from rasa.core.lock_store import LockError
    from rasa.shared.exceptions import ConnectionException

    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a Rasa dependency
        RedisConnectionError = RedisTimeoutError = ConnectionError  # noqa: N806

    store_errors = (
        sqlalchemy.exc.DBAPIError,
        sqlalchemy.exc.TimeoutError,
        LockError,
        ConnectionException,
        RedisConnectionError,
        RedisTimeoutError,
    )
    return _caused_by(error, store_errors)


def _unstored(error: BaseException) -> FailureKind | None:
    """Why the turn was not stored, if that is what the error means."""
    if _caused_by(error, ConversationChangedError):
        return "conversation_busy"
    return "store_unavailable" if is_store_failure(error) else None


def _caused_by(error: BaseException, kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


class HeldReplies(OutputChannel):
    """A turn's replies, held back until Rasa has stored the turn.

    Rasa sends each reply as soon as an action utters it and saves the tracker at the end of the
    turn: when the save fails, the person would already have the advice of a turn that was never
    stored (and is asked the same question again next time). Held here, they go out only after
    the save, or are dropped with the failure text in their place."""

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.held: list[tuple[str, dict[str, Any]]] = []

    def name(self) -> str:  # type: ignore[override]
        # Rasa picks channel-specific response variations by this name.
        return self.channel.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.held.append((recipient_id, message))

    async def release(self) -> bool:
        """Sends the held replies; False when one could not be delivered (the rest are still tried)."""
        delivered = True
        for recipient_id, message in self.held:
            try:
                await self.channel.send_response(recipient_id, message)
            except Exception as error:  # noqa: BLE001 - the platform refused or could not be reached
                delivered = False
                # The type only: the error text may quote the reply.
                logger.error(
                    "Delivering a reply on the %s channel failed: %s",
                    self.channel.name(),
                    type(error).__name__,
                )
        return delivered


async def handle_safely(on_new_message: OnNewMessage, message: UserMessage) -> bool:
    """Runs Rasa on the message and delivers its replies once the turn is stored; if it fails or
    stays silent, sends the failure text with the emergency line instead.

    A message longer than MAX_MESSAGE_CHARS is read up to that length, and the person is told.
    Returns False when the turn was not stored, so a channel that can (REST) answers with an
    error status.
    """
    channel = message.output_channel
    replies = HeldReplies(channel)
    message.output_channel = replies
    clipped = len(message.text or "") > MAX_MESSAGE_CHARS
    if clipped:
        message.text = message.text[:MAX_MESSAGE_CHARS]
    unstored: FailureKind | None = None
    failed = False
    try:
        await on_new_message(message)
    except Exception as error:  # noqa: BLE001 - whatever broke, the person must hear back
        failed = True
        unstored = _unstored(error)
        # The type only: the exception text may quote the message or a slot value.
        logger.error(
            "Handling a message on the %s channel failed: %s%s",
            message.input_channel,
            type(error).__name__,
            _WHY_UNSTORED.get(unstored, ""),
        )
    if not unstored and not await replies.release():
        # The turn is stored but the person did not see all of it: say so, so they do not wait on
        # an answer that is not coming (if this fails too, the platform is down for this chat).
        try:
            await channel.send_text_message(message.sender_id, failure_text("undelivered"))
        except Exception as error:  # noqa: BLE001
            logger.error(
                "Telling the person on the %s channel failed too: %s",
                message.input_channel,
                type(error).__name__,
            )
        return True
    if unstored or not replies.held:
        if not failed:
            logger.warning("No reply on the %s channel (is the model loaded?)", message.input_channel)
        await channel.send_text_message(message.sender_id, failure_text(unstored or "failure"))
    elif clipped:
        await channel.send_text_message(message.sender_id, clipped_text(MAX_MESSAGE_CHARS))
    return unstored is None
