"""The end-to-end suite: conversations written from the four articles, through the REST channel.

Each asserts the triage level from the `custom` payload and that no question was asked twice.
Scores are written to results/e2e.json (exact, safe, emergency sensitivity, turns), computed by
harness/triage_scores.py, which the benchmark (scripts/bench) uses too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from harness.conversation import run_conversation
from harness.triage_scores import Outcome, score

HERE = Path(__file__).parent
SPECS = yaml.safe_load((HERE / "conversations.yml").read_text())["conversations"]
OUTCOMES: list[Outcome] = []

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module", autouse=True)
def write_scores():
    yield
    if not OUTCOMES:
        return
    out = Path("results")
    out.mkdir(exist_ok=True)
    (out / "e2e.json").write_text(json.dumps(score(OUTCOMES), indent=2))


@pytest.mark.parametrize("spec", SPECS, ids=[s["id"] for s in SPECS])
def test_conversation(charley, spec):
    run = run_conversation(spec, charley.say)
    OUTCOMES.extend(run.outcomes)  # a result that never came is scored as missing (unsafe)
    assert run.error is None, f"{spec['id']}: {run.error}"
    for o in run.outcomes:
        assert o.got == o.expected, f"{spec['id']}: expected {o.expected}, got {o.got}"
    assert not run.repeated, f"questions asked twice: {run.repeated}"
