"""The end-to-end suite: conversations written from the four articles, through the REST channel.

Each asserts the triage level from the `custom` payload and that no question was asked twice.
Scores are written to results/e2e.json (exact, safe, emergency sensitivity, turns).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.triage.knowledge import LEVEL_RANK
from tests.support.conversation import Conversation

HERE = Path(__file__).parent
SPECS = yaml.safe_load((HERE / "conversations.yml").read_text())["conversations"]
OUTCOMES: list[dict] = []

pytestmark = pytest.mark.stack


def _check(outcome: list, expected: str, got: dict | None, turns: int) -> None:
    assert got is not None, "no triage result"
    outcome.append({"expected": expected, "got": got["level"], "turns": turns})


def run(spec: dict, say) -> list[dict]:
    convo = Conversation(say)
    answers = spec.get("answers") or {}
    interrupt = spec.get("interrupt")
    results: list[dict] = []
    counted = {"n": 0}

    def on_question(question):
        counted["n"] += 1
        if interrupt and counted["n"] == interrupt["at_question"]:
            return interrupt["say"]
        return None

    reply = convo.answer_until_result(convo.send(spec["say"]), answers, on_question=on_question)
    if interrupt and counted["n"] >= interrupt["at_question"]:
        assert reply.triage is not None, f"red flag did not interrupt the questions: {reply.text!r}"
        _check(results, interrupt["expect"], reply.triage, convo.turns)
    else:
        _check(results, spec["expect"], reply.triage, convo.turns)
        if interrupt:  # the result came before the Nth question: the red flag arrives afterwards
            reply = convo.send(interrupt["say"])
            _check(
                results, interrupt["expect"], convo.answer_until_result(reply, answers).triage, convo.turns
            )
    for follow_up in spec.get("then") or []:
        reply = convo.answer_until_result(convo.send(follow_up["say"]), answers)
        _check(results, follow_up["expect"], reply.triage, convo.turns)
    for r in results:
        r["repeated"] = convo.repeated_questions()
    return results


@pytest.fixture(scope="module", autouse=True)
def write_scores():
    yield
    if not OUTCOMES:
        return
    first = [o for o in OUTCOMES if o["first"]]
    emergencies = [o for o in OUTCOMES if o["expected"] == "emergency"]
    self_care = [o for o in OUTCOMES if o["expected"] == "self_care"]
    turns = sorted(o["turns"] for o in first)
    scores = {
        "results_checked": len(OUTCOMES),
        "conversations": len(first),
        "exact_rate": sum(o["expected"] == o["got"] for o in OUTCOMES) / len(OUTCOMES),
        "safe_rate": sum(LEVEL_RANK[o["got"]] >= LEVEL_RANK[o["expected"]] for o in OUTCOMES) / len(OUTCOMES),
        "emergency_sensitivity": sum(o["got"] == "emergency" for o in emergencies) / max(1, len(emergencies)),
        "self_care_specificity": sum(o["got"] == "self_care" for o in self_care) / max(1, len(self_care)),
        "over_triage": sum(LEVEL_RANK[o["got"]] > LEVEL_RANK[o["expected"]] for o in OUTCOMES),
        "under_triage": sum(LEVEL_RANK[o["got"]] < LEVEL_RANK[o["expected"]] for o in OUTCOMES),
        "median_turns_to_first_result": turns[len(turns) // 2] if turns else None,
        "confusion": [[o["expected"], o["got"]] for o in OUTCOMES],
    }
    out = Path("results")
    out.mkdir(exist_ok=True)
    (out / "e2e.json").write_text(json.dumps(scores, indent=2))


@pytest.mark.parametrize("spec", SPECS, ids=[s["id"] for s in SPECS])
def test_conversation(charley, spec):
    results = run(spec, charley.say)
    for index, r in enumerate(results):
        OUTCOMES.append({**r, "first": index == 0, "id": spec["id"]})
    for r in results:
        assert r["got"] == r["expected"], f"{spec['id']}: expected {r['expected']}, got {r['got']}"
    assert not results[0]["repeated"], f"questions asked twice: {results[0]['repeated']}"
