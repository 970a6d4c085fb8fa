"""Copies of the SQLite file: SQLite's online backup into one self-contained file,
facts about a copy (version, rows per table), a check, and restoring a copy in place.

Raw SQLite lives here; `dahe_desktop.safety.backups` decides when and where.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from db.errors import CANT_OPEN, DAMAGED, FULL, IO, DamagedDatabaseError, StoreError, store_problem

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileFacts:
    """What a database file holds: its schema version and the rows of each table."""

    version: int
    counts: dict[str, int]


def read_only_uri(path: str | Path, *, immutable: bool = False) -> str:
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that can never write to `path` (missing file: an error, not a new file).
    On a read-only medium (a write-protected stick, a CD) a WAL file cannot be read
    without creating its index beside it: the file is then read as immutable."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.OperationalError:
        return sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError as error:
        conn.close()
        if os.access(Path(path).parent, os.W_OK) or "unable to open" not in str(error):
            raise
        return sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    return conn


def is_sqlite_file(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def quick_check(connection: sqlite3.Connection) -> list[str]:
    """SQLite's `quick_check`: empty when the file is sound, else what it found."""
    rows = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def check_file(path: str | Path, *, full: bool = False) -> list[str]:
    """Problems found in the file at `path` without writing to it (empty: sound).
    `full` runs integrity_check (slower: also checks indexes against tables).

    A file that cannot be read for a reason outside it (locked by another program, a
    full disk, a pulled stick) is not damaged: that raises `StoreError` of its kind, so
    no one is told to give a sound file up for an older backup."""
    if Path(path).is_dir():
        return ["a folder, not a file"]
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as error:
        return _damage_or_raise(error, path)
    try:
        if full:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            return [] if rows == ["ok"] else rows
        return quick_check(conn)
    except sqlite3.Error as error:
        return _damage_or_raise(error, path)
    finally:
        conn.close()


def _damage_or_raise(error: sqlite3.Error, path: str | Path) -> list[str]:
    kind = store_problem(error)
    if kind is None or kind == DAMAGED:
        return [str(error)]
    if kind in (IO, CANT_OPEN) and _nearly_full(Path(path).parent):
        kind = FULL  # SQLite says "disk I/O error" when it cannot grow the WAL index
    raise StoreError(kind, str(error), str(path)) from error


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1 << 20
    except OSError:
        return False


def _identity(path: Path) -> tuple[tuple[int, int, int], ...]:
    """What changes when the file (or its WAL) is written to or replaced. An empty WAL
    is no WAL (a read-only connection, the check's own, may leave one behind)."""
    out = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            st = part.stat()
        except OSError:
            out.append((0, 0, 0))
            continue
        out.append((st.st_ino, st.st_size, st.st_mtime_ns) if st.st_size else (0, 0, 0))
    return tuple(out)


class CheckAhead:
    """`check_file(path)` started early on a thread of its own, so the check runs while
    the program is still loading (SQLite works without the GIL: the second core does
    it). `problems()` is the result, or a check made now if the file changed since."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self._identity = _identity(self.path)
        self._problems: list[str] | None = None
        self._thread = threading.Thread(target=self._run, name="check-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._problems = check_file(self.path)
        except StoreError:
            pass  # locked, full: `problems()` checks again and raises it where it is shown

    def problems(self, path: str | Path) -> list[str]:
        """The problems of the file at `path`: the early check's when it was this file,
        unchanged since the check began; else a check now."""
        self._thread.join()
        path = Path(path).resolve()
        if path != self.path or self._problems is None or _identity(path) != self._identity:
            return check_file(path)
        return self._problems


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: sqlite3.Connection, dest: str | Path) -> Path:
    """Copy the committed state of `source` into a new single file `dest` (no WAL beside
    it), checked and synced, then renamed into place: a kill leaves no half copy."""
    dest = Path(dest)
    part = dest.with_name(f".{dest.name}.part")
    try:
        part.unlink(missing_ok=True)
        target = sqlite3.connect(part)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            problems = quick_check(target)
        finally:
            target.close()
        if problems:
            raise DamagedDatabaseError(str(dest), "; ".join(problems[:3]))
        try:
            os.chmod(part, 0o600)
        except PermissionError:
            pass  # a stick formatted FAT has no permissions to set (Linux refuses chmod there)
        _fsync(part)
        os.replace(part, dest)
    except BaseException:
        # A full stick or a kill-free failure leaves nothing behind (a half copy holds
        # personal data and the room the clerk needs).
        for leftover in (part, part.with_name(part.name + "-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass  # a medium that went away
        raise
    return dest


def file_facts(path: str | Path) -> FileFacts:
    """Schema version and row counts of every table, read without writing."""
    conn = connect_read_only(path)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {}
        for table in tables:
            counts[table] = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        version = 0
        if "schema_version" in tables:
            version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        counts.pop("schema_version", None)
        return FileFacts(version=version, counts=counts)
    finally:
        conn.close()


def table_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """The file's tables and the columns of each (SQLite's own tables left out)."""
    tables = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {table: {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')} for table in tables}


def restore_into(backup: str | Path, live: sqlite3.Connection) -> None:
    """Replace the whole content of the live database with the backup's, in one step
    (the backup API writes the pages in a transaction: a kill leaves the old content)."""
    source = connect_read_only(backup)
    try:
        source.backup(live)
    finally:
        source.close()


def checkpoint(connection: sqlite3.Connection) -> None:
    """Move everything from the WAL into the main file and empty the WAL, so the file
    alone is complete (what a clerk copies to a USB stick)."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def pinned_snapshot(path: str | Path) -> sqlite3.Connection:
    """A read-only connection holding a read transaction: it sees the file as it is now,
    whatever is written after, until it is closed (WAL keeps that state for it). Usable
    from another thread (a backup made later on a worker, of the file as it was opened)."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # the snapshot starts here
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def holds_records(conn: sqlite3.Connection, ignoring: tuple[str, ...] = ("setting",)) -> bool:
    """Whether any table other than `ignoring` (and the schema version) has a row."""
    tables = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if row[0] not in ignoring and row[0] != "schema_version"
    ]
    return any(conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0] for table in tables)
