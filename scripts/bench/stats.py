"""Percentiles, latency summaries and ratios. Pure Python."""

from __future__ import annotations

import math
from typing import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0..100, got {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize_latencies(seconds: Sequence[float]) -> dict[str, float | int | None]:
    """n, mean, min, p50, p95, p99 and max in milliseconds (None for an empty list)."""
    keys = ("mean_ms", "min_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms")
    if not seconds:
        return {"n": 0, **dict.fromkeys(keys)}
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "mean_ms": sum(ms) / len(ms),
        "min_ms": min(ms),
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
        "max_ms": max(ms),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator
