"""`make forget DAYS=N`: conversations whose last event is older than N days are deleted from the
tracker store, recent ones are left exactly as they were, and a person coming back after the
deletion starts afresh. Real conversations through the real servers, with SQLite (the embedded
default, read from an endpoints file like endpoints.yml) and PostgreSQL (read from
deploy/endpoints.production.yml with its ${VAR}s set)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy

from bot.retention import SECONDS_PER_DAY, cutoff_timestamp, forget_conversations
from harness.conversation import DEFAULT_ANSWERS, Conversation
from harness.stack import PYTHON, ROOT, ActionServer, RasaServer, base_env, ensure_model
from harness.tracker_store import (
    BACKENDS,
    TrackerDatabase,
    endpoints_file,
    event_rows,
    events,
    tracker_database,
)

SCRIPT = ROOT / "scripts" / "forget_conversations.py"
OPENING = "my calf cramps at night since I started a water pill, no swelling"


def forget(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, str(SCRIPT), *args],
        cwd=cwd,
        env=env or base_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _age(url: str, sender: str, days: int, up_to_id: int | None = None) -> None:
    """Moves the stored timestamps of `sender`'s events (up to `up_to_id`) `days` into the past."""
    query = "UPDATE events SET timestamp = timestamp - :shift WHERE sender_id = :s"
    params: dict[str, object] = {"shift": days * SECONDS_PER_DAY, "s": sender}
    if up_to_id is not None:
        query += " AND id <= :last"
        params["last"] = up_to_id
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text(query), params)
    finally:
        engine.dispose()


def _command_for(database: TrackerDatabase, endpoints: Path) -> tuple[list[str], dict[str, str]]:
    """SQLite: the servers' own endpoints file. PostgreSQL: the production file, from the env."""
    env = base_env()
    if database.backend == "sqlite":
        return ["--endpoints", str(endpoints)], env
    env.update(
        DB_HOST="127.0.0.1",
        DB_PORT="5432",
        DB_NAME=str(database.name),
        DB_USER="postgres",
        DB_PASSWORD="",  # trust auth
        # The rest of the file must expand too (Rasa reads it whole); never used here.
        ACTION_ENDPOINT_URL="http://127.0.0.1:1/webhook",
        CHARLEY_ACTIONS_TOKEN="unused",
        REDIS_HOST="127.0.0.1",
        REDIS_PORT="1",
        REDIS_DB="0",
        REDIS_PASSWORD="unused",
    )
    return ["--endpoints", str(ROOT / "deploy" / "endpoints.production.yml")], env


# ------------------------------------------------------------------------------ the real stack


@pytest.mark.stack
@pytest.mark.parametrize("backend", BACKENDS)
def test_forget_deletes_old_conversations_and_keeps_recent_ones(tmp_path, backend):
    ensure_model()
    with tracker_database(backend, tmp_path) as database:
        actions = ActionServer(tmp_path).start()
        endpoints = endpoints_file(tmp_path, actions.url, database)
        rasa = RasaServer(tmp_path, endpoints)
        try:
            rasa.start()
            _forget_while_the_server_runs(rasa, database, endpoints, tmp_path)
        finally:
            rasa.stop()
            actions.stop()


