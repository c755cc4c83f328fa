"""Stand-ins for the Telegram Bot API and the Slack Web API on 127.0.0.1.

Each runs in its own thread and event loop, so it also serves code that builds its clients
outside the test's loop (as `rasa run` does), and records every call it receives.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Charley", "username": "charley_triage_bot"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FakeApi:
    """Base: a recording aiohttp app started on a free port in a background thread."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, tuple[int, dict[str, Any]]] = {}  # method -> (status, body)
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def start(self) -> FakeApi:
        ready = threading.Event()

        async def serve() -> None:
            app = web.Application()
            self.routes(app)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", 0).start()
            host, port = self._runner.addresses[0][:2]
            self.base_url = f"http://{host}:{port}"
            ready.set()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(serve())
            self._loop.run_forever()

        threading.Thread(target=run, daemon=True, name=type(self).__name__).start()
        if not ready.wait(10):
            raise RuntimeError("fake API did not start")
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def reset(self) -> None:
        self.calls.clear()
        self.failures.clear()

    def of(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]


class FakeTelegramApi(FakeApi):
    """POST /bot<token>/<method>, answering like the Bot API."""

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/bot{token}/{method}", self._handle)

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {k: v for k, v in (await request.post()).items()}
        for key in ("reply_markup", "allowed_updates"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        self.calls.append(Call(method, params, dict(request.headers)))
        if method in self.failures:
            status, body = self.failures.pop(method)
            return web.json_response(body, status=status)
        if method == "getMe":
            result: Any = BOT_USER
        elif method == "sendMessage":
            result = {
                "message_id": len(self.calls) + 100,
                "from": BOT_USER,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "date": 1732179700,
                "text": params.get("text", ""),
            }
        else:
            result = True
        return web.json_response({"ok": True, "result": result})


class FakeSlackApi(FakeApi):
    """POST /api/<method>, answering like the Web API."""

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/{method}", self._handle)

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {k: v for k, v in (await request.post()).items()}
        self.calls.append(Call(method, params, dict(request.headers)))
        if method in self.failures:
            status, body = self.failures.pop(method)
            return web.json_response(body, status=status)
        return web.json_response(
            {"ok": True, "channel": params.get("channel"), "ts": f"1732179700.{len(self.calls):06d}"}
        )
