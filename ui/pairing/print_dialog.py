"""打印联系卡 / 结链责任状 / 结对公示 on the one print dialog. Nothing is logged: these
printouts keep no posted versions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLayout,
    QSpinBox,
    QWidget,
)

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.printouts.job import (
    print_contact_cards,
    print_letters,
    print_pairing_list,
)
from dahe_desktop.pairing.service import village_branches
from dahe_desktop.printing.cards import CardJob
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import POSTING_DAYS
from dahe_desktop.township import posting_info
from ui.printing.dialog import PrintDialog, Render

CARDS, LETTERS, LIST = labels.PRINT_CARDS, labels.PRINT_LETTERS, labels.PRINT_LIST
TITLES = {CARDS: "便民服务联系卡", LETTERS: "“结链”责任状", LIST: "结对公示"}
WHAT = {CARDS: "张联系卡", LETTERS: "份责任状", LIST: "个支部的公示"}


class PairingPrintDialog(PrintDialog):
    def __init__(self, kind: str, year: int, branch_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind, self.year, self._branch_id = kind, year, branch_id
        self.window_title = f"打印{year}年度{TITLES[kind]}"
        self.what = WHAT[kind]
        self.setWindowTitle(self.window_title)
        self.begin()
        self.watch(self.branch.currentIndexChanged, self.duplex.toggled, self.day.dateChanged, self.days.valueChanged)

    def options(self) -> QLayout:
        self.branch = QComboBox(minimumContentsLength=14)
        if self.kind != LIST:
            self.branch.addItem("全部村", None)
        for bid, name in village_branches():
            self.branch.addItem(name, bid)
        self.branch.setCurrentIndex(max(0, self.branch.findData(self._branch_id)))
        self.duplex = QCheckBox("双面打印（背面在同一张纸的反面，长边翻转）")
        self.day = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.days = QSpinBox(minimum=1, maximum=60, value=POSTING_DAYS, suffix=" 天")
        form = QFormLayout()
        form.addRow("村（支部）", self.branch)
        if self.kind == CARDS:
            form.addRow("", self.duplex)
        else:
            form.addRow("落款日期" if self.kind == LETTERS else "公示起始", self.day)
        if self.kind == LIST:
            form.addRow("公示天数", self.days)
        return form

    def make_render(self) -> Render:
        year, branch_id, day = self.year, self.branch.currentData(), self.day.date().toPython()
        if self.kind == CARDS:
            job = CardJob(duplex=self.duplex.isChecked())

            def render(out: Path, progress, cancelled) -> PrintResult:
                return print_contact_cards(year, branch_id, out, job, record=True, progress=progress, cancelled=cancelled)

        elif self.kind == LETTERS:

            def render(out: Path, _progress, _cancelled) -> PrintResult:
                return print_letters(year, branch_id, out, issued_on=day, record=True)

        else:
            info = posting_info(day, self.days.value())

            def render(out: Path, _progress, _cancelled) -> PrintResult:
                return print_pairing_list(year, branch_id, out, info, record=True)

        return render

    def file_name(self) -> str:
        return f"{self.year}年度{TITLES[self.kind]}.pdf"

    def setup_printer(self, printer) -> None:
        if self.kind == CARDS and self.duplex.isChecked():
            from PySide6.QtPrintSupport import QPrinter

            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
