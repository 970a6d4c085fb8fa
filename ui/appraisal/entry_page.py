"""The 评分录入 page: choose a rater's sheet (category, pass), type it into the grid with
the member's context beside it, or go through the .xlsx template (export, fill, import)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.appraisal import context, entry, labels, runs, workbook
from dahe_desktop.appraisal.records import RunInfo, ScoreSheet
from dahe_desktop.errors import UserError, error_lines
from ui.appraisal.grid import ScoreGrid, ScoreGridModel
from ui.common import pc_settings


class EntryPage(QWidget):
    said = Signal(str, bool)  # a message for the tab's status line; True for a refusal

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.info: RunInfo | None = None
        self.rater = QComboBox(minimumContentsLength=14)
        self.category = QComboBox()
        self.pass_no = QComboBox()
        for no, text in labels.PASS_LABELS.items():
            self.pass_no.addItem(text, no)
        self.state = QLabel()
        self.export_button = QPushButton("导出评分模板…")
        self.import_button = QPushButton("导入评分表…")
        self.import_button.setToolTip("把填好的模板导入当前选择的一遍（第一遍或第二遍）")
        controls = QHBoxLayout()
        for text, box in (("评分表", self.rater), ("类别", self.category), ("", self.pass_no)):
            if text:
                controls.addWidget(QLabel(text))
            controls.addWidget(box)
        controls.addWidget(self.state, 1)
        controls.addWidget(self.export_button)
        controls.addWidget(self.import_button)
        self.model = ScoreGridModel(self._save_cell, self)
        self.grid = ScoreGrid(self.model)
        self.model.refused.connect(lambda text: self.said.emit(text, True))
        self.context = QTextEdit(readOnly=True)
        self.context.setMinimumWidth(240)
        split = QSplitter()
        split.addWidget(self.grid)
        split.addWidget(self.context)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        for box in (self.rater, self.category, self.pass_no):
            box.currentIndexChanged.connect(self.load_sheet)
        self.grid.selectionModel().currentChanged.connect(lambda current, _old: self._show_context(current.row()))
        self.export_button.clicked.connect(self.export_template)
        self.import_button.clicked.connect(self.import_sheets)

    def set_run(self, info: RunInfo | None) -> None:
        """The run shown (None: none yet); keeps the rater and category chosen."""
        self.info = info
        rater, category = self.rater.currentData(), self.category.currentData()
        for box in (self.rater, self.category):
            box.blockSignals(True)
            box.clear()
        if info is not None:
            for r in runs.list_raters(info.id):
                self.rater.addItem(r.label, r.id)
            present = {s.category for s in runs.list_subjects(info.id) if not s.excused}
            for c in labels.CATEGORIES:
                if c in present:
                    self.category.addItem(c, c)
        self.rater.setCurrentIndex(max(0, self.rater.findData(rater)))
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        for box in (self.rater, self.category):
            box.blockSignals(False)
        scoring = info is not None and info.state == labels.SCORING
        self.import_button.setEnabled(scoring)
        self.export_button.setEnabled(info is not None and info.raters > 0)

    def load_sheet(self) -> None:
        rater, category, pass_no = self.rater.currentData(), self.category.currentData(), self.pass_no.currentData()
        sheet = None
        if self.info is not None and rater is not None and category is not None:
            sheet = entry.score_sheet(self.info.id, rater, category, pass_no)
        self.model.set_sheet(sheet)
        if sheet is None:
            self.state.setText("请先登记评议人并开始评分" if self.info else "")
        elif sheet.read_only:
            self.state.setText("只读（" + ("已定档" if self.info.state == labels.FINALIZED else "尚未开始评分") + "）")
        else:
            self.state.setText(f"空格{sheet.missing}个（黄色）" if sheet.missing else "本表已填满")
        if sheet is not None and not self.grid.currentIndex().isValid() and sheet.rows and sheet.items:
            self.grid.setCurrentIndex(self.model.index(0, 0))

    def _save_cell(self, sheet: ScoreSheet, subject_id: int, values: list) -> bool:
        try:
            entry.save_sheet(sheet.run_id, sheet.rater.id, sheet.category, sheet.pass_no, {subject_id: values})
        except UserError as error:
            self.said.emit("\n".join(error_lines(error)), True)
            return False
        self.said.emit("", False)
        return True

    def _show_context(self, row: int) -> None:
        sheet = self.model.sheet
        if sheet is None or not 0 <= row < len(sheet.rows):
            self.context.clear()
            return
        ctx = context.member_context(sheet.rows[row].subject_id)
        parts = [f"<b>{sheet.rows[row].name}</b>", "<b>个人自评</b>", ctx.self_assessment or "（未填写）"]
        for section in ctx.sections:
            parts.append(f"<b>{section.title}</b>")
            parts += section.lines or [section.empty_text]
        self.context.setHtml("<br>".join(parts))

    def export_template(self) -> None:
        if self.info is None:
            return
        name = f"{self.info.branch_name}{self.info.year}年度评分录入表.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "导出评分模板", str(Path(pc_settings.last_folder()) / name), "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            rows = workbook.export_template(self.info.id, path)
        except (UserError, OSError) as error:
            self.said.emit("\n".join(error_lines(error, "导出")), True)
            return
        pc_settings.remember_file(path)
        self.said.emit(f"已导出 {path}：{rows}行", False)

    def import_sheets(self) -> None:
        if self.info is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "导入评分表", str(pc_settings.last_folder()), "Excel 工作簿 (*.xlsx)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        pass_no = self.pass_no.currentData()
        try:
            summary = workbook.import_scores(self.info.id, path, pass_no)
        except UserError as error:
            self.said.emit("\n".join(error_lines(error, "导入")), True)
            return
        pc_settings.remember_file(path)
        self.said.emit(f"已导入{labels.PASS_LABELS[pass_no]}：{summary.rows}行，{summary.cells}个分数", False)
