"""What went wrong with the store, told apart from SQLite's English text.

SQLite reports a full disk, a lock held by another program or a pulled USB stick as an
`OperationalError` with a sentence; `store_problem()` names the kind so the core can say
it in one Chinese line. The wording lives in `dahe_desktop`, not here.
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


class StoreError(Exception):
    """A store problem of a known `kind` (one of the constants above)."""

    def __init__(self, kind: str, detail: str = "", path: str | None = None):
        self.kind, self.detail, self.path = kind, detail, path
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
_ERRNOS = {errno.ENOSPC: FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY, errno.EIO: IO,
           getattr(errno, "EDQUOT", -1): FULL}  # fmt: skip


def store_problem(error: BaseException | None) -> str | None:
    """The kind of store problem behind `error`, looking through its cause and context
    (a full disk often surfaces as "cannot rollback" with the real cause chained)."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, StoreError):
            return error.kind
        if isinstance(error, sqlite3.Error | peewee.DatabaseError):
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
    return None if kind is None else StoreError(kind, str(error))
