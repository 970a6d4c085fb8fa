"""Backups a clerk can use: one self-contained SQLite file per backup in `backups/`
beside the data file, made every day at start and before every risky step, kept by a
rotation, listed with their contents (restoring one: `dahe_desktop.safety.restoring`).

Features call `backup_before(reason)` before a step that rewrites much (a year
rollover, a plan acceptance, a finalization); imports and restores do it themselves.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dahe_desktop.errors import UserError
from dahe_desktop.safety import labels
from db.backup import (
    copy_database,
    file_facts,
    holds_records,
    is_sqlite_file,
    pinned_snapshot,
)
from db.connection import database, database_file, is_read_only, is_server_store, raw_connection
from db.errors import READ_ONLY, store_problem

BACKUP_FOLDER = "backups"
KEEP_NEWEST = 10  # whatever their age: the copies made before today's imports
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
_NAME = re.compile(r"^dahe-(\d{8})-(\d{6})(?:-(\d+))?-([a-z]+)\.sqlite3$")


class BackupError(UserError):
    """A backup or restore refused; the data file is unchanged."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the list shows it."""

    path: Path
    made: dt.datetime
    reason: str  # slug, see labels.REASONS
    size: int

    @property
    def reason_label(self) -> str:
        return labels.REASONS.get(self.reason, self.reason)


@dataclass(frozen=True)
class BackupContents:
    version: int
    counts: dict[str, int]  # table -> rows

    def summary(self) -> str:
        """`党员 367，支部 20，公开承诺 700` — the tables a clerk knows, in that order."""
        parts = [f"{labels.TABLES[t]} {self.counts[t]}" for t in labels.TABLES if t in self.counts]
        return "，".join(parts)


def backups_dir(database_path: Path | None = None) -> Path:
    path = database_path or live_path()
    return path.parent / BACKUP_FOLDER


def live_path() -> Path:
    if is_server_store():
        raise BackupError(labels.SERVER_BACKUPS)
    path = database_file()
    if path is None:
        raise BackupError("尚未打开数据文件")
    return path


def private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass  # a USB stick formatted FAT has no permissions


def _file_name(reason: str, when: dt.datetime, folder: Path) -> Path:
    base = f"dahe-{when:%Y%m%d-%H%M%S}"
    path = folder / f"{base}-{reason}.sqlite3"
    n = 1
    while path.exists():  # two backups in one second (import right after start)
        n += 1
        path = folder / f"{base}-{n}-{reason}.sqlite3"
    return path


