"""The 结对帮扶 tab (seed §3.7): members with their load on the left, a village's
households on the right; pair by dialog or by dragging households onto a member, unpair,
lock; the planner's change list; the coverage figures always in the header."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes
from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.pairing import labels, service
from dahe_desktop.pairing.coverage import coverage
from dahe_desktop.pairing.proposal import plan_pairings
from dahe_desktop.pairing.views import household_rows, pairing_years, server_rows
from ui.common import pc_settings
from ui.common.rows_model import rows_view
from ui.common.tab import Tab
from ui.common.widgets import ERROR_COLOR
from ui.pairing.helper_dialog import HelperDialog
from ui.pairing.household_dialog import HouseholdDialog
from ui.pairing.import_dialog import ImportHouseholdsDialog
from ui.pairing.models import HouseholdsModel, ServersModel
from ui.pairing.pair_dialog import PairDialog
from ui.pairing.plan_dialog import PlanDialog
from ui.pairing.profile_dialog import ProfileDialog

ALL = "全部"
HOUSEHOLD_FILES = "农户表 (*.xlsx *.xls *.csv);;Excel 工作簿 (*.xlsx);;Excel 97-2003 (*.xls);;CSV (*.csv)"
UNCOVERED = "未联系"


class PairingTab(Tab):
    """Rules live in `dahe_desktop.pairing`; this tab shows rows and hands on actions."""

    kinds = frozenset({changes.HOUSEHOLDS, changes.PAIRINGS, changes.MEMBERS, changes.BRANCHES})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QComboBox()
        self.branch = QComboBox(minimumContentsLength=12)
        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        self.coverage_label.setStyleSheet("font-weight: bold; padding: 2px 8px;")
        header = QHBoxLayout()
        for text, box in (("年度", self.year), ("村（支部）", self.branch)):
            label = QLabel(text)
            label.setBuddy(box)
            header.addWidget(label)
            header.addWidget(box)
        header.addWidget(self.coverage_label, 1)

        self.servers_model = ServersModel(self)
        self.servers, self.servers_proxy = rows_view(self.servers_model, (90, 150, 40, 80, 55, 45))
        self.servers.setAcceptDrops(True)
        self.servers.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.servers.setDropIndicatorShown(True)
        self.servers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        left = QGroupBox("党员及入党积极分子、后备干部（把农户拖到联系人上即可结对）")
        QVBoxLayout(left).addWidget(self.servers)

        self.settlement = QComboBox(minimumContentsLength=8)
        self.kind = QComboBox()
        self.kind.addItems([ALL, *labels.HOUSEHOLD_KINDS])
        self.only_uncovered = QCheckBox("只看未联系")
        self.households_model = HouseholdsModel(self)
        self.households, self.households_proxy = rows_view(self.households_model, (90, 80, 80, 45, 45, 120))
        self.households.setDragEnabled(True)
        self.households.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        filters = QHBoxLayout()
        for text, box in (("居住点", self.settlement), ("户类别", self.kind)):
            filters.addWidget(QLabel(text))
            filters.addWidget(box)
        filters.addWidget(self.only_uncovered)
        filters.addStretch()
        self.shown = QLabel()
        filters.addWidget(self.shown)
        right = QGroupBox("农牧户")
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.households)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([520, 780])

        self.pair_button = QPushButton("结对…")
        self.unpair_button = QPushButton("解除结对")
        self.lock_button = QPushButton("锁定")
        self.lock_button.setToolTip("锁定的结对在生成方案时保持不变")
        self.unlock_button = QPushButton("解锁")
        self.plan_button = QPushButton("生成结对方案…")
        self.plan_button.setToolTip("按规则为所有农户安排联系人：困难户由有能力的党员联系，流动党员户由支委联系，就近联系，保留原有结对")
        self.add_household_button = QPushButton("添加农户…")
        self.edit_household_button = QPushButton("修改农户…")
        self.leave_button = QPushButton("迁出/销户…")
        self.leave_button.setToolTip("农户迁出或销户：记录保留，不再计入覆盖，其结对在生成方案时解除")
        self.import_button = QPushButton("导入农户…")
        self.import_button.setToolTip("从各村报来的农户表（Excel 或 CSV）导入；再次导入时按户主、村、电话更新")
        self.profile_button = QPushButton("联系设置…")
        self.profile_button.setToolTip("所选联系人的居住点、最多联系户数和是否支委")
        self.helper_button = QPushButton("添加积极分子…")
        self.helper_button.setToolTip("入党积极分子、后备干部也可联系农户")
        self.print_button = QPushButton("打印")
        menu = QMenu(self.print_button)
        for kind, text in ((labels.PRINT_CARDS, "便民服务联系卡…"), (labels.PRINT_LETTERS, "“结链”责任状…"),
                           (labels.PRINT_LIST, "结对公示…")):  # fmt: skip
            menu.addAction(text, lambda kind=kind: self.open_print(kind))
        self.print_button.setMenu(menu)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {ERROR_COLOR};")
        actions = QHBoxLayout()
        for b in (self.pair_button, self.unpair_button, self.lock_button, self.unlock_button, self.plan_button,
                  self.print_button):  # fmt: skip
            actions.addWidget(b)
        actions.addWidget(self.message, 1)
        records = QHBoxLayout()
        for b in (self.add_household_button, self.edit_household_button, self.leave_button, self.import_button,
                  self.profile_button,
                  self.helper_button):  # fmt: skip
            records.addWidget(b)
        records.addStretch()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addLayout(records)

        self.year.currentIndexChanged.connect(self.reload)
        self.branch.currentIndexChanged.connect(self.reload)
        self.settlement.currentIndexChanged.connect(self._filter_households)
        self.kind.currentIndexChanged.connect(self._filter_households)
        self.only_uncovered.toggled.connect(self._filter_households)
        self.pair_button.clicked.connect(lambda: self.pair_selected())
        self.unpair_button.clicked.connect(self.unpair_selected)
        self.lock_button.clicked.connect(lambda: self.lock_selected(True))
        self.unlock_button.clicked.connect(lambda: self.lock_selected(False))
        self.plan_button.clicked.connect(lambda: self.open_plan())
        self.households.doubleClicked.connect(lambda _i: self.pair_selected())
        self.servers.doubleClicked.connect(lambda _i: self.edit_profile())
        self.profile_button.clicked.connect(lambda: self.edit_profile())
        self.helper_button.clicked.connect(lambda: self.add_helper())
        self.add_household_button.clicked.connect(lambda: self.edit_household(new=True))
        self.edit_household_button.clicked.connect(lambda: self.edit_household())
        self.leave_button.clicked.connect(lambda: self.household_leaves())
        self.import_button.clicked.connect(lambda: self.import_households())
        self.servers.selectionModel().selectionChanged.connect(self._update_buttons)
        self.households.selectionModel().selectionChanged.connect(self._update_buttons)
        self.servers_model.households_dropped.connect(self.pair_to)
        self._households: list = []
        self.refresh()

    # ---- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload years, villages and both tables, keeping the choices made."""
        year = self.year.currentData() or dt.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in pairing_years():
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.year.blockSignals(False)
        current = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        for bid, name in service.village_branches():
            self.branch.addItem(name, bid)
        if current is not None and self.branch.findData(current) >= 0:
            self.branch.setCurrentIndex(self.branch.findData(current))
        self.branch.blockSignals(False)
        self.reload()

    def current_year(self) -> int:
        return self.year.currentData() or dt.date.today().year

    def reload(self) -> None:
        branch_id = self.branch.currentData()
        year = self.current_year()
        if branch_id is None:
            self.servers_model.set_rows([])
            self._households = []
            self.coverage_label.setText("还没有农牧户：请点“导入农户…”导入各村报来的农户表，或载入演示数据。")
        else:
            self.servers_model.set_rows(server_rows(year, branch_id))
            self._households = household_rows(year, branch_id)
            self._show_coverage(year, branch_id)
        place = self.settlement.currentText()
        self.settlement.blockSignals(True)
        self.settlement.clear()
        self.settlement.addItem(ALL)
        self.settlement.addItems(sorted({h.settlement for h in self._households if h.settlement}))
        self.settlement.setCurrentIndex(max(0, self.settlement.findText(place)))
        self.settlement.blockSignals(False)
        self._filter_households()

    def _show_coverage(self, year: int, branch_id: int) -> None:
        village = coverage(year, branch_id)
        town = coverage(year)
        parts = [f"本村：农户{village.households}户，已联系{village.covered}户，未联系{len(village.uncovered)}户"]
        if village.over_maximum:
            parts.append(f"超上限{len(village.over_maximum)}人")
        if village.away_not_committee:
            parts.append(f"流动党员户未由支委联系{len(village.away_not_committee)}户")
        if village.hardship_not_able:
            parts.append(f"困难户联系人不符合要求{len(village.hardship_not_able)}户")
        if village.idle_able:
            parts.append(f"有能力未联系{len(village.idle_able)}人")
        status = "✔ 全覆盖" if village.full else "✘ 未全覆盖"
        township = f"全乡：{town.covered}/{town.households}户" + ("，全覆盖" if town.full else f"，未联系{len(town.uncovered)}户")
        self.coverage_label.setText(f"{status}　" + "，".join(parts) + f"　|　{township}")
        self.coverage_label.setStyleSheet(
            f"font-weight: bold; padding: 2px 8px; color: {'#1b5e20' if village.full else ERROR_COLOR};"
        )

    def _filter_households(self) -> None:
        place, kind = self.settlement.currentText(), self.kind.currentText()
        rows = [
            h for h in self._households
            if (place in ("", ALL) or h.settlement == place) and (kind == ALL or h.kind == kind)
            and (not self.only_uncovered.isChecked() or h.partner is None)
        ]  # fmt: skip
        self.households_model.set_rows(rows)
        self.shown.setText(f"显示 {len(rows)} 户")
        self._update_buttons()

    # ---- selection ------------------------------------------------------------------
    def selected_households(self) -> list:
        rows = {self.households_proxy.mapToSource(i).row() for i in self.households.selectionModel().selectedRows()}
        return [self.households_model.row_at(r) for r in sorted(rows)]

    def _update_buttons(self) -> None:
        rows = self.selected_households()
        self.pair_button.setEnabled(bool(rows))
        self.unpair_button.setEnabled(any(r.partner and not r.locked for r in rows))
        self.lock_button.setEnabled(any(r.partner and not r.locked for r in rows))
        self.unlock_button.setEnabled(any(r.locked for r in rows))
        has_village = self.branch.currentData() is not None
        self.plan_button.setEnabled(has_village)
        self.helper_button.setEnabled(has_village)
        self.print_button.setEnabled(has_village)
        self.profile_button.setEnabled(self.selected_server() is not None)
        self.add_household_button.setEnabled(has_village)
        self.edit_household_button.setEnabled(len(rows) == 1)
        self.leave_button.setEnabled(bool(rows))

    def selected_server(self):
        rows = self.servers.selectionModel().selectedRows()
        return self.servers_model.row_at(self.servers_proxy.mapToSource(rows[0]).row()) if rows else None

    # ---- actions ----------------------------------------------------------------------
    def _say(self, lines: list[str]) -> None:
        self.message.setText("；".join(lines))

    def pair_to(self, household_ids: list[int], server, locked: bool = False, note: str = "") -> bool:
        """Pair the households with one member or helper (the drop and the dialog end here)."""
        problems = []
        for hid in household_ids:
            try:
                service.pair(self.current_year(), hid, server, locked=locked, note=note)
            except UserError as error:
                problems += error_lines(error)
        self.ensure_fresh()
        self._say(problems)
        return not problems

    def pair_selected(self, dialog_factory=PairDialog) -> bool:
        households = self.selected_households()
        if not households:
            return False
        dialog = dialog_factory(self.servers_model.rows(), households, self)
        if not dialog.exec():
            return False
        server, locked, note = dialog.choice()
        return self.pair_to([h.id for h in households], server, locked, note)

    def unpair_selected(self) -> None:
        ids = [h.id for h in self.selected_households() if h.partner]
        try:
            service.unpair(self.current_year(), ids)
            self._say([])
        except UserError as error:
            self._say(error_lines(error))
        self.ensure_fresh()

    def lock_selected(self, locked: bool) -> None:
        service.set_locked(self.current_year(), [h.id for h in self.selected_households() if h.partner], locked)
        self.ensure_fresh()

    def edit_profile(self, run_dialog=None) -> bool:
        row = self.selected_server()
        if row is None:
            return False
        dialog = ProfileDialog(row, self)
        saved = bool(run_dialog(dialog) if run_dialog else dialog.exec())
        self.ensure_fresh()
        return saved

    def add_helper(self, run_dialog=None) -> bool:
        branch_id = self.branch.currentData()
        if branch_id is None:
            return False
        dialog = HelperDialog(branch_id, self.branch.currentText(), self)
        saved = bool(run_dialog(dialog) if run_dialog else dialog.exec())
        self.ensure_fresh()
        return saved

    def edit_household(self, new: bool = False, run_dialog=None) -> bool:
        branch_id = self.branch.currentData()
        rows = self.selected_households()
        if branch_id is None or (not new and len(rows) != 1):
            return False
        dialog = HouseholdDialog(branch_id, self.branch.currentText(), None if new else rows[0].id, self)
        saved = bool(run_dialog(dialog) if run_dialog else dialog.exec())
        self.ensure_fresh()
        return saved

    def household_leaves(self, status: str | None = None) -> int:
        """Mark the selected households 迁出 or 销户 (kept, no longer counted)."""
        rows = self.selected_households()
        if not rows:
            return 0
        if status is None:
            heads = "、".join(r.head for r in rows[:5]) + ("等" if len(rows) > 5 else "")
            choices = [s for s in labels.HOUSEHOLD_STATUSES if s != labels.HOUSEHOLD_ACTIVE]
            status, ok = QInputDialog.getItem(self, "迁出/销户", f"{heads}（{len(rows)}户）改为：", choices, 0, False)
            if not ok:
                return 0
        count = service.set_household_status([r.id for r in rows], status)
        self.ensure_fresh()
        self._say([f"{count}户已记为{status}；其结对在下次生成方案时解除"])
        return count

    def import_households(self, path: str | None = None, run_dialog=None) -> tuple[int, int]:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "选择农户表", pc_settings.last_folder(), HOUSEHOLD_FILES)
            if not path:
                return (0, 0)
            pc_settings.remember_file(path)
        dialog = ImportHouseholdsDialog(path, self)
        done = bool(run_dialog(dialog) if run_dialog else dialog.exec())
        if done:
            self.refresh()  # a new village may have households now
            new, updated = dialog.result_counts
            self._say([f"已导入：新增{new}户，更新{updated}户"])
        return dialog.result_counts

    def open_print(self, kind: str) -> None:
        from ui.pairing.print_dialog import PairingPrintDialog  # on first use (print engine)

        PairingPrintDialog(kind, self.current_year(), self.branch.currentData(), self).exec()

    def open_plan(self, run_dialog=None) -> int:
        """Plan the village (or, with no village chosen, nothing) and show the change list."""
        branch_id = self.branch.currentData()
        if branch_id is None:
            return 0
        proposal = plan_pairings(self.current_year(), branch_id)
        if not proposal.changes and proposal.complete:
            QMessageBox.information(self, "结对方案", "现有结对已符合全部规则并实现全覆盖，无需调整。")
            return 0
        dialog = PlanDialog(proposal, self)
        if run_dialog is not None:
            run_dialog(dialog)
        elif not dialog.exec():
            return 0
        self.ensure_fresh()
        return dialog.applied
