"""文件 › 备份与恢复: the backups with their date and contents; back up now, back up to a
USB stick in one click, restore the chosen one (after backing up the current data)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import error_lines
from dahe_desktop.safety import backups, restoring
from ui.common.rows_model import RowsModel, rows_view

EXPLAIN = (
    "程序每天第一次启动时、导入花名册和恢复备份之前会自动备份，保存在数据文件旁的 backups 文件夹；"
    "每份备份是一个独立的文件。为防电脑损坏，请定期“备份到U盘”，并把U盘放在安全的地方（其中有身份证号）。"
)


class BackupsModel(RowsModel):
    columns = (
        ("时间", lambda r: f"{r.made:%Y-%m-%d %H:%M:%S}"),
        ("原因", lambda r: r.reason),
        ("大小(KB)", lambda r: r.size_kb),
        ("内容", lambda r: r.contents),  # last: it takes the width left (党员, 支部, 承诺 ... is long)
    )


class BackupDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("备份与恢复")
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        note = QLabel(EXPLAIN)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.model = BackupsModel(self)
        self.view, self.proxy = rows_view(self.model, (150, 110, 80))
        layout.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("立即备份")
        self.usb_button = QPushButton("备份到U盘或文件夹…")
        self.restore_button = QPushButton("恢复所选备份…")
        self.file_button = QPushButton("从U盘或文件恢复…")
        self.folder_button = QPushButton("打开备份文件夹")
        self.check_button = QPushButton("检查数据文件")
        self.check_button.setToolTip("完整检查数据文件有没有损坏（每次启动时已做快速检查）")
        close = QPushButton("关闭")
        for button in (self.backup_button, self.usb_button, self.restore_button, self.file_button, self.folder_button,
                       self.check_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.backup_button.clicked.connect(self.back_up_now)
        self.usb_button.clicked.connect(self.back_up_to_folder)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        self.folder_button.clicked.connect(self.open_folder)
        self.check_button.clicked.connect(self.check_file)
        close.clicked.connect(self.accept)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(backups.overview())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backups.BackupRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def _run(self, work, done: str) -> None:
        try:
            result = work()
        except Exception as error:  # a full stick, a pulled stick, a damaged backup
            self.status.setText("\n".join(error_lines(error, "备份")))
            return
        self.status.setText(done.format(result=result))
        self.refresh()

    def back_up_now(self) -> None:
        self._run(lambda: backups.make_backup("manual"), "已备份到：{result}")

    def back_up_to_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择U盘或文件夹")
        if folder:
            self._run(lambda: backups.make_backup("manual", folder=folder), "已备份到：{result}。请把U盘放在安全的地方。")

    def restore_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._restore(row.path, f"{row.made:%Y-%m-%d %H:%M} 的备份（{row.contents}）")

    def restore_from_file(self) -> None:
        """A backup from elsewhere: the stick carried from a PC that died, onto a new one."""
        path, _ = QFileDialog.getOpenFileName(self, "选择U盘上的备份文件", "", "备份文件 (*.sqlite3);;所有文件 (*)")
        if not path:
            return
        try:
            what = f"（{backups.contents(path).summary()}）"
        except Exception:  # noqa: BLE001 - not a backup: restore_backup says what it is
            what = ""
        self._restore(path, f"{Path(path).name}{what}")

    def _restore(self, path: str | Path, described: str) -> None:
        """Asked first: the current data is backed up before the backup replaces it."""
        answer = QMessageBox.question(
            self, "恢复备份",
            f"用 {described} 替换现在的数据？\n\n"
            "现在的数据会先另存为一份备份（原因“恢复备份前”），需要时还能恢复回来。",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: restoring.restore_backup(path), "已恢复。恢复前的数据已另存为：{result}")

    def check_file(self) -> None:
        """The full check reads every page: a few seconds at most for a township's file."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._run(restoring.check_data_file, "{result}")
        finally:
            QApplication.restoreOverrideCursor()

    def open_folder(self) -> None:
        folder = backups.backups_dir()
        folder.mkdir(exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
