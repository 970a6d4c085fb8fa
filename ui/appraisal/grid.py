"""The score grid: one rater's sheet (members down, rated items across) typed as fast as
from paper. Typing a digit starts a cell, Enter saves it and moves on (right, then the
next member), values above an item's maximum are refused on the spot, blanks are tinted.
Every accepted cell is saved at once through the core (nothing to lose on a switch)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from dahe_desktop.appraisal.entry import parse_cell
from dahe_desktop.appraisal.points import format_points
from dahe_desktop.appraisal.records import ScoreSheet

_Index = QModelIndex | QPersistentModelIndex
MISSING = QColor("#fff3c4")
DIFFERS = QColor("#f8c9c9")  # the other pass has another value here
READ_ONLY = QColor("#f0f0f0")


def _wrapped(name: str, width: int = 6) -> str:
    """Headers do not wrap by themselves: break long item names every few characters."""
    return "\n".join(name[i : i + width] for i in range(0, len(name), width))


class ScoreGridModel(QAbstractTableModel):
    """A sheet's cells; `save(sheet, subject_id, values)` is called for each accepted cell."""

    refused = Signal(str)  # why a typed value was not taken

    def __init__(self, save, parent=None):
        super().__init__(parent)
        self._save = save
        self.sheet: ScoreSheet | None = None

    def set_sheet(self, sheet: ScoreSheet | None) -> None:
        same = (
            sheet is not None and self.sheet is not None
            and (sheet.rater.id, sheet.category, sheet.pass_no) == (self.sheet.rater.id, self.sheet.category, self.sheet.pass_no)
            and [r.subject_id for r in sheet.rows] == [r.subject_id for r in self.sheet.rows]
        )  # fmt: skip
        if same:  # the same sheet reloaded after a save: keep the cursor where it is
            self.sheet = sheet
            if self.rowCount() and self.columnCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.sheet = sheet
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.items)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.sheet is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            item = self.sheet.items[section]
            return f"{_wrapped(item.name)}\n（{format_points(item.max)}分）"
        # Numbered as on the printed sheet: 1, 2, ... down the category's members.
        return f"{section + 1} {self.sheet.rows[section].name}"

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.sheet is not None and not self.sheet.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if self.sheet is None or not index.isValid():
            return None
        row = self.sheet.rows[index.row()]
        value = row.values[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_points(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.differs(index.column()):
                return DIFFERS
            if self.sheet.read_only:
                return READ_ONLY
            return MISSING if value is None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            item = self.sheet.items[index.column()]
            tip = f"{row.name}：{item.name}，0到{format_points(item.max)}分"
            if row.differs(index.column()):
                tip += f"；另一遍录入为{format_points(row.other[index.column()])}，请核对"
            return tip
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.sheet is None or role != Qt.ItemDataRole.EditRole or self.sheet.read_only:
            return False
        row = self.sheet.rows[index.row()]
        item = self.sheet.items[index.column()]
        parsed, problem = parse_cell(value, item)
        if problem:
            self.refused.emit(f"{row.name}“{item.name}”：{problem}")
            return False
        values = list(row.values)
        values[index.column()] = parsed
        if not self._save(self.sheet, row.subject_id, values):
            return False
        row.values = values
        self.dataChanged.emit(index, index)
        return True


class ScoreGrid(QTableView):
    """The keyboard grid over a ScoreGridModel."""

    def __init__(self, model: ScoreGridModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self._refused = False
        model.refused.connect(self._on_refused)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )  # fmt: skip
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(60)
        self.verticalHeader().setDefaultSectionSize(26)

    def _on_refused(self, _text: str) -> None:
        self._refused = True

    def next_index(self, index: QModelIndex) -> QModelIndex:
        """Right along the member's row, then the first item of the next member."""
        model = self.model()
        row, col = index.row(), index.column() + 1
        if col >= model.columnCount():
            row, col = row + 1, 0
        if row >= model.rowCount():
            return index
        return model.index(row, col)

    def move_on(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.setCurrentIndex(self.next_index(current))

    def closeEditor(self, editor, hint) -> None:
        refused, self._refused = self._refused, False
        entered = hint in (QAbstractItemDelegate.EndEditHint.SubmitModelCache, QAbstractItemDelegate.EndEditHint.EditNextItem)
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if entered and not refused:
            self.move_on()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.move_on()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            current = self.currentIndex()
            if current.isValid():
                self.model().setData(current, "")
            return
        super().keyPressEvent(event)

    def first_missing(self) -> QModelIndex | None:
        model = self.model()
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                if model.sheet.rows[r].values[c] is None:
                    return model.index(r, c)
        return None
