"""Triage quality: the end-to-end conversations driven against the running Charley server.

Driving (harness/conversation.py) and scoring (harness/triage_scores.py) are the
ones the end-to-end test uses; this only picks the conversations and runs them in parallel.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml

from harness.conversation import ConversationRun, run_conversation
from harness.triage_scores import score

E2E = Path(__file__).resolve().parents[2] / "tests" / "e2e"
MAIN_SET = E2E / "conversations.yml"
BLIND_SET = E2E / "blind_conversations.yml"

Say = Callable[[str, str], list[dict[str, Any]]]


@dataclass
class SuiteResult:
    runs: list[ConversationRun]
    transport_errors: list[str]
    seconds: float

    def summary(self) -> dict[str, Any]:
        outcomes = [o for run in self.runs for o in run.outcomes]
        return {
            **score(outcomes),
            "stalled": [{"id": r.id, "error": r.error} for r in self.runs if r.error],
            "repeated_questions": {r.id: r.repeated for r in self.runs if r.repeated},
            "transport_errors": self.transport_errors,
            "seconds": self.seconds,
        }


def load_specs(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The conversations of a file; with `limit`, that many spread evenly over the file."""
    specs = yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
    if limit is None or limit >= len(specs):
        return specs
    step = len(specs) / limit
    return [specs[int(i * step)] for i in range(limit)]


def run_suite(specs: Sequence[dict[str, Any]], say: Say, workers: int = 2) -> SuiteResult:
    """Every spec through `say`, `workers` conversations at a time; results in spec order."""
    errors: list[str] = []

    def one(spec: dict[str, Any]) -> ConversationRun | None:
        try:
            return run_conversation(spec, say)
        except Exception as error:  # noqa: BLE001 - an HTTP failure is reported, not raised
            errors.append(f"{spec['id']}: {type(error).__name__}: {error}"[:300])
            return None

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = [r for r in pool.map(one, specs) if r is not None]
    return SuiteResult(runs, errors, time.monotonic() - start)


def scripts_from(runs: Sequence[ConversationRun]) -> list[list[str]]:
    """What each conversation actually sent: realistic scripts for the load test."""
    return [run.sent for run in runs if run.sent]