def _forget_while_the_server_runs(
    rasa: RasaServer, database: TrackerDatabase, endpoints: Path, tmp_path: Path
) -> None:
    url = database.url
    old, recent = Conversation(rasa.say), Conversation(rasa.say)
    first_old = old.send(OPENING)
    old.send("no, none of those")
    recent.send(OPENING)
    pending = recent.send("no, none of those").question
    assert first_old.question is not None and pending is not None

    # The old conversation: every event 40 days back. The recent one: its first turn too, but it
    # went on since, so its LAST event is recent and all of it stays.
    recent_first_turn = event_rows(url, recent.sender)[3][0]
    _age(url, old.sender, days=40)
    _age(url, recent.sender, days=40, up_to_id=recent_first_turn)
    old_rows, recent_rows = event_rows(url, old.sender), event_rows(url, recent.sender)
    assert len(old_rows) > 5 and all(row[3] < time.time() - 39 * SECONDS_PER_DAY for row in old_rows)
    assert recent_rows[0][3] < time.time() - 39 * SECONDS_PER_DAY < recent_rows[-1][3]
    everything = event_rows(url)
    args, env = _command_for(database, endpoints)

    refused = forget("--older-than-days", "0", *args, env=env, cwd=tmp_path)
    assert refused.returncode != 0 and "at least 1" in refused.stderr, refused
    assert event_rows(url) == everything

    dry = forget("--older-than-days", "30", "--dry-run", *args, env=env, cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert f"Would delete 1 conversation(s) and {len(old_rows)} event(s)" in dry.stdout, dry.stdout
    assert event_rows(url) == everything

    done = forget("--older-than-days", "30", *args, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Deleted 1 conversation(s) and {len(old_rows)} event(s)" in done.stdout, done.stdout
    assert event_rows(url, old.sender) == []
    assert event_rows(url) == recent_rows  # untouched: same ids, timestamps and data
    for said in (dry, done):
        output = said.stdout + said.stderr
        assert old.sender not in output and recent.sender not in output and "calf" not in output

    # The person comes back: a fresh conversation, the same first question as the first time.
    again = old.send(OPENING)
    assert again.question is not None and again.question.id == first_old.question.id
    stored = events(url, old.sender)
    assert [kind for kind, _ in stored].count("user") == 1, "the old conversation was continued"
    assert stored[0][0] == "action" and json.loads(stored[0][1])["name"] == "action_session_start"

    # The recent conversation carries on where it was.
    reply = recent.send(DEFAULT_ANSWERS[pending.id])
    assert reply.question is not None or reply.triage is not None
    assert not recent.repeated_questions()
    assert event_rows(url, recent.sender)[: len(recent_rows)] == recent_rows


# ------------------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    "store, reason",
    [
        ("tracker_store:\n  type: redis\n  url: 127.0.0.1\n", "type 'redis' is not supported"),
        ("tracker_store:\n  type: mongod\n  url: mongodb://127.0.0.1\n", "type 'mongod' is not supported"),
        ("tracker_store:\n  type: SQL\n  dialect: mysql\n  db: rasa\n", "dialect 'mysql' is not supported"),
        ('action_endpoint:\n  url: "http://127.0.0.1:1/webhook"\n', "in memory only"),
    ],
)
def test_unsupported_tracker_stores_are_refused(tmp_path, store, reason):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(store)
    result = forget("--older-than-days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 1 and reason in result.stderr, result
    assert result.stdout == ""


def test_an_unset_variable_in_the_endpoints_file_is_refused(tmp_path):
    env = base_env()
    for name in ("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "ACTION_ENDPOINT_URL"):
        env.pop(name, None)
    result = forget(
        "--older-than-days", "30", "--endpoints", str(ROOT / "deploy/endpoints.production.yml"), env=env
    )
    assert result.returncode == 1 and "environment variables" in result.stderr, result


def test_a_missing_sqlite_database_is_not_created(tmp_path):
    (tmp_path / "endpoints.yml").write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: none.db\n")
    result = forget("--older-than-days", "30", "--endpoints", "endpoints.yml", cwd=tmp_path)
    assert result.returncode == 0 and "nothing to delete" in result.stdout, result
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("days", ["0", "-3", "thirty"])
def test_fewer_than_one_day_is_refused(days):
    result = forget("--older-than-days", days, "--endpoints", "endpoints.yml")
    assert result.returncode == 2 and "--older-than-days" in result.stderr


def test_the_make_target_passes_days_endpoints_and_dry_run(tmp_path):
    db = tmp_path / "tracker.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore.Base.metadata.create_all(engine)
    _insert(engine, "old", time.time() - 40 * SECONDS_PER_DAY)
    engine.dispose()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n")

    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["make", "--no-print-directory", "forget", *args, f"ENDPOINTS={endpoints}"],
            cwd=ROOT,
            env=base_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert make().returncode != 0  # DAYS is required
    assert make("DAYS=0").returncode != 0
    dry = make("DAYS=30", "DRY_RUN=1")
    assert dry.returncode == 0 and "Would delete 1 conversation(s) and 1 event(s)" in dry.stdout, dry
    done = make("DAYS=30")
    assert done.returncode == 0 and "Deleted 1 conversation(s) and 1 event(s)" in done.stdout, done


# ------------------------------------------------------------------------------ the rule itself


@pytest.fixture
def store(tmp_path):
    """Rasa's own `events` table, in SQLite, filled by hand."""
    from rasa.core.tracker_store import SQLTrackerStore

    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'rules.db'}")
    SQLTrackerStore.Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _insert(engine, sender: str, *timestamps: float | None) -> None:
    with engine.begin() as connection:
        for stamp in timestamps:
            connection.execute(
                sqlalchemy.text(
                    "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, '{}')"
                ),
                {"s": sender, "t": stamp},
            )


def _senders(engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(sqlalchemy.text("SELECT sender_id, COUNT(*) FROM events GROUP BY 1"))
        return dict(tuple(row) for row in rows)


def test_only_the_last_event_counts(store):
    now = 2_000_000_000.0
    day = SECONDS_PER_DAY
    _insert(store, "old", now - 90 * day, now - 31 * day)
    _insert(store, "came-back", now - 90 * day, now - 29 * day)
    _insert(store, "just-over", now - 30 * day - 1)
    _insert(store, "exactly-at-cutoff", now - 30 * day)
    _insert(store, "no-timestamps", None, None)
    _insert(store, "old-with-a-null", now - 40 * day, None)

    dry = forget_conversations(store, 30, dry_run=True, now=now)
    assert (dry.conversations, dry.events, dry.dry_run) == (3, 5, True)
    assert len(_senders(store)) == 6

    result = forget_conversations(store, 30, now=now)
    assert (result.conversations, result.events) == (3, 5)
    assert result.cutoff == cutoff_timestamp(30, now) == now - 30 * day
    assert _senders(store) == {"came-back": 2, "exactly-at-cutoff": 1, "no-timestamps": 2}
    assert forget_conversations(store, 30, now=now).events == 0


def test_sqlite_does_not_keep_deleted_text_in_the_file(store, tmp_path):
    with store.begin() as connection:
        connection.execute(
            sqlalchemy.text(
                "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('old', 'user', 1, :d)"
            ),
            {"d": '{"text": "CANARY-calf-cramps-at-night"}' * 50},
        )
    _insert(store, "recent", 2_000_000_000.0)
    assert b"CANARY-calf" in (tmp_path / "rules.db").read_bytes()
    assert forget_conversations(store, 30, now=2_000_000_000.0).conversations == 1
    store.dispose()
    assert b"CANARY-calf" not in (tmp_path / "rules.db").read_bytes()


def test_a_store_without_events_table_has_nothing_to_forget(tmp_path):
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert forget_conversations(engine, 30).conversations == 0


@pytest.mark.parametrize("days", [0, -1, 1.5, True])
def test_the_rule_refuses_less_than_a_day(store, days):
    with pytest.raises(ValueError):
        forget_conversations(store, days)
