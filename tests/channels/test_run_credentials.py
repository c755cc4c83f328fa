"""`make run` adds Telegram and Slack to the credentials only when their tokens are set, and every
documented Slack variable is read (docs/channels.md)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _credentials(env: dict[str, str]) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TELEGRAM_"))}
    out = subprocess.run(
        ["bash", "-c", 'source scripts/common.sh && cat "$(credentials_file)"'],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return yaml.safe_load(out)


def test_no_tokens_no_chat_platforms():
    credentials = _credentials({})
    assert not any("slack" in k or "telegram" in k for k in credentials)


def test_slack_channel_is_read_when_set():
    slack = _credentials({"SLACK_TOKEN": "xoxb-1", "SLACK_CHANNEL": "C123"})[
        "bot.channels.slack.SecureSlackInput"
    ]
    assert slack["slack_channel"] == "${SLACK_CHANNEL}"  # Rasa fills it from the environment
    assert slack["slack_token"] == "${SLACK_TOKEN}"


def test_slack_without_a_channel_leaves_it_out():
    slack = _credentials({"SLACK_TOKEN": "xoxb-1"})["bot.channels.slack.SecureSlackInput"]
    assert "slack_channel" not in slack
