"""打印督办单: the overdue commitments of each branch (or one), on the one print dialog.
A 督办单 is not a posting: saving or printing it records nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLayout, QWidget

from dahe_desktop.commitments.overdue import render_supervision_list
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.roster.service import list_branches
from ui.printing.dialog import PrintDialog, Render


class SupervisionPrintDialog(PrintDialog):
    what = "个支部的督办单"

    def __init__(self, year: int, branch_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = year
        self.window_title = f"打印{year}年度逾期督办单"
        self.setWindowTitle(self.window_title)
        self._branch_id = branch_id
        self.begin()
        self.watch(self.branch.currentIndexChanged)

    def options(self) -> QLayout:
        self.branch = QComboBox(minimumContentsLength=14)
        self.branch.addItem("全部有逾期的支部（每个支部一份）", None)
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(self._branch_id)))
        form = QFormLayout()
        form.addRow("支部", self.branch)
        return form

    def make_render(self) -> Render:
        year, branch_id = self.year, self.branch.currentData()

        def render(out: Path, _progress, _cancelled) -> PrintResult:  # worker thread
            return render_supervision_list(out, year, branch_id, record=True)

        return render

    def file_name(self) -> str:
        return f"{self.year}年度逾期督办单.pdf"
