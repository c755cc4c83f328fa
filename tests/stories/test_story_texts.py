"""Every `user:` text in the dialogue test stories is read by the trained NLU as the intent the
story gives it, so the stories show real conversations, not only intent names (`rasa test core`
checks the actions that follow; it takes the story's intent as given)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import yaml

from harness.stack import RasaServer, ensure_model

pytestmark = pytest.mark.stack

STORIES = Path(__file__).parent


def _user_turns() -> list[tuple[str, str, str]]:
    turns = []
    for path in sorted(STORIES.glob("*.yml")):
        for story in yaml.safe_load(path.read_text())["stories"]:
            for step in story["steps"]:
                if "user" in step:
                    turns.append((story["story"], step["user"].strip(), step["intent"]))
    return turns


TURNS = _user_turns()


@pytest.fixture(scope="module")
def nlu(tmp_path_factory):
    ensure_model()
    workdir = tmp_path_factory.mktemp("nlu")
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text("")  # parsing only: no action server, no tracker store
    server = RasaServer(workdir, endpoints, extra_args=("--enable-api",))
    server.start()
    yield server
    server.stop()


def test_every_story_has_user_text():
    intents_without_text = [
        (story["story"], step["intent"])
        for path in sorted(STORIES.glob("*.yml"))
        for story in yaml.safe_load(path.read_text())["stories"]
        for step in story["steps"]
        if "intent" in step and "user" not in step
    ]
    assert not intents_without_text
    assert len(TURNS) >= 40


@pytest.mark.parametrize("story, text, intent", TURNS, ids=[f"{s[:30]}|{t[:30]}" for s, t, _ in TURNS])
def test_the_nlu_reads_the_text_as_the_storys_intent(nlu, story, text, intent):
    parsed = requests.post(nlu.url + "/model/parse", json={"text": text}, timeout=30).json()
    assert parsed["intent"]["name"] == intent, f"{story}: {text!r} read as {parsed['intent']['name']}"
