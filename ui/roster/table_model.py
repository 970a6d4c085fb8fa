"""The roster table: a model over `RosterIndex` rows that filters and sorts in the core."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from dahe_desktop import labels
from dahe_desktop.roster.query import COLUMN_INDEX, COLUMNS, RosterFilter, RosterIndex

_STATUS_COL = COLUMN_INDEX["status"]
_INACTIVE = QColor("#888888")
_Index = QModelIndex | QPersistentModelIndex


class RosterTableModel(QAbstractTableModel):
    """Shows the rows of a RosterIndex that pass the current filter, in the chosen order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._index = RosterIndex([])
        self._filter = RosterFilter()
        self._visible: list[int] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ---- data in -------------------------------------------------------------
    def reload(self) -> None:
        """Read every member again (after an edit, an import, a status change)."""
        self.beginResetModel()
        self._index = RosterIndex.load()
        self._visible = self._compute()
        self.endResetModel()

    def set_filter(self, roster_filter: RosterFilter) -> None:
        self.beginResetModel()
        self._filter = roster_filter
        self._visible = self._compute()
        self.endResetModel()

    def _compute(self) -> list[int]:
        picks = self._index.filter(self._filter)
        if self._sort is not None:
            column, order = self._sort
            picks = self._index.sorted(picks, column, order == Qt.SortOrder.DescendingOrder)
        return picks

    # ---- queries the tab asks ------------------------------------------------
    def member_id(self, row: int) -> int:
        return self._index.member_id(self._visible[row])

    def member_ids(self) -> list[int]:
        """The members shown, in the order shown (for export and printing)."""
        return [self._index.member_id(i) for i in self._visible]

    def row_of(self, member_id: int) -> int | None:
        for row, pos in enumerate(self._visible):
            if self._index.member_id(pos) == member_id:
                return row
        return None

    def total(self) -> int:
        return len(self._index)

    def ethnicities(self) -> list[str]:
        return self._index.ethnicities()

    # ---- QAbstractTableModel -------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._index.rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column() + 1]
        if role == Qt.ItemDataRole.ForegroundRole and row[_STATUS_COL] != labels.STATUS_ACTIVE:
            return _INACTIVE
        if role == Qt.ItemDataRole.UserRole:
            return row[0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].label if 0 <= section < len(COLUMNS) else None
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._visible = self._compute()
        self.endResetModel()
