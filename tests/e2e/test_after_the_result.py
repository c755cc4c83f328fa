"""What happens after the result, through the REST channel: short follow-ups instead of the whole
advice again, every reply after an emergency says what to do now, and a case whose warning signs
could not be checked is not called an ordinary cramp."""

from __future__ import annotations

import pytest

from bot.triage.knowledge import load_knowledge
from harness.conversation import Conversation

pytestmark = pytest.mark.stack

ORDINARY = {"ongoing_days": "Started today", "severity": "Mild"}


def _ordinary_result(convo: Conversation):
    first = convo.send("my calf cramped for a few seconds after football today, no swelling or numbness")
    return convo.answer_until_result(first, ORDINARY)


@pytest.mark.parametrize("follow_up", ["ok", "I don't know", "no", "yes"])
def test_a_reply_that_changes_nothing_gets_one_line_not_the_advice_again(charley, follow_up):
    convo = Conversation(charley.say)
    result = _ordinary_result(convo)
    assert result.triage is not None and result.triage["level"] == "self_care"
    again = convo.send(follow_up)
    assert again.triage is None, again.text  # no second card
    assert "updated advice" not in again.text.lower()
    assert result.triage["label"] in again.text and len(again.text) < len(result.text) / 2, again.text


def test_a_new_fact_after_the_result_updates_the_advice(charley):
    convo = Conversation(charley.say)
    _ordinary_result(convo)
    updated = convo.send("actually now the calf is swollen and red")
    assert updated.triage is not None and updated.triage["level"] == "emergency", updated.text
    assert "updated advice" in updated.text.lower()


@pytest.mark.parametrize("follow_up", ["ok thanks", "bye", "Why this advice?", "I don't know"])
def test_every_reply_after_an_emergency_says_what_to_do_now(charley, follow_up):
    convo = Conversation(charley.say)
    result = convo.send("my calf is swollen, red and hot")
    assert result.triage is not None and result.triage["level"] == "emergency"
    reply = convo.send(follow_up)
    assert "still an emergency" in reply.text.lower(), reply.text
    assert result.triage["headline"] in reply.text
    assert "look after yourself" not in reply.text.lower()


def test_dont_know_to_every_question_is_not_called_an_ordinary_cramp(charley):
    convo = Conversation(charley.say)
    reply = convo.send("my calf cramps")
    for _ in range(15):
        if reply.triage is not None:
            break
        reply = convo.send("I don't know")
    assert reply.triage is not None, convo.asked
    headline = reply.triage["headline"]
    assert "ordinary cramp that you can look after" not in headline
    assert (
        headline == load_knowledge().conversation["warning_signs_unchecked"]
        or reply.triage["level"] != "self_care"
    )
    assert reply.triage["seek_help_now_if"], "the warning signs to watch for are listed"


def test_an_answer_that_mentions_starting_does_not_wipe_the_conversation(charley):
    """Blind set D: "one week, since exam study start" was read as "start over" mid-questions."""
    convo = Conversation(charley.say)
    first = convo.send("my calf cramps at night since I started a water pill, no swelling")
    assert first.question is not None
    reply = convo.send("one week, since exam study start")
    assert "start again" not in reply.text.lower(), reply.text
    assert reply.question is None or reply.question.id != "body_location", reply.text
