"""Every refusal the clerk reads has one shape: `UserError(lines)`, one Chinese line per
problem, naming the record or field and what to do. The window shows `lines` in a
message or status line, the command line prints them to stderr and exits 1.

Each feature raises its own subclass (so callers can tell them apart), never a bare
exception with a sentence in it.
"""

from __future__ import annotations

import errno
import sys
import traceback
from collections.abc import Sequence


class UserError(Exception):
    """Input or state the program refuses; `lines` says what to fix, one problem each."""

    def __init__(self, lines: str | Sequence[str]):
        self.lines: list[str] = [lines] if isinstance(lines, str) else [str(x) for x in lines]
        super().__init__("\n".join(self.lines))


class CancelledError(Exception):
    """The clerk cancelled long work; nothing was written."""


def error_lines(error: BaseException, doing: str = "处理") -> list[str]:
    """What to show for any error: a `UserError`'s lines, a file problem in one line, or
    (unexpected) the type and text with a hint to tell the technician, the traceback
    going to stderr for them."""
    if isinstance(error, UserError):
        return list(error.lines)
    from dahe_desktop.safety.labels import SERVER_PROBLEMS, STORE_PROBLEMS
    from db.errors import StoreError, on_server, store_problem
    from db.pg.security import refused_table

    table = refused_table(error)
    if table is not None:  # the county's server: an account limited to its own township
        return [f"{doing}时服务器拒绝：本账户无权查看或修改数据表 {table}（乡镇账户只能处理本乡镇的数据），"
                "请用县级账户，或请服务器管理员授权"]

    if isinstance(error, StoreError) or not isinstance(error, OSError):
        kind = store_problem(error)
        if kind is not None:
            return [(SERVER_PROBLEMS if on_server(error) else STORE_PROBLEMS)[kind]]
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return [f"{doing}时磁盘已满：{error.filename or ''}。请腾出空间或换一个位置后重试，原有文件未被改动。"]
    if isinstance(error, FileNotFoundError):
        return [f"{doing}时找不到文件或文件夹：{error.filename or ''}（U盘被拔出？）。请检查后重试。"]
    if isinstance(error, PermissionError):
        name = error.filename or ""
        return [f"没有权限或文件正被其他程序占用：{name}。请关闭打开此文件的程序后重试，或换一个位置。"]
    if isinstance(error, OSError):
        name = f"{error.filename}：" if error.filename else ""
        return [f"{doing}时无法读写文件：{name}{error.strerror or error}"]
    if says_disk_full(error):  # a library's own error (lxml writing a sheet: IO_ENOSPC)
        return [f"{doing}时磁盘已满。请腾出空间或换一个位置后重试，原有文件未被改动。"]
    traceback.print_exception(error, file=sys.stderr)
    return [f"{doing}时出错：{type(error).__name__}: {error}", "请重试；如仍出错，请把此信息告诉技术人员。"]


def says_disk_full(error: BaseException | None) -> bool:
    """Whether `error` or what caused it says the disk is full in a library's words."""
    for _ in range(8):
        if error is None:
            return False
        text = str(error)
        if "ENOSPC" in text or "No space left on device" in text:
            return True
        error = error.__cause__ or error.__context__
    return False
