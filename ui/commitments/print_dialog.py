"""打印承诺卡 / 打印承诺公示 on the one print dialog. A print is marked as posted (记为已公示,
which later prints compare against) only when the clerk says so: by default a print to
the printer is, a PDF saved to a file (often a trial) is not. A reprint of the posted
version records nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from dahe_desktop.commitments import postings
from dahe_desktop.commitments.printouts.job import PrintJob
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import POSTING_DAYS
from dahe_desktop.roster.service import list_branches
from dahe_desktop.township import posting_info
from ui.printing.dialog import PrintDialog, Render

RECORD_HINT = "打印时默认记为已公示；保存为PDF默认不记录（试印），用于张贴的PDF请勾选后再保存。"


class CommitmentPrintDialog(PrintDialog):
    """打印承诺卡 / 打印承诺公示."""

    def __init__(self, kind: str, year: int, branch_id: int | None = None, member_ids: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.window_title = f"打印{year}年度{postings.KINDS[kind]}"
        self.what = "张承诺卡" if kind == postings.CARD else "个支部的公示"
        self.setWindowTitle(self.window_title)
        self.kind, self.year = kind, year
        self.member_ids = member_ids or []
        self._branch_id = branch_id
        self.begin()
        self.watch(self.branch.currentIndexChanged, self.paper.currentIndexChanged, self.start_date.dateChanged,
                   self.days.valueChanged, self.current.toggled, self.scope.currentIndexChanged)  # fmt: skip

    def options(self) -> QLayout:
        self.branch = QComboBox(minimumContentsLength=14)
        if self.kind == postings.CARD:
            self.branch.addItem("全部支部", None)
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(self._branch_id)))
        self.scope = QComboBox()
        self.scope.addItem("全部党员", "all")
        if self.member_ids:
            self.scope.addItem(f"表中所选的{len(set(self.member_ids))}名党员", "selected")
        self.scope.addItem("尚未公示或公示后有改动的党员", "unposted")
        if self.member_ids and self.kind == postings.CARD:  # cards for the members picked in the table
            self.scope.setCurrentIndex(self.scope.findData("selected"))
        self.paper = QComboBox()
        self.paper.addItems(["A5（每张A4印2张）", "A4（每页1张）"] if self.kind == postings.CARD else ["A4横向", "A3横向"])
        self.start_date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.days = QSpinBox(minimum=1, maximum=60, value=POSTING_DAYS, suffix=" 天")
        self.current = QRadioButton("当前内容")
        self.posted = QRadioButton("上次公示的版本（原样重印）")
        self.current.setChecked(True)
        versions = QButtonGroup(self)
        versions.addButton(self.current)
        versions.addButton(self.posted)
        form = QFormLayout()
        form.addRow("支部", self.branch)
        form.addRow("范围", self.scope)
        form.addRow("纸张", self.paper)
        period = QHBoxLayout()
        period.addWidget(self.start_date)
        period.addWidget(QLabel("起，公示"))
        period.addWidget(self.days)
        period.addStretch()
        form.addRow("公示期", period)
        form.addRow("版本", self.current)
        form.addRow("", self.posted)
        self.record_posting = QCheckBox("记为已公示")
        self.record_posting.setChecked(True)  # shows the printer's default until touched
        self.record_posting.setToolTip(RECORD_HINT)
        self.record_posting.clicked.connect(self._record_chosen)
        self.record_hint = QLabel(RECORD_HINT, wordWrap=True, styleSheet="color: #666;")
        form.addRow("", self.record_posting)
        form.addRow("", self.record_hint)
        self._record_choice: bool | None = None  # None: the default of each output
        self._output = "printer"
        self.posted.toggled.connect(lambda posted: self.record_posting.setEnabled(not posted))
        return form

    def _record_chosen(self, checked: bool) -> None:
        self._record_choice = checked

    def records_posting(self, output: str) -> bool:
        """Whether saving to a file ("file") or printing ("printer") now records the
        versions posted: the clerk's tick if given, else yes for a printer only."""
        if self.posted.isChecked():
            return False
        return self._record_choice if self._record_choice is not None else output == "printer"

    def save_to(self, path) -> None:
        self._output = "file"
        super().save_to(path)

    def print_document(self, *, printer=None) -> bool:
        self._output = "printer"
        return super().print_document(printer=printer)

    def extra_buttons(self) -> list[QPushButton]:
        self.open_button = QPushButton("用系统查看器打开")
        self.open_button.clicked.connect(self.open_external)
        return [self.open_button]

    def _set_buttons(self) -> None:
        super()._set_buttons()
        self.open_button.setEnabled(self.render_result is not None)

    def job(self) -> PrintJob:
        scope = self.scope.currentData()
        members = sorted(set(self.member_ids)) if scope == "selected" else None
        return PrintJob(self.kind, self.year, self.branch.currentData(), members, posted=self.posted.isChecked(),
                        large=self.paper.currentIndex() == 1, only_unposted=scope == "unposted")  # fmt: skip

    def make_render(self) -> Render:
        job, info = self.job(), posting_info(self.start_date.date().toPython(), self.days.value())

        def render(out: Path, _progress, _cancelled) -> PrintResult:  # worker thread; nothing logged
            return job.render(out, info, record=True)  # a few pages: done before a cancel matters

        return render

    def file_name(self) -> str:
        return f"{self.year}年度{postings.KINDS[self.kind]}.pdf"

    def log(self, result: PrintResult) -> str:
        if not self.records_posting(self._output):
            if self.posted.isChecked():
                return ""
            return "未记为已公示；如已张贴，请勾选“记为已公示”后再保存" if self._output == "file" else "未记为已公示"
        stored = self.job().log(result)
        return f"已记为公示版本{stored}份" if stored else ""

    def print_pdf(self, *, printer=None) -> bool:
        return self.print_document(printer=printer)

    def open_external(self) -> None:
        if self._pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._pdf)))
