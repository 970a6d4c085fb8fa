"""Change members' status (转出 / 去世 / back to 在册): rows are kept, history stays."""

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
from dahe_desktop.roster.service import change_status
from ui.common.widgets import EditDialog, dialog_buttons


class StatusDialog(EditDialog):
    def __init__(self, member_ids: list[int], names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.member_ids = member_ids
        self.setWindowTitle("变更党员状态")
        shown = "、".join(names[:5]) + (f"等{len(names)}人" if len(names) > 5 else "")
        intro = QLabel(f"将变更以下党员的状态：{shown}\n党员记录不会删除，转出、去世的党员不再计入统计，可随时恢复为在册。")
        intro.setWordWrap(True)
        self.status = QComboBox()
        self.status.addItems([s for s in labels.STATUSES if s != labels.STATUS_ACTIVE] + [labels.STATUS_ACTIVE])
        self.date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate())
        self.note = QLineEdit(placeholderText="如 转往西宁市城中区某党支部")
        form = QFormLayout()
        form.addRow("新状态", self.status)
        form.addRow("变更日期", self.date)
        form.addRow("说明", self.note)
        buttons = dialog_buttons(self, "确认变更")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.mark_clean()

    def accept(self) -> None:
        change_status(self.member_ids, self.status.currentText(), self.date.date().toPython(), self.note.text())
        super().accept()
