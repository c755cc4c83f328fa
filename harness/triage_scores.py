"""Scores triage results the way symptom-checker studies do. Pure Python, no Rasa.

One `Outcome` is one triage result checked in a conversation (the first result, the level after
an interrupting red flag, each correction). `got` is None when the conversation never reached a
result (it stalled, or the red flag did not interrupt): that counts as wrong, unsafe and as
under-triage, since the person was left without advice.

Used by the end-to-end test (tests/e2e/test_conversations.py -> results/e2e.json) and by the
benchmark (scripts/bench), so both report the same numbers.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from bot.triage.knowledge import LEVEL_RANK, LEVELS

NO_RESULT = "no_result"
# Not a muscle complaint and no danger sign: "not a cramp, here is who can help". As urgent as
# self-care; a redirect given for a cramp or a cramp answer given for something else is inexact.
REDIRECT = "redirect"
SCORED_LEVELS = (*LEVELS, REDIRECT)
RANK = {**LEVEL_RANK, REDIRECT: LEVEL_RANK["self_care"]}


@dataclass(frozen=True)
class Outcome:
    expected: str
    got: str | None
    turns: int
    first: bool = True  # the first result of its conversation
    id: str = ""
    repeated: tuple[str, ...] = field(default=())

    @property
    def rank_difference(self) -> int:
        """got minus expected on the urgency scale; a missing result is below every level."""
        got = RANK[self.got] if self.got is not None else -1
        return got - RANK[self.expected]

    @property
    def exact(self) -> bool:
        return self.got == self.expected

    @property
    def safe(self) -> bool:
        return self.got is not None and self.rank_difference >= 0


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def over_under_ratio(over: int, under: int) -> float | None:
    """Over-triage : under-triage. None when there is no under-triage (the ratio is unbounded)."""
    return over / under if under else None


def median(values: Iterable[float]) -> float | None:
    items = list(values)
    return float(statistics.median(items)) if items else None


def confusion_matrix(outcomes: Sequence[Outcome]) -> list[list[int]]:
    """Rows: expected level, columns: level given, both in SCORED_LEVELS order (most urgent first).

    A last column counts results that never came.
    """
    columns = {level: i for i, level in enumerate(SCORED_LEVELS)}
    matrix = [[0] * (len(SCORED_LEVELS) + 1) for _ in SCORED_LEVELS]
    for o in outcomes:
        matrix[columns[o.expected]][columns.get(o.got or NO_RESULT, len(SCORED_LEVELS))] += 1
    return matrix


def score(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Exact and safe rates, emergency sensitivity, self-care specificity, over/under-triage,
    median turns to the first result and the confusion matrix."""
    first = [o for o in outcomes if o.first]
    emergencies = [o for o in outcomes if o.expected == "emergency"]
    self_care = [o for o in outcomes if o.expected == "self_care"]
    over = sum(o.got is not None and o.rank_difference > 0 for o in outcomes)
    under = sum(o.rank_difference < 0 for o in outcomes)
    return {
        "results_checked": len(outcomes),
        "conversations": len(first),
        "exact_rate": _rate(sum(o.exact for o in outcomes), len(outcomes)),
        "safe_rate": _rate(sum(o.safe for o in outcomes), len(outcomes)),
        "emergency_sensitivity": _rate(sum(o.got == "emergency" for o in emergencies), len(emergencies)),
        "emergencies": len(emergencies),
        "self_care_specificity": _rate(sum(o.got == "self_care" for o in self_care), len(self_care)),
        "self_care_cases": len(self_care),
        "over_triage": over,
        "under_triage": under,
        "over_under_ratio": over_under_ratio(over, under),
        "no_result": sum(o.got is None for o in outcomes),
        "median_turns_to_first_result": median(o.turns for o in first if o.got is not None),
        "levels": list(SCORED_LEVELS),
        "confusion_matrix": confusion_matrix(outcomes),
        "confusion": [[o.expected, o.got or NO_RESULT] for o in outcomes],
        "misses": [
            {"id": o.id, "expected": o.expected, "got": o.got or NO_RESULT} for o in outcomes if not o.exact
        ],
    }
