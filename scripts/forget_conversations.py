"""Deletes every conversation whose last event is older than N days from the tracker store.

    python scripts/forget_conversations.py --older-than-days 30 [--endpoints endpoints.yml] [--dry-run]

The tracker store is the one the endpoints file configures, read exactly as `rasa run` reads it
(Rasa's `read_endpoint_config`, so `${VAR}` placeholders are expanded from the environment) and
connected to with Rasa's own URL builder (`SQLTrackerStore.get_db_url`) and engine settings
(`create_engine_kwargs`: `POSTGRESQL_SCHEMA`, pool size). Supported: Rasa's SQL tracker store
on SQLite (the embedded default) or PostgreSQL (production). A relative SQLite path is taken
from the current directory, as `rasa run` does.

Prints only counts: never sender ids, message text or the database password.
Exit codes: 0 done (or nothing to delete), 1 refused or failed (nothing deleted), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from bot.retention import RetentionResult, forget_conversations  # noqa: E402

SUPPORTED_DIALECTS = ("sqlite", "postgresql")


class Refused(Exception):
    """The tracker store cannot be handled; the message says why. Nothing was deleted."""


class NoDatabase(Exception):
    """The SQLite file does not exist: Rasa never stored a conversation there."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--older-than-days",
        type=int,
        required=True,
        metavar="N",
        help="delete conversations whose last event is more than N days old (N >= 1)",
    )
    parser.add_argument(
        "--endpoints", default="endpoints.yml", help="Rasa endpoints file (default: endpoints.yml)"
    )
    parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    args = parser.parse_args(argv)
    if args.older_than_days < 1:
        parser.error(f"--older-than-days must be at least 1 (got {args.older_than_days})")
    return args


def _is_sql_store(store_type: str) -> bool:
    """Rasa's `SQL` or a class path to a subclass of its SQL store (Charley's): the same table."""
    if store_type.lower() == "sql":
        return True
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.utils.common import class_from_module_path

    try:
        found = class_from_module_path(store_type)
    except (ImportError, AttributeError):
        return False
    return isinstance(found, type) and issubclass(found, SQLTrackerStore)


def tracker_store_engine(endpoints: Path) -> sa.engine.Engine:
    """An engine on the SQL tracker store `endpoints` configures, built the way Rasa builds it.

    Raises `Refused` for what this command does not handle, `NoDatabase` for a missing SQLite file.
    """
    with warnings.catch_warnings():
        # Rasa's imports and URL builder warn about pkg_resources and SQLAlchemy 2.0: not ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs, validate_port
        from rasa.shared.exceptions import RasaException
        from rasa.utils.endpoints import read_endpoint_config

    if not endpoints.is_file():
        raise Refused(f"{endpoints}: no such endpoints file.")
    try:
        config = read_endpoint_config(str(endpoints), "tracker_store")
    except RasaException as error:  # e.g. a ${VAR} that is not set
        raise Refused(f"{endpoints}: {error}") from None
    if config is None or config.type is None:
        raise Refused(
            f"{endpoints} configures no tracker_store: Rasa keeps conversations in memory only, "
            "so there is nothing stored to delete."
        )
    if not _is_sql_store(config.type):
        raise Refused(
            f"Tracker store type '{config.type}' is not supported: this command deletes from "
            f"Rasa's SQL tracker store (type: SQL or a subclass such as Charley's, dialect {' or '.join(SUPPORTED_DIALECTS)}) only."
        )
    # The same arguments `SQLTrackerStore(host=config.url, **config.kwargs)` would take, except
    # `login_db`: Rasa only logs in there to create `db`, and the conversations live in `db`.
    accepted = set(inspect.signature(SQLTrackerStore.get_db_url).parameters) - {"host", "login_db"}
    kwargs: dict[str, Any] = {key: value for key, value in config.kwargs.items() if key in accepted}
    kwargs["port"] = validate_port(kwargs.get("port"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        url = sa.engine.make_url(SQLTrackerStore.get_db_url(host=config.url, **kwargs))
    dialect = url.get_backend_name()
    if dialect not in SUPPORTED_DIALECTS:
        raise Refused(
            f"SQL dialect '{dialect}' is not supported: only {' and '.join(SUPPORTED_DIALECTS)} "
            "(the ones Charley runs on and this command is tested with)."
        )
    if dialect == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(url.database).is_file():
            # Connecting would create an empty database file where Rasa never wrote one.
            raise NoDatabase(url.database)
    return sa.create_engine(url, **create_engine_kwargs(url))


def describe(result: RetentionResult, days: int) -> str:
    cutoff = datetime.fromtimestamp(result.cutoff, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    verb = "Would delete" if result.dry_run else "Deleted"
    suffix = " (dry run: nothing was deleted)" if result.dry_run else ""
    return (
        f"{verb} {result.conversations} conversation(s) and {result.events} event(s) whose last "
        f"event is older than {days} day(s), i.e. before {cutoff}{suffix}."
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    endpoints = Path(args.endpoints)
    try:
        engine = tracker_store_engine(endpoints)
    except Refused as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        return 1
    except NoDatabase as missing:
        print(f"No tracker database at {missing}: nothing to delete.")
        return 0
    try:
        result = forget_conversations(engine, args.older_than_days, dry_run=args.dry_run)
    except sa.exc.SQLAlchemyError as error:
        # Only the driver's own message: SQLAlchemy's would append the statement and parameters.
        reason = str(getattr(error, "orig", None) or type(error).__name__).strip().splitlines()[0]
        print(f"Failed, nothing was deleted: {type(error).__name__}: {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(describe(result, args.older_than_days))
    return 0


if __name__ == "__main__":
    sys.exit(main())
