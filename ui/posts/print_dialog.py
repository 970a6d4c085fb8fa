"""打印选票 / 打印设岗定责公示 / 打印岗位卡 on the one print dialog. Nothing is logged: a
ballot or a posting is printed as often as the branch needs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSpinBox,
    QWidget,
)

from dahe_desktop.posts.printouts.job import BALLOTS, CARDS, KINDS, PostsPrintJob
from dahe_desktop.posts.printouts.sheets import DEFAULT_REP_BALLOTS, member_voters
from dahe_desktop.printing.document import PrintResult
from dahe_desktop.printing.posting import POSTING_DAYS
from dahe_desktop.roster.service import list_branches
from dahe_desktop.township import posting_info
from ui.printing.dialog import PrintDialog, Render


class PostsPrintDialog(PrintDialog):
    """One of the three posts printouts for a year and branch."""

    def __init__(self, kind: str, year: int, branch_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind, self.year, self._branch_id = kind, year, branch_id
        self.window_title = f"打印{year}年度{KINDS[kind]}"
        self.what = {BALLOTS: "张选票", CARDS: "张岗位卡"}.get(kind, "份公示")
        self.setWindowTitle(self.window_title)
        self.begin()
        self.watch(self.branch.currentIndexChanged, self.members.valueChanged, self.reps.valueChanged,
                   self.with_list.toggled, self.start_date.dateChanged, self.days.valueChanged)  # fmt: skip

    def options(self) -> QLayout:
        self.branch = QComboBox(minimumContentsLength=14)
        if self.kind == CARDS:
            self.branch.addItem("全部支部", None)
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(self._branch_id)))
        self.members = QSpinBox(minimum=0, maximum=999, suffix=" 张")
        self.reps = QSpinBox(minimum=0, maximum=999, value=DEFAULT_REP_BALLOTS, suffix=" 张")
        self.with_list = QCheckBox("先印候选人名单", checked=True)
        self.start_date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.days = QSpinBox(minimum=1, maximum=60, value=POSTING_DAYS, suffix=" 天")
        form = QFormLayout()
        form.addRow("支部", self.branch)
        if self.kind == BALLOTS:
            self._default_members()
            self.branch.currentIndexChanged.connect(self._default_members)
            form.addRow("党员选票", self.members)
            form.addRow("群众代表选票", self.reps)
            form.addRow("", self.with_list)
        else:
            period = QHBoxLayout()
            period.addWidget(self.start_date)
            period.addWidget(QLabel("起，公示"))
            period.addWidget(self.days)
            period.addStretch()
            form.addRow("公示期", period)
        return form

    def _default_members(self, *_args) -> None:
        """One ballot for each member of the branch who votes (those away excepted)."""
        if self.branch.currentData() is not None:
            self.members.setValue(member_voters(self.branch.currentData()))

    def job(self) -> PostsPrintJob:
        return PostsPrintJob(self.kind, self.year, self.branch.currentData(), self.members.value(), self.reps.value(),
                             self.with_list.isChecked())  # fmt: skip

    def make_render(self) -> Render:
        job = self.job()
        info = posting_info(self.start_date.date().toPython(), self.days.value())

        def render(out: Path, _progress, _cancelled) -> PrintResult:  # a refusal shows on the status line
            return job.render(out, info, record=True)

        return render

    def file_name(self) -> str:
        return f"{self.branch.currentText()}{self.year}年度{KINDS[self.kind]}.pdf"
