"""Slack connector for Rasa 3.6 that replies once per message and renders triage as Block Kit.

Configured in credentials.yml as `bot.channels.slack.SecureSlackInput`. It keeps Rasa's
signature check (`v0:{timestamp}:{body}` HMAC-SHA256, 400 when bad or older than five
minutes) and changes what Rasa 3.6's `SlackInput` gets wrong for this bot:

- every Slack retry is acknowledged and dropped, whatever its `X-Slack-Retry-Reason` (Rasa
  drops only `http_timeout`), and deliveries are deduplicated by `event_id` and message ts:
  a message processed twice could answer the next question the person has not seen yet;
- interactive button presses (form-encoded `block_actions`) are processed as the user's text;
- the triage result is Block Kit, questions get Block Kit buttons, text is escaped for mrkdwn;
- Rasa stores a keyed pseudonym and no Slack ids (not even in message metadata).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackInput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import RecentKeys, log_failure, plain_user_text
from bot.channels.pseudonym import Pseudonymizer, PseudonymKeyError
from bot.channels.render import (
    CHOICES_JOINER,
    FOLLOW_UP_BUTTONS,
    Checklist,
    TriageRenderError,
    TriageView,
    build_view,
    checklist_of,
    triage_from_custom,
)
from bot.channels.safety_net import handle_safely

logger = logging.getLogger(__name__)

SLACK_API = "https://slack.com/api/"
RETRY_NUM_HEADER = "x-slack-retry-num"
RETRY_REASON_HEADER = "x-slack-retry-reason"
# Block Kit limits (api.slack.com/reference/block-kit).
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS_PER_BLOCK = 25
SHUTDOWN_GRACE_SECONDS = 10
CHOOSE_PROMPT = "Please choose:"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def mrkdwn_escape(text: str) -> str:
    """Escapes the three characters Slack asks for, so `<!channel>` or `<@U1>` stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def _section(mrkdwn: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(mrkdwn, MAX_SECTION_TEXT)}}


def _list_sections(
    heading: str, lines: Sequence[str], links: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """A heading and bullet lines, spread over as many sections as the 3000-character limit needs;
    a line with an address in `links` becomes a link."""
    blocks: list[dict[str, Any]] = []
    current = f"*{mrkdwn_escape(heading)}*"
    for line in lines:
        url = (links or {}).get(line)
        text = f"<{mrkdwn_escape(url)}|{mrkdwn_escape(line)}>" if url else mrkdwn_escape(line)
        bullet = f"\N{BULLET} {text}"
        if len(current) + 1 + len(bullet) > MAX_SECTION_TEXT:
            blocks.append(_section(current))
            current = bullet
        else:
            current = f"{current}\n{bullet}"
    blocks.append(_section(current))
    return blocks


def button_blocks(buttons: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Actions blocks whose button values are the plain-text payloads."""
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": _clip(str(b["title"]), MAX_BUTTON_TEXT), "emoji": True},
            "value": _clip(str(b["payload"]), MAX_BUTTON_VALUE),
            "action_id": f"charley_button_{index}",  # unique within the message, as Slack requires
        }
        for index, b in enumerate(b for b in buttons if b.get("title") and b.get("payload"))
    ]
    return [
        {"type": "actions", "elements": elements[start : start + MAX_ACTIONS_PER_BLOCK]}
        for start in range(0, len(elements), MAX_ACTIONS_PER_BLOCK)
    ]


CHECKLIST_BLOCK = "charley_checklist"
DONE_ACTION = "charley_done"
MAX_CHECKBOX_OPTIONS = 10  # Slack's limit per checkboxes element


def checklist_blocks(checklist: Checklist) -> list[dict[str, Any]]:
    """The question, its options as checkboxes, then Done beside "None of these" and "Not sure"."""
    options = [
        {
            "text": {"type": "plain_text", "text": _clip(str(c["title"]), MAX_BUTTON_TEXT)},
            "value": str(c["payload"]),
        }
        for c in checklist.choices
    ]
    boxes = [
        {
            "type": "checkboxes",
            "action_id": f"charley_ticks_{start}",
            "options": options[start : start + MAX_CHECKBOX_OPTIONS],
        }
        for start in range(0, len(options), MAX_CHECKBOX_OPTIONS)
    ]
    done = {
        "type": "button",
        "style": "primary",
        "text": {"type": "plain_text", "text": "Done"},
        "value": "done",
        "action_id": DONE_ACTION,
    }
    others = button_blocks(checklist.others)
    answers = [done, *(others[0]["elements"] if others else [])]
    question = mrkdwn_escape(checklist.question) or CHOOSE_PROMPT
    return [
        _section(question),
        {"type": "actions", "block_id": CHECKLIST_BLOCK, "elements": boxes},
        {"type": "actions", "elements": answers},
    ]


def ticked_values(payload: Mapping[str, Any]) -> list[str]:
    """What was ticked when Done was pressed: Slack sends the checkboxes' state with the press."""
    values = ((payload.get("state") or {}).get("values") or {}).get(CHECKLIST_BLOCK) or {}
    return [
        str(option.get("value"))
        for _, action in sorted(values.items())
        if isinstance(action, Mapping)
        for option in action.get("selected_options") or []
        if isinstance(option, Mapping) and option.get("value")
    ]


def triage_blocks(view: TriageView, buttons: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The triage result as Block Kit, in render.py's order."""
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": _clip(f"{view.icon} {view.label}", MAX_HEADER_TEXT),
                "emoji": True,
            },
        },
        _section(f"*What to do now*\n{mrkdwn_escape(view.headline)}"),
    ]
    for section in view.sections:
        blocks += _list_sections(section.heading, [item.text for item in section.items])
    if view.sources:
        blocks += _list_sections("Sources", view.sources, links=view.source_links)
    if view.disclaimer:
        blocks.append({"type": "divider"})
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": _clip(mrkdwn_escape(view.disclaimer), 3000)}],
            }
        )
    return blocks + button_blocks(buttons)


