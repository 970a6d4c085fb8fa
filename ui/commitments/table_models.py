"""Table models of the commitments tab over plain rows from the core (no rules here)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from dahe_desktop.commitments.records import (
    DONE,
    WITHDRAWN,
    BranchProgress,
    CommitmentRow,
    MemberBrief,
)

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_LATE = QColor("#b00020")
_DONE = QColor("#1b5e20")
_MUTED = QColor("#888888")


def _date(day) -> str:
    return day.isoformat() if day else ""


class RowsModel(QAbstractTableModel):
    """A read-only table of plain rows: a title and a getter per column."""

    columns: Sequence[tuple[str, Callable[[Any], Any]]] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
                return self.columns[section][0]
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            value = self.columns[index.column()][1](row)
            return value if isinstance(value, int | float) else ("" if value is None else str(value))
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.color(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(self.columns[index.column()][1](row), int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def color(self, row) -> QColor | None:
        return None


class CommitmentTableModel(RowsModel):
    """One commitment a row; late ones red, done ones green, withdrawn and drafts grey."""

    columns = (
        ("支部", lambda r: r.branch_name),
        ("姓名", lambda r: r.member_name),
        ("职务", lambda r: r.position),
        ("承诺领域", lambda r: r.area),
        ("承诺事项", lambda r: r.content),
        ("完成时间", lambda r: _date(r.due_date)),
        ("质量要求", lambda r: r.quality),
        ("状态", lambda r: r.status_text),
        ("完成日期", lambda r: _date(r.done_date)),
        ("核实情况", lambda r: "，".join(x for x in (r.verified_how, r.verified_by, r.status_reason) if x)),
    )

    def color(self, row: CommitmentRow) -> QColor | None:
        if row.is_draft or row.status == WITHDRAWN:
            return _MUTED
        if row.overdue:
            return _LATE
        if row.status == DONE:
            return _DONE
        return None

    def ids(self, rows: list[int]) -> list[int]:
        return [self._rows[r].id for r in rows]


class ProgressTableModel(RowsModel):
    """Per branch: members, with and without commitments, made, done, late, drafts."""

    columns = (
        ("支部", lambda p: p.branch_name),
        ("在册党员", lambda p: p.active_members),
        ("已承诺人数", lambda p: p.members_with),
        ("未承诺人数", lambda p: p.members_without),
        ("承诺事项", lambda p: p.committed),
        ("已完成", lambda p: p.done),
        ("完成率", lambda p: f"{p.done_share:.0%}" if p.committed else "—"),
        ("逾期", lambda p: p.overdue),
        ("待确认草稿", lambda p: p.drafts),
    )

    def color(self, row: BranchProgress) -> QColor | None:
        return _LATE if row.members_without else None


class MembersTableModel(RowsModel):
    """Members (those without commitments this year)."""

    columns = (
        ("支部", lambda m: m.branch_name),
        ("姓名", lambda m: m.name),
        ("职务", lambda m: m.position),
    )

    def member(self, row: int) -> MemberBrief:
        return self._rows[row]
