"""The small condition language of the knowledge files, compiled once and evaluated per case.

Every leaf is monotone in present findings and never true for an absent or unknown one, which
is what guarantees that reporting one more symptom can never lower the triage level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol

SEVERITY_ORDER = ("mild", "moderate", "severe")


def severity_of_score(score: float) -> str | None:
    """A 0-10 pain score as a severity: 0-3 mild, 4-6 moderate, 7-10 severe."""
    if score < 0 or score > 10:
        return None
    if score <= 3:
        return "mild"
    return "moderate" if score <= 6 else "severe"


Evidence = tuple[str, Any]  # (kind, value): ("finding", "swelling"), ("minutes", 15.0), ...


class CaseView(Protocol):
    location: str | None
    episode_minutes: float | str | None
    ongoing_days: float | str | None
    per_week: float | str | None
    severity: str | None

    def is_present(self, concept_id: str) -> bool: ...


@dataclass(frozen=True)
class Condition:
    """A compiled condition: `evaluate` returns whether it holds and the facts that made it hold."""

    spec: Mapping[str, Any]
    evaluate: Callable[[CaseView], tuple[bool, tuple[Evidence, ...]]]

    def holds(self, case: CaseView) -> bool:
        return self.evaluate(case)[0]


def _number(value: float | str | None) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def concepts_of(spec: Any) -> frozenset[str]:
    """Every concept a condition spec can be satisfied by."""
    if isinstance(spec, Mapping):
        found: set[str] = set()
        for key, value in spec.items():
            if key == "present":
                found.add(value)
            elif key in ("any_present", "all_present"):
                found.update(value)
            elif key in ("all", "any"):
                found.update(*(concepts_of(part) for part in value))
        return frozenset(found)
    return frozenset()


def compile_condition(
    spec: Mapping[str, Any],
    concepts: frozenset[str],
    locations: frozenset[str],
    where: str = "condition",
) -> Condition:
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise ValueError(f"{where}: a condition is a mapping with exactly one key, got {spec!r}")
    ((key, arg),) = spec.items()

    def check_concepts(ids: list[str]) -> list[str]:
        unknown = set(ids) - concepts
        if unknown:
            raise ValueError(f"{where}: unknown concepts {sorted(unknown)}")
        return list(ids)

    def check_locations(ids: list[str]) -> list[str]:
        unknown = set(ids) - locations
        if unknown:
            raise ValueError(f"{where}: unknown locations {sorted(unknown)}")
        return list(ids)

    if key in ("all", "any"):
        parts = [compile_condition(s, concepts, locations, where) for s in arg]
        combine = all if key == "all" else any

        def nested(case: CaseView) -> tuple[bool, tuple[Evidence, ...]]:
            results = [p.evaluate(case) for p in parts]
            ok = combine(r[0] for r in results)
            evidence = tuple(e for r in results if r[0] for e in r[1])
            return ok, evidence if ok else ()

        return Condition(spec, nested)

    if key in ("present", "any_present", "all_present"):
        ids = check_concepts([arg] if key == "present" else arg)
        need_all = key == "all_present"

        def findings(case: CaseView) -> tuple[bool, tuple[Evidence, ...]]:
            present = [i for i in ids if case.is_present(i)]
            ok = len(present) == len(ids) if need_all else bool(present)
            return ok, tuple(("finding", i) for i in present) if ok else ()

        return Condition(spec, findings)

    if key == "none_present":
        # "none of these is there": no evidence to report, and never satisfied by a finding
        absent_ids = check_concepts(arg)

        def none_of(case: CaseView) -> tuple[bool, tuple[Evidence, ...]]:
            return not any(case.is_present(i) for i in absent_ids), ()

        return Condition(spec, none_of)

    if key in ("location", "not_location"):
        ids = check_locations(arg)
        negate = key == "not_location"

        def located(case: CaseView) -> tuple[bool, tuple[Evidence, ...]]:
            inside = case.location in ids
            ok = (not inside) if negate else inside
            return ok, (("location", case.location),) if ok and not negate else ()

        return Condition(spec, located)

    numeric: dict[str, tuple[str, Callable[[float, float], bool], bool]] = {
        "minutes_over": ("episode_minutes", lambda v, t: v > t, False),
        "days_over": ("ongoing_days", lambda v, t: v > t, False),
        "days_at_least": ("ongoing_days", lambda v, t: v >= t, False),
        "days_below_or_unknown": ("ongoing_days", lambda v, t: v < t, True),
        "days_at_least_or_unknown": ("ongoing_days", lambda v, t: v >= t, True),
        "per_week_at_least": ("per_week", lambda v, t: v >= t, False),
        "per_week_at_least_or_unknown": ("per_week", lambda v, t: v >= t, True),
    }
    if key in numeric:
        field, compare, unknown_holds = numeric[key]
        threshold = float(arg)
        kind = field.split("_")[-1] if field != "per_week" else "per_week"

        def measured(case: CaseView) -> tuple[bool, tuple[Evidence, ...]]:
            value = _number(getattr(case, field))
            if value is None:
                # Only the "...or_unknown" forms hold when unknown: not knowing when weakness
                # began must not make Charley wait.
                return unknown_holds, ()
            ok = compare(value, threshold)
            return ok, ((kind, value),) if ok else ()

        return Condition(spec, measured)

    if key == "severity_at_least":
        if arg not in SEVERITY_ORDER:
            raise ValueError(f"{where}: severity must be one of {SEVERITY_ORDER}")
        floor = SEVERITY_ORDER.index(arg)

        def severe(case: CaseView) -> tuple[bool, tuple[Evidence, ...]]:
            ok = case.severity in SEVERITY_ORDER and SEVERITY_ORDER.index(case.severity) >= floor
            return ok, (("severity", case.severity),) if ok else ()

        return Condition(spec, severe)

    raise ValueError(f"{where}: unknown condition {key!r}")
