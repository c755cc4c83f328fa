"""Percentiles, latency summaries, ratios and /proc parsing of the benchmark."""

from __future__ import annotations

import os

import numpy as np
import pytest

from scripts.bench.memory import parse_status_kb, peak_rss
from scripts.bench.stats import percentile, ratio, summarize_latencies


@pytest.mark.parametrize("q", [0, 1, 25, 50, 90, 95, 99, 100])
def test_percentile_matches_numpy_linear(q: float) -> None:
    values = [0.3, 0.1, 0.7, 0.2, 5.0, 0.15, 0.9, 0.11, 2.5]
    assert percentile(values, q) == pytest.approx(np.percentile(values, q))


def test_percentile_interpolates_and_handles_edges() -> None:
    assert percentile([10, 20], 50) == 15
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)
    assert percentile([7], 99) == 7
    assert percentile([3, 1, 2], 0) == 1 and percentile([3, 1, 2], 100) == 3
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_summary_in_milliseconds() -> None:
    summary = summarize_latencies([0.1] * 98 + [1.0, 2.0])
    assert summary["n"] == 100
    assert summary["p50_ms"] == pytest.approx(100)
    assert summary["p99_ms"] == pytest.approx(1000 + 0.01 * 1000)  # between 1.0 s and 2.0 s
    assert summary["max_ms"] == pytest.approx(2000)
    assert summary["mean_ms"] == pytest.approx((98 * 100 + 3000) / 100)
    assert summarize_latencies([])["p50_ms"] is None


def test_ratio() -> None:
    assert ratio(50, 100) == 0.5
    assert ratio(None, 1) is None and ratio(1, None) is None and ratio(1, 0) is None


def test_parse_status() -> None:
    status = "Name:\tpython\nVmPeak:\t  200 kB\nVmHWM:\t  123456 kB\nVmRSS:\t   1000 kB\n"
    assert parse_status_kb(status, "VmHWM") == 123456 * 1024
    assert parse_status_kb(status, "VmRSS") == 1000 * 1024
    with pytest.raises(KeyError):
        parse_status_kb(status, "VmSwap")


def test_peak_rss_of_this_process() -> None:
    found = peak_rss(os.getpid())
    assert found["pid"] == os.getpid()
    assert 10 * 2**20 < found["rss"] <= found["peak_rss"]
