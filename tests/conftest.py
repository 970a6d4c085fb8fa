"""Shared fixtures: offscreen Qt, and a fresh temporary database for every test.

The `db` fixture is a new SQLite file; with `DAHE_TEST_PG` set to a server's DSN it is
an emptied PostgreSQL database instead (`tests/helpers/pg.py`), and the tests that
cannot run there are skipped: those marked `sqlite_only` (files, WAL, locks) and those
that never use the store (the SQLite run covers them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Offscreen, on the commonest office screen (1366×768) rather than Qt's default 800×600,
# so every window and dialog is laid out as on the clerk's laptop.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'fixtures' / 'screen_1366x768.json'}"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# Every test's writes are checked against the audit log: a logged table changed without a
# word in the log fails the test (and the child processes the tests start, `db.audit`).
os.environ["DAHE_AUDIT_STRICT"] = "1"

from db import close_database, open_database  # noqa: E402
from db.connection import bind_database  # noqa: E402
from tests.helpers import pg  # noqa: E402

PG_DSN = pg.dsn()


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): needs the SQLite file store (skipped on PostgreSQL)")
    config.addinivalue_line("markers", "uses_server: makes its own databases on the DAHE_TEST_PG server")


def _uses_server(item) -> bool:
    """Whether a test talks to the store on the server: through the `db` or `pg_server`
    fixture (or `pg_database`), marked `uses_server`, or skipped without DAHE_TEST_PG by its own marker."""
    if {"db", "pg_server", "pg_database"} & set(item.fixturenames) or item.get_closest_marker("uses_server"):
        return True
    return any(pg.ENV in str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif"))


def pytest_collection_modifyitems(config, items) -> None:
    if PG_DSN is None:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "a file store")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        elif not _uses_server(item):
            item.add_marker(pytest.mark.skip(reason="does not use the store: the SQLite run covers it"))


@pytest.fixture(scope="session")
def pg_server():
    """The session's databases on the server named by DAHE_TEST_PG (dropped at the end)."""
    if PG_DSN is None:
        pytest.skip("DAHE_TEST_PG is not set: no PostgreSQL server to test against")
    server = pg.Server(PG_DSN)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def pg_store(pg_server):
    """One migrated database for the whole session; `db` empties it after each test."""
    database = pg_server.create("core")
    bind_database(database)
    yield database
    database.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder for CLI runs (`--data-dir`) holding a new, empty data file (a folder
    without one makes the CLI say that it created one)."""
    path = tmp_path / "data"
    path.mkdir()
    open_database(path / "dahe.sqlite3")
    close_database()
    return path


@pytest.fixture
def db(request, tmp_path: Path):
    """The proxy bound to a new, migrated SQLite file for this test only (with
    DAHE_TEST_PG: to the session's PostgreSQL database, emptied after the test)."""
    from ui.background import wait_for_background

    if PG_DSN is not None:
        database = bind_database(request.getfixturevalue("pg_store"), folder=tmp_path, migrate=False)
        yield database
        wait_for_background()
        if database.in_transaction():  # a test that failed inside a write
            database.rollback()
        database.connect(reuse_if_open=True)
        pg.empty(database)
        return
    database = open_database(tmp_path / "test.sqlite3")
    yield database
    wait_for_background()  # no worker may outlive its test's database
    close_database()
