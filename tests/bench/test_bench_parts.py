"""The benchmark's load scripts, degraded-reply marker, spec sampling and report."""

from __future__ import annotations

from scripts.bench import report
from scripts.bench.load import DEGRADED_PREFIXES, user_messages
from scripts.bench.triage import MAIN_SET, load_specs


def test_users_start_at_different_scripts_and_cycle() -> None:
    scripts = [["a1", "a2"], ["b1"], ["c1", "c2", "c3"]]
    assert user_messages(scripts, 0, 4, stride=1) == [(0, "a1"), (0, "a2"), (1, "b1"), (2, "c1")]
    assert user_messages(scripts, 2, 5, stride=1) == [(2, "c1"), (2, "c2"), (2, "c3"), (3, "a1"), (3, "a2")]
    # script numbers keep growing so a repeated script gets a new sender id
    assert [n for n, _ in user_messages(scripts, 1, 6, stride=1)] == [1, 2, 2, 2, 3, 3]


def test_degraded_replies_are_charleys_failure_messages() -> None:
    from bot.triage.render import failure_text

    for text in (failure_text(), failure_text("store_unavailable")):
        assert text.startswith(DEGRADED_PREFIXES), text
    assert not "Hi, I'm Charley.".startswith(DEGRADED_PREFIXES)


def test_spec_sample_spreads_over_the_file() -> None:
    every = load_specs(MAIN_SET)
    sample = load_specs(MAIN_SET, 6)
    assert len(sample) == 6 and len({s["id"] for s in sample}) == 6
    assert {s["expect"] for s in sample} == {s["expect"] for s in every}  # every level is represented
    assert load_specs(MAIN_SET, 10_000) == every


def _results(charley_p50: float, stock_p50: float, f1: float) -> dict:
    numbers = {"p50_ms": 0.0, "p95_ms": 100.0, "p99_ms": 200.0, "throughput_msg_s": 10.0}
    return {
        "plan": {"name": "full"},
        "load": {
            "sequential": {
                "charley": {**numbers, "p50_ms": charley_p50},
                "stock": {**numbers, "p50_ms": stock_p50},
            }
        },
        "training": {"charley": {"seconds": 60.0}, "stock": {"seconds": 120.0}},
        "nlu": {"intents": {"macro_f1": f1, "per_intent": {}}},
    }


def test_ratios_and_verdicts() -> None:
    results = _results(40.0, 100.0, 0.97)
    results["ratios"] = report.ratios(results)
    assert results["ratios"]["sequential.p50_ms"] == 0.4
    assert results["ratios"]["train_seconds"] == 0.5
    assert results["ratios"]["seconds_to_reply"] is None
    page = report.render(results, {})
    p50_row = next(line for line in page.splitlines() if line.startswith("| sequential p50"))
    f1_row = next(line for line in page.splitlines() if line.startswith("| intent macro F1"))
    assert "| met |" in p50_row and "| met |" in f1_row

    slow = _results(90.0, 100.0, 0.90)
    slow["ratios"] = report.ratios(slow)
    page = report.render(slow, {})
    p50_row = next(line for line in page.splitlines() if line.startswith("| sequential p50"))
    f1_row = next(line for line in page.splitlines() if line.startswith("| intent macro F1"))
    assert "not met" in p50_row and "not met" in f1_row


def test_report_of_an_empty_run_still_renders() -> None:
    page = report.render({"failures": ["start Charley: boom"]}, {})
    assert "## Failures" in page and "boom" in page


def test_a_failing_part_is_recorded_and_a_silent_bot_fails_the_run() -> None:
    from scripts.bench.__main__ import Run, check_load
    from scripts.bench.load import LoadResult
    from scripts.bench.plan import SMOKE

    run = Run(SMOKE, "test")
    check_load(run, "sequential", LoadResult("stock", 1, latencies=[0.1, 0.2], empty_replies=1))
    assert run.results["failures"] == []  # some empty replies are allowed (the stock bot has them)
    check_load(run, "sequential", LoadResult("stock", 1, latencies=[0.1, 0.2], empty_replies=2))
    assert "no replies at all" in run.results["failures"][-1]
    check_load(run, "concurrent_20", LoadResult("charley", 20, latencies=[0.1], errors=["HTTP 500"]))
    assert "1 of 2 requests failed" in run.results["failures"][-1]

    def boom() -> int:
        raise RuntimeError("model missing")

    assert run.stage("start Charley", boom) is None
    assert run.results["failures"][-1].startswith("start Charley: RuntimeError: model missing")
    assert run.stage("fine", lambda: 3) == 3 and len(run.results["failures"]) == 3
