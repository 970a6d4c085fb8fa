"""The one database proxy and the place where a file is opened, configured and upgraded.

SQLite-only settings live here; a shared PostgreSQL store is bound to the same proxy by
`bind_database`, and the core does not know which one it talks to.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
from peewee import DatabaseProxy, SqliteDatabase

from db import changes
from db.backup import CheckAhead, check_file, checkpoint, read_only_uri
from db.errors import GONE, READ_ONLY, DamagedDatabaseError, StoreError, as_store_error

DB_FILENAME = "dahe.sqlite3"

# WAL keeps readers (the GUI) and a writer (an import, a print log) out of each
# other's way. synchronous=FULL syncs the WAL at every commit, so a committed import
# survives a power cut; bench/durability.py measured its cost on a 30,000-row import
# (a few per cent: one sync per transaction, and imports are one transaction).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": 2,
    "cache_size": -16000,
}
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 5000, "cache_size": -16000}

# The PostgreSQL twin of busy_timeout: a write waits this long for rows another clerk is
# writing, then fails as BUSY (the server's default is to wait for ever).
SERVER_LOCK_TIMEOUT_MS = PRAGMAS["busy_timeout"]
# Every session's settings on a server, as the pragmas are the file's: the lock wait above,
# and sort memory enough for the county roster's order (100,000 members) to sort in memory
# (the server's default, 4 MB, spills it to disk). A limit per sort, not per server.
SERVER_SETTINGS = {"lock_timeout": str(SERVER_LOCK_TIMEOUT_MS), "work_mem": "16MB"}

database = DatabaseProxy()


class _Opened:
    path: Path | None = None
    folder: Path | None = None  # where files that travel with a server store are kept
    read_only: bool = False
    identity: tuple[int, int] | None = None  # the file opened (device, inode), to see it vanish


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


_opened = _Opened()


def folder_is_writable(path: Path) -> bool:
    """Whether the file at `path` (or its folder, for a new file) can be written."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def open_database(
    path: str | Path,
    *,
    migrate: bool = True,
    read_only: bool | None = None,
    before_migration: Callable[[int], object] | None = None,
    checked: CheckAhead | None = None,
) -> SqliteDatabase:
    """Bind the proxy to the SQLite file at `path`, creating or upgrading its schema.

    An existing file is checked first (`PRAGMA quick_check`, on a read-only connection):
    a damaged one raises `DamagedDatabaseError` and is never written to. `read_only`
    (default: when the folder or file cannot be written) opens it without writing.
    `before_migration(version)` runs before an upgrade (a backup); without it the file
    is copied aside as `<name>.v<N>.bak`. `checked`: that check, begun earlier."""
    path = Path(path)
    if read_only is None:
        read_only = not folder_is_writable(path)
    existing = path.exists() and path.stat().st_size > 0
    if existing:
        problems = checked.problems(path) if checked is not None else check_file(path)
        if problems:
            raise DamagedDatabaseError(str(path), "; ".join(problems[:3]))
    elif read_only:
        raise StoreError(READ_ONLY, "the folder is read-only and holds no data file", str(path))
    if read_only:
        probe = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            probe.execute("SELECT 1 FROM sqlite_master").fetchall()
            uri = read_only_uri(path)
        except sqlite3.Error:  # a read-only folder without the WAL index beside the file
            uri = read_only_uri(path, immutable=True)
        finally:
            probe.close()
        db = SqliteDatabase(uri, uri=True, pragmas=READ_ONLY_PRAGMAS)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.initialize(db)
    _opened.path, _opened.folder, _opened.read_only = path, None, read_only
    db.connect(reuse_if_open=True)
    _opened.identity = None if read_only else _file_identity(path)
    if migrate:
        from db.migrations import CURRENT_VERSION, schema_version, upgrade

        if read_only:
            if schema_version(db) < CURRENT_VERSION:
                close_database()
                raise StoreError(READ_ONLY, "an older file on a read-only medium cannot be upgraded", str(path))
        else:
            upgrade(db, path, backup=before_migration)
    return db


def bind_database(db: peewee.Database, *, folder: str | Path | None = None, migrate: bool = True) -> peewee.Database:
    """Bind the proxy to a database made elsewhere (a PostgreSQL server: `db.server`, the
    tests) and upgrade its schema. `folder` is the local folder for the files that travel
    with the data (logos, logs); a server keeps its own backups, so none are made here."""
    server = isinstance(db, peewee.PostgresqlDatabase)
    if server:
        options = db.connect_params.get("options", "")
        for name, value in SERVER_SETTINGS.items():  # every new connection, the workers' threads' too
            if f"{name}=" not in options:
                options = f"{options} -c {name}={value}".strip()
        db.connect_params["options"] = options
    was_open = not db.is_closed()
    database.initialize(db)
    _opened.path, _opened.read_only, _opened.identity = None, False, None
    _opened.folder = Path(folder) if folder is not None else None
    db.connect(reuse_if_open=True)
    if server and was_open:  # connected before the options were added: this session too
        for name, value in SERVER_SETTINGS.items():
            db.execute_sql("SELECT set_config(%s, %s, false)", (name, value))
    if migrate:
        from db.migrations import upgrade

        upgrade(db)
    return db


def is_server_store() -> bool:
    """Whether the proxy is bound to a database server rather than a local SQLite file."""
    return database.obj is not None and not isinstance(database.obj, SqliteDatabase)


