"""登记视察调研: topic, places (艰苦/边远牧业点 ticked), participants, findings, the
opinions given to the branch and whether they were taken up."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import participant_ids, save_inspection
from dahe_desktop.service.records import InspectionInput, InspectionRow
from dahe_desktop.service.rules import ServiceError
from ui.common.widgets import dialog_buttons, error_label
from ui.service.pickers import branch_combo, checked_ids, fill_checklist


class InspectionDialog(QDialog):
    def __init__(self, branch_id: int | None = None, row: InspectionRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle("修改视察调研" if row else "登记视察调研")
        self.branch = branch_combo(row.branch_id if row else branch_id)
        self.on = QDateEdit(QDate(row.inspection_date) if row else QDate.currentDate(), calendarPopup=True,
                            displayFormat="yyyy-MM-dd")  # fmt: skip
        self.area = QComboBox()
        self.area.addItems(list(L.INSPECTION_AREAS))
        self.topic = QLineEdit(placeholderText="如 冬春饲草储备情况")
        self.places = QLineEdit(placeholderText="如 冬春草场、边远牧业点")
        self.remote = QCheckBox(f"到{L.REMOTE_PLACE}")
        self.people = QListWidget()
        self.people.setMaximumHeight(120)
        self.others = QLineEdit(placeholderText="其他参加人员，如 村民代表尼玛")
        self.findings = QPlainTextEdit()
        self.opinions = QPlainTextEdit(placeholderText="向党支部提出的意见建议，多条用“；”分开")
        for box in (self.findings, self.opinions):
            box.setFixedHeight(54)
        self.count = QSpinBox(minimum=0, maximum=99)
        self.adoption = QComboBox()
        self.adoption.addItems(list(L.ADOPTIONS))
        self.note = QLineEdit()
        form = QFormLayout()
        for title, w in (("支部", self.branch), ("日期", self.on), ("调研方面", self.area), ("调研题目", self.topic),
                         ("调研地点", self.places), ("", self.remote), ("参加党员", self.people), ("其他人员", self.others),
                         ("发现的问题", self.findings), ("意见建议", self.opinions), ("条数", self.count),
                         ("采纳情况", self.adoption), ("说明", self.note)):  # fmt: skip
            form.addRow(title, w)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.branch.currentIndexChanged.connect(lambda: fill_checklist(self.people, self.branch.currentData()))
        fill_checklist(self.people, self.branch.currentData(), participant_ids(row.id) if row else [])
        if row:
            self.area.setCurrentText(row.area)
            self.topic.setText(row.topic)
            self.places.setText(row.places)
            self.remote.setChecked(row.remote)
            self.others.setText(row.other_participants)
            self.findings.setPlainText(row.findings)
            self.opinions.setPlainText(row.opinions)
            self.count.setValue(row.opinion_count)
            self.adoption.setCurrentText(row.adoption)
            self.note.setText(row.adoption_note)
        self.resize(560, 640)

    def inspection(self) -> InspectionInput:
        return InspectionInput(
            self.branch.currentData(), self.on.date().toPython(), self.area.currentText(), self.topic.text(),
            self.places.text(), self.remote.isChecked(), checked_ids(self.people), self.others.text(),
            self.findings.toPlainText(), self.opinions.toPlainText(), self.count.value(), self.adoption.currentText(),
            self.note.text(), self.row.id if self.row else None,
        )  # fmt: skip

    def accept(self) -> None:
        try:
            save_inspection(self.inspection())
        except ServiceError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
