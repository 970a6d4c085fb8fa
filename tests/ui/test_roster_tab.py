from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from db.models import Member
from tests.helpers.roster import small_roster
from ui.roster.member_dialog import MemberDialog
from ui.roster.tab import RosterTab
from ui.roster.table_model import RosterTableModel


def shown_names(tab: RosterTab) -> list[str]:
    model = tab.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def make_tab(qtbot) -> RosterTab:
    tab = RosterTab()
    qtbot.addWidget(tab)
    tab.refresh()
    return tab


def test_model_passes_qt_model_checks(db, qtmodeltester):
    small_roster()
    model = RosterTableModel()
    model.reload()
    qtmodeltester.check(model)


def test_typing_pinyin_initials_finds_the_member(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    assert len(shown_names(tab)) == 5
    qtbot.keyClicks(tab.search, "zmcr")
    assert shown_names(tab) == ["卓玛才让"]
    assert "显示 1 人" in tab.count.text()
    tab.search.clear()
    assert len(shown_names(tab)) == 5


def test_branch_filter_and_header_sort(db, qtbot, qapp_fonts):
    ids = small_roster()
    tab = make_tab(qtbot)
    tab.branch.setCurrentIndex(tab.branch.findData(ids["乡机关党支部"]))
    assert shown_names(tab) == ["张晓梅"]
    tab.branch.setCurrentIndex(0)
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown_names(tab)[0] == "李国强"


def fill_and_save(qtbot, dialog: MemberDialog, **fields) -> None:
    for name, text in fields.items():
        widget = getattr(dialog, name)
        widget.clear()
        if text.isascii():
            qtbot.keyClicks(widget, text)
        else:  # QTest can only type ASCII; Chinese arrives through an input method
            widget.insert(text)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_add_member_through_the_dialog(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    dialog = MemberDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_and_save(qtbot, dialog, name="才让东智", id_number="632522199001150031", phone="13800001111")
    # The valid ID number filled in sex and birth date; 民族 is still missing.
    assert dialog.sex.currentText() == "男"
    assert dialog.birth_date.text() == "1990-01-15"
    error = dialog.findChild(QLabel, "error_ethnicity")
    assert error is not None and error.isVisible() and "民族" in error.text()
    assert Member.select().where(Member.name == "才让东智").count() == 0

    dialog.ethnicity.setCurrentText("藏族")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    tab.refresh()
    qtbot.keyClicks(tab.search, "crdz")
    assert shown_names(tab) == ["才让东智"]


def test_bad_id_number_is_shown_at_the_field(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    dialog = MemberDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ethnicity.setCurrentText("汉族")
    fill_and_save(qtbot, dialog, name="王五", id_number="632522199001150014", birth_date="1990.01")
    error = dialog.findChild(QLabel, "error_id_number")
    assert error.isVisible() and "校验位" in error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert Member.select().where(Member.name == "王五").count() == 0


def test_edit_keeps_selection_and_buttons_follow_selection(db, qtbot, qapp_fonts):
    ids = small_roster()
    tab = make_tab(qtbot)
    assert not tab.edit_button.isEnabled()
    tab.select_member(ids["马福祥"])
    assert tab.selected_member_ids() == [ids["马福祥"]]
    assert tab.edit_button.isEnabled() and tab.status_button.isEnabled()
    dialog = MemberDialog(ids["马福祥"], tab)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "马福祥"
    fill_and_save(qtbot, dialog, position="村委会委员")
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Member.get_by_id(ids["马福祥"]).position == "村委会委员"


def test_print_button_opens_the_card_dialog_with_the_selection(db, qtbot, qapp_fonts, monkeypatch):
    ids = small_roster()
    tab = make_tab(qtbot)
    opened = []

    class FakeDialog:
        def __init__(self, selected, parent):
            opened.append(selected)

        def exec(self):
            return 0

        def deleteLater(self):
            pass

    monkeypatch.setattr("ui.namecards.print_dialog.NameCardPrintDialog", FakeDialog)
    tab.select_member(ids["扎西多杰"])
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert opened == [[ids["扎西多杰"]]]
