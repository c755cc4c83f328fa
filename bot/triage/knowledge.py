"""Loads the knowledge base (bot/knowledge/*.yml) into typed, validated objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote_plus

import yaml

from bot.triage.conditions import Condition, compile_condition, concepts_of

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
LEVELS = ("emergency", "urgent", "routine", "self_care")  # most urgent first
LEVEL_RANK = {level: rank for rank, level in enumerate(reversed(LEVELS))}


class KnowledgeError(ValueError):
    """The knowledge files are inconsistent; raised at load so a bad edit never ships."""


@dataclass(frozen=True)
class Concept:
    id: str
    category: str
    label: str
    # A complaint whose own cramps these places are ("period cramps" in the belly or back): a cramp
    # word there, with this complaint, is the complaint, not a muscle's (see concepts.yml).
    owns_cramps_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location:
    id: str
    label: str
    group: str
    # a clot or a trapped nerve can show here, so "not a cramp, it's swollen and hot" stays ours
    clot_or_nerve: bool = False


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    headline: str


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    red_flag: bool
    when: Condition
    explanation: str
    source: str
    causes: tuple[str, ...]
    headline: str | None
    seek_help_now_if: str | None
    muscle_only: bool = False
    cramps_only: bool = False
    # The headline asks them to call an ambulance: it leads over "go to an emergency department"
    call_now: bool = False
    # Where the warning fits; None: every muscle complaint (see rules.yml).
    warn_when: Condition | None = None


@dataclass(frozen=True)
class Cause:
    id: str
    title: str
    explanation: str
    source: str
    suggested_when: Condition | None
    everyday: bool = False  # a common, harmless cause (see causes.yml)


@dataclass(frozen=True)
class Advice:
    id: str
    kind: str
    text: str
    source: str
    when: Condition | None
    unless: Condition | None
    # Relief for a cramp or spasm (stretch it, massage it): not for a twitch, which passes alone.
    cramps_only: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    slot: str
    kind: str
    text: str
    buttons: tuple[str, ...]
    purpose: str
    source: str
    ask_when: Condition | None
    items: tuple[str, ...]
    finding: str | None
    # Asked in one go with another open question ("how long does each last, and how often?"),
    # in these words, when both are still worth asking.
    together_with: str | None = None
    together_text: str | None = None
    together_buttons: tuple[str, ...] = ()
    # Items added to a checklist when they fit the case (a leg: "comes on when walking").
    more_items: tuple[str, ...] = ()
    more_items_when: Condition | None = None

    def items_for(self, case: Any) -> tuple[str, ...]:
        """The checklist's items for this case."""
        if self.more_items and self.more_items_when is not None and self.more_items_when.holds(case):
            return self.items + self.more_items
        return self.items


@dataclass(frozen=True)
class Term:
    """A word people ask about ("what's a diuretic?") and Charley's plain answer."""

    id: str
    words: tuple[str, ...]
    text: str
    source: str


SOURCE_KINDS = ("article", "general_safety")


@dataclass(frozen=True)
class Knowledge:
    sources: tuple[str, ...]
    # title -> `article` (one of the four articles) or `general_safety` (see sources.yml)
    source_kinds: Mapping[str, str]
    # title -> where a person can read it (articles only; see sources.yml)
    source_links: Mapping[str, str]
    concepts: Mapping[str, Concept]
    locations: Mapping[str, Location]
    levels: Mapping[str, Level]
    rules: tuple[Rule, ...]
    causes: Mapping[str, Cause]
    advice: tuple[Advice, ...]
    questions: tuple[Question, ...]
    disclaimer: str
    emergency_line: str
    warning_leads: Mapping[str, str]
    failure: str
    store_unavailable: str
    conversation_busy: str
    undelivered: str
    message_clipped: str
    first_question_intro: str
    understood_prefix: str
    canonical_answers: Mapping[str, str]
    leading_answers: Mapping[str, str]
    not_a_muscle_problem: Mapping[str, Any]
    conversation: Mapping[str, str]
    glossary: tuple[Term, ...] = ()

    def label(self, concept_id: str) -> str:
        concept = self.concepts.get(concept_id)
        return concept.label if concept else concept_id.replace("_", " ")

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(t for t in self.sources if self.source_kinds[t] == "article")

    def location_label(self, location_id: str) -> str:
        location = self.locations.get(location_id)
        return location.label if location else location_id.replace("_", " ")

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def category(self, concept_id: str) -> str | None:
        concept = self.concepts.get(concept_id)
        return concept.category if concept else None

    # Derived once per load (the knowledge is immutable): both are read on every message.
    @cached_property
    def red_flag_concepts(self) -> frozenset[str]:
        """Findings that can fire a red-flag rule: never dropped silently when hedged."""
        return frozenset().union(*(concepts_of(r.when.spec) for r in self.rules if r.red_flag)) - {
            "unspecified_symptom"
        }

    @cached_property
    def _concepts_by_category(self) -> dict[str, frozenset[str]]:
        grouped: dict[str, set[str]] = {}
        for concept in self.concepts.values():
            grouped.setdefault(concept.category, set()).add(concept.id)
        return {category: frozenset(ids) for category, ids in grouped.items()}

    def in_category(self, category: str) -> frozenset[str]:
        return self._concepts_by_category.get(category, frozenset())


