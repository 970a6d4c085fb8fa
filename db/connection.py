"""The one database proxy and the place where a file is opened, configured and upgraded.

SQLite-only settings live here so that a shared PostgreSQL store can be bound to the
same proxy later without touching the core.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

from db import changes

DB_FILENAME = "dahe.sqlite3"

# WAL keeps readers (the GUI) and a writer (an import, a print log) out of each
# other's way; synchronous=1 (NORMAL) is safe with WAL and much faster than FULL.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": 1,
    "cache_size": -16000,
}

database = DatabaseProxy()


def open_database(path: str | Path, *, migrate: bool = True) -> SqliteDatabase:
    """Bind the proxy to the SQLite file at `path`, creating or upgrading its schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        from db.migrations import upgrade

        upgrade(db, path)
    return db


def data_folder() -> Path:
    """The folder of the open data file, where files that travel with it are kept."""
    if database.obj is None:
        raise RuntimeError("no data file is open")
    return Path(database.obj.database).resolve().parent


def close_database() -> None:
    """Close this thread's connection, if the proxy is bound and open."""
    if database.obj is not None and not database.is_closed():
        database.close()


_pending = threading.local()


@contextmanager
def writing(*kinds: str) -> Iterator[None]:
    """One write transaction (a savepoint when nested) that reports the kinds of record
    it changed (`db.changes`) once the outermost transaction commits; nothing is
    reported when it rolls back. Every write of the core goes through here."""
    outer = getattr(_pending, "kinds", None) is None
    if outer:
        _pending.kinds = set()
    try:
        with database.atomic():
            yield
            _pending.kinds.update(kinds)
    except BaseException:
        if outer:
            _pending.kinds = None
        raise
    if outer:
        done, _pending.kinds = _pending.kinds, None
        changes.notify(done)
