"""The PostgreSQL half of the test suite: one database per session, emptied between tests.

`DAHE_TEST_PG` holds the DSN of a server where the tests may create databases (e.g.
`postgresql://dahe@127.0.0.1:5432/postgres`, printed by `.ci/pg-cluster.sh`). A fresh
database per test costs a CREATE DATABASE each; emptying the migrated one costs a few
milliseconds and leaves ids starting at 1 as in a new SQLite file.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

import peewee

ENV = "DAHE_TEST_PG"
PREFIX_ENV = "DAHE_TEST_PG_PREFIX"  # a shared development server: names of your own


def dsn() -> str | None:
    return os.environ.get(ENV) or None


def connect_args(url: str) -> dict:
    """Peewee's keyword arguments for a `postgresql://user:pw@host:port/db` DSN."""
    parts = urlsplit(url)
    args = {"host": parts.hostname or "127.0.0.1", "port": parts.port or 5432, "user": unquote(parts.username or "")}
    if parts.password:
        args["password"] = unquote(parts.password)
    return args


def maintenance_db(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "postgres"


def make_database(url: str, name: str) -> peewee.PostgresqlDatabase:
    """A handle on database `name` of the server at `url` (not yet connected)."""
    return peewee.PostgresqlDatabase(name, prefer_psycopg3=True, **connect_args(url))


class Server:
    """Databases made by this test session on the server; dropped at its end."""

    def __init__(self, url: str):
        self.url = url
        self.prefix = f"{os.environ.get(PREFIX_ENV) or 'dahe_test'}_{secrets.token_hex(4)}"
        self.made: list[str] = []

    def _admin(self, sql: str) -> None:
        admin = make_database(self.url, maintenance_db(self.url))
        admin.connect()
        try:
            admin.connection().autocommit = True  # CREATE/DROP DATABASE refuse a transaction
            admin.execute_sql(sql)
        finally:
            admin.close()

    def create(self, suffix: str) -> peewee.PostgresqlDatabase:
        name = f"{self.prefix}_{suffix}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        self.made.append(name)
        return make_database(self.url, name)

    def drop_all(self) -> None:
        for name in reversed(self.made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made.clear()


def empty(db: peewee.PostgresqlDatabase) -> None:
    """Remove every row but the schema version and restart the ids at 1, as in a new file.
    DELETE in foreign-key order (children first) and setval: TRUNCATE gives every table
    and index new files, about a second for the 36 tables; this takes milliseconds."""
    from db.models import ALL_MODELS

    tables = [m._meta.table_name for m in reversed(peewee.sort_models(ALL_MODELS))]
    db.execute_sql("".join(f'DELETE FROM "{t}";' for t in tables)
                   + "SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'"
                   " AND relnamespace = current_schema()::regnamespace")  # fmt: skip


@contextmanager
def scratch_bound(suffix: str) -> Iterator[peewee.PostgresqlDatabase]:
    """A new, migrated database on the DAHE_TEST_PG server bound to the proxy for the
    block (what was bound before is bound again after), dropped at its end; skips the
    test without a server."""
    import pytest

    from db import database
    from db.migrations import upgrade

    url = dsn()
    if not url:
        pytest.skip(f"{ENV} is not set: no PostgreSQL server to test against")
    server = Server(url)
    previous = database.obj
    db = server.create(suffix)
    database.initialize(db)
    try:
        upgrade(db)
        yield db
    finally:
        db.close()
        database.initialize(previous)
        server.drop_all()