def _read(name: str) -> Any:
    with open(KNOWLEDGE_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _source_link(entry: Mapping[str, Any]) -> str:
    """The article's own address when sources.yml has one; otherwise a web search for its exact
    title and publisher (the seeds carry no addresses, and a guessed one could be wrong)."""
    if entry.get("url"):
        return str(entry["url"])
    publisher = re.sub(r"\s*\(.*?\)", "", str(entry.get("publisher", "")))
    return "https://duckduckgo.com/?q=" + quote_plus(f'"{entry["title"]}" {publisher}'.strip())


def _source(entry: Mapping[str, Any], sources: tuple[str, ...], where: str) -> str:
    source = entry.get("source")
    if source not in sources:
        raise KnowledgeError(f"{where}: source {source!r} is not one of the known article titles")
    return source


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    raw_sources = _read("sources.yml")["sources"]
    sources = tuple(s["title"] for s in raw_sources)
    source_kinds = {s["title"]: s["kind"] for s in raw_sources}
    source_links = {s["title"]: _source_link(s) for s in raw_sources if s["kind"] == "article"}
    if set(source_kinds.values()) - set(SOURCE_KINDS):
        raise KnowledgeError(f"a source's kind must be one of {SOURCE_KINDS}")
    raw_concepts = _read("concepts.yml")
    concepts = {
        cid: Concept(cid, c["category"], c["label"], tuple(c.get("owns_cramps_in", ())))
        for cid, c in raw_concepts["concepts"].items()
    }
    locations = {
        lid: Location(lid, loc["label"], loc["group"], bool(loc.get("clot_or_nerve")))
        for lid, loc in raw_concepts["locations"].items()
    }
    vocabulary = (frozenset(concepts), frozenset(locations))

    raw_rules = _read("rules.yml")
    levels = {lid: Level(lid, lv["label"], lv["headline"]) for lid, lv in raw_rules["levels"].items()}
    if tuple(levels) != LEVELS:
        raise KnowledgeError(f"levels must be exactly {LEVELS}")

    raw_causes = _read("causes.yml")["causes"]
    causes = {
        c["id"]: Cause(
            id=c["id"],
            title=c["title"],
            explanation=c["explanation"],
            source=_source(c, sources, f"cause {c['id']}"),
            suggested_when=_optional(c.get("suggested_when"), vocabulary, f"cause {c['id']}"),
            everyday=bool(c.get("everyday", False)),
        )
        for c in raw_causes
    }

    rules = tuple(_rule(r, sources, vocabulary, causes) for r in raw_rules["rules"])
    _unique([r.id for r in rules], "rule")

    advice = tuple(
        Advice(
            id=a["id"],
            kind=a["kind"],
            text=a["text"],
            source=_source(a, sources, f"advice {a['id']}"),
            when=_optional(a.get("when"), vocabulary, f"advice {a['id']}"),
            unless=_optional(a.get("unless"), vocabulary, f"advice {a['id']}"),
            cramps_only=bool(a.get("cramps_only", False)),
        )
        for a in _read("advice.yml")["advice"]
    )
    _unique([a.id for a in advice], "advice")

    questions = tuple(_question(q, sources, vocabulary) for q in _read("questions.yml")["questions"])
    _unique([q.id for q in questions], "question")
    ids = {q.id for q in questions}
    for q in questions:
        if q.together_with is not None and (q.together_with not in ids or not q.together_text):
            raise KnowledgeError(f"question {q.id}: `together` needs a known question and its text")

    messages = _read("messages.yml")
    return Knowledge(
        sources=sources,
        source_kinds=source_kinds,
        source_links=source_links,
        concepts=concepts,
        locations=locations,
        levels=levels,
        rules=rules,
        causes=causes,
        advice=advice,
        questions=questions,
        disclaimer=messages["disclaimer"],
        emergency_line=messages["emergency_line"],
        warning_leads=messages["warning_leads"],
        failure=messages["failure"],
        store_unavailable=messages["store_unavailable"],
        conversation_busy=messages["conversation_busy"],
        undelivered=messages["undelivered"],
        message_clipped=messages["message_clipped"],
        first_question_intro=messages["first_question_intro"],
        understood_prefix=messages["understood_prefix"],
        canonical_answers=messages["canonical_answers"],
        leading_answers=messages["leading_answers"],
        not_a_muscle_problem=messages["not_a_muscle_problem"],
        conversation=messages["conversation"],
        glossary=tuple(
            Term(
                t["id"],
                tuple(w.lower() for w in t["words"]),
                t["text"],
                _source(t, sources, f"term {t['id']}"),
            )
            for t in _read("glossary.yml")["terms"]
        ),
    )


def _optional(spec: Any, vocabulary: tuple[frozenset[str], frozenset[str]], where: str) -> Condition | None:
    return None if spec is None else compile_condition(spec, *vocabulary, where=where)


def _rule(
    raw: Mapping[str, Any],
    sources: tuple[str, ...],
    vocabulary: tuple[frozenset[str], frozenset[str]],
    causes: Mapping[str, Cause],
) -> Rule:
    where = f"rule {raw['id']}"
    if raw["level"] not in LEVELS:
        raise KnowledgeError(f"{where}: unknown level {raw['level']!r}")
    unknown_causes = set(raw.get("causes", [])) - set(causes)
    if unknown_causes:
        raise KnowledgeError(f"{where}: unknown causes {sorted(unknown_causes)}")
    return Rule(
        id=raw["id"],
        level=raw["level"],
        red_flag=bool(raw.get("red_flag", False)),
        when=compile_condition(raw["when"], *vocabulary, where=where),
        explanation=raw["explanation"],
        source=_source(raw, sources, where),
        causes=tuple(raw.get("causes", [])),
        headline=raw.get("headline"),
        seek_help_now_if=raw.get("seek_help_now_if"),
        muscle_only=bool(raw.get("muscle_only", False)),
        cramps_only=bool(raw.get("cramps_only", False)),
        call_now=bool(raw.get("call_now", False)),
        warn_when=_optional(raw.get("warn_when"), vocabulary, where),
    )


def _question(
    raw: Mapping[str, Any], sources: tuple[str, ...], vocabulary: tuple[frozenset[str], frozenset[str]]
) -> Question:
    where = f"question {raw['id']}"
    concepts = vocabulary[0]
    items = tuple(raw.get("items", []))
    finding = raw.get("finding")
    more = raw.get("more_items") or {}
    unknown = (set(items) | set(more.get("items", [])) | ({finding} if finding else set())) - concepts
    if unknown:
        raise KnowledgeError(f"{where}: unknown concepts {sorted(unknown)}")
    return Question(
        id=raw["id"],
        slot=raw["slot"],
        kind=raw["kind"],
        text=raw["text"],
        buttons=tuple(raw.get("buttons", [])),
        purpose=raw["purpose"],
        source=_source(raw, sources, where),
        ask_when=_optional(raw.get("ask_when"), vocabulary, where),
        items=items,
        finding=finding,
        together_with=(raw.get("together") or {}).get("with"),
        together_text=(raw.get("together") or {}).get("text"),
        together_buttons=tuple((raw.get("together") or {}).get("buttons", [])),
        more_items=tuple(more.get("items", [])),
        more_items_when=_optional(more.get("when"), vocabulary, where),
    )


def _unique(ids: list[str], kind: str) -> None:
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise KnowledgeError(f"duplicate {kind} ids: {sorted(duplicates)}")
