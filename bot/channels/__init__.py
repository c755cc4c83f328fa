"""Channel add-ons: hardened Telegram and Slack connectors and the widget's assets.

The small pieces both connectors need live here; rendering lives in `render.py` and the
sender pseudonyms in `pseudonym.py`.
"""

from __future__ import annotations

import logging
import traceback
from collections import OrderedDict
from collections.abc import Hashable

DEFAULT_MEMORY = 10_000


class RecentKeys:
    """A bounded memory of delivery ids, to process each webhook delivery once.

    It lives in one process: with several Rasa servers, route a conversation's deliveries to
    the same server (sticky routing, which Rasa 3.6 needs anyway for its lock store) or a
    redelivery reaching another server is processed again.
    """

    def __init__(self, max_size: int = DEFAULT_MEMORY) -> None:
        self._max_size = max_size
        self._keys: OrderedDict[Hashable, None] = OrderedDict()

    def seen_or_add(self, *keys: Hashable | None) -> bool:
        """True if any key was seen before; remembers all of them either way.

        Synchronous on purpose: with no await inside, two concurrent deliveries of the same
        update cannot both pass the check.
        """
        present = [k for k in keys if k is not None]
        seen = any(k in self._keys for k in present)
        for key in present:
            self._keys[key] = None
            self._keys.move_to_end(key)
        while len(self._keys) > self._max_size:
            self._keys.popitem(last=False)
        return seen

    def __len__(self) -> int:
        return len(self._keys)


def plain_user_text(text: str) -> str:
    """Drops leading slashes so a typed `/intent{"slot": ...}` reaches NLU as ordinary words.

    Rasa 3.6 treats text starting with `/` as an intent with entities, bypassing NLU; the
    bot's buttons send plain text, so nobody needs that syntax from a chat app.
    """
    return text.strip().lstrip("/").strip()


def log_failure(logger: logging.Logger, what: str, error: BaseException, **ids: object) -> None:
    """Logs an exception with its location but without its message.

    Exception messages can quote the user's words (a KeyError on a slot value, a parser error
    showing the text), and health details must not end up in log files.
    """
    frames = traceback.extract_tb(error.__traceback__)[-5:]
    where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
    context = " ".join(f"{k}={v}" for k, v in ids.items())
    logger.error("%s failed: %s at %s %s", what, type(error).__name__, where or "?", context)
