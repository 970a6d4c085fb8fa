"""The township's own facts, printed on every posting and card: name, issuing body,
supervision phone."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dahe_desktop import settings
from dahe_desktop.textnorm import clean_text
from ui.widgets import dialog_buttons, error_label

_PHONE = re.compile(r"^[0-9０-９\-－ ]{5,20}$")


class TownshipSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("乡镇设置")
        self.township = QLineEdit(settings.get(settings.TOWNSHIP_NAME))
        self.committee = QLineEdit(settings.get(settings.COMMITTEE_NAME), placeholderText="如 中共大河乡委员会")
        self.phone = QLineEdit(settings.get(settings.SUPERVISION_PHONE), placeholderText="如 0974-8591234")
        hint = QLabel("乡镇名称印在党员名片上；党委名称作为公示的发布单位；监督电话印在名片背面和各类公示上。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(settings.TOWNSHIP_NAME.label, self.township)
        form.addRow(settings.COMMITTEE_NAME.label, self.committee)
        form.addRow(settings.SUPERVISION_PHONE.label, self.phone)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        township, committee = clean_text(self.township.text()), clean_text(self.committee.text())
        phone = clean_text(self.phone.text())
        problems = []
        if not township:
            problems.append("请填写乡镇名称")
        if not committee:
            problems.append("请填写党委名称（公示的发布单位）")
        if phone and not _PHONE.match(phone):
            problems.append("监督电话只能包含数字和“-”，如 0974-8591234")
        if problems:
            self.error.setText("\n".join(problems))
            self.error.show()
            return
        settings.put(settings.TOWNSHIP_NAME, township)
        settings.put(settings.COMMITTEE_NAME, committee)
        settings.put(settings.SUPERVISION_PHONE, phone)
        super().accept()
