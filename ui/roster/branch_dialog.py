"""Branch management: add, rename, set kind, village and secretary."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import labels
from dahe_desktop.roster.members import by_pinyin
from dahe_desktop.roster.service import BranchRow, ValidationError, list_branches, save_branch
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import EditDialog, dialog_buttons, error_label

_HEADERS = ("支部名称", "类型", "所在村", "书记", "在册党员")


class BranchTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[BranchRow] = []

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = list_branches()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return (r.name, r.kind, r.village, r.secretary_name, r.active_members)[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section]
        return None


class BranchEditDialog(EditDialog):
    """One branch's name, kind, village and secretary (chosen among its active members)."""

    def __init__(self, branch: BranchRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.branch = branch
        self.version = branch.version if branch else None  # as loaded: a stale save is refused
        self.setWindowTitle("编辑支部" if branch else "新增支部")
        self.name = QLineEdit(branch.name if branch else "", placeholderText="如 扎西村党支部")
        self.kind = QComboBox()
        self.kind.addItems(labels.BRANCH_KINDS)
        self.village = QLineEdit(branch.village if branch else "")
        self.secretary = QComboBox()
        self.secretary.addItem("（未设置）", None)
        if branch is not None:
            self.kind.setCurrentText(branch.kind)
            for m in by_pinyin(branch.id):
                self.secretary.addItem(f"{m.name}（{m.position}）" if m.position else m.name, m.id)
            self.secretary.setCurrentIndex(max(0, self.secretary.findData(branch.secretary_id)))
        else:
            self.secretary.setEnabled(False)
            self.secretary.setToolTip("先保存支部并录入党员，再设置书记")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("支部名称*", self.name)
        form.addRow("支部类型", self.kind)
        form.addRow("所在村（牧委会）", self.village)
        form.addRow("支部书记", self.secretary)
        buttons = dialog_buttons(self)
        self.stale = StaleNotice(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.mark_clean()
        self.stale.loaded()

    def reload(self) -> None:
        """The branch as now stored (another clerk saved it), replacing what is typed."""
        current = next((b for b in list_branches() if b.id == self.branch.id), self.branch)
        self.branch, self.version = current, current.version
        self.name.setText(current.name)
        self.kind.setCurrentText(current.kind)
        self.village.setText(current.village)
        self.secretary.setCurrentIndex(max(0, self.secretary.findData(current.secretary_id)))
        self.error.hide()
        self.mark_clean()

    def accept(self) -> None:
        try:
            save_branch(
                self.name.text(), self.kind.currentText(), self.village.text(),
                self.secretary.currentData(), self.branch.id if self.branch else None, self.version,
            )  # fmt: skip
        except StaleRecordError as error:
            self.stale.refused(error)
            return
        except ValidationError as error:
            self.error.setText("\n".join(error.problems.lines()))
            self.error.show()
            return
        super().accept()


class BranchesDialog(QDialog):
    """The list of branches with add and edit; double-click or Enter edits."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("支部管理")
        self.resize(720, 480)
        self.model = BranchTableModel(self)
        self.model.reload()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)
        add = QPushButton("新增支部")
        add.clicked.connect(self.add_branch)
        edit = QPushButton("编辑")
        edit.clicked.connect(self.edit_selected)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_branch(self) -> None:
        if BranchEditDialog(None, self).exec():
            self.model.reload()

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and BranchEditDialog(self.model.rows[rows[0].row()], self).exec():
            self.model.reload()
