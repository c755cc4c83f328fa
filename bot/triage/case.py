"""One person's case: what Charley knows so far, and how a new message changes it.

This is the one place that decides what an extracted mention means for the case: a negated
symptom is absent, a hedged one unknown, a hypothetical or a relative's is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Iterable, Mapping

from bot.triage.conditions import severity_of_score
from bot.triage.knowledge import Knowledge, Question, load_knowledge

UNKNOWN = "unknown"
SYMPTOM = "symptom"


class Status(str, Enum):
    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Mention:
    """What the language layer found in one message (see docs/design.md, "Entities")."""

    entity: str
    value: Any
    role: str | None = None
    said: str | None = None  # the words the person used


@dataclass(frozen=True)
class Case:
    location: str | None = None
    episode_minutes: float | str | None = None
    ongoing_days: float | str | None = None
    per_week: float | str | None = None
    severity: str | None = None
    age: float | None = None
    findings: Mapping[str, Status] = field(default_factory=dict)
    answered: frozenset[str] = frozenset()
    # The person's words for a fact, by case field or concept id: the summary quotes them.
    said: Mapping[str, str] = field(default_factory=dict)

    def status(self, concept_id: str) -> Status:
        return self.findings.get(concept_id, Status.UNKNOWN)

    def is_present(self, concept_id: str) -> bool:
        return self.status(concept_id) is Status.PRESENT

    def is_empty(self) -> bool:
        return self == Case()

    # ------------------------------------------------------------ slots
    def to_slots(self, knowledge: Knowledge | None = None) -> dict[str, Any]:
        knowledge = knowledge or load_knowledge()
        symptoms = {k: v.value for k, v in self.findings.items() if knowledge.category(k) == SYMPTOM}
        others = {k: v.value for k, v in self.findings.items() if knowledge.category(k) != SYMPTOM}
        return {
            "body_location": self.location,
            "duration": self.episode_minutes,
            "ongoing_days": self.ongoing_days,
            "frequency": self.per_week,
            "severity": self.severity,
            "age": self.age,
            "accompanying_symptoms": symptoms or None,
            "findings": others or None,
            "answered_questions": sorted(self.answered) or None,
            "said": dict(self.said) or None,
        }

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> Case:
        findings: dict[str, Status] = {}
        for key in ("accompanying_symptoms", "findings"):
            for concept, status in (slots.get(key) or {}).items():
                try:
                    findings[concept] = Status(status)
                except ValueError:
                    continue  # a tampered or stale slot value must not break the assessment
        return cls(
            location=_text(slots.get("body_location")),
            episode_minutes=_number_or_unknown(slots.get("duration")),
            ongoing_days=_number_or_unknown(slots.get("ongoing_days")),
            per_week=_number_or_unknown(slots.get("frequency")),
            severity=_text(slots.get("severity")),
            age=_number(slots.get("age")),
            findings=findings,
            answered=frozenset(slots.get("answered_questions") or ()),
            said={str(k): str(v) for k, v in (slots.get("said") or {}).items()}
            if isinstance(slots.get("said"), dict)
            else {},
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _number_or_unknown(value: Any) -> float | str | None:
    return UNKNOWN if value == UNKNOWN else _number(value)


# ---------------------------------------------------------------- updating a case
_SCALAR_FIELDS = {
    "episode_duration": "episode_minutes",
    "ongoing_duration": "ongoing_days",
    "frequency": "per_week",
    "severity": "severity",
    "age": "age",
}
# Question kinds that ask for one value: the entity that answers them and the case field it fills.
_VALUE_QUESTIONS = {
    "location": ("body_location", "location"),
    "minutes": ("episode_duration", "episode_minutes"),
    "days": ("ongoing_duration", "ongoing_days"),
    "per_week": ("frequency", "per_week"),
    "severity": ("severity", "severity"),
}
QUESTION_FIELD = {kind: field_name for kind, (_, field_name) in _VALUE_QUESTIONS.items()}


def _finding_status(role: str | None, category: str | None) -> Status | None:
    """What a mention's role means for the case; None means: leave the case as it is."""
    if role in (None, "present"):
        return Status.PRESENT
    if role == "negated":
        return Status.ABSENT
    if role == "uncertain":
        return Status.UNKNOWN
    if role == "historical" and category in BACKGROUND_CATEGORIES:
        return Status.PRESENT  # a history of kidney disease still counts
    return None  # hypothetical, family, or a past symptom: not about this person now


