"""The questions as a conversation, through the REST channel (issue 13): side questions answered and
the pending question put again, corrections and facts told unasked acknowledged in one line, how
long and how often asked together, no question asked forever, a summary in the person's words."""

from __future__ import annotations

import pytest

from bot.triage.knowledge import load_knowledge
from harness.conversation import Conversation, Reply

pytestmark = pytest.mark.stack

KNOWLEDGE = load_knowledge()
WARNING_SIGNS = KNOWLEDGE.question("accompanying_symptoms")
JOINT = KNOWLEDGE.question("duration").together_text


def _to_the_joint_question(convo: Conversation) -> Reply:
    first = convo.send("my calf keeps cramping")
    assert first.question is not None and first.question.id == WARNING_SIGNS.id, first.text
    reply = convo.send("none of those")
    assert JOINT in reply.text, reply.text
    return reply


@pytest.mark.parametrize(
    "aside",
    ["what can I do right now? it hurts", "how do I make it stop", "should I put heat or ice on it now"],
)
def test_first_aid_now_then_the_same_question_again(charley, aside):
    convo = Conversation(charley.say)
    _to_the_joint_question(convo)
    reply = convo.send(aside)
    assert "straighten the leg and pull your toes up" in reply.text, reply.text  # fits a calf
    assert "Source:" in reply.text and KNOWLEDGE.emergency_line in reply.text
    assert "keep cramps away" not in reply.text  # not the prevention tips
    assert reply.messages[-1]["text"].startswith(JOINT), reply.text


@pytest.mark.parametrize(
    "aside, words", [("whats a diuretic?", "water pill"), ("what is a statin", "cholesterol")]
)
def test_a_word_asked_about_is_explained_and_not_taken_as_the_persons_medicine(charley, aside, words):
    convo = Conversation(charley.say)
    _to_the_joint_question(convo)
    reply = convo.send(aside)
    assert words in reply.text and reply.messages[-1]["text"].startswith(JOINT), reply.text
    result = convo.answer_until_result(
        convo.send("a few seconds, once a month"), {"background": "None of these"}
    )
    assert result.triage is not None and result.triage["level"] == "self_care", result.text
    assert not set(result.triage["facts"]["present"]) & {"diuretic", "statin"}


@pytest.mark.parametrize(
    "aside, reply_key",
    [
        ("Is it safe to take paracetamol when pregnant?", "question_for_a_clinician"),
        ("can I give him two nurofen and a panadol together", "question_for_a_clinician"),
    ],
)
def test_a_medicine_question_mid_questions_goes_to_a_pharmacist(charley, aside, reply_key):
    convo = Conversation(charley.say)
    _to_the_joint_question(convo)
    reply = convo.send(aside)
    assert KNOWLEDGE.conversation[reply_key] in reply.text, reply.text
    assert KNOWLEDGE.emergency_line in reply.text and reply.messages[-1]["text"].startswith(JOINT)
    assert reply.triage is None


def test_how_long_and_how_often_answered_at_once_close_both_questions(charley):
    convo = Conversation(charley.say)
    _to_the_joint_question(convo)
    reply = convo.send("about a minute, a couple of times a month")
    assert reply.question is None or reply.question.id not in ("duration", "frequency"), reply.text
    assert "Noted" not in reply.text  # both parts were asked: nothing to acknowledge


def test_a_correction_is_acknowledged_and_applied(charley):
    convo = Conversation(charley.say)
    _to_the_joint_question(convo)
    reply = convo.send("sorry I meant my thigh, not my calf")
    assert "changed that" in reply.text and "thigh" in reply.text, reply.text
    assert JOINT in reply.text  # and the question is put again
    result = convo.answer_until_result(convo.send("seconds, now and then"), {"background": "None of these"})
    assert result.triage is not None and result.triage["facts"]["slots"]["body_location"] == "thigh"


def test_a_fact_told_unasked_is_acknowledged(charley):
    convo = Conversation(charley.say)
    first = convo.send("my calf keeps cramping")
    assert first.question is not None and first.question.id == WARNING_SIGNS.id
    reply = convo.send("none of those, and I'm on a water pill for my blood pressure")
    assert "Noted" in reply.text and "diuretic" in reply.text.lower(), reply.text


def test_replies_read_as_side_questions_never_keep_the_same_question_going(charley):
    """Set E's carer answered "how bad?" with "he says it's bad but he's a baby about pain", which
    the classifier read as "is it serious?"; the question came back 13 times."""
    convo = Conversation(charley.say)
    _to_the_joint_question(convo)
    asked = []
    reply = convo.send("is this serious?")
    for _ in range(4):
        asked.append(JOINT in reply.messages[-1].get("text", ""))
        reply = convo.send("is it serious?")
    assert asked.count(True) <= 3, [m.get("text") for m in reply.messages]


def test_the_summary_for_a_clinician_uses_the_persons_words_and_no_internal_ids(charley):
    convo = Conversation(charley.say)
    first = convo.send("calf cramps for a fortnight since I started my water tablet, no swelling")
    result = convo.answer_until_result(first, {"accompanying_symptoms": "None of these"})
    assert result.triage is not None
    summary = convo.send("Summary for my doctor").text
    assert 'fortnight"' in summary and "14 days" not in summary, summary  # as said, not made precise
    assert '"water tablet"' in summary, summary
    assert not any(rule.id in summary for rule in KNOWLEDGE.rules), summary
