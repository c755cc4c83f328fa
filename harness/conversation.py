"""Talks to Charley through the REST channel like a person, and reads what comes back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from bot.triage.knowledge import Question, load_knowledge
from harness.triage_scores import Outcome

DEFAULT_ANSWERS = {
    "confirm_red_flag": "No",
    "body_location": "Somewhere else",
    "duration": "A few seconds",
    "ongoing_days": "Started today",
    "frequency": "Now and then",
    "severity": "Mild",
    "accompanying_symptoms": "None of these",
    "which_symptoms": "I'm not sure",
    "eye_symptoms": "No",
    "back_features": "No",
    "walking_pattern": "No",
    "background": "None of these",
}


@dataclass
class Reply:
    messages: list[dict[str, Any]]

    @property
    def triage(self) -> dict[str, Any] | None:
        return next(
            (m["custom"]["triage"] for m in self.messages if "triage" in (m.get("custom") or {})), None
        )

    @property
    def question(self) -> Question | None:
        found = None
        for message in self.messages:
            text = message.get("text") or ""
            for q in load_knowledge().questions:
                if text.startswith(q.text) or (q.together_text and text.startswith(q.together_text)):
                    found = q
        return found

    @property
    def asked_together(self) -> bool:
        """The question was put together with its partner ("how long, and how often?")."""
        question = self.question
        return bool(
            question
            and question.together_text
            and any((m.get("text") or "").startswith(question.together_text) for m in self.messages)
        )

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)


def answer_for(question: Question, answers: dict[str, str]) -> str:
    """The person's answer to `question`; for a leg, walking is asked in the warning-sign list,
    so a "yes" to walking given for its own question is how that list is answered."""
    if question.id == "accompanying_symptoms" and question.id not in answers:
        if answers.get("walking_pattern", "").lower().startswith("yes"):
            return load_knowledge().label("walking_induced")
    return answers.get(question.id, DEFAULT_ANSWERS[question.id])


@dataclass
class Conversation:
    say: Callable[[str, str], list[dict[str, Any]]]
    sender: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:12]}")
    turns: int = 0
    asked: list[str] = field(default_factory=list)

    def send(self, text: str) -> Reply:
        self.turns += 1
        reply = Reply(self.say(self.sender, text))
        if reply.question is not None:
            self.asked.append(reply.question.id)
        return reply

    def answer_until_result(
        self, reply: Reply, answers: dict[str, str], max_turns: int = 20, on_question: Callable | None = None
    ) -> Reply:
        """Answers each question from `answers` (or a default) until a triage result arrives."""
        while reply.triage is None:
            question = reply.question
            if question is None:
                raise AssertionError(
                    f"Charley neither asked nor advised after {self.turns} turns: {reply.text!r}"
                )
            if self.turns >= max_turns:
                raise AssertionError(f"no result after {max_turns} turns; asked {self.asked}")
            if on_question is not None:
                interjection = on_question(question)
                if interjection is not None:
                    return self.send(interjection)
            reply = self.send(answer_for(question, answers))
        return reply

    def repeated_questions(self) -> list[str]:
        return sorted({q for q in self.asked if self.asked.count(q) > 1})


@dataclass
class ConversationRun:
    """One scripted conversation (tests/e2e/README.md) driven to the end, with every result checked."""

    id: str
    outcomes: list[Outcome]
    repeated: list[str]
    sent: list[str]  # every text sent, in order: a realistic script to replay
    error: str | None = None  # why the conversation stopped before its last result


def run_conversation(
    spec: dict[str, Any], say: Callable[[str, str], list[dict[str, Any]]]
) -> ConversationRun:
    """Drives `spec` through `say(sender, text)` and records each triage result against its label.

    A bot that stalls or ignores an interrupting red flag does not raise: the pending result is
    recorded as missing (got None) and `error` says what happened. Transport errors do raise.
    """
    sent: list[str] = []

    def recording_say(sender: str, text: str) -> list[dict[str, Any]]:
        sent.append(text)
        return say(sender, text)

    convo = Conversation(recording_say)
    answers = spec.get("answers") or {}
    interrupt = spec.get("interrupt")
    outcomes: list[Outcome] = []
    asked = {"n": 0}
    pending = {"expected": spec["expect"]}

    def on_question(question: Question) -> str | None:
        asked["n"] += 1
        if interrupt and asked["n"] == interrupt["at_question"]:
            pending["expected"] = interrupt["expect"]
            return interrupt["say"]
        return None

    def record(reply: Reply) -> None:
        if reply.triage is None:
            raise AssertionError(f"no triage result: {reply.text!r}")
        outcomes.append(
            Outcome(pending["expected"], reply.triage["level"], convo.turns, not outcomes, spec["id"])
        )

    error = None
    try:
        reply = convo.answer_until_result(convo.send(spec["say"]), answers, on_question=on_question)
        if interrupt and asked["n"] >= interrupt["at_question"]:
            if reply.triage is None:
                raise AssertionError(f"red flag did not interrupt the questions: {reply.text!r}")
            record(reply)
        else:
            record(reply)
            if interrupt:  # the result came before the Nth question: the red flag arrives afterwards
                pending["expected"] = interrupt["expect"]
                record(convo.answer_until_result(convo.send(interrupt["say"]), answers))
        for follow_up in spec.get("then") or []:
            pending["expected"] = follow_up["expect"]
            record(convo.answer_until_result(convo.send(follow_up["say"]), answers))
    except AssertionError as failure:
        error = str(failure)
        outcomes.append(Outcome(pending["expected"], None, convo.turns, not outcomes, spec["id"]))
    repeated = convo.repeated_questions()
    outcomes = [replace(o, repeated=tuple(repeated)) for o in outcomes]
    return ConversationRun(spec["id"], outcomes, repeated, sent, error)
