"""The channel blocks `make run` adds from the environment build Charley's channels in Rasa."""

from pathlib import Path

import pytest
from rasa.core.run import create_http_input_channels
from rasa.shared.exceptions import RasaException

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    "TELEGRAM_TOKEN": "123:abc",
    "TELEGRAM_BOT_NAME": "charley_bot",
    "TELEGRAM_WEBHOOK_URL": "https://example.invalid/webhooks/telegram/webhook",
    "TELEGRAM_SECRET_TOKEN": "s" * 32,
    "SLACK_TOKEN": "xoxb-test",
    "SLACK_SIGNING_SECRET": "t" * 32,
    "CHARLEY_PSEUDONYM_KEY": "k" * 40,
}


def _credentials(tmp_path: Path) -> Path:
    parts = [
        (ROOT / name).read_text()
        for name in ("credentials.yml", "channels/telegram.yml", "channels/slack.yml")
    ]
    path = tmp_path / "credentials.yml"
    path.write_text("\n".join(parts))
    return path


def test_all_channels_build_from_environment_variables(tmp_path, monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    names = {
        type(c).__name__: c.name() for c in create_http_input_channels(None, str(_credentials(tmp_path)))
    }
    assert names == {
        "SafeRestInput": "rest",
        "WidgetSocketIOInput": "socketio",
        "WidgetAssetsInput": "widget",
        "SecureTelegramInput": "telegram",
        "SecureSlackInput": "slack",
    }


def test_a_missing_secret_stops_startup(tmp_path, monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TELEGRAM_SECRET_TOKEN")
    with pytest.raises(RasaException, match="TELEGRAM_SECRET_TOKEN"):
        create_http_input_channels(None, str(_credentials(tmp_path)))
