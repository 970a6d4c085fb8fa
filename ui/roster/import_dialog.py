"""Importing a roster file: preview every bad row, every change to a member already on
file and how cells were read first, then import in one go.

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
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import error_lines
from dahe_desktop.importing import (
    BadRow,
    ImportFileError,
    ImportPreview,
    ImportRefused,
    ImportResult,
    apply_roster_import,
    preview_roster_import,
)
from dahe_desktop.importing.sendback import write_bad_rows
from dahe_desktop.safety.outputs import OutputPathError
from ui.background import BackgroundTask, Progress, wait_for_background
from ui.common import pc_settings
from ui.common.rows_model import rows_view
from ui.roster.import_parts import (
    ColumnMappingDialog,
    PreviewLinesModel,
    preview_lines,
    remember_mapping,
    remembered_mapping,
)

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
        self.resize(860, 600)

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
        self.lines_model = PreviewLinesModel(self)
        self.lines_table, _ = rows_view(self.lines_model, (70, 80, 40))
        self.lines_table.setWordWrap(True)
        self.lines_table.verticalHeader().hide()  # the 行号 column says where each line is
        self.pages = QTabWidget()
        self.pages.addTab(self.table, "有误的行")
        self.pages.addTab(self.lines_table, "变动与读取")
        self.pages.hide()
        self.save_bad_button = QPushButton("保存有误的行…")
        self.save_bad_button.setToolTip("把有误的行（原样，附问题说明）保存为Excel，发回村里改正")
        self.save_bad_button.clicked.connect(self.save_bad_rows)
        self.mapping_button = QPushButton("列对应…")
        self.mapping_button.setToolTip("列名与本程序不同时，指定每一列对应的项目")
        self.mapping_button.clicked.connect(self.map_columns)
        for button in (self.save_bad_button, self.mapping_button):
            button.hide()
        self.mapping: dict[str, str] = {}
        self._mapping_tried = False
        self.why_label = QLabel(wordWrap=True, styleSheet="color: #a05a00;")
        self.branches_label = QLabel(wordWrap=True)
        self.create_branches = QCheckBox("新建以上支部")
        self.only_good = QCheckBox("只导入无误的行")
        for widget in (self.branches_label, self.create_branches, self.only_good):
            widget.hide()
        self.create_branches.toggled.connect(self._update_buttons)
        self.only_good.toggled.connect(self._update_buttons)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.save_bad_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.mapping_button, QDialogButtonBox.ButtonRole.ActionRole)
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
                       self.pages, self.branches_label, self.create_branches, self.only_good):  # fmt: skip
            layout.addWidget(widget)
        layout.setStretchFactor(self.pages, 1)
        layout.addStretch()  # takes the room while the tables are hidden (nothing to list)
        layout.addWidget(self.why_label)
        layout.addWidget(self.buttons)
        self._start_preview()

    @property
    def imported_count(self) -> int:
        """How many members were added (0 until the dialog accepts)."""
        return self.import_result.imported if self.import_result else 0

    @property
    def updated_count(self) -> int:
        """How many members on file were updated (0 until the dialog accepts)."""
        return self.import_result.updated if self.import_result else 0

    # ---- reading ----------------------------------------------------------------

    def _start_preview(self) -> None:
        path, mapping = self.path, dict(self.mapping)

        def work(progress: Progress) -> ImportPreview:
            return preview_roster_import(path, progress=progress, mapping=mapping)

        self._run(work, self._show_preview, self._preview_failed)

    def _show_preview(self, preview: ImportPreview) -> None:
        remembered = remembered_mapping(preview.header_cells)
        if remembered and not self._mapping_tried:  # this village's form was mapped before
            self._mapping_tried = True
            self.mapping = remembered
            self._start_preview()
            return
        self._mapping_tried = True
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
        parts = [f"新增{len(preview.new_rows)}人"] if preview.new_rows else []
        if preview.changed_rows:
            parts.append(f"更新{len(preview.changed_rows)}人（{'，'.join(preview.change_lines())}）")
        if preview.unchanged:
            parts.append(f"{preview.unchanged}人与花名册一致")
        if parts:
            text += "按身份证号比对：" + "；".join(parts) + "。"
        if preview.summary_rows:
            text += f"跳过合计行{len(preview.summary_rows)}行。"
        if preview.already:  # no ID number, same name, birth date and branch as one on the roster
            names = "、".join(k.name for k in preview.already[:5]) + ("等" if len(preview.already) > 5 else "")
            text += f"另有{len(preview.already)}人（{names}）已在花名册中，不再重复导入。"
        if bad:
            text += "有误的行见下表，请改正文件后重新导入，或勾选“只导入无误的行”。"
        elif preview.new_rows or preview.changed_rows:
            text += "全部无误，可以导入。"
        elif not good:
            text += "文件中没有党员数据。"
        self.counts_label.setText(text)
        self.counts_label.setStyleSheet(_ERROR_STYLE if bad else "")
        self.model.set_rows(preview.bad)
        self.lines_model.set_rows(preview_lines(preview))
        self.pages.setTabText(0, f"有误的行（{bad}）")
        self.pages.setTabText(1, f"变动与读取（{self.lines_model.rowCount()}）")
        self.pages.setTabVisible(0, bool(bad))
        self.pages.setVisible(bool(bad or self.lines_model.rowCount()))
        self.pages.setCurrentIndex(0 if bad else 1)
        self.table.resizeRowsToContents()
        self.save_bad_button.setVisible(bool(bad))
        self.mapping_button.setVisible(bool(preview.header_cells))
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
        else:  # a stick pulled while reading, no permission: in Chinese, never an OS sentence
            self._show_error("；".join(error_lines(error, "读取文件")))
        self.file_label.setText(f"文件：{Path(self.path).name}")
        self.preview_ready.emit()

    # ---- importing --------------------------------------------------------------

    def why_not(self) -> str:
        """Why 导入 cannot be pressed now ('' when it can), in the clerk's words."""
        p = self.preview
        if p is None or self._busy:
            return ""
        if not p.good:
            return "没有可导入的行"
        if not p.new_rows and not p.changed_rows:
            return "文件中的党员与花名册一致，没有需要导入或更新的内容"
        if p.bad and not self.only_good.isChecked():
            return f"有{len(p.bad)}行有误：请改正后重新导入，或勾选“只导入无误的行”"
        if p.new_branches and not self.create_branches.isChecked():
            return "请勾选“新建以上支部”"
        return ""

    def _allowed(self) -> bool:
        return self.preview is not None and not self._busy and not self.why_not()

    def _update_buttons(self) -> None:
        allowed = self._allowed()
        self.import_button.setEnabled(allowed)
        why = self.why_not()
        self.import_button.setToolTip(why)
        self.why_label.setText(f"不能导入：{why}" if why else "")
        self.why_label.setVisible(bool(why))

    def _start_import(self) -> None:
        if not self._allowed():
            return
        preview, skip, create = (
            self.preview,
            self.only_good.isChecked(),
            self.create_branches.isChecked(),
        )
        self.file_label.setText(f"正在导入：新增{len(preview.new_rows)}人，更新{len(preview.changed_rows)}人…")
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
        message = (  # a full disk, a locked or vanished file, a backup that could not be made
            str(error) if isinstance(error, ImportRefused) else "导入失败，未写入任何数据：" + "；".join(error_lines(error, "导入"))
        )
        self._show_error(message)

    # ---- sending back, mapping ------------------------------------------------------

    def save_bad_rows(self) -> None:
        if self.preview is None or not self.preview.bad:
            return
        suggested = pc_settings.in_last_folder(f"{Path(self.path).stem}_需改正的行.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "保存有误的行", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        pc_settings.remember_file(path)
        try:
            write_bad_rows(self.preview, path)
        except OutputPathError as error:  # the data file or a backup chosen
            self._show_error("\n".join(error.lines))
            return
        except OSError as error:
            self._show_error(f"无法保存：{path}（{error.strerror or error}）。请关闭正在打开此文件的程序后重试。")
            return
        self.file_label.setText(f"已保存{len(self.preview.bad)}行有误的行：{path}")

    def map_columns(self) -> None:
        if self.preview is None:
            return
        dialog = ColumnMappingDialog(self.preview, self.mapping, self)
        if not dialog.exec():
            return
        self.mapping = dialog.mapping()
        remember_mapping(self.preview.header_cells, self.mapping)
        self.preview = None
        self._update_buttons()
        self._start_preview()

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
