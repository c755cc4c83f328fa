"""Answers to "why this advice?", "why do you ask?", causes/prevention, and a clinician summary."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.case_slots import FORM_NAME, active_loop_name, case_from_tracker
from actions.safety import SafeAction
from bot.triage.engine import assess
from bot.triage.knowledge import load_knowledge
from bot.triage.render import clinician_summary, explain_question, explain_result, how_serious, triage_payload
from bot.triage.side_answers import asks_a_clinician, definition_text, first_aid_text


def _current_payload(tracker: Tracker) -> dict[str, Any] | None:
    if tracker.get_slot("triage_level") is None:
        return None
    case = case_from_tracker(tracker)
    return triage_payload(case, assess(case))


def _then_the_questions(tracker: Tracker) -> List[Dict[str, Any]]:
    """A side question asked with a first description ("my thumb jumps by itself, is it
    normal?"): after the answer, the questions start, so the conversation never stalls."""
    unfinished = tracker.get_slot("triage_level") is None and active_loop_name(tracker) != FORM_NAME
    return [FollowupAction(FORM_NAME)] if unfinished and not case_from_tracker(tracker).is_empty() else []


class ActionExplainAdvice(SafeAction):
    def name(self) -> str:
        return "action_explain_advice"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        payload = _current_payload(tracker)
        if payload is None:
            dispatcher.utter_message(
                text="I haven't given any advice yet. Once I know a little more, I'll explain exactly "
                "which of my sources each piece of advice comes from."
            )
        else:
            dispatcher.utter_message(text=explain_result(payload))
        return []


class ActionAnswerOffTopic(SafeAction):
    """Off topic, or another language: said so. A health question Charley cannot answer ("is it
    safe to take paracetamol when pregnant?") goes to their doctor or pharmacist instead."""

    def name(self) -> str:
        return "action_answer_off_topic"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        knowledge = load_knowledge()
        text = tracker.latest_message.get("text") or ""
        reply = "question_for_a_clinician" if asks_a_clinician(text) else "off_topic"
        dispatcher.utter_message(text=f"{knowledge.conversation[reply]} {knowledge.emergency_line}")
        return []


class ActionAnswerHowSerious(SafeAction):
    def name(self) -> str:
        return "action_answer_how_serious"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        assessment = assess(case_from_tracker(tracker))
        finished = tracker.get_slot("triage_level") is not None
        dispatcher.utter_message(text=how_serious(assessment, finished))
        return _then_the_questions(tracker)


class ActionExplainQuestion(SafeAction):
    def name(self) -> str:
        return "action_explain_question"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        in_form = (tracker.active_loop or {}).get("name") == FORM_NAME
        question = load_knowledge().question(tracker.get_slot("requested_slot") or "") if in_form else None
        if question is None:
            dispatcher.utter_message(
                text="I ask questions only to find out whether your spasm needs a doctor, and how soon. "
                "Each one comes from the warning signs in my sources."
            )
        else:
            dispatcher.utter_message(text=explain_question(question))
        return []


class ActionShareKnowledge(SafeAction):
    def name(self) -> str:
        return "action_share_knowledge"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        knowledge = load_knowledge()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "ask_first_aid":
            dispatcher.utter_message(text=first_aid_text(assess(case_from_tracker(tracker))))
            return _then_the_questions(tracker)
        if intent == "ask_what_is":
            dispatcher.utter_message(text=definition_text(tracker.latest_message.get("text") or ""))
            return []
        if intent == "ask_prevention":
            items = [a for a in knowledge.advice if a.kind == "prevention" and a.when is None]
            lines = ["Things that help keep cramps away:"] + [f"- {a.text} ({a.source})" for a in items]
        else:
            lines = ["Common causes of muscle cramps and spasms:"] + [
                f"- {c.title}: {c.explanation} ({c.source})" for c in knowledge.causes.values() if c.everyday
            ]
            info = next(a for a in knowledge.advice if a.id == "who_is_at_risk")
            lines.append(f"{info.text} ({info.source})")
        lines.append("Tell me about your own spasm and I can say what fits you. " + knowledge.emergency_line)
        dispatcher.utter_message(text="\n".join(lines))
        return []


class ActionClinicianSummary(SafeAction):
    def name(self) -> str:
        return "action_clinician_summary"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        case = case_from_tracker(tracker)
        if case.is_empty():
            dispatcher.utter_message(
                text="There is nothing to summarise yet. Tell me about your spasm first."
            )
            return []
        summary = clinician_summary(case, _current_payload(tracker))
        # the widget shows it with copy, print and download; other channels show the text
        dispatcher.utter_message(text=summary, json_message={"summary": {"text": summary}})
        return []
