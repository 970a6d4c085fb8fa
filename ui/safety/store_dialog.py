"""文件 › 数据存储…: this PC's data file or the county's server, remembered per PC and
applied at the next start (or at once, by reopening the program)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import UserError
from dahe_desktop.safety.server_store import (
    ServerConfig,
    current_choice,
    remember_choice,
    saved_password,
    try_connection,
)

LOCAL = "本机数据文件"
SERVER = "县级服务器"


class StoreDialog(QDialog):
    """Choose the store; `config()` is the server chosen, or None for the local file."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("数据存储")
        layout = QVBoxLayout(self)
        self.local = QRadioButton(f"{LOCAL}（乡镇单机使用，默认）")
        self.server = QRadioButton(f"{SERVER}（县委组织部的 PostgreSQL 服务器，多人同时使用）")
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        form = QFormLayout()
        self.host = QLineEdit(placeholderText="如 192.168.1.10")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(placeholderText="如 dahe")
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText="保存在系统凭据中，不写入设置文件")
        for label, widget in (("主机", self.host), ("端口", self.port), ("数据库", self.database),
                              ("用户名", self.user), ("密码", self.password)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.test_button = QPushButton("测试连接")
        self.test_button.clicked.connect(self.test)
        layout.addWidget(self.test_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.message = QLabel(wordWrap=True)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("更改在下次启动程序时生效。", wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fields = (self.host, self.port, self.database, self.user, self.password, self.test_button)
        self.server.toggled.connect(self._enable)
        self.initial = current_choice()
        if self.initial is None:
            self.local.setChecked(True)
        else:
            self.server.setChecked(True)
            self.host.setText(self.initial.host)
            self.port.setValue(self.initial.port)
            self.database.setText(self.initial.database)
            self.user.setText(self.initial.user)
            self.password.setText(saved_password(self.initial))
        self._enable()

    def _enable(self) -> None:
        for widget in self.fields:
            widget.setEnabled(self.server.isChecked())

    def config(self) -> ServerConfig | None:
        if not self.server.isChecked():
            return None
        missing = [name for name, box in (("主机", self.host), ("数据库", self.database), ("用户名", self.user))
                   if not box.text().strip()]
        if missing:
            raise UserError(f"请填写{'、'.join(missing)}")
        return ServerConfig(host=self.host.text().strip(), port=self.port.value(),
                            database=self.database.text().strip(), user=self.user.text().strip())

    def test(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.message.setText(try_connection(self.config(), self.password.text()))
        except UserError as error:
            self.message.setText("\n".join(error.lines))
        finally:
            QGuiApplication.restoreOverrideCursor()

    def save(self) -> None:
        try:
            config = self.config()
        except UserError as error:
            self.message.setText("\n".join(error.lines))
            return
        notes = remember_choice(config, self.password.text())
        if notes:
            QMessageBox.information(self, "数据存储", "\n".join(notes))
        self.accept()

    def changed(self) -> bool:
        return self.result() == QDialog.DialogCode.Accepted and self.config() != self.initial


STORE_OPTIONS = ("--data-dir", "--server")  # each would override the choice just made


def reopen_arguments(argv: list[str]) -> list[str]:
    """The command line to reopen the program with after choosing a store: the same, less
    the options that name a store (`--data-dir DIR`, `--server=DSN`, ...)."""
    kept, skip = [], False
    for argument in argv:
        if skip:
            skip = False
        elif argument in STORE_OPTIONS:
            skip = True  # its value follows
        elif not argument.startswith(tuple(f"{option}=" for option in STORE_OPTIONS)):
            kept.append(argument)
    return kept


def choose_store(parent: QWidget | None = None) -> bool:
    """The dialog; after a change, offer to reopen the program on the new store now.
    True when the choice changed."""
    dialog = StoreDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.changed():
        return False
    what = SERVER if dialog.config() is not None else LOCAL
    answer = QMessageBox.question(parent, "数据存储", f"已选择{what}，下次启动时生效。是否现在重新打开程序？")
    if answer == QMessageBox.StandardButton.Yes:
        arguments = reopen_arguments(sys.argv)
        QProcess.startDetached(sys.executable, arguments[1:] if getattr(sys, "frozen", False) else arguments)
        app = QApplication.instance()
        if parent is not None:
            parent.close()
        elif app is not None:
            app.quit()
    return True
