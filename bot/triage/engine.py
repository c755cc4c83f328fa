"""The triage engine: which rules fire for a case, the resulting level, causes and advice."""

from __future__ import annotations

from dataclasses import dataclass

from bot.triage.case import Case, is_answered
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
    seek_help_now_if: tuple[str, ...]

    @property
    def red_flags(self) -> tuple[str, ...]:
        return tuple(f.rule.id for f in self.fired if f.rule.red_flag)


def fired_rules(case: Case, knowledge: Knowledge | None = None) -> tuple[FiredRule, ...]:
    knowledge = knowledge or load_knowledge()
    fired = []
    for rule in knowledge.rules:
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
    return Assessment(
        level=level,
        fired=fired,
        causes=_causes(case, fired, knowledge),
        relief=_advice(case, "relief", knowledge) if level != "emergency" else (),
        prevention=_advice(case, "prevention", knowledge) if level != "emergency" else (),
        emergency_steps=_advice(case, "emergency", knowledge) if level == "emergency" else (),
        seek_help_now_if=tuple(
            r.seek_help_now_if
            for r in knowledge.rules
            if r.level == "emergency"
            and r.seek_help_now_if
            and r.id not in {f.rule.id for f in fired}
            and r.source in knowledge.sources[:4]
        ),
    )


def _causes(case: Case, fired: tuple[FiredRule, ...], knowledge: Knowledge) -> tuple[Cause, ...]:
    from_rules = [cid for f in fired for cid in f.rule.causes]
    from_facts = [
        c.id for c in knowledge.causes.values() if c.suggested_when and c.suggested_when.holds(case)
    ]
    ordered = list(dict.fromkeys(from_rules + from_facts)) or list(FALLBACK_CAUSES)
    return tuple(knowledge.causes[cid] for cid in ordered[:MAX_CAUSES])


def _advice(case: Case, kind: str, knowledge: Knowledge) -> tuple[Advice, ...]:
    return tuple(
        a
        for a in knowledge.advice
        if a.kind == kind
        and (a.when is None or a.when.holds(case))
        and (a.unless is None or not a.unless.holds(case))
    )


def open_questions(case: Case, knowledge: Knowledge | None = None) -> tuple[Question, ...]:
    """The questions still worth asking, in order; none once a red flag has fired."""
    knowledge = knowledge or load_knowledge()
    if any(f.rule.red_flag for f in fired_rules(case, knowledge)):
        return ()
    return tuple(
        q
        for q in knowledge.questions
        if not is_answered(case, q) and (q.ask_when is None or q.ask_when.holds(case))
    )
