"""Bulk status update: one status, with what it needs, for the selected commitments."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import labels
from dahe_desktop.commitments import service
from dahe_desktop.commitments.records import DONE, WITHDRAWN, StatusChange
from dahe_desktop.commitments.rules import CommitmentError
from ui.common.widgets import EditDialog, dialog_buttons, error_label, text_width


class BulkStatusDialog(EditDialog):
    """变更承诺状态: 已完成 asks when, how it was checked and by whom; 已撤回 asks why."""

    def __init__(self, ids: list[int], summary: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ids = ids
        self.changed = 0
        self.setWindowTitle("变更承诺状态")
        intro = QLabel(f"将变更{len(ids)}项承诺的状态：{summary}", wordWrap=True)
        self.status = QComboBox()
        self.status.addItems(list(labels.COMMITMENT_STATUSES))
        self.status.setCurrentText(DONE)
        self.done_date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.done_date.setMaximumDate(QDate.currentDate())
        self.how = QLineEdit(placeholderText="如 现场查看、查阅台账、入户回访、群众评议")
        self.by = QLineEdit(placeholderText="如 村党支部、村务监督委员会")
        self.reason = QLineEdit(placeholderText="撤回须写明原因")
        for field in (self.how, self.by, self.reason):
            field.setMinimumWidth(text_width(field, field.placeholderText()))
        self.form = QFormLayout()
        self.form.addRow("新状态", self.status)
        self.form.addRow("完成日期", self.done_date)
        self.form.addRow("核实方式", self.how)
        self.form.addRow("核实人", self.by)
        self.form.addRow("撤回原因", self.reason)
        self.error = error_label()
        buttons = dialog_buttons(self, "确认变更")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.status.currentTextChanged.connect(self._fields_for_status)
        self._fields_for_status()
        self.mark_clean()

    def _fields_for_status(self) -> None:
        status = self.status.currentText()
        for widget, shown in ((self.done_date, status == DONE), (self.how, status == DONE),
                              (self.by, status == DONE), (self.reason, status == WITHDRAWN)):  # fmt: skip
            self.form.setRowVisible(widget, shown)

    def change(self) -> StatusChange:
        status = self.status.currentText()
        return StatusChange(
            status=status,
            done_date=self.done_date.date().toPython() if status == DONE else None,
            verified_how=self.how.text(),
            verified_by=self.by.text(),
            reason=self.reason.text() if status == WITHDRAWN else "",
        )

    def accept(self) -> None:
        try:
            self.changed = service.set_status(self.ids, self.change())
        except CommitmentError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
