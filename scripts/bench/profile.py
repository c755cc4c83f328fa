"""Where Charley's time per message goes, from Rasa's own debug log.

A second Charley `rasa run` (same model, same action server, its own SQLite store) logs at DEBUG
with millisecond timestamps while one sender replays the benchmark's scripts. Each turn (from
"Acquired lock" to "Deleted lock" for the conversation) is cut into:

* tracker load: lock acquired -> the NLU graph starts (SQLite read, events replayed)
* NLU: the NLU graph (tokeniser, featurisers, classifier, clinical extractor), per node too
* action-server calls: "Calling action endpoint" -> the next log line, which covers the HTTP
  round trip, the action server's work and Rasa's validation of the response
* policies: each prediction graph (RedFlagPolicy, RulePolicy, MemoizationPolicy)
* tracker save: "No event broker configured" -> "stored to database"
* other: the rest (events, forms, the REST channel, logging itself)

Debug logging slows the server, so the shares matter, not the totals. The micro-benchmark at the
end times Rasa's validation of one action-server response (`jsonschema.validate`, which checks
the schema against its meta-schema on every call) against a validator built once.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from harness.stack import RasaServer
from scripts.bench.load import run_load
from scripts.bench.servers import charley_endpoints, wait_for_reply

LINE = re.compile(r"^(\d+\.\d{3}) (\S+) - (.*)")
LOGGING_CONFIG = """version: 1
disable_existing_loggers: false
formatters:
  ms:
    format: "%(created).3f %(name)s - %(message)s"
handlers:
  file:
    class: logging.FileHandler
    filename: {path}
    formatter: ms
loggers:
  rasa:
    level: DEBUG
    handlers: [file]
    propagate: false
