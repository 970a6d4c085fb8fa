"""Finding people in the 花名册 tab: no-match message and clearing filters, right-click
menu, Ctrl+C as cells for Excel, 年龄 and 党龄."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from dahe_desktop.dates import age_on
from tests.helpers.roster import PEOPLE, small_roster
from ui.common.table_actions import build_menu
from ui.roster.tab import RosterTab


def make_tab(qtbot) -> RosterTab:
    tab = RosterTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    return tab


def column(tab: RosterTab, title: str) -> int:
    model = tab.model
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)


def test_no_match_says_so_and_clears_the_filters(db, qtbot, qapp_fonts):
    ids = small_roster()
    tab = make_tab(qtbot)
    assert not tab.clear_button.isEnabled()
    tab.branch.setCurrentIndex(tab.branch.findData(ids["乡机关党支部"]))
    qtbot.keyClicks(tab.search, "zmcr")
    assert tab.model.rowCount() == 0
    assert tab.pages.currentIndex() == 1
    assert tab.no_match.text().startswith("没有找到与“zmcr”相符的党员")
    assert tab.no_match_clear.isVisible()
    qtbot.mouseClick(tab.no_match_clear, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 5 and tab.search.text() == "" and tab.branch.currentIndex() == 0
    assert tab.pages.currentIndex() == 0 and not tab.clear_button.isEnabled()


def test_clear_filters_button_restores_the_default_view(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    tab.sex.setCurrentText("女")
    assert tab.model.rowCount() == 2 and tab.clear_button.isEnabled()
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 5


def test_ctrl_c_copies_selected_rows_as_cells(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.model.index(1, 0), tab.table.selectionModel().SelectionFlag.Select | tab.table.selectionModel().SelectionFlag.Rows
    )
    tab.table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert len(lines) == 3
    assert lines[0].split("\t")[:2] == ["姓名", "状态"]
    assert lines[1].split("\t")[0] == tab.model.data(tab.model.index(0, 0))
    shown_columns = [c for c in range(tab.model.columnCount()) if not tab.table.isColumnHidden(c)]
    assert len(lines[1].split("\t")) == len(shown_columns)  # what the table shows
    assert "********" in lines[1]  # ID numbers stay masked


def test_right_click_menu_offers_the_actions_on_the_selection(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    tab.table.selectRow(0)
    menu = build_menu(tab.table, [tab.edit_action, tab.status_action, tab.print_action], tab.copy_action)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["编辑…", "变更状态…", "打印党员名片…"]
    assert texts[-1] == "复制选中行"
    assert all(a.isEnabled() for a in menu.actions() if not a.isSeparator())


def test_age_and_party_years_columns(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    age, years = column(tab, "年龄"), column(tab, "党龄")
    name_col = column(tab, "姓名")
    born = {name: birth for name, _sex, _eth, birth, _edu, _phone in PEOPLE}
    for row in range(tab.model.rowCount()):
        name = tab.model.data(tab.model.index(row, name_col))
        assert tab.model.data(tab.model.index(row, age)) == str(age_on(born[name], dt.date.today()))
        assert tab.model.data(tab.model.index(row, years)) == ""  # no 入党时间 in this roster
    tab.table.sortByColumn(age, Qt.SortOrder.AscendingOrder)
    QApplication.processEvents()
    ages = [int(tab.model.data(tab.model.index(r, age))) for r in range(tab.model.rowCount())]
    assert ages == sorted(ages)


def test_no_row_on_screen_holds_the_masked_id_beside_the_whole_birth_date(db, qtbot, qapp_fonts):
    small_roster()
    tab = make_tab(qtbot)
    birth, id_col, name_col = column(tab, "出生日期"), column(tab, "身份证号"), column(tab, "姓名")
    born = {name: birth_date for name, _sex, _eth, birth_date, _edu, _phone in PEOPLE}
    for row in range(tab.model.rowCount()):
        cells = [tab.model.data(tab.model.index(row, c)) for c in range(tab.model.columnCount())]
        day = born[cells[name_col]]
        assert cells[birth] == f"{day:%Y-%m}" and "*" in cells[id_col]
        assert not any(day.isoformat() in c or f"{day:%Y%m%d}" in c for c in cells)
        assert cells[id_col].endswith("*")  # nor the check digit, which would pick the day
