"""The 基本情况 figures as a small read-only table: figure, count, share of all members."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dahe_desktop.stats import FIGURE_LABELS, SHARED_FIGURES, BasicStats

COLUMNS = ("项目", "数量", "占党员总数")
UNITS = {"branches": "个", "rural_branches": "个"}  # the rest are people: 名

Index = QModelIndex | QPersistentModelIndex


class StatsTableModel(QAbstractTableModel):
    """One row per figure of `dahe_desktop.stats.FIGURE_LABELS`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stats: BasicStats | None = None
        self._figures = list(FIGURE_LABELS)

    def set_stats(self, stats: BasicStats) -> None:
        self._stats = stats
        self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._figures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        figure = self._figures[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return FIGURE_LABELS[figure]
        if self._stats is None:
            return ""
        if index.column() == 1:
            return f"{getattr(self._stats, figure)}{UNITS.get(figure, '名')}"
        return f"{self._stats.share(figure)}%" if figure in SHARED_FIGURES else ""
