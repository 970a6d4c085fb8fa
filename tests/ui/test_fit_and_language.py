"""The window and every dialog on the commonest office screen (1366×768), whole texts,
and Qt's own words in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from dahe_desktop.commitments import postings
from dahe_desktop.commitments import service as commitments
from dahe_desktop.commitments.records import CommitmentFilter
from dahe_desktop.demo import build_demo
from dahe_desktop.roster.validation import Problems
from db.models import Member
from tests.fixtures.rosters import bad_rows, write_xlsx
from tests.helpers.clipping import clipped_texts
from ui.main_window import MainWindow

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


@pytest.fixture
def demo(db, qapp_fonts):
    build_demo()
    return db


@pytest.fixture
def window(demo, qtbot, tmp_path):
    win = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(win)
    win.show()
    return win


def shown(qtbot, dialog: QDialog) -> QDialog:
    """Open a dialog as the clerk would, on the laptop screen."""
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def assert_fits(dialog: QDialog) -> None:
    geometry = dialog.frameGeometry()
    assert dialog.minimumSizeHint().height() <= LAPTOP.height(), dialog.windowTitle()
    assert LAPTOP.contains(geometry), f"{dialog.windowTitle()}: {geometry}"
    assert clipped_texts(dialog) == [], dialog.windowTitle()


def test_qt_texts_are_chinese(qapp_fonts, qtbot):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {b.text().split("(")[0] for b in box.buttons()}
    assert texts == {"是", "否"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
    assert {b.text().split("(")[0] for b in buttons.buttons()} == {"打开", "关闭"}


def test_first_start_fits_a_laptop_screen(window):
    window.place_on_screen(LAPTOP)
    frame = window.frameGeometry()
    assert frame.height() <= LAPTOP.height() + 1 and frame.width() <= LAPTOP.width()
    assert LAPTOP.contains(window.geometry())
    assert window.minimumSizeHint().width() <= 1024
    assert window.statusBar().isVisible()


def test_the_window_remembers_its_place_on_this_pc(window, qtbot, tmp_path):
    window.resize(1100, 650)
    window.move(40, 30)
    window.close()
    again = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (1100, 650)


@pytest.mark.parametrize("table", ["roster", "commitments"])
def test_name_and_status_columns_visible_at_1024_px(window, table):
    window.resize(1024, 700)
    tab = getattr(window, table)
    window.tabs.setCurrentWidget(tab)
    QApplication.processEvents()
    view = tab.table
    model, header = view.model(), view.horizontalHeader()
    titles = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
    for title in ("姓名", "状态"):
        column = titles[title]
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= view.viewport().width(), title


def test_overdue_status_fits_its_column(window):
    window.tabs.setCurrentWidget(window.commitments)
    view = window.commitments.table
    model = view.model()
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "状态")
    texts = {model.index(r, column).data() for r in range(model.rowCount())}
    assert "逾期未完成" in texts
    widest = max(view.fontMetrics().horizontalAdvance(t) for t in texts)
    assert widest + 8 <= view.horizontalHeader().sectionSize(column)


def test_every_dialog_fits_and_shows_its_whole_text(window, qtbot, tmp_path):
    from ui.commitments.entry_dialog import CommitmentEntryDialog
    from ui.commitments.print_dialog import CommitmentPrintDialog
    from ui.commitments.status_dialog import BulkStatusDialog
    from ui.commitments.supervision_dialog import SupervisionPrintDialog
    from ui.help_dialog import HelpDialog
    from ui.namecards.design_dialog import CardDesignDialog
    from ui.namecards.print_dialog import NameCardPrintDialog
    from ui.roster.branch_dialog import BranchEditDialog, BranchesDialog
    from ui.roster.import_dialog import ImportRosterDialog
    from ui.roster.member_dialog import MemberDialog
    from ui.roster.status_dialog import StatusDialog
    from ui.service.inspection_dialog import InspectionDialog
    from ui.service.team_dialog import TeamDialog
    from ui.service.visit_dialog import VisitDialog
    from ui.settings_dialog import TownshipSettingsDialog

    member = Member.select().where(Member.id_number.is_null(False)).first()
    year = dt.date.today().year
    late = next(r for r in commitments.list_commitments(CommitmentFilter(year=year)) if r.overdue)
    roster_file = tmp_path / "村花名册.xlsx"
    write_xlsx(roster_file, bad_rows())
    dialogs = [
        MemberDialog(None, window), MemberDialog(member.id, window),
        StatusDialog([member.id], [member.name], window), BranchesDialog(window), BranchEditDialog(None, window),
        TownshipSettingsDialog(window), BulkStatusDialog([late.id], f"{late.member_name}：{late.content}", window),
        CommitmentEntryDialog(year, late.member_id, parent=window), CardDesignDialog(window),
        ImportRosterDialog(str(roster_file), window),
        NameCardPrintDialog([member.id], window),
        CommitmentPrintDialog(postings.CARD, year, parent=window),
        CommitmentPrintDialog(postings.NOTICE, year, branch_id=member.branch_id, parent=window),
        SupervisionPrintDialog(year, parent=window), HelpDialog(window),
        InspectionDialog(parent=window), TeamDialog(parent=window), VisitDialog(parent=window),
    ]
    for dialog in dialogs:
        shown(qtbot, dialog)
        if hasattr(dialog, "busy"):
            qtbot.waitUntil(lambda d=dialog: not d.busy, timeout=20_000)
        if hasattr(dialog, "preview_ready") and dialog.preview is None:
            with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
                pass
        QApplication.processEvents()
        assert_fits(dialog)
        dialog.close()


def test_member_dialog_shows_every_error_whole(window, qtbot):
    from ui.roster.member_dialog import MemberDialog

    member = Member.select().where(Member.id_number.is_null(False)).first()
    dialog = shown(qtbot, MemberDialog(member.id, window))
    problems = Problems()
    problems.add("phone", "联系电话应为11位手机号码（如 13800000000）或带区号的固定电话（如 0974-1234567）")
    problems.add("id_number", "身份证号校验位不对：最后一位应为 X，请核对原件")
    problems.add("name", "请填写姓名")
    dialog.show_problems(problems)
    QApplication.processEvents()
    assert_fits(dialog)
    assert dialog.id_number.text() == member.id_number


def test_every_tab_shows_its_whole_text(window):
    window.resize(LAPTOP.size())
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert clipped_texts(window.tabs.widget(index)) == [], window.tabs.tabText(index)
