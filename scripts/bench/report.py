"""The Markdown page and the JSON file from one run's results (a plain dict, see __main__.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable

from scripts.bench.plan import TARGETS
from scripts.bench.stats import ratio

Results = dict[str, Any]
LEVEL_NAMES = {"emergency": "emergency", "urgent": "urgent", "routine": "routine", "self_care": "self-care"}


# ------------------------------------------------------------------------------ formatting
def fmt(value: Any, unit: str = "", digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value}{unit}"


def pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value * 100:.{digits}f}%"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def gb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1e9:.2f} GB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**not met**")


def at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def at_least(value: float | None, limit: float) -> bool | None:
    return None if value is None else value >= limit


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _get(results: Results, *keys: Any) -> Any:
    node: Any = results
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


# ------------------------------------------------------------------------------ ratios
def ratios(results: Results) -> dict[str, float | None]:
    """Charley / stock for every speed and size measure."""
    found: dict[str, float | None] = {}
    for phase, numbers in (results.get("load") or {}).items():
        charley, stock = numbers.get("charley") or {}, numbers.get("stock") or {}
        for key in ("p50_ms", "p95_ms", "p99_ms", "throughput_msg_s"):
            found[f"{phase}.{key}"] = ratio(charley.get(key), stock.get(key))
    found["train_seconds"] = ratio(
        _get(results, "training", "charley", "seconds"), _get(results, "training", "stock", "seconds")
    )
    found["seconds_to_reply"] = ratio(
        _get(results, "startup", "charley", "seconds_to_reply"),
        _get(results, "startup", "stock", "seconds_to_reply"),
    )
    found["rasa_peak_rss"] = ratio(
        _get(results, "memory", "charley", "rasa", "peak_rss"),
        _get(results, "memory", "stock", "rasa", "peak_rss"),
    )
    return found


# ------------------------------------------------------------------------------ sections
def _targets(results: Results) -> str:
    r = results.get("ratios") or {}
    seq = _get(results, "load", "sequential") or {}
    c20 = _get(results, "load", "concurrent_20") or {}
    c50 = _get(results, "load", "concurrent_50") or {}
    rss = [
        _get(results, "memory", bot, proc, "peak_rss")
        for bot, proc in (("charley", "rasa"), ("charley", "actions"), ("stock", "rasa"))
    ]
    triage = _get(results, "triage", "main") or {}
    intents = _get(results, "nlu", "intents") or {}
    negation = _get(results, "nlu", "extractor", "negation_accuracy")
    charley_train = _get(results, "training", "charley", "seconds")
    charley_ready = _get(results, "startup", "charley", "seconds_to_reply")
    rows: list[tuple[str, str, str, bool | None]] = [
        (
            "sequential p50, Charley / stock",
            f"{times(r.get('sequential.p50_ms'))} ({fmt(_get(seq, 'charley', 'p50_ms'))} vs {fmt(_get(seq, 'stock', 'p50_ms'))} ms)",
            f"<= {TARGETS['latency_ratio']}x",
            at_most(r.get("sequential.p50_ms"), TARGETS["latency_ratio"]),
        ),
        (
            "sequential p95, Charley / stock",
            f"{times(r.get('sequential.p95_ms'))} ({fmt(_get(seq, 'charley', 'p95_ms'))} vs {fmt(_get(seq, 'stock', 'p95_ms'))} ms)",
            f"<= {TARGETS['latency_ratio']}x",
            at_most(r.get("sequential.p95_ms"), TARGETS["latency_ratio"]),
        ),
        (
            "throughput at 20 concurrent, Charley / stock",
            f"{times(r.get('concurrent_20.throughput_msg_s'))} ({fmt(_get(c20, 'charley', 'throughput_msg_s'), digits=1)}"
            f" vs {fmt(_get(c20, 'stock', 'throughput_msg_s'), digits=1)} msg/s)",
            f">= {TARGETS['throughput_ratio']}x",
            at_least(r.get("concurrent_20.throughput_msg_s"), TARGETS["throughput_ratio"]),
        ),
        (
            "throughput at 50 concurrent, Charley / stock",
            f"{times(r.get('concurrent_50.throughput_msg_s'))} ({fmt(_get(c50, 'charley', 'throughput_msg_s'), digits=1)}"
            f" vs {fmt(_get(c50, 'stock', 'throughput_msg_s'), digits=1)} msg/s)",
            f">= {TARGETS['throughput_ratio']}x",
            at_least(r.get("concurrent_50.throughput_msg_s"), TARGETS["throughput_ratio"]),
        ),
        (
            "Charley training (forced, cold cache)",
            fmt(charley_train, " s", 1),
            f"<= {TARGETS['train_seconds']} s",
            at_most(charley_train, TARGETS["train_seconds"]),
        ),
        (
            "Charley answering after start",
            fmt(charley_ready, " s", 1),
            f"<= {TARGETS['seconds_to_reply']} s",
            at_most(charley_ready, TARGETS["seconds_to_reply"]),
        ),
        (
            "peak RSS per server (Charley Rasa / actions / stock Rasa)",
            " / ".join(gb(v) for v in rss),
            f"<= {TARGETS['peak_rss_bytes'] / 1e9:.1f} GB",
            None if None in rss[:2] else all(v <= TARGETS["peak_rss_bytes"] for v in rss[:2]),
        ),
        (
            "intent macro F1 (5-fold CV)",
            fmt(intents.get("macro_f1"), digits=3),
            f">= {TARGETS['intent_macro_f1']}",
            at_least(intents.get("macro_f1"), TARGETS["intent_macro_f1"]),
        ),
        (
            "negated mentions read as negated",
            pct(negation),
            f">= {TARGETS['negation_accuracy']:.0%}",
            at_least(negation, TARGETS["negation_accuracy"]),
        ),
        (
            "emergency sensitivity (e2e set)",
            pct(triage.get("emergency_sensitivity")),
            "100%",
            at_least(triage.get("emergency_sensitivity"), TARGETS["emergency_sensitivity"]),
        ),
        (
            "safe rate (e2e set)",
            pct(triage.get("safe_rate")),
            "100%",
            at_least(triage.get("safe_rate"), TARGETS["safe_rate"]),
        ),
        (
            "exact rate (e2e set)",
            pct(triage.get("exact_rate")),
            f">= {TARGETS['exact_rate']:.0%}",
            at_least(triage.get("exact_rate"), TARGETS["exact_rate"]),
        ),
    ]
    body = table(["measure", "measured", "target", ""], [[a, b, c, verdict(d)] for a, b, c, d in rows])
    return (
        "## Against the targets\n\n"
        "The targets are reported, not asserted: the run does not fail when one is missed. The memory "
        "target applies to Charley's servers; the stock bot's figure is for comparison.\n\n" + body
    )


def _machine(results: Results) -> str:
    m = results.get("machine") or {}
    rows = [
        ["CPU", f"{m.get('cpu')} ({m.get('cores')} cores available)"],
        ["RAM", f"{m.get('ram_gb')} GB"],
        ["OS", str(m.get("os"))],
        [
            "Python / Rasa / rasa-sdk / spaCy",
            f"{m.get('python')} / {m.get('rasa')} / {m.get('rasa_sdk')} / {m.get('spacy')}",
        ],
        ["date", str(m.get("date"))],
        [
            "commit",
            f"{m.get('commit')}{' (with uncommitted changes)' if m.get('uncommitted_changes') else ''}",
        ],
        [
            "load average (1 min) at start / end",
            f"{fmt(m.get('load_average_at_start'), digits=2)} / {fmt(m.get('load_average_at_end'), digits=2)}",
        ],
        [
            "command",
            f"`{results.get('command')}` ({results.get('plan', {}).get('name')} run, {fmt(results.get('seconds'), ' s')})",
        ],
    ]
    return "## Machine and run\n\n" + table(["", ""], rows)


def _speed(results: Results, figures: dict[str, str]) -> str:
    train = results.get("training") or {}
    start = results.get("startup") or {}
    r = results.get("ratios") or {}
    parts = ["## Speed and size"]
    parts.append(
        "### Training and start-up\n\n"
        + table(
            ["", "stock bot", "Charley", "Charley / stock", "target (Charley)"],
            [
                [
                    "training (s)",
                    fmt(_get(train, "stock", "seconds"), digits=1),
                    fmt(_get(train, "charley", "seconds"), digits=1),
                    times(r.get("train_seconds")),
                    f"<= {TARGETS['train_seconds']}",
                ],
                [
                    "process start to first reply (s)",
                    fmt(_get(start, "stock", "seconds_to_reply"), digits=1),
                    fmt(_get(start, "charley", "seconds_to_reply"), digits=1),
                    times(r.get("seconds_to_reply")),
                    f"<= {TARGETS['seconds_to_reply']}",
                ],
            ],
        )
        + "\n\nStock training is the wall time of `rasa init --no-prompt --init-dir <tmp>` (copying the "
        "template takes milliseconds; the rest is its training of the default pipeline and policies). "
        "Charley's is the wall time of `rasa train --force` into a temporary folder. Both start with an "
        "empty training cache and include Python's and Rasa's start-up. Start-up is the time from "
        "spawning `rasa run` until `POST /webhooks/rest/webhook` returns a non-empty reply to `hello`; "
        f"Charley's action server was already up (it took {fmt(_get(start, 'charley', 'actions_seconds_to_health'), ' s', 1)} "
        "to answer `/health`)."
        + (
            " **In this run both trainings ran at the same time** (a smoke run saves time that way), "
            "so their times are not comparable."
            if _get(train, "stock", "parallel")
            else ""
        )
    )
    rows = []
    for phase, numbers in (results.get("load") or {}).items():
        label = "sequential (1 sender)" if phase == "sequential" else f"{phase.split('_')[1]} concurrent"
        for bot in ("stock", "charley"):
            n = numbers.get(bot) or {}
            rows.append(
                [
                    label,
                    bot,
                    fmt(n.get("messages")),
                    fmt(n.get("p50_ms"), digits=0),
                    fmt(n.get("p95_ms"), digits=0),
                    fmt(n.get("p99_ms"), digits=0),
                    fmt(n.get("throughput_msg_s"), digits=1),
                    f"{n.get('errors', 'n/a')} / {n.get('empty_replies', 'n/a')} / {n.get('degraded_replies', 'n/a')}",
                ]
            )
        rows.append(
            [
                label,
                "**Charley / stock**",
                "",
                times(r.get(f"{phase}.p50_ms")),
                times(r.get(f"{phase}.p95_ms")),
                times(r.get(f"{phase}.p99_ms")),
                times(r.get(f"{phase}.throughput_msg_s")),
                "",
            ]
        )
    parts.append(
        "### Latency and throughput (REST channel)\n\n"
        + table(
            ["load", "bot", "messages", "p50 ms", "p95 ms", "p99 ms", "msg/s", "errors / empty / degraded"],
            rows,
        )
        + "\n\nTargets: Charley's p50 and p95 at most "
        f"{TARGETS['latency_ratio']}x the stock bot's, its throughput at 20 and at 50 concurrent conversations at least "
        f"{TARGETS['throughput_ratio']}x. Both bots get the same texts: the messages Charley's end-to-end "
        "conversations sent (tests/e2e/conversations.yml, answers to its actual questions included), each "
        "conversation under a new sender id. A user sends, waits for the reply, sends the next (no think time); "
        "throughput is answered messages over the phase's wall time. Phases alternate between the bots. "
        "*Empty* replies are `[]` (the stock bot often answers nothing to texts it was not built for); "
        '*degraded* are Charley\'s "something went wrong" replies when an action call failed or timed out.'
    )
    if "sequential" in figures:
        parts.append(f"![Sequential latency, both bots]({figures['sequential']})")
    if "concurrent" in figures:
        parts.append(f"![Concurrent latency, both bots]({figures['concurrent']})")
    mem = results.get("memory") or {}
    parts.append(
        "### Peak memory\n\n"
        + table(
            ["process", "peak RSS (VmHWM)", "RSS at the end", "target"],
            [
                [
                    "stock bot: `rasa run`",
                    gb(_get(mem, "stock", "rasa", "peak_rss")),
                    gb(_get(mem, "stock", "rasa", "rss")),
                    "-",
                ],
                [
                    "Charley: `rasa run`",
                    gb(_get(mem, "charley", "rasa", "peak_rss")),
                    gb(_get(mem, "charley", "rasa", "rss")),
                    f"<= {TARGETS['peak_rss_bytes'] / 1e9:.1f} GB",
                ],
                [
                    "Charley: action server",
                    gb(_get(mem, "charley", "actions", "peak_rss")),
                    gb(_get(mem, "charley", "actions", "rss")),
                    f"<= {TARGETS['peak_rss_bytes'] / 1e9:.1f} GB",
                ],
                ["Charley / stock (`rasa run`)", times(r.get("rasa_peak_rss")), "", ""],
            ],
        )
        + "\n\nRead from `/proc/<pid>/status` after all the traffic, just before the servers stopped."
    )
    return "\n\n".join(parts)


def _understanding(results: Results) -> str:
    intents = _get(results, "nlu", "intents") or {}
    ext = _get(results, "nlu", "extractor") or {}
    if not intents and not ext:
        return "## Understanding\n\nNot measured (the stage failed; see Failures)."
    per = intents.get("per_intent") or {}
    rows = [
        [
            name,
            fmt(v.get("precision"), digits=3),
            fmt(v.get("recall"), digits=3),
            fmt(v.get("f1-score"), digits=3),
            fmt(int(v.get("support", 0))),
        ]
        for name, v in sorted(per.items(), key=lambda kv: kv[1].get("f1-score", 0))
    ]
    text = [
        "## Understanding",
        f"### Intents: {intents.get('method')}\n\n"
        + table(
            ["", "value", "target"],
            [
                ["macro precision", fmt(intents.get("macro_precision"), digits=3), ""],
                ["macro recall", fmt(intents.get("macro_recall"), digits=3), ""],
                ["macro F1", fmt(intents.get("macro_f1"), digits=3), f">= {TARGETS['intent_macro_f1']}"],
                ["accuracy", fmt(intents.get("accuracy"), digits=3), ""],
                ["weighted F1", fmt(intents.get("weighted_f1"), digits=3), ""],
                ["examples / intents", f"{intents.get('examples')} / {intents.get('intents')}", ""],
            ],
        )
        + "\n\nPer intent (test folds), worst first:\n\n"
        + table(["intent", "precision", "recall", "F1", "examples"], rows),
        "### Entities: the clinical extractor on tests/nlu/labelled_mentions.yml\n\n"
        "Charley trains no entity extractor (its NLU data carries no entity annotations, so Rasa's "
        "cross-validation has no entities to score); findings, body locations and numbers come from the "
        "rule-based extractor in bot/nlu, scored by `bot/nlu/evaluate.py` on the labelled sentences.\n\n"
        + table(
            ["", "precision", "recall", "F1"],
            [
                [
                    "findings (id, role)",
                    *(fmt(ext.get(f"finding_{k}"), digits=3) for k in ("precision", "recall", "f1")),
                ],
                [
                    "body locations (id, role)",
                    *(fmt(ext.get(f"location_{k}"), digits=3) for k in ("precision", "recall", "f1")),
                ],
            ],
        )
        + f"\n\nNegation: {pct(ext.get('negation_accuracy'))} of {ext.get('negated_mentions')} labelled or "
        f"predicted negated mentions right (target >= {TARGETS['negation_accuracy']:.0%}). Numbers: "
        f"{pct(ext.get('number_accuracy'))} of {ext.get('numbers')}. {ext.get('examples')} sentences, "
        f"{ext.get('wrong_examples')} with at least one mistake.",
    ]
    return "\n\n".join(text)


def _confusion_table(summary: dict[str, Any]) -> str:
    levels = summary.get("levels") or []
    matrix = summary.get("confusion_matrix") or []
    header = ["expected \\ given", *(LEVEL_NAMES.get(lv, lv) for lv in levels), "no result"]
    rows = [
        [LEVEL_NAMES.get(lv, lv), *(str(c) for c in row)] for lv, row in zip(levels, matrix, strict=False)
    ]
    return table(header, rows)


def _triage(results: Results, figures: dict[str, str]) -> str:
    triage = results.get("triage") or {}
    if not triage:
        return "## Triage quality\n\nNot measured (the stage failed; see Failures)."
    sets = [(name, triage[name]) for name in ("main", "blind") if name in triage]
    titles = {
        "main": "e2e set (tests/e2e/conversations.yml)",
        "blind": "blind set (tests/e2e/blind_conversations.yml)",
    }

    def ratio_text(s: dict[str, Any]) -> str:
        counts = f"{s.get('over_triage')} over, {s.get('under_triage')} under"
        if s.get("over_under_ratio") is not None:
            return f"{s['over_under_ratio']:.1f} : 1 ({counts})"
        return f"no under-triage ({counts})"

    measures: list[tuple[str, Callable[[dict[str, Any]], str], str]] = [
        (
            "conversations / results checked",
            lambda s: f"{s.get('conversations')} / {s.get('results_checked')}",
            "",
        ),
        ("exact level", lambda s: pct(s.get("exact_rate")), f">= {TARGETS['exact_rate']:.0%}"),
        ("safe (at or above the expected level)", lambda s: pct(s.get("safe_rate")), "100%"),
        (
            "emergency sensitivity",
            lambda s: f"{pct(s.get('emergency_sensitivity'))} of {s.get('emergencies')}",
            "100%",
        ),
        (
            "self-care specificity",
            lambda s: f"{pct(s.get('self_care_specificity'))} of {s.get('self_care_cases')}",
            "",
        ),
        ("over-triage : under-triage", ratio_text, ""),
        ("results that never came", lambda s: str(s.get("no_result")), ""),
        (
            "median turns to the first result",
            lambda s: fmt(s.get("median_turns_to_first_result"), digits=1),
            "",
        ),
    ]
    header = ["", *(titles[name] for name, _ in sets), "target (e2e set)"]
    rows = [[label, *(get(s) for _, s in sets), target] for label, get, target in measures]
    parts = [
        "## Triage quality",
        "Each conversation is driven through the REST channel against the running Charley server by "
        "`harness/conversation.py` (the runner of the end-to-end test) and scored by "
        "`harness/triage_scores.py`, as symptom-checker studies score: *exact* is the level "
        "given equal to the label, *safe* is at or above it, *emergency sensitivity* is the share of "
        "emergencies called emergencies, *self-care specificity* the share of self-care cases sent to "
        "self-care. Every checked result counts (the first, the one after an interrupting red flag, "
        "each correction). A result that never came counts as wrong, unsafe and under-triage.",
        table(header, rows),
    ]
    for name, summary in sets:
        parts.append(
            f"**{titles[name]}**: expected level (rows) against Charley's (columns)\n\n"
            + _confusion_table(summary)
        )
        misses = summary.get("misses") or []
        if misses:
            parts.append(
                "Not exact: "
                + "; ".join(f"`{m['id']}` ({m['expected']} -> {m['got']})" for m in misses[:20])
                + (f"; and {len(misses) - 20} more" if len(misses) > 20 else "")
            )
    if "confusion" in figures:
        parts.append(f"![Triage confusion matrices]({figures['confusion']})")
    return "\n\n".join(parts)


def _profile(results: Results) -> str:
    prof = results.get("profile")
    if not prof:
        return ""
    parts = prof.get("parts") or {}
    rows = [
        [name, fmt(v.get("median_ms"), digits=1), fmt(v.get("mean_ms"), digits=1), pct(v.get("share"), 0)]
        for name, v in parts.items()
    ]
    calls = prof.get("calls_per_turn") or {}
    actions = [
        [f"`{name}`", str(v.get("calls")), fmt(v.get("mean_ms"), digits=1)]
        for name, v in (prof.get("actions") or {}).items()
    ]
    nodes = ", ".join(
        f"{name.split('.')[-1]} {ms:.1f}"
        for name, ms in list((prof.get("nlu_nodes_ms_per_turn") or {}).items())[:6]
    )
    validation = prof.get("response_validation") or {}
    client = prof.get("client_latency_with_debug_log") or {}
    return (
        "## Where Charley's time goes\n\n"
        f"From Rasa's own debug log (millisecond timestamps) while one sender sent {prof.get('messages')} "
        f"messages to a second, debug-logging Charley server (scripts/bench/profile.py): {prof.get('turns')} "
        f"turns, median {fmt(_get(prof, 'turn', 'median_ms'), ' ms', 1)} per turn inside Rasa (client p50 "
        f"{fmt(client.get('p50_ms'), ' ms')} with debug logging on). Debug logging slows the server; "
        "read the shares.\n\n"
        + table(["part of a turn", "median ms", "mean ms", "share of turn time"], rows)
        + f"\n\nAction-server calls per turn: mean {fmt(calls.get('mean'), digits=2)}, median "
        f"{calls.get('median')}, max {calls.get('max')}. Each call is timed from Rasa's \"Calling action "
        'endpoint" to its next log line: the HTTP round trip (Rasa opens a new connection per call), '
        "the action server's work and Rasa's validation of the response.\n\n"
        + table(["action", "calls", "mean ms per call"], actions)
        + f"\n\nStock Rasa 3.6 validates every action-server response with `jsonschema.validate`, which "
        f"checks the schema against its meta-schema on each call: {fmt(validation.get('jsonschema_validate_ms'), ' ms', 1)} "
        f"per response here, against {fmt(validation.get('prebuilt_validator_ms'), ' ms', 2)} with a validator "
        "built once, which Charley uses instead (bot/rasa_overrides/action_responses.py). "
        f"Graph nodes (NLU and policies), ms per turn: {nodes}."
    )


def _failures(results: Results) -> str:
    failures = results.get("failures") or []
    if not failures:
        return ""
    return "## Failures\n\n" + "\n".join(f"- {f}" for f in failures)


def render(results: Results, figures: dict[str, str]) -> str:
    """The whole page; `figures` maps sequential/concurrent/confusion to paths relative to it."""
    smoke = (results.get("plan") or {}).get("name") == "smoke"
    intro = (
        "# Benchmarks: Charley against the stock Rasa bot\n\n"
        + (
            "**Smoke run**: few messages, 2-fold intent cross-validation, a handful of conversations; the numbers "
            "only show that every part works.\n\n"
            if smoke
            else ""
        )
        + "Generated by `make bench` (`bash scripts/bench.sh`; code in `scripts/bench/`), raw numbers in "
        f"`{results.get('json_path')}`. One run trains the stock bot of `rasa init` and Charley, starts both "
        "on free loopback ports (Charley with its action server and "
        + (
            "Rasa's in-memory tracker store (`--charley-tracker memory`)"
            if results.get("charley_tracker") == "memory"
            else "the SQLite tracker store of `make run`"
        )
        + "; "
        "the stock bot as generated, with Rasa's in-memory store), and measures both through the REST "
        "channel in the same run, then Charley's understanding and triage. `make bench-smoke` "
        "(`bash scripts/bench.sh --smoke`) runs every part on little data in a few minutes, into "
        "`results/bench-smoke/`.\n\n"
        "The machine is shared with other work, so the speed numbers are noisy: compare the ratios, "
        "which come from phases run alternately on the same machine, rather than the absolute times."
    )
    sections = [
        intro,
        _machine(results),
        _targets(results),
        _speed(results, figures),
        _profile(results),
        _understanding(results),
        _triage(results, figures),
        _failures(results),
    ]
    return "\n\n".join(s for s in sections if s).rstrip() + "\n"


def write(results: Results, json_path: Path, page: Path, figures: dict[str, Path]) -> None:
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2, default=str))
    page.parent.mkdir(parents=True, exist_ok=True)
    relative = {k: str(v.relative_to(page.parent)) for k, v in figures.items()}
    page.write_text(render(results, relative))
