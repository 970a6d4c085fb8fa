"""服务工作: entering a visit with its problems, taking an item along its way (and being
told why not), teams and inspections, the papers' previews."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemFilter
from dahe_desktop.service.visits import list_items
from tests.helpers.roster import small_roster
from ui.service.inspection_dialog import InspectionDialog
from ui.service.print_dialog import HANDBOOK, SLIPS, SUPERVISION, ServicePrintDialog
from ui.service.step_dialog import ItemStepDialog
from ui.service.tab import ServiceTab
from ui.service.team_dialog import TeamDialog
from ui.service.visit_dialog import VisitDialog

TODAY = dt.date.today()


@pytest.fixture
def ids(db, qapp_fonts):
    return small_roster()


@pytest.fixture
def tab(ids, qtbot):
    widget = ServiceTab()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def enter_visit(ids, qtbot, problems=("三社进村道路雨后泥泞",)) -> VisitDialog:
    dialog = VisitDialog(ids["扎西村党支部"])
    qtbot.addWidget(dialog)
    dialog.member.setCurrentIndex(dialog.member.findData(ids["卓玛才让"]))
    dialog.households.setText("三社才让东智户")
    for row, text in zip(dialog.rows, problems, strict=False):
        row.content.setText(text)
        row.household.setText("才让东智")
        row.owner.setText("马主任")
    dialog.accept()
    return dialog


def test_a_visit_with_its_problem_shows_in_the_tab_at_once(ids, tab, qtbot):
    dialog = enter_visit(ids, qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert tab.items_model.rowCount() == 1 and tab.visits_model.rowCount() == 1
    assert tab.items_model.row_at(0).status == L.COLLECTED
    assert tab.items_count.text() == "共1条，逾期0条"


def test_a_visit_without_a_place_says_what_to_fill(ids, qtbot):
    dialog = VisitDialog(ids["扎西村党支部"])
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "请填写走访的户或地点" in dialog.error.text() and not dialog.error.isHidden()


def test_the_step_dialog_offers_only_the_next_step_and_refuses_a_result_without_text(ids, tab, qtbot):
    enter_visit(ids, qtbot)
    item = tab.items_model.row_at(0)
    dialog = ItemStepDialog([item])
    qtbot.addWidget(dialog)
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == [L.REPORTED]
    dialog.accept()
    dialog = ItemStepDialog([tab.items_model.row_at(0)])
    qtbot.addWidget(dialog)
    dialog.accept()  # 办理中
    dialog = ItemStepDialog([tab.items_model.row_at(0)])
    qtbot.addWidget(dialog)
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == list(L.RESULTS)
    assert not dialog.form.isRowVisible(dialog.how)
    dialog.accept()
    assert "请写明办理结果" in dialog.error.text()
    dialog.result.setPlainText("铺砂石2公里")
    dialog.accept()
    assert tab.items_model.row_at(0).status == L.SOLVED
    dialog = ItemStepDialog([tab.items_model.row_at(0)])
    qtbot.addWidget(dialog)
    assert dialog.status.currentData() == L.FED_BACK and dialog.form.isRowVisible(dialog.how)
    dialog.accept()
    assert tab.items_model.row_at(0).status == L.FED_BACK
    reopen = ItemStepDialog([tab.items_model.row_at(0)])
    qtbot.addWidget(reopen)
    assert reopen.status.currentText().startswith(L.REOPEN) and reopen.form.isRowVisible(reopen.note)
    reopen.accept()
    assert "群众反映未解决" in reopen.error.text()
    reopen.note.setText("又冲坏了")
    reopen.accept()
    row = tab.items_model.row_at(0)
    assert (row.status, row.reopened) == (L.IN_HAND, 1)


def test_items_in_different_states_have_no_shared_step(ids, tab, qtbot):
    enter_visit(ids, qtbot, ("路", "水"))
    first = tab.items_model.row_at(0)
    step = ItemStepDialog([first])
    qtbot.addWidget(step)
    step.accept()
    dialog = ItemStepDialog(tab.items_model.rows())
    qtbot.addWidget(dialog)
    assert dialog.status.count() == 0
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_overdue_filter_and_selection_buttons(ids, tab, qtbot):
    dialog = VisitDialog(ids["扎西村党支部"])
    qtbot.addWidget(dialog)
    dialog.on.setDate(QDate.currentDate().addDays(-60))
    dialog.households.setText("一社")
    dialog.rows[0].content.setText("饮水管道冻裂")
    dialog.rows[0].due.setDate(QDate.currentDate().addDays(-10))
    dialog.accept()
    tab.overdue_only.setChecked(True)
    assert tab.items_model.rowCount() == 1 and tab.items_model.row_at(0).overdue
    assert not tab.step_button.isEnabled()
    tab.items_table.selectRow(0)
    assert tab.step_button.isEnabled() and tab.slips_button.isEnabled() and tab.history_button.isEnabled()


def test_a_team_from_its_dialog(ids, tab, qtbot):
    dialog = TeamDialog(ids["扎西村党支部"])
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentText(L.CO_PROSPERITY_GROUP)
    dialog.name.setText("牦牛养殖共富组")
    dialog.leader.setCurrentIndex(dialog.leader.findData(ids["扎西多杰"]))
    dialog.trade.setCurrentText("规模养殖")
    dialog.villagers.setPlainText("拉毛\n尼玛\n")
    dialog.households.setPlainText("才让东智 三社\n周毛")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    tab.pages.setCurrentIndex(3)
    (team,) = tab.teams_model.rows()
    assert (team.party_members, team.villagers, team.households) == (1, 2, 2)
    assert tab.teams_count.text() == "共1支，成员3人"


def test_an_inspection_needs_participants(ids, tab, qtbot):
    dialog = InspectionDialog(ids["扎西村党支部"])
    qtbot.addWidget(dialog)
    dialog.topic.setText("冬春饲草储备")
    dialog.accept()
    assert "请选择参加的党员" in dialog.error.text()
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.remote.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert tab.inspections_model.rowCount() == 1 and tab.inspections_model.row_at(0).remote
    assert tab.summary_model.row_at(tab.summary_model.rowCount() - 1).inspections == 1  # the 合计 line


@pytest.mark.parametrize("kind", [HANDBOOK, SUPERVISION, SLIPS])
def test_the_papers_preview(ids, qtbot, kind):
    enter_visit(ids, qtbot)
    item = list_items(ItemFilter())[0]
    which = {HANDBOOK: [ids["卓玛才让"]], SUPERVISION: [ids["扎西村党支部"]], SLIPS: [item.id]}[kind]
    dialog = ServicePrintDialog(kind, which, TODAY.year)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.render_result is not None, timeout=20000)
    assert dialog.render_result.pages == 1 and dialog.save_button.isEnabled()


def test_the_table_models_pass_the_model_tester(ids, tab, qtbot, qtmodeltester):
    enter_visit(ids, qtbot, ("路", "水"))
    for model in (tab.items_model, tab.visits_model, tab.summary_model, tab.teams_model, tab.inspections_model):
        qtmodeltester.check(model)


def test_an_item_is_routed_to_a_township_office_only_with_its_name(ids, tab, qtbot):
    from ui.service.item_dialog import ItemDialog

    enter_visit(ids, qtbot)
    dialog = ItemDialog(tab.items_model.row_at(0))
    qtbot.addWidget(dialog)
    dialog.route.setCurrentText(L.ROUTE_OFFICE)
    dialog.office.setCurrentText("")
    dialog.accept()
    assert "哪个部门" in dialog.error.text()
    dialog.office.setCurrentText("经济发展办")
    dialog.owner.setText("经济发展办")
    dialog.accept()
    assert tab.items_model.row_at(0).routed_to == "乡镇部门（经济发展办）"


def test_opening_a_team_that_names_households_in_difficulty_logs_the_viewing(ids, qtbot):
    from dahe_desktop.audit.service import list_entries
    from dahe_desktop.service.records import TeamInput
    from dahe_desktop.service.teams import save_team, team_detail

    helping = save_team(TeamInput(ids["扎西村党支部"], L.ASSISTANCE_TEAM, "党员帮扶队", 2025, leader_id=ids["卓玛才让"],
                                  households=[("才让东智", "三社")]))  # fmt: skip
    showing = save_team(TeamInput(ids["扎西村党支部"], L.TYPICAL_HOUSEHOLD, "尕布藏羊养殖户", 2025, leader_name="尕布"))
    for team in (helping, showing):
        qtbot.addWidget(TeamDialog(None, team_detail(team)))
    viewed = [(r.table, r.record, r.new) for r in list_entries() if r.field == "查看"]
    assert viewed == [("队伍", f"党员帮扶队（{helping}）", "帮带困难户")]  # the team without households shows nothing sensitive
