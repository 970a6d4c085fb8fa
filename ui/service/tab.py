"""服务工作 (seed §3.1-§3.3): 社情民意 and their way to the household's answer, the
visits they came from, 视察调研, and the 三队三强 teams. The tab shows the core's rows
and hands on the clerk's actions; the rules are in `dahe_desktop.service`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes
from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import list_inspections, total_summary, yearly_summary
from dahe_desktop.service.records import ItemFilter
from dahe_desktop.service.teams import dissolve_team, list_teams, team_detail
from dahe_desktop.service.visits import item_history, list_items, list_visits
from ui.common.rows_model import rows_view
from ui.common.tab import Tab
from ui.service.inspection_dialog import InspectionDialog
from ui.service.item_dialog import ItemDialog
from ui.service.pickers import branch_combo
from ui.service.step_dialog import ItemStepDialog
from ui.service.table_models import (
    InspectionsModel,
    ItemsModel,
    SummaryModel,
    TeamsModel,
    VisitsModel,
)
from ui.service.team_dialog import TeamDialog
from ui.service.visit_dialog import VisitDialog

ALL = "全部"


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch()
    return row


class ServiceTab(Tab):
    kinds = frozenset({changes.VISITS, changes.OPINION_ITEMS, changes.INSPECTIONS, changes.TEAMS, changes.MEMBERS,
                       changes.BRANCHES})  # fmt: skip

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self.year = QComboBox()
        this = self.today().year
        for y in range(this + 1, this - 6, -1):
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(1)
        self.branch = branch_combo(everyone="全部支部")
        filters = QHBoxLayout()
        for text, box in (("年度", self.year), ("支部", self.branch)):
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
        filters.addStretch()

        # 社情民意
        self.status = QComboBox()
        self.status.addItems([ALL, *L.ITEM_STATUSES])
        self.open_only = QCheckBox("只看未反馈群众")
        self.overdue_only = QCheckBox("只看逾期")
        self.items_model = ItemsModel(self)
        self.items_table, self.items_proxy = rows_view(self.items_model, (90, 110, 90, 110, 70, 90, 80, 70, 260, 120, 200))
        self.items_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.items_table.doubleClicked.connect(lambda _i: self.take_step())
        self.visit_button = QPushButton("登记走访…")
        self.step_button = QPushButton("办理…")
        self.step_button.setToolTip("下一步：上报、办理、登记结果、反馈群众；群众说没解决时重新办理")
        self.edit_item_button = QPushButton("修改…")
        self.edit_item_button.setToolTip("修改上报去向、责任人、办理时限")
        self.history_button = QPushButton("办理经过")
        self.handbook_button = QPushButton("打印社情民意手册…")
        self.handbook_button.setToolTip("所选问题的收集人的本年手册；未选时为当前支部全部党员")
        self.supervision_button = QPushButton("打印督办清单…")
        self.slips_button = QPushButton("打印回访单…")
        self.slips_button.setToolTip("所选问题每条一张回访单，带回群众家中")
        item_filters = QHBoxLayout()
        item_filters.addWidget(QLabel("状态"))
        item_filters.addWidget(self.status)
        item_filters.addWidget(self.open_only)
        item_filters.addWidget(self.overdue_only)
        item_filters.addStretch()
        self.items_count = QLabel()
        item_filters.addWidget(self.items_count)
        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        items_layout.addLayout(item_filters)
        items_layout.addWidget(self.items_table, 1)
        items_layout.addLayout(_buttons(self.visit_button, self.step_button, self.edit_item_button, self.history_button,
                                        self.handbook_button,
                                        self.supervision_button, self.slips_button))  # fmt: skip

        # 走访记录
        self.visits_model = VisitsModel(self)
        self.visits_table, _ = rows_view(self.visits_model, (90, 110, 80, 70, 180, 360))
        self.visit_button2 = QPushButton("登记走访…")
        visits_page = QWidget()
        visits_layout = QVBoxLayout(visits_page)
        visits_layout.addWidget(self.visits_table, 1)
        visits_layout.addLayout(_buttons(self.visit_button2))

        # 视察调研
        self.inspections_model = InspectionsModel(self)
        self.inspections_table, self.inspections_proxy = rows_view(self.inspections_model, (90, 110, 80, 180, 150, 200, 200, 200))
        self.inspections_table.doubleClicked.connect(lambda _i: self.edit_inspection())
        self.summary_model = SummaryModel(self)
        self.summary_table, _ = rows_view(self.summary_model, (130, 70, 70, 70, 70, 70))
        self.inspection_button = QPushButton("登记视察调研…")
        self.edit_inspection_button = QPushButton("修改…")
        split = QSplitter()
        split.addWidget(self.inspections_table)
        split.addWidget(self.summary_table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        inspections_page = QWidget()
        inspections_layout = QVBoxLayout(inspections_page)
        inspections_layout.addWidget(split, 1)
        inspections_layout.addLayout(_buttons(self.inspection_button, self.edit_inspection_button))

        # 三队三强
        self.team_kind = QComboBox()
        self.team_kind.addItems([ALL, *L.TEAM_KINDS])
        self.teams_model = TeamsModel(self)
        self.teams_table, self.teams_proxy = rows_view(self.teams_model, (110, 110, 220, 90, 90, 50, 50, 60, 50))
        self.teams_table.doubleClicked.connect(lambda _i: self.edit_team())
        self.team_button = QPushButton("新建队伍…")
        self.edit_team_button = QPushButton("修改…")
        self.dissolve_button = QPushButton("撤销队伍")
        self.teams_count = QLabel()
        teams_page = QWidget()
        teams_layout = QVBoxLayout(teams_page)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel("类别"))
        kind_row.addWidget(self.team_kind)
        kind_row.addStretch()
        kind_row.addWidget(self.teams_count)
        teams_layout.addLayout(kind_row)
        teams_layout.addWidget(self.teams_table, 1)
        teams_layout.addLayout(_buttons(self.team_button, self.edit_team_button, self.dissolve_button))

        self.pages = QTabWidget()
        self.pages.addTab(items_page, "社情民意")
        self.pages.addTab(visits_page, "走访记录")
        self.pages.addTab(inspections_page, "视察调研")
        self.pages.addTab(teams_page, "三队三强")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)

        for box in (self.year, self.branch, self.status, self.team_kind):
            box.currentIndexChanged.connect(self.refresh)
        for check in (self.open_only, self.overdue_only):
            check.toggled.connect(self.refresh)
        self.visit_button.clicked.connect(self.add_visit)
        self.visit_button2.clicked.connect(self.add_visit)
        self.step_button.clicked.connect(self.take_step)
        self.history_button.clicked.connect(self.show_history)
        self.edit_item_button.clicked.connect(self.edit_item)
        self.handbook_button.clicked.connect(self.print_handbook)
        self.supervision_button.clicked.connect(self.print_supervision)
        self.slips_button.clicked.connect(self.print_slips)
        self.inspection_button.clicked.connect(lambda: self._open(InspectionDialog(self.branch.currentData(), None, self)))
        self.edit_inspection_button.clicked.connect(self.edit_inspection)
        self.team_button.clicked.connect(lambda: self._open(TeamDialog(self.branch.currentData(), None, self)))
        self.edit_team_button.clicked.connect(self.edit_team)
        self.dissolve_button.clicked.connect(self.dissolve)
        self._update_buttons()
        self.first_refresh()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def chosen_year(self) -> int:
        return self.year.currentData()

    def refresh(self) -> None:
        year, branch = self.chosen_year, self.branch.currentData()
        status = self.status.currentText()
        flt = ItemFilter(year=year, branch_id=branch, status="" if status == ALL else status,
                         open_only=self.open_only.isChecked(), overdue_only=self.overdue_only.isChecked())  # fmt: skip
        items = list_items(flt, self.today())
        self.items_model.set_rows(items)
        late = sum(1 for i in items if i.overdue)
        self.items_count.setText(f"共{len(items)}条，逾期{late}条")
        self.visits_model.set_rows(list_visits(year, branch))
        self.inspections_model.set_rows(list_inspections(year, branch))
        summary = [s for s in yearly_summary(year) if branch is None or s.branch_id == branch]
        self.summary_model.set_rows([*summary, total_summary(summary)])
        kind = self.team_kind.currentText()
        teams = list_teams(year, branch, "" if kind == ALL else kind)
        self.teams_model.set_rows(teams)
        self.teams_count.setText(f"共{len(teams)}支，成员{sum(t.people for t in teams)}人")
        self._update_buttons()

    # ---- selections ---------------------------------------------------------------
    def _selected(self, table, proxy, model) -> list:
        return [model.row_at(proxy.mapToSource(i).row()) for i in table.selectionModel().selectedRows()]

    def selected_items(self) -> list:
        return self._selected(self.items_table, self.items_proxy, self.items_model)

    def _update_buttons(self, *_args) -> None:
        n = len(self.selected_items())
        self.step_button.setEnabled(n >= 1)
        self.history_button.setEnabled(n == 1)
        self.edit_item_button.setEnabled(n == 1)
        self.slips_button.setEnabled(n >= 1)
        self.supervision_button.setEnabled(bool(self.items_model.rowCount()))

    def _open(self, dialog) -> bool:
        accepted = bool(dialog.exec())
        dialog.deleteLater()
        return accepted

    # ---- actions ------------------------------------------------------------------
    def add_visit(self) -> None:
        self._open(VisitDialog(self.branch.currentData(), self))

    def take_step(self) -> None:
        items = self.selected_items()
        if items:
            self._open(ItemStepDialog(items, self))

    def edit_item(self) -> None:
        items = self.selected_items()
        if len(items) == 1:
            self._open(ItemDialog(items[0], self))

    def show_history(self) -> None:
        items = self.selected_items()
        if len(items) != 1:
            return
        lines = [f"{e.event_date:%Y-%m-%d}　{e.to_status}" + (f"：{e.note}" if e.note else "") for e in item_history(items[0].id)]
        QMessageBox.information(self, "办理经过", f"{items[0].content}\n\n" + "\n".join(lines))

    def print_handbook(self) -> None:
        items = self.selected_items()
        if items:
            members = list(dict.fromkeys(i.member_id for i in items))
        else:
            from dahe_desktop.commitments.service import active_members

            members = [m.id for m in active_members(self.branch.currentData())]
        from ui.service.print_dialog import (  # on first use (print engine)
            HANDBOOK,
            ServicePrintDialog,
        )

        self._open(ServicePrintDialog(HANDBOOK, members, self.chosen_year, self, self.today()))

    def print_supervision(self) -> None:
        branches = list(dict.fromkeys(i.branch_id for i in self.items_model.rows() if i.is_open))
        if not branches:
            QMessageBox.information(self, "督办清单", "当前列表中没有尚未反馈群众的社情民意。")
            return
        from ui.service.print_dialog import SUPERVISION, ServicePrintDialog  # on first use

        self._open(ServicePrintDialog(SUPERVISION, branches, self.chosen_year, self, self.today()))

    def print_slips(self) -> None:
        items = self.selected_items()
        if items:
            from ui.service.print_dialog import SLIPS, ServicePrintDialog  # on first use

            self._open(ServicePrintDialog(SLIPS, [i.id for i in items], self.chosen_year, self, self.today()))

    def edit_inspection(self) -> None:
        rows = self._selected(self.inspections_table, self.inspections_proxy, self.inspections_model)
        if len(rows) == 1:
            self._open(InspectionDialog(None, rows[0], self))

    def edit_team(self) -> None:
        rows = self._selected(self.teams_table, self.teams_proxy, self.teams_model)
        if len(rows) == 1:
            self._open(TeamDialog(None, team_detail(rows[0].id), self))

    def dissolve(self) -> None:
        rows = self._selected(self.teams_table, self.teams_proxy, self.teams_model)
        if len(rows) != 1:
            return
        team = rows[0]
        answer = QMessageBox.question(self, "撤销队伍", f"撤销“{team.name}”？{self.chosen_year}年后不再统计，记录保留。")
        if answer == QMessageBox.StandardButton.Yes:
            dissolve_team(team.id, self.chosen_year)
