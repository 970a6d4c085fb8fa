"""Writing an output file (a PDF, a workbook) without ever destroying something.

`check_output_path` refuses the data file, its WAL, its lock, any backup and any other
SQLite file; `safe_output` writes to a temporary file in the target folder and renames
it into place, so a kill or a full disk leaves the previous file as it was.

    with safe_output(path) as temp:
        render(temp)          # write to `temp`; on success it becomes `path`
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dahe_desktop.errors import UserError
from db.backup import is_sqlite_file
from db.connection import database_file

PART_SUFFIX = ".part"
PRIVATE_TEMP = "tmp"  # in the data folder: library temp files holding personal data


class OutputPathError(UserError):
    """An output may not be written there; nothing was written."""


def _protected(path: Path) -> str | None:
    """Why `path` must not be written, or None."""
    live = database_file()
    if live is not None:
        live = live.resolve()
        names = {live.name + s for s in ("", "-wal", "-shm", "-journal", ".lock")}
        if path.parent == live.parent and path.name in names:
            return "这是程序的数据文件"
        backups = live.parent / "backups"
        if path.parent == backups or backups in path.parents:
            return "这是数据备份的文件夹"
    if path.name.endswith(("-wal", "-shm", ".sqlite3", ".sqlite", ".db")):
        return "这是数据库文件"
    if path.exists() and is_sqlite_file(path):
        return "这是一个数据库文件（可能是数据文件或备份）"
    return None


def check_output_path(path: str | Path) -> Path:
    """The resolved path if an output may be written there; else `OutputPathError`."""
    given = Path(path).expanduser()
    target = given
    try:
        target = target.resolve()
    except OSError:
        pass
    if target.is_dir():
        raise OutputPathError(f"无法写入 {given}：这是一个文件夹，请写上文件名")
    if not target.parent.is_dir():
        raise OutputPathError(f"无法写入 {given}：文件夹不存在（{target.parent}），请先建好文件夹或换一个位置")
    reason = _protected(target)
    if reason:
        raise OutputPathError(f"无法写入 {given}：{reason}，覆盖它会丢失数据，请换一个文件名")
    return target


@contextmanager
def safe_output(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed onto `path` when the block
    succeeds, removed when it fails. The file is synced before the rename."""
    target = check_output_path(path)
    _remove_stale_parts(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + PART_SUFFIX,
                                dir=target.parent)  # fmt: skip
    os.close(fd)
    temp = Path(name)
    try:
        with private_temp():
            yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


STALE_PART_SECONDS = 600  # no export of this program writes one file for so long


def _remove_stale_parts(target: Path) -> None:
    """Temporary files a killed export left beside `target` (they may hold full ID
    numbers): removed when the same file is written again. A part younger than
    `STALE_PART_SECONDS` may belong to an export still running, and stays."""
    now = time.time()
    for part in target.parent.glob(f".{glob.escape(target.stem)}.*{glob.escape(target.suffix)}{PART_SUFFIX}"):
        try:
            if now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
        except OSError:  # gone already, or not ours to remove
            pass


_temp_lock = threading.RLock()


@contextmanager
def private_temp() -> Iterator[None]:
    """Libraries' temporary files (openpyxl writes every sheet to one) go to `tmp/` in
    the data folder, readable by the clerk only and emptied at start, not to the
    system's shared temp folder where a killed export would leave ID numbers."""
    live = database_file()
    if live is None:
        yield
        return
    folder = live.parent / PRIVATE_TEMP
    try:
        folder.mkdir(exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    except OSError:  # a read-only data folder: the system's temp folder it is
        yield
        return
    with _temp_lock:
        previous, tempfile.tempdir = tempfile.tempdir, str(folder)
        try:
            yield
        finally:
            tempfile.tempdir = previous


def clean_private_temp(database_path: Path) -> None:
    """Remove what a killed export left in `tmp/` (called at start, under the lock)."""
    shutil.rmtree(database_path.parent / PRIVATE_TEMP, ignore_errors=True)
