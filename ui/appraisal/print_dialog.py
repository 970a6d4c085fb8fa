"""打印评分表 / 评议结果公示 / 结果通知单 on the one print dialog. What is printed is read
on the GUI thread; the worker only draws it. Nothing is logged: these papers are not
versions the program keeps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSpinBox,
    QWidget,
)

from dahe_desktop.appraisal.printouts.job import KINDS, RESULTS, SCORE_SHEETS, AppraisalPrint
from dahe_desktop.errors import UserError
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import POSTING_DAYS
from dahe_desktop.township import posting_info
from ui.printing.dialog import PrintDialog, Render


class AppraisalPrintDialog(PrintDialog):
    """The appraisal's three papers for one run."""

    def __init__(self, run_id: int, title: str, kind: str = SCORE_SHEETS, parent: QWidget | None = None):
        super().__init__(parent)
        self.run_id, self.title = run_id, title
        self.window_title = f"打印：{title}"
        self.setWindowTitle(self.window_title)
        self._kind = kind
        self.begin()
        self.watch(self.kind.currentIndexChanged, self.paper.currentIndexChanged, self.start_date.dateChanged,
                   self.days.valueChanged)  # fmt: skip

    def options(self) -> QLayout:
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(self._kind)))
        self.paper = QComboBox()
        self.paper.addItems(["A4横向", "A3横向（40人一页）"])
        self.start_date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.days = QSpinBox(minimum=1, maximum=60, value=POSTING_DAYS, suffix=" 天")
        form = QFormLayout()
        form.addRow("打印", self.kind)
        form.addRow("评分表纸张", self.paper)
        period = QHBoxLayout()
        period.addWidget(self.start_date)
        period.addWidget(QLabel("起，公示"))
        period.addWidget(self.days)
        period.addStretch()
        form.addRow("公示期", period)
        return form

    def sync_controls(self) -> None:
        kind = self.kind.currentData()
        self.paper.setEnabled(kind == SCORE_SHEETS)
        self.start_date.setEnabled(kind == RESULTS)
        self.days.setEnabled(kind == RESULTS)
        self.what = {SCORE_SHEETS: "张评分表", RESULTS: "份公示"}.get(kind, "份通知单")

    def make_render(self) -> Render:
        job = AppraisalPrint(self.kind.currentData(), self.run_id, a3=self.paper.currentIndex() == 1)
        info = posting_info(self.start_date.date().toPython(), self.days.value())
        try:
            gathered = job.gather()  # read here, on the GUI thread
        except UserError as error:
            refusal = error

            def refuse(_out: Path, _progress, _cancelled) -> PrintResult:
                raise refusal  # shown on the status line like any render error

            return refuse

        def render(out: Path, _progress, _cancelled) -> PrintResult:
            return job.render(out, info, record=True, gathered=gathered)

        return render

    def file_name(self) -> str:
        return f"{self.title}{KINDS[self.kind.currentData()]}.pdf"

    def print_pdf(self, *, printer=None) -> bool:
        return self.print_document(printer=printer)
