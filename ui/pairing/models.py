"""Table models of the 结对帮扶 tab. Households drag (their ids as MIME data) onto a
member's row; the member model says which households were dropped on whom."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.rules import is_sensitive
from ui.common.rows_model import RowsModel

HOUSEHOLD_MIME = "application/x-dahe-households"
WARN = QColor("#b00020")
MUTED = QColor("#777777")


class ServersModel(RowsModel):
    """Members and helpers with their load; households dropped on a row are reported."""

    columns = (
        ("姓名", lambda r: r.name),
        ("职务（类别）", lambda r: r.role),
        ("支委", lambda r: "是" if r.committee else ""),
        ("居住点", lambda r: r.settlement),
        ("已联系", lambda r: r.load),
        ("上限", lambda r: r.maximum),
    )
    households_dropped = Signal(list, object)  # household ids, server key

    def color(self, row):
        if row.load > row.maximum:
            return WARN
        return MUTED if row.maximum == 0 else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [HOUSEHOLD_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        return data.hasFormat(HOUSEHOLD_MIME) and (parent.isValid() or 0 <= row < self.rowCount())

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = parent.row() if parent.isValid() else row
        ids = [int(x) for x in bytes(data.data(HOUSEHOLD_MIME)).decode().split(",") if x]
        if ids:
            self.households_dropped.emit(ids, self.row_at(target).key)
        return False  # nothing to move in this model: the tab pairs and both refresh


class HouseholdsModel(RowsModel):
    columns = (
        ("户主", lambda r: r.head),
        ("居住点", lambda r: r.settlement),
        ("户类别", lambda r: r.kind),
        ("人口", lambda r: r.people),
        ("锁定", lambda r: "锁定" if r.locked else ""),
        ("联系人", lambda r: r.partner_name or "（未联系）"),
    )

    def color(self, row):
        if row.partner is None:
            return WARN
        return QColor("#8a5a00") if is_sensitive(row.kind) or row.kind == labels.AWAY else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [HOUSEHOLD_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({self.row_at(i.row()).id for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(HOUSEHOLD_MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


class ChangesModel(RowsModel):
    """The proposal's change list; the first column is a check box (accept or not)."""

    columns = (
        ("接受", lambda r: ""),
        ("调整", lambda r: r.action),
        ("户主", lambda r: r.household.head),
        ("居住点", lambda r: r.household.settlement),
        ("户类别", lambda r: r.household.kind),
        ("原联系人", lambda r: r.old_name),
        ("新联系人", lambda r: r.new_name),
        ("说明", lambda r: r.note),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.accepted: set[int] = set()

    def set_rows(self, rows: list) -> None:
        self.accepted = {r.household.id for r in rows}
        super().set_rows(rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            checked = self.row_at(index.row()).household.id in self.accepted
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        hid = self.row_at(index.row()).household.id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.accepted.add(hid)
        else:
            self.accepted.discard(hid)
        self.dataChanged.emit(index, index, [role])
        return True

    def set_all(self, checked: bool) -> None:
        self.accepted = {r.household.id for r in self.rows()} if checked else set()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))
