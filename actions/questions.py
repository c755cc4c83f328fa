"""One `action_ask_<slot>` per question in bot/knowledge/questions.yml, generated from the data."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import case_from_tracker
from actions.safety import SafeAction
from bot.triage.case import Case, Status
from bot.triage.knowledge import Question, load_knowledge
from bot.triage.render import understood_so_far


def question_message(question: Question, case: Case) -> tuple[str, list[dict[str, str]]]:
    """The question's words and buttons; a checklist lists only what is still unknown."""
    knowledge = load_knowledge()
    text = question.text
    buttons = [{"title": b, "payload": b} for b in question.buttons]
    if question.kind == "checklist":
        open_items = [i for i in question.items if case.status(i) is Status.UNKNOWN] or list(question.items)
        labels = [knowledge.label(i) for i in open_items]
        text = f"{question.text}\n" + "\n".join(f"- {label}" for label in labels)
        buttons = [{"title": label, "payload": label} for label in labels] + buttons
    return text, buttons


class AskQuestion(SafeAction):
    """Asks one question; concrete subclasses below only set `question_id`."""

    @property
    @abstractmethod
    def question_id(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.question_id}"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        question = load_knowledge().question(self.question_id)
        if question is None:
            raise LookupError(self.question_id)
        case = case_from_tracker(tracker)
        if not any(e.get("event") == "bot" for e in tracker.events):
            # The first thing Charley says: what it understood, and that it is not a diagnosis.
            intro = " ".join(p for p in (understood_so_far(case), load_knowledge().first_question_intro) if p)
            dispatcher.utter_message(text=intro)
        text, buttons = question_message(question, case)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


for _question in load_knowledge().questions:
    _name = "Ask" + "".join(part.title() for part in _question.slot.split("_"))
    globals()[_name] = type(_name, (AskQuestion,), {"question_id": _question.slot})
