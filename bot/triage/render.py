"""Turns an assessment into the contract's `triage` object and into plain words.

Every channel renders from the `triage` object; the plain text here is for channels that only
show text (and for screen readers), so both say the same thing in the same order.
"""

from __future__ import annotations

from typing import Any, Literal

from bot.triage.case import (
    BACKGROUND_CATEGORIES,
    QUESTION_FIELD,
    Case,
    Status,
    is_answered,
    warning_signs_unchecked,
)
from bot.triage.conditions import Evidence
from bot.triage.engine import Assessment
from bot.triage.knowledge import Knowledge, Question, load_knowledge


def _minutes(value: float) -> str:
    if value >= 1440:
        return "it does not let go"
    if value < 1:
        return "episodes last under a minute"
    return f"episodes last about {value:g} minute{'s' if value != 1 else ''}"


def _days(value: float) -> str:
    if value < 1:
        return "it started today"
    return f"it has been going on for about {value:g} day{'s' if value != 1 else ''}"


def _per_week(value: float) -> str:
    if value >= 7:
        return f"it happens about {value / 7:g} time{'s' if value != 7 else ''} a day"
    return f"it happens about {value:g} time{'s' if value != 1 else ''} a week"


# A number Charley read from the person's words is shown in those words ("for a fortnight",
# not "about 14 days"): the vague answer is what they know.
_IN_THEIR_WORDS = {
    "minutes": "how long one lasts",
    "days": "how long it has gone on",
    "per_week": "how often",
}


def describe_evidence(evidence: Evidence, knowledge: Knowledge, said: dict[str, str] | None = None) -> str:
    kind, value = evidence
    field_name = QUESTION_FIELD.get(kind)
    if said and kind in _IN_THEIR_WORDS and field_name in said:
        return f'{_IN_THEIR_WORDS[kind]}: "{said[field_name]}"'
    if kind == "finding":
        return knowledge.label(value)
    if kind == "location":
        return f"the spasm is in the {knowledge.location_label(value)}"
    if kind == "minutes":
        return _minutes(value)
    if kind == "days":
        return _days(value)
    if kind == "per_week":
        return _per_week(value)
    if kind == "severity":
        return f"it is {value}"
    return str(value)


def _because(evidence: tuple[Evidence, ...], knowledge: Knowledge, said: dict[str, str] | None = None) -> str:
    parts = list(dict.fromkeys(describe_evidence(e, knowledge, said) for e in evidence))
    return "You told me: " + "; ".join(parts) + "." if parts else "From what you told me."


def case_facts(case: Case, knowledge: Knowledge | None = None) -> dict[str, Any]:
    knowledge = knowledge or load_knowledge()
    by_status: dict[Status, list[str]] = {s: [] for s in Status}
    for concept, status in sorted(case.findings.items()):
        by_status[status].append(concept)
    slots = {k: v for k, v in case.to_slots(knowledge).items() if v is not None}
    slots.pop("answered_questions", None)
    return {
        "present": by_status[Status.PRESENT],
        "absent": by_status[Status.ABSENT],
        "unknown": by_status[Status.UNKNOWN],
        "slots": slots,
    }


def understood_so_far(case: Case, knowledge: Knowledge | None = None) -> str:
    """One line that shows the person what Charley took from their words, denials included."""
    knowledge = knowledge or load_knowledge()
    parts = []
    if case.location and case.location != "unknown":
        parts.append(knowledge.location_label(case.location))
    for concept, status in case.findings.items():
        if status is Status.PRESENT:
            parts.append(knowledge.label(concept))
        elif status is Status.ABSENT:
            parts.append("no " + knowledge.label(concept))
    for value, describe in (
        (case.episode_minutes, _minutes),
        (case.ongoing_days, _days),
        (case.per_week, _per_week),
    ):
        if isinstance(value, float):
            parts.append(describe(value))
    if case.severity in ("mild", "moderate", "severe"):
        parts.append(case.severity)
    return f"{knowledge.understood_prefix} " + "; ".join(parts) + "." if parts else ""


