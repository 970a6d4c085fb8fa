"""An unexpected error in the window: a Chinese dialog saying what to do, the details
in the data folder's error log; the program keeps running."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from dahe_desktop import APP_TITLE
from dahe_desktop.errors import UserError, error_lines, says_disk_full
from dahe_desktop.safety.errorlog import log_exception, log_path
from db.errors import store_problem


def error_message(error: BaseException) -> str:
    """What the dialog says: a known problem in its own words, else the log to send."""
    if (isinstance(error, UserError) or store_problem(error) is not None or isinstance(error, OSError)
            or says_disk_full(error)):  # fmt: skip
        return "\n".join(error_lines(error))
    where = log_path()
    saved, then = (f"详细信息已记录在 {where}。", "请把该记录文件交给技术人员") if where else (
        "", "请记下括号里的错误名称，告诉技术人员")  # no data folder open: no log to hand over  # fmt: skip
    return (f"程序遇到意外错误（{type(error).__name__}），刚才的操作可能没有完成，已保存的数据不受影响。"
            f"{saved}\n您可以继续工作；如果反复出现，{then}。")  # fmt: skip


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log_exception(kind, error, tb)
    app = QApplication.instance()
    if app is None:
        sys.__excepthook__(kind, error, tb)
        return
    QMessageBox.critical(app.activeWindow(), APP_TITLE, error_message(error))


def smoke_excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """A smoke test (nobody there to close a dialog): the traceback on stderr and exit 1."""
    sys.__excepthook__(kind, error, tb)
    app = QApplication.instance()
    if app is not None:
        app.exit(1)


def install_excepthook(smoke: bool = False) -> None:
    sys.excepthook = smoke_excepthook if smoke else excepthook