def account_township() -> int | None:
    """The township of the server account that is logged in (a township account's), None
    for a county clerk and on a file (a file is its one township's)."""
    if not is_server_store():
        return None
    from db.pg.security import account_township as on_server

    return on_server(database.obj)


def id_number_elsewhere(id_number: str) -> bool:
    """On the county's server: whether a member this login cannot see (another township's)
    has this ID number. Always False on a file, which sees all of its members."""
    if not is_server_store() or not id_number:
        return False
    from db.pg.security import id_number_taken

    return id_number_taken(database.obj, id_number)


def data_folder() -> Path:
    """The folder of the open data file (or the folder given to `bind_database`), where
    files that travel with the data are kept."""
    if database.obj is not None and _opened.path is not None:
        return _opened.path.resolve().parent
    if database.obj is not None and _opened.folder is not None:
        return _opened.folder
    raise RuntimeError("no data file is open")


def database_file() -> Path | None:
    """The file the proxy is bound to (None before `open_database`)."""
    return _opened.path if database.obj is not None else None


def is_read_only() -> bool:
    return _opened.read_only


def close_database(*, checkpoint_wal: bool = True) -> None:
    """Checkpoint the WAL into the main file (so the file alone is complete) and close
    this thread's connection, if the proxy is bound and open."""
    if database.obj is not None and not database.is_closed():
        if checkpoint_wal and not _opened.read_only and isinstance(database.obj, SqliteDatabase):
            try:
                checkpoint(database.connection())
            except (sqlite3.Error, peewee.DatabaseError):
                pass  # another reader is still on it: SQLite checkpoints the rest later
        database.close()


def checkpoint_now() -> None:
    """The file alone is complete after this (the CLI calls it after a command wrote)."""
    if database.obj is not None and not _opened.read_only and isinstance(database.obj, SqliteDatabase):
        checkpoint(database.connection())


def raw_connection() -> sqlite3.Connection:
    """This thread's sqlite3 connection, for `db.backup` (backups, restores)."""
    return database.connection()


_pending = threading.local()

# Checks run inside the outermost write just before it commits, given what it wrote
# (`WriteRecord`); one that raises rolls the write back. The audit registers its own.
_commit_checks: list[Callable[[WriteRecord], None]] = []


class WriteRecord:
    """What one outermost write did, table by table: the fields it set (`"*"` for rows
    inserted, `"-"` for rows deleted), and the tables whose changes it logged."""

    __slots__ = ("written", "logged", "unlogged")

    def __init__(self, unlogged: str | None = None):
        self.written: dict[str, set[str]] = {}
        self.logged: set[str] = set()
        self.unlogged = unlogged  # why this write is not audited (a demo township), or None


def before_commit(check: Callable[[WriteRecord], None]) -> None:
    """Run `check` before every outermost write commits."""
    if check not in _commit_checks:
        _commit_checks.append(check)


def current_write() -> WriteRecord | None:
    """The outermost write open on this thread, or None outside `writing()`."""
    return getattr(_pending, "record", None)


def _begin_write():
    """On SQLite the outermost write starts IMMEDIATE: it takes the write lock first, so
    the busy timeout applies (a deferred transaction that reads first fails at once).

    Its PostgreSQL twin is a plain transaction at the server's READ COMMITTED: rows are
    locked as they are written and a second writer waits for them (up to the server's
    lock_timeout), readers never wait for writers, and there is no lock upgrade that
    could fail, so nothing needs taking first. SERIALIZABLE would turn two clerks'
    overlapping writes into serialization failures every caller must retry; lost updates
    are refused by record versions instead, and uniqueness races still end in an
    IntegrityError that the core turns into a `UserError`."""
    if isinstance(database.obj, SqliteDatabase) and database.transaction_depth() == 0:
        _still_there()
        return database.atomic(lock_type="IMMEDIATE")
    return database.atomic()


def _still_there() -> None:
    """The data file is still the one opened. A USB stick pulled, or the folder moved or
    deleted while the program runs, would otherwise take the next saves (on Linux they
    go on into the deleted file, and are lost when the program closes)."""
    if _opened.identity is not None and _opened.path is not None and _file_identity(_opened.path) != _opened.identity:
        raise StoreError(GONE, "the data file is no longer where it was opened", str(_opened.path))


@contextmanager
def writing(*kinds: str, unlogged: str | None = None) -> Iterator[None]:
    """One write transaction (a savepoint when nested) that reports the kinds of record
    it changed (`db.changes`) once the outermost transaction commits; nothing is
    reported when it rolls back. Every write of the core goes through here.
    `unlogged`: why this write's changes are not audited (building the demo township).
    A locked file, a full disk or a read-only medium raises `db.errors.StoreError`."""
    outer = getattr(_pending, "kinds", None) is None
    if outer:
        _pending.kinds, _pending.record = set(), WriteRecord(unlogged)
    elif unlogged:
        _pending.record.unlogged = unlogged
    try:
        with _begin_write():
            yield
            _pending.kinds.update(kinds)
            if outer:
                for check in _commit_checks:
                    check(_pending.record)
    except BaseException as error:
        if outer:
            _pending.kinds = _pending.record = None
        if isinstance(error, sqlite3.Error | peewee.DatabaseError | peewee.InterfaceError | OSError):
            store = as_store_error(error)
            if store is not None and store is not error:
                raise store from error
        raise
    if outer:
        done, _pending.kinds, _pending.record = _pending.kinds, None, None
        changes.notify(done)