"""


@dataclass
class Turn:
    start: float
    end: float = 0.0
    load: float = 0.0
    nlu: float = 0.0
    policies: float = 0.0
    save: float = 0.0
    calls: list[tuple[str, float]] = field(default_factory=list)
    nodes: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def total(self) -> float:
        return self.end - self.start

    @property
    def in_calls(self) -> float:
        return sum(seconds for _, seconds in self.calls)

    @property
    def other(self) -> float:
        return self.total - self.load - self.nlu - self.policies - self.save - self.in_calls


def parse_lines(raw: Iterable[str], since: float = 0.0) -> list[tuple[float, str]]:
    """(timestamp, message) of every log line at or after `since`; continuation lines dropped."""
    found = []
    for line in raw:
        match = LINE.match(line)
        if match and float(match.group(1)) >= since:
            found.append((float(match.group(1)), match.group(3)))
    return found


def turns(lines: Sequence[tuple[float, str]]) -> list[Turn]:
    """The complete turns in a debug log (see the module docstring for the cuts)."""
    done: list[Turn] = []
    turn: Turn | None = None
    marks: dict[str, float] = {}
    for index, (t, message) in enumerate(lines):
        following = lines[index + 1][0] if index + 1 < len(lines) else t
        if message.startswith("Acquired lock for conversation"):
            turn, marks = Turn(start=t), {"load": t}
            continue
        if turn is None:
            continue
        if message.startswith("Deleted lock for conversation"):
            turn.end = t
            done.append(turn)
            turn = None
        elif message.startswith("Running graph with inputs: {'__message__'"):
            if "load" in marks:
                turn.load += t - marks.pop("load")
            marks["nlu"] = t
        elif message.startswith('{"parse_data_text"') and "nlu" in marks:
            turn.nlu += t - marks.pop("nlu")
        elif message.startswith("Running graph with inputs: {'__tracker__'"):
            marks["policies"] = t
        elif message.startswith("Predicted next action") and "policies" in marks:
            turn.policies += t - marks.pop("policies")
        elif message.startswith("Calling action endpoint to run action"):
            turn.calls.append((message.split("'")[1], following - t))
        elif message.startswith("No event broker configured"):
            marks["save"] = t
        elif message.startswith("Tracker with sender_id") and "save" in marks:
            turn.save += t - marks.pop("save")
        if message.startswith("Node '"):
            turn.nodes[message.split("'")[1]] += following - t
    return done


def _ms(values: Sequence[float]) -> dict[str, float]:
    return {
        "mean_ms": 1000 * statistics.fmean(values),
        "median_ms": 1000 * statistics.median(values),
    }


def breakdown(found: Sequence[Turn]) -> dict[str, Any]:
    """Mean and median per turn of each part, its share of the turn, calls per turn, per action."""
    if not found:
        raise ValueError("no complete turn in the debug log")
    total = sum(t.total for t in found)
    parts = {
        "tracker load": [t.load for t in found],
        "NLU": [t.nlu for t in found],
        "action-server calls": [t.in_calls for t in found],
        "policies": [t.policies for t in found],
        "tracker save": [t.save for t in found],
        "other": [t.other for t in found],
    }
    per_action: dict[str, list[float]] = defaultdict(list)
    for t in found:
        for name, seconds in t.calls:
            per_action[name].append(seconds)
    nodes: dict[str, float] = defaultdict(float)
    for t in found:
        for name, seconds in t.nodes.items():
            nodes[name] += seconds
    calls = [len(t.calls) for t in found]
    return {
        "turns": len(found),
        "turn": _ms([t.total for t in found]),
        "parts": {
            name: {**_ms(values), "share": sum(values) / total if total else 0.0}
            for name, values in parts.items()
        },
        "calls_per_turn": {
            "mean": statistics.fmean(calls),
            "median": statistics.median(calls),
            "max": max(calls),
        },
        "actions": {
            name: {"calls": len(v), **_ms(v)}
            for name, v in sorted(per_action.items(), key=lambda kv: -sum(kv[1]))
        },
        "nlu_nodes_ms_per_turn": {
            name.removeprefix("run_"): 1000 * seconds / len(found)
            for name, seconds in sorted(nodes.items(), key=lambda kv: -kv[1])
            if not name.startswith(("rule_only", "domain_provider", "select_prediction"))
        },
    }


def response_validation_ms(repeat: int = 30) -> dict[str, float]:
    """Rasa's check of one action-server response, as it does it, and with a validator built once."""
    from jsonschema import validate, validators
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    response = {
        "events": [{"event": "slot", "name": "duration", "value": 0.5, "timestamp": None}],
        "responses": [
            {"text": "How often does it happen?", "buttons": [{"title": "Just once", "payload": "Just once"}]}
        ],
    }
    validate(response, spec)
    start = time.perf_counter()
    for _ in range(repeat):
        validate(response, spec)
    as_rasa = (time.perf_counter() - start) / repeat
    prebuilt = validators.validator_for(spec)(spec)
    start = time.perf_counter()
    for _ in range(repeat):
        prebuilt.validate(response)
    return {
        "jsonschema_validate_ms": 1000 * as_rasa,
        "prebuilt_validator_ms": 1000 * (time.perf_counter() - start) / repeat,
    }


def profile_charley(
    workdir: Path, model: Path, action_url: str, scripts: Sequence[Sequence[str]], messages: int
) -> dict[str, Any]:
    """Starts a debug-logging Charley, replays `messages` messages from one sender, parses its log."""
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "rasa-debug.log"
    config = workdir / "logging.yml"
    config.write_text(LOGGING_CONFIG.format(path=log))
    server = RasaServer(
        workdir,
        charley_endpoints(workdir, action_url, "sqlite"),
        model=model,
        extra_args=("--debug", "--logging-config-file", str(config)),
    )
    try:
        server.launch()
        wait_for_reply(server)
        since = time.time()
        replay = run_load(
            "charley-debug", server.url + "/webhooks/rest/webhook", scripts, users=1, per_user=messages
        )
    finally:
        server.stop()
    with open(log, errors="replace") as handle:
        found = breakdown(turns(parse_lines(handle, since)))
    return {
        **found,
        "messages": messages,
        "client_latency_with_debug_log": replay.summary(),
        "response_validation": response_validation_ms(),
    }
