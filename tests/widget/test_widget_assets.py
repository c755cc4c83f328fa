"""The widget's files as served by WidgetAssetsInput (HTTP only, no browser needed)."""

import gzip
import http.client
import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple
from urllib.parse import urlsplit

import pytest

from bot.channels.widget.channel import STATIC_DIR, WidgetAssetsInput

REPO_ROOT = Path(__file__).resolve().parents[2]
Response = Tuple[int, Dict[str, str], bytes]


@pytest.fixture
def fetch(widget_server: str) -> Callable[..., Response]:
    """GET/POST a raw path (no client-side normalisation of '..' or '%2f')."""
    netloc = urlsplit(widget_server).netloc

    def do(path: str, headers: Dict[str, str] | None = None, method: str = "GET") -> Response:
        connection = http.client.HTTPConnection(netloc, timeout=10)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    return do


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("charley-widget.js", "text/javascript; charset=utf-8"),
        ("charley-widget.css", "text/css; charset=utf-8"),
        ("socket.io.min.js", "text/javascript; charset=utf-8"),
        ("demo.css", "text/css; charset=utf-8"),
        ("socket.io.LICENSE.txt", "text/plain; charset=utf-8"),
    ],
)
def test_assets_have_type_nosniff_and_caching(
    fetch: Callable[..., Response], name: str, content_type: str
) -> None:
    status, headers, body = fetch(f"/webhooks/widget/{name}")
    assert status == 200
    assert body == (STATIC_DIR / name).read_bytes()
    assert headers["content-type"] == content_type
    assert headers["x-content-type-options"] == "nosniff"
    assert re.fullmatch(r"public, max-age=\d+", headers["cache-control"])
    assert headers["cross-origin-resource-policy"] == "cross-origin"
    assert "content-security-policy" in headers
    etag = headers["etag"]

    status, headers, body = fetch(f"/webhooks/widget/{name}", {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert headers["etag"] == etag


def test_gzip_only_when_accepted(fetch: Callable[..., Response]) -> None:
    plain = (STATIC_DIR / "socket.io.min.js").read_bytes()
    status, headers, body = fetch("/webhooks/widget/socket.io.min.js", {"Accept-Encoding": "gzip, br"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
    status, headers, body = fetch("/webhooks/widget/socket.io.min.js")
    assert "content-encoding" not in headers and body == plain


def test_demo_page_headers_and_no_inline_script(fetch: Callable[..., Response]) -> None:
    status, headers, body = fetch("/webhooks/widget/demo")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-cache"
    assert headers["x-frame-options"] == "DENY"
    csp = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert csp["connect-src"].startswith("'self' ws://127.0.0.1:")
    html = body.decode()
    # every <script> has a src (no inline script, no inline event handlers)
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "style=" not in html and "<style" not in html
    (tag,) = re.findall(r"<script [^>]*>", html)
    assert 'src="charley-widget.js"' in tag and "data-socket-url" not in tag


TRAVERSAL_PATHS = [
    "/webhooks/widget/../widget/channel.py",
    "/webhooks/widget/..%2fchannel.py",
    "/webhooks/widget/%2e%2e/channel.py",
    "/webhooks/widget/%2e%2e%2fchannel.py",
    "/webhooks/widget/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json",
    "/webhooks/widget/..%5cchannel.py",
    "/webhooks/widget/static/charley-widget.js",
    "/webhooks/widget/static%2fcharley-widget.js",
    "/webhooks/widget/channel.py",
    "/webhooks/widget/__init__.py",
    "/webhooks/widget/demo.html",
    "/webhooks/widget/.hidden",
    "/webhooks/widget//etc/passwd",
    "/webhooks/widget/%2fetc%2fpasswd",
    "/webhooks/widget/charley-widget.js%00.py",
    "/webhooks/widget/charley-widget.js/..",
]


@pytest.mark.parametrize("path", TRAVERSAL_PATHS)
def test_no_directory_traversal(fetch: Callable[..., Response], path: str) -> None:
    status, headers, body = fetch(path)
    assert status in (400, 404), (status, body[:200])
    assert b"import " not in body and b"root:" not in body and b"devDependencies" not in body


def test_channel_never_handles_messages(
    fetch: Callable[..., Response], received: Callable[[], List[Dict[str, Any]]]
) -> None:
    before = len(received())
    payload = json.dumps({"sender": "x", "message": "hello"})
    for path in ("/webhooks/widget/webhook", "/webhooks/widget/", "/webhooks/widget/demo"):
        status, _, _ = fetch(path, {"Content-Type": "application/json"}, method="POST")
        assert status in (404, 405)
    assert payload and len(received()) == before
    status, _, body = fetch("/webhooks/widget/")
    assert status == 200 and json.loads(body) == {"status": "ok"}


def test_configured_socket_url_in_csp_and_demo() -> None:
    channel = WidgetAssetsInput.from_credentials({"socket_url": "https://bot.example.org/"})
    assert channel.socket_url == "https://bot.example.org"
    csp = channel.content_security_policy("widget.example.org")
    connect = next(p for p in csp.split("; ") if p.startswith("connect-src"))
    assert connect.split()[1:] == [
        "'self'",
        "ws://widget.example.org",
        "wss://widget.example.org",
        "https://bot.example.org",
        "wss://bot.example.org",
    ]
    assert b'data-socket-url="https://bot.example.org"' in channel.demo.body
    # a hostile Host header never makes it into the policy
    assert "evil" not in WidgetAssetsInput().content_security_policy("x; script-src evil")


@pytest.mark.parametrize(
    "bad",
    ["javascript:alert(1)", "https://bot.example.org/ns", "ftp://x", "bot.example.org", 'https://a"b'],
)
def test_bad_socket_url_is_rejected_at_start(bad: str) -> None:
    with pytest.raises(ValueError):
        WidgetAssetsInput.from_credentials({"socket_url": bad})


@pytest.mark.parametrize(
    ("given", "dialled"), [("112", "112"), (911, "911"), ("0 0 0", "000"), ("+44 999", "+44999")]
)
def test_the_emergency_number_reaches_the_demo_page(given: Any, dialled: str) -> None:
    channel = WidgetAssetsInput.from_credentials({"emergency_number": given})
    assert f'data-emergency-number="{dialled}"'.encode() in channel.demo.body


@pytest.mark.parametrize("bad", ["call 112", '112" onload="x', "1", "tel:112"])
def test_a_bad_emergency_number_is_rejected_at_start(bad: str) -> None:
    with pytest.raises(ValueError):
        WidgetAssetsInput.from_credentials({"emergency_number": bad})


def test_no_emergency_number_leaves_the_demo_without_one() -> None:
    assert b"data-emergency-number" not in WidgetAssetsInput.from_credentials({}).demo.body


def test_vendored_socket_io_matches_pinned_version() -> None:
    pinned = json.loads((REPO_ROOT / "package.json").read_text())["devDependencies"]["socket.io-client"]
    vendored = (STATIC_DIR / "socket.io.min.js").read_bytes()
    assert vendored.startswith(f"/*!\n * Socket.IO v{pinned}\n".encode())
    assert b"Released under the MIT License" in vendored[:200]
    assert (STATIC_DIR / "socket.io.LICENSE.txt").read_text().startswith("The MIT License")
    installed = REPO_ROOT / "node_modules/socket.io-client/dist/socket.io.min.js"
    if installed.exists():  # after `npm ci`: the copy is byte-identical
        assert installed.read_bytes() == vendored


def test_widget_never_uses_html_sinks() -> None:
    source = (STATIC_DIR / "charley-widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink
