"""Waits until Charley really answers a message, not only until its web server is up.

Rasa answers `GET /` even when its model failed to load, and then every message gets only
Charley's failure text. This sends a greeting on the REST channel (as the sender
`startup-check`) until a proper reply comes back. Exit 0 when it does, 1 with the reason when
it does not within the timeout.

Usage: python scripts/check_answering.py http://127.0.0.1:5005 [--timeout 180]
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import get_args

import requests

from bot.triage.knowledge import load_knowledge
from bot.triage.render import FailureKind

SENDER = "startup-check"


def reply_problem(base_url: str) -> str | None:
    """None if Charley answered properly, otherwise what was wrong."""
    try:
        response = requests.post(
            f"{base_url}/webhooks/rest/webhook", json={"sender": SENDER, "message": "hello"}, timeout=30
        )
    except requests.RequestException as error:
        return f"no connection ({type(error).__name__})"
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    texts = [m.get("text") or "" for m in response.json()]
    knowledge = load_knowledge()
    if not texts:
        return "an empty reply"
    if any(t.startswith(tuple(getattr(knowledge, kind) for kind in get_args(FailureKind))) for t in texts):
        return "only the failure message (model not loaded, or action server or stores unreachable)"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout
    problem = "not tried"
    while time.monotonic() < deadline:
        problem = reply_problem(args.base_url.rstrip("/"))
        if problem is None:
            return 0
        time.sleep(1)
    print(f"Charley did not answer properly within {args.timeout:.0f} s: {problem}.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
