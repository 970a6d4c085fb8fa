"""The 考核评议 tab driven from the keyboard: a sheet typed into the grid, a value above
the maximum refused, blanks highlighted, the second pass compared and settled, grades,
finalize and reopen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from dahe_desktop.appraisal import entry, results, runs
from tests.helpers.appraisal import fill, scoring_run
from ui.appraisal.grid import DIFFERS, MISSING
from ui.appraisal.tab import PAGES, AppraisalTab
from ui.appraisal.table_models import ResultsModel, SubjectsModel


@pytest.fixture
def setup(db):
    return scoring_run(dt.date.today().year)


@pytest.fixture
def tab(qtbot, setup):
    widget = AppraisalTab()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.branch.setCurrentIndex(widget.branch.findText("扎西村党支部"))
    return widget


def open_page(tab: AppraisalTab, name: str) -> None:
    tab.pages.setCurrentIndex(PAGES.index(name))


def choose_sheet(tab: AppraisalTab, rater: str, category: str, pass_label: str = "第一遍录入") -> None:
    open_page(tab, "评分录入")
    tab.sheet_rater.setCurrentIndex(tab.sheet_rater.findText(rater))
    tab.sheet_category.setCurrentIndex(tab.sheet_category.findText(category))
    tab.sheet_pass.setCurrentIndex(tab.sheet_pass.findText(pass_label))


def type_cell(qtbot, grid, text: str) -> None:
    """Type into the current cell as the clerk does: the keys start the editor, Enter ends it."""
    qtbot.keyClicks(grid, text[0])
    editor = [e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible()][-1]  # old ones linger until deleted
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes its editor on the next turn of the event loop.
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=2000)


def test_a_sheet_is_typed_from_the_keyboard_and_saved_cell_by_cell(qtbot, tab, setup):
    run_id, ids = setup
    choose_sheet(tab, "群众代表1号 代表甲", "一般党员")
    grid, model = tab.grid, tab.grid_model
    assert model.rowCount() == 2 and model.columnCount() == 9
    assert model.headerData(0, Qt.Orientation.Vertical) == "1 卓玛才让"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == MISSING
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 0))
    type_cell(qtbot, grid, "7")
    type_cell(qtbot, grid, "3.5")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 2)
    sheet = entry.score_sheet(run_id, ids["rater:代表甲"], "一般党员", 1)
    assert sheet.rows[0].values[:3] == [70, 35, None]
    assert model.index(0, 0).data() == "7" and model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "空格16个" in tab.sheet_state.text()
    # 9 is above the 4-point maximum of the third item: refused, the cursor stays
    type_cell(qtbot, grid, "9")
    assert "9超过满分4分" in tab.message.text()
    assert entry.score_sheet(run_id, ids["rater:代表甲"], "一般党员", 1).rows[0].values[2] is None
    assert grid.currentIndex().column() == 2
    # the end of a row goes on to the next member
    grid.setCurrentIndex(model.index(0, 8))
    type_cell(qtbot, grid, "6")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 0)
    assert "本年没有公开承诺" in tab.context.toPlainText() and "马福祥" in tab.context.toPlainText()


def test_the_grid_model_is_a_sound_table_model(qtmodeltester, tab):
    choose_sheet(tab, "党员1号 卓玛才让", "老病残党员")
    qtmodeltester.check(tab.grid_model)


def test_second_pass_differences_are_listed_and_settled(qtbot, tab, setup):
    run_id, ids = setup
    fill(run_id)
    rater, subject = ids["rater:代表甲"], ids["subject:马福祥"]
    sheet = entry.score_sheet(run_id, rater, "一般党员", 2)
    values = list(sheet.rows[1].values)
    values[0] = 10
    entry.save_sheet(run_id, rater, "一般党员", 2, {subject: values})
    choose_sheet(tab, "群众代表1号 代表甲", "一般党员", "第二遍录入（核对）")
    cell = tab.grid_model.index(1, 0)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == DIFFERS and "另一遍录入为8" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tab.grid_model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    open_page(tab, "两遍核对")
    assert tab.differences_model.rowCount() == 1
    assert [tab.differences_proxy.index(0, c).data() for c in range(6)] == ["群众代表1号 代表甲", "马福祥", "一般党员", "学习党的理论和政策", "8", "1"]
    open_page(tab, "评议结果")
    assert "1处两遍录入不一致" in tab.blocked.text()
    open_page(tab, "两遍核对")
    tab.differences_table.selectRow(0)
    qtbot.mouseClick(tab.first_button, Qt.MouseButton.LeftButton)
    assert tab.differences_model.rowCount() == 0 and tab.pending.text() == "两遍录入一致"
    open_page(tab, "评议结果")
    assert tab.blocked.isHidden()
    assert {tab.results_proxy.index(r, 3).data() for r in range(tab.results_proxy.rowCount())} == {"96.0"}


def test_grades_finalize_and_a_logged_reopen(qtbot, tab, setup, monkeypatch):
    run_id, ids = setup
    fill(run_id)
    results.set_grade(ids["subject:马福祥"], "合格", "服务群众不够主动")
    open_page(tab, "评议结果")
    assert tab.finalize_button.isEnabled() and not tab.reopen_button.isEnabled()
    qtbot.mouseClick(tab.finalize_button, Qt.MouseButton.LeftButton)
    assert runs.run_info(run_id).state == "finalized"
    assert tab.state.text().startswith("已定档") and tab.reopen_button.isEnabled()
    assert not tab.grade_button.isEnabled()
    choose_sheet(tab, "群众代表1号 代表甲", "一般党员")
    assert "只读" in tab.sheet_state.text()
    assert not tab.grid_model.flags(tab.grid_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    monkeypatch.setattr("ui.appraisal.tab.QInputDialog.getText", lambda *a, **k: ("代表甲一格录错", True))
    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    assert "重新打开" in tab.state.text() or "修改均有记录" in tab.state.text()
    open_page(tab, "修改记录")
    texts = [tab.events_model.index(r, 2).data() for r in range(tab.events_model.rowCount())]
    assert "代表甲一格录错" in texts


def test_categories_and_raters_in_a_draft(qtbot, db, monkeypatch):
    from tests.helpers.roster import small_roster

    ids = small_roster()
    tab = AppraisalTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.branch.setCurrentIndex(tab.branch.findText("扎西村党支部"))
    assert tab.state.text() == "尚未建立本年度考核评议" and tab.create_button.isEnabled()
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.start_button.isEnabled() and tab.subjects_model.rowCount() == 4
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert "尚未确认" in tab.message.text()
    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    open_page(tab, "评议人")
    qtbot.mouseClick(tab.members_button, Qt.MouseButton.LeftButton)
    assert tab.raters_model.rowCount() == 4
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.state.text().startswith("评分中") and ids


def test_results_model(qtmodeltester, tab, setup):
    fill(setup[0])
    open_page(tab, "评议结果")
    assert isinstance(tab.results_model, ResultsModel)
    qtmodeltester.check(tab.results_model)
    open_page(tab, "考核对象")
    assert isinstance(tab.subjects_model, SubjectsModel)
    qtmodeltester.check(tab.subjects_model)


def test_self_assessment_and_clause_counts_change_the_total(qtbot, tab, setup):
    from ui.appraisal.dialogs import MemberFactsDialog

    run_id, ids = setup
    fill(run_id)
    dialog = MemberFactsDialog(entry.member_facts(ids["subject:卓玛才让"]), tab)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("全年参加学习12次")
    dialog.counts[1][1][0].setValue(3)  # 缺席“三会一课”3次: −6 points
    dialog.accept()
    m = next(m for m in results.run_results(run_id).members if m.name == "卓玛才让")
    assert m.total == 960 - 60
    assert entry.member_facts(ids["subject:卓玛才让"]).self_assessment == "全年参加学习12次"


def test_a_filled_template_is_imported_into_the_pass_chosen(qtbot, tab, setup, tmp_path):
    from openpyxl import load_workbook

    from dahe_desktop.appraisal.workbook import export_template

    run_id, _ = setup
    path = tmp_path / "t.xlsx"
    export_template(run_id, path)
    book = load_workbook(path)
    book["一般党员"]["F3"] = 99
    book.save(path)
    choose_sheet(tab, "党员1号 卓玛才让", "一般党员", "第二遍录入（核对）")
    tab.entry_page.import_file(str(path))
    assert "99超过满分8分" in tab.message.text()
    book["一般党员"]["F3"] = 6
    book.save(path)
    tab.entry_page.import_file(str(path))
    assert tab.message.text() == "已导入第二遍录入（核对）：1行，1个分数"
    assert tab.grid_model.index(0, 0).data() == "6"


def test_the_print_dialog_previews_each_paper(qtbot, tab, setup):
    from ui.appraisal.print_dialog import AppraisalPrintDialog

    run_id, _ = setup
    dialog = AppraisalPrintDialog(run_id, "扎西村党支部2026年度", parent=tab)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "共6张评分表" in dialog.status.text() and dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.kind.setCurrentIndex(1)  # the results: nothing scored yet
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "还没有评议结果可打印" in dialog.status.text() and not dialog.save_button.isEnabled()
    fill(run_id)
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.kind.setCurrentIndex(2)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "共4份通知单" in dialog.status.text()


def test_run_settings_three_grades_a_cap_and_weights(qtbot, tab, setup):
    from dahe_desktop.appraisal.runs import township_config
    from ui.appraisal.dialogs import RunSettingsDialog

    run_id, _ = setup
    dialog = RunSettingsDialog(runs.run_info(run_id), tab)
    qtbot.addWidget(dialog)
    dialog.weights["党员"].setValue(70)
    dialog.accept()
    assert "各类评议人权重合计为110%，应为100%" in dialog.error.text()
    dialog.weights["群众代表"].setValue(30)
    dialog.grade_set.setCurrentIndex(1)
    assert [g for g, _ in dialog.minimums] == ["优秀", "合格", "不合格"]
    dialog.cap_on.setChecked(True)
    dialog.cap.setValue(25)
    dialog.meeting.setDate(dialog.meeting.date().addDays(-3))
    dialog.as_default.setChecked(True)
    dialog.accept()
    config = runs.run_info(run_id).config
    assert (dict(config.weights), config.grades, config.excellent_cap) == ({"党员": 70, "群众代表": 30}, ("优秀", "合格", "不合格"), 25)
    assert township_config() == config
    assert runs.run_info(run_id).meeting_date is not None



def test_the_grade_dialog_logs_its_viewing_when_it_shows_a_reason(db, qtbot):
    from dahe_desktop.audit.service import list_entries
    from db.models import AppraisalRun
    from ui.appraisal.dialogs import GradeDialog

    run_id, ids = scoring_run()
    fill(run_id)
    results.record_decision(ids["subject:卓玛才让"], "合格", "患病期间仍坚持参加学习", "", "")
    for member in results.run_results(run_id).members:
        qtbot.addWidget(GradeDialog(member, ("优秀", "合格", "基本合格", "不合格")))
    viewed = [(r.record, r.new) for r in list_entries(table="appraisal_subject") if r.field == "查看"]
    assert len(results.run_results(run_id).members) > 1
    assert viewed == [(f"{runs.run_label(AppraisalRun.get_by_id(run_id))}·卓玛才让", "等次理由")]
