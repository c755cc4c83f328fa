"""Starts the real action server and Rasa server on free loopback ports, like `make run` does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bot.channels.rest import NOT_STORED_STATUS

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "charley.tar.gz"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepts_connections(host: str, port: int, timeout: float = 3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def ensure_model() -> Path:
    """Trains only if data or config changed (Rasa's fingerprint), exactly as the scripts do."""
    subprocess.run(
        ["bash", "-c", f"source '{ROOT}/scripts/common.sh' && train_if_needed"], check=True, cwd=ROOT
    )
    return MODEL


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))
    env.setdefault("SANIC_REQUEST_MAX_SIZE", "262144")  # as scripts/common.sh sets it
    return env


def wait_for(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@dataclass
class ActionServer:
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    started_at: float | None = None  # time.monotonic() just before the process was spawned
    env: dict[str, str] = field(default_factory=dict)  # on top of base_env()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def launch(self) -> ActionServer:
        """Spawns the process without waiting for it to answer."""
        log = open(self.workdir / f"actions-{self.port}.log", "ab")
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "actions.server", "--actions", "actions", "--port", str(self.port)],
            cwd=ROOT,
            env={**base_env(), **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self

    def start(self) -> ActionServer:
        self.launch()
        wait_for(f"http://127.0.0.1:{self.port}/health", 120, self.process)
        return self

    def stop(self) -> None:
        _stop(self.process)


@dataclass
class RasaServer:
    """`rasa run` on a free port. Charley by default; any Rasa project with model, credentials, cwd."""

    workdir: Path
    endpoints: Path
    port: int = field(default_factory=free_port)
    extra_args: tuple[str, ...] = ()
    process: subprocess.Popen | None = None
    model: Path = MODEL
    credentials: Path = ROOT / "credentials.yml"
    cwd: Path = ROOT
    started_at: float | None = None  # time.monotonic() just before the process was spawned
    env: dict[str, str] = field(default_factory=dict)  # on top of base_env()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / f"rasa-{self.port}.log"

    def launch(self) -> RasaServer:
        """Spawns the process without waiting for it to answer."""
        log = open(self.log_path, "ab")
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "rasa",
                "run",
                "--model",
                str(self.model),
                "--endpoints",
                str(self.endpoints),
                "--credentials",
                str(self.credentials),
                "--port",
                str(self.port),
                *self.extra_args,
            ],
            cwd=self.cwd,
            env={**base_env(), **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self

    def start(self, timeout: float = 240) -> RasaServer:
        self.launch()
        wait_for(self.url + "/", timeout, self.process)
        return self

    def stop(self) -> None:
        _stop(self.process)

    def say(self, sender: str, text: str) -> list[dict]:
        response = requests.post(
            self.url + "/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
        )
        if response.status_code != NOT_STORED_STATUS:  # that body is what the person is told
            response.raise_for_status()
        return response.json()


# The tracker store endpoints.yml and deploy/endpoints.production.yml configure.
TRACKER_STORE_TYPE = "bot.rasa_overrides.tracker_store.CharleySQLTrackerStore"
# The lock store deploy/endpoints.production.yml configures.
ATOMIC_LOCK_STORE = "bot.rasa_overrides.lock_store.AtomicRedisLockStore"


def sqlite_store(db: Path) -> str:
    """The `tracker_store:` section for a SQLite file, as `make run` uses."""
    return f"tracker_store:\n  type: {TRACKER_STORE_TYPE}\n  dialect: sqlite\n  db: {db}\n"


def sqlite_endpoints(workdir: Path, action_url: str, db: Path) -> Path:
    path = workdir / "endpoints.yml"
    path.write_text(f'action_endpoint:\n  url: "{action_url}"\n{sqlite_store(db)}')
    return path


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
