"""Offline harness for the channel connectors: Rasa's real app, a stand-in agent, fake APIs."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

import pytest  # noqa: E402
from rasa.core.channels.channel import InputChannel, UserMessage  # noqa: E402
from rasa.core.run import configure_app  # noqa: E402
from rasa.shared.core.events import BotUttered  # noqa: E402
from sanic_testing.testing import SanicASGITestClient  # noqa: E402  (also sets Sanic.test_mode)

from tests.channels.fake_apis import FakeSlackApi, FakeTelegramApi  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
PSEUDONYM_KEY = "test-key-0123456789abcdef0123456789abcdef"
QUESTION_TEXT = "Are you also noticing any of these?"
QUESTION_BUTTONS = [
    {"title": "None of these", "payload": "None of these"},
    {"title": "I'm not sure", "payload": "I'm not sure"},
]
FINISHING_ANSWER = "None of these"
FAILING_TEXT = "explode please, my calf is swollen"


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def bot_message(text: str, **data: Any) -> dict[str, Any]:
    """The dict Rasa's processor hands to `send_response` (BotUttered.message())."""
    full = {
        "elements": None,
        "quick_replies": None,
        "buttons": None,
        "attachment": None,
        "image": None,
        "custom": None,
    }
    full.update(data)
    return BotUttered(text, data=full, metadata={"utter_action": "utter_stand_in"}).message()


class StandInAgent:
    """Plays Rasa's agent: records each UserMessage and answers through its output channel.

    Any text gets the symptoms question with buttons; the answer "None of these" gets the
    triage result (plain text + custom triage payload), like the real bot's last turn.
    """

    def __init__(self, triage: dict[str, Any] | None = None) -> None:
        self.messages: list[UserMessage] = []
        self.triage = triage or load_fixture("triage_emergency.json")
        self.question_buttons = copy.deepcopy(QUESTION_BUTTONS)

    @property
    def texts(self) -> list[str]:
        return [m.text or "" for m in self.messages]

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if message.text == FAILING_TEXT:
            raise RuntimeError(f"could not handle {message.text!r}")  # quotes the user on purpose
        if message.text == FINISHING_ANSWER:
            reply = bot_message(self.triage["text"], custom=copy.deepcopy(self.triage["custom"]))
        else:
            reply = bot_message(QUESTION_TEXT, buttons=copy.deepcopy(self.question_buttons))
        await message.output_channel.send_response(message.sender_id, reply)


def client_for(channel: InputChannel, agent: StandInAgent) -> SanicASGITestClient:
    """Rasa's own app factory with the channel registered at /webhooks/<name>/webhook."""
    app = configure_app([channel], enable_api=False)
    app.ctx.agent = agent
    return SanicASGITestClient(app)


@pytest.fixture(autouse=True)
def pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CHARLEY_PSEUDONYM_KEY", PSEUDONYM_KEY)
    return PSEUDONYM_KEY


@pytest.fixture(scope="session")
def _telegram_server() -> Iterator[FakeTelegramApi]:
    server = FakeTelegramApi().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _slack_server() -> Iterator[FakeSlackApi]:
    server = FakeSlackApi().start()
    yield server
    server.stop()


@pytest.fixture
def telegram_api(_telegram_server: FakeTelegramApi) -> FakeTelegramApi:
    _telegram_server.reset()
    return _telegram_server


@pytest.fixture
def slack_api(_slack_server: FakeSlackApi) -> FakeSlackApi:
    _slack_server.reset()
    return _slack_server


@pytest.fixture
def agent() -> StandInAgent:
    return StandInAgent()
