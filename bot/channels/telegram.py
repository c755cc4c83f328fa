"""Telegram connector for Rasa 3.6 that checks who is calling and answers each update once.

Configured in credentials.yml as `bot.channels.telegram.SecureTelegramInput`. What it fixes
in Rasa 3.6's `TelegramInput` (measured, see docs/channels.md):

- updates are accepted only with Telegram's `X-Telegram-Bot-Api-Secret-Token` (else 403);
- update types the bot does not handle, redeliveries and failures all answer 200, because any
  other status makes Telegram redeliver the update again and again;
- button presses are answered (`answerCallbackQuery`) and `callback_data` fits in 64 bytes;
- the aiogram session is created in the serving event loop (Rasa 3.6 creates it inside
  `asyncio.run` while building the app, so every reply fails with "Event loop is closed");
- Rasa stores a keyed pseudonym, never the Telegram chat id; the real chat id lives only in
  the output channel built for the request being handled.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import html
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer, check_token
from aiogram.utils.exceptions import BadRequest, NetworkError, TelegramAPIError, ValidationError
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput
from rasa.shared.exceptions import InvalidConfigException, RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import RecentKeys, log_failure, plain_user_text
from bot.channels.pseudonym import Pseudonymizer, PseudonymKeyError
from bot.channels.render import (
    CHOICES_JOINER,
    FOLLOW_UP_BUTTONS,
    TriageRenderError,
    TriageView,
    build_view,
    checklist_of,
    to_plain_text,
    triage_from_custom,
)
from bot.channels.safety_net import handle_safely

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's rules for the secret token: 1-256 characters of A-Z, a-z, 0-9, _ and -.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
# Asking Telegram for nothing else keeps polls, reactions and member updates off the webhook.
ALLOWED_UPDATES = ("message", "callback_query")
MAX_CALLBACK_BYTES = 64
# Telegram allows 4096 characters after entity parsing; count UTF-16 units with a margin.
MAX_MESSAGE_UNITS = 4000
MAX_ITEM_CHARS = 700
# What Telegram's own commands mean to the NLU (everything else just loses its slash).
COMMANDS = {"start": "Hello", "restart": "Start over"}
CHOOSE_PROMPT = "Please choose:"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class CallbackCodec:
    """Fits button payloads into Telegram's 64-byte `callback_data`.

    Short payloads travel as they are. Longer ones travel as `#` + a digest, remembered in a
    bounded map; if the digest is unknown (restart, other server), the pressed button's title
    is used, which is what the person would have typed.
    """

    PREFIX = "#"

    def __init__(self, max_size: int = 10_000) -> None:
        self._max_size = max_size
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(self.PREFIX):
            return payload
        digest = hashlib.sha256(payload.encode("utf-8")).digest()
        token = self.PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")[:22]
        self._payloads[token] = payload
        self._payloads.move_to_end(token)
        while len(self._payloads) > self._max_size:
            self._payloads.popitem(last=False)
        return token

    def decode(self, data: str, reply_markup: Any = None) -> str | None:
        if not data.startswith(self.PREFIX):
            return data
        if data in self._payloads:
            return self._payloads[data]
        for button in _keyboard_buttons(reply_markup):
            if button.get("callback_data") == data and isinstance(button.get("text"), str):
                return button["text"]
        return None


def _keyboard_buttons(reply_markup: Any) -> Iterable[Mapping[str, Any]]:
    rows = reply_markup.get("inline_keyboard") if isinstance(reply_markup, Mapping) else None
    for row in rows if isinstance(rows, list) else []:
        for button in row if isinstance(row, list) else []:
            if isinstance(button, Mapping):
                yield button


# A checklist's options are toggles: the tick lives in the button's text, so the message itself
# holds the state and any server can read it when "Done" is tapped.
UNTICKED = "\N{BALLOT BOX} "
TICKED = "\N{BALLOT BOX WITH CHECK} "
TOGGLE_DATA = "\N{BALLOT BOX WITH CHECK}t:"
DONE_DATA = "\N{BALLOT BOX WITH CHECK}done"
DONE_TITLE = "Done \N{HEAVY CHECK MARK}"


def _toggled(reply_markup: Any, data: str) -> dict[str, Any]:
    rows = []
    for row in reply_markup.get("inline_keyboard", []) if isinstance(reply_markup, Mapping) else []:
        new_row = []
        for button in row if isinstance(row, list) else []:
            button = dict(button)
            if button.get("callback_data") == data:
                text = str(button.get("text", ""))
                button["text"] = (
                    UNTICKED + text[len(TICKED) :]
                    if text.startswith(TICKED)
                    else TICKED + text[len(UNTICKED) :]
                )
            new_row.append(button)
        rows.append(new_row)
    return {"inline_keyboard": rows}


def _ticked(reply_markup: Any) -> list[str]:
    return [
        str(b["text"])[len(TICKED) :]
        for b in _keyboard_buttons(reply_markup)
        if str(b.get("callback_data", "")).startswith(TOGGLE_DATA)
        and str(b.get("text", "")).startswith(TICKED)
    ]


class TelegramApi:
    """Bot API calls through aiogram's `Bot.request`, with a session per event loop.

    aiogram 2.15's `set_webhook` has no `secret_token` parameter, and its aiohttp session is
    bound to the loop that first used it, so the Bot is created lazily in the serving loop.
    """

    def __init__(self, token: str, server: TelegramAPIServer = TELEGRAM_PRODUCTION) -> None:
        self._token = token
        self._server = server
        self._bot: Bot | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _current_bot(self) -> Bot:
        loop = asyncio.get_running_loop()
        if self._bot is None or self._loop is not loop:
            self._bot = Bot(self._token, server=self._server, timeout=15)
            self._loop = loop
        return self._bot

    async def call(self, method: str, **params: Any) -> Any:
        # `Bot.request` form-encodes every value with str(); nested values must be JSON.
        data = {
            key: json.dumps(value) if isinstance(value, (dict, list, tuple, bool)) else value
            for key, value in params.items()
            if value is not None
        }
        return await self._current_bot().request(method, data)

    async def close(self) -> None:
        if self._bot is not None and self._loop is asyncio.get_running_loop():
            # Bot.close() is flagged as changing in aiogram 3 and warns; the session is the resource.
            await self._bot.session.close()
        self._bot = None


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _clip(text: str, limit: int = MAX_ITEM_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def _esc(text: str) -> str:
    # Telegram's HTML mode needs only these three escaped outside attributes.
    return html.escape(_clip(text), quote=False)


def _pack(blocks: Sequence[str], limit: int = MAX_MESSAGE_UNITS) -> list[str]:
    """Packs paragraphs into messages under Telegram's limit, splitting only between lines.

    Every line of our HTML closes its own tags, so a split between lines keeps markup valid.
    """
    lines: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append("")
        lines.extend(block.split("\n"))
    messages: list[str] = []
    current: list[str] = []
    for line in lines:
        candidate = "\n".join([*current, line])
        if current and _utf16_units(candidate) > limit:
            messages.append("\n".join(current).strip("\n"))
            current = [line]
        else:
            current.append(line)
    if current:
        messages.append("\n".join(current).strip("\n"))
    return [m for m in messages if m]


def _source_html(title: str, view: TriageView) -> str:
    url = view.source_links.get(title)
    if not url:
        return f"<i>{_esc(title)}</i>"
    return f'<a href="{html.escape(url, quote=True)}">{_esc(title)}</a>'


def triage_html(view: TriageView) -> list[str]:
    """The triage result as Telegram HTML paragraphs, in render.py's order."""
    blocks = [f"{view.icon} <b>{_esc(view.label)}</b>\n<b>{_esc(view.headline)}</b>"]
    for section in view.sections:
        lines = [f"<b>{_esc(section.heading)}</b>"]
        lines += [f"\N{BULLET} {_esc(item.text)}" for item in section.items]
        blocks.append("\n".join(lines))
    if view.sources:
        blocks.append(
            "<b>Sources</b>\n" + "\n".join(f"\N{BULLET} {_source_html(s, view)}" for s in view.sources)
        )
    if view.disclaimer:
        blocks.append(f"<i>{_esc(view.disclaimer)}</i>")
    return blocks


