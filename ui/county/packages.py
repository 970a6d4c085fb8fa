"""文件 › 上报数据包… (a township writes its package to a USB stick) and 文件 › 导入乡镇数据包…
(the county previews a package, decides each conflict, then imports it). The core does
the work; these dialogs only show its plain results and hand back the clerk's choices."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.audit.viewing import conflicts_viewed
from dahe_desktop.county import labels
from dahe_desktop.county.export import ID_NUMBERS_TRAVEL, export_package
from dahe_desktop.county.importer import ImportPreview, apply_package, preview_package
from dahe_desktop.errors import UserError, error_lines
from ui.background import BackgroundTask, wait_for_background
from ui.common import pc_settings
from ui.common.widgets import dialog_buttons, error_label, fit_on_screen

PACKAGE_FILES = "乡镇数据包 (*.dahepkg)"
SHOWN = 500  # rows listed under 新增 / 修改; the counts give the rest


def export_for_county(parent: QWidget) -> Path | None:
    """Ask where (a USB stick), say that full ID numbers travel, write the package."""
    folder = QFileDialog.getExistingDirectory(parent, "选择保存数据包的文件夹（如U盘）", pc_settings.last_folder())
    if not folder:
        return None
    asked = QMessageBox.question(parent, "上报数据包", f"{ID_NUMBERS_TRAVEL}。\n\n确定导出吗？")
    if asked != QMessageBox.StandardButton.Yes:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = export_package(folder)
    except (OSError, UserError) as error:
        QMessageBox.warning(parent, "导出失败", "\n".join(error_lines(error, "导出")))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    pc_settings.remember_file(str(result.path))
    QMessageBox.information(parent, "上报数据包", "\n".join(result.lines))
    return result.path


def import_from_township(parent: QWidget) -> bool:
    """Pick a package, preview it, import it if the clerk says so; True when imported."""
    path, _ = QFileDialog.getOpenFileName(parent, "选择乡镇数据包", pc_settings.last_folder(), PACKAGE_FILES)
    if not path:
        return False
    pc_settings.remember_file(path)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        preview = preview_package(path)
    except (OSError, UserError) as error:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "无法导入", "\n".join(error_lines(error, "读取")))
        return False
    QGuiApplication.restoreOverrideCursor()
    if preview.already:
        QMessageBox.information(parent, "导入乡镇数据包", "\n".join(preview.lines()))
        return False
    dialog = PackagePreviewDialog(preview, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    QMessageBox.information(parent, "导入乡镇数据包", "\n".join(dialog.result_lines))
    return True


class PackagePreviewDialog(QDialog):
    """What the package would change: counts, new and changed records, and one row per
    conflict with a choice (保留县里的 / 采用乡镇的); 导入 applies it all at once."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"导入乡镇数据包：{preview.path.name}")
        summary = QLabel("\n".join(preview.lines()), wordWrap=True)
        tabs = QTabWidget()
        tabs.addTab(self._counts_table(), "条数")
        self.new_list, self.changed_list = self._list(preview.new), self._list(preview.changed)
        tabs.addTab(self.new_list, f"新增（{len(preview.new)}）")
        tabs.addTab(self.changed_list, f"修改（{len(preview.changed)}）")
        self.conflicts = self._conflicts_table()
        tabs.addTab(self.conflicts, f"冲突（{len(preview.conflicts)}）")
        conflicts_viewed(preview.conflicts)  # a 人员类别, 户类别 or 备注 shown both ways: the viewing is logged
        if preview.conflicts:
            tabs.setCurrentWidget(self.conflicts)
        hint = QLabel("有冲突的字段：县里和乡镇自上次数据包以来都改过。请逐条选择保留县里的或采用乡镇的，再导入。"
                      if preview.conflicts else "没有冲突。导入前会自动备份数据。", wordWrap=True)  # fmt: skip
        hint.setStyleSheet("color: #555;")
        self.error = error_label()
        layout = QVBoxLayout(self)
        for widget in (summary, tabs, hint):
            layout.addWidget(widget)
        if preview.conflicts:
            row = QHBoxLayout()
            for key, text in labels.CHOICES.items():
                row.addWidget(QPushButton(f"全部{text}", clicked=lambda _=False, k=key: self.choose_all(k)))
            row.addStretch(1)
            layout.addLayout(row)
        self.busy = QProgressBar(minimum=0, maximum=0, textVisible=False)
        self.busy.hide()
        self.buttons = dialog_buttons(self, "导入")
        self._task: BackgroundTask | None = None
        self.result_lines: list[str] = []
        for widget in (self.busy, self.error, self.buttons):
            layout.addWidget(widget)
        self.resize(860, 560)
        fit_on_screen(self)

    def _counts_table(self) -> QTableWidget:
        rows = list(self.preview.counts.items())
        table = QTableWidget(len(rows), 5)
        table.setHorizontalHeaderLabels(["记录", "新增", "修改", "未变", "有冲突"])
        for r, (label, c) in enumerate(rows):
            for col, value in enumerate([label, c.new, c.changed, c.unchanged, c.conflicts]):
                item = QTableWidgetItem(str(value))
                if col:  # counts line up on the right, like figures in a table
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, col, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # 帮扶人（非党员） whole
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        return table

    @staticmethod
    def _list(rows: list[str]) -> QListWidget:
        widget = QListWidget()
        widget.addItems(rows[:SHOWN])
        if len(rows) > SHOWN:
            widget.addItem(f"……另有{len(rows) - SHOWN}条")
        return widget

    def _conflicts_table(self) -> QTableWidget:
        conflicts = self.preview.conflicts
        table = QTableWidget(len(conflicts), 5)
        table.setHorizontalHeaderLabels(["记录", "字段", "县里的值", "乡镇的值", "采用"])
        self.choices: list[QComboBox] = []
        for r, c in enumerate(conflicts):
            for col, text in enumerate([f"{c.kind_label} {c.title}", c.field_label, c.county, c.township]):
                table.setItem(r, col, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem("请选择", None)
            for key, text in labels.CHOICES.items():
                combo.addItem(text, key)
            table.setCellWidget(r, 4, combo)
            self.choices.append(combo)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        return table

    def choose_all(self, choice: str) -> None:
        for combo in self.choices:
            combo.setCurrentIndex(combo.findData(choice))

    def resolutions(self) -> dict[str, str]:
        return {c.key: combo.currentData() for c, combo in zip(self.preview.conflicts, self.choices, strict=True)
                if combo.currentData()}  # fmt: skip

    def accept(self) -> None:
        """Import on a worker thread (a large township takes a while); the dialog waits."""
        if self._task is not None:
            return
        undecided = sum(1 for combo in self.choices if not combo.currentData())
        if undecided:
            self.error.setText(f"还有{undecided}处冲突未选择：请在“冲突”页逐条选择保留县里的或采用乡镇的")
            self.error.show()
            return
        path, choices, sha = self.preview.path, self.resolutions(), self.preview.package.sha256
        self.error.hide()
        self.busy.show()
        self.buttons.setEnabled(False)
        self._task = task = BackgroundTask(lambda _progress: apply_package(path, choices, sha), self)
        task.succeeded.connect(self._imported)
        task.failed.connect(self._failed)
        task.start()

    def _imported(self, result) -> None:
        self._task = None
        self.result_lines = result.lines
        super().accept()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self.busy.hide()
        self.buttons.setEnabled(True)
        self.error.setText("\n".join(error_lines(error, "导入")))
        self.error.show()

    def reject(self) -> None:
        if self._task is None:  # a running import is never hidden: Esc and 取消 wait
            super().reject()

    def done(self, result: int) -> None:
        wait_for_background()
        super().done(result)
