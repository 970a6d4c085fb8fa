"""办理社情民意: the next step for the selected items, with what that step needs (a
result, a reason, how the household was told, why it is reopened)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemRow, ItemStep
from dahe_desktop.service.rules import ServiceError, next_statuses
from dahe_desktop.service.visits import take_step
from ui.common.widgets import dialog_buttons, error_label


class ItemStepDialog(QDialog):
    def __init__(self, items: list[ItemRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.items = items
        self.changed = 0
        self.setWindowTitle("办理社情民意")
        statuses = {i.status for i in items}
        shared = [s for s in next_statuses(items[0].status) if all(s in next_statuses(i.status) for i in items)]
        where = "、".join(sorted(statuses))
        intro = QLabel(f"所选{len(items)}条（当前：{where}）的下一步：" if shared
                       else f"所选{len(items)}条的状态不同（{where}），没有共同的下一步，请分开办理。", wordWrap=True)  # fmt: skip
        self.status = QComboBox()
        for s in shared:
            self.status.addItem(L.REOPEN + "（群众反映未解决）" if s == L.IN_HAND and L.FED_BACK in statuses else s, s)
        self.on = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.result = QPlainTextEdit(placeholderText="办成了什么、怎么办的")
        self.result.setFixedHeight(60)
        self.reason = QLineEdit(placeholderText="为什么只部分解决或无法解决")
        self.how = QComboBox(editable=True)
        self.how.addItems(list(L.FEEDBACK_WAYS))
        self.note = QLineEdit(placeholderText="重新办理：群众怎么说")
        self.form = QFormLayout()
        self.form.addRow("下一步", self.status)
        self.form.addRow("日期", self.on)
        self.form.addRow("办理结果", self.result)
        self.form.addRow("原因", self.reason)
        self.form.addRow("告知方式", self.how)
        self.form.addRow("群众反映", self.note)
        self.error = error_label()
        self.buttons = dialog_buttons(self, "确定")
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(bool(shared))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self._fields)
        self._fields()

    def _fields(self) -> None:
        to = self.status.currentData()
        reopen = to == L.IN_HAND and any(i.status in (*L.RESULTS, L.FED_BACK) for i in self.items)
        for widget, shown in ((self.result, to in L.RESULTS), (self.reason, to in L.NEEDS_REASON),
                              (self.how, to == L.FED_BACK), (self.note, reopen)):  # fmt: skip
            self.form.setRowVisible(widget, shown)

    def step(self) -> ItemStep:
        return ItemStep(self.status.currentData() or "", self.on.date().toPython(), self.result.toPlainText(),
                        self.reason.text(), self.how.currentText(), self.note.text())  # fmt: skip

    def accept(self) -> None:
        try:
            self.changed = take_step([i.id for i in self.items], self.step())
        except ServiceError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
