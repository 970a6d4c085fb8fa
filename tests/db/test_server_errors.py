"""A PostgreSQL server's failures reach the clerk as the store kinds, in a server's words.

Real failures provoked on the test server (DAHE_TEST_PG), except a full disk, which a
test cannot cause safely: that one is psycopg's own error class, wrapped as Peewee does.
"""

from __future__ import annotations

import socket
import threading

import peewee
import pytest

from dahe_desktop.errors import error_lines
from dahe_desktop.safety.labels import SERVER_PROBLEMS, STORE_PROBLEMS
from db import errors as store
from db import writing
from db.models import Branch
from tests.helpers import pg


@pytest.fixture
def server(db):
    """The `db` fixture when it is a PostgreSQL database (DAHE_TEST_PG), else skipped."""
    if not isinstance(db, peewee.PostgresqlDatabase):
        pytest.skip("needs a PostgreSQL server (DAHE_TEST_PG)")
    return db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _other(db: peewee.PostgresqlDatabase, **changes) -> peewee.PostgresqlDatabase:
    """A second connection to the same database (another clerk)."""
    args = {**db.connect_params, **changes}
    return peewee.PostgresqlDatabase(db.database, prefer_psycopg3=True, **args)


def _server_line(error: BaseException, kind: str) -> None:
    assert store.store_problem(error) == kind and store.on_server(error)
    assert error_lines(error) == [SERVER_PROBLEMS[kind]]


def test_every_store_kind_has_a_server_line():
    assert SERVER_PROBLEMS.keys() == STORE_PROBLEMS.keys()


def test_a_server_that_is_not_there_cannot_be_opened(pg_server):
    db = pg.make_database(pg_server.url, "postgres")
    db.connect_params["port"] = _free_port()  # nothing listens there
    with pytest.raises(peewee.OperationalError) as refused:
        db.connect()
    _server_line(refused.value, store.CANT_OPEN)


def test_a_wrong_account_cannot_open_the_store(pg_server):
    db = _other(pg.make_database(pg_server.url, "postgres"), user="dahe_no_such_clerk")
    with pytest.raises(peewee.OperationalError) as refused:
        db.connect()
    _server_line(refused.value, store.CANT_OPEN)


def test_a_lost_connection_is_a_broken_link_not_a_bug(server):
    db = server
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin = _other(db)
    admin.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
    admin.close()
    with pytest.raises(store.StoreError) as lost, writing("branches"):
        Branch.create(name="一村党支部", kind="农牧村")
    assert lost.value.kind == store.IO and lost.value.server
    _server_line(lost.value, store.IO)
    db.close()  # the fixture reconnects for the next test


def test_a_row_held_past_the_lock_timeout_is_busy_and_nothing_is_saved(server):
    db = server
    branch = Branch.create(name="一村党支部", kind="农牧村")
    other = _other(db)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with other.atomic():
            other.execute_sql("UPDATE branch SET village = 'x' WHERE id = %s", (branch.id,))
            held.set()
            release.wait(10)
        other.close()

    clerk = threading.Thread(target=hold)
    clerk.start()
    try:
        assert held.wait(10)
        with pytest.raises(store.StoreError) as busy, writing("branches"):
            db.execute_sql("SET LOCAL lock_timeout = '100ms'")
            Branch.update(village="大河村").where(Branch.id == branch.id).execute()
    finally:
        release.set()
        clerk.join()
    _server_line(busy.value, store.BUSY)
    assert Branch.get_by_id(branch.id).village == "x"


def test_a_serialization_failure_is_busy(server):
    db = server
    branch = Branch.create(name="一村党支部", kind="农牧村")
    other = _other(db)
    with pytest.raises(store.StoreError) as busy, writing("branches"):
        db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        Branch.select().count()  # the snapshot is taken here
        other.execute_sql("UPDATE branch SET village = 'x' WHERE id = %s", (branch.id,))
        Branch.update(village="大河村").where(Branch.id == branch.id).execute()
    other.close()
    _server_line(busy.value, store.BUSY)


def test_a_read_only_server_refuses_the_write_in_a_server_line(server):
    db = server
    with pytest.raises(store.StoreError) as refused, writing("branches"):
        db.execute_sql("SET TRANSACTION READ ONLY")
        Branch.create(name="一村党支部", kind="农牧村")
    _server_line(refused.value, store.READ_ONLY)
    assert Branch.select().count() == 0


def test_an_account_without_the_right_is_refused_in_a_server_line(server):
    db = server
    role = f"{db.database}_reader"
    db.execute_sql(f'CREATE ROLE "{role}" LOGIN')
    try:
        reader = _other(db, user=role)
        try:
            with pytest.raises(peewee.ProgrammingError) as refused:
                reader.execute_sql("INSERT INTO branch (name, kind, village, sort_order, created_at)"
                                   " VALUES ('一村党支部', '农牧村', '', 1, now())")  # fmt: skip
        finally:
            reader.close()
    finally:
        db.execute_sql(f'DROP ROLE "{role}"')
    assert store.store_problem(refused.value) == store.READ_ONLY and store.on_server(refused.value)
    (line,) = error_lines(refused.value)  # the refused table named, and whom to ask
    assert "服务器拒绝" in line and "branch" in line and "管理员" in line


def test_a_full_disk_on_the_server_is_full():
    psycopg = pytest.importorskip("psycopg")
    try:
        try:
            raise psycopg.errors.DiskFull("could not extend file: No space left on device")
        except psycopg.Error as driver:
            raise peewee.OperationalError(driver, *driver.args) from driver
    except peewee.OperationalError as wrapped:
        _server_line(wrapped, store.FULL)


def test_sqlite_problems_keep_the_file_line():
    error = peewee.OperationalError("database is locked")
    assert store.store_problem(error) == store.BUSY and not store.on_server(error)
    assert error_lines(error) == [STORE_PROBLEMS[store.BUSY]]


def test_a_write_waits_for_another_clerk_as_long_as_for_a_locked_file(server):
    from db.connection import PRAGMAS

    assert server.execute_sql("SHOW lock_timeout").fetchone()[0] == f"{PRAGMAS['busy_timeout'] // 1000}s"


def test_a_server_session_sorts_the_county_roster_in_memory(server):
    """Sort memory per session: 100,000 members' order spills to disk at the default 4 MB."""
    assert server.execute_sql("SHOW work_mem").fetchone()[0] == "16MB"


def test_a_server_connected_before_binding_waits_as_long_too(pg_server):
    from db.connection import bind_database

    made = pg.make_database(pg_server.url, "postgres")
    made.connect()
    try:
        bind_database(made, migrate=False)
        assert made.execute_sql("SHOW lock_timeout").fetchone()[0] == "5s"
        assert made.execute_sql("SHOW work_mem").fetchone()[0] == "16MB"
    finally:
        made.close()
