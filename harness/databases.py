"""The local services the stack tests use: a fresh PostgreSQL database on 127.0.0.1:5432 (trust
auth, user postgres) and Redis on 127.0.0.1:6379. Unreachable means skipped, or failed with CI=true."""

from __future__ import annotations

import os
import uuid
from typing import NoReturn

import pytest
import sqlalchemy

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def skip_or_fail(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def postgres_database() -> tuple[str, str]:
    """Creates an empty database; returns its name and SQLAlchemy URL. Drop it afterwards."""
    name = f"charley_test_{uuid.uuid4().hex[:8]}"
    try:
        engine = sqlalchemy.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(f"CREATE DATABASE {name}"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001 - any failure means the service is not usable here
        skip_or_fail(f"PostgreSQL on 127.0.0.1:5432 is not reachable: {error}")
    return name, f"postgresql://postgres@127.0.0.1:5432/{name}"


def drop_postgres_database(name: str) -> None:
    engine = sqlalchemy.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


def redis_client():
    """A client of the local Redis (db 0), after a successful PING."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=0, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis on 127.0.0.1:6379 is not reachable: {error}")
    return client