# What the background question asks about (medicines, conditions, pregnancy): a history of them
# still counts, a clinician wants their exact names ("furosemide", not "a diuretic").
BACKGROUND_CATEGORIES = frozenset({"medicine", "condition", "context"})


# "for the past week my hands keep cramping ... I struggled with a bottle top yesterday": a day
# named on its own dates one event of the story; the span says how long it has gone on.
_A_DAY_NAMED = re.compile(
    r"^(?:yesterday|today|last\s+night|this\s+(?:morning|afternoon|evening)|tonight)$", re.I
)


def _without_a_day_named_beside_a_span(mentions: list[Mention]) -> list[Mention]:
    durations = [m for m in mentions if m.entity == "ongoing_duration" and m.role != "negated"]
    spans = [m for m in durations if not _A_DAY_NAMED.match((m.said or "").strip())]
    if not spans or len(spans) == len(durations):
        return mentions
    return [m for m in mentions if m.entity != "ongoing_duration" or m in spans or m.role == "negated"]


def apply_mentions(case: Case, mentions: Iterable[Mention], knowledge: Knowledge | None = None) -> Case:
    """Merge what one message said into the case; the latest statement about a thing wins."""
    knowledge = knowledge or load_knowledge()
    mentions = _without_a_day_named_beside_a_span(list(mentions))
    findings = dict(case.findings)
    updates: dict[str, Any] = {}
    said = dict(case.said)
    said_now: dict[str, str] = {}
    stated_now: set[str] = set()
    for mention in mentions:
        if mention.entity == "body_location":
            if mention.role in (None, "present") and mention.value in knowledge.locations:
                updates.setdefault("location", mention.value)
                if updates["location"] == mention.value and mention.said and "location" not in said_now:
                    said["location"] = said_now["location"] = mention.said  # the latest naming wins
        elif mention.entity == "finding" and mention.value in knowledge.concepts:
            status = _finding_status(mention.role, knowledge.category(mention.value))
            if status is Status.UNKNOWN and findings.get(mention.value) is not None:
                continue  # a hedge never erases something the person stated plainly
            if status is Status.PRESENT:
                stated_now.add(mention.value)
            elif mention.value in stated_now:
                # "numb on the outside of my foot ... no numbness between my legs": within one
                # message, a sign stated outright is not taken back by a denial read elsewhere.
                continue
            if status is not None:
                findings[mention.value] = status
                if (
                    status is Status.PRESENT
                    and mention.said
                    and knowledge.category(mention.value) in BACKGROUND_CATEGORIES
                ):
                    said[mention.value] = mention.said
        elif mention.entity in _SCALAR_FIELDS:
            if mention.role == "negated":
                continue  # "15 seconds, not 15 minutes": the number being corrected away
            field_name = _SCALAR_FIELDS[mention.entity]
            if mention.value == UNKNOWN:
                # "every time I run": answered, but not as a number; never erases a number given
                if getattr(case, field_name) is None and field_name not in updates:
                    updates[field_name] = UNKNOWN
                    if mention.said:
                        said[field_name] = mention.said
                continue
            value = mention.value if mention.entity == "severity" else _number(mention.value)
            if value is not None:
                updates[field_name] = value
                if mention.said:
                    said[field_name] = mention.said
    return replace(case, findings=findings, said=said, **updates)


