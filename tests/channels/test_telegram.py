"""SecureTelegramInput against Rasa's real app, a stand-in agent and a fake Bot API."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import hmac
import logging
import re
from typing import Any

import pytest
from aiogram.bot.api import TelegramAPIServer
from rasa.shared.exceptions import InvalidConfigException, RasaException

from actions.questions import question_message
from bot.channels.telegram import MAX_CALLBACK_BYTES, SECRET_HEADER, SecureTelegramInput, TelegramApi
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
from tests.channels.fake_apis import FakeTelegramApi

WEBHOOK = "/webhooks/telegram/webhook"
SECRET = "s3cr3t-Token_for-tests"
CREDENTIALS = {
    "access_token": "123456789:AAF-test-token_abcdefghijklmnopqrstu",
    "verify": "charley_triage_bot",
    "webhook_url": "https://charley.example.org/webhooks/telegram/webhook",
    "secret_token": SECRET,
}
CHAT_ID = 4242


def make_channel(api: FakeTelegramApi, **overrides: Any) -> SecureTelegramInput:
    channel = SecureTelegramInput.from_credentials({**CREDENTIALS, "api_base_url": api.base_url, **overrides})
    assert isinstance(channel, SecureTelegramInput)
    return channel


async def post(client: Any, update: dict[str, Any], secret: str | None = SECRET) -> Any:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    _, resp = await client.post(WEBHOOK, json=update, headers=headers)
    return resp


def expected_pseudonym(raw: str) -> str:
    digest = hmac.new(PSEUDONYM_KEY.encode(), f"telegram:{raw}".encode(), hashlib.sha256).hexdigest()
    return f"telegram-{digest}"


def assert_valid_telegram_html(text: str) -> None:
    """Only <b>/<i>, balanced, and every & and < from content escaped."""
    assert text.count("<b>") == text.count("</b>")
    assert text.count("<i>") == text.count("</i>")
    stripped = re.sub(r"</?[bi]>", "", text)
    assert "<" not in stripped and ">" not in stripped
    assert not re.search(r"&(?!amp;|lt;|gt;)", stripped)


def keyboard_payloads(markup: dict[str, Any]) -> list[str]:
    return [button["callback_data"] for row in markup["inline_keyboard"] for button in row]


def keyboard_titles(markup: dict[str, Any]) -> list[str]:
    return [button["text"] for row in markup["inline_keyboard"] for button in row]


async def test_conversation_to_a_triage_result(telegram_api: FakeTelegramApi, agent: StandInAgent) -> None:
    client = client_for(make_channel(telegram_api), agent)

    resp = await post(client, load_fixture("telegram/message_text.json"))
    assert resp.status == 200
    question = telegram_api.of("sendMessage")[-1]
    assert question["chat_id"] == str(CHAT_ID)
    assert question["text"] == QUESTION_TEXT
    assert "parse_mode" not in question  # plain text is shown literally, nothing to escape
    assert keyboard_payloads(question["reply_markup"]) == ["None of these", "I'm not sure"]

    resp = await post(client, load_fixture("telegram/callback_query.json"))
    assert resp.status == 200
    assert telegram_api.of("answerCallbackQuery") == [{"callback_query_id": "4382bfdwdsb323b2d9"}]
    assert agent.texts == ["I keep getting cramps in my calf at night", "None of these"]

    result = telegram_api.of("sendMessage")[-1]
    assert result["chat_id"] == str(CHAT_ID)
    assert result["parse_mode"] == "HTML"
    text = result["text"]
    assert_valid_telegram_html(text)
    assert text.startswith(
        "\N{POLICE CARS REVOLVING LIGHT} <b>Emergency: get help now</b>\n<b>Get medical help now"
    )
    headings = [h for h in re.findall(r"<b>([^<]+)</b>", text)]
    assert headings[2:] == [
        "Why this advice",
        "Possible causes",
        "What you can do now",
        "Get help straight away if",
        "Sources",
    ]
    assert "\N{BULLET} A blood clot in a deep vein (DVT)" in text
    assert "\N{BULLET} <i>Muscle Spasms Common Causes And When To Seek Help</i>" in text
    assert text.endswith(
        "<i>Charley gives general information drawn from published health articles. "
        "It is not a diagnosis and does not replace a doctor. If you are worried, "
        "contact a health professional.</i>"
    )
    assert keyboard_titles(result["reply_markup"]) == [
        "Why this advice?",
        "Summary for my doctor",
        "Start over",
    ]
    # Only one message for the result: the plain-text copy Rasa would also send is not repeated.
    assert len(telegram_api.of("sendMessage")) == 2


async def test_webhook_is_registered_with_the_secret_token(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/message_text.json"))
    await post(client, load_fixture("telegram/callback_query.json"))

    assert telegram_api.methods().count("setWebhook") == 1
    assert telegram_api.of("setWebhook") == [
        {
            "url": CREDENTIALS["webhook_url"],
            "secret_token": SECRET,
            "allowed_updates": ["message", "callback_query"],
        }
    ]
    # The bot name is checked once at start, not with a getMe per update as in Rasa 3.6.
    assert telegram_api.methods().count("getMe") == 1


async def test_a_token_of_another_bot_refuses_to_start(telegram_api: FakeTelegramApi) -> None:
    channel = make_channel(telegram_api, verify="someone_elses_bot")
    with pytest.raises(RasaException, match="another bot"):
        await channel.register_webhook()
    assert "setWebhook" not in telegram_api.methods()


@pytest.mark.parametrize("secret", ["forged-token", "", SECRET + "x", SECRET[:-1], None])
async def test_forged_or_missing_secret_token_is_forbidden(
    telegram_api: FakeTelegramApi, agent: StandInAgent, secret: str | None
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    resp = await post(client, load_fixture("telegram/message_text.json"), secret=secret)
    assert resp.status == 403
    assert agent.messages == []
    assert telegram_api.of("sendMessage") == []


async def test_forged_update_does_not_block_the_real_one(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    update = load_fixture("telegram/message_text.json")
    assert (await post(client, update, secret="forged")).status == 403
    assert (await post(client, update)).status == 200
    assert len(agent.messages) == 1


@pytest.mark.parametrize(
    "fixture",
    ["my_chat_member", "edited_message", "channel_post", "sticker", "photo", "group_message", "poll_answer"],
)
async def test_updates_the_bot_does_not_handle_are_acknowledged_and_ignored(
    telegram_api: FakeTelegramApi, agent: StandInAgent, fixture: str
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    resp = await post(client, load_fixture(f"telegram/{fixture}.json"))
    assert resp.status == 200
    assert agent.messages == []
    assert telegram_api.of("sendMessage") == []


async def test_a_redelivered_update_is_processed_once(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    update = load_fixture("telegram/message_text.json")
    first, second = await post(client, update), await post(client, update)
    assert (first.status, second.status) == (200, 200)
    assert second.text == "duplicate"
    assert len(agent.messages) == 1
    assert len(telegram_api.of("sendMessage")) == 1


async def test_concurrent_deliveries_of_one_update_are_processed_once(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    update = load_fixture("telegram/message_text.json")
    responses = await asyncio.gather(*(post(client, update) for _ in range(3)))
    assert [r.status for r in responses] == [200, 200, 200]
    assert len(agent.messages) == 1


async def test_a_double_tap_on_a_button_is_processed_once(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    tap = load_fixture("telegram/callback_query.json")
    second_tap = copy.deepcopy(tap)
    second_tap["update_id"] += 1
    second_tap["callback_query"]["id"] = "4382bfdwdsb323b2e0"
    await post(client, tap)
    await post(client, second_tap)
    assert agent.texts == ["None of these"]
    # Both taps are still answered, or the second spinner never stops.
    assert len(telegram_api.of("answerCallbackQuery")) == 2


async def test_the_agent_sees_a_pseudonym_and_replies_reach_the_real_chat(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/message_text.json"))
    await post(client, load_fixture("telegram/callback_query.json"))

    senders = {m.sender_id for m in agent.messages}
    assert senders == {expected_pseudonym(str(CHAT_ID))}
    assert all(str(CHAT_ID) not in m.sender_id for m in agent.messages)
    assert all(m.input_channel == "telegram" and m.metadata is None for m in agent.messages)
    assert {m["chat_id"] for m in telegram_api.of("sendMessage")} == {str(CHAT_ID)}


async def test_an_exception_in_the_agent_returns_200_and_logs_no_text(
    telegram_api: FakeTelegramApi, agent: StandInAgent, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    update = load_fixture("telegram/message_text.json")
    update["message"]["text"] = FAILING_TEXT
    caplog.set_level(logging.DEBUG, logger="bot.channels")

    resp = await post(client, update)

    assert resp.status == 200
    assert len(agent.messages) == 1
    channel_logs = [r for r in caplog.records if r.name.startswith("bot.channels")]
    assert any("RuntimeError" in r.getMessage() for r in channel_logs)
    assert all("calf" not in r.getMessage() and "explode" not in r.getMessage() for r in channel_logs)
    # The person is not left in silence: told that it failed and how to get emergency help.
    apology = telegram_api.of("sendMessage")[-1]["text"]
    assert "went wrong" in apology and load_knowledge().emergency_line in apology
    # The next update is handled normally.
    assert (await post(client, load_fixture("telegram/callback_query.json"))).status == 200
    assert agent.texts[-1] == "None of these"


async def test_a_reply_telegram_fails_to_take_is_reported_to_the_person_and_logged_as_delivery(
    telegram_api: FakeTelegramApi, agent: StandInAgent, caplog: pytest.LogCaptureFixture
) -> None:
    telegram_api.failures["sendMessage"] = (
        502,
        {"ok": False, "error_code": 502, "description": "Bad Gateway"},
    )
    client = client_for(make_channel(telegram_api), agent)
    caplog.set_level(logging.DEBUG, logger="bot.channels")

    assert (await post(client, load_fixture("telegram/message_text.json"))).status == 200

    notice = telegram_api.of("sendMessage")[-1]["text"]
    assert "could not be delivered" in notice and load_knowledge().emergency_line in notice
    logs = [r.getMessage() for r in caplog.records if r.name.startswith("bot.channels")]
    assert any("Delivering a reply on the telegram channel failed" in m for m in logs), logs
    assert not any("model" in m for m in logs), logs  # the model is not blamed for a send


async def test_a_body_that_is_not_an_update_is_rejected(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    _, resp = await client.post(WEBHOOK, content=b"not json", headers={SECRET_HEADER: SECRET})
    assert resp.status == 400
    assert agent.messages == []


async def test_start_command_and_intent_syntax_become_plain_text(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/message_start.json"))
    forged_intent = load_fixture("telegram/message_text.json")
    forged_intent["message"]["text"] = '/inform{"body_location": "eyelid"}'
    await post(client, forged_intent)
    assert agent.texts == ["Hello", 'inform{"body_location": "eyelid"}']


async def test_long_payloads_fit_in_callback_data_and_come_back_whole(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    long_payload = "Numbness and tingling that spreads down my leg when I walk more than a block"
    agent.question_buttons = [{"title": "Numbness when walking", "payload": long_payload}]
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/message_text.json"))
    markup = telegram_api.of("sendMessage")[-1]["reply_markup"]
    data = keyboard_payloads(markup)[0]
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    assert data != long_payload

    tap = load_fixture("telegram/callback_query.json")
    tap["callback_query"]["data"] = data
    tap["callback_query"]["message"]["reply_markup"] = markup
    await post(client, tap)
    assert agent.texts[-1] == long_payload


async def test_an_unknown_long_payload_falls_back_to_the_button_title(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    # After a restart the digest map is empty; the button's title is what the person chose.
    client = client_for(make_channel(telegram_api), agent)
    tap = load_fixture("telegram/callback_query.json")
    tap["callback_query"]["data"] = "#q0Wm3xgGZ3r1UFb2qLz8AQ"
    tap["callback_query"]["message"]["reply_markup"] = {
        "inline_keyboard": [[{"text": "Numbness when walking", "callback_data": "#q0Wm3xgGZ3r1UFb2qLz8AQ"}]]
    }
    await post(client, tap)
    assert agent.texts == ["Numbness when walking"]
    assert len(telegram_api.of("answerCallbackQuery")) == 1


async def test_user_derived_text_is_escaped_in_the_triage_html(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    triage = agent.triage["custom"]["triage"]
    triage["headline"] = "Go now <b>really</b> & don't wait"
    triage["reasons"][0]["because"] = 'You told me: "<script>alert(1)</script>" & <a href="http://x">pain</a>'
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/callback_query.json"))
    text = telegram_api.of("sendMessage")[-1]["text"]
    assert_valid_telegram_html(text)
    assert "<b>Go now &lt;b&gt;really&lt;/b&gt; &amp; don't wait</b>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<a href" not in text


async def test_self_care_result_with_its_long_list(telegram_api: FakeTelegramApi) -> None:
    agent = StandInAgent(load_fixture("triage_self_care.json"))
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/callback_query.json"))
    sent = telegram_api.of("sendMessage")
    assert len(sent) == 1
    text = sent[0]["text"]
    assert text.startswith("\N{HOUSE BUILDING} <b>Look after it at home</b>")
    assert "<b>Why this advice</b>" not in text  # no rule fired: the section is left out
    assert text.count("\N{BULLET}") >= 14
    assert_valid_telegram_html(text)


async def test_a_very_long_result_is_split_with_the_keyboard_on_the_last_part(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    triage = agent.triage["custom"]["triage"]
    triage["self_care"] = [f"Step {i}: " + "stretch gently and breathe slowly " * 15 for i in range(20)]
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/callback_query.json"))
    parts = telegram_api.of("sendMessage")
    assert len(parts) > 1
    for part in parts:
        assert len(part["text"].encode("utf-16-le")) // 2 <= 4096
        assert_valid_telegram_html(part["text"])
        assert part["parse_mode"] == "HTML"
    assert [("reply_markup" in p) for p in parts] == [False] * (len(parts) - 1) + [True]


async def test_an_unusable_triage_payload_falls_back_to_its_plain_text(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    agent.triage["custom"]["triage"]["level"] = "mystery"
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/callback_query.json"))
    sent = telegram_api.of("sendMessage")
    assert len(sent) == 1
    assert sent[0]["text"] == agent.triage["text"].strip()
    assert "parse_mode" not in sent[0]


async def test_html_refused_by_telegram_is_resent_as_plain_text(
    telegram_api: FakeTelegramApi, agent: StandInAgent
) -> None:
    telegram_api.failures["sendMessage"] = (
        400,
        {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: can't parse entities: unexpected end tag",
        },
    )
    client = client_for(make_channel(telegram_api), agent)
    assert (await post(client, load_fixture("telegram/callback_query.json"))).status == 200
    sent = telegram_api.of("sendMessage")
    assert sent[0]["parse_mode"] == "HTML"
    assert "parse_mode" not in sent[1]
    assert sent[1]["text"].startswith("\N{POLICE CARS REVOLVING LIGHT} Emergency: get help now")


def test_the_api_client_survives_a_change_of_event_loop(telegram_api: FakeTelegramApi) -> None:
    """Rasa 3.6 makes its first Bot API call inside asyncio.run while building the app, and
    the server's loop then fails with "Event loop is closed"; ours follows the running loop."""
    api = TelegramApi(CREDENTIALS["access_token"], TelegramAPIServer.from_base(telegram_api.base_url))
    first = asyncio.run(api.call("getMe"))
    second = asyncio.run(api.call("getMe"))
    assert first["username"] == second["username"] == "charley_triage_bot"


