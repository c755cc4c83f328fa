"""`make chat` in a pseudo-terminal, as a person at a terminal meets it: each option shown once,
Enter on the warning-sign menu picks "None of these", the result shown as text, no raw JSON and no
deprecation noise."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from bot.triage.knowledge import load_knowledge
from harness.stack import free_port

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.stack

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\r")
ENTER = b"\r"
RESULT_LABELS = tuple(level.label.upper() for level in load_knowledge().levels.values())


class Terminal:
    def __init__(self, process: subprocess.Popen, fd: int) -> None:
        self.process, self.fd, self.seen = process, fd, ""

    def read_until(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.seen):
            assert self.process.poll() is None, self.seen[-3000:]
            assert time.monotonic() < deadline, f"waited for {pattern!r}; screen: {self.seen[-3000:]}"
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    self.seen += _ANSI.sub("", os.read(self.fd, 65536).decode("utf-8", "replace"))
                except OSError:
                    break
        return self.seen

    def type(self, text: str) -> None:
        for char in text:  # prompt_toolkit reads keys one at a time
            os.write(self.fd, char.encode())
            time.sleep(0.01)
        os.write(self.fd, ENTER)


def test_make_chat_in_a_terminal_reaches_advice_with_a_safe_default(tmp_path):
    master, slave = os.openpty()
    env = dict(
        os.environ, ACTIONS_PORT=str(free_port()), CHAT_PORT=str(free_port()), TERM="xterm", COLUMNS="120"
    )
    process = subprocess.Popen(
        ["make", "chat"], cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
    )
    os.close(slave)
    screen = Terminal(process, master)
    try:
        screen.read_until(r"Your input ->", timeout=600)
        screen.type("my calf cramped once last night for about a minute, mild, first time ever")
        # the warning-sign menu: "None of these" first, so Enter is the safe answer
        screen.read_until(r"1: None of these", timeout=120)
        assert not re.search(r"None of these \(None of these\)", screen.seen), screen.seen[-2000:]
        os.write(master, ENTER)
        for _ in range(6):  # any question still open: the highlighted first option, or "I don't know"
            screen.read_until(
                r"(Your input ->|\? .*\n(.*\n)*.*1: |" + "|".join(map(re.escape, RESULT_LABELS)) + ")", 120
            )
            if any(label in screen.seen for label in RESULT_LABELS):
                break
            if screen.seen.rstrip().endswith("Your input ->"):
                screen.type("I don't know")
            else:
                os.write(master, ENTER)
            time.sleep(1)
        screen.read_until("|".join(map(re.escape, RESULT_LABELS)), timeout=120)
        time.sleep(2)  # anything printed after the result
        screen.read_until(r"Your input ->", timeout=60)
        assert "Custom json" not in screen.seen and '"triage"' not in screen.seen
        assert "DeprecationWarning" not in screen.seen and "UserWarning" not in screen.seen
        assert "LOOK AFTER IT AT HOME" in screen.seen, screen.seen[-3000:]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        os.close(master)
        (tmp_path / "screen.txt").write_text(screen.seen)
