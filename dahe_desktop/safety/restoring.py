"""Restoring a backup: checked first on a copy upgraded to this version (another
program's database, a damaged or newer backup is refused and nothing changes), then put
in place of the data after the current data is backed up."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from dahe_desktop.safety import labels
from dahe_desktop.safety.backups import BackupError, backup_before, live_path, private_folder
from dahe_desktop.safety.outputs import PRIVATE_TEMP
from db import changes
from db.backup import (
    check_file,
    connect_read_only,
    copy_database,
    file_facts,
    is_sqlite_file,
    restore_into,
    table_columns,
)
from db.connection import is_read_only, raw_connection
from db.errors import DAMAGED, as_store_error, store_problem


def check_data_file() -> str:
    """SQLite's full `integrity_check` of the open data file, on demand (the start runs
    the quicker `quick_check`): what to tell the clerk when it is sound; a damaged file
    raises `BackupError` saying what was found and what to do."""
    live = live_path()  # on the county's server: its administrator checks it
    problems = check_file(live, full=True)
    if problems:
        found = "；".join(problems[:3]) + ("……" if len(problems) > 3 else "")
        raise BackupError(labels.CHECK_FAILED.format(path=live, found=found))
    return labels.CHECK_PASSED.format(path=live)


def restore_backup(path: str | Path) -> Path | None:
    """Replace the open data file's content with the backup's, after backing up the
    current content; returns that safety backup. A backup from an older version is
    upgraded (on a copy, before anything is replaced)."""
    live = live_path()
    if is_read_only():
        raise BackupError(labels.STORE_PROBLEMS["read_only"])
    trial = verified_copy(path, live)
    try:
        safety = backup_before("restore")
        restore_into(trial, raw_connection())
    finally:
        trial.unlink(missing_ok=True)
    changes.notify({changes.EVERYTHING})
    return safety


def verified_copy(path: str | Path, live: Path) -> Path:
    """A copy of the backup at `path` in the data folder's private `tmp/`, upgraded to
    this version and checked to hold every table and column the program uses: what a
    restore puts in place. Anything else (a damaged file, another program's database,
    a newer version's) is a `BackupError`, and nothing is replaced."""
    from db.migrations import CURRENT_VERSION

    path = Path(path).expanduser()
    name = path.name
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    if path.resolve() == live.resolve():
        raise BackupError("这是正在使用的数据文件本身，不是备份")
    if not is_sqlite_file(path):
        raise BackupError(f"{name} 不是本程序的备份文件，未做任何改动")
    if check_file(path, full=True):
        raise BackupError(f"备份文件 {name} 已损坏，不能恢复，未做任何改动；请选另一份备份")
    facts = file_facts(path)
    if facts.version > CURRENT_VERSION:
        raise BackupError(f"备份 {name} 由更新版本的程序写入，未做任何改动；请先升级程序")
    if facts.version < 1 or "member" not in facts.counts:
        raise BackupError(f"{name} 不是本程序的备份文件，未做任何改动")
    folder = live.parent / PRIVATE_TEMP
    private_folder(folder)
    trial = folder / f"restore-{os.getpid()}.sqlite3"
    source = connect_read_only(path)
    try:
        copy_database(source, trial)
    except BaseException:
        trial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    try:
        problems = _schema_problems(trial)
    except BaseException:
        trial.unlink(missing_ok=True)
        raise
    if problems:
        trial.unlink(missing_ok=True)
        raise BackupError(f"{name} 不是本程序的备份文件（{problems}），未做任何改动")
    return trial


def _schema_problems(path: Path) -> str:
    """Upgrade the copy at `path` and say what it lacks of the program's tables and
    columns ('' when it has them all)."""
    import peewee

    from db.migrations import upgrade
    from db.models import ALL_MODELS

    trial = peewee.SqliteDatabase(str(path))
    try:
        upgrade(trial, backup=lambda version: None)  # the copy itself is the backup's copy
        found = table_columns(trial.connection())
    except (sqlite3.Error, peewee.DatabaseError) as error:
        if as_store_error(error) is not None and store_problem(error) != DAMAGED:
            raise  # a full disk while upgrading the copy: said as such
        return "无法升级到本版本"
    finally:
        trial.close()
    missing = [
        model._meta.table_name
        for model in ALL_MODELS
        if not {f.column_name for f in model._meta.sorted_fields} <= found.get(model._meta.table_name, set())
    ]
    return f"缺少数据表 {'、'.join(missing[:3])}" if missing else ""
