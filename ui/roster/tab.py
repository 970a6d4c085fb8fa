"""The 花名册 tab: the members table with search, filters, and the actions on members."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes, labels
from dahe_desktop.roster.query import (
    HISTORY_COLUMNS,
    MINORITY,
    RosterFilter,
    count_members,
    ethnicities,
)
from dahe_desktop.roster.service import list_branches, restore_statuses, status_snapshot
from ui.common.tab import Tab
from ui.common.table_actions import install_table_actions
from ui.roster.branch_dialog import BranchesDialog
from ui.roster.member_dialog import MemberDialog
from ui.roster.status_dialog import StatusDialog
from ui.roster.table_model import RosterTableModel

ALL = "全部"
HISTORY = "全部（含转出、去世）"


class RosterTab(Tab):
    """Search matches name, pinyin initials or full pinyin, phone and the ID number's tail."""

    kinds = frozenset({changes.MEMBERS, changes.BRANCHES})
    # A status change done (what, how to undo it): the window offers 撤销 for a while.
    status_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RosterTableModel(self)
        self._active_count = 0

        self.search = QLineEdit(placeholderText="搜索：姓名、拼音首字母（如 zmcr）、电话、身份证尾号", clearButtonEnabled=True)
        self.search.setMinimumWidth(200)
        self.branch = QComboBox(minimumContentsLength=10)
        self.category = QComboBox()
        self.category.addItems([ALL, *labels.CATEGORIES])
        self.sex = QComboBox()
        self.sex.addItems([ALL, *labels.SEXES])
        self.ethnicity = QComboBox()
        self.status = QComboBox()
        self.status.addItems([*labels.STATUSES, HISTORY])

        self.clear_button = QPushButton("清除筛选")
        self.clear_button.setToolTip("清空搜索，支部、类别、性别、民族恢复为全部，状态恢复为在册")
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for text, box in (("支部", self.branch), ("类别", self.category), ("性别", self.sex),
                          ("民族", self.ethnicity), ("状态", self.status)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
        filters.addWidget(self.clear_button)
        # "Only the members just imported": set by the window after an import.
        self.only_ids: tuple[int, ...] | None = None
        self.only_label = QLabel(styleSheet="color: #1b5e20;")
        self.only_label.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((90, 50, 90, 200, 44, 70, 44, 90, 150, 100, 90, 44, 150, 110, 140, 90)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(self.edit_member)

        # Shown instead of the table when nothing matches, with the way out.
        self.no_match = QLabel()
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.no_match.setStyleSheet("color: #555; font-size: 11pt;")
        self.no_match_clear = QPushButton("清除筛选")
        self.no_match_clear.clicked.connect(self.clear_filters)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch()
        empty_layout.addWidget(self.no_match)
        empty_layout.addWidget(self.no_match_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(empty)

        self.add_button = QPushButton("新增党员")
        self.add_button.clicked.connect(self.add_member)
        self.edit_button = QPushButton("编辑")
        self.edit_button.clicked.connect(self.edit_member)
        self.status_button = QPushButton("变更状态…")
        self.status_button.setToolTip("转出、去世（记录保留，不删除）")
        self.status_button.clicked.connect(self.change_status)
        branches = QPushButton("支部管理")
        branches.clicked.connect(self.manage_branches)
        self.print_button = QPushButton("打印党员名片…")
        self.print_button.setToolTip("选中的党员、某个支部或全乡；也可只印上次打印后有改动的党员")
        self.print_button.clicked.connect(self.print_name_cards)
        self.count = QLabel()

        self.actions_row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.status_button, branches, self.print_button):
            self.actions_row.addWidget(button)
        self.actions_row.addStretch()
        self.actions_row.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.only_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self.actions_row)

        self.search.textChanged.connect(self.apply_filter)
        for box in (self.branch, self.category, self.sex, self.ethnicity, self.status):
            box.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_member)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_member)
        self.edit_action = QAction("编辑…", self, triggered=self.edit_member)
        self.status_action = QAction("变更状态…", self, triggered=self.change_status)
        self.print_action = QAction("打印党员名片…", self, triggered=self.print_name_cards)
        self.copy_action = install_table_actions(self.table, lambda: [self.edit_action, self.status_action, self.print_action])
        self._update_buttons()

    # ---- loading and filtering ---------------------------------------------
    def refresh(self) -> None:
        """Reload members and branch lists, keeping the chosen filters."""
        self._fill_combo(self.branch, [(b.name, b.id) for b in list_branches()])
        self._fill_combo(self.ethnicity, [(MINORITY, MINORITY)] + [(e, e) for e in ethnicities()])
        self._hide_history_columns()
        self.model.set_filter(self.current_filter())
        self.model.reload()
        self._active_count = count_members()
        self._show_count()

    @staticmethod
    def _fill_combo(box: QComboBox, items: list[tuple[str, object]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(ALL, None)
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
        box.blockSignals(False)

    def current_filter(self) -> RosterFilter:
        status = self.status.currentText()
        return RosterFilter(
            text=self.search.text(),
            branch_id=self.branch.currentData(),
            category=None if self.category.currentText() == ALL else self.category.currentText(),
            sex=None if self.sex.currentText() == ALL else self.sex.currentText(),
            ethnicity=self.ethnicity.currentData(),
            status=None if status == HISTORY else status,
            member_ids=self.only_ids,
        )

    def apply_filter(self) -> None:
        self._hide_history_columns()
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _hide_history_columns(self) -> None:
        """变更日期 and 去向/说明 only in lists that can hold 转出/去世 members."""
        active_only = self.current_filter().status == labels.STATUS_ACTIVE
        for column in HISTORY_COLUMNS:
            self.table.setColumnHidden(column, active_only)

    def clear_filters(self) -> None:
        """Back to every 在册 member: empty search, every box on 全部, status 在册."""
        for box in (self.branch, self.category, self.sex, self.ethnicity, self.status):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.only_ids = None
        self.only_label.hide()
        self.apply_filter()

    def show_only(self, member_ids: list[int], what: str) -> None:
        """Show just these members (history included), e.g. the new and changed ones after
        an import; 清除筛选 shows everyone again."""
        self.clear_filters()
        self.only_ids = tuple(member_ids)
        self.status.blockSignals(True)
        self.status.setCurrentText(HISTORY)
        self.status.blockSignals(False)
        self.only_label.setText(f"只显示{what}（{len(member_ids)}人）。点“清除筛选”显示全部党员。")
        self.only_label.show()
        self.apply_filter()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        self.count.setText(f"显示 {shown:,} 人 / 在册 {self._active_count:,} 人")
        default = self.current_filter() == RosterFilter()
        self.clear_button.setEnabled(not default)
        if shown == 0 and not default:
            text = self.search.text().strip()
            what = f"与“{text}”相符的党员" if text else "符合筛选条件的党员"
            self.no_match.setText(f"没有找到{what}。\n可以换个写法（姓名、拼音首字母、电话或身份证尾号），或清除筛选。")
            self.pages.setCurrentIndex(1)
        elif shown == 0:
            self.no_match.setText("还没有党员。可以从“文件”菜单导入花名册，或点“新增党员”。")
            self.no_match_clear.hide()
            self.pages.setCurrentIndex(1)
        else:
            self.pages.setCurrentIndex(0)
        self.no_match_clear.setVisible(shown == 0 and not default)
        self._update_buttons()

    # ---- selection -----------------------------------------------------------
    def selected_member_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.member_id(row) for row in rows]  # in the order the table shows

    def shown_member_ids(self) -> list[int]:
        return self.model.member_ids()

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.status_button.setEnabled(count >= 1)
        self.edit_action.setEnabled(count == 1)
        self.status_action.setEnabled(count >= 1)

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # ---- actions ---------------------------------------------------------------
    def add_member(self) -> None:
        dialog = MemberDialog(None, self, branch_id=self.branch.currentData())
        if dialog.exec():
            self._changed(dialog.member_id)

    def edit_member(self) -> None:
        ids = self.selected_member_ids()
        if len(ids) != 1:
            return
        dialog = MemberDialog(ids[0], self)
        if dialog.exec():
            self._changed(ids[0])

    def change_status(self) -> None:
        ids = self.selected_member_ids()
        if not ids:
            return
        names = [self.model.data(self.model.index(i.row(), 0)) for i in self.table.selectionModel().selectedRows()]
        before = status_snapshot(ids)
        dialog = StatusDialog(ids, names, self)
        if dialog.exec():
            self._changed(None)
            shown = "、".join(names[:3]) + (f"等{len(names)}人" if len(names) > 3 else "")
            self.status_changed.emit(f"已将{shown}的状态改为“{dialog.status.currentText()}”", lambda: restore_statuses(before))

    def print_name_cards(self) -> None:
        from ui.namecards.print_dialog import NameCardPrintDialog  # the print engine: on first use

        dialog = NameCardPrintDialog(self.selected_member_ids(), self)
        dialog.exec()
        dialog.deleteLater()  # it has waited for its renders when it closed

    def manage_branches(self) -> None:
        BranchesDialog(self).exec()
        self._changed(None)

    def _changed(self, member_id: int | None) -> None:
        """After this tab's own write (whose notification refreshed a shown tab)."""
        self.ensure_fresh()
        if member_id is not None:
            self.select_member(member_id)
