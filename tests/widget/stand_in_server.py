"""A real Rasa HTTP app (socket.io + widget assets) with a deterministic stand-in agent.

Run as a script (the tests start it in a subprocess):

    python tests/widget/stand_in_server.py --port 5123

Besides Rasa's routes it has ``GET /test/received``: the user messages the agent got,
as JSON, so a test can check which session ids reached the agent.
"""

import argparse
import asyncio
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from rasa.core.channels.channel import UserMessage  # noqa: E402
from rasa.core.run import configure_app  # noqa: E402
from sanic import Sanic, response  # noqa: E402
from sanic.request import Request  # noqa: E402

from actions.questions import question_message  # noqa: E402
from bot.channels.render import level_labels  # noqa: E402
from bot.channels.widget.channel import WidgetAssetsInput  # noqa: E402
from bot.channels.widget.socketio_channel import WidgetSocketIOInput  # noqa: E402
from bot.triage.case import Case, Status  # noqa: E402
from bot.triage.knowledge import load_knowledge  # noqa: E402
from bot.triage.render import clinician_summary  # noqa: E402

REPLY_DELAY_S = 0.4
# Recorded bot messages of the real triage (owned by the channel tests).
FIXTURES = REPO_ROOT / "tests" / "channels" / "fixtures"

SUMMARY_CASE = Case(
    location="calf",
    ongoing_days=14.0,
    findings={"muscle_complaint": Status.PRESENT, "swelling": Status.ABSENT},
)
FIRST_QUESTION = "When a spasm comes, how long does it usually last?"
FIRST_BUTTONS = [
    {"title": "A few minutes", "payload": "it lasts a few minutes"},
    {"title": "More than 10 minutes", "payload": "it lasts more than 10 minutes"},
]
SECOND_QUESTION = "How old are you? Please type your age."
TRIAGE_TEXT = (
    "See a doctor today or tomorrow: a calf cramp with swelling and warmth should be "
    "checked for a blood clot.\n\nIn the meantime: gently stretch the calf and drink "
    "enough fluids."
)
TRIAGE = {
    "level": "urgent",
    "label": level_labels()["urgent"],
    # one https address and one a widget must never turn into a link
    "source_links": {
        "What Causes Muscle Spasms?": "https://example.org/what-causes-muscle-spasms",
        "Muscle Spasms Common Causes And When To Seek Help": "javascript:alert(1)",
    },
    "headline": (
        "See a doctor today or tomorrow: a calf cramp with swelling and warmth "
        "should be checked for a blood clot."
    ),
    "reasons": [
        {
            "rule": "calf_swelling_warmth",
            "because": "you said your calf is swollen and feels warm",
            "source": "When do muscle spasms signal a more serious problem?",
        }
    ],
    "causes": [
        {
            "id": "dehydration",
            "title": "Dehydration and low electrolytes",
            "source": "What Causes Muscle Spasms?",
        },
        {
            "id": "overuse",
            "title": "Muscle overuse or strain",
            "source": "Muscle Spasms Common Causes And When To Seek Help",
        },
    ],
    "self_care": [
        "Gently stretch and massage the calf.",
        "Drink enough fluids during the day.",
    ],
    "seek_help_now_if": [
        "your leg becomes very painful, red or more swollen",
        "you get chest pain or feel short of breath",
    ],
    "facts": {
        "present": ["swelling", "warmth"],
        "absent": ["numbness"],
        "unknown": [],
        "slots": {"body_location": "calf"},
    },
    "disclaimer": (
        "Charley gives general information, not a diagnosis. If you are worried, contact a doctor."
    ),
}
FOLLOW_UP = "Is there anything else you would like to tell me?"


class StandInAgent:
    """Answers like Charley would, through ``message.output_channel``."""

    def __init__(self) -> None:
        self.received: List[Dict[str, Any]] = []
        self.turns: Dict[str, int] = defaultdict(int)

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(
            {
                "sender_id": message.sender_id,
                "text": message.text,
                "input_channel": message.input_channel,
            }
        )
        await asyncio.sleep(REPLY_DELAY_S)
        out = message.output_channel
        sender = message.sender_id
        text = message.text or ""

        if text.startswith("show level "):  # any level on demand, for rendering tests
            level = text[len("show level ") :].strip()
            triage = dict(TRIAGE, level=level, label=level_labels().get(level, ""))
            await out.send_response(sender, {"text": TRIAGE_TEXT, "custom": {"triage": triage}})
            return
        if text == "show summary":  # the real clinician summary, as the action server sends it
            summary = clinician_summary(SUMMARY_CASE, None)
            await out.send_response(sender, {"text": summary, "custom": {"summary": {"text": summary}}})
            return
        if text == "show checklist":  # the real warning-sign question, as the action server puts it
            question, buttons = question_message(
                load_knowledge().question("accompanying_symptoms"), Case(location="calf")
            )
            await out.send_response(sender, {"text": question, "buttons": buttons})
            return
        if text.startswith("show fixture "):  # a recorded bot message, e.g. triage_emergency
            name = text[len("show fixture ") :].strip()
            path = FIXTURES / f"{name}.json"
            if re.fullmatch(r"[a-z0-9_]+", name) and path.is_file():
                await out.send_response(sender, json.loads(path.read_text()))
            else:
                await out.send_response(sender, {"text": f"no fixture {name}"})
            return
        if "<" in text:  # markup in a message: echo it back in text and a button
            await out.send_response(
                sender,
                {
                    "text": f"You wrote: {text}",
                    "buttons": [{"title": text, "payload": "ok"}],
                },
            )
            return

        turn = self.turns[sender]
        self.turns[sender] += 1
        if turn == 0:
            reply: Dict[str, Any] = {"text": FIRST_QUESTION, "buttons": FIRST_BUTTONS}
        elif turn == 1:
            reply = {"text": SECOND_QUESTION}
        elif turn == 2:
            # As Rasa's processor hands a bot message with text + json_message.
            reply = {"text": TRIAGE_TEXT, "custom": {"triage": TRIAGE}}
        else:
            reply = {"text": FOLLOW_UP}
        await out.send_response(sender, reply)


def build_app(
    agent: StandInAgent | None = None,
    widget_credentials: Dict[str, Any] | None = None,
    socketio_credentials: Dict[str, Any] | None = None,
) -> Sanic:
    agent = agent or StandInAgent()
    socket_channel = WidgetSocketIOInput.from_credentials(
        {
            "user_message_evt": "user_uttered",
            "bot_message_evt": "bot_uttered",
            "session_persistence": True,
            **(socketio_credentials or {}),
        }
    )
    widget_channel = WidgetAssetsInput.from_credentials(widget_credentials or {})
    app = configure_app([socket_channel, widget_channel], enable_api=False)
    app.ctx.agent = agent

    @app.get("/test/received")
    async def received(_: Request) -> response.HTTPResponse:
        return response.json(agent.received)

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--socket-url", default=None)
    parser.add_argument("--emergency-number", default=None)
    args = parser.parse_args()
    app = build_app(
        widget_credentials={"socket_url": args.socket_url, "emergency_number": args.emergency_number}
    )
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 1.0  # tests stop it with SIGTERM
    app.run(host=args.host, port=args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
