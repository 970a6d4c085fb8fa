"""The roster table: ids and search text for every matching member, display columns
fetched only for the rows on screen (in blocks, cached)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from dahe_desktop import labels
from dahe_desktop.roster.query import (
    COLUMN_INDEX,
    COLUMNS,
    RosterFilter,
    RosterIndex,
    SortOrder,
    fetch_display_rows,
    load_index,
)

_STATUS = COLUMN_INDEX["status"]
_INACTIVE = QColor("#888888")
_BLOCK = 200  # rows fetched at once around the one asked for
_Index = QModelIndex | QPersistentModelIndex


class RosterTableModel(QAbstractTableModel):
    """Filter and order run in the core (SQL + a search index); the view asks only for
    what it paints."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = RosterFilter()
        self._order: SortOrder | None = None
        self._index = RosterIndex([], [])
        self._visible: list[int] = []
        self._rows: dict[int, tuple] = {}
        self._loaded = False  # the view sets a sort order before the first load

    # ---- data in -------------------------------------------------------------
    def reload(self, *, resorted: bool = False) -> None:
        """Read members again (after an edit, an import, a status change). `resorted`:
        only the order changed, so the search texts already read still hold."""
        self.beginResetModel()
        self._rows.clear()
        self._index = load_index(self._filter, self._order, same_members=self._index if resorted else None)
        self._visible = self._index.matching(self._filter.text)
        self._loaded = True
        self.endResetModel()
        if not self._index.keys_loaded():  # once the table is painted, ready for the first letter
            QTimer.singleShot(0, self, self._read_search_texts)

    def _read_search_texts(self) -> None:
        self._index.keys()

    def set_filter(self, roster_filter: RosterFilter) -> None:
        """Only the search text changed: search the loaded index; else ask SQL again."""
        structured_same = {**vars(roster_filter), "text": ""} == {**vars(self._filter), "text": ""}
        self._filter = roster_filter
        if not self._loaded:
            return
        if not structured_same:
            self.reload()
            return
        self.beginResetModel()
        self._visible = self._index.matching(roster_filter.text)
        self.endResetModel()

    # ---- queries the tab asks ------------------------------------------------
    def member_id(self, row: int) -> int:
        return self._index.ids[self._visible[row]]

    def member_ids(self) -> list[int]:
        """The members shown, in the order shown (for export and printing)."""
        ids = self._index.ids
        return [ids[i] for i in self._visible]

    def row_of(self, member_id: int) -> int | None:
        ids = self._index.ids
        for row, pos in enumerate(self._visible):
            if ids[pos] == member_id:
                return row
        return None

    def _row(self, row: int) -> tuple:
        member_id = self._index.ids[self._visible[row]]
        values = self._rows.get(member_id)
        if values is None:
            start = max(0, row - _BLOCK // 4)
            block = [self._index.ids[p] for p in self._visible[start : start + _BLOCK]]
            if len(self._rows) > 20 * _BLOCK:
                self._rows.clear()
            self._rows.update(fetch_display_rows(block))
            values = self._rows.get(member_id, ("",) * len(COLUMNS))
        return values

    # ---- QAbstractTableModel -------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row(index.row())[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self._row(index.row())[_STATUS] != labels.STATUS_ACTIVE:
            return _INACTIVE
        if role == Qt.ItemDataRole.UserRole:
            return self.member_id(index.row())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].label if 0 <= section < len(COLUMNS) else None
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        new = None if column < 0 else SortOrder(column, order == Qt.SortOrder.DescendingOrder)
        if new != self._order:
            self._order = new
            if self._loaded:
                self.reload(resorted=True)
