"""The triage scoring shared by the end-to-end test and the benchmark, and the conversation driver."""

from __future__ import annotations

from typing import Any

import pytest

from bot.triage.knowledge import load_knowledge
from harness.conversation import run_conversation
from harness.triage_scores import Outcome, confusion_matrix, median, over_under_ratio, score


def _outcomes() -> list[Outcome]:
    return [
        Outcome("emergency", "emergency", 1, id="a"),
        Outcome("emergency", "urgent", 4, id="b"),  # under-triage
        Outcome("self_care", "self_care", 5, id="c"),
        Outcome("self_care", "routine", 6, id="d"),  # over-triage
        Outcome("routine", "emergency", 3, first=False, id="d"),  # over-triage, not a first result
        Outcome("urgent", None, 7, id="e"),  # never came
    ]


def test_rates() -> None:
    s = score(_outcomes())
    assert s["results_checked"] == 6 and s["conversations"] == 5
    assert s["exact_rate"] == pytest.approx(2 / 6)
    assert s["safe_rate"] == pytest.approx(4 / 6)
    assert s["emergency_sensitivity"] == 0.5 and s["emergencies"] == 2
    assert s["self_care_specificity"] == 0.5 and s["self_care_cases"] == 2
    assert (s["over_triage"], s["under_triage"], s["no_result"]) == (2, 2, 1)
    assert s["over_under_ratio"] == 1.0
    assert s["median_turns_to_first_result"] == 4.5  # first results that came: 1, 4, 5, 6
    assert {m["id"] for m in s["misses"]} == {"b", "d", "e"}


def test_confusion_matrix_rows_expected_columns_given() -> None:
    matrix = confusion_matrix(_outcomes())
    assert matrix == [  # columns: the four levels, redirect, no result
        [1, 1, 0, 0, 0, 0],  # emergency
        [0, 0, 0, 0, 0, 1],  # urgent: no result
        [1, 0, 0, 0, 0, 0],  # routine
        [0, 0, 1, 1, 0, 0],  # self_care
        [0, 0, 0, 0, 0, 0],  # redirect (not a muscle problem)
    ]
    assert sum(map(sum, matrix)) == len(_outcomes())


def test_edge_cases() -> None:
    assert over_under_ratio(3, 0) is None and over_under_ratio(3, 2) == 1.5
    assert median([]) is None and median([4, 1, 3]) == 3 and median([1, 2]) == 1.5
    empty = score([])
    assert empty["exact_rate"] is None and empty["emergency_sensitivity"] is None
    perfect = score([Outcome("routine", "routine", 2)])
    assert perfect["safe_rate"] == 1 and perfect["emergency_sensitivity"] is None


def _bot(script: list[list[dict[str, Any]]]):
    """A stand-in bot that answers each message with the next reply of `script`."""
    sent: list[str] = []

    def say(sender: str, text: str) -> list[dict[str, Any]]:
        sent.append(text)
        return script[min(len(sent), len(script)) - 1]

    return say, sent


def _question(qid: str) -> list[dict[str, Any]]:
    return [{"text": next(q.text for q in load_knowledge().questions if q.id == qid)}]


def _result(level: str) -> list[dict[str, Any]]:
    return [{"text": "advice", "custom": {"triage": {"level": level}}}]


def test_driver_answers_questions_then_scores_the_result() -> None:
    say, sent = _bot([_question("duration"), _question("frequency"), _result("urgent")])
    spec = {"id": "x", "say": "calf cramp", "answers": {"duration": "a minute"}, "expect": "routine"}
    run = run_conversation(spec, say)
    assert sent == ["calf cramp", "a minute", "Now and then"]  # the default for frequency
    assert run.sent == sent and run.error is None and run.repeated == []
    assert run.outcomes == [Outcome("routine", "urgent", 3, True, "x")]


def test_driver_records_a_red_flag_that_did_not_interrupt() -> None:
    say, _ = _bot([_question("duration"), _question("frequency"), _question("frequency")])
    spec = {
        "id": "y",
        "say": "calf cramp",
        "expect": "self_care",
        "interrupt": {"at_question": 2, "say": "my calf is swollen", "expect": "emergency"},
    }
    run = run_conversation(spec, say)
    assert run.error is not None and "did not interrupt" in run.error
    assert [(o.expected, o.got) for o in run.outcomes] == [("emergency", None)]
    assert run.repeated == ["frequency"]
    assert score(run.outcomes)["emergency_sensitivity"] == 0
