"""The action server: rasa-sdk's own app and arguments, listening on loopback unless told
otherwise, and asking for a shared secret when one is set.

`python -m rasa_sdk` listens on every interface without any authentication, so anyone who can
reach port 5055 can run the actions with a tracker of their own and read the replies. Here:

* ACTIONS_HOST (default 127.0.0.1) is the address to listen on; a container sets 0.0.0.0.
* CHARLEY_ACTIONS_TOKEN, when set, must come with every call as `?token=...`, which is what
  Rasa sends for `action_endpoint: token: ...` in the endpoints file. `/health` stays open
  for health checks.

Run as `python -m actions.server --actions actions --port 5055` (any rasa-sdk argument).
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Sequence

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app, create_argument_parser
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

HOST_ENV = "ACTIONS_HOST"
TOKEN_ENV = "CHARLEY_ACTIONS_TOKEN"
DEFAULT_HOST = "127.0.0.1"
OPEN_PATHS = frozenset({"/health"})


def require_token(app: Sanic, token: str) -> None:
    """Refuses with 401 any call but OPEN_PATHS whose `token` parameter is not `token`."""
    expected = token.encode()

    async def check(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = (request.args.get("token") or "").encode()
        if not hmac.compare_digest(given, expected):
            return json({"error": "This action server needs its token."}, status=401)
        return None

    app.register_middleware(check, "request")


def main(argv: Sequence[str] | None = None) -> None:
    args = create_argument_parser().parse_args(argv)
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    app = create_app(args.actions, cors_origins=args.cors, auto_reload=args.auto_reload)
    token = os.environ.get(TOKEN_ENV, "")
    if token:
        require_token(app, token)
    app.run(os.environ.get(HOST_ENV) or DEFAULT_HOST, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
