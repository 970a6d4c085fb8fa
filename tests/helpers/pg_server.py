"""A throwaway PostgreSQL database (and login roles) per test, on the server named by
DAHE_TEST_PG (a DSN where tests may create databases and roles); tests skip without it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import peewee
import pytest

DSN = os.environ.get("DAHE_TEST_PG", "")
PREFIX = "pgserver_"
needs_pg = pytest.mark.skipif(not DSN, reason="DAHE_TEST_PG (a PostgreSQL server for tests) is not set")


def conninfo(**changes: object) -> dict:
    from psycopg.conninfo import conninfo_to_dict

    return {**conninfo_to_dict(DSN), **changes}


def use_its_password() -> None:
    """The program takes a password from the credential store or libpq's PGPASSWORD; a
    test server's DSN may carry one."""
    password = conninfo().get("password") if DSN else None
    if password:
        os.environ.setdefault("PGPASSWORD", str(password))


use_its_password()


def admin():
    import psycopg

    return psycopg.connect(**conninfo(), autocommit=True)


class Scratch:
    """A new database and the roles a test made; all dropped afterwards."""

    def __init__(self) -> None:
        self.tag = uuid.uuid4().hex[:8]
        self.name = f"{PREFIX}{self.tag}"
        self.roles: list[str] = []

    def role(self, suffix: str) -> str:
        name = f"{PREFIX}{self.tag}_{suffix}"
        self.roles.append(name)
        return name

    def database(self) -> peewee.PostgresqlDatabase:
        info = conninfo(dbname=self.name)
        return peewee.PostgresqlDatabase(info.pop("dbname"), prefer_psycopg3=True, **info)

    def config(self, user: str | None = None):
        from db.server import ServerConfig

        info = conninfo()
        return ServerConfig(host=str(info.get("host", "localhost")), port=int(info.get("port", 5432)),
                            database=self.name, user=user or str(info.get("user", "")))


@contextmanager
def scratch_database() -> Iterator[Scratch]:
    scratch = Scratch()
    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{scratch.name}"')
    try:
        yield scratch
    finally:
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch.name}" WITH (FORCE)')
            for role in scratch.roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
