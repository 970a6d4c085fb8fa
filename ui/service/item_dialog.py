"""修改社情民意: where it goes, who answers for it, by when (its status moves only by 办理)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemInput, ItemRow
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.visits import update_item
from ui.common.widgets import dialog_buttons, error_label


class ItemDialog(QDialog):
    def __init__(self, item: ItemRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setWindowTitle("修改社情民意")
        self.category = QComboBox()
        self.category.addItems(list(L.ITEM_CATEGORIES))
        self.category.setCurrentText(item.category)
        self.content = QLineEdit(item.content)
        self.household = QLineEdit(item.household)
        self.route = QComboBox()
        self.route.addItems(["", *L.ROUTES])
        self.route.setCurrentText(item.route)
        self.office = QComboBox(editable=True)
        self.office.addItems(["", *L.TOWNSHIP_OFFICES])
        self.office.setCurrentText(item.office)
        self.owner = QLineEdit(item.owner)
        self.due = QDateEdit(QDate(item.due_date) if item.due_date else QDate.currentDate().addDays(30),
                             calendarPopup=True, displayFormat="yyyy-MM-dd")  # fmt: skip
        form = QFormLayout()
        for title, w in (("类别", self.category), ("反映的问题", self.content), ("反映人/户", self.household),
                         ("上报至", self.route), ("乡镇部门", self.office), ("责任人", self.owner), ("办理时限", self.due)):  # fmt: skip
            form.addRow(title, w)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.resize(480, 300)

    def values(self) -> ItemInput:
        return ItemInput(self.category.currentText(), self.content.text(), self.household.text(), self.route.currentText(),
                         self.office.currentText(), self.owner.text(), self.due.date().toPython())  # fmt: skip

    def accept(self) -> None:
        try:
            update_item(self.item.id, self.values())
        except ServiceError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