def triage_payload(case: Case, assessment: Assessment, knowledge: Knowledge | None = None) -> dict[str, Any]:
    knowledge = knowledge or load_knowledge()
    level = knowledge.levels[assessment.level]
    leads = [f.rule for f in assessment.fired if f.rule.level == assessment.level and f.rule.headline]
    # an ambulance to call leads over a department to go to (a stroke over new weakness)
    lead = next((r.headline for r in sorted(leads, key=lambda r: not r.call_now)), None)
    self_care = [a.text for a in assessment.emergency_steps + assessment.relief + assessment.prevention]
    if lead is None and assessment.level == "self_care" and warning_signs_unchecked(case, knowledge):
        lead = knowledge.conversation["warning_signs_unchecked"]
    payload: dict[str, Any] = {
        "level": assessment.level,
        "label": level.label,
        "headline": lead or level.headline,
        "reasons": [
            {
                "rule": f.rule.id,
                "level": f.rule.level,
                "because": _because(f.evidence, knowledge, case.said),
                "why": f.rule.explanation,
                "source": f.rule.source,
            }
            for f in assessment.fired
        ],
        "causes": [
            {"id": c.id, "title": c.title, "explanation": c.explanation, "source": c.source}
            for c in assessment.causes
        ],
        "self_care": self_care,
        # what to do while help is on its way: the head of self_care, named for the emergency screen
        "do_now": [a.text for a in assessment.emergency_steps],
        "seek_help_now_if": [
            f"{knowledge.warning_leads[level]} {text}."
            for level, texts in (
                ("emergency", assessment.seek_help_now_if),
                ("urgent", assessment.see_doctor_if),
            )
            for text in texts
        ],
        "facts": case_facts(case, knowledge),
        "sources": sorted(
            {f.rule.source for f in assessment.fired}
            | {c.source for c in assessment.causes}
            | {a.source for a in assessment.emergency_steps + assessment.relief + assessment.prevention}
        ),
        "disclaimer": knowledge.disclaimer,
    }
    # where each article can be read, so channels can show the sources as links
    payload["source_links"] = {
        t: knowledge.source_links[t] for t in payload["sources"] if t in knowledge.source_links
    }
    return payload


def emergency_reminder(payload: dict[str, Any], knowledge: Knowledge | None = None, steps: int = 3) -> str:
    """What every reply after an emergency result repeats: it is still one, and what to do now."""
    knowledge = knowledge or load_knowledge()
    lines = [knowledge.conversation["emergency_reminder"].format(headline=payload["headline"])]
    lines += [f"- {step}" for step in payload["self_care"][:steps]]
    return "\n".join(lines)


def unchanged_advice_text(payload: dict[str, Any], knowledge: Knowledge | None = None) -> str:
    """The reply to a message after the result that changes nothing: no second copy of it."""
    knowledge = knowledge or load_knowledge()
    if payload["level"] == "emergency":
        return emergency_reminder(payload, knowledge)
    return knowledge.conversation["advice_unchanged"].format(
        label=payload.get("label") or payload["headline"]
    )


def redirect_payload(
    case: Case, assessment: Assessment, knowledge: Knowledge | None = None
) -> dict[str, Any]:
    """For a complaint that is not a muscle problem and not an emergency: who can help instead,
    and the danger signs that would make it one. Rules that still fire set the level."""
    knowledge = knowledge or load_knowledge()
    text = knowledge.not_a_muscle_problem
    advice = [text["who_can_help"]]
    if assessment.level in ("urgent", "routine"):
        advice.insert(0, knowledge.levels[assessment.level].headline)
    return {
        "level": assessment.level,
        "headline": text["headline"],
        "advice": advice,
        "reasons": [
            {
                "rule": f.rule.id,
                "because": _because(f.evidence, knowledge, case.said),
                "why": f.rule.explanation,
                "source": f.rule.source,
            }
            for f in assessment.fired
        ],
        "seek_help_now_if": list(text["danger_signs"]),
        "emergency_line": knowledge.emergency_line,
        "facts": case_facts(case, knowledge),
        "source": text["source"],
        "disclaimer": knowledge.disclaimer,
    }


def redirect_text(payload: dict[str, Any]) -> str:
    lines = [payload["headline"], "", *payload["advice"]]
    lines += ["", "Call your emergency number or go to an emergency department now if there is:"]
    lines += [f"- {sign}" for sign in payload["seek_help_now_if"]]
    lines += ["", payload["emergency_line"], "", payload["disclaimer"]]
    return "\n".join(lines)


