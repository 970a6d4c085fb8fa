"""The 设岗定责 tab driven as the clerk drives it: the step view and what is missing, the
差额 refusal in the dialog, the two ballot entries compared, a tie settled, the duty log
typed at the keyboard, coverage, and the print dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.printouts.job import BALLOTS, NOTICE
from tests.core.test_posts import VOTES, YEAR, finish_vote, opened
from tests.helpers.posts import village_branch
from ui.common import events
from ui.posts.ballot_dialog import BallotEntryDialog
from ui.posts.dialogs import CandidatesDialog, DateDialog, OpenPostDialog, TieDialog
from ui.posts.print_dialog import PostsPrintDialog
from ui.posts.tab import PostsTab


@pytest.fixture
def people(db):
    return village_branch()


@pytest.fixture
def tab(qtbot, people):
    widget = PostsTab()
    qtbot.addWidget(widget)
    widget.year.setCurrentIndex(widget.year.findData(YEAR))
    widget.show()
    return widget


def fill_ballots(dialog: BallotEntryDialog, votes: dict[str, tuple[int, int]], by: str) -> None:
    dialog.entered_by.setText(by)
    dialog.voted_on.setDate(QDate(2026, 3, 8))
    for spin, value in zip((dialog.member_voters, dialog.rep_voters, dialog.invalid, dialog.blank), (8, 12, 1, 0), strict=True):
        spin.setValue(value)
    names = {c.candidate_id: c.name for c in dialog.candidates}
    for cid, members, reps in dialog.votes:
        members.setValue(votes[names[cid]][0])
        reps.setValue(votes[names[cid]][1])


def test_models_pass_the_model_tester(qtmodeltester, tab, people):
    opened(people)
    finish_vote(people, VOTES)
    posts.appoint_elected(people["branch"], YEAR, dt.date(2026, 3, 9))
    tab.reload()
    for model in (tab.posts_model, tab.results_model, tab.holders_model, tab.coverage_model, tab.duty_log.model):
        qtmodeltester.check(model)
    assert tab.results_model.rowCount() == 6


def test_the_step_view_says_what_is_missing_and_refreshes_itself(qtbot, tab, people):
    assert "2026年还没有开设岗位" in tab.steps.text()
    assert not tab.apply_button.isEnabled() and tab.open_button.isEnabled()
    dialog = OpenPostDialog(people["branch"], YEAR, tab)
    qtbot.addWidget(dialog)
    dialog.name.setCurrentText("草原管护岗")
    assert "巡查草原" in dialog.duties.toPlainText()  # the catalogue's duties
    dialog.seats.setValue(2)
    with qtbot.waitSignal(events.bridge().changed):
        dialog.accept()
    assert tab.posts_model.rowCount() == 1 and tab.apply_button.isEnabled()
    assert "草原管护岗有2个名额，候选人只有0名" in tab.steps.text()


def test_candidates_not_more_than_seats_are_refused_in_the_dialog_naming_the_post(qtbot, tab, people):
    opened(people, pastures_seats=3)
    tab.reload()
    fix = DateDialog("确定候选人", "", dt.date(2026, 3, 1), lambda day: posts.fix_candidates(people["branch"], YEAR, day), tab)
    qtbot.addWidget(fix)
    fix.accept()
    assert fix.error.isVisibleTo(fix) and "草原管护岗有3个名额，候选人只有3名" in fix.error.text()
    grass = next(p for p in tab.posts_model.rows() if p.name == "草原管护岗")
    choose = CandidatesDialog(people["branch"], YEAR, grass, tab)
    qtbot.addWidget(choose)
    assert [box.isChecked() for _, box in choose.boxes] == [True, True, True]


def test_differing_entries_block_the_tally_until_corrected(qtbot, tab, people):
    opened(people)
    posts.fix_candidates(people["branch"], YEAR, dt.date(2026, 3, 1))
    tab.reload()
    assert tab.entry1_button.isEnabled() and not tab.tally_button.isEnabled()
    selection_id = tab.status.selection_id
    first = BallotEntryDialog(people["branch"], YEAR, 1, selection_id, tab)
    qtbot.addWidget(first)
    fill_ballots(first, VOTES, "张文书")
    first.accept()
    assert first.result()
    second = BallotEntryDialog(people["branch"], YEAR, 2, selection_id, tab)
    qtbot.addWidget(second)
    assert second.entered_by.text() == "" and second.member_voters.value() == 0  # never copied from the first
    fill_ballots(second, dict(VOTES, 拉毛=(7, 9)), "李书记")
    second.accept()
    tab.ensure_fresh()
    assert "拉毛的群众代表票：第一次10，第二次9" in tab.vote_note.text()
    assert "两次录入有1处不一致" in tab.steps.text() and not tab.tally_button.isEnabled()
    again = BallotEntryDialog(people["branch"], YEAR, 2, selection_id, tab)
    qtbot.addWidget(again)
    assert again.entered_by.text() == "李书记"  # correcting this entry shows what it holds
    fill_ballots(again, VOTES, "李书记")
    again.accept()
    tab.ensure_fresh()
    assert "两次录入一致" in tab.vote_note.text() and tab.tally_button.isEnabled()


def test_a_tie_is_shown_and_settled_from_the_tab(qtbot, tab, people):
    opened(people)
    finish_vote(people, dict(VOTES, 尼玛=(5, 6), 桑吉=(5, 6), 拉毛=(7, 9)))
    tab.reload()
    assert "经济发展岗候选人尼玛、桑吉得票相同" in tab.steps.text()
    assert tab.tie_button.isEnabled() and not tab.appoint_button.isEnabled()
    members = {c.id: c.member_id for c in posts.list_candidates(tab.status.selection_id)}
    result = next(r for r in posts.post_results(tab.status.selection_id) if r.tied)
    dialog = TieDialog(result.post_id, result.post_name, result.tied, result.tied_for, YEAR, members, tab)
    qtbot.addWidget(dialog)
    dialog.boxes[1][1].setChecked(True)
    dialog.accept()
    assert "请写明经济发展岗并列的决定方式" in dialog.error.text()
    dialog.how.setText("支委会研究决定")
    dialog.accept()
    tab.ensure_fresh()
    assert "并列：经济发展岗候选人尼玛、桑吉得票相同" in tab.vote_note.text()
    assert tab.appoint_button.isEnabled() and not tab.tie_button.isEnabled()


def test_the_duty_log_is_typed_at_the_keyboard(qtbot, tab, people):
    opened(people)
    finish_vote(people, VOTES)
    posts.appoint_elected(people["branch"], YEAR, dt.date(2026, 3, 9))
    tab.reload()
    page = tab.duty_log
    tab.pages.setCurrentWidget(page)
    page.holder.setFocus()
    # QTest types ASCII only: Chinese arrives as an input method would hand it over
    page.holder.lineEdit().insert("卓玛（草原管护岗）")
    page.done_on.setDate(QDate(2026, 5, 4))
    page.what.insert("巡查夏季牧场")
    page.for_whom.insert("一社牧户")
    with qtbot.waitSignal(events.bridge().changed):
        qtbot.keyClick(page.for_whom, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1 and page.model.entry(0).what == "巡查夏季牧场"
    assert page.what.text() == "" and page.for_whom.text() == ""
    assert page.holder.hasFocus()  # ready for the next entry
    qtbot.keyClick(page.what, Qt.Key.Key_Return)  # nothing typed
    assert "请填写做了什么" in page.error.text()
    assert tab.pages.tabText(3) == "履职记录（1）"
    holders = {r.member_name: r.log_entries for r in tab.holders_model.rows()}
    assert holders["卓玛"] == 1


def test_coverage_lists_those_without_a_post_and_why(tab, people):
    opened(people)
    finish_vote(people, VOTES)
    posts.appoint_elected(people["branch"], YEAR, dt.date(2026, 3, 9))
    tab.reload()
    rows = {r.member_name: r for r in tab.coverage_model.rows()}
    assert rows["多杰"].status == labels.NO_POST and "未当选" in rows["多杰"].why
    assert rows["才让东智"].status == labels.OFFICE_HOLDER
    assert tab.pages.tabText(4) == "覆盖情况（未定岗3）"
    assert "未定岗3名" in tab.coverage_note.text() and tab.assign_button.isEnabled()


def test_print_dialog_previews_ballots_and_says_when_there_is_nothing(qtbot, tab, people, tmp_path):
    opened(people)
    posts.fix_candidates(people["branch"], YEAR, dt.date(2026, 3, 1))
    dialog = PostsPrintDialog(BALLOTS, YEAR, people["branch"], tab)
    qtbot.addWidget(dialog)
    assert dialog.members.value() == 7  # the branch's members but the one away
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.render_result is not None and dialog.render_result.documents == 7 + 20
    out = tmp_path / "ballots.pdf"
    dialog.save_to(out)
    assert out.read_bytes().startswith(b"%PDF")
    notice = PostsPrintDialog(NOTICE, YEAR, people["branch"], tab)
    qtbot.addWidget(notice)
    qtbot.waitUntil(lambda: not notice.busy, timeout=10_000)
    assert "还没有确定岗位" in notice.status.text() and not notice.save_button.isEnabled()


def test_the_catalogue_is_edited_from_the_tab(qtbot, tab):
    from ui.posts.dialogs import CatalogueDialog

    dialog = CatalogueDialog(tab)
    qtbot.addWidget(dialog)
    assert dialog.choice.count() == 1 + len(posts.list_catalogue())  # and the new-post choice
    dialog.choice.setCurrentIndex(0)
    dialog.name.setText("护林防火岗")
    dialog.duties.setPlainText("巡山护林\n火险隐患报告")
    dialog.accept()
    assert dialog.result()
    assert next(e for e in posts.list_catalogue() if e.name == "护林防火岗").duties == "巡山护林\n火险隐患报告"
    again = CatalogueDialog(tab)
    qtbot.addWidget(again)
    again.choice.setCurrentIndex(0)
    again.name.setText("草原管护岗")
    again.accept()
    assert "已有“草原管护岗”" in again.error.text()


def test_a_holders_duties_are_refined_for_the_card(qtbot, tab, people):
    from ui.posts.dialogs import HolderDialog

    opened(people)
    finish_vote(people, VOTES)
    posts.appoint_elected(people["branch"], YEAR, dt.date(2026, 3, 9))
    tab.reload()
    holder = next(a for a in tab.holders_model.rows() if a.member_name == "卓玛")
    dialog = HolderDialog(holder.id, "卓玛（草原管护岗）", holder.duties, holder.targets, tab)
    qtbot.addWidget(dialog)
    dialog.targets.setPlainText("每月巡查夏季牧场2次\n  \n全年无火情")
    dialog.accept()
    tab.ensure_fresh()
    refined = next(a for a in tab.holders_model.rows() if a.member_name == "卓玛")
    assert refined.targets == "每月巡查夏季牧场2次\n全年无火情"


def test_the_township_page_lists_every_branch_and_opens_one(qtbot, tab, people):
    from dahe_desktop.roster.service import save_branch

    other = save_branch("拉让村党支部", "农牧村", "拉让村")
    opened(people)
    tab.refresh()
    assert tab.overview_model.rowCount() == 0  # read only when shown
    tab.pages.setCurrentWidget(tab.overview_page)
    rows = {r.branch_name: r for r in tab.overview_model.rows()}
    assert set(rows) == {"扎西村党支部", "拉让村党支部"}
    assert tab.overview_proxy.index(0, 2).data() in ("差额确定候选人", "开设岗位")
    row = next(r for r in range(tab.overview_proxy.rowCount()) if tab.overview_proxy.index(r, 0).data() == "拉让村党支部")
    rect = tab.overview_table.visualRect(tab.overview_proxy.index(row, 0))
    qtbot.mouseClick(tab.overview_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.overview_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.branch.currentData() == other and tab.pages.currentIndex() == 0
    assert "2026年还没有开设岗位" in tab.steps.text()


def test_candidates_fixed_too_early_are_reopened(qtbot, tab, people, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    opened(people)
    posts.fix_candidates(people["branch"], YEAR, dt.date(2026, 3, 1))
    tab.reload()
    assert tab.reopen_button.isEnabled() and not tab.candidates_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    assert tab.candidates_button.isEnabled() and not tab.reopen_button.isEnabled()