def apply_answer(case: Case, question: Question | None, intent: str | None, said_something: bool) -> Case:
    """Interpret yes / no / don't know as the answer to the question that was asked."""
    if question is None:
        return case
    findings = dict(case.findings)
    answered = set(case.answered)
    updates: dict[str, Any] = {}
    if intent == "dont_know":
        answered.add(question.id)
        if question.kind in QUESTION_FIELD and _question_value(case, question) is None:
            updates[QUESTION_FIELD[question.kind]] = UNKNOWN
    elif question.kind == "confirm":
        # One yes or no about the hedged warning signs; anything else is taken as it was said.
        if intent in ("affirm", "deny"):
            for concept in hedged_red_flags(case):
                findings[concept] = Status.PRESENT if intent == "affirm" else Status.ABSENT
        if intent in ("affirm", "deny", "dont_know") or said_something:
            answered.add(question.id)
    elif intent == "affirm" and question.kind == "yes_no" and question.finding:
        findings[question.finding] = Status.PRESENT
    elif intent == "deny" and question.kind == "yes_no" and question.finding:
        findings[question.finding] = Status.ABSENT
    elif intent == "deny" and question.kind in ("checklist", "background"):
        for item in question.items_for(case):
            findings.setdefault(item, Status.ABSENT)
            if findings[item] is Status.UNKNOWN:
                findings[item] = Status.ABSENT
        answered.add(question.id)
    elif intent == "affirm" and question.kind == "checklist" and not said_something:
        # "yes" without saying which: ask which, never guess
        findings["unspecified_symptom"] = Status.PRESENT
        answered.add(question.id)
    elif said_something and question.kind in ("checklist", "background"):
        answered.add(question.id)
    if question.id in answered and question.kind == "checklist":
        if question.id != "accompanying_symptoms" and said_something:
            findings["unspecified_symptom"] = Status.ABSENT
    return replace(case, findings=findings, answered=frozenset(answered), **updates)


def _question_value(case: Case, question: Question) -> Any:
    field_name = QUESTION_FIELD.get(question.kind)
    return getattr(case, field_name) if field_name else None


