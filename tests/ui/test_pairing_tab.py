"""The 结对帮扶 tab driven as the clerk drives it: pair by dialog and by drag and drop,
unpair, lock, accept a plan in part, the coverage header; and a screenshot."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from dahe_desktop.demo import build_demo
from tests.helpers.pairing import small_village
from ui.pairing.models import HouseholdsModel, ServersModel
from ui.pairing.pair_dialog import PairDialog
from ui.pairing.tab import PairingTab


@pytest.fixture
def tab(db, qtbot, qapp_fonts):
    ids = small_village()
    tab = PairingTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.ids = ids
    return tab


def household_row(tab: PairingTab, head: str):
    return next(r for r in tab.households_model.rows() if r.head == head)


def select_households(tab: PairingTab, *heads: str) -> None:
    selection = tab.households.selectionModel()
    selection.clearSelection()
    for row in range(tab.households_proxy.rowCount()):
        index = tab.households_proxy.index(row, 0)
        if tab.households_proxy.data(index) in heads:
            selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def server_proxy_row(tab: PairingTab, name: str) -> int:
    return next(r for r in range(tab.servers_proxy.rowCount()) if tab.servers_proxy.data(tab.servers_proxy.index(r, 0)) == name)


def test_the_header_shows_coverage_and_the_models_are_sound(tab, qtmodeltester):
    assert tab.branch.currentText() == "扎西村党支部"
    assert "✘ 未全覆盖" in tab.coverage_label.text() and "未联系12户" in tab.coverage_label.text()
    assert tab.households_model.rowCount() == 12
    qtmodeltester.check(tab.households_model)
    qtmodeltester.check(tab.servers_model)


def test_pair_through_the_dialog_then_unpair(tab):
    select_households(tab, "户主1", "户主2")

    class Chooses(PairDialog):
        def exec(self):
            self.select(("m", tab.ids["卓玛"]))
            self.lock.setChecked(True)
            self.note.setText("邻居")
            return 1

    assert tab.pair_selected(Chooses)
    assert household_row(tab, "户主1").partner_name == "卓玛" and household_row(tab, "户主1").locked
    assert "已联系2户" in tab.coverage_label.text()
    loads = {r.name: r.load for r in tab.servers_model.rows()}
    assert loads["卓玛"] == 2

    select_households(tab, "户主1")
    assert not tab.unpair_button.isEnabled()  # locked
    tab.unlock_button.click()
    select_households(tab, "户主1")
    tab.unpair_button.click()
    assert household_row(tab, "户主1").partner is None
    assert household_row(tab, "户主2").partner_name == "卓玛"


def test_dropping_households_on_a_member_pairs_them_and_refusals_are_shown(tab):
    index = tab.households_proxy.index(0, 0)
    first = tab.households_proxy.data(index)
    mime = tab.households_proxy.mimeData([index])
    target = tab.servers_proxy.index(server_proxy_row(tab, "多杰"), 0)
    assert tab.servers_proxy.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    tab.servers_proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert household_row(tab, first).partner_name == "多杰"

    hard = next(r for r in range(tab.households_proxy.rowCount())
                if tab.households_proxy.data(tab.households_proxy.index(r, 2)) == "低保户")  # fmt: skip
    mime = tab.households_proxy.mimeData([tab.households_proxy.index(hard, 0)])
    frail = tab.servers_proxy.index(server_proxy_row(tab, "老扎西"), 0)
    tab.servers_proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, frail)
    assert "困难户应由有帮扶能力的党员联系" in tab.message.text()


def test_accepting_a_plan_in_part_then_in_full_reaches_full_coverage(tab):
    def untick_first_and_accept(dialog):
        assert "可实现全覆盖" in dialog.findChildren(type(tab.message))[0].text()
        first = dialog.model.index(0, 0)
        dialog.model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        dialog.accept_button.click()

    assert tab.open_plan(untick_first_and_accept) == 11
    assert "未联系1户" in tab.coverage_label.text()
    tab.only_uncovered.setChecked(True)
    assert tab.households_model.rowCount() == 1
    assert tab.open_plan(lambda d: d.accept_button.click()) == 1
    assert "✔ 全覆盖" in tab.coverage_label.text()
    assert tab.households_model.rowCount() == 0


def test_filters_by_settlement_and_kind(tab):
    tab.settlement.setCurrentText("二社")
    assert {r.settlement for r in tab.households_model.rows()} == {"二社"}
    tab.kind.setCurrentText("流动党员户")
    assert tab.households_model.rowCount() == 0
    tab.settlement.setCurrentIndex(0)
    assert [r.head for r in tab.households_model.rows()] == ["外出家"]


def test_screenshot_of_the_demo_township(db, qtbot, qapp_fonts, tmp_path):
    build_demo()
    tab = PairingTab()
    qtbot.addWidget(tab)
    tab.year.setCurrentIndex(tab.year.findData(2026))
    tab.resize(1366, 768)
    tab.show()
    assert "✔ 全覆盖" in tab.coverage_label.text() and "全乡：1091/1091户" in tab.coverage_label.text()
    assert isinstance(tab.servers_model, ServersModel) and isinstance(tab.households_model, HouseholdsModel)
    path = os.environ.get("DAHE_SCREENSHOT_DIR") or str(tmp_path)
    assert tab.grab().save(os.path.join(path, "pairing-tab.png"))


def test_the_clerk_sets_a_maximum_and_marks_a_committee_member(tab):
    row = server_proxy_row(tab, "多杰")
    tab.servers.selectRow(row)
    assert tab.profile_button.isEnabled()

    def set_two_and_committee(dialog):
        assert dialog.maximum.specialValueText() == "按人员类别默认（15户）"
        dialog.maximum.setValue(2)
        dialog.committee.setCurrentText("是支委")
        dialog.accept()
        return dialog.result()

    assert tab.edit_profile(set_two_and_committee)
    duo = next(r for r in tab.servers_model.rows() if r.name == "多杰")
    assert (duo.maximum, duo.committee, duo.maximum_set) == (2, True, 2)


def test_a_helper_is_added_and_can_take_households(tab):
    def fill(dialog):
        dialog.name.setText("积极分子甲")
        dialog.phone.setText("13900000000")
        dialog.accept()
        return dialog.result()

    assert tab.add_helper(fill)
    helper = next(r for r in tab.servers_model.rows() if r.name == "积极分子甲")
    assert helper.role == "入党积极分子" and helper.maximum == 10
    assert tab.pair_to([tab.ids["户9"]], helper.key)  # a 低保户: a helper is able
    assert household_row(tab, "户主9").partner_name == "积极分子甲（入党积极分子）"


def test_the_print_dialogs_preview_the_three_printouts(tab, qtbot, tmp_path):
    from ui.pairing.print_dialog import CARDS, LETTERS, LIST, PairingPrintDialog

    tab.open_plan(lambda d: d.accept_button.click())
    for kind, status in ((CARDS, "共12张联系卡"), (LETTERS, "共5份责任状"), (LIST, "共1个支部的公示")):
        dialog = PairingPrintDialog(kind, tab.current_year(), tab.branch.currentData(), tab)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda dialog=dialog: not dialog.busy, timeout=20_000)
        assert dialog.status.text().startswith(status), dialog.status.text()
        dialog.save_to(tmp_path / f"{kind}.pdf")
        assert (tmp_path / f"{kind}.pdf").read_bytes().startswith(b"%PDF")


def test_a_household_is_added_and_edited_through_the_dialog(tab):
    def fill(dialog):
        dialog.head.setText("新户主")
        dialog.settlement.setText("三社")
        dialog.kind.setCurrentText("流动党员户")
        assert dialog.away.isEnabled()
        dialog.away.setCurrentIndex(dialog.away.findData(tab.ids["外出才让"]))
        dialog.accept()
        return dialog.result()

    assert tab.edit_household(new=True, run_dialog=fill)
    added = household_row(tab, "新户主")
    assert (added.settlement, added.kind, added.partner) == ("三社", "流动党员户", None)
    assert "未联系13户" in tab.coverage_label.text()

    select_households(tab, "新户主")

    def refuse_then_fix(dialog):
        dialog.phone.setText("12345")
        dialog.accept()
        assert "手机号码应为以1开头的11位数字" in dialog.error.text()
        dialog.phone.setText("13900000001")
        dialog.accept()
        return dialog.result()

    assert tab.edit_household(run_dialog=refuse_then_fix)
    assert household_row(tab, "新户主").phone == "13900000001"


def test_import_shows_bad_rows_and_imports_only_a_clean_file(tab, tmp_path):
    from tests.core.test_pairing_io import HEADER, bad_rows, good_rows
    from tests.fixtures.rosters import write_xlsx

    bad = write_xlsx(tmp_path / "bad.xlsx", good_rows() + bad_rows(), header=HEADER, title=None)

    def look(dialog):
        assert dialog.bad.count() == 7 and dialog.bad.item(0).text().startswith("第2行")
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return 0

    assert tab.import_households(str(bad), look) == (0, 0)
    good = write_xlsx(tmp_path / "good.xlsx", good_rows(), header=HEADER, title=None)

    def accept(dialog):
        assert "新增3户" in dialog.summary.text()
        dialog.accept()
        return dialog.result()

    assert tab.import_households(str(good), accept) == (3, 0)
    assert "已导入：新增3户" in tab.message.text()
    assert household_row(tab, "马福").kind == "低保户"


def test_a_household_that_moves_away_leaves_the_count_and_its_pair_is_removed_by_the_plan(tab):
    tab.open_plan(lambda d: d.accept_button.click())
    select_households(tab, "户主3")
    assert tab.household_leaves("迁出") == 1
    assert "户主3" not in [r.head for r in tab.households_model.rows()]
    assert "农户11户，已联系11户" in tab.coverage_label.text()

    def removed(dialog):
        assert [(c.action, c.household.head, c.note) for c in dialog.proposal.changes] == [("解除", "户主3", "农户已不在册")]
        dialog.accept_button.click()

    assert tab.open_plan(removed) == 1
