"""SecureSlackInput against Rasa's real app, a stand-in agent and a fake Web API."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from rasa.shared.exceptions import InvalidConfigException

from actions.questions import question_message
from bot.channels.slack import SecureSlackInput
from bot.triage.case import Case
from bot.triage.knowledge import load_knowledge
from tests.channels.conftest import (
    FAILING_TEXT,
    PSEUDONYM_KEY,
    QUESTION_TEXT,
    StandInAgent,
    bot_message,
    client_for,
    load_fixture,
)
from tests.channels.fake_apis import FakeSlackApi

WEBHOOK = "/webhooks/slack/webhook"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-1111-2222-testtoken"
CREDENTIALS = {"slack_token": TOKEN, "slack_signing_secret": SIGNING_SECRET}
USER = "U0123ABCD"
DM = "D0456EFGH"
# https://api.slack.com/apis/connections/events-api#retries
RETRY_REASONS = [
    "http_timeout",
    "too_many_redirects",
    "connection_failed",
    "ssl_error",
    "http_error",
    "unknown_error",
]


def make_channel(api: FakeSlackApi, **overrides: Any) -> SecureSlackInput:
    channel = SecureSlackInput.from_credentials(
        {**CREDENTIALS, "api_base_url": f"{api.base_url}/api/", **overrides}
    )
    assert isinstance(channel, SecureSlackInput)
    return channel


def sign(body: bytes, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Slack's scheme: HMAC-SHA256 over the exact bytes `v0:{timestamp}:{body}`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_body(fixture: str) -> bytes:
    return json.dumps(load_fixture(fixture)).encode()


def interaction_body(payload: dict[str, Any]) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


async def send_event(client: Any, body: bytes, headers: dict[str, str] | None = None) -> Any:
    all_headers = {"Content-Type": "application/json", **sign(body), **(headers or {})}
    _, resp = await client.post(WEBHOOK, content=body, headers=all_headers)
    return resp


async def send_interaction(client: Any, payload: dict[str, Any]) -> Any:
    body = interaction_body(payload)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    _, resp = await client.post(WEBHOOK, content=body, headers=headers)
    return resp


def expected_pseudonym(raw: str) -> str:
    digest = hmac.new(PSEUDONYM_KEY.encode(), f"slack:{raw}".encode(), hashlib.sha256).hexdigest()
    return f"slack-{digest}"


def button_values(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


async def test_conversation_to_a_triage_result(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    client = client_for(make_channel(slack_api), agent)

    resp = await send_event(client, event_body("slack/message_im.json"))
    assert resp.status == 200
    question = slack_api.of("chat.postMessage")[-1]
    assert question["channel"] == DM
    assert question["text"] == QUESTION_TEXT
    assert question["blocks"][0] == {"type": "section", "text": {"type": "mrkdwn", "text": QUESTION_TEXT}}
    assert button_values(question["blocks"]) == ["None of these", "I'm not sure"]
    assert "as_user" not in question
    assert slack_api.calls[-1].headers["Authorization"] == f"Bearer {TOKEN}"

    resp = await send_interaction(client, load_fixture("slack/block_actions.json"))
    assert resp.status == 200
    assert agent.texts == ["I keep getting cramps in my calf at night", "None of these"]

    result = slack_api.of("chat.postMessage")[-1]
    assert result["channel"] == DM
    assert result["text"].startswith("Emergency: get help now: Get medical help now")
    blocks = result["blocks"]
    assert [b["type"] for b in blocks] == [
        "header",
        "section",  # what to do now
        "section",  # why
        "section",  # causes
        "section",  # self-care
        "section",  # when to get help
        "section",  # sources
        "divider",
        "context",  # disclaimer
        "actions",
    ]
    assert blocks[0]["text"] == {
        "type": "plain_text",
        "text": "\N{POLICE CARS REVOLVING LIGHT} Emergency: get help now",
        "emoji": True,
    }
    headings = [b["text"]["text"].split("\n", 1)[0] for b in blocks if b["type"] == "section"]
    assert headings == [
        "*What to do now*",
        "*Why this advice*",
        "*Possible causes*",
        "*What you can do now*",
        "*Get help straight away if*",
        "*Sources*",
    ]
    assert "\N{BULLET} A blood clot in a deep vein (DVT)" in blocks[3]["text"]["text"]
    assert "Muscle Spasms Common Causes And When To Seek Help" in blocks[6]["text"]["text"]
    assert blocks[8]["elements"][0]["text"].startswith("Charley gives general information")
    assert button_values(blocks) == ["Why this advice?", "Summary for my doctor", "Start over"]
    action_ids = [e["action_id"] for e in blocks[-1]["elements"]]
    assert len(set(action_ids)) == len(action_ids)
    assert len(slack_api.of("chat.postMessage")) == 2  # the plain-text copy is not sent as well


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"X-Slack-Signature": "v0=" + "0" * 64}, id="wrong-signature"),
        pytest.param({"X-Slack-Signature": ""}, id="empty-signature"),
        pytest.param(None, id="signed-with-another-secret"),
    ],
)
async def test_bad_signatures_are_rejected(
    slack_api: FakeSlackApi, agent: StandInAgent, headers: dict[str, str] | None
) -> None:
    client = client_for(make_channel(slack_api), agent)
    body = event_body("slack/message_im.json")
    signed = sign(body, secret="not-the-signing-secret") if headers is None else {**sign(body), **headers}
    _, resp = await client.post(WEBHOOK, content=body, headers={"Content-Type": "application/json", **signed})
    assert resp.status == 400
    assert agent.messages == []
    assert slack_api.calls == []


async def test_a_body_changed_after_signing_is_rejected(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    client = client_for(make_channel(slack_api), agent)
    body = event_body("slack/message_im.json")
    headers = {"Content-Type": "application/json", **sign(body)}
    tampered = body.replace(b"calf", b"neck")
    _, resp = await client.post(WEBHOOK, content=tampered, headers=headers)
    assert resp.status == 400
    assert agent.messages == []


# Ten seconds past the five-minute window each way: the request's own time in flight (and the
# whole-second timestamp) must not bring a future one back inside it.
@pytest.mark.parametrize("age_seconds", [310, 3600, -310])
async def test_stale_signatures_are_rejected(
    slack_api: FakeSlackApi, agent: StandInAgent, age_seconds: int
) -> None:
    client = client_for(make_channel(slack_api), agent)
    body = event_body("slack/message_im.json")
    headers = {"Content-Type": "application/json", **sign(body, timestamp=int(time.time()) - age_seconds)}
    _, resp = await client.post(WEBHOOK, content=body, headers=headers)
    assert resp.status == 400
    assert agent.messages == []


async def test_missing_signature_headers_are_rejected(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    client = client_for(make_channel(slack_api), agent)
    _, resp = await client.post(
        WEBHOOK, content=event_body("slack/message_im.json"), headers={"Content-Type": "application/json"}
    )
    assert resp.status == 400
    assert agent.messages == []


@pytest.mark.parametrize("reason", RETRY_REASONS)
async def test_slack_retries_never_produce_a_second_reply(
    slack_api: FakeSlackApi, agent: StandInAgent, reason: str
) -> None:
    client = client_for(make_channel(slack_api), agent)
    body = event_body("slack/message_im.json")
    assert (await send_event(client, body)).status == 200
    for attempt in ("1", "2", "3"):
        resp = await send_event(client, body, {"X-Slack-Retry-Num": attempt, "X-Slack-Retry-Reason": reason})
        assert resp.status == 200
        assert resp.headers.get("X-Slack-No-Retry") == "1"
    assert len(agent.messages) == 1
    assert len(slack_api.of("chat.postMessage")) == 1


@pytest.mark.parametrize("reason", RETRY_REASONS)
async def test_a_retry_is_dropped_even_if_this_server_never_saw_the_first_delivery(
    slack_api: FakeSlackApi, agent: StandInAgent, reason: str
) -> None:
    # With several servers the first delivery may have been answered elsewhere; replying
    # again could answer a question the person has not seen yet.
    client = client_for(make_channel(slack_api), agent)
    body = event_body("slack/message_im.json")
    resp = await send_event(client, body, {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": reason})
    assert resp.status == 200
    assert agent.messages == []
    assert slack_api.calls == []


async def test_a_redelivered_event_id_is_processed_once(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    # E.g. a replay through a proxy, or a retry whose retry headers were stripped.
    client = client_for(make_channel(slack_api), agent)
    body = event_body("slack/message_im.json")
    first, second = await send_event(client, body), await send_event(client, body)
    assert (first.status, second.status) == (200, 200)
    assert second.text == "duplicate"
    assert len(agent.messages) == 1
    assert len(slack_api.of("chat.postMessage")) == 1


async def test_a_mention_delivered_as_message_and_app_mention_is_processed_once(
    slack_api: FakeSlackApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(slack_api, slack_channel="C0789IJKL"), agent)
    await send_event(client, event_body("slack/message_channel.json"))
    await send_event(client, event_body("slack/app_mention.json"))
    assert agent.texts == ["my calf cramps every night"]  # the bot's own mention is removed
    assert [m["channel"] for m in slack_api.of("chat.postMessage")] == ["C0789IJKL"]


@pytest.mark.parametrize("fixture", ["bot_message", "message_changed"])
async def test_events_that_are_not_user_messages_are_ignored(
    slack_api: FakeSlackApi, agent: StandInAgent, fixture: str
) -> None:
    client = client_for(make_channel(slack_api), agent)
    resp = await send_event(client, event_body(f"slack/{fixture}.json"))
    assert resp.status == 200
    assert agent.messages == []
    assert slack_api.calls == []


async def test_url_verification_echoes_the_challenge(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    client = client_for(make_channel(slack_api), agent)
    resp = await send_event(client, event_body("slack/url_verification.json"))
    assert resp.status == 200
    assert resp.json == {"challenge": load_fixture("slack/url_verification.json")["challenge"]}


async def test_a_button_press_is_processed_as_the_users_text(
    slack_api: FakeSlackApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(slack_api), agent)
    payload = load_fixture("slack/block_actions.json")
    payload["actions"][0]["value"] = "I'm not sure"
    resp = await send_interaction(client, payload)
    assert resp.status == 200
    assert agent.texts == ["I'm not sure"]
    assert slack_api.of("chat.postMessage")[-1]["channel"] == DM


async def test_a_double_click_on_a_button_is_processed_once(
    slack_api: FakeSlackApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(slack_api), agent)
    first = load_fixture("slack/block_actions.json")
    second = load_fixture("slack/block_actions.json")
    second["trigger_id"] = "8148224531.7048295.ffffffffffffffff"
    second["actions"][0]["action_ts"] = "1732179605.623456"
    await send_interaction(client, first)
    await send_interaction(client, second)
    assert agent.texts == ["None of these"]


async def test_link_buttons_and_other_interactions_are_ignored(
    slack_api: FakeSlackApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(slack_api), agent)
    link = load_fixture("slack/block_actions.json")
    del link["actions"][0]["value"]
    shortcut = {"type": "shortcut", "callback_id": "x", "user": {"id": USER}, "trigger_id": "1.2.3"}
    assert (await send_interaction(client, link)).status == 200
    assert (await send_interaction(client, shortcut)).status == 200
    assert agent.messages == []


async def test_the_agent_sees_a_pseudonym_for_messages_and_button_presses(
    slack_api: FakeSlackApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(slack_api), agent)
    await send_event(client, event_body("slack/message_im.json"))
    await send_interaction(client, load_fixture("slack/block_actions.json"))
    assert {m.sender_id for m in agent.messages} == {expected_pseudonym(USER)}
    assert all(USER not in m.sender_id and DM not in m.sender_id for m in agent.messages)
    # Rasa's own Slack metadata (channel, thread, user ids) would be stored in the tracker.
    assert all(m.metadata is None and m.input_channel == "slack" for m in agent.messages)


async def test_thread_granularity_is_pseudonymised_too(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    client = client_for(make_channel(slack_api, conversation_granularity="channel"), agent)
    await send_event(client, event_body("slack/message_im.json"))
    assert agent.messages[0].sender_id == expected_pseudonym(f"{USER}_{DM}")


async def test_user_derived_text_is_escaped_for_mrkdwn(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    triage = agent.triage["custom"]["triage"]
    triage["headline"] = "Go now <!channel> & tell <@U999>"
    triage["causes"][0]["title"] = "<https://evil.example|Click here>"
    client = client_for(make_channel(slack_api), agent)
    await send_interaction(client, load_fixture("slack/block_actions.json"))
    result = slack_api.of("chat.postMessage")[-1]
    dumped = json.dumps(result["blocks"]) + result["text"]
    assert "<!channel>" not in dumped and "<@U999>" not in dumped and "<https://" not in dumped
    assert "Go now &lt;!channel&gt; &amp; tell &lt;@U999&gt;" in result["blocks"][1]["text"]["text"]


async def test_self_care_result_and_block_kit_limits(slack_api: FakeSlackApi) -> None:
    agent = StandInAgent(load_fixture("triage_self_care.json"))
    agent.triage["custom"]["triage"]["self_care"] *= 6  # long enough to need several sections
    client = client_for(make_channel(slack_api), agent)
    await send_interaction(client, load_fixture("slack/block_actions.json"))
    blocks = slack_api.of("chat.postMessage")[-1]["blocks"]
    assert blocks[0]["text"]["text"] == "\N{HOUSE BUILDING} Look after it at home"
    assert len(blocks) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    assert sum(b["text"]["text"].count("\N{BULLET}") for b in blocks if b["type"] == "section") >= 14 * 6


async def test_an_exception_in_the_agent_is_logged_without_text(
    slack_api: FakeSlackApi, agent: StandInAgent, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.channels")
    client = client_for(make_channel(slack_api), agent)
    body = load_fixture("slack/message_im.json")
    body["event"]["text"] = FAILING_TEXT
    resp = await send_event(client, json.dumps(body).encode())
    assert resp.status == 200
    assert len(agent.messages) == 1
    logs = [r.getMessage() for r in caplog.records if r.name.startswith("bot.channels")]
    assert any("RuntimeError" in m for m in logs)
    assert all("calf" not in m and "explode" not in m for m in logs)
    apology = slack_api.of("chat.postMessage")[-1]["text"]
    assert "went wrong" in apology and load_knowledge().emergency_line in apology


async def test_a_reply_slack_fails_to_take_is_reported_to_the_person(
    slack_api: FakeSlackApi, agent: StandInAgent, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.channels")
    slack_api.failures["chat.postMessage"] = (200, {"ok": False, "error": "rate_limited"})
    client = client_for(make_channel(slack_api), agent)
    resp = await send_event(client, json.dumps(load_fixture("slack/message_im.json")).encode())
    assert resp.status == 200
    notice = slack_api.of("chat.postMessage")[-1]["text"]
    assert "could not be delivered" in notice and load_knowledge().emergency_line in notice
    logs = [r.getMessage() for r in caplog.records if r.name.startswith("bot.channels")]
    assert any("Delivering a reply on the slack channel failed" in m for m in logs), logs


async def test_building_the_channel_directly_works_too(slack_api: FakeSlackApi, agent: StandInAgent) -> None:
    # Rasa 3.6's SlackInput(...) leaves the retry header names None and answers 500.
    channel = SecureSlackInput(
        TOKEN, slack_signing_secret=SIGNING_SECRET, api_base_url=f"{slack_api.base_url}/api/"
    )
    client = client_for(channel, agent)
    assert (await send_event(client, event_body("slack/message_im.json"))).status == 200
    assert len(agent.messages) == 1


async def test_outside_a_request_replies_are_dropped_not_misrouted(slack_api: FakeSlackApi) -> None:
    output = make_channel(slack_api, slack_channel="C0789IJKL").get_output_channel()
    await output.send_text_message(expected_pseudonym(USER), "Reminder")
    assert slack_api.calls == []


def test_a_missing_signing_secret_refuses_to_start(slack_api: FakeSlackApi) -> None:
    with pytest.raises(InvalidConfigException, match="signing secret"):
        make_channel(slack_api, slack_signing_secret="")


def test_a_missing_pseudonym_key_refuses_to_start(
    slack_api: FakeSlackApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHARLEY_PSEUDONYM_KEY")
    with pytest.raises(InvalidConfigException, match="CHARLEY_PSEUDONYM_KEY"):
        make_channel(slack_api)


class ChecklistAgent(StandInAgent):
    """Answers with the real warning-sign question, as the action server puts it."""

    async def handle_message(self, message: Any) -> None:
        self.messages.append(message)
        text, buttons = question_message(
            load_knowledge().question("accompanying_symptoms"), Case(location="calf")
        )
        await message.output_channel.send_response(message.sender_id, bot_message(text, buttons=buttons))


async def test_the_warning_signs_are_checkboxes_and_done_sends_the_ticked_ones(
    slack_api: FakeSlackApi,
) -> None:
    agent = ChecklistAgent()
    client = client_for(make_channel(slack_api), agent)
    assert (await send_event(client, event_body("slack/message_im.json"))).status == 200
    blocks = slack_api.of("chat.postMessage")[-1]["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    boxes = [e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["type"] == "checkboxes"]
    offered = [o["text"]["text"] for box in boxes for o in box["options"]]
    assert "numbness or tingling" in offered and len(offered) >= 11  # none dropped
    assert all(len(box["options"]) <= 10 for box in boxes)  # Slack's limit per element
    buttons = [
        e["text"]["text"]
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "button"
    ]
    assert buttons[:3] == ["Done", "None of these", "I'm not sure"]

    # a tick alone is not an answer
    tick = load_fixture("slack/block_actions.json")
    tick["actions"] = [
        {
            "type": "checkboxes",
            "action_id": "charley_ticks_0",
            "selected_options": [{"value": "numbness or tingling"}],
        }
    ]
    assert (await send_interaction(client, tick)).status == 200
    assert len(agent.messages) == 1

    done = load_fixture("slack/block_actions.json")
    done["actions"] = [{"type": "button", "action_id": "charley_done", "value": "done"}]
    done["state"] = {
        "values": {
            "charley_checklist": {
                "charley_ticks_0": {
                    "type": "checkboxes",
                    "selected_options": [
                        {"value": "numbness or tingling"},
                        {"value": "weakness in the hands, feet or limbs"},
                    ],
                }
            }
        }
    }
    assert (await send_interaction(client, done)).status == 200
    assert agent.texts[-1] == "numbness or tingling; weakness in the hands, feet or limbs"
