"""Talks to Charley through the REST channel like a person, and reads what comes back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

from bot.triage.knowledge import Question, load_knowledge

DEFAULT_ANSWERS = {
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
                if text.startswith(q.text):
                    found = q
        return found

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)


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
            reply = self.send(answers.get(question.id, DEFAULT_ANSWERS[question.id]))
        return reply

    def repeated_questions(self) -> list[str]:
        return sorted({q for q in self.asked if self.asked.count(q) > 1})
