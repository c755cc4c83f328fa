"""Every place where Charley changes how Rasa itself behaves, installed by one call.

Rasa 3.6 offers no hook for these, so each replaces a method or constant of Rasa's; they are
written against Rasa 3.6's internals and `install()` refuses any other minor version rather than
patch code it was not written for.

| module | what it changes | why |
|---|---|---|
| `action_responses` | `RemoteAction._validate_action_result` | the events schema was re-checked on every call (most of a turn's CPU) |
| `action_server_safety` | `RemoteAction.run`, the action-call timeout | a failed or slow action server answered nothing, for up to five minutes |
| `tracker_store_errors` | `FailSafeTrackerStore` retrieve/save | an unreadable database silently started a blank conversation |

Configured rather than patched (named in `endpoints.yml`): `tracker_store.CharleySQLTrackerStore`
(leaner queries, same table) and `lock_store.AtomicRedisLockStore` (atomic ticket locks across
servers).

`install()` runs when Rasa loads Charley's code: the model's `RedFlagPolicy` and every channel
(through `bot/channels/safety_net.py`) call it; it is idempotent.
"""

from __future__ import annotations

import rasa

SUPPORTED_RASA = "3.6."
_installed = False


class UnsupportedRasaVersion(RuntimeError):
    pass


def check_rasa_version(version: str | None = None) -> None:
    version = version or rasa.__version__
    if not version.startswith(SUPPORTED_RASA):
        raise UnsupportedRasaVersion(
            f"Charley's Rasa overrides (bot/rasa_overrides/) are written for Rasa {SUPPORTED_RASA}x, "
            f"not {version}: check each override against the new version before raising this pin."
        )


def install() -> None:
    global _installed
    check_rasa_version()
    if _installed:
        return
    from bot.rasa_overrides import action_responses, action_server_safety, tracker_store_errors

    action_responses.install()
    action_server_safety.install()
    tracker_store_errors.install()
    _installed = True
