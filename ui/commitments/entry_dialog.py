"""Quick entry: one member's commitments for a year, up to five rows, saved at once.

The rows show everything the member already has (withdrawn ones aside), growing past
five when carried-over drafts make more; drafts are confirmed by saving. Only the rows
the clerk cleared are removed. The core checks the rules; its message (naming the
member and the row) is shown in the dialog, which stays open.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import labels
from dahe_desktop.commitments import service
from dahe_desktop.commitments.records import (
    CONTENT_MAX,
    MAX_PER_YEAR,
    QUALITY_MAX,
    WITHDRAWN,
    CommitmentInput,
)
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.roster.service import list_branches
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import EditDialog, dialog_buttons, error_label, text_width

DRAFT_STATE = "草稿（上年结转，保存即确认）"


class EntryRow:
    """The widgets of one commitment row."""

    def __init__(self, year: int) -> None:
        self.id: int | None = None
        self.version: int | None = None
        self.area = QComboBox()
        self.area.addItems(["", *labels.COMMITMENT_AREAS])
        self.content = QLineEdit(maxLength=CONTENT_MAX, placeholderText="承诺办的实事，如：修缮一社村道2公里")
        self.due = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.due.setDateRange(QDate(year, 1, 1), QDate(year, 12, 31))
        self.due.setDate(QDate(year, 12, 31))
        self.quality = QLineEdit(maxLength=QUALITY_MAX, placeholderText="达到的质量要求")
        self.state = QLabel()
        self.state.setStyleSheet("color: #666;")
        self.state.setMinimumWidth(text_width(self.state, DRAFT_STATE, padding=4))

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.area, self.content, self.due, self.quality, self.state)

    def set_item(self, item: CommitmentInput | None, state: str = "") -> None:
        self.id = item.id if item else None
        self.version = item.version if item else None
        self.area.setCurrentText(item.area if item else "")
        self.content.setText(item.content if item else "")
        self.quality.setText(item.quality if item else "")
        if item and item.due_date:
            self.due.setDate(QDate(item.due_date))
        else:
            self.due.setDate(self.due.maximumDate())
        self.state.setText(state)

    def value(self) -> CommitmentInput:
        # A row whose content and quality are cleared is blank (removed), whatever its area.
        filled = bool(self.content.text().strip() or self.quality.text().strip())
        due: dt.date | None = self.due.date().toPython() if filled else None
        return CommitmentInput(self.area.currentText(), self.content.text(), due, self.quality.text(), self.id,
                               self.version)  # fmt: skip


class CommitmentEntryDialog(EditDialog):
    """录入承诺. `member_id` preselects the member; else pick a branch and a member."""

    def __init__(self, year: int, member_id: int | None = None, branch_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = year
        self.saved_ids: list[int] = []
        self.setWindowTitle(f"录入{year}年度公开承诺")
        self.resize(1240, 400)  # shrunk to the screen when opened on a small one

        self.branch = QComboBox(minimumContentsLength=12)
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.member = QComboBox(minimumContentsLength=10)
        if member_id is not None:
            branch_id = service.member_brief(member_id).branch_id
        if branch_id is not None:
            self.branch.setCurrentIndex(max(0, self.branch.findData(branch_id)))
        self._fill_members()
        if member_id is not None:
            self.member.setCurrentIndex(max(0, self.member.findData(member_id)))
        who = QHBoxLayout()
        for text, box in (("支部", self.branch), ("党员", self.member)):
            label = QLabel(text)
            label.setBuddy(box)
            who.addWidget(label)
            who.addWidget(box)
        who.addStretch()
        self.hint = QLabel(f"每名党员每年公开承诺1至{MAX_PER_YEAR}件实事；空行不保存，删去内容即删除该项。")
        self.hint.setStyleSheet("color: #555;")

        self.grid = grid = QGridLayout()
        for column, title in enumerate(("", "承诺领域", "承诺事项", "完成时间", "达到的质量要求", "")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        self.rows: list[EntryRow] = []
        self._numbers: list[QLabel] = []
        self._show_rows(MAX_PER_YEAR)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(4, 2)
        self.too_many = QLabel()
        self.too_many.setWordWrap(True)
        self.too_many.setStyleSheet("color: #a05a00;")
        self.too_many.hide()

        self.error = error_label()
        buttons = dialog_buttons(self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        self.stale = StaleNotice(self.load_member, values=self._typed_rows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addLayout(who)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.too_many)
        layout.addWidget(self.error)
        layout.addStretch()
        layout.addWidget(buttons)

        self.branch.currentIndexChanged.connect(self._branch_changed)
        self.member.currentIndexChanged.connect(self.load_member)
        self.load_member()

    def _fill_members(self) -> None:
        self.member.blockSignals(True)
        self.member.clear()
        for m in service.active_members(self.branch.currentData()):
            self.member.addItem(f"{m.name}（{m.position}）" if m.position else m.name, m.id)
        self.member.blockSignals(False)

    def _branch_changed(self) -> None:
        self._fill_members()
        self.load_member()

    def member_id(self) -> int | None:
        return self.member.currentData()

    def _show_rows(self, count: int) -> None:
        """Show `count` rows (adding widgets as needed), hide and blank the rest."""
        while len(self.rows) < count:
            row, number = EntryRow(self.year), QLabel(str(len(self.rows) + 1))
            r = len(self.rows) + 1
            self.grid.addWidget(number, r, 0)
            for c, widget in enumerate(row.widgets(), start=1):
                self.grid.addWidget(widget, r, c)
            self.rows.append(row)
            self._numbers.append(number)
        for i, (row, number) in enumerate(zip(self.rows, self._numbers, strict=True)):
            for widget in (number, *row.widgets()):
                widget.setVisible(i < count)

    def visible_rows(self) -> list[EntryRow]:
        return [row for row in self.rows if row.content.isVisibleTo(self)]

    def load_member(self) -> None:
        """Fill the rows with every commitment of the member's year (not the withdrawn),
        as many rows as that takes: a row the clerk never saw is never saved or removed."""
        self.error.hide()
        self.stale.hide()
        member_id = self.member_id()
        current = [] if member_id is None else [
            r for r in service.member_commitments(member_id, self.year) if r.status != WITHDRAWN
        ]  # fmt: skip
        self._show_rows(max(MAX_PER_YEAR, len(current)))
        if len(current) > MAX_PER_YEAR:
            self.too_many.setText(
                f"该党员{self.year}年共有{len(current)}项（含上年结转草稿），保存后最多保留{MAX_PER_YEAR}项："
                "请清空不再承诺的行（清空的草稿将撤回）。"
            )
        self.too_many.setVisible(len(current) > MAX_PER_YEAR)
        for i, row in enumerate(self.rows):
            if i < len(current):
                c = current[i]
                state = DRAFT_STATE if c.is_draft else c.status_text
                row.set_item(CommitmentInput(c.area, c.content, c.due_date, c.quality, c.id, c.version), state)
            else:
                row.set_item(None)
        self.save_button.setEnabled(member_id is not None)
        self.mark_clean()  # another member's rows: nothing edited yet
        self.stale.loaded()

    def _typed_rows(self) -> dict[str, str]:
        """Each row as the clerk sees it, for the list 重新载入 shows."""
        return {f"第{i}项": " ".join(x for x in (r.area.currentText(), r.content.text(), r.quality.text()) if x)
                for i, r in enumerate(self.visible_rows(), start=1)}  # fmt: skip

    def set_row(self, index: int, area: str, content: str, due: dt.date | None = None, quality: str = "") -> None:
        """Fill one row (keyboard-free, for scripted entry and tests)."""
        row = self.rows[index]
        row.area.setCurrentText(area)
        row.content.setText(content)
        if due is not None:
            row.due.setDate(QDate(due))
        row.quality.setText(quality)

    def accept(self) -> None:
        member_id = self.member_id()
        if member_id is None:
            return
        try:
            values = [(row.id, row.value()) for row in self.visible_rows()]
            removed = [row_id for row_id, value in values if row_id is not None and value.is_blank()]
            items = [value for _, value in values if not value.is_blank()]
            self.saved_ids = service.save_member_commitments(member_id, self.year, items, removed_ids=removed)
        except StaleRecordError as error:
            self.stale.refused(error)  # every row keeps what the clerk typed
            return
        except CommitmentError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
