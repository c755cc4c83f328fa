"""Starts the stock bot and Charley (with its action server) and times them to the first reply."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.stack import ActionServer, RasaServer, sqlite_endpoints
from scripts.bench.memory import peak_rss
from scripts.check_answering import reply_problem


@dataclass
class Bot:
    name: str
    rasa: RasaServer
    actions: ActionServer | None = None
    seconds_to_reply: float | None = None  # process start -> first non-empty reply to a message
    actions_seconds_to_health: float | None = None

    @property
    def webhook(self) -> str:
        return self.rasa.url + "/webhooks/rest/webhook"

    def memory(self) -> dict[str, Any]:
        found: dict[str, Any] = {"rasa": peak_rss(_pid(self.rasa))}
        if self.actions is not None:
            found["actions"] = peak_rss(_pid(self.actions))
        return found

    def stop(self) -> None:
        self.rasa.stop()
        if self.actions is not None:
            self.actions.stop()


def _pid(server: RasaServer | ActionServer) -> int:
    if server.process is None:
        raise RuntimeError("server not started")
    return server.process.pid


def wait_for_reply(server: RasaServer, timeout: float = 180, poll: float = 0.2) -> float:
    """Seconds from the process start until a message gets a real reply (not empty, not one of
    Charley's failure messages, which its channel sends even before the model is loaded)."""
    if server.process is None or server.started_at is None:
        raise RuntimeError("launch the server first")
    deadline = server.started_at + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.url} exited with {server.process.returncode}; log {server.log_path}")
        if reply_problem(server.url) is None:
            return time.monotonic() - server.started_at
        time.sleep(poll)
    raise TimeoutError(f"{server.url} gave no reply within {timeout} s; log {server.log_path}")


def charley_endpoints(workdir: Path, action_url: str, tracker: str) -> Path:
    """SQLite tracker store as `make run` uses (default), or Rasa's in-memory store."""
    if tracker == "sqlite":
        return sqlite_endpoints(workdir, action_url, workdir / "tracker.db")
    if tracker == "memory":
        path = workdir / "endpoints.yml"
        path.write_text(f'action_endpoint:\n  url: "{action_url}"\n')
        return path
    raise ValueError(f"unknown tracker store {tracker!r}")


def start_charley(workdir: Path, model: Path, tracker: str = "sqlite") -> Bot:
    workdir.mkdir(parents=True, exist_ok=True)
    actions = ActionServer(workdir).start()
    assert actions.started_at is not None
    actions_ready = time.monotonic() - actions.started_at
    rasa = RasaServer(workdir, charley_endpoints(workdir, actions.url, tracker), model=model)
    return _launched(Bot("charley", rasa, actions, actions_seconds_to_health=actions_ready))


def start_stock(workdir: Path, project: Path, model: Path) -> Bot:
    """The `rasa init` project as generated: its credentials (REST) and endpoints (in-memory store)."""
    workdir.mkdir(parents=True, exist_ok=True)
    rasa = RasaServer(
        workdir,
        project / "endpoints.yml",
        model=model,
        credentials=project / "credentials.yml",
        cwd=project,
    )
    return _launched(Bot("stock", rasa))


def _launched(bot: Bot) -> Bot:
    """Spawns the bot's Rasa server and times it to its first real reply; stops it on failure."""
    try:
        bot.rasa.launch()
        bot.seconds_to_reply = wait_for_reply(bot.rasa)
    except BaseException:
        bot.stop()
        raise
    return bot
