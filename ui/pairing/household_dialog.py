"""农户: add or edit one household of a village (the rules of the import apply)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.audit.viewing import household_viewed
from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.pairing import labels, service
from dahe_desktop.pairing.service import MAX_PEOPLE, HouseholdData
from dahe_desktop.pairing.views import branch_members
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import dialog_buttons, error_label


class HouseholdDialog(QDialog):
    def __init__(self, branch_id: int, branch_name: str, household_id: int | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.branch_id, self.household_id = branch_id, household_id
        self.setWindowTitle(f"{'修改' if household_id else '添加'}农户：{branch_name}")
        data = service.household_data(household_id) if household_id else HouseholdData("", branch_id)
        self.version = data.version  # as loaded: a save over another clerk's change is refused
        self.head = QLineEdit(data.head)
        self.settlement = QLineEdit(data.settlement)
        self.people = QSpinBox(minimum=1, maximum=MAX_PEOPLE, value=data.people, suffix=" 人")
        self.phone = QLineEdit(data.phone)
        self.kind = QComboBox()
        self.kind.addItems(labels.HOUSEHOLD_KINDS)
        self.kind.setCurrentText(data.kind)
        self.away = QComboBox()
        self.away.addItem("（无）", None)
        for mid, name, category in branch_members(branch_id):
            self.away.addItem(f"{name}（{category}）", mid)
        self.away.setCurrentIndex(max(0, self.away.findData(data.away_member_id)))
        self.notes = QLineEdit(data.notes)
        self.error = error_label()
        form = QFormLayout()
        for label, widget in (("户主", self.head), ("居住点", self.settlement), ("家庭人口", self.people),
                              ("联系电话", self.phone), ("户类别", self.kind), ("外出党员", self.away),
                              ("备注", self.notes)):  # fmt: skip
            form.addRow(label, widget)
        self.stale = StaleNotice(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.kind.currentTextChanged.connect(self._sync)
        self._sync()
        self.stale.loaded()
        if household_id:
            household_viewed(household_id)  # a hardship kind or notes shown: the viewing is logged

    def reload(self) -> None:
        """The household as now stored (another clerk saved it), replacing what is typed."""
        data = service.household_data(self.household_id)
        self.version = data.version
        self.head.setText(data.head)
        self.settlement.setText(data.settlement)
        self.people.setValue(data.people)
        self.phone.setText(data.phone)
        self.kind.setCurrentText(data.kind)
        self.away.setCurrentIndex(max(0, self.away.findData(data.away_member_id)))
        self.notes.setText(data.notes)
        self.error.hide()

    def _sync(self) -> None:
        self.away.setEnabled(self.kind.currentText() == labels.AWAY)

    def accept(self) -> None:
        data = HouseholdData(self.head.text(), self.branch_id, self.settlement.text(), self.people.value(),
                             self.phone.text(), self.kind.currentText(), self.away.currentData(),
                             self.notes.text(), self.version)  # fmt: skip
        try:
            self.household_id = service.save_household(data, self.household_id)
            self.version = data.version  # the saved one
        except StaleRecordError as error:
            self.stale.refused(error)  # every field keeps what the clerk typed
            return
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()
