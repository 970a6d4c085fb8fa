"""A throwaway PostgreSQL database bound to the proxy, for tests that must also hold on
a server: skipped unless `DAHE_TEST_PG` names one (e.g. `postgresql://user@host:port/postgres`)."""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlparse

import pytest
from peewee import PostgresqlDatabase

from db import database


@pytest.fixture
def pg_database():
    url = os.environ.get("DAHE_TEST_PG")
    if not url:
        pytest.skip("DAHE_TEST_PG not set")
    from db.migrations import upgrade

    parts = urlparse(url)
    server = dict(host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password)
    name = f"versions_{uuid.uuid4().hex[:8]}"
    admin = PostgresqlDatabase(parts.path.lstrip("/") or "postgres", prefer_psycopg3=True, **server)
    admin.execute_sql(f'CREATE DATABASE "{name}"')
    previous = database.obj
    db = PostgresqlDatabase(name, prefer_psycopg3=True, **server)
    database.initialize(db)
    try:
        upgrade(db)
        yield db
    finally:
        database.close()
        database.initialize(previous)
        admin.execute_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()
