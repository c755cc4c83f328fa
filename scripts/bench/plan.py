"""What a full and a smoke run measure, and where they write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Plan:
    name: str
    sequential_messages: int
    concurrent: tuple[tuple[int, int], ...]  # (concurrent conversations, messages per user)
    main_conversations: int | None  # None: all of tests/e2e/conversations.yml
    blind_conversations: int | None  # None: all of tests/e2e/blind_conversations.yml
    triage_workers: int
    cv_folds: int  # folds of Rasa's own intent cross-validation (rasa test nlu --cross-validation)
    profile_messages: int  # messages replayed to a debug-logging Charley (scripts/bench/profile.py)
    parallel_training: bool  # train both bots at once (smoke only: the times are then not comparable)
    json: Path  # the raw numbers
    work: Path  # logs and intermediate files (cross-validation reports, server logs)
    page: Path  # the Markdown report; its figures go to <page stem>/ beside it

    @property
    def figures(self) -> Path:
        return self.page.parent / self.page.stem


FULL = Plan(
    name="full",
    sequential_messages=300,
    concurrent=((20, 20), (50, 8)),
    main_conversations=None,
    blind_conversations=None,
    triage_workers=2,
    cv_folds=5,
    profile_messages=150,
    parallel_training=False,
    json=ROOT / "results" / "bench.json",
    work=ROOT / "results" / "bench-full",
    page=ROOT / "docs" / "benchmarks.md",
)

SMOKE = Plan(
    name="smoke",
    sequential_messages=20,
    concurrent=((20, 2), (50, 1)),
    main_conversations=6,
    blind_conversations=3,
    triage_workers=2,
    cv_folds=2,
    profile_messages=10,
    parallel_training=True,
    json=ROOT / "results" / "bench-smoke" / "bench.json",
    work=ROOT / "results" / "bench-smoke",
    page=ROOT / "results" / "bench-smoke" / "benchmarks.md",
)

# Issue 15's targets: a turn twice as fast as before, against the stock bot in the same run.
TARGETS = {
    "latency_ratio": 0.4,  # Charley's sequential p50 and p95 at most 0.4x the stock bot's
    "throughput_ratio": 3.0,  # Charley's messages/s at 20 and at 50 concurrent at least 3x the stock bot's
    "train_seconds": 180,
    "seconds_to_reply": 30,
    "peak_rss_bytes": 0.7e9,  # each of Charley's servers
    "intent_macro_f1": 0.95,
    "negation_accuracy": 0.98,
    "emergency_sensitivity": 1.0,
    "safe_rate": 1.0,
    "exact_rate": 0.95,
}