class SlackReplies(OutputChannel):
    """Posts the bot's messages to the Slack conversation the user's message came from.

    Rasa passes the pseudonymous sender id as `recipient_id`; it is no Slack channel, so it is
    ignored (Rasa's SlackBot would post to it, or to the configured shared channel).
    """

    @classmethod
    def name(cls) -> str:
        return "slack"  # Rasa picks `channel: slack` response variants by this name

    def __init__(self, client: AsyncWebClient, channel: str | None, thread_ts: str | None = None) -> None:
        self._client = client
        self._channel = channel
        self._thread_ts = thread_ts

    async def _post(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        if not self._channel:
            logger.warning("Dropped a Slack reply: no conversation to send it to outside a request.")
            return
        params: dict[str, Any] = {"channel": self._channel, "text": text}
        if blocks:
            params["blocks"] = blocks
        if self._thread_ts:
            params["thread_ts"] = self._thread_ts
        # No `as_user`: Rasa 3.6 sends it, but it is for classic apps only.
        await self._client.chat_postMessage(**params)

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
        fallback = mrkdwn_escape(f"{view.label}: {view.headline}")  # notifications, screen readers
        await self._post(fallback, triage_blocks(view, message.get("buttons") or FOLLOW_UP_BUTTONS))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post(mrkdwn_escape(text.strip()))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        checklist = checklist_of(text, buttons)
        if checklist is not None:
            await self._post(mrkdwn_escape(checklist.question) or CHOOSE_PROMPT, checklist_blocks(checklist))
            return
        escaped = mrkdwn_escape(text.strip()) or CHOOSE_PROMPT  # Slack refuses an empty section
        await self._post(escaped, [_section(escaped), *button_blocks(buttons)])

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        if isinstance(json_message.get("blocks"), list):
            # Hand-written Block Kit from the domain; never let it pick another channel.
            await self._post(str(json_message.get("text") or ""), json_message["blocks"])
        else:
            logger.debug("Ignored a custom payload Slack cannot show (keys: %s).", sorted(json_message))


class SecureSlackInput(SlackInput):
    """Rasa's Slack input channel with retry-proof delivery, Block Kit and pseudonyms."""

    @classmethod
    def name(cls) -> str:
        return "slack"  # keeps the webhook at /webhooks/slack/webhook

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("slack_token"),
            credentials.get("slack_channel"),
            credentials.get("proxy"),
            credentials.get("slack_retry_reason_header", RETRY_REASON_HEADER),
            credentials.get("slack_retry_number_header", RETRY_NUM_HEADER),
            credentials.get("errors_ignore_retry", None),
            credentials.get("use_threads", False),
            credentials.get("slack_signing_secret", ""),
            credentials.get("conversation_granularity", "sender"),
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(
        self,
        slack_token: str,
        slack_channel: str | None = None,
        proxy: str | None = None,
        slack_retry_reason_header: str | None = None,
        slack_retry_number_header: str | None = None,
        errors_ignore_retry: list[str] | None = None,
        use_threads: bool | None = False,
        slack_signing_secret: str = "",
        conversation_granularity: str | None = "sender",
        *,
        api_base_url: str | None = None,
    ) -> None:
        super().__init__(
            slack_token,
            slack_channel,
            proxy,
            slack_retry_reason_header,
            slack_retry_number_header,
            errors_ignore_retry,
            use_threads,
            slack_signing_secret,
            conversation_granularity,
        )
        # Rasa's constructor leaves these None when not built by from_credentials, and
        # `headers.get(None)` then raises on every message (HTTP 500).
        self.retry_reason_header = slack_retry_reason_header or RETRY_REASON_HEADER
        self.retry_num_header = slack_retry_number_header or RETRY_NUM_HEADER
        if not slack_token:
            raise InvalidConfigException(
                "The Slack channel needs `slack_token` (SLACK_TOKEN), the xoxb- bot token."
            )
        self.api_base_url = api_base_url or SLACK_API
        self._recent = RecentKeys()
        try:
            self._pseudonyms = Pseudonymizer.from_env()
        except PseudonymKeyError as error:
            raise InvalidConfigException(str(error)) from error

    def _client(self) -> AsyncWebClient:
        return AsyncWebClient(self.slack_token, base_url=self.api_base_url, proxy=self.proxy)

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        """An output channel for messages Rasa sends outside a user's request.

        Without an explicit channel the sender's pseudonym leads nowhere, and the configured
        `slack_channel` may be shared: such messages are dropped rather than posted there.
        """
        return SlackReplies(self._client(), channel, thread_id)

    async def drain(self, timeout: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Waits for messages still being processed, so a shutdown does not cut replies off."""
        if self._background_tasks:
            await asyncio.wait(list(self._background_tasks), timeout=timeout)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.listener("before_server_stop")
        async def finish(_app: Any, _loop: Any) -> None:
            await self.drain()

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text(
                    "Message is not properly signed with a valid X-Slack-Signature header",
                    status=400,
                )
            retry = request.headers.get(self.retry_num_header)
            if retry:
                logger.info(
                    "Slack retry #%s (%s) acknowledged and dropped.",
                    retry,
                    request.headers.get(self.retry_reason_header, "no reason given"),
                )
                return response.text("", headers={"X-Slack-No-Retry": "1"})
            media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if media_type == "application/json":
                    return await self._on_event(request, on_new_message)
                if media_type == "application/x-www-form-urlencoded":
                    return await self._on_interaction(request, on_new_message)
            except Exception as error:
                # Answer 200: a retry would fail the same way and could double a reply.
                log_failure(logger, "Handling a Slack request", error)
            return response.text("ignored")

        return slack_webhook

    async def _on_event(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        try:
            body = json.loads(request.body)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return response.text("expected a JSON event", status=400)
        if body.get("type") == "url_verification":
            # Slack documents {"challenge": ...}; Rasa 3.6 answers a bare JSON string.
            return response.json({"challenge": body.get("challenge")})
        event = body.get("event")
        if body.get("type") != "event_callback" or not isinstance(event, dict):
            return response.text("ignored")
        channel, user, ts = event.get("channel"), event.get("user"), event.get("ts")
        if (
            not self._is_user_message(body)
            or event.get("subtype")  # edits, deletions, joins, bot posts
            or not isinstance(channel, str)
            or not isinstance(user, str)
            or not self._is_supported_channel(body, {"out_channel": channel})
        ):
            return response.text("ignored")
        # A mention in a channel can arrive as both `message` and `app_mention`, with
        # different event ids but the same channel and ts.
        keys = [("message", channel, ts)] + ([("event", body["event_id"])] if body.get("event_id") else [])
        if self._recent.seen_or_add(*keys):
            logger.debug("Slack event already processed.")
            return response.text("duplicate")
        text = plain_user_text(
            self._sanitize_user_message(str(event.get("text", "")), self._bot_user_ids(body))
        )
        if text:
            self._dispatch(on_new_message, text, user, channel, event.get("thread_ts") or ts)
        return response.text("")

    @staticmethod
    def _bot_user_ids(body: Mapping[str, Any]) -> list[str]:
        # The bot's own id, so "@Charley my calf hurts" reaches NLU without the mention.
        if isinstance(body.get("authed_users"), list):
            return [u for u in body["authed_users"] if isinstance(u, str)]
        authorizations = body.get("authorizations")
        if isinstance(authorizations, list) and authorizations and isinstance(authorizations[0], Mapping):
            user_id = authorizations[0].get("user_id")
            return [user_id] if isinstance(user_id, str) else []
        return []

    async def _on_interaction(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        raw = request.form.get("payload")
        payload = json.loads(raw) if isinstance(raw, str) else None
        if not isinstance(payload, dict) or payload.get("type") != "block_actions":
            return response.text("ignored")  # shortcuts, modals: nothing this bot offers
        if not self._is_interactive_message(payload):
            return response.text("ignored")
        action = payload["actions"][0]
        if action.get("action_id") == DONE_ACTION:
            # nothing ticked: "None of these" and "I'm not sure" are there for that
            text: Any = CHOICES_JOINER.join(ticked_values(payload)) or None
        else:
            text = self._get_interactive_response(action)  # a tick alone is not an answer (None)
        user = (payload.get("user") or {}).get("id")
        container = payload.get("container") or {}
        channel = (payload.get("channel") or {}).get("id") or container.get("channel_id")
        message = payload.get("message") or {}
        message_ts = message.get("ts") or container.get("message_ts")
        if not isinstance(text, str) or not isinstance(user, str) or not isinstance(channel, str):
            return response.text("ignored")  # link buttons carry no value
        # Each button of a message counts once: a double click would answer the next question.
        if self._recent.seen_or_add(("tap", channel, message_ts, action.get("action_id"), text)):
            return response.text("duplicate")
        text = plain_user_text(text)
        if text:
            self._dispatch(on_new_message, text, user, channel, message.get("thread_ts") or message_ts)
        return response.text("")

    def _dispatch(
        self, on_new_message: OnNewMessage, text: str, user: str, channel: str, thread_ts: str | None
    ) -> None:
        conversation = self._get_conversation_id(user, channel, thread_ts) or user
        output = SlackReplies(self._client(), channel, thread_ts if self.use_threads else None)
        message = UserMessage(
            text,
            output,
            self._pseudonyms(self.name(), conversation),
            input_channel=self.name(),
            metadata=None,  # Rasa's metadata (channel, users) would store Slack ids in the tracker
        )
        # Slack wants its 200 within 3 seconds, well before Rasa has finished.
        task = asyncio.create_task(self._process(on_new_message, message, output))
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    @staticmethod
    async def _process(on_new_message: OnNewMessage, message: UserMessage, output: SlackReplies) -> None:
        try:
            await handle_safely(on_new_message, message)
        except Exception as error:  # the failure text itself could not be posted
            log_failure(logger, "Handling a Slack message", error)
