"""Runs a blind set (tests/e2e/blind/README.md) through the REST channel like the person would.

Blind sets are written by someone who read only the four articles, so their answers are keyed by
topic ("how long one episode lasts"), not by Charley's question ids. Each question Charley asks is
mapped to its topic and answered in the person's own words; the first result is scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from bot.triage.knowledge import load_knowledge
from harness.conversation import Conversation, Reply
from harness.triage_scores import REDIRECT, Outcome, score

# Charley's question id -> the blind set's answer topic (the brief's who and age topics wait for
# questions Charley does not ask yet; any unmapped question gets anything_else).
TOPIC_OF_QUESTION = {
    "confirm_red_flag": "confirm_yes_no",
    "body_location": "where",
    "duration": "episode_length",
    "ongoing_days": "going_on_for",
    "frequency": "how_often",
    "severity": "how_bad",
    "accompanying_symptoms": "warning_signs",
    "which_symptoms": "warning_signs",
    "eye_symptoms": "eyesight",
    "back_features": "cough_sneeze",
    "walking_pattern": "walking_rest",
    "background": "background",
}
# Advice that only makes sense for a muscle: given for something else, it is wrong advice.
MUSCLE_ADVICE = re.compile(r"\b(stretch|massage|flex your|toes pulled)", re.IGNORECASE)
MAX_TURNS = 16
WALKING_LABEL = load_knowledge().label("walking_induced")


def question_topic(reply: Reply) -> str | None:
    """The topic of the question in `reply`, or None when it asks nothing we recognise."""
    question = reply.question
    return None if question is None else TOPIC_OF_QUESTION.get(question.id, "anything_else")


def outcome_of(reply: Reply) -> tuple[str | None, str]:
    """(level or "redirect" or None, the advice text) of a reply."""
    if reply.triage is not None:
        triage = reply.triage
        advice = " ".join([*triage.get("self_care", []), triage.get("headline", "")])
        return triage["level"], advice
    for message in reply.messages:
        custom = message.get("custom") or {}
        if NOT_A_MUSCLE_PROBLEM_KEY in custom:
            return REDIRECT, " ".join(custom["not_a_muscle_problem"].get("advice", []))
    if "only help with muscle cramps" in reply.text:  # the generic out-of-scope answer
        return REDIRECT, ""
    return None, ""


def _is_redirect_result(reply: Reply) -> bool:
    return any(NOT_A_MUSCLE_PROBLEM_KEY in (m.get("custom") or {}) for m in reply.messages)


NOT_A_MUSCLE_PROBLEM_KEY = "not_a_muscle_problem"


@dataclass
class BlindRun:
    id: str
    family: str
    expected: str
    got: str | None
    turns: int
    asked: list[str] = field(default_factory=list)
    muscle_advice_for_other: bool = False
    first_got: str | None = None  # the first result, before any later message of the person
    transcript: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.expected, self.got, self.turns, True, self.id, tuple(self.repeated))

    @property
    def repeated(self) -> list[str]:
        return sorted({t for t in self.asked if self.asked.count(t) > 1 and t != "anything_else"})


def run_blind(
    spec: dict[str, Any], say: Callable[[str, str], list[dict[str, Any]]], interject: bool = False
) -> BlindRun:
    """Plays one blind conversation. With `interject`, the person's own later messages (`then`)
    are sent after their second answer, mid-questions, as people do; otherwise only when
    Charley asks nothing it recognises."""
    answers: dict[str, str] = spec.get("answers") or {}
    pending = [spec["say"], *(spec.get("then") or [])]
    aside = spec.get("aside")
    run = BlindRun(spec["id"], spec.get("family", ""), spec["expect"], None, 0)

    def recording_say(sender: str, text: str) -> list[dict[str, Any]]:
        messages = say(sender, text)
        run.transcript.append((text, Reply(messages).text))
        return messages

    convo = Conversation(recording_say)

    def send(text: str) -> Reply:
        reply = convo.send(text)
        run.turns = convo.turns
        return reply

    reply = send(pending.pop(0))
    while run.turns < MAX_TURNS:
        got, advice = outcome_of(reply)
        if (
            run.got is not None
            and reply.triage is None
            and got == REDIRECT
            and not _is_redirect_result(reply)
        ):
            got = None  # after a result, the generic "I only help with muscles" is not a new one
        if got is not None:
            run.first_got = run.first_got or got
            run.got = got
            run.muscle_advice_for_other = spec["family"] == "not_spasm" and bool(MUSCLE_ADVICE.search(advice))
            if not pending:
                return run
            # The person goes on to say what they meant to ("oh, and I can't feel it when I wipe"):
            # Charley's updated advice is the one they act on.
            reply = send(pending.pop(0))
            continue
        if run.got is not None and question_topic(reply) is None:
            # after the result, a reply that changes nothing keeps it; one that reopens the
            # questions ("sorry, wrong word, it's not numb") is answered like any other
            if not pending:
                return run
            reply = send(pending.pop(0))
            continue
        if aside and run.turns == 2:  # a side question mid-way: Charley should answer and go on
            reply, aside = send(aside), None
            continue
        if interject and pending and run.turns >= 3:
            reply = send(pending.pop(0))
            continue
        topic = question_topic(reply)
        if topic is None:
            if not pending:
                run.error = f"neither asked nor advised: {reply.text[:200]!r}"
                return run
            reply = send(pending.pop(0))
            continue
        run.asked.append(topic)
        answer = answers.get(topic) or answers.get("anything_else") or "I don't know"
        walking = answers.get("walking_rest", "")
        if topic == "warning_signs" and WALKING_LABEL in reply.text and walking.lower().startswith("yes"):
            answer = f"{answer}, and {walking}"  # walking is on the list for a leg: they say so there
        if reply.asked_together:  # "how long does each last, and how often?": both, as people do
            partner = TOPIC_OF_QUESTION[reply.question.together_with]
            run.asked.append(partner)
            answer = ", ".join(a for a in (answers.get(topic), answers.get(partner)) if a) or answer
        reply = send(answer)
    run.error = f"no result after {MAX_TURNS} turns; asked {run.asked}"
    return run


def summarise(runs: Sequence[BlindRun]) -> dict[str, Any]:
    """The triage scores, plus per family, wrong muscle advice and turns."""
    summary = score([r.outcome for r in runs])
    families: dict[str, list[BlindRun]] = {}
    for r in runs:
        families.setdefault(r.family, []).append(r)
    summary["families"] = {
        name: {
            "n": len(group),
            "exact": sum(r.outcome.exact for r in group),
            "safe": sum(r.outcome.safe for r in group),
            "emergencies_missed": [r.id for r in group if r.expected == "emergency" and r.got != "emergency"],
        }
        for name, group in sorted(families.items())
    }
    summary["muscle_advice_for_other_complaints"] = [r.id for r in runs if r.muscle_advice_for_other]
    summary["changed_by_a_later_message"] = {r.id: [r.first_got, r.got] for r in runs if r.first_got != r.got}
    summary["repeated_questions"] = {r.id: r.repeated for r in runs if r.repeated}
    summary["stalled"] = {r.id: r.error for r in runs if r.error}
    return summary
