"""The 公开承诺 tab: filter a year's commitments, enter them, update their status, see
what is overdue and how each branch is doing, carry the unfinished into next year, and
print the cards and the posting sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes, labels
from dahe_desktop.commitments import overdue, postings, service
from dahe_desktop.commitments.records import DRAFT_LABEL, CommitmentFilter
from dahe_desktop.commitments.rollover import carry_over
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.roster.service import list_branches
from dahe_desktop.safety.outputs import OutputPathError
from ui.commitments.entry_dialog import CommitmentEntryDialog
from ui.commitments.status_dialog import BulkStatusDialog
from ui.commitments.table_models import CommitmentTableModel, MembersTableModel, ProgressTableModel
from ui.common import pc_settings
from ui.common.rows_model import rows_view
from ui.common.tab import Tab
from ui.common.table_actions import install_table_actions

ALL = "全部"


class CommitmentsTab(Tab):
    """Rules live in `dahe_desktop.commitments`; this tab shows rows and hands on actions."""

    kinds = frozenset({changes.COMMITMENTS, changes.MEMBERS, changes.BRANCHES})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QComboBox()
        self.branch = QComboBox(minimumContentsLength=12)
        self.area = QComboBox()
        self.area.addItems([ALL, *labels.COMMITMENT_AREAS])
        self.status = QComboBox()
        self.status.addItems([ALL, *labels.COMMITMENT_STATUSES, DRAFT_LABEL])
        self.search = QLineEdit(placeholderText="搜索党员：姓名或拼音首字母", clearButtonEnabled=True)
        self.overdue_only = QCheckBox("只看逾期")
        filters = QHBoxLayout()
        for text, box in (("年度", self.year), ("支部", self.branch), ("领域", self.area), ("状态", self.status)):
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.overdue_only)

        self.model = CommitmentTableModel(self)
        widths = (120, 70, 90, 80, 90, 300, 90, 70, 200, 90)
        self.table, self.proxy = rows_view(self.model, widths)
        self.overdue_model = CommitmentTableModel(self)
        self.overdue_table, _ = rows_view(self.overdue_model, widths)
        self.progress_model = ProgressTableModel(self)
        self.progress_table, _ = rows_view(self.progress_model, (150, 70, 80, 80, 70, 60, 60, 50))
        self.without_model = MembersTableModel(self)
        self.without_table, self.without_proxy = rows_view(self.without_model, (150, 90))
        self.pages = QTabWidget()
        self.pages.addTab(self.table, "承诺事项")
        self.pages.addTab(self.overdue_table, "逾期清单")
        self.pages.addTab(self.progress_table, "支部进度")
        self.pages.addTab(self.without_table, "尚未承诺的党员")

        self.entry_button = QPushButton("录入承诺…")
        self.entry_button.setToolTip("为一名党员录入或修改本年度承诺（最多5项）")
        self.status_button = QPushButton("变更状态…")
        self.confirm_button = QPushButton("确认草稿")
        self.confirm_button.setToolTip("把选中的上年结转草稿确认为本年度承诺")
        self.diff_button = QPushButton("与公示版本比较")
        self.rollover_button = QPushButton("结转到下一年…")
        self.cards_button = QPushButton("打印承诺卡…")
        self.cards_button.setToolTip("在表中选中党员的承诺时，只印这些党员的承诺卡")
        self.notice_button = QPushButton("打印承诺公示…")
        self.export_overdue_button = QPushButton("导出逾期清单…")
        self.export_overdue_button.setToolTip("逾期未完成的承诺（按当前年度、支部、领域和搜索），保存为Excel")
        self.supervise_button = QPushButton("打印督办单…")
        self.supervise_button.setToolTip("每个支部一份逾期督办单，交支部督促落实")
        self.count = QLabel()
        actions = QHBoxLayout()
        for button in (self.entry_button, self.status_button, self.confirm_button, self.diff_button,
                       self.rollover_button, self.cards_button, self.notice_button):  # fmt: skip
            actions.addWidget(button)
        self.overdue_actions = QHBoxLayout()
        for button in (self.export_overdue_button, self.supervise_button):
            self.overdue_actions.addWidget(button)
        self.overdue_actions.addStretch()
        actions.addStretch()
        actions.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self.overdue_actions)
        layout.addLayout(actions)

        self.entry_button.clicked.connect(lambda: self.enter_commitments())
        self.status_button.clicked.connect(self.change_status)
        self.confirm_button.clicked.connect(self.confirm_drafts)
        self.diff_button.clicked.connect(self.show_changes)
        self.rollover_button.clicked.connect(self.roll_over)
        self.cards_button.clicked.connect(lambda: self.open_print(postings.CARD))
        self.notice_button.clicked.connect(lambda: self.open_print(postings.NOTICE))
        self.export_overdue_button.clicked.connect(self.export_overdue)
        self.supervise_button.clicked.connect(self.print_supervision)
        self.pages.currentChanged.connect(self._show_count)
        self.table.doubleClicked.connect(lambda _index: self.enter_commitments())
        self.without_table.doubleClicked.connect(self._enter_for_member_without)
        for box in (self.year, self.branch, self.area, self.status):
            box.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.overdue_only.toggled.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.enter_commitments())
        self.menu_actions = [
            QAction("录入承诺…", self, triggered=lambda: self.enter_commitments()),
            QAction("变更状态…", self, triggered=self.change_status),
            QAction("与公示版本比较", self, triggered=self.show_changes),
            QAction("打印所选党员的承诺卡…", self, triggered=lambda: self.open_print(postings.CARD)),
        ]
        self.copy_action = install_table_actions(self.table, lambda: self.menu_actions)
        install_table_actions(self.overdue_table, lambda: [])
        install_table_actions(self.progress_table, lambda: [])
        install_table_actions(self.without_table, lambda: [])
        self.first_refresh()

    # ---- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the year and branch lists and every table, keeping the choices made."""
        year = self.year.currentData() or dt.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in service.years_in_use():
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.year.blockSignals(False)
        current = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        self.branch.addItem(ALL, None)
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)) if current is not None else 0)
        self.branch.blockSignals(False)
        self.reload()

    def current_year(self) -> int:
        return self.year.currentData() or dt.date.today().year

    def set_year(self, year: int) -> None:
        if self.year.findData(year) < 0:
            self.year.addItem(f"{year}年", year)
        self.year.setCurrentIndex(self.year.findData(year))

    def current_filter(self) -> CommitmentFilter:
        return CommitmentFilter(
            year=self.current_year(),
            branch_id=self.branch.currentData(),
            area=None if self.area.currentText() == ALL else self.area.currentText(),
            status=None if self.status.currentText() == ALL else self.status.currentText(),
            name=self.search.text(),
            overdue_only=self.overdue_only.isChecked(),
        )

    def reload(self) -> None:
        flt = self.current_filter()
        self.model.set_rows(service.list_commitments(flt))
        self.overdue_model.set_rows(overdue.overdue_list(flt.year, flt.branch_id, area=flt.area, name=flt.name))
        progress = service.branch_progress(flt.year)
        if flt.branch_id is not None:
            progress = [p for p in progress if p.branch_id == flt.branch_id]
        self.progress_model.set_rows([*progress, service.total_progress(progress)] if len(progress) > 1 else progress)
        self.without_model.set_rows(service.members_without(flt.year, flt.branch_id))
        self.pages.setTabText(1, f"逾期清单（{self.overdue_model.rowCount()}）")
        self.pages.setTabText(3, f"尚未承诺的党员（{self.without_model.rowCount()}）")
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        """The footer counts what the page on show holds."""
        page = self.pages.currentIndex()
        if page == 1:
            text = f"逾期未完成 {self.overdue_model.rowCount()} 项"
        elif page == 2:
            text = f"{sum(1 for p in self.progress_model.rows() if p.branch_id is not None)} 个支部"
        elif page == 3:
            text = f"尚未承诺 {self.without_model.rowCount()} 人"
        else:
            text = f"显示 {self.proxy.rowCount()} 项"
        self.count.setText(text)
        overdue = self.overdue_model.rowCount() > 0
        self.export_overdue_button.setEnabled(overdue)
        self.supervise_button.setEnabled(overdue)

    # ---- selection ------------------------------------------------------------------
    def selected_rows(self):
        rows = [self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()]
        return [self.model.row_at(r) for r in sorted(rows)]

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.status_button.setEnabled(bool(rows))
        self.confirm_button.setEnabled(any(r.is_draft for r in rows))
        self.diff_button.setEnabled(len({r.member_id for r in rows}) == 1)

    # ---- actions ----------------------------------------------------------------------
    def _warn(self, title: str, lines: list[str]) -> None:
        QMessageBox.warning(self, title, "\n".join(lines))

    def _changed(self) -> None:
        """After this tab's own write: the write's notification refreshed a shown tab."""
        self.ensure_fresh()

    def enter_commitments(self, member_id: int | None = None) -> bool:
        """Open quick entry for the selected row's member (or a member to pick)."""
        if member_id is None:
            rows = self.selected_rows()
            member_id = rows[0].member_id if rows else None
        dialog = CommitmentEntryDialog(self.current_year(), member_id, self.branch.currentData(), self)
        saved = bool(dialog.exec())
        if saved:
            self._changed()
        return saved

    def _enter_for_member_without(self, index) -> None:
        member = self.without_model.member(self.without_proxy.mapToSource(index).row())
        self.enter_commitments(member.id)

    def change_status(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        names = list(dict.fromkeys(r.member_name for r in rows))
        summary = "、".join(names[:5]) + (f"等{len(names)}人" if len(names) > 5 else "")
        if BulkStatusDialog([r.id for r in rows], summary, self).exec():
            self._changed()

    def confirm_drafts(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.is_draft]
        try:
            service.confirm_drafts(ids)
        except CommitmentError as error:
            self._warn("不能确认草稿", error.lines)
            return
        self._changed()

    def show_changes(self) -> None:
        """The posted versions of the selected member's year: compare any, reprint any."""
        rows = self.selected_rows()
        if not rows:
            return
        row = rows[0]
        versions = postings.posting_history(row.member_id, row.year)
        if not versions:
            QMessageBox.information(self, "与公示版本比较", f"{row.member_name}{row.year}年的承诺尚未打印公示。")
            return
        # Imported on first use: it brings in the print engine, which the start can do without.
        from ui.commitments.history_dialog import PostingHistoryDialog

        self.history_dialog = PostingHistoryDialog(row.member_name, versions, self)
        self.history_dialog.exec()

    def roll_over(self) -> None:
        year = self.current_year()
        plan = carry_over(year, dry_run=True)
        if not plan.copied:
            note = f"（{plan.already}项此前已结转）" if plan.already else ""
            QMessageBox.information(self, "结转", f"{year}年没有需要结转的未完成承诺{note}。")
            return
        answer = QMessageBox.question(
            self, "结转到下一年",
            f"将把{year}年未完成的{plan.copied}项承诺（{plan.members}名党员）结转到{year + 1}年，"
            f"作为草稿待确认。已结转过的不会重复结转。是否继续？",
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        carry_over(year)
        self.set_year(year + 1)
        self.status.setCurrentText(DRAFT_LABEL)
        self._changed()

    def export_overdue(self) -> None:
        rows = self.overdue_model.rows()
        if not rows:
            return
        year = self.current_year()
        suggested = pc_settings.in_last_folder(f"{year}年度承诺逾期清单.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出逾期清单", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        pc_settings.remember_file(path)
        try:
            count = overdue.export_overdue(path, rows, year=year)
        except OutputPathError as error:  # the data file or a backup chosen
            self._warn("导出失败", error.lines)
            return
        except OSError as error:
            self._warn("导出失败", [f"无法写入文件：{path}（{error.strerror or error}）", "请关闭正在打开此文件的 Excel 后重试。"])
            return
        except UserError as error:  # the data file or a backup chosen: refused, said in one line
            self._warn("导出失败", error_lines(error))
            return
        self.count.setText(f"已导出逾期清单{count}项：{Path(path).name}")

    def print_supervision(self) -> None:
        from ui.commitments.supervision_dialog import (
            SupervisionPrintDialog,  # on first use (print engine)
        )

        dialog = SupervisionPrintDialog(self.current_year(), self.branch.currentData(), self)
        dialog.exec()
        dialog.deleteLater()  # it has waited for its renders when it closed

    def open_print(self, kind: str) -> None:
        from ui.commitments.print_dialog import CommitmentPrintDialog  # on first use (print engine)

        member_ids = [r.member_id for r in self.selected_rows()]
        CommitmentPrintDialog(kind, self.current_year(), self.branch.currentData(), member_ids, self).exec()
        self.reload()
