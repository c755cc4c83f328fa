"""Pseudonymous sender ids for Rasa's tracker store.

Rasa stores every conversation under its `sender_id`. Telegram chat ids and Slack user ids
identify a person directly, so the channels store a keyed hash instead: the same person gets
the same conversation back, but the stored id cannot be traced to an account, or confirmed by
hashing a guessed id, without the key.

The key comes from the environment (never from credentials.yml, which tends to be shared) and
must stay stable: changing it starts every conversation afresh.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping

ENV_KEY = "CHARLEY_PSEUDONYM_KEY"
# 32 characters of `secrets.token_hex` are 128 bits: a guessed-id attack must also guess the key.
MIN_KEY_LENGTH = 32


class PseudonymKeyError(RuntimeError):
    """The pseudonym key is missing or too short to protect the ids."""


def load_key(environ: Mapping[str, str] | None = None) -> bytes:
    """Reads the key from `CHARLEY_PSEUDONYM_KEY`, refusing a missing or weak one."""
    value = (os.environ if environ is None else environ).get(ENV_KEY, "")
    if len(value) < MIN_KEY_LENGTH:
        raise PseudonymKeyError(
            f"Set the environment variable {ENV_KEY} to a random secret of at least "
            f"{MIN_KEY_LENGTH} characters (for example the output of "
            f'`python -c "import secrets; print(secrets.token_hex(32))"`). '
            f"Charley stores conversations under a keyed hash of the user's id and "
            f"will not start without it."
        )
    return value.encode("utf-8")


class Pseudonymizer:
    """Maps a channel's raw user or chat id to a stable, keyed pseudonym."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_LENGTH:
            raise PseudonymKeyError(f"The pseudonym key must have at least {MIN_KEY_LENGTH} bytes.")
        self._key = key

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Pseudonymizer:
        return cls(load_key(environ))

    def __call__(self, namespace: str, raw_id: str | int) -> str:
        # The namespace keeps Telegram chat 42 and a Slack user "42" from sharing a tracker.
        message = f"{namespace}:{raw_id}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).hexdigest()
        return f"{namespace}-{digest}"


def pseudonymise(namespace: str, raw_id: str | int, environ: Mapping[str, str] | None = None) -> str:
    """One-off helper for code outside the channels (scripts, tests) that needs the same id."""
    return Pseudonymizer.from_env(environ)(namespace, raw_id)
