"""What went wrong with the store, told apart from SQLite's English text.

SQLite reports a full disk, a lock held by another program or a pulled USB stick as an
`OperationalError` with a sentence; `store_problem()` names the kind so the core can say
it in one Chinese line. A PostgreSQL server's errors (psycopg, wrapped by Peewee) carry
an SQLSTATE code and map to the same kinds; `on_server()` tells the two apart so the
line can name the server rather than a file. The wording lives in `dahe_desktop`.
"""

from __future__ import annotations

import errno
import sqlite3

import peewee

BUSY = "busy"  # another program holds the write lock past the busy timeout
FULL = "full"  # the disk (or the medium) is full
READ_ONLY = "read_only"  # the file or its folder cannot be written
IO = "io"  # the medium went away or failed (a pulled USB stick)
DAMAGED = "damaged"  # not an SQLite file, or a damaged one
CANT_OPEN = "cant_open"  # the file cannot be opened at all (missing folder, no access)
GONE = "gone"  # the data file is no longer where it was opened (stick pulled, folder moved)


class StoreError(Exception):
    """A store problem of a known `kind` (one of the constants above); `server` when a
    database server reported it rather than the SQLite file."""

    def __init__(self, kind: str, detail: str = "", path: str | None = None, *, server: bool = False):
        self.kind, self.detail, self.path, self.server = kind, detail, path, server
        super().__init__(f"{kind}: {detail}" if detail else kind)


class DamagedDatabaseError(StoreError):
    """`PRAGMA quick_check` found damage, or the file is not SQLite: nothing is written to it."""

    def __init__(self, path: str, detail: str = ""):
        super().__init__(DAMAGED, detail, path)


_MESSAGES = (
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("database or disk is full", FULL),
    ("attempt to write a readonly database", READ_ONLY),
    ("readonly database", READ_ONLY),
    ("disk i/o error", IO),
    ("file is not a database", DAMAGED),
    ("database disk image is malformed", DAMAGED),
    ("unable to open database file", CANT_OPEN),
)
# PostgreSQL's SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html):
# exact codes first, then a whole class by its first two characters.
_SQLSTATES = {
    "53100": FULL,  # disk_full
    "25006": READ_ONLY,  # read_only_sql_transaction (a standby, or default_transaction_read_only)
    "42501": READ_ONLY,  # insufficient_privilege: this account may not change these rows
    "55P03": BUSY,  # lock_not_available: lock_timeout passed while another clerk held the row
    "40001": BUSY,  # serialization_failure
    "40P01": BUSY,  # deadlock_detected
    "57014": BUSY,  # query_canceled: statement_timeout
    "53300": BUSY,  # too_many_connections
    "57P01": IO,  # admin_shutdown: the server was stopped or restarted
    "57P02": IO,  # crash_shutdown
    "57P03": IO,  # cannot_connect_now: the server is starting or stopping
    "58030": IO,  # io_error on the server
    "XX001": DAMAGED,  # data_corrupted
    "XX002": DAMAGED,  # index_corrupted
    "3D000": CANT_OPEN,  # invalid_catalog_name: no such database
}
_SQLSTATE_CLASSES = {
    "08": IO,  # connection_exception
    "28": CANT_OPEN,  # invalid_authorization_specification: wrong user or password
    "53": FULL,  # insufficient_resources
}
# libpq's connection failures come without a code, as text.
_SERVER_MESSAGES = (
    ("password authentication failed", CANT_OPEN),
    ("no pg_hba.conf entry", CANT_OPEN),
    ("does not exist", CANT_OPEN),  # FATAL: role "x" / database "x" does not exist
    ("connection refused", CANT_OPEN),
    ("could not translate host name", CANT_OPEN),
    ("timeout expired", CANT_OPEN),
    ("connection failed", CANT_OPEN),
    ("server closed the connection", IO),
    ("the connection is closed", IO),
    ("consuming input failed", IO),
    ("sending query failed", IO),
    ("connection lost", IO),
)
_ERRNOS = {errno.ENOSPC: FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY, errno.EIO: IO,
           getattr(errno, "EDQUOT", -1): FULL}  # fmt: skip


def _is_driver_error(error: BaseException) -> bool:
    """A psycopg error, told by its module so that SQLite users need not import psycopg."""
    return type(error).__module__.split(".")[0] == "psycopg"


def _server_problem(error: BaseException) -> str | None:
    code = getattr(error, "sqlstate", None)
    if code:
        return _SQLSTATES.get(code) or _SQLSTATE_CLASSES.get(code[:2])
    if type(error).__name__ in ("OperationalError", "InterfaceError"):
        text = str(error).lower()
        for fragment, kind in _SERVER_MESSAGES:
            if fragment in text:
                return kind
    return None


def _chain(error: BaseException | None) -> list[BaseException]:
    found = []
    while error is not None and len(found) < 8:
        found.append(error)
        error = error.__cause__ or error.__context__
    return found


def on_server(error: BaseException | None) -> bool:
    """Whether the store problem behind `error` came from a database server."""
    return any(isinstance(e, StoreError) and e.server or _is_driver_error(e) for e in _chain(error))


def store_problem(error: BaseException | None) -> str | None:
    """The kind of store problem behind `error`, looking through its cause and context
    (a full disk often surfaces as "cannot rollback" with the real cause chained)."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, StoreError):
            return error.kind
        if _is_driver_error(error):
            kind = _server_problem(error)
            if kind is not None:
                return kind
        elif isinstance(error, sqlite3.Error | peewee.DatabaseError):
            text = str(error).lower()
            for fragment, kind in _MESSAGES:
                if fragment in text:
                    return kind
        elif isinstance(error, OSError) and error.errno in _ERRNOS:
            return _ERRNOS[error.errno]
        error = error.__cause__ or error.__context__
        seen += 1
    return None


def as_store_error(error: BaseException) -> StoreError | None:
    """`error` as a `StoreError` when it is a known store problem, else None."""
    if isinstance(error, StoreError):
        return error
    kind = store_problem(error)
    return None if kind is None else StoreError(kind, str(error), server=on_server(error))
