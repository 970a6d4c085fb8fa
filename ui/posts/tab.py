"""The 设岗定责 tab: per branch and year, where the selection stands and what is missing
(a post without 差额, ballots not entered twice, a tie), the posts and candidates, the
vote and the tally, the post holders, the duty log and who still has no post."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from dahe_desktop.errors import UserError
from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.records import SelectionStatus
from dahe_desktop.roster.service import list_branches
from ui.common.rows_model import rows_view
from ui.common.tab import Tab
from ui.posts.ballot_dialog import BallotEntryDialog
from ui.posts.dialogs import (
    ApplicationDialog,
    AssignDialog,
    CandidatesDialog,
    CatalogueDialog,
    DateDialog,
    HolderDialog,
    OpenPostDialog,
    TieDialog,
    in_year,
)
from ui.posts.duty_log import DutyLogPage
from ui.posts.models import (
    AppointmentsModel,
    CoverageModel,
    OverviewModel,
    PostsModel,
    ResultsModel,
)


def steps_html(status: SelectionStatus) -> str:
    """The step view: each step ticked or not, with its date and detail; then what is missing."""
    lines = [f"<b>{status.branch_name}　{status.year}年</b>"]
    for n, step in enumerate(status.steps, start=1):
        mark = "<span style='color:#1b5e20'>✔</span>" if step.done else "<span style='color:#999'>○</span>"
        when = f"　{step.on.isoformat()}" if step.on else ""
        lines.append(f"{mark} {n}．{step.title}<span style='color:#555'>{when}<br>　　{step.detail}</span>")
    if status.missing:
        lines.append("<b style='color:#b00020'>待办</b>")
        lines += [f"<span style='color:#b00020'>• {m}</span>" for m in status.missing]
    elif status.finished:
        lines.append("<b style='color:#1b5e20'>本年度设岗定责已完成</b>")
    return "<br>".join(lines)



def _printouts():
    """The posts' print jobs, imported on first use: they bring in the print engine."""
    from dahe_desktop.posts.printouts import job

    return job

