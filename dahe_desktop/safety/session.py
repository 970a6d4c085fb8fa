"""Opening the data folder the way both front ends do: take the one-writer lock,
check the file, say when a new empty file was made, open read-only where nothing can
be written, back up before an upgrade and once a day, keep the files private."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from dahe_desktop.errors import UserError
from dahe_desktop.safety import backups, restoring
from dahe_desktop.safety.labels import STORE_PROBLEMS
from dahe_desktop.safety.lock import DataLock
from dahe_desktop.safety.outputs import clean_private_temp
from db.backup import CheckAhead, check_file
from db.connection import close_database, folder_is_writable, open_database
from db.errors import DamagedDatabaseError, StoreError
from db.migrations import SchemaTooNewError


class DamagedDataFile(UserError):
    """The data file is damaged and was not opened; `backup` is the newest good one."""

    def __init__(self, path: Path, backup: backups.BackupInfo | None, *, emptied: bool = False):
        self.path, self.backup = path, backup
        what = ("文件是空的（0字节），而旁边有备份：数据可能已丢失（同步软件或磁盘出错？）"
                if emptied else "文件已损坏或不是本程序的数据文件")  # fmt: skip
        line = f"无法打开数据文件 {path}：{what}，程序不会写入它；"
        if backup is not None:
            line += (
                f"最近一份完好的备份是 {backup.path}（{backup.made:%Y-%m-%d %H:%M}，{backup.reason_label}），"
                f"打开窗口时点“恢复这份备份”，或用命令 main.py restore \"{backup.path}\" 恢复。"
            )
        else:
            line += "没有找到完好的备份，请勿再使用此文件，并联系技术人员。"
        lines = [line]
        super().__init__(lines)


@dataclass
class DataSession:
    """An open data file: what the front end should tell the clerk (`notes`), and the
    lock to give back on `close()`."""

    path: Path
    read_only: bool = False
    created: bool = False
    notes: list[str] = field(default_factory=list)
    lock: DataLock | None = None
    daily_backup: Path | None = None
    due_backup: backups.DueBackup | None = None  # with `backup_later`: for the window to make
    writes: bool = True

    def close(self) -> None:
        due, self.due_backup = self.due_backup, None
        if due is not None:
            due.close()  # made already, or given up: the snapshot is let go
        # A writer checkpoints the WAL (the file alone is complete); a reader beside the
        # window leaves that to the window rather than wait for its readers.
        close_database(checkpoint_wal=self.writes)
        if self.lock is not None:
            self.lock.release()


def _private(path: Path, mode: int) -> None:
    if os.name == "posix":
        try:
            os.chmod(path, mode)
        except OSError:
            pass  # not ours, or a medium without permissions (FAT)


def _is_default_folder(folder: Path) -> bool:
    from dahe_desktop.paths import data_dir

    try:
        return folder.resolve() == data_dir(None).resolve()
    except OSError:
        return False


def newest_good_backup(path: Path) -> backups.BackupInfo | None:
    for info in backups.list_backups(path):
        try:
            if backups.usable(info.path) and not check_file(info.path):
                return info
        except (StoreError, sqlite3.Error):
            continue  # a backup that cannot be read now is not offered
    return None


def check_ahead(path: str | Path) -> CheckAhead | None:
    """Begin the file's check (`PRAGMA quick_check`) now, on a thread, for `open_data`
    to use: the window starts it before loading Qt, so the check costs it no time. None
    where there is no file to check yet."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return None
    except OSError:
        return None
    return CheckAhead(path)


def open_data(path: str | Path, *, write: bool = True, today: dt.date | None = None,
              backup_later: bool = False, checked: CheckAhead | None = None) -> DataSession:  # fmt: skip
    """Open the data file at `path` for the window or a command. With `write`, the
    folder's lock is taken (a second writer gets `DataFolderInUse`). The day's first
    backup is made here, or with `backup_later` only pinned (`due_backup`: the file as
    opened, for the window to copy once it shows). `checked`: the file's check, begun
    earlier by `check_ahead` (used only if the file is unchanged since)."""
    path = Path(path)
    read_only = not folder_is_writable(path)
    session = DataSession(path=path, read_only=read_only, writes=write)
    folder_existed = path.parent.is_dir()
    if read_only:
        session.notes.append(STORE_PROBLEMS["read_only"])
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not folder_existed or _is_default_folder(path.parent):
            _private(path.parent, 0o700)  # a folder the clerk chose keeps its permissions
        if write:
            session.lock = DataLock(path).acquire()
    try:
        empty_file = path.exists() and path.stat().st_size == 0
        if empty_file and backups.list_backups(path):
            # Emptied, not new: a file that had data once (it has backups). Never made a new
            # empty roster over it; the newest good backup is offered instead.
            raise DamagedDataFile(path, newest_good_backup(path), emptied=True)
        session.created = not path.exists() or empty_file
        if session.created and not read_only:
            what = "原数据文件是空的（0字节）" if empty_file else "这里还没有数据文件"
            session.notes.append(f"{what}，已新建一个空的数据文件：{path}。如果数据在别处，请用 --data-dir 或“数据位置”指向正确的文件夹。")
        try:
            open_database(path, read_only=read_only, before_migration=lambda v: backups.make_backup("migration"),
                          checked=checked)  # fmt: skip
        except DamagedDatabaseError:
            raise DamagedDataFile(path, newest_good_backup(path)) from None
        except SchemaTooNewError as error:  # left untouched: one line, no traceback
            raise UserError(f"无法打开数据文件 {path}：{error}") from None
        from dahe_desktop.audit.service import start as start_audit

        start_audit()  # changes carry the clerk's name (setting 经办人)
        if not read_only:
            for part in ("", "-wal", "-shm"):  # SQLite made the WAL before the file was private
                if part == "" or path.with_name(path.name + part).exists():
                    _private(path.with_name(path.name + part), 0o600)
            clean_private_temp(path)
            if write and backup_later:
                session.due_backup = backups.due_daily_backup(today)
            elif write:
                session.daily_backup = backups.daily_backup(today)
    except BaseException:
        session.close()
        raise
    return session


def replace_damaged_file(path: Path, backup: str | Path) -> Path:
    """Put a backup in place of a damaged data file, which is moved aside (never deleted)
    as `dahe.sqlite3.damaged-<time>`; returns where the damaged file went. The backup is
    checked (and upgraded, on a copy) before anything is moved."""
    with DataLock(path):
        trial = restoring.verified_copy(backup, path)
        try:
            aside = path.with_name(f"{path.name}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}")
            os.replace(path, aside)
            for suffix in ("-wal", "-shm"):
                extra = path.with_name(path.name + suffix)
                if extra.exists():
                    os.replace(extra, aside.with_name(aside.name + suffix))
            os.replace(trial, path)
        finally:
            trial.unlink(missing_ok=True)
    return aside