class TelegramReplies(OutputChannel):
    """Sends the bot's messages to one Telegram chat.

    Rasa passes the pseudonymous sender id as `recipient_id`; it is ignored, because the chat
    id given here is the only way to reach the person and is never stored.
    """

    @classmethod
    def name(cls) -> str:
        return "telegram"  # Rasa picks `channel: telegram` response variants by this name

    def __init__(self, api: TelegramApi, chat_id: int | None, codec: CallbackCodec) -> None:
        self._api = api
        self._chat_id = chat_id
        self._codec = codec

    async def _send(self, text: str, **params: Any) -> None:
        if self._chat_id is None:
            logger.warning("Dropped a Telegram reply: no chat to send it to outside a request.")
            return
        await self._api.call("sendMessage", chat_id=self._chat_id, text=text, **params)

    def _keyboard(self, buttons: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        # One button per row: answers such as "More than 10 minutes" get cut off side by side.
        return {
            "inline_keyboard": [
                [
                    {
                        "text": str(b.get("title", "")),
                        "callback_data": self._codec.encode(str(b.get("payload", ""))),
                    }
                ]
                for b in buttons
                if b.get("title") and b.get("payload")
            ]
        }

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        triage = triage_from_custom(message.get("custom"))
        if triage is None:
            await super().send_response(recipient_id, message)
            return
        try:
            view = build_view(triage)
        except TriageRenderError as error:
            logger.warning("Triage payload not renderable (%s); sending its plain text.", error)
            message.pop("custom", None)
            await super().send_response(recipient_id, message)
            return
        await self.send_triage(view, message.get("buttons") or FOLLOW_UP_BUTTONS)

    async def send_triage(self, view: TriageView, buttons: Sequence[Mapping[str, Any]]) -> None:
        messages = _pack(triage_html(view))
        for index, text in enumerate(messages):
            markup = self._keyboard(buttons) if index == len(messages) - 1 else None
            try:
                await self._send(text, parse_mode="HTML", reply_markup=markup)
            except BadRequest:
                # Never lose the advice to a formatting error: resend without markup.
                logger.warning("Telegram refused the HTML triage message; sending plain text.")
                for part in _pack([to_plain_text(view)]):
                    await self._send(part)
                return

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        # No parse_mode: the text is shown literally, so nothing in it needs escaping.
        for part in _pack([text.strip()]):
            await self._send(part)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        checklist = checklist_of(text, buttons)
        if checklist is not None:
            text = checklist.question
        parts = _pack([text.strip()]) or [CHOOSE_PROMPT]  # Telegram refuses an empty text
        for part in parts[:-1]:
            await self._send(part)
        markup = self._checklist_keyboard(checklist) if checklist else self._keyboard(buttons)
        await self._send(parts[-1], reply_markup=markup)

    def _checklist_keyboard(self, checklist: Any) -> dict[str, Any]:
        rows = [
            [{"text": UNTICKED + str(c["title"]), "callback_data": f"{TOGGLE_DATA}{i}"}]
            for i, c in enumerate(checklist.choices)
        ]
        rows.append([{"text": DONE_TITLE, "callback_data": DONE_DATA}])
        return {"inline_keyboard": rows + self._keyboard(checklist.others)["inline_keyboard"]}

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        # Other custom payloads are for other channels (the widget); showing raw JSON helps nobody.
        logger.debug("Ignored a custom payload Telegram cannot show (keys: %s).", sorted(json_message))


class SecureTelegramInput(TelegramInput):
    """Rasa's Telegram input channel with secret-token checks, dedupe and pseudonyms."""

    @classmethod
    def name(cls) -> str:
        return "telegram"  # keeps the webhook at /webhooks/telegram/webhook

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=credentials.get("secret_token"),
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = False,
        *,
        secret_token: str | None = None,
        api_base_url: str | None = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.secret_token = secret_token or ""
        self._validate()
        server = TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        self._api = TelegramApi(str(access_token), server)
        self._codec = CallbackCodec()
        self._recent = RecentKeys()
        self._webhook_registered = False
        try:
            self._pseudonyms = Pseudonymizer.from_env()
        except PseudonymKeyError as error:
            raise InvalidConfigException(str(error)) from error

    def _validate(self) -> None:
        """Refuses to start rather than run a bot anyone can post updates to."""
        if not self.secret_token:
            raise InvalidConfigException(
                "The Telegram channel needs `secret_token` (set TELEGRAM_SECRET_TOKEN): without it "
                "anyone who finds the webhook URL can post forged messages. Use 1-256 characters "
                'from A-Z, a-z, 0-9, _ and -, e.g. `python -c "import secrets; '
                'print(secrets.token_urlsafe(48))"`.'
            )
        if not SECRET_PATTERN.fullmatch(self.secret_token):
            raise InvalidConfigException(
                "The Telegram `secret_token` may only contain A-Z, a-z, 0-9, _ and - and must be "
                "1-256 characters long (Telegram rejects anything else)."
            )
        if not self.webhook_url or not str(self.webhook_url).startswith("https://"):
            raise InvalidConfigException(
                "The Telegram channel needs `webhook_url` (TELEGRAM_WEBHOOK_URL), an https:// URL "
                "ending in /webhooks/telegram/webhook."
            )
        try:
            check_token(str(self.access_token or ""))
        except ValidationError as error:
            raise InvalidConfigException(
                "The Telegram `access_token` (TELEGRAM_TOKEN) is missing or not a BotFather token."
            ) from error

    def get_output_channel(self) -> TelegramReplies:
        """An output channel for messages Rasa sends outside a user's request.

        The sender id is a pseudonym with no way back to a chat, so such messages cannot be
        delivered and are dropped with a warning. (Rasa 3.6's version also calls Telegram's
        setWebhook inside `asyncio.run` here, which breaks the session for the server's loop.)
        """
        return TelegramReplies(self._api, None, self._codec)

    async def register_webhook(self) -> None:
        """Tells Telegram where to deliver updates and which secret to send with them."""
        if self._webhook_registered:
            return
        try:
            if self.verify:
                me = await self._api.call("getMe")
                if not isinstance(me, Mapping) or me.get("username") != self.verify:
                    raise RasaException(
                        "The Telegram token belongs to another bot than `verify` "
                        "(TELEGRAM_BOT_NAME) names; check both."
                    )
            await self._api.call(
                "setWebhook",
                url=self.webhook_url,
                secret_token=self.secret_token,
                allowed_updates=list(ALLOWED_UPDATES),
            )
        except NetworkError as error:
            # Telegram keeps the last registered webhook, so a network blip need not stop the bot.
            log_failure(logger, "Telegram setWebhook (network)", error)
            return
        except TelegramAPIError as error:
            raise RasaException(f"Telegram refused getMe or setWebhook: {error}") from error
        self._webhook_registered = True
        logger.info("Telegram webhook registered with a secret token.")

    def _is_authentic(self, request: Request) -> bool:
        sent = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(sent.encode("utf-8"), self.secret_token.encode("utf-8"))

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)

        @telegram_webhook.listener("before_server_start")
        async def register(_app: Any, _loop: Any) -> None:
            await self.register_webhook()

        @telegram_webhook.listener("after_server_stop")
        async def close(_app: Any, _loop: Any) -> None:
            await self._api.close()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self._is_authentic(request):
                return response.text("forbidden", status=403)
            try:
                update = request.json
            except Exception:  # Sanic raises its own InvalidUsage on a body that is not JSON
                update = None
            if not isinstance(update, dict):
                return response.text("expected a JSON update", status=400)
            try:
                outcome = await self.handle_update(update, on_new_message)
            except Exception as error:
                # A 5xx makes Telegram redeliver the same update for hours; it would fail again.
                log_failure(logger, "Handling a Telegram update", error, update_id=update.get("update_id"))
                outcome = "failed"
            return response.text(outcome)

        return telegram_webhook

    async def handle_update(self, update: Mapping[str, Any], on_new_message: OnNewMessage) -> str:
        """Processes one authentic update; returns a short outcome for the response body."""
        update_id = update.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return "ignored"
        if self._recent.seen_or_add(("update", update_id)):
            logger.debug("Telegram update %s already processed.", update_id)
            return "duplicate"
        if isinstance(update.get("message"), Mapping):
            inbound = self._from_message(update["message"])
        elif isinstance(update.get("callback_query"), Mapping):
            inbound = await self._from_button(update["callback_query"])
        else:
            inbound = None  # edited messages, channel posts, member changes, polls, ...
        if inbound is None:
            return "ignored"
        chat_id, text = inbound
        output = TelegramReplies(self._api, chat_id, self._codec)
        message = UserMessage(
            text,
            output,
            self._pseudonyms(self.name(), chat_id),
            input_channel=self.name(),
            metadata=None,  # Rasa stores metadata in the tracker: keep ids out of it
        )
        await handle_safely(on_new_message, message)
        return "success"

    @staticmethod
    def _private_chat_id(message: Mapping[str, Any]) -> int | None:
        # Triage is a one-to-one conversation; in a group, members would share one tracker
        # and see each other's health details.
        chat = message.get("chat")
        if not isinstance(chat, Mapping) or chat.get("type") != "private":
            return None
        chat_id = chat.get("id")
        return chat_id if isinstance(chat_id, int) else None

    def _from_message(self, message: Mapping[str, Any]) -> tuple[int, str] | None:
        chat_id = self._private_chat_id(message)
        sender = message.get("from")
        text = message.get("text")
        if (
            chat_id is None
            or not isinstance(text, str)
            or (isinstance(sender, Mapping) and sender.get("is_bot"))
        ):
            return None  # stickers, photos, voice, locations: nothing the NLU can read
        text = self._command_text(text)
        return (chat_id, text) if text else None

    @staticmethod
    def _command_text(text: str) -> str:
        text = text.strip()
        if text.startswith("/"):
            command = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
            if command in COMMANDS:
                return COMMANDS[command]
        return plain_user_text(text)

    async def _edit_keyboard(self, chat_id: int, message: Mapping[str, Any], markup: dict[str, Any]) -> None:
        try:
            await self._api.call(
                "editMessageReplyMarkup",
                chat_id=chat_id,
                message_id=message.get("message_id"),
                reply_markup=markup,
            )
        except TelegramAPIError as error:
            log_failure(logger, "Telegram editMessageReplyMarkup", error)

    async def _from_button(self, query: Mapping[str, Any]) -> tuple[int, str] | None:
        query_id = query.get("id")
        if isinstance(query_id, str):
            try:
                # Until answered, the person's app shows a spinner on the button.
                await self._api.call("answerCallbackQuery", callback_query_id=query_id)
            except TelegramAPIError as error:
                log_failure(logger, "Telegram answerCallbackQuery", error)
        message = query.get("message")
        data = query.get("data")
        if not isinstance(message, Mapping) or not isinstance(data, str):
            return None
        chat_id = self._private_chat_id(message)
        if chat_id is None:
            return None
        if data.startswith(TOGGLE_DATA):  # a tick or an untick: only the message changes
            await self._edit_keyboard(chat_id, message, _toggled(message.get("reply_markup"), data))
            return None
        if data == DONE_DATA and not _ticked(message.get("reply_markup")):
            return None  # nothing ticked: "None of these" and "I'm not sure" are there for that
        if self._recent.seen_or_add(("tap", chat_id, message.get("message_id"), data)):
            # A double tap would otherwise answer the next question too.
            return None
        if data == DONE_DATA:
            await self._edit_keyboard(chat_id, message, {"inline_keyboard": []})
            return chat_id, CHOICES_JOINER.join(_ticked(message.get("reply_markup")))
        text = self._codec.decode(data, message.get("reply_markup"))
        if text is None:
            logger.info("Telegram button with an unknown long payload ignored.")
            return None
        text = plain_user_text(text)
        return (chat_id, text) if text else None