def test_outside_a_request_replies_are_dropped_not_misrouted(telegram_api: FakeTelegramApi) -> None:
    output = make_channel(telegram_api).get_output_channel()
    asyncio.run(output.send_text_message(expected_pseudonym(str(CHAT_ID)), "Reminder"))
    assert telegram_api.of("sendMessage") == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"secret_token": None}, "secret_token"),
        ({"secret_token": ""}, "secret_token"),
        ({"secret_token": "has spaces and !"}, "may only contain"),
        ({"webhook_url": "http://charley.example.org/webhooks/telegram/webhook"}, "https://"),
        ({"access_token": "not a token"}, "access_token"),
    ],
)
def test_insecure_configuration_refuses_to_start(
    telegram_api: FakeTelegramApi, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidConfigException, match=message):
        make_channel(telegram_api, **overrides)


def test_a_missing_pseudonym_key_refuses_to_start(
    telegram_api: FakeTelegramApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHARLEY_PSEUDONYM_KEY")
    with pytest.raises(InvalidConfigException, match="CHARLEY_PSEUDONYM_KEY"):
        make_channel(telegram_api)


class ChecklistAgent(StandInAgent):
    """Answers with the real warning-sign question, as the action server puts it."""

    async def handle_message(self, message: Any) -> None:
        self.messages.append(message)
        text, buttons = question_message(
            load_knowledge().question("accompanying_symptoms"), Case(location="calf")
        )
        await message.output_channel.send_response(message.sender_id, bot_message(text, buttons=buttons))


def _tap(sent: dict[str, Any], markup: dict[str, Any], data: str, update_id: int) -> dict[str, Any]:
    update = load_fixture("telegram/callback_query.json")
    update["update_id"] = update_id
    update["callback_query"]["id"] = f"q{update_id}"
    update["callback_query"]["message"]["text"] = sent["text"]
    update["callback_query"]["message"]["reply_markup"] = markup
    update["callback_query"]["data"] = data
    return update


async def test_the_warning_signs_are_ticked_together_and_sent_with_done(
    telegram_api: FakeTelegramApi,
) -> None:
    agent = ChecklistAgent()
    client = client_for(make_channel(telegram_api), agent)
    assert (await post(client, load_fixture("telegram/message_text.json"))).status == 200
    sent = telegram_api.of("sendMessage")[-1]
    assert "- numbness" not in sent["text"]  # the options are the buttons, not repeated above them
    rows = sent["reply_markup"]["inline_keyboard"]
    titles = [row[0]["text"] for row in rows]
    assert (
        "\N{BALLOT BOX} numbness or tingling" in titles
        and "None of these" in titles
        and "I'm not sure" in titles
    )
    data = {row[0]["text"]: row[0]["callback_data"] for row in rows}

    markup = sent["reply_markup"]
    for update_id, title in enumerate(
        ["numbness or tingling", "weakness in the hands, feet or limbs"], start=1
    ):
        tap = _tap(sent, markup, data[f"\N{BALLOT BOX} {title}"], 900 + update_id)
        assert (await post(client, tap)).status == 200
        markup = telegram_api.of("editMessageReplyMarkup")[-1]["reply_markup"]
        assert f"\N{BALLOT BOX WITH CHECK} {title}" in [row[0]["text"] for row in markup["inline_keyboard"]]
    assert len(agent.messages) == 1  # ticking only changes the message

    done = next(v for k, v in data.items() if k.startswith("Done"))
    assert (await post(client, _tap(sent, markup, done, 999))).status == 200
    assert agent.texts[-1] == "numbness or tingling; weakness in the hands, feet or limbs"


async def test_done_with_nothing_ticked_sends_nothing(telegram_api: FakeTelegramApi) -> None:
    agent = ChecklistAgent()
    client = client_for(make_channel(telegram_api), agent)
    await post(client, load_fixture("telegram/message_text.json"))
    sent = telegram_api.of("sendMessage")[-1]
    done = next(
        row[0]["callback_data"]
        for row in sent["reply_markup"]["inline_keyboard"]
        if row[0]["text"].startswith("Done")
    )
    assert (await post(client, _tap(sent, sent["reply_markup"], done, 990))).status == 200
    assert len(agent.messages) == 1
