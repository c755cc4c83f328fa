"""The add-ons that change how Rasa 3.6 itself behaves, installed on import."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot.policies.red_flag_policy  # noqa: F401  (installs the action-call add-ons)

GOOD = {"events": [{"event": "slot", "name": "severity", "value": "mild"}], "responses": [{"text": "hi"}]}


def _validate(result: dict) -> bool:
    return RemoteAction.__new__(RemoteAction)._validate_action_result(result)


def test_action_responses_are_still_validated_by_the_cached_validator():
    assert _validate(GOOD) is True
    for bad in ({"events": "not a list"}, {"events": [{"event": "no_such_event"}]}, {"responses": [1]}):
        with pytest.raises(ValidationError):
            _validate(bad)
