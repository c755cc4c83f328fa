"""How a question from bot/knowledge/questions.yml is put to the person."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.triage.case import Case, Status, hedged_red_flags
from bot.triage.knowledge import Question, load_knowledge
from bot.triage.render import understood_so_far


def question_message(
    question: Question, case: Case, together: bool = False
) -> tuple[str, list[dict[str, str]]]:
    """The question's words and buttons; a checklist lists only what is still unknown. With
    `together`, the question and its partner are asked in one go."""
    knowledge = load_knowledge()
    text = question.together_text if together and question.together_text else question.text
    labels = question.together_buttons if together and question.together_text else question.buttons
    buttons = [{"title": b, "payload": b} for b in labels]
    if question.kind == "checklist":
        items = question.items_for(case)
        open_items = [i for i in items if case.status(i) is Status.UNKNOWN] or list(items)
        labels = [knowledge.label(i) for i in open_items]
        text = f"{question.text}\n" + "\n".join(f"- {label}" for label in labels)
        # "None of these" and "I'm not sure" first: the default a terminal menu picks on Enter, and
        # never the ones a small screen or a channel's button limit cuts off
        buttons = buttons + [{"title": label, "payload": label} for label in labels]
    elif question.kind == "confirm":
        text = f"{question.text}\n" + "\n".join(f"- {knowledge.label(c)}" for c in hedged_red_flags(case))
    return text, buttons


def ask(
    dispatcher: CollectingDispatcher, tracker: Tracker, question: Question, case: Case, together: bool = False
) -> None:
    """Puts the question; before Charley's very first words, says what it understood so far and
    that it gives information, not a diagnosis."""
    if not dispatcher.messages and not any(e.get("event") == "bot" for e in tracker.events):
        intro = " ".join(p for p in (understood_so_far(case), load_knowledge().first_question_intro) if p)
        dispatcher.utter_message(text=intro)
    text, buttons = question_message(question, case, together)
    dispatcher.utter_message(text=text, buttons=buttons)
