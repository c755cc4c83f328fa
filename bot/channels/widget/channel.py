"""Serves Charley's website chat widget (static files and a demo page) from Rasa.

Configured in ``credentials.yml``::

    bot.channels.widget.channel.WidgetAssetsInput:
      socket_url: "https://bot.example.org"   # optional; default: the page's origin

Routes (under Rasa's ``/webhooks/`` prefix):

* ``GET /webhooks/widget/``          health check
* ``GET /webhooks/widget/<file>``    ``charley-widget.js``, ``charley-widget.css``,
  ``socket.io.min.js``, ... (a fixed allow-list read at start-up; no path is ever
  joined from the request, so there is no directory traversal)
* ``GET /webhooks/widget/demo``      a demo page that embeds the widget

This channel never handles user messages: the conversation itself runs over the
socket.io channel (see ``socketio_channel.py``).
"""

import gzip
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEMO_TEMPLATE = "demo.html"
SOCKET_URL_MARKER = 'data-socket-url=""'

CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
# Only plain file names made of these characters are ever served.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Host header characters we are willing to copy into a CSP source expression.
_SAFE_HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
_GZIP_MIN_BYTES = 1024

# Files that do not change between releases of the vendored library can be cached
# longer; our own files change with deployments and are revalidated sooner.
VENDORED_FILES = {"socket.io.min.js", "socket.io.LICENSE.txt"}


@dataclass(frozen=True)
class _Asset:
    body: bytes
    gzipped: bytes | None
    content_type: str
    etag: str


def _load_asset(path: Path) -> _Asset:
    body = path.read_bytes()
    gzipped = None
    if len(body) >= _GZIP_MIN_BYTES:
        gzipped = gzip.compress(body, compresslevel=9, mtime=0)
    digest = hashlib.sha256(body).hexdigest()[:20]
    return _Asset(body, gzipped, CONTENT_TYPES[path.suffix], f'"{digest}"')


