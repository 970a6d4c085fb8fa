"""履职记录 with fast keyboard entry: type a holder's name (completed), Tab, the date, Tab,
what was done, Tab, for whom, Enter: saved, the line clears and the cursor goes back to
the name for the next one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import UserError
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.records import AppointmentRow
from ui.common.rows_model import rows_view
from ui.common.widgets import error_label
from ui.posts.dialogs import date_edit, in_year
from ui.posts.models import DutyLogModel


class DutyLogPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = 0
        self.holder = QComboBox(editable=True, minimumContentsLength=12)
        self.holder.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.holder.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.holder.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.holder.lineEdit().setPlaceholderText("上岗党员")
        self.done_on = date_edit()
        self.what = QLineEdit(placeholderText="做了什么（回车保存）")
        self.for_whom = QLineEdit(placeholderText="为谁（如：一社牧户）")
        self.add_button = QPushButton("添加")
        self.error = error_label()
        self.saved = QLabel()
        entry = QHBoxLayout()
        for label, widget, stretch in (("党员", self.holder, 2), ("日期", self.done_on, 0), ("事项", self.what, 4),
                                       ("对象", self.for_whom, 2)):  # fmt: skip
            text = QLabel(label)
            text.setBuddy(widget)
            entry.addWidget(text)
            entry.addWidget(widget, stretch)
        entry.addWidget(self.add_button)
        self.model = DutyLogModel(self)
        self.table, self.proxy = rows_view(self.model, (90, 80, 110, 420))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(self.saved)
        layout.addWidget(self.table, 1)
        self.what.returnPressed.connect(self.add)
        self.for_whom.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.setTabOrder(self.holder, self.done_on)
        self.setTabOrder(self.done_on, self.what)
        self.setTabOrder(self.what, self.for_whom)
        self.setTabOrder(self.for_whom, self.add_button)

    def set_rows(self, year: int, holders: list[AppointmentRow], branch_id: int | None) -> None:
        """The holders to choose from and the entries of the branch and year."""
        chosen = self._appointment_id()
        if year != self.year:
            self.done_on.setDate(in_year(year))
        self.year = year
        self.holder.blockSignals(True)
        self.holder.clear()
        for a in holders:
            self.holder.addItem(f"{a.member_name}（{a.post_name}）", a.id)
        self.holder.setCurrentIndex(self.holder.findData(chosen) if chosen is not None else -1)
        if chosen is not None and self.holder.currentIndex() >= 0 and self.holder.hasFocus():
            self.holder.lineEdit().selectAll()
        self.holder.blockSignals(False)
        self.model.set_rows(posts.list_duty_log(year, branch_id) if branch_id is not None else [])

    def choose(self, appointment_id: int) -> None:
        """Start an entry for this holder (from the holders' table)."""
        self.holder.setCurrentIndex(max(0, self.holder.findData(appointment_id)))
        self.what.setFocus()

    def _appointment_id(self) -> int | None:
        index = self.holder.findText(self.holder.currentText().strip())
        return self.holder.itemData(index) if index >= 0 else None

    def add(self) -> None:
        appointment_id = self._appointment_id()
        try:
            if appointment_id is None:
                raise posts.PostsError("请先选择上岗党员（输入姓名可快速查找）")
            posts.add_duty_log(appointment_id, self.done_on.date().toPython(), self.what.text(), self.for_whom.text())
        except UserError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        self.error.hide()
        self.saved.setText(f"已记录：{self.holder.currentText()} {self.done_on.date().toString('yyyy-MM-dd')} {self.what.text()}")
        self.what.clear()
        self.for_whom.clear()
        self.holder.setFocus()
        self.holder.lineEdit().selectAll()
