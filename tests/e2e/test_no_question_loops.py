"""A reply the NLU reads as chit-chat never traps the person in the same question (issue 11's
blind set: "Every afternoon more" read as a greeting re-asked "How often?" until the end)."""

from __future__ import annotations

import pytest

from harness.conversation import Conversation

pytestmark = pytest.mark.stack


@pytest.mark.parametrize("reply", ["hello", "hi there", "thanks", "ok thank you", "bye"])
def test_a_question_is_asked_at_most_twice_whatever_the_reply(charley, reply):
    convo = Conversation(charley.say)
    first = convo.send("my calf cramps at night, no swelling")
    assert first.question is not None
    pending = first.question.id
    seen = 1
    for _ in range(4):
        answer = convo.send(reply)
        if answer.triage is not None or answer.question is None or answer.question.id != pending:
            break
        seen += 1
    assert seen <= 2, f"{pending!r} asked {seen} times after {reply!r}"
