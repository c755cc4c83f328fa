"""A socket.io client that talks to the widget channel as the widget does."""

from __future__ import annotations

import threading
import time
from typing import Any, Dict, List

import socketio


class Client:
    """A socket.io client (long-polling: the venv's aiohttp is too old for WebSocket)."""

    def __init__(self, base_url: str) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.confirmed: List[str] = []
        self.bot: List[Dict[str, Any]] = []
        self.event = threading.Event()
        self.sio.on("session_confirm", lambda data: (self.confirmed.append(data), self.event.set()))
        self.sio.on("bot_uttered", lambda data: (self.bot.append(data), self.event.set()))
        self.sio.connect(base_url, transports=["polling"], wait_timeout=10)

    def close(self) -> None:
        """Leaves at once. A polling client's plain disconnect() waits for its pending long poll,
        up to the server's ping interval (25 s), which made one test file take minutes."""
        self.sio.eio.disconnect(abort=True)

    def request_session(self, session_id: Any) -> str:
        self.event.clear()
        self.sio.emit("session_request", {"session_id": session_id})
        assert self.event.wait(10), "no session_confirm"
        return self.confirmed[-1]

    def wait_for_bot(self, count: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while len(self.bot) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.bot) >= count

    def say(self, session_id: str, text: str, timeout: float = 30) -> List[Dict[str, Any]]:
        """Sends a message in the session and returns the bot messages that answer it."""
        before = len(self.bot)
        self.sio.emit("user_uttered", {"message": text, "session_id": session_id})
        self.wait_for_bot(before + 1, timeout)
        time.sleep(0.3)  # the rest of the same turn
        return self.bot[before:]