def hedged_red_flags(case: Case, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """Warning signs the person mentioned but hedged ("might be a bit swollen?"): asked about
    once, never dropped silently. A sign never mentioned is unknown too, but not listed here."""
    knowledge = knowledge or load_knowledge()
    return tuple(
        c
        for c, status in case.findings.items()
        if status is Status.UNKNOWN and c in knowledge.red_flag_concepts
    )


WARNING_SIGNS_QUESTION = "accompanying_symptoms"


def warning_signs_unchecked(case: Case, knowledge: Knowledge | None = None) -> bool:
    """The person was asked about the warning signs and could say nothing either way."""
    question = (knowledge or load_knowledge()).question(WARNING_SIGNS_QUESTION)
    if question is None or question.id not in case.answered:
        return False
    return not any(
        case.findings.get(item, Status.UNKNOWN) is not Status.UNKNOWN for item in question.items_for(case)
    )


def is_answered(case: Case, question: Question) -> bool:
    """A question is closed once answered, or once the person already told us the answer."""
    if question.id in case.answered:
        return True
    if question.kind == "confirm":
        return not hedged_red_flags(case)
    if question.kind in QUESTION_FIELD:
        return _question_value(case, question) is not None
    if question.kind == "yes_no" and question.finding:
        return case.status(question.finding) is not Status.UNKNOWN
    if question.kind == "checklist":
        return all(case.status(i) is not Status.UNKNOWN for i in question.items_for(case))
    if question.kind == "background":
        return any(
            case.status(c) is Status.PRESENT
            for c, concept in load_knowledge().concepts.items()
            if concept.category in BACKGROUND_CATEGORIES
        )
    return False


def _speaks_to(question: Question, mentions: list[Mention]) -> bool:
    # "tablets for my blood pressure, not sure of the names": unsure of the names, not of taking them
    roles = (
        (None, "present", "negated", "uncertain")
        if question.kind == "background"
        else (None, "present", "negated")
    )
    if question.kind in ("checklist", "background", "yes_no", "confirm"):
        return any(m.entity == "finding" and m.role in roles for m in mentions)
    entity = _VALUE_QUESTIONS.get(question.kind, (None, None))[0]
    return any(m.entity == entity for m in mentions)


def update_case(
    case: Case,
    mentions: Iterable[Mention],
    intent: str | None = None,
    asked: str | None = None,
    text: str = "",
    knowledge: Knowledge | None = None,
) -> Case:
    """The single entry point for a new message: mentions first, then the answer to `asked`."""
    knowledge = knowledge or load_knowledge()
    mentions = list(mentions)
    question = knowledge.question(asked) if asked else None
    updated = apply_mentions(case, mentions, knowledge)
    # a cue that can only be a correction counts whatever the intent classifier thought
    correcting = bool(_SURE_CORRECTION.search(text)) or (
        intent == "correct" and bool(_CORRECTION_CUE.search(text))
    )
    if case.location and not correcting and (question is None or question.kind != "location"):
        # "the pain goes in my leg", "the light hurts his eyes": a body part named later is where
        # something else is felt, not a new place for the spasm (unless it is a correction).
        if updated.location != case.location:
            words = {k: v for k, v in updated.said.items() if k != "location"}
            if "location" in case.said:
                words["location"] = case.said["location"]
            updated = replace(updated, location=case.location, said=words)
    if (
        question is not None
        and question.kind == "severity"
        and not any(m.entity == "severity" for m in mentions)
    ):
        updated = replace(updated, severity=_bare_score(text) or updated.severity)
    partner = knowledge.question(question.together_with) if question and question.together_with else None
    partner_open = partner is not None and not is_answered(case, partner)
    if (
        question is not None
        and question.kind == "minutes"
        and (not partner_open or _UNSURE.search(text))
        and updated.episode_minutes is None
        and updated.per_week != case.per_week
    ):
        # "How long does one last?" - "comes and goes": the pattern is all they can say; and
        # "not sure, most days" to both parts answers how often and says they cannot say how long.
        updated = replace(updated, episode_minutes=UNKNOWN)
    if (
        question is not None
        and question.kind == "minutes"
        and updated.episode_minutes is None
        and _IT_VARIES.search(text)
    ):
        # "spasms every time I bend, aches in between": no one length to give, so not known
        updated = replace(updated, episode_minutes=UNKNOWN)
    asked_how_often = question is not None and (
        question.kind == "per_week" or (partner_open and partner is not None and partner.kind == "per_week")
    )
    if asked_how_often and updated.per_week is None:
        # "How often?" - "constant": a spasm that never lets go is there every day; so is one
        # that "doesn't let go, constant" in reply to "how long does it last, and how often?".
        minutes = _number(updated.episode_minutes)
        if (minutes is not None and minutes >= _NEVER_LETS_GO) or _ALWAYS_THERE.search(text):
            # "constant stiffness", "all the time": there every day, whatever it is called
            updated = replace(updated, per_week=7.0)
        elif question.kind == "per_week" and _WHEN_IN_THE_DAY.search(text):
            # "How often?" - "mostly at night": when, not how many times; answered, not known
            updated = replace(updated, per_week=UNKNOWN)
    if question is not None and not correcting:
        # a partner already answered is not asked again ("how long does one last?" alone)
        updated = _keep_values_not_asked_about(case, updated, question, partner if partner_open else None)
    answer = _reply_meaning(text, intent, question, knowledge)
    named = _speaks_to(question, mentions) if question else False
    names_present = any(
        m.entity == "finding" and m.role in (None, "present") and m.value not in _THE_COMPLAINT
        for m in mentions
    )
    if answer != "deny" and _all_clear(text, question, answer, named, knowledge, names_present):
        answer = "deny"
    if question is not None and question.kind == "background" and not named and answer not in _YES_NO_DUNNO:
        named = bool(_ABOUT_THEMSELVES.search(text))
    if partner_open and answer == "dont_know":
        # "I don't know" to "how long does each last, and how often?" answers both parts
        updated = apply_answer(updated, partner, answer, False)
    return apply_answer(updated, question, answer, named)


def _keep_values_not_asked_about(
    case: Case, updated: Case, question: Question, partner: Question | None
) -> Case:
    """A number already given is changed only by the question that asks for it or by words that
    correct it: "paracetamol most days" to the background question is how often they take it,
    "I'm fine this morning" to the warning signs is not when it began."""
    asked = {QUESTION_FIELD.get(q.kind) for q in (question, partner) if q is not None}
    kept = {
        field_name: getattr(case, field_name)
        for field_name in QUESTION_FIELD.values()
        if field_name not in asked and getattr(case, field_name) is not None
    }
    return replace(updated, **kept) if kept else updated


_YES_NO_DUNNO = frozenset({"affirm", "deny", "dont_know"})
# "I wear contact lenses", "just vitamins", "he smokes": a statement about themselves that names
# nothing on the background list still answers it (the list stays unknown, not denied).
# The words for a medicine that name no medicine: "some pills for my heart", "my water tablet"
MEDICINE_NOUNS = (
    r"tablets?|pills?|tabs|meds|medicines?|medications?|inhalers?|creams?|injections?|jabs?|drops|"
    r"sprays?|patch(?:es)?|treatment|prescriptions?|antibiotics?|capsules?"
)
_ABOUT_THEMSELVES = re.compile(
    r"^\W*(?:i|i'?m|im|i'?ve|ive|he|she|he'?s|she'?s|they|we|just|only|my|his|her)\b(?![^?]*\?\s*$)"
    # "some pills for my heart, don't know what they're called": a medicine named by what it is for
    rf"|^(?![^?]*\?\s*$).*\b(?:{MEDICINE_NOUNS})\s+for\b",
    re.IGNORECASE,
)


# Words that say an earlier answer was wrong: only then does a body part named later move the spasm
# ("sorry, I meant my thigh"), not in "no numbness in my arms" read as a correction.
_CORRECTION_CUE = re.compile(
    r"\b(?:meant|mean|actually|sorry|wait|oops|correction|rather|instead|not\s+(?:my|the|his|her|in)|wrong)\b",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"\b(?:not\s+sure|unsure|dunno|don'?t\s+know|no\s+idea|hard\s+to\s+say|can'?t\s+say|comes\s+and\s+goes|on\s+and\s+off|varies)\b",
    re.IGNORECASE,
)
_SURE_CORRECTION = re.compile(
    r"\b(?:got\s+(?:that|it|this)\s+wrong|i\s+was\s+wrong|i\s+meant|correction|let\s+me\s+correct|"
    r"i\s+said\s+\w+(?:\s+\w+)?\s+but|not\s+\w+(?:\s+\w+)?,\s+(?:i\s+mean|it\s+was|more\s+like))\b",
    re.IGNORECASE,
)


def corrects_an_earlier_answer(text: str) -> bool:
    """ "correction, it was at 15k not 18": words that can only mean an earlier answer was wrong."""
    return bool(_SURE_CORRECTION.search(text))


_ALWAYS_THERE = re.compile(
    r"\b(?:constant(?:ly)?|continuous(?:ly)?|all\s+the\s+time|non[-\s]?stop|24/7|permanent(?:ly)?|never\s+goes)\b",
    re.IGNORECASE,
)
_IT_VARIES = re.compile(
    r"\b(?:every\s+time|each\s+time|whenever|varies|depends|on\s+and\s+off|off\s+and\s+on|comes\s+and\s+goes|in\s+between"
    # "they just keep coming": one after another, no one length to give
    r"|keeps?\s+coming|one\s+after\s+(?:the\s+)?(?:an)?other|back\s+to\s+back)\b",
    re.IGNORECASE,
)
# "mostly at night", "in the mornings", "after work": when in the day it comes
_WHEN_IN_THE_DAY = re.compile(
    r"^\W*(?:(?:mostly|mainly|usually|only|just|always|normally|generally|typically)\s+)?"
    r"(?:at\s+night|(?:in\s+the\s+|of\s+an?\s+)?(?:mornings?|evenings?|afternoons?|nights?)|after\s+(?:work|exercise|the\s+gym|a\s+run|dinner)"
    r"|when\s+i\s+(?:wake|get\s+up|lie\s+down|go\s+to\s+bed))\W*$",
    re.IGNORECASE,
)
_NEVER_LETS_GO = 1440.0  # minutes: what the extractor reports for "constant", "doesn't let go"
# A reply to "how bad is it?" that is only a score: "7", "6 or 7", "7 at the time, 1 now".
_SCORE = re.compile(
    r"(?<![\d.:/])(10|\d)(?:\s*/\s*10)?(?![\d.:])(?!\s*(?:%|x\b|am\b|pm\b|(?:[a-z]+\s+)?(?:min|sec|hour|hr|day|week|month|year|time)))",
    re.I,
)


# "ten while it's happening, zero after": scores in words ("one" is left out: "the worst one")
_SCORE_WORDS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split()) if w != "one"
}
_SCORE_WORD = re.compile(
    rf"\b({'|'.join(_SCORE_WORDS)})\b(?!\s*(?:%|x\b|am\b|pm\b|(?:[a-z]+\s+)?(?:min|sec|hour|hr|day|week|month|year|time)))",
    re.I,
)


