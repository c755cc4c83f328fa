"""The triage engine: which rules fire for a case, the resulting level, causes and advice."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.triage.case import QUESTION_FIELD, Case, Status, is_answered
from bot.triage.conditions import Evidence
from bot.triage.knowledge import LEVEL_RANK, Advice, Cause, Knowledge, Question, Rule, load_knowledge

MAX_CAUSES = 4
FALLBACK_CAUSES = ("overuse", "dehydration", "poor_conditioning")


@dataclass(frozen=True)
class FiredRule:
    rule: Rule
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Assessment:
    level: str
    fired: tuple[FiredRule, ...]  # most urgent first
    causes: tuple[Cause, ...]
    relief: tuple[Advice, ...]
    prevention: tuple[Advice, ...]
    emergency_steps: tuple[Advice, ...]
    seek_help_now_if: tuple[str, ...]  # warnings of emergency rules that fit this case
    see_doctor_if: tuple[str, ...]  # warnings of urgent rules, for a result below urgent
    # Not a muscle complaint: no muscle advice, and anything short of an emergency is pointed to
    # the pharmacist or doctor instead (see bot/knowledge/concepts.yml, categories).
    redirect: bool = False

    @property
    def red_flags(self) -> tuple[str, ...]:
        return tuple(f.rule.id for f in self.fired if f.rule.red_flag)


COMPLAINT = "complaint"
TWITCHING = "twitching"
# Findings that only a muscle complaint has, whatever words named them.
_MUSCLE_SIGNS = frozenset(
    {"spreading_spasms", "lockjaw", "walking_induced", "poor_response", "worse_with_cough"}
)


MUSCLE_COMPLAINT = "muscle_complaint"

# An eyelid "spasm" is the twitch the articles describe, whatever the person calls it.
_TWITCH_PLACES = frozenset({"eyelid"})


def _clot_or_nerve_can_show(location: str, knowledge: Knowledge) -> bool:
    place = knowledge.locations.get(location)
    return place is not None and place.clot_or_nerve


def complaint_kind(case: Case, knowledge: Knowledge | None = None) -> str:
    """ "other" when the person describes something that is not a muscle problem (a headache, a
    rash, a sting) and names no cramp, spasm or twitch; "twitch" when twitching is all they
    describe (or an eyelid that moves on its own); otherwise "cramp". Decided apart from the rules' levels: it only hides rules marked
    `muscle_only` or `cramps_only`, never a general danger sign."""
    knowledge = knowledge or load_knowledge()
    present = {c for c in case.findings if case.is_present(c)}
    muscle = present & (knowledge.in_category("muscle") | _MUSCLE_SIGNS)
    complaints = present & knowledge.in_category(COMPLAINT)
    if complaints and not muscle:
        return "other"
    # "not a cramp obvs but dunno who else to ask": they say so themselves. Only away from the
    # limbs and back, where a calf that is "not a cramp, just swollen and hot" keeps its clot rule.
    if (
        case.status(MUSCLE_COMPLAINT) is Status.ABSENT
        and not muscle
        and (case.location is None or not _clot_or_nerve_can_show(case.location, knowledge))
    ):
        return "other"
    if muscle == {MUSCLE_COMPLAINT} and any(
        case.location is None or case.location in knowledge.concepts[c].owns_cramps_in
        for c in complaints
        if knowledge.concepts[c].owns_cramps_in
    ):
        return "other"
    # twitches that spread are still twitches ("persistent or spreading twitches")
    if muscle - {"spreading_spasms"} <= {TWITCHING} and (
        TWITCHING in muscle or (not muscle and case.location in _TWITCH_PLACES)
    ):
        return "twitch"
    return "cramp"


def out_of_field(case: Case, knowledge: Knowledge | None = None) -> bool:
    return complaint_kind(case, knowledge) == "other"


# Reported like a rule id, so "tell the person at once, once" works the same way for both.
NOT_A_MUSCLE_PROBLEM = "not_a_muscle_problem"


def alerts(case: Case, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """What must be answered at once, wherever in the conversation it comes up: every red-flag
    rule that fires, and a complaint that is not a muscle problem (no more muscle questions)."""
    knowledge = knowledge or load_knowledge()
    fired = fired_rules(case, knowledge)
    if level_of(fired) != "emergency" and _confirmation_pending(case, knowledge):
        return ()  # a hedged warning sign may make it an emergency: ask about it first
    outside = out_of_field(case, knowledge)
    if level_of(fired) != "emergency" and not outside and _emergency_questions(case, knowledge):
        # "pain going down both legs" is urgent, but the bladder or numbness it may come with is
        # an emergency: those questions are asked before the urgent answer
        return ()
    found = [f.rule.id for f in fired if f.rule.red_flag]
    if outside:
        found.append(NOT_A_MUSCLE_PROBLEM)
    return tuple(found)


def _urgent_sign(case: Case, knowledge: Knowledge) -> bool:
    fired = fired_rules(case, knowledge)
    return level_of(fired) == "urgent" and any(f.rule.red_flag for f in fired)


def _emergency_questions(case: Case, knowledge: Knowledge) -> tuple[Question, ...]:
    """With an urgent warning sign, the open questions some answer to which makes it an emergency."""
    if not _urgent_sign(case, knowledge):
        return ()
    return tuple(
        q
        for q in knowledge.questions
        if not is_answered(case, q)
        and (q.ask_when is None or q.ask_when.holds(case))
        and (
            q.kind == "confirm"
            or any(assess(t, knowledge).level == "emergency" for t in _trial_answers(case, q))
        )
    )


def _confirmation_pending(case: Case, knowledge: Knowledge) -> bool:
    return any(q.kind == "confirm" and not is_answered(case, q) for q in knowledge.questions)


def _applies(rule: Rule, kind: str) -> bool:
    if kind == "other":
        return not (rule.muscle_only or rule.cramps_only)
    return not (kind == "twitch" and rule.cramps_only)


def fired_rules(case: Case, knowledge: Knowledge | None = None) -> tuple[FiredRule, ...]:
    knowledge = knowledge or load_knowledge()
    kind = complaint_kind(case, knowledge)
    fired = []
    for rule in knowledge.rules:
        if not _applies(rule, kind):
            continue
        holds, evidence = rule.when.evaluate(case)
        if holds:
            fired.append(FiredRule(rule, evidence))
    # stable sort keeps file order within a level, so the most specific rule leads
    return tuple(sorted(fired, key=lambda f: -LEVEL_RANK[f.rule.level]))


def level_of(fired: tuple[FiredRule, ...]) -> str:
    return fired[0].rule.level if fired else "self_care"


def assess(case: Case, knowledge: Knowledge | None = None) -> Assessment:
    knowledge = knowledge or load_knowledge()
    fired = fired_rules(case, knowledge)
    level = level_of(fired)
    redirect = out_of_field(case, knowledge)
    home_care = level != "emergency" and not redirect
    return Assessment(
        level=level,
        fired=fired,
        causes=_causes(case, fired, knowledge) if not redirect else (),
        relief=_advice(case, "relief", knowledge) if home_care else (),
        prevention=_advice(case, "prevention", knowledge) if home_care else (),
        # Out of the field, only steps that hold for any emergency (no "do not rub the leg") and
        # none of the muscle articles' warnings.
        emergency_steps=tuple(
            a for a in _advice(case, "emergency", knowledge) if not redirect or a.when is None
        )
        if level == "emergency"
        else (),
        seek_help_now_if=_warnings(case, fired, "emergency", knowledge) if not redirect else (),
        see_doctor_if=_warnings(case, fired, "urgent", knowledge)
        if not redirect and LEVEL_RANK[level] < LEVEL_RANK["urgent"]
        else (),
        redirect=redirect,
    )


def _warnings(case: Case, fired: tuple[FiredRule, ...], level: str, knowledge: Knowledge) -> tuple[str, ...]:
    """The `seek_help_now_if` text of every rule of `level` that has not fired and fits the case."""
    fired_ids = {f.rule.id for f in fired}
    return tuple(
        r.seek_help_now_if
        for r in knowledge.rules
        if r.level == level
        and r.seek_help_now_if
        and r.id not in fired_ids
        and (r.warn_when is None or r.warn_when.holds(case))
    )


def _causes(case: Case, fired: tuple[FiredRule, ...], knowledge: Knowledge) -> tuple[Cause, ...]:
    from_rules = [cid for f in fired for cid in f.rule.causes]
    from_facts = [
        c.id for c in knowledge.causes.values() if c.suggested_when and c.suggested_when.holds(case)
    ]
    ordered = list(dict.fromkeys(from_rules + from_facts)) or list(FALLBACK_CAUSES)
    return tuple(knowledge.causes[cid] for cid in ordered[:MAX_CAUSES])


def _advice(case: Case, kind: str, knowledge: Knowledge) -> tuple[Advice, ...]:
    twitch = complaint_kind(case, knowledge) == "twitch"
    return tuple(
        a
        for a in knowledge.advice
        if a.kind == kind
        and not (twitch and a.cramps_only)
        and (a.when is None or a.when.holds(case))
        and (a.unless is None or not a.unless.holds(case))
    )


# Answers that span what the rules tell apart, tried to see whether a question could change the
# result: a few seconds / minutes / more than ten minutes, today / days / weeks / months, ...
_TRIAL_VALUES: dict[str, tuple[object, ...]] = {
    "minutes": (0.1, 5.0, 30.0),
    "days": (0.5, 3.5, 10.0, 30.0, 120.0),
    "per_week": (0.25, 3.0, 14.0),
    "severity": ("mild", "moderate", "severe"),
}
# Always asked while open: where it is shapes every other question, and a hedged warning sign
# must be confirmed or ruled out.
_ALWAYS_ASKED = frozenset({"location", "confirm"})


def _trial_answers(case: Case, question: Question) -> list[Case]:
    if question.kind in _TRIAL_VALUES:
        field = QUESTION_FIELD[question.kind]
        return [replace(case, **{field: value}) for value in _TRIAL_VALUES[question.kind]]
    if question.kind == "yes_no" and question.finding:
        return [
            replace(case, findings={**case.findings, question.finding: status})
            for status in (Status.PRESENT, Status.ABSENT)
        ]
    items = question.items_for(case)
    if items:  # checklist, background: none of them, or each one alone
        none = {item: Status.ABSENT for item in items}
        return [replace(case, findings={**case.findings, **none})] + [
            replace(case, findings={**case.findings, **none, item: Status.PRESENT}) for item in items
        ]
    return []


def could_change_result(case: Case, question: Question, knowledge: Knowledge | None = None) -> bool:
    """Whether some answer to `question` would change the level or the advice (likely causes, what
    to do) for this case; a question that cannot is not worth a turn. Another rule of the same
    level is not worth one either: "frequent cramps" and "cramps that last long" both mean
    "book an appointment", with the same advice."""
    if question.kind in _ALWAYS_ASKED:
        return True
    knowledge = knowledge or load_knowledge()
    outcomes = set()
    for trial in _trial_answers(case, question):
        assessment = assess(trial, knowledge)
        causes = tuple(c.id for c in assessment.causes)
        advice = frozenset(a.id for a in assessment.relief + assessment.prevention)
        outcomes.add((assessment.level, causes, advice))
        if len(outcomes) > 1:
            return True
    return not outcomes  # a question we cannot try out is asked


def open_questions(case: Case, knowledge: Knowledge | None = None) -> tuple[Question, ...]:
    """The questions still worth asking, in order: open, relevant to this case, and able to change
    the result; none once a red flag has fired or the person turns out to be describing something
    other than a muscle problem."""
    knowledge = knowledge or load_knowledge()
    if alerts(case, knowledge):
        return ()
    if _urgent_sign(case, knowledge):
        return _emergency_questions(case, knowledge)
    return tuple(
        q
        for q in knowledge.questions
        if not is_answered(case, q)
        and (q.ask_when is None or q.ask_when.holds(case))
        and could_change_result(case, q, knowledge)
    )


def asked_together(remaining: tuple[Question, ...]) -> bool:
    """Whether the next question is put together with its partner: both are still worth asking."""
    return bool(remaining) and remaining[0].together_with in {q.id for q in remaining[1:]}
