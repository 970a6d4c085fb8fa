"""The start-up password prompt (with a growing wait after wrong tries) and setting it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import APP_TITLE
from dahe_desktop.errors import UserError
from dahe_desktop.safety.password import (
    check_password,
    clear_wrong_tries,
    has_password,
    note_wrong_try,
    set_password,
    wrong_tries,
    wrong_try_delay,
)


class PasswordPrompt(QDialog):
    """Asks for the start-up password; `exec()` is Accepted only for the right one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("请输入启动密码："))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.message = QLabel()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_password)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, timeout=self._unlock)
        self._wait(wrong_try_delay(wrong_tries()), "上次输错了密码")  # a restart does not shorten the wait

    def try_password(self) -> None:
        if check_password(self.password.text()):
            clear_wrong_tries()
            self.accept()
            return
        self.password.clear()
        self._wait(wrong_try_delay(note_wrong_try()), "密码不正确")

    def _wait(self, delay: float, why: str) -> None:
        if delay:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.message.setText(f"{why}，请等{delay:.0f}秒后再试")
            self._timer.start(int(delay * 1000))
        elif why == "密码不正确":
            self.message.setText(why)

    def _unlock(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.message.setText("请再试一次")


def ask_start_password(parent: QWidget | None = None) -> bool:
    """True when there is no password or the clerk typed it."""
    return not has_password() or PasswordPrompt(parent).exec() == QDialog.DialogCode.Accepted


class SetPasswordDialog(QDialog):
    """文件 › 启动密码: set, change or (empty new password) remove it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("启动密码")
        form = QFormLayout(self)
        self.old = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.new = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        if has_password():
            form.addRow("原密码", self.old)
        form.addRow("新密码（留空为取消密码）", self.new)
        form.addRow("再输一次", self.again)
        self.message = QLabel("密码防止他人打开本程序，但不加密数据文件；请同时保管好电脑和U盘。")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        if self.new.text() != self.again.text():
            self.message.setText("两次输入的新密码不一致")
            return
        try:
            set_password(self.new.text(), self.old.text())
        except UserError as error:
            self.message.setText("\n".join(error.lines))
            return
        self.accept()
