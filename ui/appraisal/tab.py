"""The 考核评议 tab: a branch's year-end appraisal from members and raters to the score
grid, the second-pass comparison, results with the committee's grades, and the lock.
Rules live in `dahe_desktop.appraisal`; this tab shows plain rows and hands on actions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import changes
from dahe_desktop.appraisal import entry, labels, results, runs
from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.roster.service import list_branches
from ui.appraisal.dialogs import (
    GradeDialog,
    MemberFactsDialog,
    RepresentativeDialog,
    RunSettingsDialog,
)
from ui.appraisal.entry_page import EntryPage
from ui.appraisal.rubric_dialog import RubricDialog
from ui.appraisal.table_models import (
    DifferencesModel,
    EventsModel,
    ProgressModel,
    RatersModel,
    ResultsModel,
    SubjectsModel,
)
from ui.common.rows_model import rows_view
from ui.common.tab import Tab

PAGES = ("考核对象", "评议人", "评分录入", "两遍核对", "评议结果", "修改记录")


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch()
    return row


class AppraisalTab(Tab):
    kinds = frozenset({changes.APPRAISAL, changes.APPRAISAL_RUBRICS, changes.MEMBERS, changes.BRANCHES, changes.COMMITMENTS})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.run_id: int | None = None
        self.year = QComboBox()
        self.branch = QComboBox(minimumContentsLength=12)
        self.state = QLabel(wordWrap=True)
        self.create_button = QPushButton("新建考核评议")
        self.start_button = QPushButton("开始评分")
        self.finalize_button = QPushButton("定档")
        self.reopen_button = QPushButton("重新打开…")
        self.print_button = QPushButton("打印…")
        self.rubrics_button = QPushButton("考核细则…")
        self.rubrics_button.setToolTip("四类党员的百分制考核细则（全乡通用，用于今后新建的考核评议）")
        self.settings_button = QPushButton("计分设置…")
        self.settings_button.setToolTip("考评大会日期、评议人权重、去掉最高最低分、等次和分数线、优秀比例")
        top = QHBoxLayout()
        for text, box in (("年度", self.year), ("支部", self.branch)):
            label = QLabel(text)
            label.setBuddy(box)
            top.addWidget(label)
            top.addWidget(box)
        top.addWidget(self.state, 1)
        # The actions on a row of their own: with the choices beside them the tab would
        # not fit a 1024-pixel screen.
        actions = QHBoxLayout()
        for b in (self.create_button, self.start_button, self.finalize_button, self.reopen_button, self.print_button):
            actions.addWidget(b)
        actions.addStretch()
        actions.addWidget(self.rubrics_button)
        actions.addWidget(self.settings_button)
        self.message = QLabel(wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.pages = QTabWidget()
        self.pages.addTab(self._subjects_page(), PAGES[0])
        self.pages.addTab(self._raters_page(), PAGES[1])
        self.entry_page = EntryPage()
        self.entry_page.said.connect(self._say)
        page = self.entry_page  # the grid and its choices, named here for tests and shortcuts
        self.grid, self.grid_model, self.context, self.sheet_state = page.grid, page.model, page.context, page.state
        self.sheet_rater, self.sheet_category, self.sheet_pass = page.rater, page.category, page.pass_no
        self.pages.addTab(page, PAGES[2])
        self.pages.addTab(self._compare_page(), PAGES[3])
        self.pages.addTab(self._results_page(), PAGES[4])
        self.events_model = EventsModel(self)
        self.events_table, _ = rows_view(self.events_model, (130, 80, 600))
        self.pages.addTab(self.events_table, PAGES[5])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)

        self.year.currentIndexChanged.connect(self._choose_run)
        self.branch.currentIndexChanged.connect(self._choose_run)
        self.pages.currentChanged.connect(lambda _i: self._load_page())
        self.create_button.clicked.connect(self.create_run)
        self.start_button.clicked.connect(lambda: self._act(runs.start_scoring, self.run_id))
        self.finalize_button.clicked.connect(self.finalize)
        self.reopen_button.clicked.connect(self.reopen)
        self.print_button.clicked.connect(self.open_print)
        self.rubrics_button.clicked.connect(lambda: RubricDialog(self).exec())
        self.settings_button.clicked.connect(lambda: self.info and RunSettingsDialog(self.info, self).exec())
        # Ctrl+G: back to the score grid from anywhere in the tab, to go on typing.
        QShortcut(QKeySequence("Ctrl+G"), self, activated=self._to_grid)
        self.refresh()

    # ---- pages ----------------------------------------------------------------------
    def _subjects_page(self) -> QWidget:
        page = QWidget()
        self.subjects_model = SubjectsModel(self)
        self.subjects_table, self.subjects_proxy = rows_view(self.subjects_model, (50, 90, 110, 90, 70, 330, 200))
        self.category_button = QPushButton("改考核类别…")
        self.confirm_button = QPushButton("确认全部类别")
        self.excuse_button = QPushButton("不参加评议…")
        self.include_button = QPushButton("恢复参加")
        self.new_members_button = QPushButton("补充新党员")
        self.new_members_button.setToolTip("把建立考核评议后才登记到本支部的在册党员加进来")
        self.new_members_button.clicked.connect(lambda: self._act(runs.add_new_members, self.run_id))
        self.facts_button = QPushButton("个人自评与加减分…")
        self.facts_button.setToolTip("个人自评，以及缺席组织生活、受到表彰等按条款计分的次数")
        self.facts_button.clicked.connect(self.edit_facts)
        self.subjects_table.doubleClicked.connect(lambda _i: self.edit_facts())
        self.category_button.clicked.connect(self.change_category)
        self.confirm_button.clicked.connect(lambda: self._act(runs.confirm_categories, self.run_id))
        self.excuse_button.clicked.connect(self.excuse)
        self.include_button.clicked.connect(lambda: self._for_subject(runs.include))
        layout = QVBoxLayout(page)
        layout.addWidget(self.subjects_table)
        layout.addLayout(_buttons(self.category_button, self.confirm_button, self.excuse_button, self.include_button,
                                  self.facts_button, self.new_members_button))  # fmt: skip
        return page

    def _raters_page(self) -> QWidget:
        page = QWidget()
        self.raters_model = RatersModel(self)
        self.raters_table, self.raters_proxy = rows_view(self.raters_model, (80, 60, 120, 160))
        self.members_button = QPushButton("添加到会党员")
        self.members_button.setToolTip("把参加评议的党员都登记为评议人（每人一张评分表）")
        self.representative_button = QPushButton("添加群众代表…")
        self.remove_rater_button = QPushButton("删除评议人")
        self.members_button.clicked.connect(self.add_member_raters)
        self.representative_button.clicked.connect(self.add_representative)
        self.remove_rater_button.clicked.connect(self.remove_rater)
        layout = QVBoxLayout(page)
        layout.addWidget(self.raters_table)
        layout.addLayout(_buttons(self.members_button, self.representative_button, self.remove_rater_button))
        return page

    def _compare_page(self) -> QWidget:
        page = QWidget()
        self.pending = QLabel(wordWrap=True)
        self.differences_model = DifferencesModel(self)
        self.differences_table, self.differences_proxy = rows_view(self.differences_model, (150, 90, 90, 200, 70, 70))
        self.progress_model = ProgressModel(self)
        self.progress_table, _ = rows_view(self.progress_model, (160, 80, 90, 90, 70))
        self.first_button = QPushButton("采用第一遍")
        self.second_button = QPushButton("采用第二遍")
        self.first_button.clicked.connect(lambda: self.settle(first=True))
        self.second_button.clicked.connect(lambda: self.settle(first=False))
        layout = QVBoxLayout(page)
        layout.addWidget(self.pending)
        layout.addWidget(self.differences_table, 2)
        layout.addLayout(_buttons(self.first_button, self.second_button))
        layout.addWidget(self.progress_table, 1)
        return page

    def _results_page(self) -> QWidget:
        page = QWidget()
        self.blocked = QLabel(wordWrap=True)
        self.blocked.setStyleSheet("color: #b00020;")
        self.results_model = ResultsModel(self)
        self.results_table, self.results_proxy = rows_view(self.results_model, (50, 90, 90, 60, 110, 80, 200, 150, 200))
        self.grade_button = QPushButton("评定等次…")
        self.clear_grade_button = QPushButton("改回按分数建议")
        self.grade_button.clicked.connect(self.grade)
        self.results_table.doubleClicked.connect(lambda _i: self.grade())
        self.clear_grade_button.clicked.connect(lambda: self._for_result(results.clear_grade))
        layout = QVBoxLayout(page)
        layout.addWidget(self.blocked)
        layout.addWidget(self.results_table)
        layout.addLayout(_buttons(self.grade_button, self.clear_grade_button))
        return page

    # ---- loading ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the year and branch lists, the run and the page shown."""
        year, branch = self.year.currentData(), self.branch.currentData()
        years = sorted({y for *_, y, _s in runs.list_runs()} | {dt.date.today().year}, reverse=True)
        self.year.blockSignals(True)
        self.branch.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.branch.clear()
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(branch)))
        self.year.blockSignals(False)
        self.branch.blockSignals(False)
        self._choose_run()

    def _choose_run(self) -> None:
        self.run_id = None
        year, branch = self.year.currentData(), self.branch.currentData()
        if year is not None and branch is not None:
            try:
                self.run_id = runs.run_for(branch, year)
            except AppraisalError:
                self.run_id = None
        self.info = runs.run_info(self.run_id) if self.run_id else None
        if self.info is None:
            self.state.setText("尚未建立本年度考核评议" if branch is not None else "请先在花名册中建立支部")
        else:
            note = "（曾定档后重新打开，修改均有记录）" if self.info.reopened and self.info.state != labels.FINALIZED else ""
            self.state.setText(f"{self.info.state_label}{note}：{self.info.subjects}名考核对象，{self.info.raters}名评议人")
        self._enable()
        self.entry_page.set_run(self.info)
        self._load_page()

    def _enable(self) -> None:
        state = self.info.state if self.info else None
        self.create_button.setEnabled(self.info is None and self.branch.currentData() is not None)
        self.start_button.setEnabled(state == labels.DRAFT)
        self.finalize_button.setEnabled(state == labels.SCORING)
        self.reopen_button.setEnabled(state == labels.FINALIZED)
        self.print_button.setEnabled(state is not None)
        self.settings_button.setEnabled(state in (labels.DRAFT, labels.SCORING))
        open_states = (labels.DRAFT, labels.SCORING)
        for b in (self.category_button, self.confirm_button, self.new_members_button):
            b.setEnabled(state == labels.DRAFT)
        for b in (self.excuse_button, self.include_button, self.members_button, self.representative_button,
                  self.remove_rater_button, self.facts_button):  # fmt: skip
            b.setEnabled(state in open_states)
        for b in (self.first_button, self.second_button, self.grade_button, self.clear_grade_button):
            b.setEnabled(state == labels.SCORING)

    def _load_page(self) -> None:
        page = PAGES[self.pages.currentIndex()]
        run_id = self.run_id
        if page == "考核对象":
            self.subjects_model.set_rows(runs.list_subjects(run_id) if run_id else [])
        elif page == "评议人":
            self.raters_model.set_rows(runs.list_raters(run_id) if run_id else [])
        elif page == "评分录入":
            self.entry_page.load_sheet()
        elif page == "两遍核对":
            differences, pending = entry.compare_passes(run_id) if run_id else ([], [])
            self.differences_model.set_rows(differences)
            self.progress_model.set_rows(entry.entry_progress(run_id) if run_id else [])
            self.pending.setText("\n".join(pending) if pending else ("两遍录入一致" if run_id and not differences else ""))
        elif page == "评议结果":
            res = results.run_results(run_id) if run_id else None
            self.results_model.set_rows(sorted(res.members, key=lambda m: (m.rank is None, m.rank or 0, m.seq)) if res else [])
            lines = (res.blocked + res.warnings) if res else []
            self.blocked.setText("\n".join(lines))
            self.blocked.setVisible(bool(lines))
        elif page == "修改记录":
            self.events_model.set_rows(runs.run_events(run_id) if run_id else [])

    def _to_grid(self) -> None:
        self.pages.setCurrentIndex(PAGES.index("评分录入"))
        self.grid.setFocus()

    # ---- actions ----------------------------------------------------------------------
    def _say_error(self, text: str) -> None:
        self._say(text, True)

    def _say(self, text: str, refusal: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if refusal else "")
        self.message.setText(text)

    def _act(self, action, *args) -> bool:
        try:
            action(*args)
        except UserError as error:
            self._say_error("\n".join(error_lines(error)))
            return False
        self.message.setStyleSheet("")
        self.message.setText("")
        return True

    def _selected(self, table, proxy, model):
        rows = table.selectionModel().selectedRows()
        return model.row_at(proxy.mapToSource(rows[0]).row()) if rows else None

    def _for_subject(self, action) -> None:
        s = self._selected(self.subjects_table, self.subjects_proxy, self.subjects_model)
        if s is None:
            self._say_error("请先选择一名党员")
            return
        self._act(action, s.id)

    def _for_result(self, action) -> None:
        m = self._selected(self.results_table, self.results_proxy, self.results_model)
        if m is None:
            self._say_error("请先选择一名党员")
            return
        self._act(action, m.subject_id)

    def create_run(self) -> None:
        if self._act(runs.create_run, self.branch.currentData(), self.year.currentData()):
            self.message.setText("已建立考核评议：请核对每名党员的考核类别，登记评议人，然后开始评分")

    def change_category(self) -> None:
        s = self._selected(self.subjects_table, self.subjects_proxy, self.subjects_model)
        if s is None:
            self._say_error("请先选择一名党员")
            return
        category, ok = QInputDialog.getItem(self, "考核类别", f"{s.name}按哪类考核：", list(labels.CATEGORIES),
                                            labels.CATEGORIES.index(s.category), False)  # fmt: skip
        if ok:
            self._act(runs.set_category, s.id, category)

    def excuse(self) -> None:
        s = self._selected(self.subjects_table, self.subjects_proxy, self.subjects_model)
        if s is None:
            self._say_error("请先选择一名党员")
            return
        reason, ok = QInputDialog.getText(self, "不参加评议", f"{s.name}不参加本次考核评议的原因：")
        if ok:
            self._act(runs.excuse, s.id, reason)

    def edit_facts(self) -> None:
        s = self._selected(self.subjects_table, self.subjects_proxy, self.subjects_model)
        if s is None or not self.facts_button.isEnabled():
            self._say_error("请先选择一名党员" if s is None else "考核评议已定档，只能查看")
            return
        MemberFactsDialog(entry.member_facts(s.id), self).exec()

    def add_member_raters(self) -> None:
        ids = [s.member_id for s in runs.list_subjects(self.run_id) if not s.excused]
        self._act(runs.add_member_raters, self.run_id, ids)

    def add_representative(self) -> None:
        village = next((b.village for b in list_branches() if b.id == self.branch.currentData()), "")
        RepresentativeDialog(self.run_id, village, self).exec()

    def remove_rater(self) -> None:
        r = self._selected(self.raters_table, self.raters_proxy, self.raters_model)
        if r is None:
            self._say_error("请先选择一名评议人")
            return
        self._act(runs.remove_rater, r.id)

    def settle(self, first: bool) -> None:
        rows = self.differences_table.selectionModel().selectedRows()
        if not rows:
            self._say_error("请先选择要核对的格子（可多选）")
            return
        picked = [self.differences_model.row_at(self.differences_proxy.mapToSource(i).row()) for i in rows]
        for d in picked:
            if not self._act(entry.settle, self.run_id, d.rater_id, d.subject_id, d.item_index, d.first if first else d.second):
                return

    def grade(self) -> None:
        m = self._selected(self.results_table, self.results_proxy, self.results_model)
        if m is None or m.excused:
            self._say_error("请先选择一名参加评议的党员")
            return
        GradeDialog(m, self.info.config.grades, self).exec()

    def finalize(self) -> None:
        if self._act(results.finalize, self.run_id):
            self.message.setText("已定档：结果只读；如需修改，请“重新打开”并说明原因")

    def reopen(self) -> None:
        reason, ok = QInputDialog.getText(self, "重新打开", "重新打开的原因（记入修改记录）：")
        if ok:
            self._act(runs.reopen, self.run_id, reason)

    def open_print(self) -> None:
        from ui.appraisal.print_dialog import AppraisalPrintDialog

        if self.info is None:
            return
        title = f"{self.info.branch_name}{self.info.year}年度"
        AppraisalPrintDialog(self.run_id, title, parent=self).exec()