def triage_text(payload: dict[str, Any], max_items: int = 5) -> str:
    """The same advice in plain text, most important first."""
    lines = [f"{payload['label'].upper()}", payload["headline"]]
    if payload["reasons"]:
        lines.append("")
        lines.append("Why: " + payload["reasons"][0]["why"])
    if payload["causes"]:
        lines.append("")
        lines.append("Possible causes: " + "; ".join(c["title"] for c in payload["causes"]) + ".")
    if payload["self_care"]:
        lines.append("")
        lines.append("What you can do now:")
        lines.extend(f"- {item}" for item in payload["self_care"][:max_items])
    if payload["seek_help_now_if"]:
        lines.append("")
        lines.append("Seek help at once if things change:")
        lines.extend(f"- {item}" for item in payload["seek_help_now_if"])
    lines.append("")
    lines.append(payload["disclaimer"])
    return "\n".join(lines)


def explain_result(payload: dict[str, Any]) -> str:
    """The answer to "why this advice?": every rule that fired, with its source."""
    if not payload["reasons"]:
        return (
            "None of the warning signs in my sources applied to what you told me, so the advice is "
            "to look after it at home. Sources: " + "; ".join(payload["sources"]) + "."
        )
    lines = ["Here is what my advice is based on:"]
    for reason in payload["reasons"]:
        lines.append(f'- {reason["why"]} {reason["because"]} (Source: "{reason["source"]}")')
    return "\n".join(lines)


def how_serious(assessment: Assessment, finished: bool, knowledge: Knowledge | None = None) -> str:
    """The answer to "is this serious? should I go to A&E?" from what is known so far, and what
    would make it an emergency."""
    knowledge = knowledge or load_knowledge()
    level = knowledge.levels[assessment.level]
    if assessment.fired and assessment.level != "self_care":
        lead = f"From what you have told me: {level.label.lower()}. {level.headline}"
        lead += " " + assessment.fired[0].rule.explanation
    elif finished:
        lead = f"From what you have told me, nothing points to an emergency. {level.headline}"
    else:
        lead = "From what you have told me so far, nothing points to an emergency, but I have a few more questions."
    if assessment.level == "emergency":
        return lead
    signs = [s for s in assessment.seek_help_now_if] or list(knowledge.not_a_muscle_problem["danger_signs"])
    return "\n".join(
        [lead, "It would be an emergency if:", *(f"- {s}" for s in signs), knowledge.emergency_line]
    )


def explain_question(question: Question) -> str:
    return f'{question.purpose} (Source: "{question.source}")'


def clinician_summary(case: Case, payload: dict[str, Any] | None, knowledge: Knowledge | None = None) -> str:
    """A short handover note: what the person reported, what they denied, and the advice given."""
    knowledge = knowledge or load_knowledge()
    facts = case_facts(case, knowledge)
    lines = ["Summary for a clinician (self-reported to Charley, an information chatbot):"]

    # In the person's own words where Charley has them: "weeks" stays "weeks", not "about 14 days".
    def quoted(key: str, reading: str) -> str:
        words = case.said.get(key)
        return f'"{words}"' if words else reading

    if case.location:
        site = knowledge.location_label(case.location) if case.location != "unknown" else "not known"
        words = case.said.get("location")
        # the person's own words add what the place id drops: the side ("left calf")
        if words and words.lower() not in site.lower():
            site = f'{site} ("{words}")'
        lines.append(f"- Site: {site}")
    for label, key, value, fmt in (
        ("Episode length", "episode_minutes", case.episode_minutes, _minutes),
        ("Course", "ongoing_days", case.ongoing_days, _days),
        ("Frequency", "per_week", case.per_week, _per_week),
        ("Severity", "severity", case.severity, str),
    ):
        if value is not None:
            lines.append(f"- {label}: {quoted(key, fmt(value) if value != 'unknown' else 'not known')}")
    if case.age is not None:
        lines.append(f"- Age: {case.age:g}")
    for title, key in (("Reports", "present"), ("Denies", "absent"), ("Unsure about", "unknown")):
        if facts[key]:
            named = [
                f'{knowledge.label(c)} ("{case.said[c]}")'
                if key == "present" and c in case.said
                else knowledge.label(c)
                for c in facts[key]
            ]
            lines.append(f"- {title}: " + "; ".join(named))
    if payload:
        lines.append(f"- Charley's advice: {payload['label']}")
        for reason in payload["reasons"]:
            lines.append(f"  - {reason['because']}")
    else:
        lines.append("- No advice given yet: the assessment is not finished.")
    return "\n".join(lines)


