"""考核细则: the township's rubric for each category, edited as a table (大项, 项目, 满分,
and for items counted by clauses their base and clauses). The total is shown as typed;
the core checks the 100 rule and every item when saving. Runs already made keep the
rubric they copied; new runs take the saved one."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.appraisal.labels import CATEGORIES
from dahe_desktop.appraisal.points import format_points, to_tenths
from dahe_desktop.appraisal.rubrics import (
    Rubric,
    clauses_from_text,
    clauses_to_text,
    reset_rubric,
    save_rubric,
    township_rubrics,
)
from dahe_desktop.errors import UserError, error_lines
from ui.common.widgets import error_label

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("大项", "考核项目", "满分", "基础分（按条款计分时）", "加减分条款（如：缺席“三会一课”-2；受到表彰+3）")


class RubricModel(QAbstractTableModel):
    """Rows of plain text as typed: [group, name, max, base, clauses]."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self.keys: list[str] = []

    def set_rubric(self, rubric: Rubric) -> None:
        self.beginResetModel()
        self.rows = [[i.group, i.name, format_points(i.max), format_points(i.base) if i.clauses else "",
                      clauses_to_text(i.clauses)] for i in rubric.items]  # fmt: skip
        self.keys = [i.key for i in rubric.items]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return COLUMNS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()][index.column()]
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.rows[index.row()][index.column()] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True

    def add_row(self, after: int) -> None:
        group = self.rows[after][0] if 0 <= after < len(self.rows) else ""
        at = after + 1 if after >= 0 else len(self.rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, [group, "", "", "", ""])
        self.keys.insert(at, "")
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row], self.keys[row]
            self.endRemoveRows()

    def total_text(self) -> str:
        try:
            total = sum(to_tenths(r[2]) for r in self.rows if r[2])
        except ValueError:
            return "满分合计：有的满分不是数字"
        mark = "" if total == 1000 else "（应为100分）"
        return f"满分合计：{format_points(total)}分{mark}"

    def as_json(self, category: str, title: str) -> dict:
        """The rubric's JSON form for the core to check (clause text parsed here)."""
        groups: dict[str, list[dict]] = {}
        used = set()
        for n, (row, key) in enumerate(zip(self.rows, self.keys, strict=True), start=1):
            group, name, top, base, clauses = row
            key = key or f"item{n}"
            while key in used:
                key += "_"
            used.add(key)
            item: dict = {"key": key, "name": name, "max": top}
            if clauses.strip():
                item["clauses"] = clauses_from_text(clauses)
                item["base"] = base or top
            groups.setdefault(group, []).append(item)
        return {"category": category, "title": title,
                "groups": [{"name": g, "items": items} for g, items in groups.items()]}  # fmt: skip


class RubricDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("考核细则（百分制）")
        self.category = QComboBox()
        self.category.addItems(list(CATEGORIES))
        self.model = RubricModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((100, 220, 60, 150)):
            self.table.setColumnWidth(col, width)
        self.total = QLabel()
        self.error = error_label()
        note = QLabel("修改只用于今后新建的考核评议；已建立的考核评议保留建立时的细则。")
        note.setWordWrap(True)
        self.add_button = QPushButton("插入一项")
        self.remove_button = QPushButton("删除所选项")
        self.reset_button = QPushButton("恢复默认细则")
        self.save_button = QPushButton("保存")
        self.save_button.setDefault(True)
        close = QPushButton("关闭")
        top = QHBoxLayout()
        top.addWidget(QLabel("人员类别"))
        top.addWidget(self.category)
        top.addStretch()
        top.addWidget(self.total)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(960, 560)
        self.category.currentIndexChanged.connect(self.load)
        self.model.dataChanged.connect(self._show_total)
        self.model.rowsInserted.connect(self._show_total)
        self.model.rowsRemoved.connect(self._show_total)
        self.add_button.clicked.connect(lambda: self.model.add_row(self.table.currentIndex().row()))
        self.remove_button.clicked.connect(lambda: self.model.remove_row(self.table.currentIndex().row()))
        self.reset_button.clicked.connect(self.reset)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.load()

    def load(self) -> None:
        self.rubric = township_rubrics()[self.category.currentText()]
        self.model.set_rubric(self.rubric)
        self.error.hide()
        self._show_total()

    def _show_total(self, *_args) -> None:
        self.total.setText(self.model.total_text())

    def save(self) -> bool:
        try:
            save_rubric(self.model.as_json(self.category.currentText(), self.rubric.title))
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return False
        self.error.hide()
        self.load()
        return True

    def reset(self) -> None:
        answer = QMessageBox.question(self, "恢复默认细则", f"把“{self.category.currentText()}”的考核细则恢复为程序自带的默认细则？")
        if answer == QMessageBox.StandardButton.Yes:
            reset_rubric(self.category.currentText())
            self.load()
