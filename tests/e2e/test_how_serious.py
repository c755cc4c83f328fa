"""'Is this serious? Should I go to A&E?': answered from what is known so far, at any moment,
with what would make it an emergency; the pending question then comes back."""

from __future__ import annotations

import pytest

from harness.conversation import Conversation

pytestmark = pytest.mark.stack


@pytest.mark.parametrize("asked", ["is this serious?", "should I go to A&E?", "can it wait till tomorrow?"])
def test_mid_questions_the_answer_says_what_would_make_it_an_emergency(charley, asked):
    convo = Conversation(charley.say)
    first = convo.send("my calf cramps at night, no swelling")
    assert first.question is not None
    reply = convo.send(asked)
    assert "nothing points to an emergency" in reply.text
    assert "It would be an emergency if" in reply.text and "swollen, red or warm" in reply.text
    assert reply.question is not None and reply.question.id == first.question.id  # and we go on


def test_after_a_red_flag_the_answer_is_go_now(charley):
    convo = Conversation(charley.say)
    result = convo.send("my husband's back is in spasm and he can't pee")
    assert result.triage is not None and result.triage["level"] == "emergency"
    reply = convo.send("is it ok if I just give him ibuprofen and wait till tomorrow?")
    assert "emergency" in reply.text.lower() and "nothing points to an emergency" not in reply.text
