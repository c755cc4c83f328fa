"""Cutting Rasa's debug log into the parts of a turn (scripts/bench/profile.py)."""

from __future__ import annotations

import pytest

from scripts.bench.profile import breakdown, parse_lines, turns

LOG = """\
100.000 rasa.core.lock_store - Acquired lock for conversation 'a'.
100.010 rasa.engine.runner.dask - Running graph with inputs: {'__message__': [<UserMessage>]}
100.010 rasa.engine.graph - Node 'run_WhitespaceTokenizer0' running 'WhitespaceTokenizer.process'.
100.012 rasa.engine.graph - Node 'run_bot.nlu.rasa_component.ClinicalEntityExtractor4' running 'process'.
100.020 rasa.core.processor - {"parse_data_text": "calf cramp", "parse_data_intent": {}}
100.020 rasa.core.actions.action - Calling action endpoint to run action 'action_extract_case_facts'.
100.070 rasa.core.actions.action - Validating extracted slots: body_location
body_location
100.070 rasa.engine.runner.dask - Running graph with inputs: {'__tracker__': <tracker>}, targets: []
100.075 rasa.core.processor - Predicted next action 'triage_form' with confidence 1.00.
100.075 rasa.core.actions.action - Calling action endpoint to run action 'validate_triage_form'.
100.105 rasa.core.actions.action - Calling action endpoint to run action 'action_ask_duration'.
100.135 rasa.engine.runner.dask - Running graph with inputs: {'__tracker__': <tracker>}, targets: []
100.140 rasa.core.processor - Predicted next action 'action_listen' with confidence 1.00.
100.140 rasa.core.tracker_store - No event broker configured. Skipping streaming events.
100.160 rasa.core.tracker_store - Tracker with sender_id 'a' stored to database
100.200 rasa.core.lock_store - Deleted lock for conversation 'a'.
101.000 rasa.core.lock_store - Acquired lock for conversation 'a'.
101.004 rasa.engine.runner.dask - Running graph with inputs: {'__message__': [<UserMessage>]}
101.010 rasa.core.processor - {"parse_data_text": "yes", "parse_data_intent": {}}
101.010 rasa.core.actions.action - Calling action endpoint to run action 'action_extract_case_facts'.
101.050 rasa.core.lock_store - Deleted lock for conversation 'a'.
102.000 rasa.core.lock_store - Acquired lock for conversation 'b'.
"""


def test_turn_parts() -> None:
    first, second = turns(parse_lines(LOG.splitlines()))
    assert first.total == pytest.approx(0.2)
    assert first.load == pytest.approx(0.01)
    assert first.nlu == pytest.approx(0.01)
    assert first.calls == [
        ("action_extract_case_facts", pytest.approx(0.05)),
        ("validate_triage_form", pytest.approx(0.03)),
        ("action_ask_duration", pytest.approx(0.03)),
    ]
    assert first.policies == pytest.approx(0.01)
    assert first.save == pytest.approx(0.02)
    assert first.other == pytest.approx(0.2 - 0.01 - 0.01 - 0.11 - 0.01 - 0.02)
    assert first.nodes["run_WhitespaceTokenizer0"] == pytest.approx(0.002)
    assert second.total == pytest.approx(0.05) and len(second.calls) == 1


def test_since_drops_earlier_lines_and_the_unfinished_turn_is_ignored() -> None:
    assert len(turns(parse_lines(LOG.splitlines(), since=100.5))) == 1


def test_breakdown() -> None:
    found = breakdown(turns(parse_lines(LOG.splitlines())))
    assert found["turns"] == 2
    assert found["calls_per_turn"] == {"mean": 2, "median": 2, "max": 3}
    assert found["actions"]["action_extract_case_facts"]["calls"] == 2
    assert list(found["actions"])[0] == "action_extract_case_facts"  # most time first
    assert sum(p["share"] for p in found["parts"].values()) == pytest.approx(1)
    assert found["parts"]["action-server calls"]["share"] == pytest.approx((0.11 + 0.04) / 0.25)
    with pytest.raises(ValueError):
        breakdown([])
