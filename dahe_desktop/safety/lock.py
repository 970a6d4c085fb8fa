"""One writer per data folder: the window holds the lock while it runs, the command
line's writing commands while they run; a second one is refused with the folder named.

`filelock` takes an OS lock (fcntl/LockFileEx) on `dahe.sqlite3.lock`: the OS drops it
when the process dies, so a crash never leaves a stale lock to clean up, and the same
core lock serves both front ends (QLockFile would live in ui/ only and guess staleness
from a PID).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from dahe_desktop.errors import UserError

LOCK_SUFFIX = ".lock"


class DataFolderInUse(UserError):
    """Another window or command is using the same data folder."""


class DataLock:
    """The write lock of one data file; a context manager, or `acquire()`/`release()`."""

    def __init__(self, database_path: str | Path):
        self.database_path = Path(database_path)
        self.path = self.database_path.with_name(self.database_path.name + LOCK_SUFFIX)
        self._lock = FileLock(str(self.path), timeout=0, mode=0o600, thread_local=False)

    def acquire(self) -> DataLock:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            folder = self.database_path.parent
            raise DataFolderInUse([
                f"数据文件夹 {folder} 正在被另一个大河党员服务台窗口或命令使用。",
                "同一时间只能有一处修改数据：请切换到已打开的窗口，或等另一个命令结束后再试。",
            ]) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def __enter__(self) -> DataLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
