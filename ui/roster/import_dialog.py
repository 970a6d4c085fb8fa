"""Importing a roster file: preview every bad row first, then import in one go.

The file is read and checked on a worker thread (a village file can be large and
openpyxl is slow); the core functions know nothing of Qt, the dialog only shows their
plain results and hands back the clerk's choices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.importing import (
    BadRow,
    ImportFileError,
    ImportPreview,
    ImportRefused,
    ImportResult,
    apply_roster_import,
    preview_roster_import,
)
from ui.background import BackgroundTask, Progress, wait_for_background

_ERROR_STYLE = "color: #c0392b;"


class BadRowsModel(QAbstractTableModel):
    """The bad rows of a preview: Excel row number, name, and the reasons in Chinese."""

    HEADERS = ("行号", "姓名", "问题")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[BadRow] = []

    def set_rows(self, rows: list[BadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        bad = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (f"第{bad.row}行", bad.name or "（空）", bad.text)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None


class ImportRosterDialog(QDialog):
    """Preview a roster file, let the clerk decide, import. `imported_count` after accept."""

    preview_ready = Signal()  # the file has been read and checked (or could not be)

    def __init__(self, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = str(path)
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self._busy = False
        self._cancelled = False
        self._importing = False
        self._task: BackgroundTask | None = None
        self.setWindowTitle(f"导入花名册 — {Path(self.path).name}")
        self.resize(760, 520)

        self.file_label = QLabel(f"正在读取“{Path(self.path).name}”…", wordWrap=True)
        self.progress = QProgressBar(textVisible=False)
        self.progress.setRange(0, 0)
        self.counts_label = QLabel(wordWrap=True)
        self.error_label = QLabel(wordWrap=True, styleSheet=_ERROR_STYLE)
        self.error_label.hide()
        self.model = BadRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.hide()
        self.branches_label = QLabel(wordWrap=True)
        self.create_branches = QCheckBox("新建以上支部")
        self.only_good = QCheckBox("只导入无误的行")
        for widget in (self.branches_label, self.create_branches, self.only_good):
            widget.hide()
        self.create_branches.toggled.connect(self._update_buttons)
        self.only_good.toggled.connect(self._update_buttons)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.import_button: QPushButton = self.buttons.addButton(
            "导入", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self._start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.file_label, self.progress, self.counts_label, self.error_label,
                       self.table, self.branches_label, self.create_branches, self.only_good):  # fmt: skip
            layout.addWidget(widget)
        layout.setStretchFactor(self.table, 1)
        layout.addStretch()  # takes the room while the table is hidden (no bad rows)
        layout.addWidget(self.buttons)
        self._start_preview()

    @property
    def imported_count(self) -> int:
        """How many members were imported (0 until the dialog accepts)."""
        return self.import_result.imported if self.import_result else 0

    # ---- reading ----------------------------------------------------------------

    def _start_preview(self) -> None:
        path = self.path

        def work(progress: Progress) -> ImportPreview:
            return preview_roster_import(path, progress=progress)

        self._run(work, self._show_preview, self._preview_failed)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        source = (
            f"工作表“{preview.sheet}”" if preview.encoding is None else f"{preview.encoding}编码"
        )
        self.file_label.setText(
            f"文件：{Path(preview.path).name}（{source}，第{preview.header_row}行为表头）"
            + (
                f"\n未识别的列（不导入）：{'、'.join(preview.ignored_headers)}"
                if preview.ignored_headers
                else ""
            )
        )
        good, bad = len(preview.good), len(preview.bad)
        text = f"共{preview.total}行：无误{good}行，有误{bad}行。"
        if bad:
            text += "有误的行如下，请改正文件后重新导入，或勾选“只导入无误的行”。"
        elif good:
            text += "全部无误，可以导入。"
        else:
            text += "文件中没有党员数据。"
        self.counts_label.setText(text)
        self.counts_label.setStyleSheet(_ERROR_STYLE if bad else "")
        self.model.set_rows(preview.bad)
        self.table.setVisible(bool(bad))
        self.table.resizeRowsToContents()
        if preview.new_branches:
            names = "、".join(f"{b.name}（{b.kind}，{b.rows}人）" for b in preview.new_branches)
            self.branches_label.setText(
                f"以下支部尚未建立，导入时将新建：{names}。\n支部类型按名称推测（含“村”为农牧村），导入后可在支部管理中修改。"
            )
        self.branches_label.setVisible(bool(preview.new_branches))
        self.create_branches.setVisible(bool(preview.new_branches))
        self.only_good.setText(f"只导入无误的行（跳过有误的{bad}行）")
        self.only_good.setVisible(bool(bad and good))
        self.preview_ready.emit()

    def _preview_failed(self, error: Exception) -> None:
        if isinstance(error, ImportFileError):
            self._show_error(f"无法导入该文件：{error}")
        else:
            self._show_error(f"读取文件时出错：{error}")
        self.file_label.setText(f"文件：{Path(self.path).name}")
        self.preview_ready.emit()

    # ---- importing --------------------------------------------------------------

    def _allowed(self) -> bool:
        p = self.preview
        return (
            p is not None and not self._busy and bool(p.good)
            and (not p.bad or self.only_good.isChecked())
            and (not p.new_branches or self.create_branches.isChecked())
        )  # fmt: skip

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self._allowed())

    def _start_import(self) -> None:
        if not self._allowed():
            return
        preview, skip, create = (
            self.preview,
            self.only_good.isChecked(),
            self.create_branches.isChecked(),
        )
        self.file_label.setText(f"正在导入{len(preview.good)}名党员…")
        self._importing = True
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self._run(
            lambda _progress: apply_roster_import(
                preview, skip_invalid=skip, create_branches=create
            ),
            self._imported,
            self._import_failed,
        )

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        self.accept()

    def _import_failed(self, error: Exception) -> None:
        message = (
            str(error) if isinstance(error, ImportRefused) else f"导入失败，未写入任何数据：{error}"
        )
        self._show_error(message)

    # ---- plumbing ---------------------------------------------------------------

    def _run(self, work: Callable[[Progress], object], on_done: Callable, on_failed: Callable) -> None:
        """One job at a time, on a worker thread (see ui.background)."""
        self._busy = True
        self.error_label.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self._update_buttons()
        self._task = task = BackgroundTask(work, self)
        task.progressed.connect(self._progress)
        task.succeeded.connect(lambda value: self._finish(on_done, value))
        task.failed.connect(lambda error: self._finish(on_failed, error))
        task.cancelled_done.connect(lambda: self._finish(None, None))
        task.start()

    def _finish(self, handler: Callable | None, value: object) -> None:
        self._busy = self._importing = False
        self.progress.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        if handler is not None and not self._cancelled:
            handler(value)
        self._update_buttons()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def reject(self) -> None:
        """Cancel: a running read stops at its next progress report. A running import
        cannot be cancelled (Cancel and Esc wait), so the dialog never hides a write."""
        if self._importing:
            return
        self._cancelled = True
        if self._task is not None:
            self._task.cancel()
        super().reject()

    def done(self, result: int) -> None:
        # A read cancelled above stops at its next progress report; wait for it so the
        # dialog (and its task) is never deleted under its worker.
        wait_for_background()
        super().done(result)