def clipped_text(limit: int, knowledge: Knowledge | None = None) -> str:
    """Tells the person that only the start of a very long message was read."""
    return (knowledge or load_knowledge()).message_clipped.format(limit=f"{limit:,}")


FailureKind = Literal["failure", "store_unavailable", "conversation_busy", "undelivered"]


def failure_text(kind: FailureKind = "failure", knowledge: Knowledge | None = None) -> str:
    """What a person hears on any failure path: what happened and how to get emergency help."""
    k = knowledge or load_knowledge()
    return f"{getattr(k, kind)} {k.emergency_line}"


_FIELD_NAMES = {
    "location": "it is in the {}",
    "episode_minutes": "one lasts {}",
    "ongoing_days": "it has been going on {}",
    "per_week": "it comes {}",
    "severity": "at its worst it is {}",
}


def _value_words(field_name: str, value: Any, knowledge: Knowledge) -> str | None:
    """A case value in a few words ("about 2 days", "the thigh"); None when there is no value."""
    if field_name == "location":
        return knowledge.location_label(value).split(" (")[0] if value and value != "unknown" else None
    if field_name == "severity":
        return value if value in ("mild", "moderate", "severe") else None
    if not isinstance(value, float):
        return None
    if field_name == "episode_minutes":
        return (
            "it does not let go"
            if value >= 1440
            else "under a minute"
            if value < 1
            else f"about {value:g} minutes"
        )
    if field_name == "ongoing_days":
        if value >= 730:
            return f"about {value / 365:.0f} years"
        if value >= 60:
            return f"about {value / 30:.0f} months"
        return "since today" if value < 1 else f"about {value:g} day{'s' if value != 1 else ''}"
    return f"about {value / 7:g} a day" if value >= 7 else f"about {value:g} a week"


_NUMBER_FIELDS = ("episode_minutes", "ongoing_days", "per_week")


def _heard_words(case: Case, field_name: str, knowledge: Knowledge) -> str | None:
    """A value as the person put it ("a few times", "the 80s") where Charley kept their words, so
    a misreading shows as theirs and not as "about 0.5 a week"; else in a few words."""
    words = _value_words(field_name, getattr(case, field_name), knowledge)
    if words is not None and field_name in _NUMBER_FIELDS and case.said.get(field_name):
        return f'"{case.said[field_name]}"'
    return words


def acknowledgement(
    before: Case, after: Case, asked: Question | None, knowledge: Knowledge | None = None
) -> str | None:
    """One short line for what a reply corrected or told Charley unasked, so the person knows it
    was heard; None when the reply only answered the question that was asked."""
    knowledge = knowledge or load_knowledge()
    asked_fields = {QUESTION_FIELD.get(asked.kind)} if asked else set()
    partner = knowledge.question(asked.together_with) if asked and asked.together_with else None
    if partner is not None and not is_answered(before, partner):  # it was asked in the same breath
        asked_fields.add(QUESTION_FIELD.get(partner.kind))
    asked_items = {*asked.items_for(before), asked.finding} if asked else set()
    corrected, added = [], []
    for field_name in ("location", "episode_minutes", "ongoing_days", "per_week", "severity"):
        old, new = getattr(before, field_name), getattr(after, field_name)
        words = _heard_words(after, field_name, knowledge)
        if new == old or words is None or (field_name in asked_fields and old is None):
            continue
        was = _heard_words(before, field_name, knowledge)
        fact = _FIELD_NAMES[field_name].format(words)
        (corrected if was else added).append(f"{fact} (was {was})" if was else fact)
    for concept, status in after.findings.items():
        if status is before.findings.get(concept) or status is Status.UNKNOWN:
            continue
        if concept in asked_items or (
            asked and asked.kind == "background" and knowledge.category(concept) in BACKGROUND_CATEGORIES
        ):
            continue
        label = knowledge.label(concept)
        if status is Status.PRESENT and concept in after.said:
            label = f'{label} ("{after.said[concept]}")'
        fact = label if status is Status.PRESENT else f"no {label}"
        (
            corrected
            if concept in before.findings and before.findings[concept] is not Status.UNKNOWN
            else added
        ).append(fact)
    if not corrected and not added:
        return None
    key = "acknowledge_correction" if corrected else "acknowledge_new_facts"
    return knowledge.conversation[key].format(facts="; ".join(corrected + added))
