"""登记走访: who visited whom, when and how, what was heard, and up to three problems
raised on the visit (each becomes a 社情民意 item, 已收集)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemInput, VisitInput
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.visits import save_visit
from ui.common.widgets import dialog_buttons, error_label
from ui.service.pickers import branch_combo, fill_members

ITEM_ROWS = 3


class _ItemRow:
    def __init__(self, grid: QGridLayout, row: int):
        self.category = QComboBox()
        self.category.addItems(list(L.ITEM_CATEGORIES))
        self.content = QLineEdit(placeholderText="反映的问题（不填则不登记）")
        self.household = QLineEdit(placeholderText="反映人/户")
        self.route = QComboBox()
        self.route.addItems(list(L.ROUTES))
        self.office = QComboBox(editable=True)
        self.office.addItems(["", *L.TOWNSHIP_OFFICES])
        self.owner = QLineEdit(placeholderText="责任人")
        self.due = QDateEdit(QDate.currentDate().addDays(30), calendarPopup=True, displayFormat="yyyy-MM-dd")
        for col, w in enumerate((self.category, self.content, self.household, self.route, self.office, self.owner, self.due)):
            grid.addWidget(w, row, col)
        grid.setColumnStretch(1, 3)

    def item(self) -> ItemInput | None:
        if not self.content.text().strip():
            return None
        return ItemInput(self.category.currentText(), self.content.text(), self.household.text(), self.route.currentText(),
                         self.office.currentText(), self.owner.text(), self.due.date().toPython())  # fmt: skip


class VisitDialog(QDialog):
    def __init__(self, branch_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("登记走访")
        self.saved_id: int | None = None
        self.branch = branch_combo(branch_id)
        self.member = QComboBox(minimumContentsLength=14)
        self.on = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.on.setMaximumDate(QDate.currentDate())
        self.kind = QComboBox()
        self.kind.addItems(list(L.VISIT_KINDS))
        self.households = QLineEdit(placeholderText="走访的户（户主姓名）或地点，如 三社才让东智户")
        self.heard = QLineEdit(placeholderText="听到的情况和意见")
        form = QFormLayout()
        form.addRow("支部", self.branch)
        form.addRow("党员", self.member)
        form.addRow("走访日期", self.on)
        form.addRow("方式", self.kind)
        form.addRow("走访户/地点", self.households)
        form.addRow("听取的意见", self.heard)
        box = QGroupBox("群众反映的问题（登记为社情民意，状态“已收集”）")
        grid = QGridLayout(box)
        for col, title in enumerate(("类别", "反映的问题", "反映人/户", "上报至", "乡镇部门", "责任人", "办理时限")):
            grid.addWidget(QLabel(title), 0, col)
        self.rows = [_ItemRow(grid, r + 1) for r in range(ITEM_ROWS)]
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.branch.currentIndexChanged.connect(lambda: fill_members(self.member, self.branch.currentData()))
        fill_members(self.member, self.branch.currentData())
        self.resize(1000, 420)

    def visit(self) -> VisitInput:
        items = [i for r in self.rows if (i := r.item()) is not None]
        return VisitInput(self.member.currentData(), self.on.date().toPython(), self.kind.currentText(),
                          self.households.text(), self.heard.text(), items)  # fmt: skip

    def accept(self) -> None:
        try:
            self.saved_id = save_visit(self.visit())
        except ServiceError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
