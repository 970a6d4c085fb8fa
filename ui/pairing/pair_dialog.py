"""结对: choose who takes the selected households (their load and maximum shown)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common.widgets import dialog_buttons, error_label


class PairDialog(QDialog):
    def __init__(self, servers: list, households: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("结对")
        heads = "、".join(h.head for h in households[:6]) + ("等" if len(households) > 6 else "")
        self.who = QComboBox()
        for s in servers:
            mark = "（支委）" if s.committee else ""
            self.who.addItem(f"{s.name}{mark}　{s.role}　已联系{s.load}/{s.maximum}户", s.key)
        self.lock = QCheckBox("锁定（生成方案时不调整）")
        self.note = QLineEdit(placeholderText="如：本人申请联系、邻居、亲属")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("农牧户", QLabel(f"{heads}（{len(households)}户）"))
        form.addRow("联系人", self.who)
        form.addRow("备注", self.note)
        form.addRow("", self.lock)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, "结对"))

    def select(self, key) -> None:
        """Choose a member or helper by key (tuples do not survive QComboBox.findData)."""
        for i in range(self.who.count()):
            if tuple(self.who.itemData(i)) == tuple(key):
                self.who.setCurrentIndex(i)

    def choice(self):
        """(member or helper key, locked, note)."""
        return self.who.currentData(), self.lock.isChecked(), self.note.text()

    def show_error(self, lines: list[str]) -> None:
        self.error.setText("\n".join(lines))
        self.error.show()