def _bare_score(text: str) -> str | None:
    """The worst score in a reply to the severity question (it asks about the worst)."""
    scores = [int(m.group(1)) for m in _SCORE.finditer(text)]
    scores += [_SCORE_WORDS[m.group(1).lower()] for m in _SCORE_WORD.finditer(text)]
    return severity_of_score(max(scores)) if scores else None


def _reply_meaning(
    text: str, intent: str | None, question: Question | None, knowledge: Knowledge
) -> str | None:
    """What a reply means as an answer: a button's exact words first, then "yes, ..." / "no, ...",
    then the intent classifier; deterministic wherever the words allow it."""
    words = re.findall(r"[a-z']+", text.lower())
    canonical = knowledge.canonical_answers.get(" ".join(words))
    if canonical or intent == "dont_know":
        return canonical or intent
    if question is not None and question.kind in ("yes_no", "confirm") and words:
        return knowledge.leading_answers.get(words[0], intent)
    return intent


def _all_clear(
    text: str,
    question: Question | None,
    intent: str | None,
    named: bool,
    knowledge: Knowledge,
    names_present: bool = False,
) -> bool:
    """A reply to a checklist that says none of it is there: "none", "nothing like that", and,
    when it names no sign itself, "no, leg looks normal" or "nope all fine". A reply that names
    some signs ("no swelling, not numb") answers for those only: the rest stay unknown."""
    if question is None or question.kind not in ("checklist", "background") or intent == "affirm":
        return False
    words = re.findall(r"[a-z']+", text.lower())
    # "nothing, just energy drinks" to the background list: what else they take is not on it
    excepted = _EXCEPT.search(_BUT_FINE.sub(" ", text)) or (
        question.kind == "checklist" and _ONLY_AFTER_THE_NO.match(text)
    )
    if excepted:
        return False  # "no, but he's wobbly": something is there, even if not in words Charley knows
    if words and words[0] in ("none", "nothing", "neither"):
        return True
    if _NO_TO_ALL.match(text) and not names_present:
        # "not now, it was numb yesterday but fine since": a "no" to the whole list, then details
        return True
    return not named and (
        (bool(words) and knowledge.leading_answers.get(words[0]) == "deny") or bool(_ALL_NORMAL.search(text))
    )


