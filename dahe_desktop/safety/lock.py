"""One writer per data folder: the window holds the lock while it runs, the command
line's writing commands while they run; a second one is refused with the folder named.

An OS lock on `dahe.sqlite3.lock` (`flock` on POSIX, `LockFileEx` through
`msvcrt.locking` on Windows): the OS drops it when the process dies, so a crash never
leaves a stale lock to clean up, and the same core lock serves both front ends
(QLockFile would live in ui/ only and guess staleness from a PID). The two calls are
made here rather than through the `filelock` package, whose import (a 2,000-line module
of dataclasses, ~10 ms) every start of the window paid.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from dahe_desktop.errors import UserError

if os.name == "nt":
    import msvcrt
else:
    import fcntl

LOCK_SUFFIX = ".lock"
# What a lock held elsewhere raises (Windows' locking(): EDEADLOCK/EACCES).
_HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


class DataFolderInUse(UserError):
    """Another window or command is using the same data folder."""


def _lock(fd: int) -> None:
    """Take the OS lock on `fd` at once, or raise OSError (held elsewhere)."""
    if os.name == "nt":
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if os.name == "nt":
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DataLock:
    """The write lock of one data file; a context manager, or `acquire()`/`release()`.
    Each `DataLock` holds its own lock: a second one on the same file is refused, in
    this process as in another."""

    def __init__(self, database_path: str | Path):
        self.database_path = Path(database_path)
        self.path = self.database_path.with_name(self.database_path.name + LOCK_SUFFIX)
        self._fd: int | None = None

    def acquire(self) -> DataLock:
        if self._fd is not None:
            return self
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError as error:
            os.close(fd)
            if error.errno not in _HELD_ELSEWHERE:
                raise
            folder = self.database_path.parent
            raise DataFolderInUse([
                f"数据文件夹 {folder} 正在被另一个大河党员服务台窗口或命令使用。",
                "同一时间只能有一处修改数据：请切换到已打开的窗口，或等另一个命令结束后再试。",
            ]) from None
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> DataLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
