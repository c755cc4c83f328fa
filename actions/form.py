"""The one FormValidationAction: decides which question comes next, from the triage core, and asks it.

Asking here rather than in an `action_ask_<slot>` saves an action-server call on every turn of
the form (Rasa's form asks nothing itself when the domain has no such action or response).
"""

from __future__ import annotations

import re
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions.case_slots import REASKED_SLOT, case_from_tracker, slot_events, slots_before_latest_message
from actions.questions import ask
from bot.triage.case import Case, apply_answer, corrects_an_earlier_answer
from bot.triage.engine import asked_together, open_questions
from bot.triage.knowledge import load_knowledge
from bot.triage.render import acknowledgement, failure_text
from bot.triage.side_answers import ASKED_BACK, asks_a_clinician


def _just_heard_the_person(tracker: Tracker) -> bool:
    """True when the form runs straight after a message, not on return from a side answer."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") != "triage_form":
            return False
    return False


# Replies to one question before it counts as "I don't know", whatever they were: a reply the
# classifier keeps reading as a side question ("he says it's bad" as "is it serious?") never loops.
MAX_REPLIES_TO_ONE_QUESTION = 3


def _replies_to(tracker: Tracker, question: str) -> int:
    """How many messages the person has sent since `question` was first put, without a break."""
    replies = since_first_asked = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            replies += 1
        elif event.get("event") == "slot" and event.get("name") == REQUESTED_SLOT:
            if event.get("value") != question:
                break
            since_first_asked = replies
    return since_first_asked


def _reasked_this_turn(tracker: Tracker, question: str) -> bool:
    """True when this message was a reply Charley could not read (see action_extract_case_facts)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == REASKED_SLOT:
            return question in (event.get("value") or [])
    return False


# "thanks love, I'll take it easy" reads as a goodbye, but the questions are not done
_THANKS = re.compile(r"\b(?:thanks?|thank\s+you|ty|cheers|ta|appreciate\w*)\b", re.IGNORECASE)


class ValidateTriageForm(FormValidationAction):
    def name(self) -> str:
        return "validate_triage_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        try:
            pending = tracker.get_slot(REQUESTED_SLOT)
            # After an out-of-scope or fallback reply the rules have already said sorry.
            if pending and _reasked_this_turn(tracker, pending) and _just_heard_the_person(tracker):
                intent = (tracker.latest_message.get("intent") or {}).get("name")
                text = tracker.latest_message.get("text") or ""
                if intent == "thanks" or (intent == "goodbye" and _THANKS.search(text)):
                    # "cheers, appreciate it" before the last questions: thanked, then the question
                    dispatcher.utter_message(text=load_knowledge().conversation["welcome_mid_questions"])
                elif intent == "correct" or corrects_an_earlier_answer(text):
                    # "oh wait, it's my right hand": heard, though nothing Charley keeps changed
                    dispatcher.utter_message(
                        text=load_knowledge().conversation["acknowledge_correction_kept"]
                    )
                else:
                    knowledge = load_knowledge()
                    # "Might my thyroid tablets need adjusting?": a question of theirs Charley
                    # cannot answer is told so, not met with "didn't catch that"
                    asked_back = bool(ASKED_BACK.search(text))
                    reply = "question_for_a_clinician" if asked_back else "did_not_understand_answer"
                    dispatcher.utter_message(
                        text=f"{knowledge.conversation[reply]} {knowledge.emergency_line}"
                    )
            elif _just_heard_the_person(tracker) and asks_a_clinician(
                tracker.latest_message.get("text") or ""
            ):
                # "32 weeks pregnant, is it safe to take paracetamol?": the fact is kept, and the
                # question is not passed over in silence
                knowledge = load_knowledge()
                dispatcher.utter_message(
                    text=f"{knowledge.conversation['question_for_a_clinician']} {knowledge.emergency_line}"
                )
            # Our question slots can hold partial facts, so "filled" is decided by the core, not by None.
            case = case_from_tracker(tracker)
            events: List[EventType] = []
            question = load_knowledge().question(pending) if pending else None
            if question and _replies_to(tracker, pending) >= MAX_REPLIES_TO_ONE_QUESTION:
                settled = apply_answer(case, question, "dont_know", False)
                was = case.to_slots()
                events = slot_events({k: v for k, v in settled.to_slots().items() if was.get(k) != v})
                case = settled
            earlier = slots_before_latest_message(tracker) if pending else None
            if earlier is not None and _just_heard_the_person(tracker):
                heard = acknowledgement(Case.from_slots(earlier), case, question)
                if heard:
                    dispatcher.utter_message(text=heard)
            remaining = open_questions(case)
            if remaining:
                # Also on return from a side question ("why do you ask?"): the pending one again.
                ask(dispatcher, tracker, remaining[0], case, asked_together(remaining))
            return [*events, SlotSet(REQUESTED_SLOT, remaining[0].slot if remaining else None)]
        except Exception:  # noqa: BLE001 - end the form safely rather than leave the person stuck
            dispatcher.messages.clear()
            dispatcher.utter_message(text=failure_text())
            return [SlotSet(REQUESTED_SLOT, None)]
