"""添加入党积极分子或后备干部: people who are not members take households too (seed §3.7)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.pairing import labels, service
from ui.common.widgets import dialog_buttons, error_label


class HelperDialog(QDialog):
    def __init__(self, branch_id: int, branch_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.branch_id = branch_id
        self.helper_id: int | None = None
        self.setWindowTitle(f"添加联系人：{branch_name}")
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItems(labels.HELPER_ROLES)
        self.phone = QLineEdit()
        self.settlement = QLineEdit()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("姓名", self.name)
        form.addRow("身份", self.role)
        form.addRow("联系电话", self.phone)
        form.addRow("居住点", self.settlement)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, "添加"))

    def accept(self) -> None:
        try:
            self.helper_id = service.save_helper(self.name.text(), self.branch_id, self.role.currentText(),
                                                 self.phone.text(), self.settlement.text())  # fmt: skip
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()
