"""Rasa's own way to scale out: two Rasa servers share a PostgreSQL tracker store and a Redis
lock store. Twenty conversations run in parallel, each starting on its own server and moved to
the other one mid-way (as when a proxy's server set changes): every message is stored once, in
order, and the second server carries on from what the first one heard."""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from tests.support.conversation import Conversation, Reply
from tests.support.databases import redis_client
from tests.support.stack import ROOT, ActionServer, RasaServer, ensure_model
from tests.support.tracker_store import TrackerDatabase, endpoints_file, event_rows, tracker_database

pytestmark = pytest.mark.stack

RESULTS = ROOT / "results" / "scale-out.json"
CONVERSATIONS_PER_LEVEL = 5
TURNS_ON_HOME_SERVER = 2
FOLLOW_UPS = ["Why this advice?", "Summary for my doctor"]


def _specs() -> list[dict]:
    """The first five plain conversations of each level from the end-to-end suite: 20 in all."""
    specs = yaml.safe_load((ROOT / "tests/e2e/conversations.yml").read_text())["conversations"]
    plain = [s for s in specs if not s.get("interrupt") and not s.get("then")]
    chosen: list[dict] = []
    for level in ("emergency", "urgent", "routine", "self_care"):
        chosen += [s for s in plain if s["expect"] == level][:CONVERSATIONS_PER_LEVEL]
    return chosen


def _lock_store(prefix: str) -> str:
    return f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: 6379\n  db: 0\n  key_prefix: {prefix}\n"


class _Traffic:
    """What each conversation sent, and to which server, as the person saw it."""

    def __init__(self, home: RasaServer, other: RasaServer) -> None:
        self.home, self.other = home, other
        self.sent: list[str] = []
        self.servers: list[int] = []

    def say(self, sender: str, text: str) -> list[dict]:
        server = self.home if len(self.sent) < TURNS_ON_HOME_SERVER else self.other
        self.sent.append(text)
        self.servers.append(server.port)
        return server.say(sender, text)


def _run(spec: dict, home: RasaServer, other: RasaServer) -> tuple[Conversation, _Traffic, Reply]:
    traffic = _Traffic(home, other)
    convo = Conversation(traffic.say)
    result = convo.answer_until_result(convo.send(spec["say"]), spec.get("answers") or {})
    for follow_up in FOLLOW_UPS:  # make sure every conversation says something on both servers
        if traffic.servers.count(other.port) >= 2:
            break
        assert convo.send(follow_up).text.strip(), f"{spec['id']}: no answer to {follow_up!r}"
    return convo, traffic, result


def _watch_locks(client, pattern: str, stop: threading.Event, seen: list[int]) -> None:
    while not stop.is_set():
        seen.append(len(client.keys(pattern)))
        stop.wait(0.02)


def test_twenty_conversations_move_between_two_servers_and_lose_nothing(tmp_path):
    ensure_model()
    redis = redis_client()
    with tracker_database("postgresql", tmp_path) as database:
        _run_and_check(tmp_path, redis, database)


def _run_and_check(tmp_path: Path, redis, database: TrackerDatabase) -> None:
    prefix = f"charleytest{uuid.uuid4().hex[:8]}"  # Rasa accepts only alphanumeric prefixes
    actions = ActionServer(tmp_path).start()
    endpoints = endpoints_file(tmp_path, actions.url, database, _lock_store(prefix))
    first, second = RasaServer(tmp_path, endpoints), RasaServer(tmp_path, endpoints)
    stop, lock_counts = threading.Event(), []
    watcher = threading.Thread(target=_watch_locks, args=(redis, f"{prefix}:lock:*", stop, lock_counts))
    specs = _specs()
    try:
        first.start()
        second.start()
        watcher.start()
        with ThreadPoolExecutor(max_workers=len(specs)) as pool:
            # Even-numbered conversations start on the second server, odd ones on the first.
            runs = list(
                pool.map(
                    lambda i: _run(specs[i], *((first, second) if i % 2 else (second, first))),
                    range(len(specs)),
                )
            )
    finally:
        stop.set()
        first.stop()
        second.stop()
        actions.stop()
    _check(specs, runs, database.url)
    assert max(lock_counts, default=0) >= 1, "the Redis lock store was never used"
    assert not redis.keys(f"{prefix}:lock:*"), "a conversation lock was left behind"


def _check(specs: list[dict], runs: list, url: str) -> None:

    assert len(runs) == 20
    checked_events = 0
    for spec, (convo, traffic, result) in zip(specs, runs, strict=True):
        # The second server carried on from what the first one heard.
        assert result.triage is not None and result.triage["level"] == spec["expect"], spec["id"]
        assert not convo.repeated_questions(), (spec["id"], convo.asked)
        assert len(set(traffic.servers)) == 2 and traffic.servers[0] != traffic.servers[-1], spec["id"]

        events = [json.loads(data) for *_, data in event_rows(url, convo.sender)]
        user_texts = [e.get("text") for e in events if e["event"] == "user"]
        assert user_texts == traffic.sent, f"{spec['id']}: user messages lost, repeated or reordered"
        stamps = [e["timestamp"] for e in events]
        assert stamps == sorted(stamps), f"{spec['id']}: events out of order"
        keys = Counter(json.dumps(e, sort_keys=True) for e in events)
        assert not [k for k, n in keys.items() if n > 1], f"{spec['id']}: an event was stored twice"
        checked_events += len(events)

    assert checked_events > 20 * 20
    # The figures for the notes: what was checked.
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "conversations": len(runs),
                "messages": sum(len(traffic.sent) for _, traffic, _ in runs),
                "messages_on_the_second_server": sum(
                    traffic.servers.count(traffic.servers[-1]) for _, traffic, _ in runs
                ),
                "events_checked": checked_events,
            },
            indent=2,
        )
    )