def _normalise_socket_url(url: str | None) -> str | None:
    """Returns the origin (scheme://host[:port]) of a configured socket URL.

    The socket.io client reads a path in the URL as a namespace, so anything
    beyond the origin is rejected instead of silently changing behaviour.
    """
    if not url:
        return None
    parts = urlsplit(str(url).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"widget socket_url must be an http(s) origin, got {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(
            f"widget socket_url must be an origin without a path, got {url!r} "
            "(use the socketio channel's socketio_path for the path)"
        )
    if not _SAFE_HOST.match(parts.netloc):
        raise ValueError(f"widget socket_url has an unexpected host: {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _ws_origin(http_origin: str) -> str:
    if http_origin.startswith("https://"):
        return "wss://" + http_origin[len("https://") :]
    return "ws://" + http_origin[len("http://") :]


# The number the emergency screen dials (tel: link), set per deployment: 911, 112, 999, 000...
_EMERGENCY_NUMBER = re.compile(r"^\+?[0-9]{2,15}$")


def _normalise_emergency_number(value: str | int | None) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    number = re.sub(r"[\s-]", "", str(value))
    if not _EMERGENCY_NUMBER.match(number):
        raise ValueError(f"widget emergency_number must be digits (e.g. 112), not {value!r}")
    return number


class WidgetAssetsInput(InputChannel):
    """Rasa input channel that only serves the widget's files (never messages)."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            socket_url=credentials.get("socket_url"),
            cache_max_age=int(credentials.get("cache_max_age", 3600)),
            emergency_number=credentials.get("emergency_number"),
        )

    def __init__(
        self,
        socket_url: str | None = None,
        cache_max_age: int = 3600,
        static_dir: Path = STATIC_DIR,
        emergency_number: str | int | None = None,
    ) -> None:
        self.socket_url = _normalise_socket_url(socket_url)
        self.emergency_number = _normalise_emergency_number(emergency_number)
        self.cache_max_age = max(0, cache_max_age)
        self.assets: Dict[str, _Asset] = {}
        for path in sorted(static_dir.iterdir()):
            if (
                path.is_file()
                and not path.is_symlink()
                and _SAFE_NAME.match(path.name)
                and path.suffix in CONTENT_TYPES
                and path.name != DEMO_TEMPLATE
            ):
                self.assets[path.name] = _load_asset(path)
        self.demo = self._build_demo(static_dir / DEMO_TEMPLATE)

    def _build_demo(self, template: Path) -> _Asset:
        page = template.read_text(encoding="utf-8")
        if SOCKET_URL_MARKER not in page:
            raise ValueError(f"{template} lacks the {SOCKET_URL_MARKER} marker")
        attribute = f'data-socket-url="{html.escape(self.socket_url, quote=True)}"' if self.socket_url else ""
        if self.emergency_number:
            attribute += f' data-emergency-number="{self.emergency_number}"'
        page = page.replace(SOCKET_URL_MARKER, attribute)
        body = page.encode("utf-8")
        digest = hashlib.sha256(body).hexdigest()[:20]
        gzipped = gzip.compress(body, compresslevel=9, mtime=0)
        return _Asset(body, gzipped, CONTENT_TYPES[".html"], f'"{digest}"')

    # ------------------------------------------------------------------ headers
    def content_security_policy(self, request_host: str | None = None) -> str:
        """CSP for the demo page: our own origin only (plus the socket origin)."""
        connect: List[str] = ["'self'"]
        if request_host and _SAFE_HOST.match(request_host):
            # CSP3 browsers match ws(s) of the same host with 'self'; older ones
            # (Safari < 15.4) need the WebSocket origin spelt out.
            connect += [f"ws://{request_host}", f"wss://{request_host}"]
        if self.socket_url:
            connect += [self.socket_url, _ws_origin(self.socket_url)]
        connect = list(dict.fromkeys(connect))
        return "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self'",
                "font-src 'self'",
                f"connect-src {' '.join(connect)}",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
            ]
        )

    def _respond(
        self,
        request: Request,
        asset: _Asset,
        cache_control: str,
        extra_headers: Dict[str, str],
    ) -> HTTPResponse:
        accepts_gzip = "gzip" in request.headers.get("accept-encoding", "").lower()
        use_gzip = asset.gzipped is not None and accepts_gzip
        etag = asset.etag[:-1] + '-gz"' if use_gzip else asset.etag
        headers = {
            "Cache-Control": cache_control,
            "ETag": etag,
            "Vary": "Accept-Encoding",
            "X-Content-Type-Options": "nosniff",
            **extra_headers,
        }
        if_none_match = request.headers.get("if-none-match", "")
        if etag in [tag.strip() for tag in if_none_match.split(",")]:
            return HTTPResponse(status=304, headers=headers)
        body = asset.body
        if use_gzip:
            body = asset.gzipped  # type: ignore[assignment]
            headers["Content-Encoding"] = "gzip"
        return HTTPResponse(body=body, status=200, headers=headers, content_type=asset.content_type)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes for the widget's files. ``on_new_message`` is deliberately unused."""
        widget = Blueprint("widget_assets", __name__)

        asset_headers = {
            "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
            # Embedding sites load the script and stylesheet from our origin.
            "Cross-Origin-Resource-Policy": "cross-origin",
            "Referrer-Policy": "no-referrer",
        }

        def health() -> HTTPResponse:
            return response.json({"status": "ok"}, headers={"X-Content-Type-Options": "nosniff"})

        @widget.route("/", methods=["GET"])
        async def health_route(_: Request) -> HTTPResponse:
            return health()

        @widget.route("/demo", methods=["GET"])
        async def demo(request: Request) -> HTTPResponse:
            headers = {
                "Content-Security-Policy": self.content_security_policy(request.host),
                "Cross-Origin-Resource-Policy": "same-origin",
                "Referrer-Policy": "no-referrer",
                "X-Frame-Options": "DENY",
            }
            return self._respond(request, self.demo, "no-cache", headers)

        @widget.route("/<filename:str>", methods=["GET"])
        async def asset(request: Request, filename: str) -> HTTPResponse:
            if not filename:  # "/webhooks/widget/" lands here in Sanic 21.12
                return health()
            found = self.assets.get(filename)
            if found is None:
                return response.text(
                    "Not found",
                    status=404,
                    headers={"X-Content-Type-Options": "nosniff"},
                )
            max_age = self.cache_max_age
            if filename in VENDORED_FILES:
                max_age = max(max_age, 86400)
            cache = f"public, max-age={max_age}"
            return self._respond(request, found, cache, asset_headers)

        return widget