_THE_COMPLAINT = frozenset({"muscle_complaint", "twitching"})
# "but it's been fine since": not an exception to the "no"
_BUT_FINE = re.compile(
    r"\bbut\s+(?:it'?s\s+|it\s+is\s+|it\s+has\s+|its\s+|i'?m\s+|he'?s\s+|she'?s\s+|all\s+|now\s+)?(?:been\s+)?"
    # "but back to normal"
    r"(?:back\s+to\s+)?(?:fine|ok|okay|normal|good|gone|better|alright|all\s+right)\b",
    re.IGNORECASE,
)
# A "no" standing alone before the details: "no, ...", "not now, ...", "nope -"
_NO_TO_ALL = re.compile(
    r"^\W*(?:(?:he|she|they)\s+(?:says?|said)\s+)?(?:no|nope|nah|not\s+now|not\s+at\s+the\s+moment|not\s+really)\s*[,.;!-]",
    re.IGNORECASE,
)
_EXCEPT = re.compile(r"\b(?:but|except|apart\s+from|other\s+than|besides|although|though)\b", re.IGNORECASE)
# "nothing, only a bit wobbly": the "only" qualifies the "no"; in "nothing now, the numbness was only
# from sitting on it" it does not
_ONLY_AFTER_THE_NO = re.compile(r"^\W*[a-z']+\W+(?:just|only)\b", re.IGNORECASE)
# "my leg looks normal", "all fine down there", "legs are fine": nothing on the list is there;
# "healthy", "fit and well" to the background question: no condition and no medicine.
_ALL_NORMAL = re.compile(
    r"\b(?:looks?|is|are|feels?|seems?|all|everything(?:'s|\s+is)?|both)\s+(?:totally\s+|completely\s+|perfectly\s+)?"
    r"(?:normal|fine|ok|okay|good|alright|all\s+right)\b"
    r"|^\W*(?:(?:she'?s|he'?s|i'?m|they'?re|perfectly|very|totally|completely)\s+)?(?:healthy|fit\s+and\s+(?:well|healthy))\b",
    re.IGNORECASE,
)
