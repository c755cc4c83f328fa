"""The overrides of Rasa 3.6's own behaviour: installed by one call, refused on another Rasa."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_overrides

GOOD = {"events": [{"event": "slot", "name": "severity", "value": "mild"}], "responses": [{"text": "hi"}]}


def _validate(result: dict) -> bool:
    rasa_overrides.install()
    return RemoteAction.__new__(RemoteAction)._validate_action_result(result)


def test_action_responses_are_still_validated_by_the_cached_validator():
    assert _validate(GOOD) is True
    for bad in ({"events": "not a list"}, {"events": [{"event": "no_such_event"}]}, {"responses": [1]}):
        with pytest.raises(ValidationError):
            _validate(bad)


@pytest.mark.parametrize("version", ["3.7.0", "4.0.1", "3.5.17", "3.60.0"])
def test_another_rasa_version_is_refused_before_anything_is_patched(version):
    with pytest.raises(rasa_overrides.UnsupportedRasaVersion, match=version):
        rasa_overrides.check_rasa_version(version)


def test_the_pinned_version_is_accepted():
    rasa_overrides.check_rasa_version("3.6.21")


def _patched_after(import_line: str) -> list[str]:
    """Which Rasa methods differ from Rasa's own after a fresh interpreter runs import_line."""
    code = textwrap.dedent(
        f"""
        from rasa.core.actions.action import RemoteAction
        from rasa.core.tracker_store import FailSafeTrackerStore
        before = {{
            "run": RemoteAction.run,
            "validate": RemoteAction._validate_action_result,
            "save": FailSafeTrackerStore.save,
            "retrieve": FailSafeTrackerStore.retrieve,
        }}
        {import_line}
        after = {{
            "run": RemoteAction.run,
            "validate": RemoteAction._validate_action_result,
            "save": FailSafeTrackerStore.save,
            "retrieve": FailSafeTrackerStore.retrieve,
        }}
        print(",".join(sorted(k for k in before if before[k] is not after[k])))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [name for name in out.stdout.strip().split(",") if name]


ALL = ["retrieve", "run", "save", "validate"]


def test_importing_the_package_alone_changes_nothing():
    assert _patched_after("import bot.rasa_overrides") == []


@pytest.mark.parametrize(
    "entry_point",
    ["import bot.policies.red_flag_policy", "import bot.channels.rest", "import bot.channels.telegram"],
)
def test_what_rasa_loads_installs_every_override(entry_point):
    assert _patched_after(entry_point) == ALL
