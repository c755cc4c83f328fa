"""Property tests: more red flags never lower the level; absent or unknown findings never fire.

What the complaint is about (concepts.yml categories `complaint` and `muscle`) is the one thing
that may lower a level, and only by hiding rules marked `muscle_only` or `cramps_only`: a red,
swollen bee sting is not a clot, a twitching lip is not "frequent cramps".
"""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.triage.case import WARNING_SIGNS_QUESTION, Case, Status, is_answered
from bot.triage.engine import MUSCLE_COMPLAINT, alerts, assess, fired_rules, open_questions
from bot.triage.knowledge import LEVEL_RANK, load_knowledge

KNOWLEDGE = load_knowledge()
CONCEPTS = sorted(KNOWLEDGE.concepts)
WHAT_IT_IS_ABOUT = sorted(KNOWLEDGE.in_category("complaint") | KNOWLEDGE.in_category("muscle"))
# An obvious everyday cause (a trigger: hard exercise, sleeping awkwardly) is what the articles
# set apart from "no obvious cause": it may turn "book an appointment" into "look after it at
# home", never lower an urgent or emergency level.
TRIGGERS = sorted(KNOWLEDGE.in_category("trigger"))
SIGNS = sorted(set(CONCEPTS) - set(WHAT_IT_IS_ABOUT) - set(TRIGGERS))
numbers = st.one_of(st.none(), st.just("unknown"), st.floats(min_value=0, max_value=400, allow_nan=False))
cases = st.builds(
    Case,
    location=st.one_of(st.none(), st.sampled_from(sorted(KNOWLEDGE.locations))),
    episode_minutes=numbers,
    ongoing_days=numbers,
    per_week=numbers,
    severity=st.one_of(st.none(), st.sampled_from(["mild", "moderate", "severe", "unknown"])),
    findings=st.dictionaries(st.sampled_from(CONCEPTS), st.sampled_from(list(Status)), max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(cases, st.sampled_from(SIGNS))
def test_a_new_present_finding_never_lowers_the_level(case, concept):
    before = LEVEL_RANK[assess(case).level]
    after = LEVEL_RANK[assess(replace(case, findings={**case.findings, concept: Status.PRESENT})).level]
    assert after >= before


@settings(max_examples=400, deadline=None)
@given(cases, st.sampled_from(TRIGGERS))
def test_an_obvious_cause_never_lowers_an_urgent_or_emergency_level(case, concept):
    before = LEVEL_RANK[assess(case).level]
    after = LEVEL_RANK[assess(replace(case, findings={**case.findings, concept: Status.PRESENT})).level]
    assert after >= before or before <= LEVEL_RANK["routine"]


def test_an_obvious_cause_can_only_hold_back_rules_below_urgent():
    holding_back = [r for r in KNOWLEDGE.rules if "none_present" in repr(r.when)]
    assert holding_back, "the frequent and long cramp rules are held back by an obvious cause"
    assert all(LEVEL_RANK[r.level] <= LEVEL_RANK["routine"] for r in holding_back)


@settings(max_examples=400, deadline=None)
@given(cases, st.sampled_from(WHAT_IT_IS_ABOUT))
def test_naming_the_complaint_hides_only_rules_marked_for_muscles_or_cramps(case, concept):
    general = {f.rule.id for f in fired_rules(case) if not (f.rule.muscle_only or f.rule.cramps_only)}
    after = {
        f.rule.id for f in fired_rules(replace(case, findings={**case.findings, concept: Status.PRESENT}))
    }
    assert general <= after


@settings(max_examples=400, deadline=None)
@given(cases)
def test_absent_or_unknown_findings_never_fire_a_rule(case):
    """Turning every non-present finding into nothing at all changes no rule that fires. One
    denial is kept: "not a cramp" says what kind of complaint it is (engine.complaint_kind)."""
    only_present = {k: v for k, v in case.findings.items() if v is Status.PRESENT or k == MUSCLE_COMPLAINT}
    stripped = replace(case, findings=only_present)
    assert {f.rule.id for f in fired_rules(case)} == {f.rule.id for f in fired_rules(stripped)}


@settings(max_examples=200, deadline=None)
@given(cases)
def test_every_fired_rule_cites_an_article_and_explains_itself(case):
    for fired in fired_rules(case):
        assert fired.rule.source in KNOWLEDGE.sources
        assert fired.rule.level in LEVEL_RANK


@settings(max_examples=400, deadline=None)
@given(cases)
def test_the_warning_signs_are_never_skipped_while_open(case):
    """Questions that cannot change the result are skipped; the warning signs always can."""
    # Looked up on each call: other tests reload the knowledge, and questions compare by identity.
    warning_signs = load_knowledge().question(WARNING_SIGNS_QUESTION)
    relevant = warning_signs.ask_when is None or warning_signs.ask_when.holds(case)
    if alerts(case) or not relevant or is_answered(case, warning_signs):
        return
    assert WARNING_SIGNS_QUESTION in {q.id for q in open_questions(case)}