class PostsTab(Tab):
    """Rules live in `dahe_desktop.posts`; this tab shows rows and hands on actions."""

    kinds = frozenset({changes.POST_SELECTIONS, changes.DUTY_LOG, changes.POST_CATALOGUE, changes.MEMBERS,
                       changes.BRANCHES})  # fmt: skip

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QComboBox()
        self.branch = QComboBox(minimumContentsLength=14)
        self.catalogue_button = self._button("岗位目录…", lambda: self._run(CatalogueDialog(self)))
        top = QHBoxLayout()
        for text, box in (("年度", self.year), ("支部", self.branch)):
            label = QLabel(text)
            label.setBuddy(box)
            top.addWidget(label)
            top.addWidget(box)
        top.addStretch()
        top.addWidget(self.catalogue_button)

        self.steps = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps.setMinimumWidth(240)
        rule = QLabel(labels.TALLY_RULE, wordWrap=True)
        rule.setStyleSheet("color: #555; font-size: 9pt;")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 6, 0)
        side_layout.addWidget(self.steps, 1)
        side_layout.addWidget(rule)

        self.posts_model = PostsModel(self)
        self.posts_table, self.posts_proxy = rows_view(self.posts_model, (100, 45, 65, 65, 65, 45, 300, 200))
        self.results_model = ResultsModel(self)
        self.results_table, _ = rows_view(self.results_model, (100, 45, 60, 80, 90, 50))
        self.vote_note = QLabel(wordWrap=True)
        self.vote_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.holders_model = AppointmentsModel(self)
        self.holders_table, self.holders_proxy = rows_view(self.holders_model, (100, 80, 120, 70, 85, 65, 260, 200))
        self.duty_log = DutyLogPage(self)
        self.coverage_model = CoverageModel(self)
        self.coverage_table, _ = rows_view(self.coverage_model, (90, 85, 150, 70, 110))
        self.coverage_note = QLabel()
        self.overview_model = OverviewModel(self)
        self.overview_table, self.overview_proxy = rows_view(self.overview_model, (140, 80, 120))

        self.open_button = self._button("开设岗位…", self.open_post)
        self.apply_button = self._button("登记申报/提名…", self.add_application)
        self.candidates_button = self._button("设定候选人…", self.set_candidates)
        self.fix_button = self._button("差额确定候选人…", self.fix_candidates)
        self.reopen_button = self._button("重新确定候选人", self.reopen_candidates)
        self.ballots_button = self._button("打印选票…", lambda: self.open_print(_printouts().BALLOTS))
        self.entry1_button = self._button("第一次录入…", lambda: self.enter_ballots(1))
        self.entry2_button = self._button("第二次录入…", lambda: self.enter_ballots(2))
        self.tally_button = self._button("计票…", self.tally)
        self.tie_button = self._button("决定并列…", self.settle_tie)
        self.appoint_button = self._button("确定岗位…", self.appoint)
        self.assign_button = self._button("支部调剂…", self.assign)
        self.log_button = self._button("记履职", self.log_for_holder)
        self.holder_button = self._button("细化职责目标…", self.edit_holder)
        self.notice_button = self._button("打印公示…", lambda: self.open_print(_printouts().NOTICE))
        self.cards_button = self._button("打印岗位卡…", lambda: self.open_print(_printouts().CARDS))

        self.log_button.setToolTip("为选中的上岗党员记一条履职记录（Ctrl+L）")
        self.fix_button.setToolTip("每个岗位的候选人须多于名额；确定后可打印选票")
        self.entry2_button.setToolTip(labels.DOUBLE_ENTRY_RULE)
        self.assign_button.setToolTip("计票后，为未当选或空出名额的岗位由支部调剂安排党员")
        self.pages = QTabWidget()
        self.pages.addTab(self._page(self.posts_table, self.open_button, self.apply_button, self.candidates_button,
                                     self.fix_button, self.reopen_button, self.ballots_button), "岗位与候选人")  # fmt: skip
        self.pages.addTab(self._page(self.results_table, self.entry1_button, self.entry2_button, self.tally_button,
                                     self.tie_button, note=self.vote_note), "投票与计票")  # fmt: skip
        self.pages.addTab(self._page(self.holders_table, self.appoint_button, self.assign_button, self.holder_button,
                                     self.log_button, self.notice_button, self.cards_button), "上岗党员")  # fmt: skip
        self.pages.addTab(self.duty_log, "履职记录")
        self.pages.addTab(self._page(self.coverage_table, note=self.coverage_note), "覆盖情况")
        self.overview_page = self._page(self.overview_table, note=QLabel("双击一个支部查看详情。"))
        self.pages.addTab(self.overview_page, "全乡进度")

        split = QSplitter()
        split.addWidget(side)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 1000])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.year.currentIndexChanged.connect(self.reload)
        self.branch.currentIndexChanged.connect(self.reload)
        self.posts_table.doubleClicked.connect(lambda _i: self.set_candidates())
        self.holders_table.doubleClicked.connect(lambda _i: self.log_for_holder())
        self.overview_table.doubleClicked.connect(self._open_branch)
        self.pages.currentChanged.connect(lambda _i: self._load_overview())
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.log_for_holder)
        self.status: SelectionStatus | None = None
        self._overview_year: int | None = None
        self.first_refresh()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        return button

    def _page(self, table, *buttons: QPushButton, note: QLabel | None = None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        if note is not None:
            layout.addWidget(note)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch()
        layout.addLayout(row)
        return page

    # ---- loading --------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the year and branch choices and everything shown, keeping the choices."""
        year = self.year.currentData() or dt.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in posts.selection_years():
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.year.blockSignals(False)
        current = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        for b in list_branches():
            self.branch.addItem(b.name, b.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
        self.branch.blockSignals(False)
        self.reload()

    def current(self) -> tuple[int | None, int]:
        return self.branch.currentData(), self.year.currentData() or dt.date.today().year

    def reload(self) -> None:
        branch_id, year = self.current()
        if branch_id is None:
            self.status = None
            self.steps.setText("还没有支部：请先在花名册中建立支部和党员。")
            for model in (self.posts_model, self.results_model, self.holders_model, self.coverage_model):
                model.set_rows([])
            self.duty_log.set_rows(year, [], None)
            self._update_buttons()
            return
        self.status = posts.selection_status(branch_id, year)
        self.steps.setText(steps_html(self.status))
        self.posts_model.set_rows(posts.list_posts(branch_id, year))
        selection_id = self.status.selection_id
        results = posts.post_results(selection_id) if selection_id else []
        self.results_model.set_rows([(p, r) for p in results for r in p.results])
        self.vote_note.setText(self._vote_note(selection_id))
        holders = posts.list_appointments(year, branch_id)
        self.holders_model.set_rows(holders)
        self.duty_log.set_rows(year, holders, branch_id)
        cover = posts.coverage(branch_id, year)
        self.coverage_model.set_rows(cover.rows)
        counts = "，".join(f"{s}{len(cover.of(s))}名" for s in (labels.HOLDS_POST, labels.OFFICE_HOLDER, labels.NO_POST, labels.EXEMPT))
        self.coverage_note.setText(f"在册党员{len(cover.rows)}名：{counts}。"
                                   + ("全覆盖。" if cover.complete else "未定岗的党员须定岗（支部调剂），老病残、外出党员本人申报的才安排。"))  # fmt: skip
        self.pages.setTabText(4, f"覆盖情况（未定岗{len(cover.of(labels.NO_POST))}）")
        self.pages.setTabText(3, f"履职记录（{self.duty_log.model.rowCount()}）")
        self._overview_year = None
        self._load_overview()
        self._update_buttons()

    def _load_overview(self) -> None:
        """Every branch's status, read only when that page is shown (20 branches: a few
        hundred queries)."""
        _, year = self.current()
        if self.pages.currentWidget() is self.overview_page and self._overview_year != year:
            self._overview_year = year
            self.overview_model.set_rows(posts.township_overview(year))

    def _open_branch(self, index) -> None:
        status = self.overview_model.row_at(self.overview_proxy.mapToSource(index).row())
        self.branch.setCurrentIndex(self.branch.findData(status.branch_id))
        self.pages.setCurrentIndex(0)

    def _vote_note(self, selection_id: int | None) -> str:
        if selection_id is None:
            return ""
        differences = posts.entry_differences(selection_id)
        entered = [n for n in (1, 2) if posts.ballot_entry(selection_id, n) is not None]
        if differences is None:
            done = "、".join(f"第{n}次" for n in entered) or "还没有录入"
            return f"{labels.DOUBLE_ENTRY_RULE}　已录入：{done}。下表为已录入结果的预览，计票后为正式结果。"
        if differences:
            return "<span style='color:#b00020'>两次录入不一致，请核对选票后更正其中一次：<br>" + "<br>".join(differences) + "</span>"
        decided = posts.tie_decisions(selection_id)
        ties = "".join(f"<br>并列：{p}候选人{t}得票相同，{on}{how}，{c}当选。" for p, t, c, how, on in decided)
        return "两次录入一致。" + ties

    def _update_buttons(self) -> None:
        s = self.status
        has_branch = s is not None
        opened = bool(s and s.steps and s.steps[0].done)
        fixed = bool(s and s.steps[2].done)
        entry_done = bool(s and s.steps[3].done)
        tallied = bool(s and s.tallied)
        tied = any(r[1].outcome == labels.TIED for r in self.results_model.rows())
        self.open_button.setEnabled(has_branch and not fixed)
        for b in (self.apply_button, self.candidates_button, self.fix_button):
            b.setEnabled(opened and not fixed)
        self.reopen_button.setEnabled(fixed and not bool(s and s.steps[3].on))
        self.ballots_button.setEnabled(fixed)
        self.entry1_button.setEnabled(fixed and not tallied)
        self.entry2_button.setEnabled(fixed and not tallied)
        self.tally_button.setEnabled(entry_done and not tallied)
        self.tie_button.setEnabled(tallied and tied)
        self.appoint_button.setEnabled(tallied and not tied and not bool(s and s.steps[5].done))
        self.assign_button.setEnabled(tallied)
        has_holders = self.holders_model.rowCount() > 0
        for b in (self.log_button, self.holder_button, self.notice_button, self.cards_button):
            b.setEnabled(has_holders)

    # ---- actions --------------------------------------------------------------------
    def _run(self, dialog) -> bool:
        saved = bool(dialog.exec())
        if saved:
            self.ensure_fresh()
        return saved

    def _selected_post(self):
        rows = self.posts_table.selectionModel().selectedRows() if self.posts_table.selectionModel() else []
        if rows:
            return self.posts_model.row_at(self.posts_proxy.mapToSource(rows[0]).row())
        all_posts = self.posts_model.rows()
        return all_posts[0] if len(all_posts) == 1 else None

    def open_post(self) -> None:
        branch_id, year = self.current()
        if branch_id is not None:
            self._run(OpenPostDialog(branch_id, year, self))

    def add_application(self) -> None:
        branch_id, year = self.current()
        post = self._selected_post()
        members = posts.coverage(branch_id, year).rows
        self._run(ApplicationDialog(year, self.posts_model.rows(), members, post.id if post else None, self))

    def set_candidates(self) -> None:
        branch_id, year = self.current()
        post = self._selected_post()
        if post is None:
            QMessageBox.information(self, "设定候选人", "请先在表中选中一个岗位。")
            return
        self._run(CandidatesDialog(branch_id, year, post, self))

    def fix_candidates(self) -> None:
        branch_id, year = self.current()
        text = "支部确定候选人后，名单和名额不能再改，并可打印选票。每个岗位的候选人须多于名额（差额）。"
        self._run(DateDialog("确定候选人", text, in_year(year), lambda day: posts.fix_candidates(branch_id, year, day), self))

    def reopen_candidates(self) -> None:
        branch_id, year = self.current()
        answer = QMessageBox.question(self, "重新确定候选人", "撤销已确定的候选人名单，以便修改岗位、名额或候选人？（已录入选票的不能撤销）")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            posts.reopen_candidates(branch_id, year)
        except UserError as error:
            QMessageBox.warning(self, "重新确定候选人", "\n".join(error.lines))
        self.ensure_fresh()

    def enter_ballots(self, round_no: int) -> None:
        branch_id, year = self.current()
        if self._run(BallotEntryDialog(branch_id, year, round_no, self.status.selection_id, self)):
            self.pages.setCurrentIndex(1)

    def tally(self) -> None:
        branch_id, year = self.current()
        self._run(DateDialog("计票", labels.TALLY_RULE, in_year(year), lambda day: posts.tally(branch_id, year, day), self))

    def settle_tie(self) -> None:
        branch_id, year = self.current()
        selection_id = self.status.selection_id
        members = {c.id: c.member_id for c in posts.list_candidates(selection_id)}
        for result in posts.post_results(selection_id):
            if result.tied:
                self._run(TieDialog(result.post_id, result.post_name, result.tied, result.tied_for, year, members, self))
                return

    def appoint(self) -> None:
        branch_id, year = self.current()
        text = "当选的候选人上岗，职责任务和年度目标取自岗位（可在岗位卡上细化）。未当选的党员可随后由支部调剂。"
        self._run(DateDialog("确定岗位", text, in_year(year), lambda day: posts.appoint_elected(branch_id, year, day), self))

    def assign(self) -> None:
        branch_id, year = self.current()
        cover = posts.coverage(branch_id, year)
        waiting = cover.of(labels.NO_POST)
        if not waiting:
            QMessageBox.information(self, "支部调剂", "没有需要调剂岗位的党员。")
            return
        self._run(AssignDialog(year, self.posts_model.rows(), waiting, self))

    def edit_holder(self) -> None:
        rows = self.holders_table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "细化职责目标", "请先在表中选中一名上岗党员。")
            return
        a = self.holders_model.row_at(self.holders_proxy.mapToSource(rows[0]).row())
        self._run(HolderDialog(a.id, f"{a.member_name}（{a.post_name}）", a.duties, a.targets, self, a.version))

    def log_for_holder(self) -> None:
        rows = self.holders_table.selectionModel().selectedRows()
        self.pages.setCurrentWidget(self.duty_log)
        if rows:
            self.duty_log.choose(self.holders_model.row_at(self.holders_proxy.mapToSource(rows[0]).row()).id)
        else:
            self.duty_log.holder.setFocus()

    def open_print(self, kind: str) -> None:
        branch_id, year = self.current()
        try:
            from ui.posts.print_dialog import PostsPrintDialog  # on first use (print engine)

            PostsPrintDialog(kind, year, branch_id, self).exec()
        except UserError as error:
            QMessageBox.warning(self, "打印", "\n".join(error.lines))