def make_backup(reason: str = "manual", *, folder: str | Path | None = None,
                now: dt.datetime | None = None) -> Path:  # fmt: skip
    """Copy the open data file into one new file (in `backups/`, or `folder`, e.g. a USB
    stick) and apply the rotation to `backups/`. Returns the file written."""
    if reason not in labels.REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    live = live_path()
    target = Path(folder).expanduser() if folder else backups_dir(live)
    if folder and _same_folder(target, backups_dir(live)):
        folder = None  # the backups folder itself: a backup like any other, rotated
    if folder:
        if target.exists() and not target.is_dir():
            raise BackupError(f"{target} 是一个文件，不是文件夹；请选U盘或一个文件夹。")
        if not target.is_dir():
            raise BackupError(f"文件夹不存在：{target}。请插好U盘或选一个已有的文件夹。")
        if _same_folder(target, live.parent):
            raise BackupError(labels.BACKUP_INTO_DATA_FOLDER.format(folder=target))
        if not os.access(target, os.W_OK):
            raise BackupError(labels.BACKUP_PROBLEMS[READ_ONLY].format(folder=target))
        _enough_room(target, live)
    else:
        private_folder(target)
    path = _file_name(reason, now or dt.datetime.now(), target)
    try:
        copy_database(raw_connection(), path)
    except Exception as error:
        kind = store_problem(error)
        if kind in labels.BACKUP_PROBLEMS:
            raise BackupError(labels.BACKUP_PROBLEMS[kind].format(folder=target)) from error
        raise
    if not folder:
        rotate(target, today=(now or dt.datetime.now()).date())
    return path


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _enough_room(folder: Path, live: Path) -> None:
    """Refuse before writing when the stick cannot hold the copy (the file and its WAL
    are an upper bound), rather than fill it and fail half-way."""
    need = sum(p.stat().st_size for p in (live, live.with_name(live.name + "-wal")) if p.exists())
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # said by the copy itself, if it fails
    if free < need:
        raise BackupError(labels.BACKUP_NO_ROOM.format(folder=folder, need=max(1, need // 1_000_000)))


def backup_before(reason: str) -> Path | None:
    """A backup before a step that rewrites much; None when there is nothing to keep
    (an empty new file), the file is read-only (nothing can change it), or the step runs
    inside a larger write (the demo load, an import): that one's backup covers it. A
    database server is backed up by its administrator, not by copying a file here."""
    if is_server_store() or is_read_only() or database.in_transaction() or _is_empty(live_path()):
        return None
    try:
        return make_backup(reason)
    except BackupError as error:  # the step is not taken without its backup: say which step
        step = labels.REASONS[reason].removesuffix("前")
        raise BackupError([f"为安全起见，{step}之前要先备份数据，但 " + error.lines[0]] + error.lines[1:]) from error


def daily_backup(today: dt.date | None = None) -> Path | None:
    """The day's first start makes a backup; later starts that day do nothing."""
    due = due_daily_backup(today)
    return due.make() if due is not None else None


class DueBackup:
    """Today's first backup, due and not made yet: the data file as it was when this was
    made, held by a read transaction of its own (later writes do not reach it), until
    `make()` copies it; the window does that on a worker thread once it shows."""

    def __init__(self, live: Path, today: dt.date):
        self.live, self.today = live, today
        self._source: sqlite3.Connection | None = pinned_snapshot(live)

    def make(self) -> Path | None:
        """Write the backup (None: the file held no records yet) and apply the rotation."""
        source = self._source
        if source is None:
            raise RuntimeError("this backup was made or given up already")
        try:
            if not holds_records(source):
                return None
            folder = backups_dir(self.live)
            private_folder(folder)
            path = copy_database(source, _file_name("daily", dt.datetime.now(), folder))
            rotate(folder, today=self.today)
            return path
        finally:
            self.close()

    def close(self) -> None:
        """Give the snapshot up (without a backup, if `make` did not run)."""
        source, self._source = self._source, None
        if source is not None:
            source.close()


def due_daily_backup(today: dt.date | None = None) -> DueBackup | None:
    """Today's backup if none was made today (and the file can change), with the file's
    present state pinned for it; None otherwise."""
    today = today or dt.date.today()
    if is_server_store():
        return None
    live = live_path()
    if is_read_only() or any(info.made.date() == today for info in list_backups(live)):
        return None
    return DueBackup(live, today)


def _is_empty(path: Path) -> bool:
    counts = file_facts(path).counts
    return not any(rows for table, rows in counts.items() if table != "setting")


def list_backups(database_path: Path | None = None, folder: Path | None = None) -> list[BackupInfo]:
    """The backups in `backups/` (or `folder`), newest first."""
    folder = folder or backups_dir(database_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        info = _parse(path)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match or not path.is_file():
        return None
    day, time = match[1], match[2]  # digits by the pattern; read by slicing, as strptime's
    # first call imports and compiles its locale tables (~20 ms of every start)
    try:
        made = dt.datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(time[:2]), int(time[2:4]), int(time[4:]))
    except ValueError:  # e.g. month 13: not a name this program wrote
        return None
    return BackupInfo(path=path, made=made, reason=match[4], size=path.stat().st_size)


def usable(path: str | Path, held: BackupContents | None = None) -> bool:
    """Whether the file looks like a backup of this program at all (an SQLite file with
    a schema version and members' table): a 0-byte or foreign file is not offered."""
    if not is_sqlite_file(path):
        return False
    held = held or contents(path)
    return held.version >= 1 and "member" in held.counts


def contents(path: str | Path) -> BackupContents:
    """What a backup holds (read without writing to it)."""
    facts = file_facts(path)
    return BackupContents(version=facts.version, counts=facts.counts)


def kept(backups: Iterable[BackupInfo], today: dt.date) -> set[Path]:
    """Which backups the rotation keeps: the newest few, then the newest of each of
    the last 7 days, 8 weeks and 12 months that have one."""
    ordered = sorted(backups, key=lambda b: (b.made, b.path.name), reverse=True)
    keep = {b.path for b in ordered[:KEEP_NEWEST]}
    for limit, bucket in (
        (KEEP_DAILY, lambda d: d.date()),
        (KEEP_WEEKLY, lambda d: tuple(d.date().isocalendar())[:2]),
        (KEEP_MONTHLY, lambda d: (d.year, d.month)),
    ):
        seen: list[object] = []
        for backup in ordered:
            key = bucket(backup.made)
            if key in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(key)
            keep.add(backup.path)
    return keep


def rotate(folder: Path, today: dt.date | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns them."""
    backups = list_backups(folder=folder)
    keep = kept(backups, today or dt.date.today())
    dropped = [b.path for b in backups if b.path not in keep]
    for path in dropped:
        path.unlink(missing_ok=True)
    return dropped


@dataclass(frozen=True)
class BackupRow:
    """A backup as the 备份与恢复 dialog lists it."""

    path: Path
    made: dt.datetime
    reason: str  # Chinese
    contents: str  # e.g. 党员 367，支部 20
    size_kb: int


def overview(folder: Path | None = None) -> list[BackupRow]:
    """The backups newest first, each with what it holds (a damaged one says so)."""
    rows = []
    for info in list_backups(folder=folder) if folder else list_backups():
        try:
            held = contents(info.path)
            summary = held.summary() if usable(info.path, held) else "（不是完整的备份，不能恢复）"
        except Exception:  # noqa: BLE001 - a damaged copy is listed as such, not hidden
            summary = "（文件已损坏，不能恢复）"
        rows.append(BackupRow(info.path, info.made, info.reason_label, summary, max(1, info.size // 1024)))
    return rows
