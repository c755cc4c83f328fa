"""deploy/nginx.conf run for real in front of two stand-in Rasa servers.

Needs an nginx binary (NGINX_BIN, or `nginx` on PATH); skipped without one, since nginx is not
a project dependency. The upstream host names and the listen port are rewritten to loopback
addresses; everything else is the file as deployed.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harness.stack import free_port
from tests.deploy import support as s


def _nginx_binary() -> str | None:
    return os.environ.get("NGINX_BIN") or shutil.which("nginx")


class _StandIn(BaseHTTPRequestHandler):
    """Answers every request with which server it is and what it received."""

    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        payload = json.dumps(
            {
                "server": self.server.name,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body_bytes": len(body),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


def _local_config(text: str, ports: dict[str, int], listen: int, workdir: Path) -> str:
    for name, port in ports.items():
        text = re.sub(rf"\b{re.escape(name)}:5005\b", f"127.0.0.1:{port}", text)
    text = re.sub(r"listen\s+80\b[^;]*;", f"listen 127.0.0.1:{listen};", text)
    temp = "".join(
        f" {kind}_temp_path {workdir / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {", "http {" + temp, 1)
    return text.replace("access_log /dev/stdout;", "access_log off;")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    binary = _nginx_binary()
    if binary is None:
        pytest.skip("no nginx binary (set NGINX_BIN or put nginx on PATH) to run deploy/nginx.conf")
    workdir = tmp_path_factory.mktemp("nginx")
    servers = {}
    for name in s.rasa_servers():
        server = ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
        server.name = name
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    listen = free_port()
    config = workdir / "nginx.conf"
    config.write_text(
        _local_config(
            s.NGINX_FILE.read_text(), {n: v.server_address[1] for n, v in servers.items()}, listen, workdir
        )
    )
    test = subprocess.run(
        [binary, "-t", "-p", str(workdir), "-c", str(config), "-g", f"pid {workdir / 'nginx.pid'};"],
        capture_output=True,
        text=True,
    )
    assert test.returncode == 0, f"nginx rejects deploy/nginx.conf:\n{test.stderr}"
    log = open(workdir / "nginx.log", "wb")
    process = subprocess.Popen(
        [binary, "-p", str(workdir), "-c", str(config), "-g", f"daemon off; pid {workdir / 'nginx.pid'};"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", listen), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {(workdir / 'nginx.log').read_text()}") from None
            time.sleep(0.1)
    try:
        yield Proxy(listen, servers)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        for server in servers.values():
            server.shutdown()


class Proxy:
    def __init__(self, port: int, servers: dict) -> None:
        self.port = port
        self.servers = servers

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if response.status == 200 and response.getheader("Content-Type") == "application/json":
            return response.status, json.loads(data)
        return response.status, data

    def served_by(self, method: str, path: str, **kwargs) -> str:
        status, answer = self.request(method, path, **kwargs)
        assert status == 200, f"{method} {path} -> {status} {answer!r}"
        return answer["server"]


def _rest(proxy: Proxy, sender: str, header: bool = True) -> str:
    body = json.dumps({"sender": sender, "message": "hello"}).encode()
    headers = {"Content-Type": "application/json"}
    if header:
        headers["X-Conversation-Id"] = sender
    return proxy.served_by("POST", "/webhooks/rest/webhook", body=body, headers=headers)


def test_a_rest_conversation_stays_on_one_server(proxy):
    assert len({_rest(proxy, "alice") for _ in range(6)}) == 1


def test_conversations_spread_over_every_server(proxy):
    seen = {
        proxy.served_by("GET", f"/socket.io/?EIO=4&transport=polling&conversation_id=c{i}") for i in range(40)
    }
    assert seen == set(proxy.servers)


def test_a_socketio_session_stays_where_its_handshake_went(proxy):
    for i in range(10):
        key = f"conversation-{i}"
        handshake = proxy.served_by("GET", f"/socket.io/?EIO=4&transport=polling&conversation_id={key}")
        # Later requests carry the sid the server issued: the routing must not depend on it.
        for sid in ("AAAA", "zzzz", "0123456789"):
            path = f"/socket.io/?EIO=4&transport=polling&conversation_id={key}&sid={sid}"
            assert proxy.served_by("POST", path, body=b"40") == handshake
        upgrade = proxy.served_by(
            "GET",
            f"/socket.io/?EIO=4&transport=websocket&conversation_id={key}&sid=AAAA",
            headers={"Upgrade": "websocket", "Connection": "Upgrade"},
        )
        assert upgrade == handshake


def test_rest_and_socketio_of_one_conversation_meet_on_one_server(proxy):
    for i in range(10):
        key = f"shared-{i}"
        assert _rest(proxy, key) == proxy.served_by(
            "GET", f"/socket.io/?EIO=4&transport=polling&conversation_id={key}"
        )


def test_clients_without_a_key_are_routed_by_address(proxy):
    seen = {proxy.served_by("GET", "/socket.io/?EIO=4&transport=polling") for _ in range(10)}
    seen |= {_rest(proxy, f"anonymous-{i}", header=False) for i in range(5)}
    assert len(seen) == 1


def test_websocket_upgrade_and_client_headers_reach_rasa(proxy):
    status, answer = proxy.request(
        "GET",
        "/socket.io/?EIO=4&transport=websocket",
        headers={"Upgrade": "websocket", "Connection": "Upgrade", "Host": "bot.example.org:8080"},
    )
    assert status == 200
    headers = answer["headers"]
    assert headers["upgrade"] == "websocket" and headers["connection"].lower() == "upgrade"
    assert headers["host"] == "bot.example.org:8080"  # the widget builds its CSP from it
    assert headers["x-forwarded-for"] == "127.0.0.1"


def test_plain_requests_keep_upstream_connections_reusable(proxy):
    _, answer = proxy.request("GET", "/webhooks/widget/")
    assert answer["headers"].get("connection", "") == ""
    assert "upgrade" not in answer["headers"]


def test_telegram_and_slack_go_to_one_server(proxy):
    seen = {proxy.served_by("POST", path, body=b"{}") for path in ["/webhooks/telegram/webhook"] * 5}
    seen |= {proxy.served_by("POST", path, body=b"{}") for path in ["/webhooks/slack/webhook"] * 5}
    assert len(seen) == 1


def test_oversized_messages_are_refused(proxy):
    body = b"x" * (65 * 1024)
    status, _ = proxy.request(
        "POST", "/webhooks/rest/webhook", body=body, headers={"X-Conversation-Id": "big"}
    )
    assert status == 413


def test_rasa_http_api_routes_are_not_exposed(proxy):
    for method, path in (
        ("POST", "/model/parse"),
        ("GET", "/conversations/alice/tracker"),
        ("PUT", "/model"),
        ("GET", "/status"),
        ("GET", "/version"),
    ):
        status, _ = proxy.request(method, path, body=b"{}" if method != "GET" else None)
        assert status == 404, f"{method} {path} -> {status}"


def test_proxy_health_and_rasa_root(proxy):
    status, body = proxy.request("GET", "/healthz")
    assert status == 200 and body == b"ok\n"
    assert proxy.served_by("GET", "/") in proxy.servers
