"""The embedded SQLite tracker store in write-ahead-log mode.

Rasa's SQL tracker store commits every turn; with SQLite's defaults (rollback journal,
synchronous=FULL) each commit rewrites the journal and syncs the file twice, about a tenth of a
turn's time (docs/benchmarks.md). WAL with synchronous=NORMAL keeps the database consistent
after a crash of the process or the machine; only the last turns before a power cut may be lost.
Production uses PostgreSQL (deploy/), which this does not touch. Installed on import (every
channel imports the safety net, which imports this) before Rasa opens the tracker store.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _tune(dbapi_connection: Any, _record: Any) -> None:
    if type(dbapi_connection).__module__.split(".")[0] not in ("sqlite3", "pysqlite2"):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def install() -> None:
    if not event.contains(Engine, "connect", _tune):
        event.listen(Engine, "connect", _tune)


install()
