"""Fixtures: a real Rasa HTTP app with a stand-in agent, and headless Chromium.

Browser tests skip when Playwright or Chromium is missing, except with CI=true, where
they fail: CI must not go green without having driven a browser.
"""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest

from harness.stack import free_port

from .driver import WidgetDriver, browser_unavailable_reason, launch_chromium

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SERVER_START_TIMEOUT_S = 90
# the deployment setting the emergency screen dials
EMERGENCY_NUMBER = "112"


def _get(url: str, timeout: float = 2.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.read()


@pytest.fixture(scope="session")
def widget_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the stand-in Rasa server, started once in a subprocess."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("widget-server") / "server.log"
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                str(HERE / "stand_in_server.py"),
                "--port",
                str(port),
                "--emergency-number",
                EMERGENCY_NUMBER,
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    try:
        while True:
            try:
                _get(base_url + "/webhooks/socketio/", timeout=1)
                break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = log_path.read_text(errors="replace")[-4000:]
                pytest.fail(f"stand-in Rasa server did not start:\n{output}")
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def received(widget_server: str) -> Callable[[], List[Dict[str, Any]]]:
    """Returns a function that lists the user messages the stand-in agent got."""
    return lambda: json.loads(_get(widget_server + "/test/received"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = browser_unavailable_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"widget browser tests cannot run with CI=true: {reason}")
        pytest.skip(f"widget browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory: a page in a fresh browser context (empty storage), closed afterwards."""
    contexts = []

    def make(width: int = 1280, height: int = 800, **options: Any) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, service_workers="block", **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def widget(new_page: Callable[..., Any], widget_server: str) -> WidgetDriver:
    return WidgetDriver(new_page(), widget_server)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
