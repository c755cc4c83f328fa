"""Scoring the extractor against a labelled file (tests/nlu/labelled_mentions.yml format).

Each example lists everything the extractor should report for its text:

    - text: "No swelling but my foot is numb"
      findings: {swelling: negated, numbness: present}   # id -> role, or id -> [roles]
      locations: {foot: present}
      numbers: {episode_duration: 5, severity: mild}     # any of the number entities
      tags: [negation]

Findings and locations are compared as sets of (id, role) pairs per example and scored with
micro precision/recall/F1. Negation accuracy is taken over every (example, finding id) where
the label or the extractor says "negated": right when both agree on it. Numbers count as right
when the extractor reports the entity with the same value (within 1%).

Usage: python -m bot.nlu.evaluate [path]
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.nlu.extractor import BODY_LOCATION, FINDING, NEGATED_ROLE, Mention, extract

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "tests" / "nlu" / "labelled_mentions.yml"
NUMBER_ENTITIES = ("episode_duration", "ongoing_duration", "frequency", "severity", "age")

Pair = tuple[str, str]


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Pair], predicted: set[Pair]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def scores(self) -> tuple[float, float, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class _Report:
    findings: _Tally = field(default_factory=_Tally)
    locations: _Tally = field(default_factory=_Tally)
    negation_right: int = 0
    negation_total: int = 0
    numbers_right: int = 0
    numbers_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def _pairs(raw: dict[str, Any] | None) -> set[Pair]:
    pairs: set[Pair] = set()
    for ident, roles in (raw or {}).items():
        for role in roles if isinstance(roles, list) else [roles]:
            pairs.add((str(ident), str(role)))
    return pairs


def _predicted(mentions: Iterable[Mention], entity: str) -> set[Pair]:
    return {(str(m.value), str(m.role)) for m in mentions if m.entity == entity}


def _same_number(expected: Any, got: Any) -> bool:
    if isinstance(expected, str) or isinstance(got, str):
        return str(expected) == str(got)
    return math.isclose(float(expected), float(got), rel_tol=0.01, abs_tol=0.01)


def _negation(report: _Report, gold: set[Pair], predicted: set[Pair]) -> bool:
    idents = {i for i, r in gold | predicted if r == NEGATED_ROLE}
    ok = True
    for ident in idents:
        report.negation_total += 1
        if ((ident, NEGATED_ROLE) in gold) == ((ident, NEGATED_ROLE) in predicted):
            report.negation_right += 1
        else:
            ok = False
    return ok


def _numbers(report: _Report, expected: dict[str, Any], mentions: list[Mention]) -> list[str]:
    wrong: list[str] = []
    for entity, value in expected.items():
        report.numbers_total += 1
        got = [m.value for m in mentions if m.entity == entity]
        if any(_same_number(value, g) for g in got):
            report.numbers_right += 1
        else:
            wrong.append(f"{entity}: expected {value}, got {got}")
    return wrong


def load_examples(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    examples = data.get("examples") if isinstance(data, dict) else None
    if not isinstance(examples, list):
        raise ValueError(f"{path}: expected a top-level 'examples' list")
    return examples


def score(path: str | Path = DEFAULT_PATH) -> dict[str, Any]:
    """Precision/recall/F1 for findings and locations, negation and number accuracy."""
    report = _Report()
    examples = load_examples(path)
    for example in examples:
        text = str(example["text"])
        mentions = extract(text)
        gold_findings = _pairs(example.get("findings"))
        gold_locations = _pairs(example.get("locations"))
        got_findings = _predicted(mentions, FINDING)
        got_locations = _predicted(mentions, BODY_LOCATION)
        report.findings.add(gold_findings, got_findings)
        report.locations.add(gold_locations, got_locations)
        negation_ok = _negation(report, gold_findings, got_findings)
        wrong_numbers = _numbers(report, example.get("numbers") or {}, mentions)
        if (
            gold_findings != got_findings
            or gold_locations != got_locations
            or wrong_numbers
            or not negation_ok
        ):
            report.errors.append(
                {
                    "text": text,
                    "missing": sorted((gold_findings - got_findings) | (gold_locations - got_locations)),
                    "unexpected": sorted((got_findings - gold_findings) | (got_locations - gold_locations)),
                    "numbers": wrong_numbers,
                }
            )
    finding_p, finding_r, finding_f1 = report.findings.scores()
    location_p, location_r, location_f1 = report.locations.scores()
    return {
        "examples": len(examples),
        "finding_precision": finding_p,
        "finding_recall": finding_r,
        "finding_f1": finding_f1,
        "location_precision": location_p,
        "location_recall": location_r,
        "location_f1": location_f1,
        "negation_accuracy": report.negation_right / report.negation_total if report.negation_total else 1.0,
        "negated_mentions": report.negation_total,
        "number_accuracy": report.numbers_right / report.numbers_total if report.numbers_total else 1.0,
        "numbers": report.numbers_total,
        "errors": report.errors,
    }


def main(argv: list[str]) -> int:
    result = score(argv[1] if len(argv) > 1 else DEFAULT_PATH)
    print(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
