"""联系设置 of one member: where they live, the most households they take (blank: the
category's default) and whether they count as 支委 (by 职务, or marked here)."""

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

from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.pairing import service
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import dialog_buttons, error_label

DEFAULT = "按人员类别默认"
BY_TITLE, YES, NO = "按职务判断", "是支委", "不是支委"


class ProfileDialog(QDialog):
    def __init__(self, row, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.version = row.version  # a helper's, as loaded: a save over another clerk's is refused
        self.setWindowTitle(f"联系设置：{row.name}")
        self.settlement = QLineEdit(row.settlement)
        self.maximum = QSpinBox(minimum=-1, maximum=100, value=-1 if row.maximum_set is None else row.maximum_set)
        self.maximum.setSpecialValueText(f"{DEFAULT}（{row.maximum}户）" if row.maximum_set is None else DEFAULT)
        self.committee = QComboBox()
        self.committee.addItems([BY_TITLE, YES, NO])
        self.committee.setCurrentIndex({None: 0, True: 1, False: 2}[row.committee_set])
        self.committee.setEnabled(row.key[0] == "m")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("居住点", self.settlement)
        form.addRow("最多联系户数", self.maximum)
        form.addRow("支委", self.committee)
        self.stale = StaleNotice(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.stale.loaded()

    def reload(self) -> None:
        """The helper as now stored (another clerk saved it), replacing what is typed."""
        current = service.helper_settings(self.row.key[1])
        self.version = current.version
        self.settlement.setText(current.settlement)
        self.maximum.setValue(-1 if current.max_households is None else current.max_households)
        self.error.hide()

    def accept(self) -> None:
        maximum = None if self.maximum.value() < 0 else self.maximum.value()
        committee = {BY_TITLE: None, YES: True, NO: False}[self.committee.currentText()]
        kind, ident = self.row.key
        try:
            if kind == "m":
                service.save_profile(ident, settlement=self.settlement.text(), max_households=maximum,
                                     committee=committee)  # fmt: skip
            else:
                self.version = service.update_helper(ident, settlement=self.settlement.text(), max_households=maximum,
                                                     version=self.version)  # fmt: skip
        except StaleRecordError as error:
            self.stale.refused(error)  # every field keeps what the clerk typed
            return
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()
