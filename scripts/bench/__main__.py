"""Runs the benchmark: `python -m scripts.bench [--smoke]` (use scripts/bench.sh, which sets the env).

Stages, in order: train the stock bot and Charley; start Charley (+ action server), then the
stock bot, each timed to its first reply; drive the end-to-end conversations against Charley
(triage quality, and the scripts the load test replays); sequential and concurrent load on both
bots, alternating; peak memory; a profile of Charley's turns from a debug-logging server
(profile.py); stop the servers; intent cross-validation and the extractor's
labelled set; figures, docs page and JSON. A failing stage is recorded and the run goes on; the
exit status is 1 if any stage failed or a bot answered with errors or never replied.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, TypeVar

from scripts.bench import figures as figs
from scripts.bench import machine, profile, report, training, triage, understanding
from scripts.bench.load import LoadResult, run_load
from scripts.bench.plan import FULL, ROOT, SMOKE, TARGETS, Plan
from scripts.bench.servers import Bot, start_charley, start_stock

T = TypeVar("T")


class Run:
    """Collects results and failures; each stage is timed and printed."""

    def __init__(self, plan: Plan, command: str) -> None:
        self.plan = plan
        self.started = time.monotonic()
        self.results: dict[str, Any] = {
            "plan": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(plan).items()},
            "command": command,
            "json_path": str(plan.json.relative_to(ROOT)),
            "targets": TARGETS,
            "machine": machine.describe(),
            "failures": [],
        }

    def fail(self, message: str) -> None:
        print(f"   FAILED: {message}", flush=True)
        self.results["failures"].append(message)

    def stage(self, name: str, work: Callable[[], T]) -> T | None:
        print(f"== {name} ({time.monotonic() - self.started:.0f} s)", flush=True)
        start = time.monotonic()
        try:
            value = work()
        except Exception as error:  # noqa: BLE001 - a failed stage is reported; the others still run
            traceback.print_exc()
            self.fail(f"{name}: {type(error).__name__}: {str(error)[:500]}")
            return None
        print(f"   done in {time.monotonic() - start:.1f} s", flush=True)
        return value


def fallback_scripts(specs: list[dict[str, Any]]) -> list[list[str]]:
    """Texts straight from the conversation files, if Charley could not be driven."""
    return [[spec["say"], *(str(a) for a in (spec.get("answers") or {}).values())] for spec in specs]


def check_load(run: Run, phase: str, result: LoadResult) -> None:
    if result.errors:
        run.fail(
            f"{phase} {result.bot}: {len(result.errors)} of {result.sent} requests failed: {result.errors[0]}"
        )
    if result.sent and len(result.latencies) == result.empty_replies:
        run.fail(f"{phase} {result.bot}: no replies at all ({result.sent} messages)")


def measure_triage(run: Run, charley: Bot) -> list[list[str]]:
    plan = run.plan
    sets = {
        "main": triage.load_specs(triage.MAIN_SET, plan.main_conversations),
        "blind": triage.load_specs(triage.BLIND_SET, plan.blind_conversations),
    }
    say = charley.rasa.say
    scripts: list[list[str]] = []
    run.results["triage"] = {}
    for name, specs in sets.items():
        suite = run.stage(
            f"triage: {len(specs)} {name} conversations",
            lambda s=specs: triage.run_suite(s, say, plan.triage_workers),
        )
        if suite is None:
            continue
        summary = suite.summary()
        run.results["triage"][name] = summary
        print(
            f"   exact {summary['exact_rate']}, safe {summary['safe_rate']}, "
            f"emergency sensitivity {summary['emergency_sensitivity']}, stalled {len(summary['stalled'])}"
        )
        if suite.transport_errors:
            run.fail(
                f"triage {name}: {len(suite.transport_errors)} conversations failed: {suite.transport_errors[0]}"
            )
        if not suite.runs:
            run.fail(f"triage {name}: no conversation ran")
        if name == "main":
            scripts = triage.scripts_from(suite.runs)
    return scripts or fallback_scripts(sets["main"])


def measure_load(run: Run, bots: dict[str, Bot], scripts: list[list[str]]) -> None:
    plan = run.plan
    run.results["load"] = {}
    run.results["latencies_ms"] = {}
    for bot in bots.values():  # one conversation each, not measured (first-message lazy loading)
        run_load(bot.name, bot.webhook, scripts, users=1, per_user=len(scripts[0]))
    phases = [("sequential", 1, plan.sequential_messages)] + [
        (f"concurrent_{users}", users, per_user) for users, per_user in plan.concurrent
    ]
    for index, (phase, users, per_user) in enumerate(phases):
        order = list(bots.values()) if index % 2 == 0 else list(reversed(bots.values()))
        for bot in order:
            result = run.stage(
                f"load {phase}: {bot.name}, {users} x {per_user} messages",
                lambda b=bot, u=users, n=per_user: run_load(b.name, b.webhook, scripts, users=u, per_user=n),
            )
            if result is None:
                continue
            summary = result.summary()
            print(
                f"   p50 {summary['p50_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms, "
                f"{summary['throughput_msg_s']:.1f} msg/s, errors {summary['errors']}, empty {summary['empty_replies']}"
                if summary["n"]
                else "   no answered messages"
            )
            run.results["load"].setdefault(phase, {})[bot.name] = summary
            run.results["latencies_ms"].setdefault(phase, {})[bot.name] = [
                round(s * 1000, 2) for s in result.latencies
            ]
            check_load(run, phase, result)


def measure_servers(
    run: Run, tmp: Path, stock: training.Trained | None, charley_model: Path | None, tracker: str
) -> None:
    bots: dict[str, Bot] = {}
    try:
        charley = (
            run.stage("start Charley", lambda: start_charley(tmp / "charley-run", charley_model, tracker))
            if charley_model
            else None
        )
        stock_bot = (
            run.stage(
                "start the stock bot", lambda: start_stock(tmp / "stock-run", stock.project, stock.model)
            )
            if stock
            else None
        )
        run.results["startup"] = {}
        for bot in (stock_bot, charley):
            if bot is not None:
                bots[bot.name] = bot
                run.results["startup"][bot.name] = {
                    "seconds_to_reply": bot.seconds_to_reply,
                    "actions_seconds_to_health": bot.actions_seconds_to_health,
                }
        scripts = (
            measure_triage(run, charley) if charley else fallback_scripts(triage.load_specs(triage.MAIN_SET))
        )
        if bots:
            run.stage("load", lambda: measure_load(run, bots, scripts))
        memory = run.stage("peak memory", lambda: {name: bot.memory() for name, bot in bots.items()})
        run.results["memory"] = memory or {}
        if charley is not None and charley.actions is not None and charley_model is not None:
            actions_url, model = charley.actions.url, charley_model
            found = run.stage(
                f"profile: {run.plan.profile_messages} messages to a debug-logging Charley",
                lambda: profile.profile_charley(
                    tmp / "charley-profile", model, actions_url, scripts, run.plan.profile_messages
                ),
            )
            if found:
                run.results["profile"] = found
    finally:
        for bot in bots.values():
            bot.stop()
        logs = run.plan.work / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        for log in [*tmp.glob("*-run/*.log"), *tmp.glob("charley-profile/*.log")]:
            shutil.copy(log, logs / f"{log.parent.name}-{log.name}")


def measure_understanding(run: Run) -> None:
    plan = run.plan
    run.results["nlu"] = {}
    intents = run.stage(
        f"intent cross-validation (Rasa's own, {plan.cv_folds} folds)",
        lambda: understanding.intent_cv(plan.cv_folds, plan.work / "nlu-cv"),
    )
    if intents:
        run.results["nlu"]["intents"] = intents
        print(f"   macro F1 {intents['macro_f1']:.3f}")
    extractor = run.stage("clinical extractor on the labelled set", understanding.extractor)
    if extractor:
        run.results["nlu"]["extractor"] = extractor
        print(f"   findings F1 {extractor['finding_f1']:.3f}, negation {extractor['negation_accuracy']:.3f}")


def make_figures(plan: Plan, results: dict[str, Any]) -> dict[str, Path]:
    out = plan.figures
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    latencies = results.get("latencies_ms") or {}
    seconds = {
        phase: {bot: [v / 1000 for v in bots[bot]] for bot in ("stock", "charley") if bot in bots}
        for phase, bots in latencies.items()
    }
    if "sequential" in seconds:
        found["sequential"] = figs.sequential_figure(seconds["sequential"], out / "latency-sequential.png")
    concurrent = {int(p.split("_")[1]): v for p, v in seconds.items() if p.startswith("concurrent_")}
    if concurrent:
        found["concurrent"] = figs.concurrent_figure(concurrent, out / "latency-concurrent.png")
    triage_sets = results.get("triage") or {}
    if triage_sets:
        titles = {"main": "e2e set", "blind": "blind set"}
        matrices = {titles[k]: v["confusion_matrix"] for k, v in triage_sets.items()}
        levels = next(iter(triage_sets.values()))["levels"]
        found["confusion"] = figs.confusion_figure(matrices, levels, out / "triage-confusion.png")
    return found


def train(run: Run, tmp: Path, given_model: Path | None) -> tuple[training.Trained | None, Path | None]:
    """Both trainings, one after the other (or at once in a smoke run); the Charley model to serve."""
    plan = run.plan
    jobs: dict[str, tuple[str, Callable[[], training.Trained]]] = {
        "stock": (
            "train the stock bot (rasa init --no-prompt)",
            lambda: training.init_stock_bot(tmp / "stock", plan.work / "stock-init.log"),
        )
    }
    if given_model is None:
        jobs["charley"] = (
            "train Charley (rasa train --force)",
            lambda: training.train_charley(tmp / "charley-model", plan.work / "charley-train.log"),
        )
    if plan.parallel_training:
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            futures = {bot: pool.submit(run.stage, name, job) for bot, (name, job) in jobs.items()}
            trained = {bot: future.result() for bot, future in futures.items()}
    else:
        trained = {bot: run.stage(name, job) for bot, (name, job) in jobs.items()}
    what = {"stock": "rasa init --no-prompt (template + train)", "charley": "rasa train --force"}
    run.results["training"] = {
        bot: {"seconds": t.seconds, "what": what[bot], "parallel": plan.parallel_training}
        for bot, t in trained.items()
        if t is not None
    }
    charley = trained.get("charley")
    if given_model is not None:
        return trained["stock"], given_model.resolve()
    return trained["stock"], charley.model if charley else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--smoke", action="store_true", help="a few messages and conversations, into results/bench-smoke/"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (projects, models, logs)"
    )
    parser.add_argument(
        "--charley-tracker",
        choices=("sqlite", "memory"),
        default="sqlite",
        help="Charley's tracker store: SQLite as `make run` (default) or Rasa's in-memory store",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="only draw the figures and write the page again from the run's JSON",
    )
    parser.add_argument(
        "--charley-model",
        type=Path,
        help="use this trained model instead of training Charley (training is then not measured)",
    )
    args = parser.parse_args(argv)
    if args.charley_model is not None and not args.charley_model.is_file():
        parser.error(f"no model at {args.charley_model}")  # rasa run would quietly use models/
    plan = SMOKE if args.smoke else FULL
    if args.report_only:
        results = json.loads(plan.json.read_text())
        report.write(results, plan.json, plan.page, make_figures(plan, results))
        print(f"Wrote {plan.page}")
        return 0
    shutil.rmtree(plan.work / "logs", ignore_errors=True)
    plan.work.mkdir(parents=True, exist_ok=True)
    command = "make bench-smoke" if args.smoke else "make bench"
    if args.charley_model or args.charley_tracker != "sqlite":
        command = f"bash scripts/bench.sh {' '.join(argv if argv is not None else sys.argv[1:])}"
    run = Run(plan, command)
    run.results["charley_tracker"] = args.charley_tracker
    tmp = Path(tempfile.mkdtemp(prefix="charley-bench-"))
    print(f"Benchmark ({plan.name}); temporary folder {tmp}", flush=True)
    try:
        stock, charley_model = train(run, tmp, args.charley_model)
        measure_servers(run, tmp, stock, charley_model, args.charley_tracker)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    measure_understanding(run)
    run.results["ratios"] = report.ratios(run.results)
    run.results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    run.results["seconds"] = time.monotonic() - run.started
    found = run.stage("figures", lambda: make_figures(plan, run.results)) or {}
    report.write(run.results, plan.json, plan.page, found)
    print(f"\nWrote {plan.page} and {plan.json} in {run.results['seconds']:.0f} s")
    if run.results["failures"]:
        print("FAILED:\n  " + "\n  ".join(run.results["failures"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
